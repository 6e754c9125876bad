/**
 * `/subprocessors` routing: one table of subcommands, each a plain async handler. A first word that is
 * no subcommand is a search. Pure: the engine layer turns the answer into a message or a notification.
 */
import type { Catalog } from '../features/list/catalog';
import { typoDistance } from '../kernel/distance';
import { findPlace, placeName, suggestPlaces, type Place } from '../kernel/places';
import { FILLER, parseQuestion } from '../features/list/question';
import { relatedWords } from '../features/list/synonyms';
import { fold, markupSafeTruncated, tokens } from '../kernel/text';
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
	type HelpKey,
	type Suggestion,
} from '../features/list/answers';
import type { Reply } from '../kernel/blocks';
import { t, type Lang } from '../kernel/i18n';

/** What an engine-served subcommand gets: the words after it, and whether the command started with `share`. */
export interface ServiceRequest {
	args: string[];
	share: boolean;
}

type ServiceHandler = (request: ServiceRequest) => Promise<Reply | undefined>;

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

/** One subcommand, declared once: routing, help, previews, the admin check and the `share` rule derive from it. */
export interface Subcommand {
	/** A pure handler here, or `engine`: the engine layer's `CommandServices` member of the same name answers. */
	run: Handler | 'engine';
	/** `admin`: workspace admins only (others are told so); `any`: everyone (the handler may narrow further). */
	who: 'admin' | 'any';
	/** `private`: about the asker's own state or for admins, never posted to the room even with `share`. */
	answer: 'private' | 'shared';
	/** Its lines in the help, in this order; a key already shown by an earlier subcommand is shown once. */
	help: readonly HelpKey[];
}

export interface Routed {
	reply: Reply;
	/** Nothing to say: the command answered another way (it opened a form). */
	silent?: boolean;
	/** Post to the room (`share …`) instead of showing only the asker. */
	share: boolean;
}

const MAX_ARG_LENGTH = 200;

/**
 * Every subcommand, in help order. The slash command's params example in `i18n/*.json` lists them in this order too
 * (test/unit/router.test.ts checks every language).
 */
// The pure handlers, typed up front: the table's type (which names the engine serves) must not depend on them.
// "list all vendors in the US" is a question, not a page number.
const list: Handler = async ({ args, catalog, lang, maxText, services }) =>
	args.length > 1
		? ask(args.join(' '), catalog, lang, undefined, maxText, services)
		: listAnswer(catalog, lang, args.length === 1 && FILLER.has(fold(args[0])) ? '1' : (args[0] ?? '1'), maxText);
const show: Handler = async ({ args, catalog, lang, maxText, services }) =>
	args.length === 0
		? notice(t(lang, 'show_missing', { vendor: exampleVendor(catalog) }))
		: ask(args.join(' '), catalog, lang, undefined, maxText, services);
const help: Handler = async ({ catalog, lang, services }) =>
	helpAnswer(catalog, lang, HELP_LINES, { feedsUrl: await services?.feedsUrl() });
const categories: Handler = async ({ catalog, lang }) => categoriesAnswer(catalog, lang);

/**
 * Every subcommand, in help order. The slash command's params example in `i18n/*.json` lists them in this order too
 * (test/unit/router.test.ts checks every language).
 */
export const SUBCOMMANDS = {
	'list': { run: list, who: 'any', answer: 'shared', help: ['help_list', 'help_search'] },
	'show': { run: show, who: 'any', answer: 'shared', help: ['help_show'] },
	'in': { run: async (request: CommandRequest) => placeHandler('in', request), who: 'any', answer: 'shared', help: ['help_in'] },
	'outside': {
		run: async (request: CommandRequest) => placeHandler('outside', request),
		who: 'any',
		answer: 'shared',
		help: ['help_outside', 'help_questions'],
	},
	'categories': { run: categories, who: 'any', answer: 'shared', help: ['help_categories'] },
	'changes': { run: 'engine', who: 'any', answer: 'shared', help: ['help_changes'] },
	'subscribe': { run: 'engine', who: 'any', answer: 'private', help: ['help_subscribe'] },
	'unsubscribe': { run: 'engine', who: 'any', answer: 'private', help: ['help_subscribe'] },
	'object': { run: 'engine', who: 'any', answer: 'private', help: ['help_object'] },
	'my-objections': { run: 'engine', who: 'any', answer: 'private', help: ['help_my_objections'] },
	'export': { run: 'engine', who: 'any', answer: 'private', help: ['help_export', 'help_share'] },
	'help': { run: help, who: 'any', answer: 'shared', help: ['help_help'] },
	// The privacy team's (the engine checks who is in it).
	'objections': { run: 'engine', who: 'any', answer: 'private', help: ['help_objections'] },
	'sync': { run: 'engine', who: 'admin', answer: 'private', help: ['help_admin'] },
	'status': { run: 'engine', who: 'admin', answer: 'private', help: ['help_admin'] },
	'lists': { run: 'engine', who: 'admin', answer: 'private', help: ['help_lists'] },
	'erase-objections': { run: 'engine', who: 'admin', answer: 'private', help: ['help_erase'] },
} as const satisfies Record<string, Subcommand>;

