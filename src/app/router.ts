/**
 * `/subprocessors` routing: one table of subcommands, each a plain async handler. A first word that is
 * no subcommand is a search. Pure: the engine layer turns the answer into a message or a notification.
 */
import type { Catalog } from '../features/list/catalog';
import { typoDistance } from '../kernel/distance';
import { findPlace, placeName, suggestPlaces, type Place } from '../kernel/places';
import type { PlaceResult, SearchResult } from '../features/list/catalog';
import type { Subprocessor } from '../features/list/model';
import { FILLER, parseQuestion } from '../features/list/question';
import { relatedWords } from '../features/list/synonyms';
import { fold, markupSafe, markupSafeTruncated, tokens } from '../kernel/text';
import {
	card,
	categoriesAnswer,
	categoryLine,
	examplePlace,
	exampleVendor,
	helpAnswer,
	listAnswer,
	listLine,
	MAX_REPLY_TEXT,
	namedEntry,
	namesOne,
	noMatchAnswer,
	notice,
	notStatedAnswer,
	notStatedEntries,
	placeAnswer,
	placeLine,
	searchAnswer,
	type HelpKey,
	type Suggestion,
} from '../features/list/answers';
import { context, type Reply } from '../kernel/blocks';
import { memoByObject } from '../kernel/memo';
import { t, type Lang } from '../kernel/i18n';
import {
	entryNamed,
	groupedAnswer,
	groupHeading,
	listName,
	listNamed,
	listsHelpLine,
	listsOverview,
	askingIn,
	narrowedLead,
	objectingIn,
	onlyList,
	withLead,
	type Group,
	type Lists,
} from '../features/lists/answers';
import { MAIN_LIST_ID, type ListCatalog } from '../features/lists/model';

/**
 * What an engine-served subcommand gets: the words after it (as typed: a list name among them is the service's to
 * read, e.g. with `listNamed(lists, args[0])`), and whether the command started with `share`.
 */
export interface ServiceRequest {
	args: string[];
	share: boolean;
	/** Every active list in list order (absent when the router was given one catalog, as unit tests do). */
	lists?: Lists;
	/** The list a list name typed before the subcommand narrowed to (`/subprocessors github changes`), with several lists. */
	list?: ListCatalog<Catalog>;
}

type ServiceHandler = (request: ServiceRequest) => Promise<Reply | undefined>;

export interface CommandRequest {
	/** The words after the subcommand. */
	args: string[];
	/** The list answered from: the one a list name narrowed to, else the first. */
	catalog: Catalog;
	/** Every active list in list order; absent: `catalog` is the only list. */
	lists?: Lists;
	/** The list a list name narrowed the question to (with several lists). */
	list?: ListCatalog<Catalog>;
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
	/** About the workspace, not one list: an answer narrowed to a list suggests it without the list's name. */
	workspaceWide?: true;
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
const list: Handler = async (request) => {
	const { args, catalog, lang, maxText } = request;
	const lists = scopeOf(request);
	if (args.length > 1) return ask(args.join(' '), lists, asking(request, args.join(' ')));
	// Several lists: `list` (a page number or not) is the lists' overview; `list github 2` narrows.
	if (lists.length > 1) return listsOverview(lists, lang, maxText);
	return listAnswer(catalog, lang, args.length === 1 && FILLER.has(fold(args[0])) ? '1' : (args[0] ?? '1'), maxText);
};
const show: Handler = async (request) =>
	request.args.length === 0
		? notice(t(request.lang, 'show_missing', { vendor: exampleVendor(request.catalog) }))
		: ask(request.args.join(' '), scopeOf(request), asking(request, request.args.join(' ')));
const help: Handler = async (request) => {
	const lists = scopeOf(request);
	const answered = lists.find((list) => list.catalog === request.catalog) ?? lists[0];
	return helpAnswer(request.catalog, request.lang, HELP_LINES, {
		feedsUrl: await request.services?.feedsUrl(),
		lists: lists.length > 1 ? listsHelpLine(lists, request.lang) : undefined,
		...objectingAbout(answered),
	});
};
const categories: Handler = async (request) => {
	const lists = scopeOf(request);
	if (lists.length === 1) return categoriesAnswer(request.catalog, request.lang);
	const { lang } = request;
	return groupedAnswer(
		lang,
		t(lang, 'lists_categories_title'),
		lists.map((list) => ({ list, items: list.catalog.countByCategory() })),
		(counted) => categoryLine(counted, lang),
		'categories',
		[],
		request.maxText,
	);
};

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
	'my-objections': { run: 'engine', who: 'any', answer: 'private', help: ['help_my_objections'], workspaceWide: true },
	'export': { run: 'engine', who: 'any', answer: 'private', help: ['help_export', 'help_share'] },
	'help': { run: help, who: 'any', answer: 'shared', help: ['help_help'] },
	// The privacy team's (the engine checks who is in it).
	'objections': { run: 'engine', who: 'any', answer: 'private', help: ['help_objections'], workspaceWide: true },
	'sync': { run: 'engine', who: 'admin', answer: 'private', help: ['help_admin'] },
	'status': { run: 'engine', who: 'admin', answer: 'private', help: ['help_admin'], workspaceWide: true },
	'lists': { run: 'engine', who: 'admin', answer: 'private', help: ['help_lists'], workspaceWide: true },
	'erase-objections': { run: 'engine', who: 'admin', answer: 'private', help: ['help_erase'], workspaceWide: true },
} as const satisfies Record<string, Subcommand>;

