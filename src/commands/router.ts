/**
 * `/subprocessors` routing: one table of subcommands, each a plain async handler. A first word that is
 * no subcommand is a search. Pure: the engine layer turns the answer into a message or a notification.
 */
import type { Catalog } from '../domain/catalog';
import { typoDistance } from '../domain/distance';
import { findPlace, placeName, suggestPlaces, type Place } from '../domain/geo';
import { FILLER, parseQuestion } from '../domain/question';
import { relatedWords } from '../domain/synonyms';
import { fold, inertTruncated, tokens } from '../domain/text';
import {
	categoriesAnswer,
	examplePlace,
	exampleVendor,
	helpAnswer,
	listAnswer,
	noMatchAnswer,
	notice,
	notStatedAnswer,
	placeAnswer,
	searchAnswer,
	type Suggestion,
} from '../format/answers';
import type { Reply } from '../format/blocks';
import { t, type Lang } from '../i18n';

/** What the engine layer provides to subcommands that read or change stored state. */
export interface CommandServices {
	/** Workspace admins may run `sync` and `status`. */
	isAdmin: boolean;
	sync(args: string[]): Promise<Reply>;
	status(): Promise<Reply>;
	changes(args: string[]): Promise<Reply>;
	subscribe(): Promise<Reply>;
	unsubscribe(): Promise<Reply>;
	/** Opens the objection form (nothing to say when it opened). */
	object(args: string[]): Promise<Reply | undefined>;
	objections(args: string[]): Promise<Reply>;
	myObjections(): Promise<Reply>;
	/** Admins: finds one person's objections (by e-mail or @username) and asks to confirm erasing them. */
	eraseObjections(args: string[]): Promise<Reply>;
	/** Uploads the list as a file: to the asker's direct messages, or to the room with `share`. */
	export(args: string[], share: boolean): Promise<Reply | undefined>;
	/** The public base URL of the feeds when an admin switched them on. */
	feedsUrl(): Promise<string | undefined>;
}

export interface CommandRequest {
	/** The words after the subcommand. */
	args: string[];
	catalog: Catalog;
	lang: Lang;
	services?: CommandServices;
	/** The command started with `share`. */
	share?: boolean;
	/** The workspace's message size limit (Message_MaxAllowedSize): long answers are paged or cut to it. */
	maxText?: number;
}

export type Handler = (request: CommandRequest) => Promise<Reply | undefined>;

export interface Routed {
	reply: Reply;
	/** Nothing to say: the command answered another way (it opened a form). */
	silent?: boolean;
	/** Post to the room (`share …`) instead of showing only the asker. */
	share: boolean;
}

const MAX_ARG_LENGTH = 200;

export const SUBCOMMANDS: Record<string, Handler> = {
	// "list all vendors in the US" is a question, not a page number.
	'list': async ({ args, catalog, lang, maxText, services }) =>
		args.length > 1
			? ask(args.join(' '), catalog, lang, undefined, maxText, services)
			: listAnswer(catalog, lang, args.length === 1 && FILLER.has(fold(args[0])) ? '1' : (args[0] ?? '1'), maxText),
	'show': async ({ args, catalog, lang, maxText, services }) =>
		args.length === 0
			? notice(t(lang, 'show_missing', { vendor: exampleVendor(catalog) }))
			: ask(args.join(' '), catalog, lang, undefined, maxText, services),
	'in': async (request) => placeHandler('in', request),
	'outside': async (request) => placeHandler('outside', request),
	'categories': async ({ catalog, lang }) => categoriesAnswer(catalog, lang),
	'help': async ({ catalog, lang, services }) => helpAnswer(catalog, lang, undefined, await services?.feedsUrl()),
	'changes': withServices((services, { args }) => services.changes(args)),
	'subscribe': withServices((services) => services.subscribe()),
	'unsubscribe': withServices((services) => services.unsubscribe()),
	'object': withServices((services, { args }) => services.object(args)),
	'objections': withServices((services, { args }) => services.objections(args)),
	'my-objections': withServices((services) => services.myObjections()),
	'export': withServices((services, { args, share }) => services.export(args, !!share)),
	'sync': adminOnly('sync', (services, { args }) => services.sync(args)),
	'status': adminOnly('status', (services) => services.status()),
	'erase-objections': adminOnly('erase-objections', (services, { args }) => services.eraseObjections(args)),
};

/** Answers about the asker's own state or for admins: never posted to the room, even with `share`. */
const PRIVATE = new Set([
	'subscribe',
	'unsubscribe',
	'sync',
	'status',
	'object',
	'objections',
	'my-objections',
	'export',
	'erase-objections',
]);

/**
 * Whether these words post the answer to the room (`share …`, unless the subcommand is private): such an answer is
 * written in the workspace's language, for everyone in the room; a private answer in the asker's.
 */
