/**
 * The app's HTTP endpoints (`/api/apps/public/<appId>/…`): the list and its changes for feed readers and
 * compliance tools (when the `public_feeds` setting is on), and `update`, where the company's CI pushes a
 * new list signed with the shared secret.
 */
import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApi, IApiEndpoint, IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api/IApi';
import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import type { Catalog } from '../../domain/catalog';
import { findPlace } from '../../domain/geo';
import { MAX_SOURCE_BYTES } from '../../domain/schema';
import { summary } from '../../format/announcement';
import { changesFeed, listCsv, listJson } from '../../format/feeds';
import { bundledList, currentCatalog } from '../currentList';
import type { AppDeps } from '../deps';
import { Settings } from '../settings';
import { ChangeStore, ListStateStore } from '../storage/stores';
import { Watcher } from '../watch/Watcher';
import { SIGNATURE_HEADER, verifySignature } from './signature';

type Handler = (request: IApiRequest, deps: AppDeps) => Promise<IApiResponse>;

const text = (status: number, body: string, type = 'text/plain; charset=utf-8'): IApiResponse => ({ status, headers: { 'content-type': type }, content: body });
const json = (status: number, body: unknown): IApiResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, content: JSON.stringify(body) });
const notFound = (): IApiResponse => text(404, 'Not found');

function header(request: IApiRequest, name: string): string | undefined {
    const found = Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name);
    return found ? String(found[1]) : undefined;
}

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

async function currentList(deps: AppDeps): Promise<{ catalog: Catalog; fingerprint: string; acceptedAt: Date }> {
    const catalog = await currentCatalog(deps.read.getPersistenceReader());
    const pointer = await new ListStateStore(deps.read.getPersistenceReader()).pointer();
    return pointer
        ? { catalog, fingerprint: pointer.fingerprint, acceptedAt: new Date(pointer.acceptedAt) }
        : { catalog, fingerprint: bundledList().fingerprint, acceptedAt: new Date(`${catalog.version}T00:00:00Z`) };
}

/** `?category=` and `?location=` (a country or region, as the slash command reads them). */
function filtered(catalog: Catalog, request: IApiRequest): { entries: Catalog['entries']; error?: string } {
    const { category, location } = request.query ?? {};
    let entries = catalog.entries;
    if (category) {
        if (!catalog.category(category)) return { entries, error: `unknown category "${category}" (categories: ${catalog.categories.map((c) => c.id).join(', ')})` };
        entries = entries.filter((e) => e.category === category);
    }
    if (location) {
        const place = findPlace(location);
        if (!place) return { entries, error: `unknown location "${location}" (a country name, an ISO code, EU or EEA)` };
        const inPlace = new Set(catalog.in(place).matches);
        entries = entries.filter((e) => inPlace.has(e));
    }
    return { entries };
}

const listEndpoint = (format: 'json' | 'csv'): Handler => async (request, deps) => {
    const { catalog, fingerprint, acceptedAt } = await currentList(deps);
    const { entries, error } = filtered(catalog, request);
    if (error) return json(400, { error });
    const query = new URLSearchParams(request.query ?? {}).toString();
    const etag = `"${fingerprint}-${format}${query ? `-${hashText(query)}` : ''}"`;
    return cacheable(request, etag, acceptedAt, () =>
        format === 'json'
            ? json(200, listJson(catalog.list, entries))
            : text(200, listCsv(catalog.list, entries), 'text/csv; charset=utf-8; header=present'),
    );
};

const FEED_TYPES = { atom: 'application/atom+xml; charset=utf-8', rss: 'application/rss+xml; charset=utf-8', json: 'application/feed+json; charset=utf-8' } as const;

