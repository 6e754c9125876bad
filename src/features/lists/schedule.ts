/**
 * Which watched lists a run of the one recurring check job checks (docs/lists.md 3). Pure: no engine imports.
 */
import type { WatchedList } from './model';

export interface ListCheckTime {
	list: WatchedList;
	/** When the list was last checked (its check status), by the job, `sync` or its first fetch; absent: never. */
	lastCheckAt?: string;
}

/**
 * The lists due now, oldest check first (never checked first of all; ties in list order). A list is due when its
 * last check is an interval old — less a slack of half an interval, because the job's runs are one interval apart
 * and a list checked a little after a run started would otherwise be found "not quite due" by the next run and
 * wait a whole interval more. A list checked by `sync` a moment ago waits for a later run. One list alone is
 * checked at every run, as before lists existed.
 */
export function dueLists(lists: readonly ListCheckTime[], intervalMinutes: number, now: Date): WatchedList[] {
	if (lists.length === 1) return [lists[0].list];
	const dueBefore = now.getTime() - (intervalMinutes * 60_000) / 2;
	const at = (time?: string) => {
		const parsed = time ? Date.parse(time) : NaN;
		return Number.isNaN(parsed) ? -Infinity : parsed;
	};
	return lists
		.map((entry, order) => ({ ...entry, order, at: at(entry.lastCheckAt) }))
		.filter((entry) => entry.at <= dueBefore)
		.sort((a, b) => a.at - b.at || a.order - b.order)
		.map((entry) => entry.list);
}

/** When a list is next checked: an interval after its last check (the job's next run after that), or soon when never. */
export function nextListCheckAt(lastCheckAt: string | undefined, intervalMinutes: number, now: Date): string {
	const last = lastCheckAt ? Date.parse(lastCheckAt) : NaN;
	const next = Number.isNaN(last) ? now.getTime() + 60_000 : Math.max(last + intervalMinutes * 60_000, now.getTime() + 60_000);
	return new Date(next).toISOString();
}
