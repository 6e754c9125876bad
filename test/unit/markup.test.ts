// Issue 13: `markupSafe` against Rocket.Chat's own message parser. Text the app did not write, escaped by `markupSafe`,
// must parse to plain text only — in message text (all server options on) and in mrkdwn blocks — and read
// exactly as written, with the app's own formatting around it intact.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

import { markupSafe, markupSafeTruncated } from '../../src/kernel/text';
import { CATALOGS, LANGUAGES } from '../../src/kernel/i18n';
import {
	HOSTILE_SAMPLES,
	MARKUP_CLASSES,
	PARSES,
	SEPARATORS,
	liveNodes,
	markupProblem,
	parsed,
	sameSpacing,
	visibleText,
} from '../support/markup';

/** What the reader must see for `text`: the text itself, minus control and invisible formatting characters. */
const expectedText = (text: string) =>
	text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '');

/** The contexts the app puts outsider text in: alone, after its own bold label, inside a line, on its own line. */
const CONTEXTS: Array<[string, (x: string) => string, string[], (x: string) => string]> = [
	['alone', (x) => x, [], (x) => x],
	['after a bold label', (x) => `*Name:* ${x}`, ['BOLD'], (x) => `Name: ${x}`],
	['in a bullet line', (x) => `• ${x} — *Marketplace* · 2 places`, ['BOLD'], (x) => `• ${x} — Marketplace · 2 places`],
	['after a label line', (x) => `*Grounds*\n${x}`, ['BOLD'], (x) => `Grounds\n${x}`],
	['glued to app text', (x) => `Version of ${x}'s list`, [], (x) => `Version of ${x}'s list`],
];

describe.each(PARSES)('%s', (_where, options) => {
	test.each(HOSTILE_SAMPLES)('%s: %j is plain text and reads as written', (_name, sample) => {
		for (const [context, wrap, allowed, reads] of CONTEXTS) {
			const shown = wrap(markupSafe(sample));
			expect({ context, sample, problem: markupProblem(shown, options, allowed, sample.length > 3 ? sample : undefined) }).toEqual({
				context,
				sample,
				problem: undefined,
			});
			expect({ context, sample, reads: sameSpacing(visibleText(parsed(shown, options))) }).toEqual({
				context,
				sample,
				reads: sameSpacing(reads(expectedText(sample))),
			});
		}
	});

	test('without markupSafe the samples are live markup (so the samples test something)', () => {
		const live = Object.entries(MARKUP_CLASSES).filter(
			([name, samples]) =>
				!['html and entities', 'backslash escapes', 'phone number'].includes(name) &&
				samples.every((s) => liveNodes(parsed(s, options)).length === 0),
		);
		// Emoticons, colors and KaTeX are off in mrkdwn blocks, so only those may parse plain there.
		expect(live.map(([name]) => name)).toEqual(options.emoticons ? [] : ['emoticon', 'katex', 'color']);
	});

	test('property: any mix of markup classes and separators stays plain text and reads as written', () => {
		const fragment = fc.oneof(
			fc.constantFrom(...Object.values(MARKUP_CLASSES).flat()),
			fc.constantFrom(...SEPARATORS),
			fc.string({ maxLength: 6 }),
			fc.constantFrom(
				'*',
				'_',
				'~',
				'`',
				'#',
				'.',
				'@',
				':',
				'<',
				'>',
				'|',
				'[',
				']',
				'(',
				')',
				'!',
				'$',
				'\\',
				'+',
				'-',
				'=',
				';',
				"'",
				'😀',
				'\u200d',
				'\u2060',
			),
		);
		fc.assert(
			fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
				const sample = parts.join('');
				for (const [context, wrap, allowed, reads] of CONTEXTS) {
					const shown = wrap(markupSafe(sample));
					const problem = markupProblem(shown, options, allowed);
					if (problem) throw new Error(`${context}: ${JSON.stringify(sample)} → ${problem}`);
					const seen = sameSpacing(visibleText(parsed(shown, options)));
					if (seen !== sameSpacing(reads(expectedText(sample))))
						throw new Error(`${context}: ${JSON.stringify(sample)} reads ${JSON.stringify(seen)}`);
				}
			}),
			{ numRuns: Number(process.env.MARKUP_RUNS ?? 400), seed: Number(process.env.MARKUP_SEED ?? 20261130) },
		);
	});
});

test('no visible escape: the backslashes markupSafe adds are consumed by the parser', () => {
	const shown = markupSafe('*a* _b_ ~c~ `d` #e f.g');
	expect(shown).toContain('\\*');
	expect(visibleText(parsed(shown, PARSES[0][1]))).toBe('*a* _b_ ~c~ `d` #e f.g');
});

test('an e-mail address stays copyable: no invisible character inside it', () => {
	expect(visibleText(parsed(markupSafe('alice.o+tag@acme.com'), PARSES[0][1]))).toBe('alice.o+tag@acme.com');
	expect(parsed(markupSafe('alice.o+tag@acme.com'), PARSES[0][1])).toEqual([
		{ type: 'PARAGRAPH', value: [{ type: 'PLAIN_TEXT', value: 'alice.o+tag@acme.com' }] },
	]);
});

test('markupSafeTruncated stays within its limit and plain', () => {
	const text = '*x* @all '.repeat(40);
	const cut = markupSafeTruncated(text, 50);
	expect(cut.length).toBeLessThanOrEqual(50);
	expect(markupProblem(cut, PARSES[0][1])).toBeUndefined();
});

test("no message template puts outsider text inside the app's emphasis, where the parser honours no escape", () => {
	const OUTSIDER = /\{(company|query|place|subprocessor|name|names|word|note|email|subject|requirements|user|objector|error|room)\}/;
	const found: string[] = [];
	expect(LANGUAGES.length).toBeGreaterThanOrEqual(11);
	for (const [lang, messages] of Object.entries(CATALOGS)) {
		for (const [key, template] of Object.entries(messages as Record<string, string>)) {
			for (const span of template.match(/\*[^*\n]+\*|(?<![\p{L}\p{N}])_[^_\n]+_(?![\p{L}\p{N}])|~[^~\n]+~/gu) ?? [])
				if (OUTSIDER.test(span)) found.push(`${lang} ${key}: ${span}`);
		}
	}
	expect(found).toEqual([]);
});

test("no code wraps markupSafe text in the app's emphasis either", () => {
	const SRC = path.join(__dirname, '..', '..', 'src');
	const files = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
			d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : [],
		);
	const found = files(SRC).flatMap((file) =>
		(readFileSync(file, 'utf8').match(/[*_~]\$\{markupSafe(Truncated)?\(/g) ?? []).map((m) => `${path.relative(SRC, file)}: ${m}`),
	);
	expect(found).toEqual([]);
});
