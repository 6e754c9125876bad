/** fold's ASCII shortcut gives exactly what the full Unicode folding gives. */
import fc from 'fast-check';
import { fold, foldAny } from '../../src/kernel/text';

/** The folding as it was before the shortcut, for every text. */
const fullFold = foldAny;

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
