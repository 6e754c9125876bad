import { randomBytes } from 'crypto';

import { SchedulerBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/SchedulerBridge';
import type {
	IOnetimeSchedule,
	IProcessor,
	IRecurringSchedule,
} from '../../engine/node_modules/@rocket.chat/apps-engine/definition/scheduler';
import { nextRun, parseInterval, parseWhen } from '../schedule';
import type { Interval } from '../schedule';
import type { WorldState } from '../state';

export interface ScheduledJob {
	jobId: string;
	/** processor id as the engine passes it: "<processor>_<appId>" */
	name: string;
	appId: string;
	type: 'once' | 'recurring';
	nextRunAt: number;
	interval?: Interval;
	intervalText?: string;
	data?: object;
	order: number;
}

export interface JobRun {
	jobId: string;
	processor: string;
	at: Date;
	error?: string;
}

/**
 * Agenda's semantics on a clock that only moves when told: recurring jobs are unique per processor,
 * "every" without skipImmediate is due at once, one-time jobs disappear after running, and the processor gets
 * the job's data plus jobId. A one-time job saved due now runs at once ("on the fly"), as on the server;
 * everything else runs when runDue() (Workspace.advance) is called.
 */
export class WorkspaceSchedulerBridge extends SchedulerBridge {
	readonly jobs: ScheduledJob[] = [];
	private readonly processors = new Map<string, IProcessor>();
	private order = 0;
	/** One-time jobs running on the fly; idle() waits for them (and any they start). */
	private readonly onTheFly = new Set<Promise<void>>();
	readonly onTheFlyRuns: JobRun[] = [];

	constructor(private readonly world: WorldState) {
		super();
	}

	protected async registerProcessors(processors: IProcessor[] = [], appId: string): Promise<void | string[]> {
		const startup: Array<Promise<void | string>> = [];
		for (const p of processors) {
			this.processors.set(p.id, p);
			const setting = p.startupSetting as any;
			if (!setting) continue;
			if (setting.type === 'onetime') {
				if (!this.jobs.some((j) => j.name === p.id && j.type === 'once'))
					startup.push(this.scheduleOnce({ id: p.id, when: setting.when, data: setting.data }, appId));
			} else if (setting.type === 'recurring') {
				startup.push(
					this.scheduleRecurring(
						{ id: p.id, interval: setting.interval, skipImmediate: setting.skipImmediate, data: setting.data },
						appId,
					),
				);
			}
		}
		if (startup.length) return (await Promise.all(startup)) as string[];
	}

	protected async scheduleOnce(job: IOnetimeSchedule, appId: string): Promise<void | string> {
		const jobId = randomBytes(12).toString('hex');
		const at = parseWhen(job.when, this.world.clock.now());
		const scheduled: ScheduledJob = { jobId, name: job.id, appId, type: 'once', nextRunAt: at, data: job.data, order: this.order++ };
		// Agenda runs a job saved due before its next scan at once on the instance that saved it: _processDbResult →
		// processJobs(job) → _lockOnTheFly (packages/agenda/src/Agenda.ts in RocketChat/Rocket.Chat). Here the
		// scan happens on advance(), so a job due now is due before it.
		if (at <= this.world.clock.now()) this.startOnTheFly(scheduled);
		else this.jobs.push(scheduled);
		return jobId;
	}

	protected async scheduleRecurring(job: IRecurringSchedule, appId: string): Promise<void | string> {
		const interval = parseInterval(job.interval as string | number);
		const now = this.world.clock.now();
		const nextRunAt = job.skipImmediate ? nextRun(interval, now) : now;
		const existing = this.jobs.find((j) => j.name === job.id && j.type === 'recurring');
		if (existing) {
			// Agenda `_saveSingleJob`: a nextRunAt due now is only `$setOnInsert`, one in the future (skipImmediate) is `$set`.
			Object.assign(existing, {
				interval,
				intervalText: String(job.interval),
				data: job.data,
				...(nextRunAt > now ? { nextRunAt } : {}),
			});
			return existing.jobId;
		}
		const jobId = randomBytes(12).toString('hex');
		this.jobs.push({
			jobId,
			name: job.id,
			appId,
			type: 'recurring',
			nextRunAt,
			interval,
			intervalText: String(job.interval),
			data: job.data,
			order: this.order++,
		});
		return jobId;
	}

	// The engine passes "<jobId or processor>_<appId>"; like the server, try the job id first, then the name.
	protected async cancelJob(jobId: string, appId: string): Promise<void> {
		const bare = jobId.endsWith(`_${appId}`) ? jobId.slice(0, -appId.length - 1) : jobId;
		const byId = this.jobs.filter((j) => j.jobId === bare);
		this.remove(byId.length ? byId : this.jobs.filter((j) => j.name === jobId));
	}

	protected async cancelAllJobs(appId: string): Promise<void> {
		this.remove(this.jobs.filter((j) => j.name.endsWith(`_${appId}`)));
	}

	private remove(jobs: ScheduledJob[]): void {
		for (const j of jobs) this.jobs.splice(this.jobs.indexOf(j), 1);
	}

	private startOnTheFly(job: ScheduledJob): void {
		const running: { done?: Promise<void> } = {};
		running.done = (async () => {
			// After the save has answered the app, as Agenda's processing starts after its database write.
			await Promise.resolve();
			try {
				this.onTheFlyRuns.push(await this.run(job));
			} finally {
				this.onTheFly.delete(running.done as Promise<void>);
			}
		})();
		this.onTheFly.add(running.done);
	}

	/** Waits until no job runs on the fly (a job may start another). */
	async idle(): Promise<void> {
		while (this.onTheFly.size) await Promise.all([...this.onTheFly]);
	}

	/** Runs, in time order, every job falling due up to `until`, moving the clock to each job's time. */
	async runDue(until: number): Promise<JobRun[]> {
		const runs: JobRun[] = [];
		for (let guard = 0; guard < 10_000; guard++) {
			const due = this.jobs.filter((j) => j.nextRunAt <= until).sort((a, b) => a.nextRunAt - b.nextRunAt || a.order - b.order)[0];
			if (!due) return runs;
			this.world.clock.set(due.nextRunAt);
			if (due.type === 'once') this.remove([due]);
			else due.nextRunAt = nextRun(due.interval as Interval, Math.max(due.nextRunAt, this.world.clock.now()));
			runs.push(await this.run(due));
			// What this run started on the fly finishes before the clock moves on, as it would within the scan.
			await this.idle();
		}
		throw new Error('Scheduler: more than 10000 job runs in one advance(); is an interval too small?');
	}

	private async run(job: ScheduledJob): Promise<JobRun> {
		const run: JobRun = { jobId: job.jobId, processor: job.name, at: this.world.clock.date() };
		const processor = this.processors.get(job.name);
		try {
			if (!processor) throw new Error(`no processor "${job.name}" registered`);
			await (processor.processor as unknown as (ctx: object) => Promise<void>)({ ...(job.data ?? {}), jobId: job.jobId });
		} catch (e) {
			run.error = errorMessage(e);
			this.world.record({ kind: 'error', text: `job ${job.name.replace(`_${job.appId}`, '')} failed: ${run.error}` });
		}
		return run;
	}
}

export function errorMessage(e: unknown): string {
	if (e instanceof Error) return e.message;
	if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
	return String(e);
}
