/**
 * HMAC-SHA256 signatures of pushes to `POST update`, compared in constant time.
 *
 * The signed text is `<timestamp>.<list text>`: the timestamp (Unix seconds, the `X-Subprocessors-Timestamp`
 * header) is signed with the list, so a captured request can't be sent again later with a new time. For a
 * "check now" ping the list text is empty (`<timestamp>.`). The list text, not the raw body, is signed because
 * the server hands the app the parsed JSON body, never the bytes that were sent.
 */
import { nodeCrypto } from '../../kernel/nodeCrypto';

export const SIGNATURE_HEADER = 'x-subprocessors-signature';
export const TIMESTAMP_HEADER = 'x-subprocessors-timestamp';

/** How far a request's timestamp may be from the app's clock (either way). */
export const MAX_SKEW_SECONDS = 300;

export function sign(timestamp: string, listText: string, secret: string): string {
	return `sha256=${nodeCrypto().createHmac('sha256', secret).update(`${timestamp}.${listText}`, 'utf8').digest('hex')}`;
}

/** The two headers a push (or, with an empty list text, a ping) carries. */
export function signedHeaders(listText: string, secret: string, now = Date.now()): Record<string, string> {
	const timestamp = String(Math.floor(now / 1000));
	return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(timestamp, listText, secret) };
}

/** True when `header` is `sha256=<hex>` of `<timestamp>.<list text>` under the secret. */
export function verifySignature(timestamp: string, listText: string, header: string | undefined, secret: string): boolean {
	if (!header) return false;
	const expected = Buffer.from(sign(timestamp, listText, secret));
	const given = Buffer.from(header.trim());
	const { timingSafeEqual } = nodeCrypto();
	// timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time the same.
	return given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
}

/** Seconds between the timestamp and now (positive: in the past); undefined when it is not Unix seconds. */
export function timestampAge(timestamp: string | undefined, now = Date.now()): number | undefined {
	if (!timestamp || !/^\d{1,12}$/.test(timestamp.trim())) return undefined;
	return Math.floor(now / 1000) - Number(timestamp.trim());
}
