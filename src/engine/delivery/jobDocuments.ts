/**
 * Self-heal of duplicate recurring job documents (docs/multi-instance.md R9, 3.3). Agenda's `every()` is an upsert
 * on `{name, type: 'single'}` without a unique index (packages/agenda/src/Agenda.ts `_saveSingleJob`, `dbInit`), so
 * two instances registering a missing job at the same moment can insert two documents: two runners every interval.
 *
 * Each recurring run notes the document it runs for: the job context's `jobId` is the document's `_id`
 * (apps/meteor/app/apps/server/bridges/scheduler.ts `_callProcessor`). Once two documents have each been seen
 * running repeatedly and recently, the run keeps the one with the smallest id and cancels the others **by id** —
 * the bridge's `cancelJob` deletes `{_id}` when the first `_` segment parses as an ObjectId (scheduler.ts
 * `cancelJob`). Every run decides the same keeper, and the kept document is never touched: the heal cannot leave
 * zero documents, as "cancel by name, then register again" could (Agenda `cancel` deletes every document of the name).
 */
import type { AppDeps } from '../deps';
import { misc, RecordStore, uniqueBy } from '../storage/RecordStore';

interface JobDocumentSeen {
	name: string;
	docId: string;
	/** Recurring runs seen for this document. */
	runs: number;
	/** The delivery job's tick at the last of them. */
	lastTick: number;
}

/** A document is a duplicate only once seen running this often: one run is also what a replaced document shows. */
const SEEN_RUNS = 2;
/** Only ids the bridge cancels by `_id` (a 24-hex ObjectId); anything else would cancel by name, i.e. all of them. */
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * Notes this run's job document; when another document of the same job also runs (seen repeatedly within
 * `staleTicks`), cancels every document but the one with the smallest id. Returns how many it cancelled.
 */
export async function healDuplicateJobDocuments(
	deps: Pick<AppDeps, 'read' | 'persis' | 'modify' | 'logger'>,
	name: string,
	docId: string | undefined,
	tick: number,
	staleTicks: number,
): Promise<number> {
	if (!docId || !OBJECT_ID.test(docId)) return 0;
	const store = new RecordStore<JobDocumentSeen>('job-doc', deps.read.getPersistenceReader(), deps.persis);
	const ofJob = [misc(`job-doc-of:${name}`)];
	const before = await store.get(`${name}:${docId}`);
	await store.put(`${name}:${docId}`, { name, docId, runs: (before?.runs ?? 0) + 1, lastTick: tick }, ofJob);
	const seen = uniqueBy(await store.where(ofJob), (d) => d.docId);
	// A document not seen for a while is gone (cancelled, or replaced on a reinstall): forgotten.
	for (const stale of seen.filter((d) => tick - d.lastTick > staleTicks)) await store.remove(`${name}:${stale.docId}`);
	const alive = seen.filter((d) => tick - d.lastTick <= staleTicks).sort((a, b) => (a.docId < b.docId ? -1 : 1));
	if (alive.length < 2 || alive.some((d) => d.runs < SEEN_RUNS)) return 0;
	const [keep, ...extra] = alive;
	for (const duplicate of extra) {
		await deps.modify.getScheduler().cancelJob(duplicate.docId);
		await store.remove(`${name}:${duplicate.docId}`);
	}
	deps.logger.warn(`${name}: ${alive.length} job documents ran (two registrations raced); kept ${keep.docId}, cancelled ${extra.length}`);
	return extra.length;
}
