// The scheduler collection (`rocketchat_apps_scheduler`) of a multi-instance server, held by the state process.
// Every method is ONE MongoDB operation of the Agenda fork the server uses (RocketChat/Rocket.Chat
// packages/agenda/src/Agenda.ts and Job.ts), so instances calling them over IPC interleave exactly where N
// Agenda instances on one collection would. The instance side (when to call what) is in cluster/scheduler.ts.
import { randomBytes } from 'crypto';

import { nextRun, parseInterval, parseWhen } from '../schedule';
import type { Interval } from '../schedule';
import type { Clock } from '../state';

/** Agenda's default `lockLifetime` (the server's bridge sets only `defaultConcurrency: 1`). */
export const LOCK_LIFETIME_MS = 10 * 60_000;

export interface JobDoc {
	_id: string;
	/** "<processor id>_<appId>", as the engine passes it */
	name: string;
	/** `single`: a recurring job (every), one document per name by upsert; `normal`: a once-job (schedule) */
	type: 'single' | 'normal';
	data?: object;
	nextRunAt: number | null;
	lockedAt: number | null;
	lastRunAt?: number;
	lastFinishedAt?: number;
	repeatInterval?: string;
	failReason?: string;
	failCount?: number;
	/** which instance wrote it last (Agenda's `lastModifiedBy`) */
	lastModifiedBy?: string;
}

export interface SaveResult {
	doc: JobDoc;
	/** Agenda `_processDbResult`: the saved job is due before the next scan, so the saver processes it at once */
	dueNow: boolean;
}

export class AgendaCollection {
	readonly docs: JobDoc[] = [];
	/** Fault: the next N upserts of a missing `single` document insert TWO documents (two racing upserts, no unique index). */
	doubleInsertSingle = 0;

	constructor(private readonly clock: Clock) {}

	private interval(doc: JobDoc): Interval | undefined {
		return doc.repeatInterval === undefined ? undefined : parseInterval(doc.repeatInterval);
	}

	/** `schedule(when, name, data)` → `_saveNewJob`: insertOne, always a new document. */
	schedule(name: string, when: unknown, data: object | undefined, by: string): SaveResult {
		const now = this.clock.now();
		const doc: JobDoc = {
			_id: newId(),
			name,
			type: 'normal',
			data,
			nextRunAt: parseWhen(when, now),
			lockedAt: null,
			lastModifiedBy: by,
		};
		this.docs.push(doc);
		return { doc: { ...doc }, dueNow: (doc.nextRunAt as number) <= now };
	}

	/**
	 * `every(interval, name, data, { skipImmediate })` → `_saveSingleJob`: findOneAndUpdate({ name, type: 'single' },
	 * { $set, $setOnInsert }, { upsert }). `nextRunAt` is only set on insert when due now, but overwritten when in
	 * the future (skipImmediate).
	 */
	every(name: string, intervalText: string, data: object | undefined, skipImmediate: boolean, by: string): SaveResult {
		const now = this.clock.now();
		const nextRunAt = skipImmediate ? nextRun(parseInterval(intervalText), now) : now;
		const $set: Partial<JobDoc> = { data, repeatInterval: intervalText, lastModifiedBy: by, ...(nextRunAt > now ? { nextRunAt } : {}) };
		const existing = this.docs.find((d) => d.name === name && d.type === 'single');
		let doc: JobDoc;
		if (existing) {
			doc = Object.assign(existing, $set);
		} else {
			doc = { _id: newId(), name, type: 'single', lockedAt: null, nextRunAt, ...$set };
			this.docs.push(doc);
			if (this.doubleInsertSingle > 0) {
				this.doubleInsertSingle--;
				this.docs.push({ ...doc, _id: newId() });
			}
		}
		return { doc: { ...doc }, dueNow: doc.nextRunAt !== null && doc.nextRunAt <= now };
	}

	/** scheduleOnceAfterRegister's check: `jobs({ name, type: 'normal' }, {}, 1)`. */
	countOnce(name: string): number {
		return this.docs.filter((d) => d.name === name && d.type === 'normal').length;
	}

