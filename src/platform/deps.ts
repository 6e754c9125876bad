/** What the engine hands a piece of work (a command, a job, a button): its accessors and the app's identity. */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { AppRuntime } from './runtime';

export interface AppDeps {
	read: IRead;
	modify: IModify;
	http: IHttp;
	persis: IPersistence;
	appId: string;
	logger: ILogger;
	/** This app process's state (its queues, what it remembered): one per App instance. */
	runtime: AppRuntime;
}

/** A queue that runs work one at a time (AppRuntime keeps this process's). */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
	let tail: Promise<unknown> = Promise.resolve();
	return <T>(work: () => Promise<T>): Promise<T> => {
		const run = tail.then(work, work);
		tail = run.catch(() => undefined);
		return run;
	};
}
