/** What the engine hands a piece of work (a command, a job, a button): its accessors and the app's identity. */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';

export interface AppDeps {
	read: IRead;
	modify: IModify;
	http: IHttp;
	persis: IPersistence;
	appId: string;
	logger: ILogger;
}

/**
 * A queue that runs work one at a time in this app instance (the engine runs one process per app), so a
 * scheduled job, a command and a button press never interleave their read-modify-write of the same records.
 */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
	let tail: Promise<unknown> = Promise.resolve();
	return <T>(work: () => Promise<T>): Promise<T> => {
		const run = tail.then(work, work);
		tail = run.catch(() => undefined);
		return run;
	};
}
