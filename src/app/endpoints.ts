/**
 * The app's HTTP endpoints (`/api/apps/public/<appId>/…`): the list and its changes for feed readers and
 * compliance tools (when the `public_feeds` setting is on), and `update`, where the company's CI pushes a
 * new list signed with the shared secret.
 */
import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApi, IApiEndpoint, IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api/IApi';
import type { Catalog } from '../features/list/catalog';
import { findPlace } from '../kernel/places';
import { fnv1a } from '../kernel/text';
import { MAX_SOURCE_BYTES } from '../features/list/schema';
import { summary } from '../features/watch/announcement';
import { changesFeed } from '../features/feeds/feeds';
import { writeFeed } from '../features/feeds/feedWriter';
import { listsCsv, listsJson, namedListJson, type ListDocument } from '../features/feeds/lists';
import { bundledList } from '../features/list/engine/currentList';
import { activeCatalogs, ListRegistry } from '../features/lists/engine/ListRegistry';
import { MAIN_LIST_ID, type ListCatalog, type WatchedList } from '../features/lists/model';
import { headerValue, publicBaseUrl } from '../platform/server';
import { Settings } from '../platform/settings';
import type { AppDeps } from '../platform/deps';
import type { AppRuntime } from '../platform/runtime';
import { ChangeStore, ListStateStore, SeenPushStore } from '../platform/storage/stores';
import { ListingSync, type CheckOutcome } from '../features/watch/engine/listingSync';
import { MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, timestampAge, verifySignature } from '../features/watch/signature';

type Handler = (request: IApiRequest, deps: AppDeps) => Promise<IApiResponse>;

const text = (status: number, body: string, type = 'text/plain; charset=utf-8'): IApiResponse => ({
	status,
	headers: { 'content-type': type },
	content: body,
});
const json = (status: number, body: unknown): IApiResponse => ({
	status,
	headers: { 'content-type': 'application/json; charset=utf-8' },
	content: JSON.stringify(body),
});
const notFound = (): IApiResponse => text(404, 'Not found');

const header = (request: IApiRequest, name: string): string | undefined => headerValue(request.headers, name);

/** A cacheable representation: 304 when the client already has it (ETag or date), else the body. */
function cacheable(request: IApiRequest, etag: string, lastModified: Date, respond: () => IApiResponse): IApiResponse {
	const modified = new Date(Math.floor(lastModified.getTime() / 1000) * 1000);
	const headers = { etag, 'last-modified': modified.toUTCString(), 'cache-control': 'public, max-age=300' };
	const ifNoneMatch = header(request, 'if-none-match');
	const ifModifiedSince = header(request, 'if-modified-since');
	const notModified = ifNoneMatch
		? ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
		: !!ifModifiedSince && !Number.isNaN(Date.parse(ifModifiedSince)) && Date.parse(ifModifiedSince) >= modified.getTime();
	if (notModified) return { status: 304, headers };
	const response = respond();
	return { ...response, headers: { ...headers, ...response.headers } };
}

/** A list as the endpoints serve it, with what its ETag and Last-Modified come from. */
interface Served extends ListCatalog<Catalog> {
	fingerprint: string;
	acceptedAt: Date;
}

async function served(deps: AppDeps, { list, catalog }: ListCatalog<Catalog>): Promise<Served> {
	const reader = deps.read.getPersistenceReader();
	const pointer = await new ListStateStore(deps.runtime, reader, undefined, undefined, list.id).pointer();
	// Only the first list is served before its first check: from the bundled list.
	return pointer
		? { list, catalog, fingerprint: pointer.fingerprint, acceptedAt: new Date(pointer.acceptedAt) }
		: { list, catalog, fingerprint: bundledList(deps.runtime).fingerprint, acceptedAt: new Date(`${catalog.version}T00:00:00Z`) };
}

/**
 * A query parameter's values. The server's query parser gives an array for a repeated key (`?a=1&a=2`) and an
 * object for brackets (`?a[x]=1`), whatever `IApiRequest.query`'s type says; anything but text is an error.
 */
