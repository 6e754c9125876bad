/** Scheduled work: the recurring list check and a one-off check right after a setting changes. */
import type { IHttp, ILogger, IModify, IPersistence, IRead, ISchedulerModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IJobContext, IProcessor } from '@rocket.chat/apps-engine/definition/scheduler';
import { Watcher } from './watch/Watcher';

export const CHECK_JOB = 'check-list';
export const CHECK_NOW_JOB = 'check-list-now';

/** A processor that runs one list check; failures are logged and thrown so the scheduler records them. */
function checkProcessor(id: string, appId: string, logger: ILogger): IProcessor {
    return {
        id,
        processor: async (_job: IJobContext, read: IRead, modify: IModify, http: IHttp, persis: IPersistence) => {
            try {
                await new Watcher({ read, modify, http, persis, appId, logger }).check();
            } catch (error) {
                logger.error(`${id} failed`, error);
                throw error;
            }
        },
    };
}

export function processors(appId: string, logger: ILogger): IProcessor[] {
    return [checkProcessor(CHECK_JOB, appId, logger), checkProcessor(CHECK_NOW_JOB, appId, logger)];
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
