/** Text helpers shared by search, location lookup and formatting. Pure: no engine imports. */

const SPECIAL_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ł: 'l', ı: 'i' };

/** Lower-case, accent-free, punctuation-free form used for every comparison ("Müller & Co." → "muller co"). */
export function fold(text: string): string {
    return text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[ßæøœđłı]/g, (ch) => SPECIAL_FOLDS[ch] ?? ch)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
}

export function tokens(text: string): string[] {
    const folded = fold(text);
    return folded ? folded.split(' ') : [];
}

/** Default entry id: a slug of the name ("Rocket.Chat Technologies Corp." → "rocket-chat-technologies-corp"). */
export function slugify(text: string): string {
    return fold(text).replace(/ /g, '-');
}

/**
 * Makes user- or list-controlled text inert in Rocket.Chat markdown: no mention notifies, no link or
 * formatting renders. Rocket.Chat's message parser honours backslash escapes only for * _ ~ ` (so only
 * those are escaped); a zero-width joiner breaks mentions (@all, #room), emoji codes, URLs and [text](link).
 */
export function inert(text: string): string {
    return text
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
        .replace(/([*_~`])/g, '\\$1')
        .replace(/([@#:\]])(?=\S)/g, '$1\u200d');
}

/** Cuts text to at most `max` characters, on a word boundary when one is near, marking the cut. */
export function truncate(text: string, max: number): string {
    if (text.length <= max) {
        return text;
    }
    const cut = text.slice(0, Math.max(0, max - 1));
    const space = cut.lastIndexOf(' ');
    return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** `inert(text)` cut to at most `max` characters (escaping can lengthen text, so cut after escaping). */
export function inertTruncated(text: string, max: number): string {
    let raw = text.length > max ? truncate(text, max) : text;
    let safe = inert(raw);
    while (safe.length > max && raw.length > 1) {
        raw = truncate(raw, Math.max(1, raw.length - (safe.length - max) - 1));
        safe = inert(raw);
    }
    return safe;
}

/** An e-mail address shown in markdown: escaped, but without the joiners `inert` adds, so it stays copyable. */
export function markdownEmail(address: string): string {
    return address.replace(/([*_~`])/g, '\\$1');
}
