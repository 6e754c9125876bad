/**
 * The delivery job's daily pass (docs/multi-instance.md 3.2, R10):
 * - **Duplicates**: `RecordStore.put` is an upsert without a unique index, so two first-time puts on two instances
 *   (a subscribe clicked twice, an admin remembered twice, one change decided by two checks) can store two copies
 *   of one record. Readers already take one per key; this pass leaves one copy each and counts what went
 *   (`duplicatesCollapsed`).
 * - **Pruning**: closed deliveries (done, given up) older than the retention go, with every copy of their key (a
 *   copy left in an hour bucket by a crash between "insert the new, remove the old" included). Closed copies are
 *   bucketed by month, so a pass reads one month bucket at a time from its cursor, never every record; it removes at
 *   most a batch of keys and carries on at the next run while there is more.
 * - **Purging removed lists**: a list removed longer ago than REMOVED_LIST_RETENTION_DAYS loses its history
 *   (src/features/lists/engine/purge.ts), with what the pruning left of the batch (`listsPurged`).
 */
import type { AppDeps } from '../deps';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata/RocketChatAssociations';
import { RecordStore, userAssoc } from '../storage/RecordStore';
import { DeliveryStore } from './DeliveryStore';
import { monthBucket } from './model';
import { purgeRemovedLists } from '../../features/lists/engine/purge';

const DAY = 24 * 3600_000;
/**
 * Closed deliveries are kept this long: the bookkeeping of what was announced and sent (and why something gave
 * up) stays at hand for a quarter's review; the change records are kept while their list is (a removed list's go a year
 * after its removal), objections as the objection retention says.
 */
export const DELIVERY_RETENTION_DAYS = 90;
/** Removals per run at most (a pruned key is one find and one delete), pruning first, then purging; the next run goes on. */
const PRUNE_BATCH = 500;
/** Month buckets looked at per run at most (an empty one is one indexed read). */
const MAX_MONTHS = 40;
/** Delivery records exist since the delivery job (issue 14, 2026): the pruning cursor starts here. */
const FIRST_MONTH = '202601';

export interface MaintenanceRecord {
	at: string;
	tick: number;
	/** The oldest month bucket of closed deliveries that may still hold records. */
	pruneMonth: string;
	/** The last run stopped at its batch: the next recurring run goes on pruning and purging. */
	backlog?: boolean;
	/** Totals since the first pass (the purge's absent in records of before it). */
	duplicatesCollapsed: number;
	pruned: number;
	/** Removed lists whose history was deleted, and the removals that took. */
	listsPurged?: number;
	listRemovals?: number;
	last?: { duplicatesCollapsed: number; pruned: number; listsPurged?: number; listRemovals?: number };
}

/** A kind of record and how to find its ids (and the extra associations `put` gave it). */
interface KeyedKind {
	kind: string;
	/** The ids of single records; and/or, read whole (small kinds), each record's id. */
	ids?: string[];
	idOf?: (record: Record<string, unknown>) => string | undefined;
	extra?: (id: string) => RocketChatAssociationRecord[];
}

/** What handlers and checks `put` for the first time on any instance (src/platform/storage/stores.ts). */
const KEYED: KeyedKind[] = [
	{ kind: 'subscriber', idOf: (r) => r.userId as string, extra: (id) => [userAssoc(id)] },
	{ kind: 'admin-contact', idOf: (r) => r.userId as string, extra: (id) => [userAssoc(id)] },
	{ kind: 'change', idOf: (r) => r.id as string },
	{ kind: 'check-status', ids: ['current'] },
	{ kind: 'list-pointer', ids: ['current'] },
	{ kind: 'held-list', ids: ['current'] },
	{ kind: 'seen-pushes', ids: ['current'] },
	// Records before lists don't hold their id; later ones do ('announcements:<listId>').
	{ kind: 'room-refusal', ids: ['announcements', 'team'], idOf: (r) => r.id as string | undefined },
	{ kind: 'delivery-cursor', ids: ['current'] },
];

type Deps = Pick<AppDeps, 'read' | 'persis' | 'logger' | 'runtime'>;