	/**
	 * `_findAndLockNextJob`: ONE atomic findOneAndUpdate({ name, $or: [{ lockedAt: null, nextRunAt ≤ nextScanAt },
	 * { lockedAt ≤ now − lockLifetime }] }, { $set: { lockedAt: now } }), sorted by nextRunAt. An expired lock is
	 * taken again whatever its nextRunAt: that is how a dead instance's job is recovered.
	 */
	lockNext(name: string): JobDoc | undefined {
		const now = this.clock.now();
		const doc = this.docs
			.filter(
				(d) =>
					d.name === name &&
					((d.lockedAt === null && d.nextRunAt !== null && d.nextRunAt <= now) ||
						(d.lockedAt !== null && d.lockedAt <= now - LOCK_LIFETIME_MS)),
			)
			.sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0))[0];
		if (!doc) return undefined;
		doc.lockedAt = now;
		return { ...doc };
	}

	/** `_lockOnTheFly`: findOneAndUpdate({ _id, lockedAt: null, nextRunAt }, { $set: { lockedAt: now } }). */
	lockOnTheFly(id: string, nextRunAt: number | null): JobDoc | undefined {
		const doc = this.docs.find((d) => d._id === id && d.lockedAt === null && d.nextRunAt === nextRunAt);
		if (!doc) return undefined;
		doc.lockedAt = this.clock.now();
		return { ...doc };
	}

	/**
	 * Job.run's first save, before the processor is called: lastRunAt = now, nextRunAt computed (a once-job: none)
	 * and saved (`_updateJob`: findOneAndUpdate by _id, no upsert: a cancelled job is not resurrected).
	 */
	startRun(id: string, lockedAt: number | null, by: string): JobDoc | undefined {
		const doc = this.docs.find((d) => d._id === id);
		if (!doc) return undefined;
		const now = this.clock.now();
		const interval = this.interval(doc);
		Object.assign(doc, { lastRunAt: now, nextRunAt: interval ? nextRun(interval, now) : null, lockedAt, lastModifiedBy: by });
		return { ...doc };
	}

	/**
	 * Job.run's last save: lockedAt = null, lastFinishedAt, failReason/failCount on a throw (`Job.fail`). The server's
	 * bridge then removes a once-job that succeeded. By _id, no upsert.
	 */
	finishRun(id: string, error: string | undefined, by: string): void {
		const doc = this.docs.find((d) => d._id === id);
		if (!doc) return;
		Object.assign(doc, { lockedAt: null, lastFinishedAt: this.clock.now(), lastModifiedBy: by });
		if (error !== undefined) Object.assign(doc, { failReason: error, failCount: (doc.failCount ?? 0) + 1 });
		if (error === undefined && doc.type === 'normal') this.docs.splice(this.docs.indexOf(doc), 1);
	}

	/**
	 * The bridge's cancelJob: `{ _id: new ObjectId(jobId.split('_')[0]) }` when that parses as an ObjectId (24 hex
	 * digits), else `{ name: jobId }`; then deleteMany.
	 */
	cancel(jobId: string): number {
		const head = jobId.split('_')[0];
		const match = /^[0-9a-f]{24}$/i.test(head) ? (d: JobDoc) => d._id === head : (d: JobDoc) => d.name === jobId;
		return this.remove(match);
	}

	/** cancelAllJobs: `{ name: { $regex: `_${appId}$` } }`. */
	cancelAll(appId: string): number {
		return this.remove((d) => d.name.endsWith(`_${appId}`));
	}

	/** When the next scan would find work: the earliest unlocked nextRunAt or lock expiry after `after`. */
	nextDue(names: Set<string>, after: number): number | undefined {
		let best: number | undefined;
		for (const d of this.docs) {
			if (!names.has(d.name)) continue;
			const t = d.lockedAt !== null ? d.lockedAt + LOCK_LIFETIME_MS : d.nextRunAt;
			if (t === null || t <= after) continue;
			if (best === undefined || t < best) best = t;
		}
		return best;
	}

	private remove(match: (d: JobDoc) => boolean): number {
		const before = this.docs.length;
		for (let i = this.docs.length - 1; i >= 0; i--) if (match(this.docs[i])) this.docs.splice(i, 1);
		return before - this.docs.length;
	}
}

function newId(): string {
	return randomBytes(12).toString('hex');
}
