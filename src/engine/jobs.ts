/** Scheduled work: the recurring list check and a one-off check right after a setting changes. */
import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext } from '@rocket.chat/apps-engine/definition/scheduler';
import { StartupType, type IProcessor } from '@rocket.chat/apps-engine/definition/scheduler/IProcessor';
import type { AppDeps } from './deps';
import { MIN_SECRET_LENGTH, Settings } from './settings';
import { CheckStatusStore } from './storage/stores';
import { Watcher } from './watch/Watcher';

export const CHECK_JOB = 'check-list';
export const CHECK_NOW_JOB = 'check-list-now';
export const DELIVER_OBJECTIONS_JOB = 'deliver-objections';
/** Tells the admins that a push secret was refused (settings hooks get no IModify: a job sends the DMs). */
export const SECRET_REFUSED_JOB = 'tell-secret-refused';
/** How often objections whose routing failed are tried again. */
const DELIVERY_RETRY_MINUTES = 10;

/** A processor that runs one list check; failures are logged and thrown so the scheduler records them. */
function checkProcessor(id: string, appId: string, logger: ILogger): IProcessor {
    return {
        id,
        processor: async (_job: IJobContext, read: IRead, modify: IModify, http: IHttp, persis: IPersistence) => {
            try {
                if (id === CHECK_JOB) await new CheckStatusStore(read.getPersistenceReader(), persis).update({ lastScheduledCheckAt: new Date().toISOString() });
                await new Watcher({ read, modify, http, persis, appId, logger }).check();
            } catch (error) {
                logger.error(`${id} failed`, error);
                throw error;
            }
        },
    };
}

/** Retries every objection route (team card, e-mail, DMs) that failed; started with the app. */
function deliveryProcessor(appId: string, logger: ILogger): IProcessor {
    return {
        id: DELIVER_OBJECTIONS_JOB,
        startupSetting: { type: StartupType.RECURRING, interval: `${DELIVERY_RETRY_MINUTES} minutes`, skipImmediate: true },
        processor: async (_job: IJobContext, read: IRead, modify: IModify, http: IHttp, persis: IPersistence) => {
            const deps = { read, modify, http, persis, appId, logger };
            // Objection routes moved to the delivery job (objections/routing.ts); the delivery core replaces this job.
            try {
                await watchdog(deps);
            } catch (error) {
                logger.error(`${DELIVER_OBJECTIONS_JOB} failed`, error);
                throw error;
            }
        },
    };
}

/**
 * The check job can vanish (the scheduler refused to re-schedule it after a setting change, say). The
 * delivery job, which the engine starts by itself, counts its runs since the last check; past two check
 * intervals it schedules the check job again and runs a check at once.
 */
async function watchdog(deps: AppDeps): Promise<void> {
    const minutes = await new Settings(deps.read).checkIntervalMinutes();
    const watcher = new Watcher(deps);
    const runs = await watcher.countDeliveryRun();
    if (runs * DELIVERY_RETRY_MINUTES <= 2 * minutes) return;
    deps.logger.warn(`no list check for ${runs * DELIVERY_RETRY_MINUTES} minutes: scheduling the check job again`);
    await scheduleChecks(deps.modify.getScheduler(), minutes, deps.logger);
    await watcher.check();
}

function secretRefusedProcessor(appId: string, logger: ILogger): IProcessor {
    return {
        id: SECRET_REFUSED_JOB,
        processor: async (_job: IJobContext, read: IRead, modify: IModify, http: IHttp, persis: IPersistence) => {
            await new Watcher({ read, modify, http, persis, appId, logger }).alertAdmins({ kind: 'secret-too-short', min: MIN_SECRET_LENGTH });
        },
    };
}

export function processors(appId: string, logger: ILogger): IProcessor[] {
    return [checkProcessor(CHECK_JOB, appId, logger), checkProcessor(CHECK_NOW_JOB, appId, logger), deliveryProcessor(appId, logger), secretRefusedProcessor(appId, logger)];
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
