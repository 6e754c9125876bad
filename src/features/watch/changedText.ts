/**
 * Long texts that changed a little (a vendor's page rewords one sentence of a purpose) are shown around
 * their first difference, so the old and new value don't read as the same cut-off prefix. Pure.
 */

/** Both values cut to about `max` characters at the same place, just before where they first differ. */
export function aroundDifference(before: string, after: string, max: number): [string, string] {
	if (before.length <= max && after.length <= max) return [before, after];
	let common = 0;
	const limit = Math.min(before.length, after.length);
	while (common < limit && before[common] === after[common]) common++;
	// Keep a little context before the difference; start at a word.
	let start = Math.max(0, common - Math.floor(max / 4));
	if (start > 0) {
		const space = before.lastIndexOf(' ', start);
		start = space > 0 && start - space < 20 ? space + 1 : start;
	}
	if (start === 0) return [before, after];
	return [`…${before.slice(start)}`, `…${after.slice(start)}`];
}