export function postsToRoom(words: string[]): boolean {
	if (words[0]?.toLowerCase() !== 'share') return false;
	const name = words[1]?.toLowerCase();
	return name === undefined || !PRIVATE.has(name);
}

function withServices(handler: (services: CommandServices, request: CommandRequest) => Promise<Reply | undefined>): Handler {
	return async (request) => {
		if (!request.services) throw new Error('this subcommand needs the engine services');
		return handler(request.services, request);
	};
}

function adminOnly(command: string, handler: (services: CommandServices, request: CommandRequest) => Promise<Reply | undefined>): Handler {
	return withServices(async (services, request) =>
		services.isAdmin ? handler(services, request) : notice(t(request.lang, 'admin_only', { command })),
	);
}

/** The handler of a subcommand name; never an inherited property ("constructor" is a word like any other). */
function subcommand(name: string): Handler | undefined {
	return Object.prototype.hasOwnProperty.call(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
}

/** Splits what the user typed into words, tolerating any whitespace and absurd lengths. */
export function splitArgs(text: string | string[]): string[] {
	const joined = Array.isArray(text) ? text.join(' ') : text;
	return joined
		.slice(0, MAX_ARG_LENGTH * 4)
		.split(/\s+/u)
		.filter(Boolean)
		.map((word) => word.slice(0, MAX_ARG_LENGTH));
}

export async function route(words: string[], catalog: Catalog, lang: Lang, services?: CommandServices, maxText?: number): Promise<Routed> {
	let share = false;
	let args = words;
	if (args[0]?.toLowerCase() === 'share') {
		share = true;
		args = args.slice(1);
	}
	if (args.length === 0) {
		return { share, reply: listAnswer(catalog, lang, '1', maxText) };
	}
	const name = args[0].toLowerCase();
	const handler = subcommand(name);
	if (handler) {
		const reply = await handler({ args: args.slice(1), catalog, lang, services, share, maxText });
		if (!reply) return { share: false, reply: { text: '', blocks: [] }, silent: true };
		return { share: share && !PRIVATE.has(name), reply };
	}
	return { share, reply: await ask(args.join(' '), catalog, lang, args[0], maxText, services) };
}

/**
 * Answers a question or search: a name typed as the list writes it wins; then what the question asks
 * (a place, the list, the categories), then its meaningful words as a search. The help comes only for
 * a mistyped subcommand when nothing else fits.
 */
async function ask(
	text: string,
	catalog: Catalog,
	lang: Lang,
	firstWord?: string,
	maxText?: number,
	services?: CommandServices,
): Promise<Reply> {
	if (catalog.findByName(text)) {
		return searchAnswer(catalog, lang, text, catalog.search(text), maxText);
	}
	const question = parseQuestion(text);
	switch (question.kind) {
		case 'list': {
			// Only filler words, but maybe a name ("Vendor 7" in a list of vendors): the entries named first.
			const named = catalog.search(text);
			return named.hits.some((hit) => hit.byName)
				? searchAnswer(catalog, lang, text, named, maxText)
				: listAnswer(catalog, lang, '1', maxText);
		}
		case 'categories':
			return categoriesAnswer(catalog, lang);
		case 'changes':
			// "What changed recently?" is `changes`; without the engine's services it is a search like any other.
			if (services) return services.changes([]);
			break;
		case 'not-stated':
			return notStatedAnswer(catalog, lang, maxText);
		case 'place':
			return placeQuestion(question.mode, question.place, question.filter, catalog, lang, maxText);
	}
	// "Does Rocket.Chat use Firebase?": the list's own company is not what is asked about.
	const company = new Set(tokens(catalog.list.company));
	const asked = question.kind === 'changes' ? fold(text) : question.query;
	const own = asked.split(' ').filter((word) => !company.has(word));
	const query = own.length > 0 && !catalog.findByName(asked) ? own.join(' ') : asked;
	// "Germany" or "EU" on its own asks who processes data there, unless an entry has that name.
	if (question.kind === 'search' && question.place && !catalog.findByName(query)) {
		return placeQuestion('in', question.place, '', catalog, lang, maxText);
	}
	const result = catalog.search(query);
	if (result.hits.length > 0) {
		return searchAnswer(catalog, lang, text, result, maxText);
	}
	// "mongodb atlas": words that match nothing at all are left out, and said so (while most words still match).
	const words = [...new Set(tokens(query))];
	if (words.length > 1) {
		const kept = words.filter((word) => catalog.search(word, 1).total > 0);
		if (kept.length > 0 && kept.length * 2 >= words.length) {
			const narrowed = catalog.search(kept.join(' '));
			const ignored = words.filter((word) => !kept.includes(word));
			if (narrowed.hits.length > 0) {
				return searchAnswer(
					catalog,
					lang,
					text,
					narrowed,
					maxText,
					t(lang, 'search_ignored', { words: inertTruncated(ignored.join(' '), 80) }),
				);
			}
		}
	}
	// "who handles payments?" where the list says "Billing platform": a related word, said so.
	for (const word of words) {
		for (const related of relatedWords(word)) {
			const found = catalog.search(words.map((w) => (w === word ? related : w)).join(' '));
			if (found.hits.length > 0) {
				return searchAnswer(
					catalog,
					lang,
					text,
					found,
					maxText,
					t(lang, 'search_related', { words: inertTruncated(word, 80), related: inertTruncated(related, 80) }),
				);
			}
		}
	}
	// "lsit" or "catgories": a mistyped subcommand gets the help, not a failed search.
	if (firstWord && !FILLER.has(fold(firstWord)) && looksLikeSubcommand(firstWord)) {
		return helpAnswer(catalog, lang, firstWord);
	}
	return noMatchAnswer(catalog, lang, text, suggestions(query, catalog));
}

/** The closest names, then places, then words of the list, for "did you mean …?". */
function suggestions(query: string, catalog: Catalog): Suggestion[] {
	const found: Suggestion[] = [];
	const names = new Set<string>();
	const words = [...new Set(tokens(query))].slice(0, 6);
	for (const text of [query, ...words]) {
		for (const entry of catalog.suggest(text)) {
			if (!names.has(entry.id)) found.push({ name: entry.name });
			names.add(entry.id);
		}
	}
	for (const word of words) {
		for (const place of suggestPlaces(word, 1)) found.push({ place });
	}
	if (found.length === 0) {
		for (const word of words) for (const suggestion of catalog.suggestWords(word, 2)) found.push({ word: suggestion });
	}
	return found.slice(0, 4);
}

function looksLikeSubcommand(word: string): boolean {
	const folded = word.toLowerCase();
	return Object.keys(SUBCOMMANDS).some((name) => name.length > 3 && typoDistance(folded, name, 2) <= 2) || folded === 'share';
}

function placeQuestion(mode: 'in' | 'outside', place: Place, filter: string, catalog: Catalog, lang: Lang, maxText?: number): Reply {
	const result = mode === 'in' ? catalog.in(place) : catalog.outside(place);
	if (!filter) return placeAnswer(catalog, lang, mode, place, result, maxText);
	// "Is Stripe in the US?", "email tools in the EU": the place's answer, narrowed to what the other words match.
	const hits = catalog.search(filter, catalog.entries.length);
	const found = new Set(hits.hits.map((hit) => hit.entry));
	const narrowed = {
		matches: result.matches.filter((entry) => found.has(entry)),
		notStated: result.notStated.filter((entry) => found.has(entry)),
		throughRegion: result.throughRegion,
	};
	return placeAnswer(catalog, lang, mode, place, narrowed, maxText, filter);
}

async function placeHandler(mode: 'in' | 'outside', { args, catalog, lang, maxText }: CommandRequest): Promise<Reply> {
	const text = args.join(' ');
	if (!text) {
		return notice(t(lang, 'place_missing', { place: examplePlace(catalog, lang) }));
	}
	const place = findPlace(text);
	if (place) {
		return placeQuestion(mode, place, '', catalog, lang, maxText);
	}
	// "in the US for email", "outside the EU?": the same grammar as a question.
	const question = parseQuestion(`${mode} ${text}`);
	if (question.kind === 'place' && question.mode === mode) {
		return placeQuestion(mode, question.place, question.filter, catalog, lang, maxText);
	}
	const guesses = suggestPlaces(text, 2);
	const unknown = t(lang, 'place_unknown', { place: inertTruncated(text, 80) });
	return notice(
		guesses.length > 0
			? `${unknown}\n${t(lang, 'did_you_mean', { names: guesses.map((p) => `\`${mode} ${placeName(p, lang)}\``).join(', ') })}`
			: unknown,
		catalog,
		lang,
	);
}

/** Vendors for the slash command preview while typing (`/subprocessors str` → Stripe). */
export function previewMatches(words: string[], catalog: Catalog, limit = 10): Array<{ id: string; label: string }> {
	const args = words[0]?.toLowerCase() === 'share' ? words.slice(1) : words;
	const query = (args[0]?.toLowerCase() === 'show' ? args.slice(1) : args).join(' ');
	if (!query.trim() || (args.length === 1 && subcommand(args[0].toLowerCase()))) {
		return [];
	}
	// "is mailc…" previews Mailchimp: the question's words, as the answer will search them.
	const question = parseQuestion(query);
	const searched = question.kind === 'search' && !catalog.findByName(query) ? question.query : query;
	return catalog.search(searched, limit).hits.map((hit) => ({ id: hit.entry.id, label: hit.entry.name }));
}