type Declared = typeof SUBCOMMANDS;

/** Subcommands a list name before them doesn't narrow: answers narrowed to a list suggest them as they are. */
const WORKSPACE_WIDE: ReadonlySet<string> = new Set(
	Object.entries(SUBCOMMANDS as Record<string, Subcommand>)
		.filter(([, declared]) => declared.workspaceWide)
		.map(([word]) => word),
);

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
export function postsToRoom(words: string[], lists: Lists = []): boolean {
	if (words[0]?.toLowerCase() !== 'share') return false;
	// `share github export`: the subcommand after a list name (with several lists) decides.
	const args = lists.length > 1 ? (narrowing(words.slice(1), lists)?.args ?? words.slice(1)) : words.slice(1);
	const name = args[0]?.toLowerCase();
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
	return services[name as EngineSubcommand](serviceRequest(request.args, !!request.share, request));
}

/** A service's request: the lists only when the router has them, so a one-catalog caller sees today's shape. */
function serviceRequest(args: string[], share: boolean, { lists, list }: Pick<CommandRequest, 'lists' | 'list'>): ServiceRequest {
	return { args, share, ...(lists ? { lists } : {}), ...(list ? { list } : {}) };
}

/** What the help says of objecting to a list: where objections go, and the command that files one there. */
function objectingAbout(list: ListCatalog<Catalog> | undefined): { to?: ListCatalog['objections']; objectCommand: string } {
	const named = list && list.list.id !== MAIN_LIST_ID ? ` ${list.list.name}` : '';
	return { to: list?.objections, objectCommand: `/subprocessors object${named}` };
}

