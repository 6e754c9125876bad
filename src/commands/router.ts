/**
 * `/subprocessors` routing: one table of subcommands, each a plain async handler. A first word that is
 * no subcommand is a search. Pure: the engine layer turns the answer into a message or a notification.
 */
import type { Catalog } from '../domain/catalog';
import { typoDistance } from '../domain/distance';
import { findPlace } from '../domain/geo';
import { inertTruncated } from '../domain/text';
import {
    categoriesAnswer,
    helpAnswer,
    listAnswer,
    noMatchAnswer,
    notice,
    placeAnswer,
    searchAnswer,
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
    list: async ({ args, catalog, lang, maxText }) => listAnswer(catalog, lang, args[0] ?? '1', maxText),
    show: async ({ args, catalog, lang, maxText }) => (args.length === 0 ? notice(t(lang, 'show_missing')) : search(args.join(' '), catalog, lang, undefined, maxText)),
    in: async (request) => placeHandler('in', request),
    outside: async (request) => placeHandler('outside', request),
    categories: async ({ catalog, lang }) => categoriesAnswer(catalog, lang),
    help: async ({ catalog, lang, services }) => helpAnswer(catalog, lang, undefined, await services?.feedsUrl()),
    changes: withServices((services, { args }) => services.changes(args)),
    subscribe: withServices((services) => services.subscribe()),
    unsubscribe: withServices((services) => services.unsubscribe()),
    object: withServices((services, { args }) => services.object(args)),
    objections: withServices((services, { args }) => services.objections(args)),
    'my-objections': withServices((services) => services.myObjections()),
    export: withServices((services, { args, share }) => services.export(args, !!share)),
    sync: adminOnly('sync', (services, { args }) => services.sync(args)),
    status: adminOnly('status', (services) => services.status()),
};

/** Answers about the asker's own state or for admins: never posted to the room, even with `share`. */
const PRIVATE = new Set(['subscribe', 'unsubscribe', 'sync', 'status', 'object', 'objections', 'my-objections', 'export']);

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
    return { share, reply: search(args.join(' '), catalog, lang, args[0], maxText) };
}

function search(query: string, catalog: Catalog, lang: Lang, firstWord?: string, maxText?: number): Reply {
    const result = catalog.search(query);
    if (result.hits.length > 0) {
        return searchAnswer(catalog, lang, query, result, maxText);
    }
    // "lsit" or "catgories": a mistyped subcommand gets the help, not a failed search.
    if (firstWord && looksLikeSubcommand(firstWord)) {
        return helpAnswer(catalog, lang, firstWord);
    }
    return noMatchAnswer(catalog, lang, query, catalog.suggest(query));
}

function looksLikeSubcommand(word: string): boolean {
    const folded = word.toLowerCase();
    return Object.keys(SUBCOMMANDS).some((name) => name.length > 3 && typoDistance(folded, name, 2) <= 2) || folded === 'share';
}

async function placeHandler(mode: 'in' | 'outside', { args, catalog, lang, maxText }: CommandRequest): Promise<Reply> {
    const text = args.join(' ');
    if (!text) {
        return notice(t(lang, 'place_missing'));
    }
    const place = findPlace(text);
    if (!place) {
        return notice(t(lang, 'place_unknown', { place: inertTruncated(text, 80) }), catalog, lang);
    }
    return placeAnswer(catalog, lang, mode, place, mode === 'in' ? catalog.in(place) : catalog.outside(place), maxText);
}

/** Vendors for the slash command preview while typing (`/subprocessors str` → Stripe). */
export function previewMatches(words: string[], catalog: Catalog, limit = 10): Array<{ id: string; label: string }> {
    const args = words[0]?.toLowerCase() === 'share' ? words.slice(1) : words;
    const query = (args[0]?.toLowerCase() === 'show' ? args.slice(1) : args).join(' ');
    if (!query.trim() || (args.length === 1 && subcommand(args[0].toLowerCase()))) {
        return [];
    }
    return catalog
        .search(query, limit)
        .hits.map((hit) => ({ id: hit.entry.id, label: hit.entry.name }));
}