function queryValues(request: IApiRequest, name: string): { values: string[]; error?: string } {
	const raw: unknown = (request.query as Record<string, unknown> | undefined)?.[name];
	if (raw === undefined || raw === null) return { values: [] };
	const list = Array.isArray(raw) ? raw : [raw];
	if (list.some((v) => typeof v !== 'string'))
		return { values: [], error: `"${name}" takes plain values: ?${name}=a or ?${name}=a&${name}=b` };
	return { values: (list as string[]).map((v) => v.trim()).filter(Boolean) };
}

/** The lists a request asks for: `?list=NAME` that one (`named`), without it every active list, in list order. */
type Asked = { lists: Array<ListCatalog<Catalog>>; named: boolean } | { error: IApiResponse };

async function askedLists(request: IApiRequest, deps: AppDeps): Promise<Asked> {
	const asked = listQuery(request);
	if ('error' in asked) return asked;
	const lists = await activeCatalogs(deps);
	if (asked.name === undefined) return { lists, named: false };
	const found = lists.find(({ list }) => list.name === asked.name);
	return found
		? { lists: [found], named: true }
		: {
				error: unknownList(
					asked.name,
					lists.map(({ list }) => list),
				),
			};
}

/** The list name `?list=` gives (lower-case), if any. */
function listQuery(request: IApiRequest): { name?: string } | { error: IApiResponse } {
	const names = queryValues(request, 'list');
	if (names.error || names.values.length > 1) return { error: json(400, { error: names.error ?? '"list" takes one list name' }) };
	return { name: names.values[0]?.toLowerCase() };
}

const unknownList = (name: string, lists: WatchedList[]): IApiResponse =>
	json(404, { error: `no list named "${name.slice(0, 60)}" (lists: ${lists.map((list) => list.name).join(', ')})` });

/** `?category=` and `?location=` (a country or region, as the slash command reads them); repeated: any of them. */
function filtered(catalog: Catalog, request: IApiRequest): { entries: Catalog['entries']; error?: string } {
	const categories = queryValues(request, 'category');
	const locations = queryValues(request, 'location');
	let entries = catalog.entries;
	const error = categories.error ?? locations.error;
	if (error) return { entries, error };
	if (categories.values.length > 0) {
		const unknown = categories.values.find((category) => !catalog.category(category));
		if (unknown !== undefined)
			return { entries, error: `unknown category "${unknown}" (categories: ${catalog.categories.map((c) => c.id).join(', ')})` };
		entries = entries.filter((e) => categories.values.includes(e.category));
	}
	if (locations.values.length > 0) {
		const inPlaces = new Set<Catalog['entries'][number]>();
		for (const location of locations.values) {
			const place = findPlace(location);
			if (!place) return { entries, error: `unknown location "${location}" (a country name, an ISO code, EU or EEA)` };
			for (const entry of catalog.in(place).matches) inPlaces.add(entry);
		}
		entries = entries.filter((e) => inPlaces.has(e));
	}
	return { entries };
}

