/** HMAC-SHA256 signatures of pushed lists, compared in constant time. */
import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-subprocessors-signature';

export function sign(body: string, secret: string): string {
    return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** True when `header` is `sha256=<hex>` of the body under the secret. */
export function verifySignature(body: string, header: string | undefined, secret: string): boolean {
    if (!header) return false;
    const expected = Buffer.from(sign(body, secret));
    const given = Buffer.from(header.trim());
    // timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time the same.
    return given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
}