const changesEndpoint = (format: keyof typeof FEED_TYPES): Handler => async (request, deps) => {
    const records = await new ChangeStore(deps.read.getPersistenceReader()).all();
    const { catalog } = await currentList(deps);
    const site = String((await deps.read.getEnvironmentReader().getServerSettings().getValueById('Site_Url').catch(() => '')) ?? '').replace(/\/$/, '');
    const baseUrl = `${site}/api/apps/public/${deps.appId}`;
    const newest = records.find((r) => r.kind === 'change');
    const etag = `"changes-${format}-${newest ? hashText(newest.id) : 'none'}-${records.length}"`;
    return cacheable(request, etag, newest ? new Date(newest.detectedAt) : new Date(0), () => {
        const feed = changesFeed(records, { selfUrl: `${baseUrl}/changes.${format}`, baseUrl, company: catalog.list.company, htmlTitles: format !== 'json' });
        return text(200, format === 'atom' ? feed.atom1() : format === 'rss' ? feed.rss2() : feed.json1(), FEED_TYPES[format]);
    });
};

/** POST update: a signed list from the company's CI, through the same validate → compare → store → announce path. */
const updateEndpoint: Handler = async (request, deps) => {
    const secret = await new Settings(deps.read).updateSecret();
    if (!secret) return notFound();
    const content: unknown = request.content;
    // The raw body (YAML or JSON as text), or JSON `{ "list": "<the list text>" }` when the server parsed JSON.
    const body = typeof content === 'string' ? content : content && typeof content === 'object' && typeof (content as { list?: unknown }).list === 'string' ? (content as { list: string }).list : undefined;
    if (body === undefined) return json(400, { error: 'send the list as the request body (YAML or JSON text), or as JSON {"list": "<list text>"}' });
    if (body.length > MAX_SOURCE_BYTES || new TextEncoder().encode(body).length > MAX_SOURCE_BYTES) {
        return json(413, { error: `the list is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB` });
    }
    if (!verifySignature(body, header(request, SIGNATURE_HEADER), secret)) {
        return json(401, { error: `missing or wrong ${SIGNATURE_HEADER} (expected sha256=<hex HMAC-SHA256 of the list text under the shared secret>)` });
    }
    const outcome = await new Watcher(deps).check({ pushed: body });
    switch (outcome.result) {
        case 'error':
            return json(422, { result: 'invalid', problems: outcome.problem });
        case 'held':
            return json(202, { result: 'held', removed: outcome.removed, total: outcome.total, note: 'held for an admin to confirm with /subprocessors sync confirm' });
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
            });
        default:
            return json(200, { result: outcome.result, version: outcome.state.version });
    }
};

function hashText(value: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16);
}

/** Read endpoints answer only when the admin switched public feeds on; otherwise they don't exist. */
const whenPublic = (handler: Handler): Handler => async (request, deps) => ((await new Settings(deps.read).publicFeeds()) ? handler(request, deps) : notFound());

const ROUTES: Array<{ path: string; method: 'get' | 'post'; handler: Handler }> = [
    { path: 'subprocessors.json', method: 'get', handler: whenPublic(listEndpoint('json')) },
    { path: 'subprocessors.csv', method: 'get', handler: whenPublic(listEndpoint('csv')) },
    { path: 'changes.atom', method: 'get', handler: whenPublic(changesEndpoint('atom')) },
    { path: 'changes.rss', method: 'get', handler: whenPublic(changesEndpoint('rss')) },
    { path: 'changes.json', method: 'get', handler: whenPublic(changesEndpoint('json')) },
    { path: 'update', method: 'post', handler: updateEndpoint },
];

export function api(appId: string, logger: ILogger): IApi {
    const endpoints: IApiEndpoint[] = ROUTES.map(({ path, method, handler }) => ({
        path,
        [method]: async (request: IApiRequest, _endpoint: IApiEndpointInfo, read: IRead, modify: IModify, http: IHttp, persis: IPersistence) => {
            try {
                return await handler(request, { read, modify, http, persis, appId, logger });
            } catch (error) {
                logger.error(`${method.toUpperCase()} ${path} failed`, error);
                return json(500, { error: 'internal error; the details are in the app logs' });
            }
        },
    }));
    return { visibility: ApiVisibility.PUBLIC, security: ApiSecurity.UNSECURE, endpoints };
}