/** The query as text for the ETag: repeated keys stay repeated (objects were refused before). */
function queryText(request: IApiRequest): string {
	const pairs: Array<[string, string]> = [];
	for (const [key, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
		for (const v of Array.isArray(value) ? value : [value]) pairs.push([key, typeof v === 'string' ? v : JSON.stringify(v)]);
	}
	return new URLSearchParams(pairs).toString();
}

const listEndpoint =
	(format: 'json' | 'csv'): Handler =>
	async (request, deps) => {
		const asked = await askedLists(request, deps);
		if ('error' in asked) return asked.error;
		const lists: Served[] = [];
		for (const list of asked.lists) lists.push(await served(deps, list));
		// Each list filtered alone: a category only some lists have narrows those and leaves the others empty; an
		// error (an unknown location, a category no list has) is an error only when every list has it.
		const docs: ListDocument[] = [];
		const errors: string[] = [];
		for (const { list, catalog } of lists) {
			const { entries, error } = filtered(catalog, request);
			if (error) errors.push(error);
			docs.push({ name: list.name, list: catalog.list, entries: error ? [] : entries });
		}
		if (errors.length === lists.length) return json(400, { error: errors[0] });
		const query = queryText(request);
		// One list: its fingerprint, as before lists; several: all of theirs.
		const version = lists.length === 1 ? lists[0].fingerprint : hashText(lists.map((l) => `${l.list.id}:${l.fingerprint}`).join(','));
		const etag = `"${version}-${format}${query ? `-${hashText(query)}` : ''}"`;
		const acceptedAt = new Date(Math.max(...lists.map((l) => l.acceptedAt.getTime())));
		return cacheable(request, etag, acceptedAt, () =>
			format === 'json'
				? json(200, asked.named ? namedListJson(docs[0]) : listsJson(docs))
				: text(200, listsCsv(docs), 'text/csv; charset=utf-8; header=present'),
		);
	};

const FEED_TYPES = {
	atom: 'application/atom+xml; charset=utf-8',
	rss: 'application/rss+xml; charset=utf-8',
	json: 'application/feed+json; charset=utf-8',
} as const;

const changesEndpoint =
	(format: keyof typeof FEED_TYPES): Handler =>
	async (request, deps) => {
		const asked = await askedLists(request, deps);
		if ('error' in asked) return asked.error;
		const named = asked.named ? asked.lists[0].list : undefined;
		// Every list's changes (removed lists' too: a feed never loses entries), or the one list's.
		const records = await new ChangeStore(deps.read.getPersistenceReader()).all(named?.id);
		const every = named ? [named] : await new ListRegistry(deps).everyList();
		// Entries name their list once the workspace has several (each list's name by id).
		const listNames = every.length > 1 ? new Map(every.map((list) => [list.id, list.name])) : undefined;
		const baseUrl = await publicBaseUrl(deps);
		const newest = records.find((r) => r.kind === 'change');
		const scope = named ? `${named.id}-` : listNames ? `${hashText([...listNames.values()].join(','))}-` : '';
		const etag = `"changes-${format}-${scope}${newest ? hashText(newest.id) : 'none'}-${records.length}"`;
		return cacheable(request, etag, newest ? new Date(newest.detectedAt) : new Date(0), () => {
			const feed = changesFeed(records, {
				baseUrl,
				company: asked.lists.map(({ catalog }) => catalog.list.company).join(', '),
				listNames,
				query: named ? `?list=${encodeURIComponent(named.name)}` : undefined,
			});
			return text(200, writeFeed(feed, format), FEED_TYPES[format]);
		});
	};

/** The server parses only these bodies for an app (JSON, URL-encoded); any other arrives empty. */
const PARSED_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

const HOW_TO_PUSH =
	'send JSON {"list": "<the list text>"} with Content-Type: application/json (the server takes up to 100 KB), or publish the list at the source URL (setting list_source_url) and send a signed ping (an empty body or {}) to fetch it now';

type PushBody = { kind: 'list'; text: string } | { kind: 'ping' } | { kind: 'refused'; response: IApiResponse };

/** What the request asks for: a list (its text), a "check now" ping, or a refusal saying how to send it. */
function readPush(request: IApiRequest): PushBody {
	const content: unknown = request.content;
	const type = (header(request, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
	// A server (or proxy) that hands over the raw text: take it as the list.
	if (typeof content === 'string') return { kind: 'list', text: content };
	// A body without a content type is not parsed either: its length says it was there.
	const sentBody = Number(header(request, 'content-length') ?? 0) > 0 || header(request, 'transfer-encoding') !== undefined;
	if ((type && !PARSED_TYPES.includes(type)) || (!type && sentBody)) {
		return {
			kind: 'refused',
			response: json(415, {
				error: `a body of type ${type || '(none)'} does not reach the app: the server parses only JSON and URL-encoded bodies. To push, ${HOW_TO_PUSH}`,
			}),
		};
	}
	if (content === undefined || content === null) return { kind: 'ping' };
	if (typeof content !== 'object' || Array.isArray(content))
		return { kind: 'refused', response: json(400, { error: `expected a JSON object; ${HOW_TO_PUSH}` }) };
	const fields = content as Record<string, unknown>;
	if ('list' in fields) {
		if (typeof fields.list !== 'string')
			return { kind: 'refused', response: json(400, { error: '"list" must be the list file\'s text, as a string' }) };
		return { kind: 'list', text: fields.list };
	}
	if (Object.keys(fields).every((key) => key === 'ping')) return { kind: 'ping' };
	return {
		kind: 'refused',
		response: json(400, {
			error: `no "list" in the body (fields: ${Object.keys(fields).slice(0, 5).join(', ').slice(0, 200)}); ${HOW_TO_PUSH}`,
		}),
	};
}

/** Refuses an exact replay of a push taken before (same signature), and remembers this one. */
function firstSighting(deps: AppDeps, signature: string, timestamp: number): Promise<boolean> {
	// One at a time, so two copies of one request can't both pass.
	return deps.runtime.pushes(async () => {
		const store = new SeenPushStore(deps.read.getPersistenceReader(), deps.persis);
		const seen = await store.get();
		if (seen.entries.some((e) => e.signature === signature)) return false;
		// Older entries are refused by the time window anyway.
		const oldest = Math.floor(Date.now() / 1000) - MAX_SKEW_SECONDS;
		await store.put({ entries: [...seen.entries.filter((e) => e.timestamp >= oldest), { signature, timestamp }] });
		return true;
	});
}

/**
 * POST update: a signed list from the company's CI, through the same validate → compare → store → announce
 * path; or a signed ping that makes the app check its source URL now (for lists too big for a request body).
 */
const updateEndpoint: Handler = async (request, deps) => {
	const settings = new Settings(deps.read);
	const secret = await settings.updateSecret();
	if (!secret) return notFound();
	const target = await pushedList(request, deps);
	if ('error' in target) return target.error;
	const push = readPush(request);
	if (push.kind === 'refused') return push.response;
	const text = push.kind === 'list' ? push.text : '';
	if (text.length > MAX_SOURCE_BYTES || new TextEncoder().encode(text).length > MAX_SOURCE_BYTES) {
		return json(413, { error: `the list is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB` });
	}
	const timestamp = (header(request, TIMESTAMP_HEADER) ?? '').trim();
	const signature = header(request, SIGNATURE_HEADER);
	if (!verifySignature(timestamp, text, signature, secret)) {
		return json(401, {
			error: `missing or wrong ${SIGNATURE_HEADER} (expected sha256=<hex HMAC-SHA256 under the shared secret of "<${TIMESTAMP_HEADER}>.<the list text>", empty list text for a ping>)`,
		});
	}
	const age = timestampAge(timestamp);
	if (age === undefined || Math.abs(age) > MAX_SKEW_SECONDS) {
		return json(401, {
			error: `${TIMESTAMP_HEADER} must be the current time in Unix seconds, within ${MAX_SKEW_SECONDS} s of the server's clock (it is ${age === undefined ? 'not a number' : `${Math.abs(age)} s ${age > 0 ? 'old' : 'ahead'}`})`,
		});
	}
	if (!(await firstSighting(deps, String(signature).trim(), Number(timestamp)))) {
		return json(409, { error: 'this exact request was received before (a replay); sign each push with a fresh timestamp' });
	}
	// The check of the list pushed to: the first list's without `?list=` (as before lists).
	const sync = target.list ? new ListingSync(deps, target.list) : new ListingSync(deps);
	if (push.kind === 'ping') {
		const source = target.list && target.list.id !== MAIN_LIST_ID ? target.list.url : await settings.sourceUrl();
		if (!source) {
			return json(409, {
				error: 'a ping makes the app fetch its source URL, and none is set (setting list_source_url); set one, or push the list as JSON {"list": "<the list text>"}',
			});
		}
		return answer(await sync.check());
	}
	return answer(await sync.check({ pushed: text }));
};

/** `?list=NAME`: the list a push is for (an active one); without it the first list, as before lists (no list read). */
async function pushedList(request: IApiRequest, deps: AppDeps): Promise<{ list?: WatchedList } | { error: IApiResponse }> {
	const asked = listQuery(request);
	if ('error' in asked) return asked;
	if (asked.name === undefined) return {};
	const active = await new ListRegistry(deps).active();
	const list = active.find((l) => l.name === asked.name);
	return list ? { list } : { error: unknownList(asked.name, active) };
}

function answer(outcome: CheckOutcome): IApiResponse {
	switch (outcome.result) {
		case 'error':
			return json(422, { result: 'invalid', problems: outcome.problem });
		case 'held':
			return outcome.olderThan
				? json(202, {
						result: 'held',
						reason: 'older',
						version: outcome.olderThan.version,
						current: outcome.olderThan.current,
						note: 'older than the current list: held for an admin to confirm with /subprocessors sync confirm',
					})
				: json(202, {
						result: 'held',
						reason: 'removals',
						removed: outcome.removed,
						total: outcome.total,
						note: 'held for an admin to confirm with /subprocessors sync confirm',
					});
		case 'changed':
			return json(200, {
				result: 'changed',
				summary: summary(outcome.record.changes, 'en'),
				added: outcome.record.changes.added.map((e) => e.id),
				removed: outcome.record.changes.removed.map((e) => e.id),
				changed: outcome.record.changes.changed.map((c) => c.after.id),
				effectiveDate: outcome.record.effectiveDate,
				objectionDeadline: outcome.record.objectionDeadline,
				announcedIn: outcome.room?.slugifiedName ?? null,
				// Recorded with the change; the delivery job posts it (and the subscribers' DMs) right after.
				announcement: 'queued',
			});
		default:
			return json(200, { result: outcome.result, version: outcome.state.version });
	}
}

const hashText = (value: string): string => fnv1a(value).toString(16);

/** Read endpoints answer only when the admin switched public feeds on; otherwise they don't exist. */
const whenPublic =
	(handler: Handler): Handler =>
	async (request, deps) =>
		(await new Settings(deps.read).publicFeeds()) ? handler(request, deps) : notFound();

const ROUTES: Array<{ path: string; method: 'get' | 'post'; handler: Handler }> = [
	{ path: 'subprocessors.json', method: 'get', handler: whenPublic(listEndpoint('json')) },
	{ path: 'subprocessors.csv', method: 'get', handler: whenPublic(listEndpoint('csv')) },
	{ path: 'changes.atom', method: 'get', handler: whenPublic(changesEndpoint('atom')) },
	{ path: 'changes.rss', method: 'get', handler: whenPublic(changesEndpoint('rss')) },
	{ path: 'changes.json', method: 'get', handler: whenPublic(changesEndpoint('json')) },
	{ path: 'update', method: 'post', handler: updateEndpoint },
];

export function api(runtime: AppRuntime): IApi {
	const { logger } = runtime;
	const endpoints: IApiEndpoint[] = ROUTES.map(({ path, method, handler }) => ({
		path,
		[method]: async (
			request: IApiRequest,
			_endpoint: IApiEndpointInfo,
			read: IRead,
			modify: IModify,
			http: IHttp,
			persis: IPersistence,
		) => {
			try {
				return await handler(request, runtime.deps({ read, modify, http, persis }));
			} catch (error) {
				logger.error(`${method.toUpperCase()} ${path} failed`, error);
				return json(500, { error: 'internal error; the details are in the app logs' });
			}
		},
	}));
	return { visibility: ApiVisibility.PUBLIC, security: ApiSecurity.UNSECURE, endpoints };
}
