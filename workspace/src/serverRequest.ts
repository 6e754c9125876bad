// What a Rocket.Chat server does to a request for an app's endpoint before the engine sees it, so the workspace
// hands the app what a server would. Checked against RocketChat/Rocket.Chat:
// - apps/meteor/app/apps/server/bridges/router.ts mounts `express.urlencoded({ extended: false })` and
//   `express.json()` (body-parser defaults: 100 KB limit, strict JSON) on /api/apps/public/:appId and
//   /api/apps/private/:appId/:hash, and nothing else: any other body is never read, and `req.body` stays `{}`.
// - apps/meteor/app/apps/server/bridges/api.ts passes `req.body` as `content` and `req.query` as `query`; the
//   query comes from Express 4's default "extended" parser, qs with `allowPrototypes: true`.
// A parser's error (413, 400, 415) goes to Express's final handler: the app is never called.
import { parse as parseUrlEncoded } from 'querystring';
import { STATUS_CODES } from 'http';

/** body-parser's default `limit: '100kb'`, in bytes, for JSON and URL-encoded bodies alike. */
export const BODY_LIMIT = 100 * 1024;
/** body-parser's urlencoded `parameterLimit`. */
const PARAMETER_LIMIT = 1000;

export type ServerBody = { ok: true; content: unknown } | { ok: false; status: number; message: string };

/** The media type of a content-type header, lower case, without parameters. */
function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function charset(contentType: string | undefined): string | undefined {
	const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
	return m ? m[1].toLowerCase() : undefined;
}

/**
 * The body as the server's parsers leave it. `raw` is what the client sent (undefined: no body); `headers` are
 * lower-case. JSON: strict (an object or array at the top), `{}` when empty; URL-encoded: flat key/values.
 */
export function parseServerBody(headers: Record<string, string>, raw: string | Buffer | undefined): ServerBody {
	// body-parser 1.x (Express 4) sets `req.body = {}` before looking at the request.
	if (raw === undefined) return { ok: true, content: {} };
	const type = mediaType(headers['content-type']);
	const isJson = type === 'application/json';
	const isForm = type === 'application/x-www-form-urlencoded';
	if (!isJson && !isForm) return { ok: true, content: {} };
	const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
	const cs = charset(headers['content-type']) ?? 'utf-8';
	if (isJson ? !cs.startsWith('utf-') : cs !== 'utf-8')
		return { ok: false, status: 415, message: `unsupported charset "${cs.toUpperCase()}"` };
	const encoding = (headers['content-encoding'] ?? 'identity').toLowerCase();
	if (!['identity', 'gzip', 'deflate'].includes(encoding))
		return { ok: false, status: 415, message: `unsupported content encoding "${encoding}"` };
	// The workspace takes bodies as they are (not compressed); the limit applies to the bytes read.
	if (bytes.length > BODY_LIMIT) return { ok: false, status: 413, message: 'request entity too large' };
	const text = bytes.toString('utf8');
	if (isJson) {
		if (text.length === 0) return { ok: true, content: {} };
		// strict: the first non-blank character must open an object or an array.
		const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(text)?.[1];
		if (first !== '{' && first !== '[')
			return { ok: false, status: 400, message: `Unexpected token ${first ?? 'end'} in JSON at position 0` };
		try {
			return { ok: true, content: JSON.parse(text) };
		} catch (error) {
			return { ok: false, status: 400, message: (error as Error).message };
		}
	}
	if (text.length === 0) return { ok: true, content: {} };
	if (text.split('&').length > PARAMETER_LIMIT) return { ok: false, status: 413, message: 'too many parameters' };
	return { ok: true, content: { ...parseUrlEncoded(text, '&', '=', { maxKeys: PARAMETER_LIMIT }) } };
}

/** The answer of Express's final handler for a parser's error (production: the status text as an HTML page). */
export function serverError(status: number): { status: number; headers: Record<string, string>; content: string } {
	const title = STATUS_CODES[status] ?? 'Error';
	return {
		status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'none'",
			'x-content-type-options': 'nosniff',
		},
		content: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${title}</pre>\n</body>\n</html>\n`,
	};
}

type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };

/** qs's defaults: brackets nest up to 5 levels, array indexes up to 20, at most 1000 parameters. */
const QS_DEPTH = 5;
const QS_ARRAY_LIMIT = 20;

function decode(text: string): string {
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		return spaced;
	}
}

/** `a[b][]` → ['a', 'b', '']; beyond the depth limit the rest stays one literal key, as qs does. */
function keySegments(key: string): string[] {
	const open = key.indexOf('[');
	if (open <= 0) return [key];
	const segments = [key.slice(0, open)];
	const bracket = /\[([^[\]]*)\]/y;
	let at = open;
	while (segments.length <= QS_DEPTH) {
		bracket.lastIndex = at;
		const m = bracket.exec(key);
		if (!m) break;
		segments.push(m[1]);
		at = bracket.lastIndex;
	}
	if (segments.length === 1) return [key];
	if (at < key.length) segments.push(`[${key.slice(at)}]`);
	return segments;
}

const UNSAFE = new Set(['__proto__']);

function assign(target: Record<string, QueryValue>, segments: string[], value: string): void {
	const [head, ...rest] = segments;
	if (UNSAFE.has(head)) return;
	if (rest.length === 0) {
		const existing = Object.prototype.hasOwnProperty.call(target, head) ? target[head] : undefined;
		// Repeated keys combine into an array (qs `duplicates: 'combine'`).
		target[head] =
			existing === undefined
				? value
				: Array.isArray(existing)
					? [...existing, value]
					: typeof existing === 'string'
						? [existing, value]
						: existing;
		return;
	}
	const [next] = rest;
	const existing = Object.prototype.hasOwnProperty.call(target, head) ? target[head] : undefined;
	if (next === '' || (/^\d+$/.test(next) && Number(next) <= QS_ARRAY_LIMIT)) {
		// `a[]=x` and `a[0]=x`: an array (qs compacts the indexes).
		const array: QueryValue[] = Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : [];
		if (existing !== undefined && !Array.isArray(existing) && typeof existing !== 'string') return;
		if (rest.length === 1) array.push(value);
		else {
			const child: Record<string, QueryValue> = {};
			assign(child, rest.slice(1), value);
			array.push(child);
		}
		target[head] = array;
		return;
	}
	const child = existing && typeof existing === 'object' && !Array.isArray(existing) ? existing : {};
	if (existing !== undefined && child !== existing) return;
	assign(child, rest, value);
	target[head] = child;
}

/** A query string as Express 4's default parser (qs, `allowPrototypes: true`) gives it to `req.query`. */
export function parseServerQuery(query: string): Record<string, QueryValue> {
	const result: Record<string, QueryValue> = {};
	const parts = query.replace(/^\?/, '').split('&').filter(Boolean).slice(0, 1000);
	for (const part of parts) {
		const eq = part.indexOf('=');
		const key = decode(eq === -1 ? part : part.slice(0, eq));
		const value = eq === -1 ? '' : decode(part.slice(eq + 1));
		if (!key) continue;
		assign(result, keySegments(key), value);
	}
	return result;
}
