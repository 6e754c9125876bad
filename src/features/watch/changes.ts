/**
 * Change records: what the app stores for every accepted change of the list, and the dates it announces.
 * Pure: no engine imports.
 */
import { diffLists, type ListChanges } from './diff';
import type { SubprocessorList } from '../list/model';
import { fnv1a } from '../../kernel/text';
import { listScope, MAIN_LIST_ID } from '../lists/model';

export interface Delivery {
	state: 'attempted' | 'done';
	at: string;
	messageId?: string;
	/** Failed attempts (direct messages only: a subscriber who can't be reached is given up after a few). */
	failures?: number;
}

export interface ChangeRecord {
	/**
	 * Deterministic: the same transition always has the same id, so a repeated run can't record it twice. A watched
	 * list other than the first prefixes it with its id (`l-ab12cd34/…`), and so do the keys of its deliveries.
	 */
	id: string;
	/** The watched list it changed; absent: the first list (records stored before lists existed). */
	list?: string;
	kind: 'baseline' | 'change';
	detectedAt: string;
	company: string;
	fromVersion?: string;
	toVersion: string;
	fromFingerprint?: string;
	toFingerprint: string;
	changes: ListChanges;
	/** How many sub-processors the new version lists. */
	entryCount: number;
	/** YYYY-MM-DD */
	effectiveDate: string;
	/** YYYY-MM-DD: the last day an objection is on time. */
	objectionDeadline: string;
	/**
	 * Before the delivery job: where the announcement went, per target ('channel', 'dm:<userId>'). Read only by the
	 * migration (src/features/watch/engine/migration.ts); new records leave it empty — delivery records carry the progress.
	 */
	deliveries: Record<string, Delivery>;
	/** Before the delivery job: subscribers still to be told by DM (read only by the migration). */
	subscribersToTell?: string[];
}

/**
 * The id of the change from one list version to another. It names the change that led to the old version
 * too, so a change that is reverted and made again (A → B → A → B) is a new record each time, while a check
 * retried after a crash (same previous change, same versions) finds the record it already wrote.
 */
export function changeRecordId(fromFingerprint: string | undefined, toFingerprint: string, previousChangeId?: string): string {
	const base = `${fromFingerprint ?? 'none'}-${toFingerprint}`;
	return previousChangeId ? `${base}-${shortHash(previousChangeId)}` : base;
}

const shortHash = (text: string): string => fnv1a(text).toString(16).padStart(8, '0');

const DAY = 24 * 60 * 60 * 1000;

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

function addDays(day: string, days: number): string {
	return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY));
}

const later = (a: string, b: string): string => (a > b ? a : b);

/**
 * When a change takes effect and until when one may object:
 * - with `noticeDays` in the list: effective = announcement day + noticeDays (or the list's date if later),
 *   and objections are on time until the change takes effect;
 * - without: the change is in effect as of the list's `updated` date (the list says so), and the objection
 *   window is the workspace's setting, counted from the announcement.
 */
export function changeDates(
	list: SubprocessorList,
	announcedAt: Date,
	objectionWindowDays: number,
): { effectiveDate: string; objectionDeadline: string } {
	const today = isoDay(announcedAt);
	const notice = list.objections.noticeDays;
	if (notice !== undefined) {
		const effectiveDate = later(addDays(today, notice), list.updated);
		return { effectiveDate, objectionDeadline: effectiveDate };
	}
	return { effectiveDate: list.updated, objectionDeadline: addDays(today, objectionWindowDays) };
}

export function newChangeRecord(
	before: { list: SubprocessorList; fingerprint: string; changeId?: string } | undefined,
	after: { list: SubprocessorList; fingerprint: string },
	now: Date,
	objectionWindowDays: number,
	/** diffLists(before.list, after.list) when the caller has it already (a 5,000-entry compare is not free). */
	known?: ListChanges,
	listId: string = MAIN_LIST_ID,
): ChangeRecord {
	const changes = before ? (known ?? diffLists(before.list, after.list)) : { added: [], removed: [], changed: [] };
	const id = changeRecordId(before?.fingerprint, after.fingerprint, before?.changeId);
	const scope = listScope(listId);
	return {
		id: scope ? `${scope}/${id}` : id,
		...(scope ? { list: listId } : {}),
		kind: before ? 'change' : 'baseline',
		detectedAt: now.toISOString(),
		company: after.list.company,
		fromVersion: before?.list.updated,
		toVersion: after.list.updated,
		fromFingerprint: before?.fingerprint,
		toFingerprint: after.fingerprint,
		changes,
		entryCount: after.list.subprocessors.length,
		...changeDates(after.list, now, objectionWindowDays),
		deliveries: {},
	};
}

/** A list that suddenly drops most of its entries is more likely a broken source than a real change. */
export function looksLikeMassRemoval(before: SubprocessorList, changes: ListChanges): boolean {
	const old = before.subprocessors.length;
	return old >= 4 && changes.removed.length * 2 > old;
}
