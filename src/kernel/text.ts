/** Text helpers shared by search, location lookup and formatting. Pure: no engine imports. */

const SPECIAL_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ł: 'l', ı: 'i' };

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, accent-free, punctuation-free form used for every comparison ("Müller & Co." → "muller co"). */
export function fold(text: string): string {
	// ASCII (most names and words): no accents to strip, and its only letters and digits are a-z and 0-9 once
	// lower-cased — the same result as foldAny, several times faster (lists of thousands of entries fold a lot).
	if (ASCII.test(text))
		return text
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, ' ')
			.trim();
	return foldAny(text);
}

/** `fold` for any text, without the ASCII shortcut (exported so a test can hold the shortcut to it). */
export function foldAny(text: string): string {
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

/** Text without control characters and invisible formatting (bidi overrides, zero-width characters): as shown in plain_text. */
export function plainText(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '');
}

/** U+2060 WORD JOINER: invisible, joins nothing, and is ordinary text to Rocket.Chat's message parser. */
const WJ = '\u2060';

/**
 * Emoticons Rocket.Chat's parser turns into emoji in messages (`EmoticonPattern` in the message-parser grammar).
 * A word joiner after the first character breaks each one.
 */
const EMOTICONS = [
	'<3',
	'</3',
	':D',
	':-D',
	'=D',
	'>:)',
	'>;)',
	'>:-)',
	'>=)',
	"':)",
	"':-)",
	"'=)",
	"':D",
	"':-D",
	"'=D",
	":')",
	":'-)",
	'O:-)',
	'0:-3',
	'0:3',
	'0:-)',
	'0:)',
	'0;^)',
	'O:)',
	'O;-)',
	'O=)',
	'0;-)',
	'O:-3',
	'O:3',
	':)',
	':-)',
	'=]',
	'=)',
	':]',
	';)',
	';-)',
	'*-)',
	'*)',
	';-]',
	';]',
	';D',
	';^)',
	':*',
	':-*',
	'=*',
	':^*',
	':P',
	':-P',
	'=P',
	':-\u00de',
	':\u00de',
	':-b',
	':b',
	'>:P',
	'X-P',
	'B-)',
	'B)',
	'8)',
	'8-)',
	'B-D',
	'8-D',
	'>:[',
	':-(',
	':(',
	':-[',
	':[',
	'=(',
	'>:\\',
	'>:/',
	':-/',
	':-.',
	':/',
	':\\',
	'=/',
	'=\\',
	':L',
	'=L',
	'>.<',
	":'(",
	":'-(",
	';(',
	';-(',
	'>:(',
	'>:-(',
	':@',
	':$',
	'=$',
	'D:',
	"':(",
	"':-(",
	"'=(",
	':-X',
	':X',
	':-#',
	':#',
	'=X',
	'=#',
	'-_-',
	'-__-',
	'-___-',
	':-O',
	':O',
	'O_O',
	'>:O',
	'#-)',
	'#)',
	'%-)',
	'%)',
	'X)',
	'X-)',
	'(y)',
	'*\\0/*',
	'\\0/',
	'*\\O/*',
	'\\O/',
];
// Surrogate halves on purpose: without the u flag a class matches UTF-16 code units.
/* eslint-disable no-misleading-character-class */
const EMOJI_START = /[\u2300-\u23ff\u2600-\u27bf\ud83c-\ud83e]/;
const EMOJI_INSIDE = /[\u2300-\u23ff\u2600-\u27bf\udc00-\udfff\ufe0f]/;
/* eslint-enable no-misleading-character-class */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\d/;
const EMOTICON = new RegExp(EMOTICONS.map((e) => e.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');

/**
 * Makes text the app did not write (list entries, objection fields, notes, names, search words) show as
 * plain text in Rocket.Chat markdown: message text and `mrkdwn` blocks alike. Derived from the grammar of
 * `@rocket.chat/message-parser` and proven against it by test/unit/markup.test.ts:
 * - `\` escapes only `* _ ~ \` # .` (its `Escaped` rule), and the backslash is not shown: those six get one.
 *   Escaping `.` is what stops domains, URLs, e-mail addresses and `1.` lists; `#` stops channels, headings, colors.
 * - Everything else is broken with an invisible word joiner: after `@` (mentions; not inside an e-mail
 *   address, which escaped dots already keep unlinked, so addresses stay copyable), after `:` (emoji codes,
 *   URL schemes, `color:`), after `<` (`<url|label>`, `<t:…>`), `|` (spoilers), `]` (`[label](url)`, images),
 *   a literal `\` (KaTeX `\[ \(`) and `+` before a digit (phones); before `$` (KaTeX) and emoji (so they
 *   stay inside plain text); inside emoticons; and before `>` or `-` starting a line (quotes, lists).
 * Put the result where plain text goes: not inside the app's own `*…*`, `_…_` or `~…~` (no escape holds there) and
 * not right after an app `#` or `@` (see `roomName` in features/watch/announcement.ts).
 */
export function markupSafe(text: string): string {
	const clean = plainText(text);
	const breakAfter = emoticonStarts(clean);
	// The text is copied in runs between the characters that change, and joined once: adding one character at a time
	// made a chain of string pieces (32 bytes per character: a 100-character purpose held 3 KB, a list's lines megabytes).
	const out: string[] = [];
	let run = 0;
	for (let i = 0; i < clean.length; i++) {
		const ch = clean[i];
		const prev = clean[i - 1] ?? '';
		// Quotes and `-` lists start at a line start (the rest are escaped or broken below anyway).
		const before = (i === 0 || prev === '\n') && (ch === '>' || ch === '-') ? WJ : '';
		let instead: string;
		if ('*_~`#.'.includes(ch)) instead = `\\${ch}`;
		// One joiner before an emoji sequence: its skin tones and flags' second halves must stay joined to it.
		else if (ch === '$' || (EMOJI_START.test(ch) && !EMOJI_INSIDE.test(prev))) instead = WJ + ch;
		else if (':<|]\\'.includes(ch) || (ch === '@' && !LETTER_OR_DIGIT.test(prev)) || (ch === '+' && DIGIT.test(clean[i + 1] ?? '')))
			instead = ch + WJ;
		// `=` before an added backslash would read as the emoticon `=\`.
		else instead = breakAfter.has(i) || (ch === '=' && '*_~`#.\\'.includes(clean[i + 1] ?? '')) ? ch + WJ : ch;
		if (before === '' && instead === ch) continue;
		if (run < i) out.push(clean.slice(run, i));
		out.push(before + instead);
		run = i + 1;
	}
	if (run === 0) return clean;
	if (run < clean.length) out.push(clean.slice(run));
	return out.join('');
}

/** Where the emoticons in `text` start (markupSafe puts a word joiner after each one's first character). */
export function emoticonStarts(text: string): Set<number> {
	const starts = new Set<number>();
	for (const m of text.matchAll(EMOTICON)) starts.add(m.index ?? 0);
	return starts;
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

/** `markupSafe(text)` cut to at most `max` characters (escaping can lengthen text, so cut after escaping). */
export function markupSafeTruncated(text: string, max: number): string {
	let raw = text.length > max ? truncate(text, max) : text;
	let safe = markupSafe(raw);
	while (safe.length > max && raw.length > 1) {
		raw = truncate(raw, Math.max(1, raw.length - (safe.length - max) - 1));
		safe = markupSafe(raw);
	}
	return safe;
}

/**
 * FNV-1a, 32 bits: a short key for text (alert and change ids, duplicate objections, ETags). Not for security, nor for
 * the list's fingerprint (diff.ts: SHA-256). Stored keys depend on it: never change it.
 */
export function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/**
 * An objection address as the app accepts one — the `objection_email` setting and `lists objection NAME ADDRESS`
 * alike: one `@` between two runs without spaces, trimmed. (The server's mailer is stricter: it wants a dot and a
 * top-level domain; an address it refuses is shown on the objection's card, src/features/objections/engine/routing.ts.)
 */
export function objectionAddress(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(trimmed) ? trimmed : undefined;
}
