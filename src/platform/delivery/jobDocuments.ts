/**
 * Self-heal of duplicate recurring job documents (docs/multi-instance.md R9, 3.3). Agenda's `every()` is an upsert
 * on `{name, type: 'single'}` without a unique index (packages/agenda/src/Agenda.ts `_saveSingleJob`, `dbInit`), so
 * two instances registering a missing job at the same moment can insert two documents: two runners every interval.
 *
 * Each recurring run notes the document it runs for: the job context's `jobId` is the document's `_id`
 * (apps/meteor/app/apps/server/bridges/scheduler.ts `_callProcessor`). A document that sees a smaller one running
 * too cancels itself **by id** — the bridge's `cancelJob` deletes `{_id}` when the first `_` segment parses as an
 * ObjectId (scheduler.ts `cancelJob`). The smallest is never cancelled by anyone: the heal cannot leave zero
 * documents, as "cancel by name, then register again" could (Agenda `cancel` deletes every document of the name).
 */
import type { AppDeps } from '../deps';
import { misc, RecordStore, uniqueBy } from '../storage/RecordStore';

interface JobDocumentSeen {
	name: string;
	docId: string;
	/** Recurring runs seen for this document. */
	runs: number;
	/** The delivery job's tick at the last of them (to forget documents that no longer run). */
	lastTick: number;
	/** The other documents' run counts as this run found them: a count grown since means that document runs. */
	seen?: Record<string, number>;
}

/** Only ids the bridge cancels by `_id` (a 24-hex ObjectId); anything else would cancel by name, i.e. all of them. */
const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * Notes this run's job document. When another document of the same job with a smaller id ran since this document's
 * previous run, this one is a duplicate: it cancels **itself**, by id, and the smallest is left. A run only ever
 * cancels the document it runs for — one that certainly exists — and only on evidence that a smaller one ran after
 * it last did, so a document cancelled or replaced earlier (its record still there) never makes a run give way.
 * Returns 1 when it cancelled its document. `staleTicks`: records of documents not seen for longer are forgotten.
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
	const others = uniqueBy(await store.where(ofJob), (d) => d.docId).filter((d) => d.docId !== docId);
	const seen = Object.fromEntries(others.map((d) => [d.docId, d.runs]));
	await store.put(`${name}:${docId}`, { name, docId, runs: (before?.runs ?? 0) + 1, lastTick: tick, seen }, ofJob);
	// A document not seen for a while is gone (cancelled, or replaced on a reinstall): forgotten.
	for (const stale of others.filter((d) => tick - d.lastTick > staleTicks)) await store.remove(`${name}:${stale.docId}`);
	if (!before) return 0;
	// A smaller document that ran since this one's previous run (its count grew, or it was not there yet).
	const smaller = others.find((d) => d.docId < docId && d.runs > (before.seen?.[d.docId] ?? 0));
	if (!smaller) return 0;
	await deps.modify.getScheduler().cancelJob(docId);
	await store.remove(`${name}:${docId}`);
	deps.logger.warn(`${name}: two job documents run (two registrations raced); ${docId} gives way to ${smaller.docId}, cancelled`);
	return 1;
}