function store(deps: Deps): RecordStore<MaintenanceRecord> {
	return new RecordStore<MaintenanceRecord>('delivery-maintenance', deps.read.getPersistenceReader(), deps.persis);
}

/**
 * Runs the pass when a day went by since the last (in the recurring job's ticks or in time, whichever comes first),
 * or when the last one left pruning or purging to do (then those only).
 */
export async function maintainDaily(deps: Deps, tick: number, dayTicks: number, now = new Date()): Promise<MaintenanceRecord | undefined> {
	const before = await store(deps).get('current');
	const daily = !before || tick - before.tick >= dayTicks || now.getTime() - Date.parse(before.at) >= DAY;
	if (!daily && !before?.backlog) return undefined;
	const duplicatesCollapsed = daily ? await collapseDuplicates(deps) : 0;
	const pruned = await pruneClosed(deps, before?.pruneMonth ?? FIRST_MONTH, now);
	const purged = await purgeRemovedLists(deps, PRUNE_BATCH - pruned.removed, now);
	const backlog = pruned.backlog || purged.backlog;
	const record: MaintenanceRecord = {
		at: daily || !before ? now.toISOString() : before.at,
		tick: daily || !before ? tick : before.tick,
		pruneMonth: pruned.month,
		...(backlog ? { backlog: true } : {}),
		duplicatesCollapsed: (before?.duplicatesCollapsed ?? 0) + duplicatesCollapsed,
		pruned: (before?.pruned ?? 0) + pruned.removed,
		listsPurged: (before?.listsPurged ?? 0) + purged.lists,
		listRemovals: (before?.listRemovals ?? 0) + purged.removals,
		last: { duplicatesCollapsed, pruned: pruned.removed, listsPurged: purged.lists, listRemovals: purged.removals },
	};
	await store(deps).put('current', record);
	deps.logger.info(
		`delivery maintenance: duplicates_collapsed=${duplicatesCollapsed} pruned=${pruned.removed} lists_purged=${purged.lists} list_removals=${purged.removals}${backlog ? ' (more to do)' : ''}`,
	);
	return record;
}

/** Leaves one copy of every record stored twice; returns how many copies went. */
export async function collapseDuplicates(deps: Deps): Promise<number> {
	let collapsed = 0;
	for (const { kind, ids, idOf, extra } of KEYED) {
		const records = new RecordStore<Record<string, unknown>>(kind, deps.read.getPersistenceReader(), deps.persis);
		const twice = new Set(ids ?? []);
		if (idOf) {
			const counts = new Map<string, number>();
			for (const record of await records.all()) {
				const id = idOf(record);
				if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
			}
			for (const [id, n] of counts) if (n > 1) twice.add(id);
		}
		for (const id of twice) {
			const n = await records.collapse(id, extra?.(id));
			if (n) deps.logger.warn(`${kind} ${id}: ${n + 1} copies stored (two first-time writes raced); one kept`);
			collapsed += n;
		}
	}
	return collapsed;
}

/** Removes closed deliveries of the months wholly older than the retention, from `month` on, a batch at most. */
async function pruneClosed(deps: Deps, month: string, now: Date): Promise<{ month: string; removed: number; backlog: boolean }> {
	const deliveries = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);
	const cutoff = monthBucket(new Date(now.getTime() - DELIVERY_RETENTION_DAYS * DAY).toISOString());
	let removed = 0;
	for (let read = 0; month < cutoff && read < MAX_MONTHS; read++) {
		const keys = await deliveries.closedKeysIn(month);
		const batch = keys.slice(0, PRUNE_BATCH - removed);
		for (const key of batch) await deliveries.removeKey(key);
		removed += batch.length;
		if (batch.length < keys.length) return { month, removed, backlog: true };
		month = nextMonth(month);
		if (removed >= PRUNE_BATCH) return { month, removed, backlog: month < cutoff };
	}
	return { month, removed, backlog: false };
}

function nextMonth(month: string): string {
	const year = +month.slice(0, 4);
	const next = +month.slice(4, 6) + 1;
	return next > 12 ? `${year + 1}01` : `${year}${String(next).padStart(2, '0')}`;
}
