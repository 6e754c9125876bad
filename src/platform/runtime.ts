/**
 * What one app process keeps between calls, in one place: the app's identity and the queues that keep its own work
 * from interleaving. The App class makes one (src/../SubprocessorApp.ts) and every piece of work gets it with the
 * accessors (`AppDeps.runtime`); a test makes a fresh one instead of restarting anything.
 */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { serialQueue, type AppDeps } from './deps';

export type Accessors = { read: IRead; modify: IModify; http: IHttp; persis: IPersistence };

export class AppRuntime {
	/**
	 * One at a time in this process (the engine runs one process per app), so a scheduled job, a command and a
	 * button never interleave their read-modify-write of the same records: list checks, delivery runs, and the
	 * update endpoint's record of seen pushes.
	 */
	readonly checks = serialQueue();
	readonly deliveries = serialQueue();
	readonly pushes = serialQueue();
	/** Admins already remembered as contacts by this process (rememberAdmin runs on every command). */
	readonly rememberedAdmins = new Set<string>();

	constructor(
		readonly appId: string,
		readonly logger: ILogger,
	) {}

	/** The accessors of one call, with this process's identity and state. */
	deps(accessors: Accessors): AppDeps {
		return { ...accessors, appId: this.appId, logger: this.logger, runtime: this };
	}
}
