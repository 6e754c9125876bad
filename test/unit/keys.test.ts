/** Keys the app stores or compares across versions: they must come out the same after any refactoring. */
import { fnv1a } from '../../src/domain/text';

describe('fnv1a: the short hash in alert keys, change ids and duplicate objections', () => {
	test('is FNV-1a 32-bit (the published test vectors)', () => {
		// From the FNV reference (isthe.com/chongo/tech/comp/fnv): the offset basis, "a", "foobar".
		expect(fnv1a('')).toBe(0x811c9dc5);
		expect(fnv1a('a')).toBe(0xe40c292c);
		expect(fnv1a('foobar')).toBe(0xbf9cf968);
	});
});
