/**
 * Purging a removed list's history (issue 17 point 1, docs/lists.md 1): `lists remove` is soft, and the list's
 * change records, state and check status stay readable (`changes NAME`) for REMOVED_LIST_RETENTION_DAYS; then the
 * delivery job's daily pass (src/platform/delivery/maintenance.ts) deletes them, a bounded number of removals per
 * run. Every removal is idempotent and the list record goes last, so a pass stopped half-way (its budget, a crash)
 * or run on two instances at once leaves the list to be found and finished by the next one.
 *
 * The first list (`main`) is never purged: its records have the keys of before lists (unprefixed, shared with the
 * paths that predate lists), and forgetting its record would bring it back — the registry knows it implicitly
 * (ListRegistry). Its history stays readable for as long as the app is installed.
 */
import type { AppDeps } from '../../../platform/deps';
import { RecordStore } from '../../../platform/storage/RecordStore';
import { recheckCatalog } from '../../list/engine/currentList';
import { purgeDue, scopedKind } from '../model';
import { ListRegistry } from './ListRegistry';

/** A list's own record kinds (stores.ts: ListStateStore, CheckStatusStore, HeldListStore), removed after its changes; the pointer last. */
const SCOPED_KINDS = ['held-list', 'check-status', 'list-body', 'list-pointer'];

export interface PurgeOutcome {
	/** Lists whose history is now wholly deleted (their record too). */
	lists: number;
	/** Removals made (each one round trip). */
	removals: number;
	/** The budget ran out with more to delete: the next run goes on. */
	backlog: boolean;
}

/**
 * Deletes the history of the lists removed longer ago than the retention: their change records, then their scoped
 * records, then the list record; at most about `budget` removals (a record stored twice takes one more).
 *
 * Left alone, on purpose: delivery records of the list's changes (closed by the delivery job once the list is
 * removed — announcing.ts skips a removed list's announcements, and a gone change record — and pruned 90 days
 * after, well before this); objections filed against the list (the objection retention governs them; their list is
 * then shown by its id); subscribers' `lists` naming it (list ids are random and never reused, so the id matches
 * nothing, and rewriting a subscriber record would race the user's own subscribe).
 */
export async function purgeRemovedLists(
	deps: Pick<AppDeps, 'read' | 'persis' | 'runtime'>,
	budget: number,
	now: Date,
): Promise<PurgeOutcome> {
	const registry = new ListRegistry(deps, deps.persis);
	const due = (await registry.everyList()).filter((list) => purgeDue(list, now));
	const outcome: PurgeOutcome = { lists: 0, removals: 0, backlog: false };
	if (due.length === 0) return outcome;
	const reader = deps.read.getPersistenceReader();
	const changes = new RecordStore<{ id: string; list?: string }>('change', reader, deps.persis);
	// One read of the change records for all due lists (the daily pass reads them whole anyway, for duplicates).
	const stored = budget > 0 ? await changes.all() : [];
	for (const list of due) {
		const ids = [...new Set(stored.filter((change) => change.list === list.id).map((change) => change.id))];
		const steps = [
			...ids.map((id) => () => changes.removeEvery(id)),
			...SCOPED_KINDS.map((kind) => () => new RecordStore(scopedKind(list.id, kind), reader, deps.persis).removeEvery()),
		];
		for (const step of steps) {
			if (outcome.removals >= budget) return { ...outcome, backlog: true };
			outcome.removals += await step();
		}
		if (outcome.removals >= budget) return { ...outcome, backlog: true };
		await registry.forget(list.id);
		outcome.removals++;
		outcome.lists++;
		recheckCatalog(deps.runtime, list.id);
	}
	return outcome;
}