/** The lists a request is answered over: the narrowed one, or all. */
function scopeOf({ list, lists, catalog }: Pick<CommandRequest, 'list' | 'lists' | 'catalog'>): Lists {
	if (list) return [list];
	return lists && lists.length > 0 ? lists : [onlyList(catalog)];
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

/**
 * Routes what was typed after `/subprocessors`. `lists`: the active lists in list order (or one catalog, the
 * workspace's only list). With one list every answer is as it always was. With several, a first word (after `share`)
 * that is exactly a list name narrows the question to that list, as does a list name right after `list`, `show`,
 * `in`, `outside`, `categories` or `help` (`in github US` reads as `github in US`); otherwise questions span all
 * lists, grouped by list (docs/lists.md §2).
 */
export async function route(
	words: string[],
	lists: Catalog | Lists,
	lang: Lang,
	services?: CommandServices,
	maxText?: number,
): Promise<Routed> {
	let share = false;
	let args = words;
	if (args[0]?.toLowerCase() === 'share') {
		share = true;
		args = args.slice(1);
	}
	const given = Array.isArray(lists) ? (lists as Lists) : undefined;
	const all = given && given.length > 0 ? given : [onlyList(lists as Catalog)];
	const narrowed = all.length > 1 ? narrowing(args, all) : undefined;
	if (narrowed) args = narrowed.args;
	const declared = args.length > 0 ? subcommand(args[0].toLowerCase()) : undefined;
	const request: CommandRequest = {
		args: args.slice(1),
		catalog: (narrowed?.list ?? all[0]).catalog,
		lists: given,
		list: narrowed?.list,
		lang,
		services,
		share,
		maxText,
	};
	// A narrowed answer says first how the question was read; engine-served answers name their list themselves.
	const lead = narrowed && declared?.run !== 'engine' ? leadOf(narrowed.list, all, args, lang) : undefined;
	// Room for the lead, and for the list name in the commands the answer suggests (a few at most).
	if (lead && narrowed)
		request.maxText = (maxText ?? MAX_REPLY_TEXT) - lead.join('\n').length - 1 - 4 * (narrowed.list.list.name.length + 1);
	let reply: Reply | undefined;
	if (args.length === 0) {
		reply = all.length > 1 && !narrowed ? listsOverview(all, lang, maxText) : listAnswer(request.catalog, lang, '1', request.maxText);
	} else if (declared) {
		reply = await run(args[0].toLowerCase(), declared, request);
	} else {
		reply = await ask(args.join(' '), scopeOf(request), { ...asking(request, args.join(' ')), firstWord: args[0] });
	}
	if (!reply) return { share: false, reply: { text: '', blocks: [] }, silent: true };
	return {
		share: share && declared?.answer !== 'private',
		reply:
			lead && narrowed ? objectingIn(narrowed.list, withLead(askingIn(narrowed.list, reply, WORKSPACE_WIDE), lead, maxText)) : reply,
	};
}

/**
 * The list a question names: its first word, or the word after a pure subcommand (`show github anthropic`); the
 * words without the name. Engine-served subcommands get their words as typed (`changes github`): theirs to read.
 */
function narrowing(args: string[], lists: Lists): { list: ListCatalog<Catalog>; args: string[] } | undefined {
	// A subcommand stays one even if a list were named so (the first list's implicit name comes from its company).
	const first = args[0] && subcommand(args[0].toLowerCase()) ? undefined : listNamed(lists, args[0]);
	if (first) return { list: first, args: args.slice(1) };
	const declared = args.length > 1 ? subcommand(args[0].toLowerCase()) : undefined;
	const second = declared && declared.run !== 'engine' ? listNamed(lists, args[1]) : undefined;
	return second ? { list: second, args: [args[0], ...args.slice(2)] } : undefined;
}

/**
 * "In *github*:", and when the list's name alone was asked (`github`, `show github`) while another list has an entry
 * of that name: "Also an entry of *rocketchat*: GitHub, Inc. — `/subprocessors show rocketchat github`".
 */
function leadOf(list: ListCatalog<Catalog>, lists: Lists, args: string[], lang: Lang): string[] {
	const lead = [narrowedLead(list, lang)];
	const alone = args.length === 0 || (args.length === 1 && ['list', 'show'].includes(args[0].toLowerCase()));
	if (!alone) return lead;
	for (const other of lists) {
		const entry = other === list ? undefined : entryNamed(other.catalog, list.list.name);
		if (entry) {
			lead.push(
				t(lang, 'lists_also_entry', {
					list: listName(other),
					entry: markupSafeTruncated(entry.name, 80),
					command: `/subprocessors show ${other.list.name} ${list.list.name}`,
				}),
			);
		}
	}
	return lead;
}

/** How a question is asked: what the answers need besides the lists. */
interface Asking {
	lang: Lang;
	maxText?: number;
	services?: CommandServices;
	/** The first word of the command, when the question is the whole command (a mistyped subcommand gets the help). */
	firstWord?: string;
	/** The words typed (without `share` and a list name): a grouped answer's "…and 12 more: `/subprocessors github …`". */
	typed: string;
	/** The lists the router has, for the services. */
	request: Pick<CommandRequest, 'lists' | 'list'>;
}

function asking(request: CommandRequest, typed: string): Asking {
	const { lang, maxText, services } = request;
	return { lang, maxText, services, typed, request };
}

/** One list's search result, and the words searched (to rank more of its hits when an answer shows more). */
interface Found {
	list: ListCatalog<Catalog>;
	result: SearchResult;
	query: string;
	/** The hits are only the best FIRST_HITS. */
	cut?: boolean;
}

/**
 * Across lists each list's search ranks only its best few at first: a grouped answer shows a fair share of each
 * list, a line or two with many lists; a list that shows them all and has room left ranks the rest (`ranked`).
 */
const FIRST_HITS = 4;

/**
 * Each list's result for its query (undefined: not searched), only those with hits. `full`: every list's best hits
 * are ranked at once (the usual 25), as with one list.
 */
function searchEach(lists: Lists, query: (list: ListCatalog<Catalog>) => string | undefined, full = lists.length === 1): Found[] {
	const found: Found[] = [];
	for (const list of lists) {
		const text = query(list);
		const result = text === undefined ? undefined : full ? list.catalog.search(text) : list.catalog.search(text, FIRST_HITS);
		if (text !== undefined && result && result.hits.length > 0)
			found.push({ list, result, query: text, ...(full ? {} : { cut: true }) });
	}
	return found;
}

/** A list's result with its best hits ranked as usual (the same first hits, and more). */
function ranked(found: Found): SearchResult {
	return found.cut && found.result.total > found.result.hits.length ? found.list.catalog.search(found.query) : found.result;
}

/**
 * A search's answer. In one list as always; across lists, hits in one list are that list's answer headed by its name,
 * in a few lists each naming one entry their cards, else the hits grouped by list.
 */
function foundAnswer(text: string, found: Found[], lists: Lists, a: Asking, note?: string): Reply {
	const { lang, maxText = MAX_REPLY_TEXT } = a;
	if (lists.length === 1)
		return searchAnswer(found[0].list.catalog, lang, text, ranked(found[0]), maxText, note, found[0].list.objections);
	if (found.length === 1) {
		const lead = [groupHeading(found[0].list)];
		const inner = maxText - lead[0].length - 1 - 4 * (found[0].list.list.name.length + 1);
		const answer = askingIn(
			found[0].list,
			searchAnswer(found[0].list.catalog, lang, text, ranked(found[0]), inner, note, found[0].list.objections),
			WORKSPACE_WIDE,
		);
		return objectingIn(found[0].list, withLead(answer, lead, maxText));
	}
	if (found.length <= 3 && found.every(({ result }) => namesOne(result))) {
		const cards = found.map(({ list, result }) => ({
			list,
			card: objectingIn(list, card(list.catalog, namedEntry(result), lang, MAIN_LIST_ID, list.objections)),
		}));
		// The cards when they fit in one message, else their lines.
		const size = cards.reduce((sum, { list, card }) => sum + groupHeading(list).length + card.text.length + 2, note?.length ?? 0);
		if (size <= Math.min(maxText, MAX_REPLY_TEXT)) {
			const blocks = cards.flatMap(({ list, card }) => [context(groupHeading(list)), ...card.blocks]);
			return withLead({ text: '', blocks }, note ? [note] : [], maxText);
		}
	}
	const total = found.reduce((sum, { result }) => sum + result.total, 0);
	const groups: Array<Group<SearchResult['hits'][number]>> = found.map((one) => ({
		list: one.list,
		items: one.result.hits,
		total: one.result.total,
		further: () => ranked(one).hits,
	}));
	return groupedAnswer(
		lang,
		t(lang, 'search_title', { count: total, query: markupSafeTruncated(text, 80) }),
		groups,
		(hit) => listLine(hit.entry, lang),
		a.typed,
		[...(note ? [note] : []), t(lang, 'lists_show_hint')],
		maxText,
	);
}

/** A list's company as words ("Rocket.Chat" → rocket, chat), once per list version. */
const companyWords = memoByObject((catalog: Catalog): ReadonlySet<string> => new Set(tokens(catalog.list.company)));

/** The words asked minus a company's own words ("Does Rocket.Chat use Firebase?" asks about Firebase). */
function ownQuery(asked: string, company: ReadonlySet<string>, isName: boolean): string {
	const own = asked.split(' ').filter((word) => !company.has(word));
	return own.length > 0 && !isName ? own.join(' ') : asked;
}

/**
 * Answers a question or search over the lists asked (one, or all grouped by list): a name typed as a list writes it
 * wins; then what the question asks (a place, the list, the categories), then its meaningful words as a search. The
 * help comes only for a mistyped subcommand when nothing else fits.
 */
async function ask(text: string, lists: Lists, a: Asking): Promise<Reply | undefined> {
	const { lang, maxText, services } = a;
	const [first] = lists;
	const across = lists.length > 1;
	if (lists.some(({ catalog }) => catalog.findByName(text))) {
		return foundAnswer(
			text,
			searchEach(lists, () => text),
			lists,
			a,
		);
	}
	const question = parseQuestion(text);
	switch (question.kind) {
		case 'list': {
			// Only filler words, but maybe a name ("Vendor 7" in a list of vendors): the entries named first.
			const named = searchEach(lists, () => text, true).filter(({ result }) => result.hits.some((hit) => hit.byName));
			if (named.length > 0) return foundAnswer(text, named, lists, a);
			return across ? listsOverview(lists, lang, maxText) : listAnswer(first.catalog, lang, '1', maxText);
		}
		case 'categories':
			return across ? categories({ args: [], catalog: first.catalog, lists, lang, maxText }) : categoriesAnswer(first.catalog, lang);
		case 'changes':
			// "What changed recently?" is `changes`; without the engine's services it is a search like any other.
			if (services) return services.changes(serviceRequest([], false, a.request));
			break;
		case 'not-stated':
			return across ? notStatedAcross(lists, a) : notStatedAnswer(first.catalog, lang, maxText);
		case 'place':
			return placeQuestion(question.mode, question.place, question.filter, lists, a);
	}
	const asked = question.kind === 'changes' ? fold(text) : question.query;
	// Each list's query leaves its own company out; the fallbacks below leave out every list's.
	const queries = new Map(lists.map((list) => [list, ownQuery(asked, companyWords(list.catalog), !!list.catalog.findByName(asked))]));
	const query = across
		? ownQuery(
				asked,
				new Set(lists.flatMap((list) => [...companyWords(list.catalog)])),
				lists.some((list) => list.catalog.findByName(asked)),
			)
		: (queries.get(first) as string);
	// "Germany" or "EU" on its own asks who processes data there, unless an entry has that name, or the code is a
	// country no list states that a list writes as a word of its own ("which vendors use AI": AI Inference, not
	// Anguilla; "HR", "PR").
	const place = question.kind === 'search' ? question.place : undefined;
	const acronym =
		place?.kind === 'country' &&
		asked.length <= 3 &&
		!lists.some((list) => list.catalog.statesCountry(place.code)) &&
		lists.some((list) => list.catalog.writesAcronym(asked));
	if (place && !acronym && !lists.some((list) => list.catalog.findByName(queries.get(list) as string))) {
		return placeQuestion('in', place, '', lists, a);
	}
	const found = searchEach(lists, (list) => queries.get(list));
	if (found.length > 0) return foundAnswer(text, found, lists, a);
	// "mongodb atlas": words that match nothing at all are left out, and said so (while most words still match).
	const words = [...new Set(tokens(query))];
	if (words.length > 1) {
		const kept = words.filter((word) => lists.some((list) => list.catalog.search(word, 1).total > 0));
		if (kept.length > 0 && kept.length * 2 >= words.length) {
			const narrowed = searchEach(lists, () => kept.join(' '));
			const ignored = words.filter((word) => !kept.includes(word));
			if (narrowed.length > 0) {
				return foundAnswer(
					text,
					narrowed,
					lists,
					a,
					t(lang, 'search_ignored', { words: markupSafeTruncated(ignored.join(' '), 80) }),
				);
			}
		}
	}
	// "who handles payments?" where the list says "Billing platform": a related word, said so.
	for (const word of words) {
		for (const related of relatedWords(word)) {
			const found = searchEach(lists, () => words.map((w) => (w === word ? related : w)).join(' '));
			if (found.length > 0) {
				return foundAnswer(
					text,
					found,
					lists,
					a,
					t(lang, 'search_related', { words: markupSafeTruncated(word, 80), related: markupSafeTruncated(related, 80) }),
				);
			}
		}
	}
	// "lsit" or "catgories": a mistyped subcommand gets the help, not a failed search.
	const { firstWord } = a;
	if (firstWord && !FILLER.has(fold(firstWord)) && looksLikeSubcommand(firstWord)) {
		return helpAnswer(first.catalog, lang, HELP_LINES, {
			unknownWord: firstWord,
			lists: across ? listsHelpLine(lists, lang) : undefined,
			...objectingAbout(first),
		});
	}
	return across
		? noMatchAnswer(first.catalog, lang, text, suggestions(query, lists), [t(lang, 'lists_try')])
		: noMatchAnswer(first.catalog, lang, text, suggestions(query, lists));
}

/** The closest names (of every list asked), then places, then words of the lists, for "did you mean …?". */
function suggestions(query: string, lists: Lists): Suggestion[] {
	const found: Suggestion[] = [];
	const names = new Set<string>();
	const words = [...new Set(tokens(query))].slice(0, 6);
	// Four are shown: once four names are found, no list needs scanning again (a scan is a typo distance per name).
	for (const text of new Set([query, ...words])) {
		for (const { catalog } of lists) {
			if (found.length >= 4) break;
			for (const entry of catalog.suggest(text)) {
				// One list: each entry once; several: each name once (a vendor on two lists is one suggestion).
				const key = lists.length > 1 ? fold(entry.name) : entry.id;
				if (!names.has(key)) found.push({ name: entry.name });
				names.add(key);
			}
		}
	}
	for (const word of words) {
		for (const place of suggestPlaces(word, 1)) found.push({ place });
	}
	if (found.length === 0) {
		for (const word of words)
			for (const { catalog } of lists) for (const suggestion of catalog.suggestWords(word, 2)) found.push({ word: suggestion });
	}
	return found.slice(0, 4);
}

function looksLikeSubcommand(word: string): boolean {
	const folded = word.toLowerCase();
	return Object.keys(SUBCOMMANDS).some((name) => name.length > 3 && typoDistance(folded, name, 2) <= 2) || folded === 'share';
}

/** A place question's result in one list; `filter`: the question's other words ("Is Stripe in the US?", "email tools in the EU"). */
function placeResult(mode: 'in' | 'outside', place: Place, filter: string, catalog: Catalog): PlaceResult {
	const result = mode === 'in' ? catalog.in(place) : catalog.outside(place);
	if (!filter) return result;
	const hits = catalog.search(filter, catalog.entries.length);
	const found = new Set(hits.hits.map((hit) => hit.entry));
	return {
		matches: result.matches.filter((entry) => found.has(entry)),
		notStated: result.notStated.filter((entry) => found.has(entry)),
		throughRegion: result.throughRegion,
	};
}

function placeQuestion(mode: 'in' | 'outside', place: Place, filter: string, lists: Lists, a: Asking): Reply {
	const { lang, maxText } = a;
	if (lists.length === 1) {
		const { catalog } = lists[0];
		return placeAnswer(catalog, lang, mode, place, placeResult(mode, place, filter, catalog), maxText, filter || undefined);
	}
	// Across lists: who, per list; the entries that state no location counted once for all.
	const results = new Map(lists.map((list) => [list, placeResult(mode, place, filter, list.catalog)]));
	const where = markupSafe(placeName(place, lang));
	let matches = 0;
	let notStated = 0;
	for (const result of results.values()) {
		matches += result.matches.length;
		notStated += result.notStated.length;
	}
	const notes: string[] = [];
	if (filter) notes.push(t(lang, 'place_filter', { query: markupSafeTruncated(filter, 80) }));
	if (notStated > 0) notes.push(t(lang, 'not_stated_line', { count: notStated }));
	const title =
		matches === 0
			? t(lang, mode === 'in' ? 'lists_in_none' : 'lists_outside_none', { place: where })
			: t(lang, mode === 'in' ? 'in_title' : 'outside_title', { count: matches, place: where });
	return groupedAnswer(
		lang,
		title,
		matches === 0 ? [] : lists.map((list) => ({ list, items: (results.get(list) as PlaceResult).matches })),
		(entry, list) => placeLine(entry, results.get(list) as PlaceResult, lang),
		a.typed,
		notes,
		maxText,
	);
}

/** The entries whose location no list states, grouped by list. */
function notStatedAcross(lists: Lists, a: Asking): Reply {
	const { lang, maxText } = a;
	const groups = lists.map((list) => ({ list, items: notStatedEntries(list.catalog) }));
	const count = groups.reduce((sum, group) => sum + group.items.length, 0);
	return groupedAnswer(
		lang,
		count === 0 ? t(lang, 'lists_not_stated_none') : t(lang, 'not_stated_list_title', { count }),
		count === 0 ? [] : groups,
		(entry) => listLine(entry, lang),
		a.typed,
		[],
		maxText,
	);
}

async function placeHandler(mode: 'in' | 'outside', request: CommandRequest): Promise<Reply> {
	const { args, catalog, lang } = request;
	const lists = scopeOf(request);
	const text = args.join(' ');
	if (!text) {
		return notice(t(lang, 'place_missing', { place: examplePlace(catalog, lang) }));
	}
	const a = asking(request, `${mode} ${text}`);
	const place = findPlace(text);
	if (place) {
		return placeQuestion(mode, place, '', lists, a);
	}
	// "in the US for email", "outside the EU?": the same grammar as a question.
	const question = parseQuestion(`${mode} ${text}`);
	if (question.kind === 'place' && question.mode === mode) {
		return placeQuestion(mode, question.place, question.filter, lists, a);
	}
	const guesses = suggestPlaces(text, 2);
	const unknown = t(lang, 'place_unknown', { place: markupSafeTruncated(text, 80) });
	return notice(
		guesses.length > 0
			? `${unknown}\n${t(lang, 'did_you_mean', { names: guesses.map((p) => `\`${mode} ${placeName(p, lang)}\``).join(', ') })}`
			: unknown,
		lists.length > 1 ? undefined : catalog,
		lang,
	);
}

/**
 * Vendors for the slash command preview while typing (`/subprocessors str` → Stripe). With several lists, items from
 * every list asked (best first), labelled with the list and identified `listId:entryId`; with one, today's ids.
 */
export function previewMatches(words: string[], lists: Catalog | Lists, limit = 10): Array<{ id: string; label: string }> {
	const all = Array.isArray(lists) && lists.length > 0 ? (lists as Lists) : [onlyList(lists as Catalog)];
	let args = words[0]?.toLowerCase() === 'share' ? words.slice(1) : words;
	const narrowed = all.length > 1 ? narrowing(args, all) : undefined;
	if (narrowed) args = narrowed.args;
	const query = (args[0]?.toLowerCase() === 'show' ? args.slice(1) : args).join(' ');
	if (!query.trim() || (args.length === 1 && subcommand(args[0].toLowerCase()))) {
		return [];
	}
	// "is mailc…" previews Mailchimp: the question's words, as the answer will search them.
	const question = parseQuestion(query);
	const searched = (catalog: Catalog) => (question.kind === 'search' && !catalog.findByName(query) ? question.query : query);
	if (all.length === 1) {
		return all[0].catalog.search(searched(all[0].catalog), limit).hits.map((hit) => ({ id: hit.entry.id, label: hit.entry.name }));
	}
	const items = (narrowed ? [narrowed.list] : all).flatMap(({ list, catalog }) =>
		catalog.search(searched(catalog), limit).hits.map((hit) => ({
			id: `${list.id}:${hit.entry.id}`,
			label: `${hit.entry.name} (${list.name})`,
			score: hit.score,
		})),
	);
	// Stable: equal scores stay in list order.
	return items
		.sort((a, b) => b.score - a.score)
		.slice(0, limit)
		.map(({ id, label }) => ({ id, label }));
}

/** The entry a preview item designates: `listId:entryId` (several lists) or an entry id of the first list. */
export function previewEntry(lists: Lists, id: string): { list: ListCatalog<Catalog>; entry: Subprocessor } | undefined {
	const colon = id.indexOf(':');
	const list = colon > 0 ? lists.find((candidate) => candidate.list.id === id.slice(0, colon)) : undefined;
	const entry = list?.catalog.get(id.slice(colon + 1));
	if (list && entry) return { list, entry };
	const first = lists[0]?.catalog.get(id);
	return first ? { list: lists[0], entry: first } : undefined;
}

/** A preview item's answer: its entry's card, headed by the list's name when there are several lists. */
export function previewAnswer(lists: Lists, found: { list: ListCatalog<Catalog>; entry: Subprocessor }, lang: Lang): Reply {
	const answer = objectingIn(found.list, card(found.list.catalog, found.entry, lang, MAIN_LIST_ID, found.list.objections));
	return lists.length > 1 ? withLead(answer, [groupHeading(found.list)]) : answer;
}
