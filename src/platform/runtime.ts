/**
 * What one app process keeps between calls, in one place: the app's identity, the queues that keep its own work
 * from interleaving, and the caches of server reads. The App class makes one (src/../SubprocessorApp.ts) and every piece of work gets it with the
 * accessors (`AppDeps.runtime`); a test makes a fresh one instead of restarting anything.
 */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { SubprocessorList } from '../features/list/model';
import type { WatchedList } from '../features/lists/model';
import { clearListCaches } from '../features/list/schema';
import { forgetSortOrder } from '../features/watch/diff';
import { serialQueue, type AppDeps } from './deps';
import type { KnownBody } from './storage/stores';

export type Accessors = { read: IRead; modify: IModify; http: IHttp; persis: IPersistence };

/** What this process read from the server or built once, each with the rules of its user (hit, miss, how long). */
export interface ProcessCaches {
	/** Message_MaxAllowedSize (messageSize.ts). */
	messageSize?: { value: number; readAt: number };
	/** The app's bot user (reply.ts). */
	botUser?: { user: IUser; readAt: number };
	/** The list body last written or read, and the full body it is a delta of (ListStateStore). */
	lastBody?: KnownBody;
	lastBase?: KnownBody;
	/** The bundled list, loaded once, and the current list of each watched list, by list id (currentList.ts). */
	bundledList?: { list: SubprocessorList; fingerprint: string };
	/** The `objection_email` setting as answers last read it (ListRegistry activeCatalogs); cleared when it changes. */
	objectionSetting?: { value: string | undefined; readAt: number };
	/** The watched lists' stored records, as last read (ListRegistry). */
	listRecords?: { lists: WatchedList[]; readAt: number };
	currentLists?: Map<string, { list: SubprocessorList; fingerprint: string; checkedAt: number }>;
}

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
	caches: ProcessCaches = {};

	constructor(
		readonly appId: string,
		readonly logger: ILogger,
	) {}

	/**
	 * Forgets everything this process remembered, as a restart would, but keeps its queues (work may be running).
	 * The pure code's memos (the last list parsed, the last sort order) go too: they are module-level because the
	 * pure code has no runtime to hold them, and they only spare work, never change a result.
	 */
	reset(): void {
		this.caches = {};
		this.rememberedAdmins.clear();
		clearListCaches();
		forgetSortOrder();
	}

	/** The accessors of one call, with this process's identity and state. */
	deps(accessors: Accessors): AppDeps {
		return { ...accessors, appId: this.appId, logger: this.logger, runtime: this };
	}
}
