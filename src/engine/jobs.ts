/**
 * Scheduled work: the recurring list check (and a one-off check after a setting changes), and the delivery job —
 * recurring every 5 minutes and asked for on the fly whenever something was recorded — which is the only code that
 * posts (docs/multi-instance.md 3).
 */
import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext } from '@rocket.chat/apps-engine/definition/scheduler';
import { StartupType, type IProcessor } from '@rocket.chat/apps-engine/definition/scheduler/IProcessor';
import type { AppDeps } from './deps';
import type { AppRuntime } from './runtime';
import { DELIVER_JOB, DELIVER_NOW_JOB, requestDelivery, runDeliveries, runnerStore } from './delivery/deliverer';
import type { DeliveryHandler } from './delivery/handlers';
import { migrateLegacyObjections } from './objections/migration';
import { OBJECTION_HANDLER, objectionHandler } from './objections/routing';
import { MIN_SECRET_LENGTH, Settings } from './settings';
import { CheckStatusStore, type CheckStatus } from './storage/stores';
import { alertHandler, ALERT_HANDLER, raiseAlert } from './watch/alerts';
import { ANNOUNCEMENT_HANDLER, AnnouncementHandler } from './watch/announcing';
import { ListingSync } from './watch/listingSync';
import { migrateLegacyDeliveries } from './watch/migration';

export const CHECK_JOB = 'check-list';
export const CHECK_NOW_JOB = 'check-list-now';
/** Tells the admins that a push secret was refused (settings hooks get no IModify: a job records the alert). */
export const SECRET_REFUSED_JOB = 'tell-secret-refused';
/** After the privacy team room setting changed: admins hear of a public room refused; cards that waited go out. */
export const TEAM_ROOM_CHANGED_JOB = 'team-room-changed';
export { DELIVER_JOB, DELIVER_NOW_JOB };
/** The delivery job's pace when nothing asks for it: retries, and deliveries whose "run now" was lost. */
const DELIVERY_EVERY_MINUTES = 5;

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

async function scheduledCheck(deps: AppDeps): Promise<void> {
	const tick = (await runnerStore(deps).get('current'))?.tick ?? 0;
	await new CheckStatusStore(deps.read.getPersistenceReader(), deps.persis).update({
		lastScheduledCheckAt: new Date().toISOString(),
		lastScheduledCheckTick: tick,
	});
	await new ListingSync(deps).check();
}

async function deliver(deps: AppDeps, job: IJobContext, recurring: boolean): Promise<void> {
	const status = await new CheckStatusStore(deps.read.getPersistenceReader()).get();
	// Announcements an earlier app version left pending become delivery records first; objection routes too (one
	// read of a marker per run once done).
	if (status.pendingChanges) await migrateLegacyDeliveries(deps);
	await migrateLegacyObjections(deps);
	const summary = await runDeliveries(deps, deliveryHandlers(), { recurring });
	if (summary.overlap) deps.logger.warn(`delivery job ${String(job.jobId ?? '')}: another run took over`, summary);
	if (recurring) await reassertCheckJob(deps, status, summary.tick);
}

/**
 * The check job can vanish (the scheduler refused to re-schedule it after a setting change, say). Past two check
 * intervals without a scheduled check — in the recurring delivery job's ticks (about a minute each) or in time —
 * the delivery job registers it again: an upsert, never a cancel, so a check that is running is not doubled
 * (docs/multi-instance.md 1.2, R3). This replaces the watchdog the objection job used to run.
 */
async function reassertCheckJob(deps: AppDeps, status: CheckStatus, tick: number): Promise<void> {
	const sinceMinutes = Math.max(
		(tick - (status.lastScheduledCheckTick ?? tick)) * DELIVERY_EVERY_MINUTES,
		(Date.now() - Date.parse(status.lastScheduledCheckAt ?? status.lastCheckAt ?? '')) / 60_000 || 0,
	);
	// The interval is at least 5 minutes: nothing to look at before 15.
	if (sinceMinutes <= 15) return;
	const minutes = await new Settings(deps.read).checkIntervalMinutes();
	if (sinceMinutes <= 2 * minutes + DELIVERY_EVERY_MINUTES) return;
	deps.logger.warn(`no scheduled list check for over ${2 * minutes} minutes: registering the check job again`);
	await deps.modify.getScheduler().scheduleRecurring({ id: CHECK_JOB, interval: `${minutes} minutes`, skipImmediate: false });
}

export function processors(runtime: AppRuntime): IProcessor[] {
	return [
		processor(CHECK_JOB, runtime, scheduledCheck),
		processor(CHECK_NOW_JOB, runtime, async (deps) => void (await new ListingSync(deps).check())),
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

/** (Re)schedules the recurring check; recurring jobs are unique per id, and there is no "modify": cancel, then schedule. */
export async function scheduleChecks(scheduler: ISchedulerModify, minutes: number, logger: ILogger): Promise<void> {
	await scheduler.cancelJob(CHECK_JOB);
	const jobId = await scheduler.scheduleRecurring({ id: CHECK_JOB, interval: `${minutes} minutes`, skipImmediate: false });
	if (jobId === undefined) {
		logger.warn(`the scheduler did not confirm the ${CHECK_JOB} job (every ${minutes} minutes)`);
	}
}

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
