/**
 * Scheduled work: the recurring list check (and one prompt check after a setting changes), and the delivery job —
 * recurring every 5 minutes and asked for on the fly whenever something was recorded — which is the only code that
 * posts (docs/multi-instance.md 3). The app never cancels a recurring job: it registers them again, an upsert of
 * their one document (R3), and removes only a duplicate document, by id (R9).
 */
import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext } from '@rocket.chat/apps-engine/definition/scheduler';
import { StartupType, type IProcessor } from '@rocket.chat/apps-engine/definition/scheduler/IProcessor';
import type { AppDeps } from '../platform/deps';
import type { AppRuntime } from '../platform/runtime';
import { DELIVER_JOB, DELIVER_NOW_JOB, requestDelivery, runDeliveries, runnerStore } from '../platform/delivery/deliverer';
import type { DeliveryHandler } from '../platform/delivery/handlers';
import { healDuplicateJobDocuments } from '../platform/delivery/jobDocuments';
import { maintainDaily } from '../platform/delivery/maintenance';
import { retentionPass } from '../features/objections/engine/erasure';
import { migrateLegacyObjections } from '../features/objections/engine/migration';
import { OBJECTION_HANDLER, objectionHandler } from '../features/objections/engine/routing';
import { MIN_SECRET_LENGTH, Settings } from '../platform/settings';
import { RecordStore } from '../platform/storage/RecordStore';
import { CheckStatusStore } from '../platform/storage/stores';
import { alertHandler, ALERT_HANDLER, raiseAlert } from '../features/watch/engine/alerts';
import { ANNOUNCEMENT_HANDLER, AnnouncementHandler } from '../features/watch/engine/announcing';
import { ListingSync } from '../features/watch/engine/listingSync';
import { migrateLegacyDeliveries } from '../features/watch/engine/migration';
import { ListRegistry } from '../features/lists/engine/ListRegistry';
import { listScope, MAIN_LIST_ID } from '../features/lists/model';
import { dueLists } from '../features/lists/schedule';

export const CHECK_JOB = 'check-list';
export const CHECK_NOW_JOB = 'check-list-now';
/** Tells the admins that a push secret was refused (settings hooks get no IModify: a job records the alert). */
export const SECRET_REFUSED_JOB = 'tell-secret-refused';
/** After the privacy team room setting changed: admins hear of a public room refused; cards that waited go out. */
export const TEAM_ROOM_CHANGED_JOB = 'team-room-changed';
export { DELIVER_JOB, DELIVER_NOW_JOB };
/** The delivery job's pace when nothing asks for it: retries, and deliveries whose "run now" was lost. */
const DELIVERY_EVERY_MINUTES = 5;
/** A day in the delivery job's ticks: the daily maintenance pass. */
const DAY_TICKS = (24 * 60) / DELIVERY_EVERY_MINUTES;
/**
 * A prompt check's claim must stand this long before it checks: far longer than one persistence round trip, so a
 * once-job of another instance that read the record before this claim was written has written its own by then.
 */
const CLAIM_SETTLE_MS = 250;
/** One check run checks lists one after another until this much time has passed; a list not reached goes first next time. */
const CHECK_RUN_BUDGET_MS = 3 * 60_000;

/** What each kind of delivery record is sent by; made per run (handlers cache what they read for one run). */
export function deliveryHandlers(): Record<string, DeliveryHandler> {
	return { [ANNOUNCEMENT_HANDLER]: new AnnouncementHandler(), [ALERT_HANDLER]: alertHandler, [OBJECTION_HANDLER]: objectionHandler };
}

type Work = (deps: AppDeps, job: IJobContext) => Promise<void>;

/** A processor whose failures are logged and thrown, so the scheduler records them. */
function processor(id: string, runtime: AppRuntime, work: Work, startupSetting?: IProcessor['startupSetting']): IProcessor {
	return {
		id,
		...(startupSetting ? { startupSetting } : {}),
		processor: async (job: IJobContext, read: IRead, modify: IModify, http: IHttp, persis: IPersistence) => {
			try {
				await work(runtime.deps({ read, modify, http, persis }), job);
			} catch (error) {
				runtime.logger.error(`${id} failed`, error);
				throw error;
			}
		},
	};
}

