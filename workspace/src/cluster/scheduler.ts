// One instance's Agenda, as the server's scheduler bridge (apps/meteor/app/apps/server/bridges/scheduler.ts) runs
// it: `define` per processor (concurrency 1 per name per instance), `every`/`schedule` saved to the shared
// collection, a job due now processed on the fly by the instance that saved it (Agenda.ts `_processDbResult` →
// `_lockOnTheFly`), and scans that lock due jobs one findOneAndUpdate at a time (`_findAndLockNextJob`). The
// collection itself is cluster/agenda.ts in the state process; every call here is one IPC round trip to it.
import { SchedulerBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/SchedulerBridge';
import type {
	IOnetimeSchedule,
	IProcessor,
	IRecurringSchedule,
} from '../../engine/node_modules/@rocket.chat/apps-engine/definition/scheduler';
import { errorMessage } from '../bridges/scheduler';
import { captureEngineErrors } from '../quiet';
import type { JobDoc, SaveResult } from './agenda';

export type AgendaCall = <T>(op: string, ...args: unknown[]) => Promise<T>;

export class ClusterSchedulerBridge extends SchedulerBridge {
	private readonly processors = new Map<string, IProcessor>();
	/** Per job name: the runs of this instance, one after the other (defaultConcurrency: 1). */
	private readonly chains = new Map<string, Promise<void>>();
	private readonly inflight = new Set<Promise<void>>();
	/** Runs this instance started on the fly (a job saved due now); idle() waits for them. */
	private readonly onTheFly = new Set<Promise<void>>();
	runs = 0;

	constructor(
		private readonly agenda: AgendaCall,
		/** "instance 2": Agenda's lastModifiedBy */
		private readonly name: string,
		private readonly onError: (text: string) => void,
	) {
		super();
	}

	get names(): string[] {
		return [...this.processors.keys()];
	}

	protected async registerProcessors(processors: IProcessor[] = [], appId: string): Promise<void | string[]> {
		const ids: string[] = [];
		for (const p of processors) {
			this.processors.set(p.id, p);
			const setting = p.startupSetting as any;
			if (!setting) continue;
			if (setting.type === 'onetime') {
				// scheduleOnceAfterRegister: check, then insert (two operations: racy across instances, as on the server).
				if ((await this.agenda<number>('countOnce', p.id)) === 0) {
					const id = await this.scheduleOnce({ id: p.id, when: setting.when, data: setting.data }, appId);
					if (id) ids.push(id);
				}
			} else if (setting.type === 'recurring') {
				const id = await this.scheduleRecurring(
					{ id: p.id, interval: setting.interval, skipImmediate: setting.skipImmediate, data: setting.data },
					appId,
				);
				if (id) ids.push(id);
			}
		}
		return ids;
	}

	protected async scheduleOnce(job: IOnetimeSchedule, _appId: string): Promise<void | string> {
		return this.saved(await this.agenda<SaveResult>('schedule', job.id, job.when, job.data, this.name));
	}

	protected async scheduleRecurring(job: IRecurringSchedule, _appId: string): Promise<void | string> {
		return this.saved(await this.agenda<SaveResult>('every', job.id, String(job.interval), job.data, !!job.skipImmediate, this.name));
	}

	protected async cancelJob(jobId: string, _appId: string): Promise<void> {
		await this.agenda('cancel', jobId);
	}

	protected async cancelAllJobs(appId: string): Promise<void> {
		await this.agenda('cancelAll', appId);
	}

	/** `_processDbResult`: a job saved due now is locked on the fly and processed by this instance, in the background. */
	private saved(result: SaveResult): string {
		if (result.dueNow) {
			const run = this.agenda<JobDoc | undefined>('lockOnTheFly', result.doc._id, result.doc.nextRunAt).then((locked) =>
				locked ? this.enqueue(locked) : undefined,
			);
			const tracked = this.track(run);
			this.onTheFly.add(tracked);
			void tracked.finally(() => this.onTheFly.delete(tracked));
		}
		return result.doc._id;
	}

	/** One scan (`processJobs` → `_jobQueueFilling` per defined name): lock every due job, queue it, run it. */
	async scan(): Promise<number> {
		const before = this.runs;
		for (const name of this.names) {
			for (
				let job = await this.agenda<JobDoc | undefined>('lockNext', name);
				job;
				job = await this.agenda<JobDoc | undefined>('lockNext', name)
			)
				void this.enqueue(job); // awaited by settle()
		}
		await this.settle();
		return this.runs - before;
	}

	/**
	 * Until the runs this instance started on the fly have finished (and any they started): the Workspace waits for
	 * them after each action, as the single-instance scheduler's idle() does. Scan runs are not waited for here.
	 */
	async idle(): Promise<void> {
		while (this.onTheFly.size) await Promise.all([...this.onTheFly]);
	}

	/** Until every run this instance started (on the fly or by a scan) has finished. */
	async settle(): Promise<void> {
		while (this.inflight.size) await Promise.all([...this.inflight]);
	}

	private enqueue(job: JobDoc): Promise<void> {
		const previous = this.chains.get(job.name) ?? Promise.resolve();
		const next = previous.then(() => this.run(job));
		this.chains.set(job.name, next);
		return this.track(next);
	}

	private track(p: Promise<void>): Promise<void> {
		const tracked: Promise<void> = p
			.catch((e) => this.onError(`scheduler (${this.name}): ${errorMessage(e)}`))
			.finally(() => this.inflight.delete(tracked));
		this.inflight.add(tracked);
		return tracked;
	}

	/** Job.run: save lastRunAt and the next nextRunAt, call the processor (data + jobId), unlock (and record a failure). */
	private async run(job: JobDoc): Promise<void> {
		this.runs++;
		await this.agenda('startRun', job._id, job.lockedAt, this.name);
		const processor = this.processors.get(job.name);
		let error: string | undefined;
		try {
			if (!processor) throw new Error(`no processor "${job.name}" registered`);
			const { swallowed } = await captureEngineErrors(() =>
				(processor.processor as unknown as (ctx: object) => Promise<void>)({ ...(job.data ?? {}), jobId: job._id }),
			);
			if (swallowed.length) this.onError(`app error while running jobs: ${swallowed.join('; ')}`);
		} catch (e) {
			error = errorMessage(e);
			this.onError(`job ${job.name.replace(/_[^_]+$/, '')} failed on ${this.name}: ${error}`);
		}
		await this.agenda('finishRun', job._id, error, this.name);
	}
}
