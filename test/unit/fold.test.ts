/** fold's ASCII shortcut gives exactly what the full Unicode folding gives. */
import fc from 'fast-check';
import { fold } from '../../src/kernel/text';

const SPECIAL_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ł: 'l', ı: 'i' };
/** The folding as it was before the shortcut, for every text. */
const fullFold = (text: string) =>
	text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[ßæøœđłı]/g, (ch) => SPECIAL_FOLDS[ch] ?? ch)
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

test('ASCII text folds as the full folding does', () => {
	fc.assert(
		fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => expect(fold(text)).toBe(fullFold(text))),
		{ numRuns: 2000, seed: 5 },
	);
	for (const text of [
		'Rocket.Chat Technologies Corp.',
		'  AWS  ',
		'Müller & Co.',
		'a\tb\nc',
		'',
		'---',
		'PRVolt',
		'Fabulor.eu',
		'ZOHO (CRM)',
	]) {
		expect(fold(text)).toBe(fullFold(text));
	}
});

test('other text still folds fully', () => {
	fc.assert(
		fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => expect(fold(text)).toBe(fullFold(text))),
		{ numRuns: 1000, seed: 6 },
	);
});