async function scheduledCheck(deps: AppDeps, job: IJobContext): Promise<void> {
	const tick = (await runnerStore(deps).get('current'))?.tick ?? 0;
	// A duplicate check document (R9) is seen within two of its intervals, in delivery ticks.
	const minutes = await new Settings(deps.read).checkIntervalMinutes();
	await healDuplicateJobDocuments(deps, CHECK_JOB, jobIdOf(job), tick, Math.ceil((2 * minutes) / DELIVERY_EVERY_MINUTES) + 2);
	await new CheckStatusStore(deps.read.getPersistenceReader(), deps.persis).update({
		lastScheduledCheckAt: new Date().toISOString(),
		lastScheduledCheckTick: tick,
	});
	await checkDueLists(deps, minutes);
}

/**
 * Every active list that is due, oldest check first, one after another within the run budget (docs/lists.md 3).
 * One list alone is checked at every run, as before lists existed.
 */
async function checkDueLists(deps: AppDeps, minutes: number): Promise<void> {
	const lists = await new ListRegistry(deps).active();
	const reader = deps.read.getPersistenceReader();
	const checked = await Promise.all(
		lists.map(async (list) => ({
			list,
			lastCheckAt: (await new CheckStatusStore(reader, undefined, listScope(list.id)).get()).lastCheckAt,
		})),
	);
	const started = Date.now();
	for (const list of dueLists(checked, minutes, new Date(started))) {
		if (Date.now() - started > CHECK_RUN_BUDGET_MS) {
			deps.logger.info(`check run budget spent: ${list.name} and later lists are checked first next time`);
			break;
		}
		// One list's failure (a write refused, say) must not keep the others unchecked.
		try {
			await new ListingSync(deps, list).check();
		} catch (error) {
			if (lists.length === 1) throw error;
			deps.logger.error(`check of list ${list.name} failed`, error);
		}
	}
}

async function deliver(deps: AppDeps, job: IJobContext, recurring: boolean): Promise<void> {
	const status = await new CheckStatusStore(deps.read.getPersistenceReader()).get();
	// Announcements an earlier app version left pending become delivery records first; objection routes too (one
	// read of a marker per run once done).
	// A migrated attempt settles like one of ours: after two ticks of this job, or two minutes.
	const tick = (await runnerStore(deps).get('current'))?.tick ?? 0;
	if (status.pendingChanges) await migrateLegacyDeliveries(deps, new Date(), tick);
	await migrateLegacyObjections(deps, tick);
	// Objections past their retention period: once a day, in bounded batches (a no-op read of a marker otherwise).
	if (recurring) await retentionPass(deps);
	const summary = await runDeliveries(deps, deliveryHandlers(), { recurring });
	if (summary.overlap) deps.logger.warn(`delivery job ${String(job.jobId ?? '')}: another run took over`, summary);
	if (!recurring) return;
	// Two documents of this job (R9) show as runs of two job ids (and as overlaps): one is cancelled, by id.
	await healDuplicateJobDocuments(deps, DELIVER_JOB, jobIdOf(job), summary.tick, 3);
	await reassertCheckJob(deps);
	await maintainDaily(deps, summary.tick, DAY_TICKS);
}

/** The job document's id: the bridge passes `job.attrs._id` as `jobId` (scheduler.ts `_callProcessor`). */
function jobIdOf(job: IJobContext): string | undefined {
	return typeof job.jobId === 'string' ? job.jobId : undefined;
}

/**
 * The heartbeat: every recurring delivery run registers the check job again with the interval setting — an upsert
 * that leaves the document's `nextRunAt` alone (skipImmediate: false is `$setOnInsert`, Agenda `_saveSingleJob`),
 * never a cancel (R3). It brings back a check job that vanished, and repairs an interval a check run reverted: a
 * run saves its whole job back when it ends (Job.ts `run` → `save` → `_updateJob` `$set`), including the
 * `repeatInterval` it was locked with, so a setting changed during a check is undone by that run's last save.
 */
async function reassertCheckJob(deps: AppDeps): Promise<void> {
	await registerChecks(deps.modify.getScheduler(), await new Settings(deps.read).checkIntervalMinutes(), deps.logger, {
		moveNextRun: false,
	});
}

interface CheckRequest {
	/** The source and interval the requested check is for. */
	key: string;
	runId: string;
	at: string;
}

/**
 * The prompt check after a source or interval change. Every instance runs the settings hook (the server
 * broadcasts the change), so every instance schedules this once-job: the first to run claims the change in the
 * `check-request` record, waits, and checks only if its claim still stands; the others find the change claimed and
 * do nothing. One check per change, not one per instance. Two checks would need a write landing more than
 * CLAIM_SETTLE_MS after its read, and would decide the same keyed change anyway (docs/multi-instance.md 3.1).
 */