type Declared = typeof SUBCOMMANDS;

/** The subcommands the engine layer answers. */
export type EngineSubcommand = { [name in keyof Declared]: Declared[name]['run'] extends 'engine' ? name : never }[keyof Declared];

/** What the engine layer provides: one member per engine-served subcommand, and what pure ones need from it. */
export type CommandServices = { [name in EngineSubcommand]: ServiceHandler } & {
	/** Whether the asker is a workspace admin (`who: 'admin'` subcommands). */
	readonly isAdmin: boolean;
	/** The public base URL of the feeds when an admin switched them on (the help mentions them). */
	feedsUrl(): Promise<string | undefined>;
};

/** The help's lines, from the table: each key once, in table order. */
const HELP_LINES: readonly HelpKey[] = [...new Set(Object.values(SUBCOMMANDS as Record<string, Subcommand>).flatMap((s) => s.help))];

/**
 * Whether these words post the answer to the room (`share …`, unless the subcommand is private): such an answer is
 * written in the workspace's language, for everyone in the room; a private answer in the asker's.
 */
export function postsToRoom(words: string[]): boolean {
	if (words[0]?.toLowerCase() !== 'share') return false;
	const name = words[1]?.toLowerCase();
	return name === undefined || subcommand(name)?.answer !== 'private';
}

/** A subcommand by name; never an inherited property ("constructor" is a word like any other). */
function subcommand(name: string): Subcommand | undefined {
	return Object.prototype.hasOwnProperty.call(SUBCOMMANDS, name) ? (SUBCOMMANDS as Record<string, Subcommand>)[name] : undefined;
}

/** Runs a subcommand: the admin check, then its handler here or the engine's. */
async function run(name: string, declared: Subcommand, request: CommandRequest): Promise<Reply | undefined> {
	const { services, lang } = request;
	if (declared.who === 'admin' && !services?.isAdmin) return notice(t(lang, 'admin_only', { command: name }));
	if (declared.run !== 'engine') return declared.run(request);
	if (!services) throw new Error('this subcommand needs the engine services');
	return services[name as EngineSubcommand]({ args: request.args, share: !!request.share });
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
	const declared = subcommand(args[0].toLowerCase());
	const reply = declared
		? await run(args[0].toLowerCase(), declared, { args: args.slice(1), catalog, lang, services, share, maxText })
		: await ask(args.join(' '), catalog, lang, args[0], maxText, services);
	if (!reply) return { share: false, reply: { text: '', blocks: [] }, silent: true };
	return { share: share && declared?.answer !== 'private', reply };
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
): Promise<Reply | undefined> {
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
			if (services) return services.changes({ args: [], share: false });
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
					t(lang, 'search_ignored', { words: markupSafeTruncated(ignored.join(' '), 80) }),
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
					t(lang, 'search_related', { words: markupSafeTruncated(word, 80), related: markupSafeTruncated(related, 80) }),
				);
			}
		}
	}
	// "lsit" or "catgories": a mistyped subcommand gets the help, not a failed search.
	if (firstWord && !FILLER.has(fold(firstWord)) && looksLikeSubcommand(firstWord)) {
		return helpAnswer(catalog, lang, HELP_LINES, { unknownWord: firstWord });
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
	const unknown = t(lang, 'place_unknown', { place: markupSafeTruncated(text, 80) });
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