async function promptCheck(deps: AppDeps, job: IJobContext): Promise<void> {
	const settings = new Settings(deps.read);
	const key = `${(await settings.sourceUrl()) ?? ''} every ${await settings.checkIntervalMinutes()} minutes`;
	const requests = new RecordStore<CheckRequest>('check-request', deps.read.getPersistenceReader(), deps.persis);
	if ((await requests.get('current'))?.key === key) {
		deps.logger.debug(`prompt check for "${key}": already taken by another instance`);
		return;
	}
	const runId = `${jobIdOf(job) ?? ''}:${Math.random().toString(36).slice(2, 10)}`;
	await requests.put('current', { key, runId, at: new Date().toISOString() });
	await new Promise((resolve) => setTimeout(resolve, CLAIM_SETTLE_MS));
	if ((await requests.get('current'))?.runId !== runId) return;
	// The settings are the first list's source: a removed first list is checked no more (docs/lists.md 1).
	const first = await new ListRegistry(deps).get(MAIN_LIST_ID);
	if (first?.removedAt) return;
	await new ListingSync(deps, first).check();
}

export function processors(runtime: AppRuntime): IProcessor[] {
	return [
		processor(CHECK_JOB, runtime, scheduledCheck),
		processor(CHECK_NOW_JOB, runtime, promptCheck),
		processor(DELIVER_JOB, runtime, (deps, job) => deliver(deps, job, true), {
			type: StartupType.RECURRING,
			interval: `${DELIVERY_EVERY_MINUTES} minutes`,
			skipImmediate: true,
		}),
		processor(DELIVER_NOW_JOB, runtime, (deps, job) => deliver(deps, job, false)),
		processor(SECRET_REFUSED_JOB, runtime, async (deps, job) => {
			await raiseAlert(
				deps,
				{ kind: 'secret-too-short', min: MIN_SECRET_LENGTH },
				`secret-too-short:${String(job.jobId ?? Date.now())}`,
			);
			await requestDelivery(deps.modify, deps.logger);
		}),
		processor(TEAM_ROOM_CHANGED_JOB, runtime, async (deps, job) => {
			const { refused } = await new Settings(deps.read).privacyTeamRoomChoice();
			// One alert per change of the setting (keyed by this job), so picking the same public room again is told again.
			if (refused)
				await raiseAlert(
					deps,
					{ kind: 'team-room-public', room: refused.slugifiedName || refused.id },
					`team-room-public:${String(job.jobId ?? Date.now())}`,
				);
			await requestDelivery(deps.modify, deps.logger);
		}),
	];
}

export async function tellSecretRefused(scheduler: ISchedulerModify): Promise<void> {
	await scheduler.scheduleOnce({ id: SECRET_REFUSED_JOB, when: 'now' });
}

/**
 * Registers the recurring check: Agenda's `every()` is an upsert of the one `{name, type: 'single'}` document
 * (packages/agenda/src/Agenda.ts `_saveSingleJob`: `findOneAndUpdate(..., {upsert: true})`), so registering again
 * updates its interval in place, on every instance alike — no cancel, which would delete a document another
 * instance is running and let a second check start (R3). `moveNextRun`: the next run one (new) interval from now
 * (skipImmediate: `nextRunAt` is `$set`); otherwise an existing document keeps its `nextRunAt` (`$setOnInsert`) and
 * a new one is due now.
 */
export async function registerChecks(
	scheduler: ISchedulerModify,
	minutes: number,
	logger: ILogger,
	{ moveNextRun }: { moveNextRun: boolean },
): Promise<void> {
	const jobId = await scheduler.scheduleRecurring({ id: CHECK_JOB, interval: `${minutes} minutes`, skipImmediate: moveNextRun });
	if (jobId === undefined) {
		logger.warn(`the scheduler did not confirm the ${CHECK_JOB} job (every ${minutes} minutes)`);
	}
}

/** Asks for one prompt check (the once-job claims it: one per change, whichever instances ask). */
export async function checkSoon(scheduler: ISchedulerModify): Promise<void> {
	await scheduler.scheduleOnce({ id: CHECK_NOW_JOB, when: 'now' });
}

export async function teamRoomChanged(scheduler: ISchedulerModify): Promise<void> {
	await scheduler.scheduleOnce({ id: TEAM_ROOM_CHANGED_JOB, when: 'now' });
}

/** A delivery run now (the announcements channel was set, say: what waited for it goes out). */
export async function deliverSoon(scheduler: ISchedulerModify): Promise<void> {
	await scheduler.scheduleOnce({ id: DELIVER_NOW_JOB, when: 'now' });
}
