/** One typed store per record kind. The stored record is the truth: no record, no state. */
import type { ILogger, IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ChangeRecord } from '../../features/watch/changes';
import type { SubprocessorList } from '../../features/list/model';
import type { Lang } from '../../kernel/i18n';
import { decodeDelta, encodeDelta } from './listDelta';
import type { AppRuntime } from '../runtime';
import { MAIN_LIST_ID, scopedKind } from '../../features/lists/model';
import { RecordStore, recordStore, SINGLE, singleRecordStore, uniqueBy, userAssoc } from './RecordStore';

/** Which list is the last good one: small, read on every command to see whether the cached catalog is current. */
export interface ListPointer {
	fingerprint: string;
	/** The change record that led to this version (part of the next change's id). */
	changeId?: string;
	/**
	 * False from accepting the list until that change's announcement deliveries are recorded: a check that dies in
	 * between leaves it false, and the next check records them (absent in lists stored before: announced).
	 */
	announced?: boolean;
	version: string;
	count: number;
	source: string;
	etag?: string;
	lastModified?: string;
	/** SHA-256 of the text this list was read from (and the fallback address): the same text again is unchanged. */
	textKey?: string;
	acceptedAt: string;
}

/** The last good list: what the app answers from and compares the next fetch with. */
export interface ListState extends ListPointer {
	list: SubprocessorList;
}

export interface CheckStatus {
	lastCheckAt?: string;
	lastResult?: 'baseline' | 'unchanged' | 'changed' | 'held' | 'error';
	/** The problem of the last failed check, as `file:line field: message` lines. */
	problem?: string[];
	/** The problem admins were last told about, so each distinct problem is told once. */
	alertedProblem?: string;
	/** Before the delivery job: admins were told that no announcements room is set (cleared by the migration). */
	noRoomAlerted?: boolean;
	/** The bundled list's fingerprint at the last check: a pushed list is replaced by the bundled one only when a new app version changes it. */
	lastBundledFingerprint?: string;
	/** Before the delivery job (read once by the migration): change records not yet delivered everywhere. */
	pendingChanges?: string[];
	/** Before the delivery job: the old watchdog's count (cleared by the migration). */
	deliveryRunsSinceCheck?: number;
	/** When the recurring check job last started (not `sync`): the scheduler runs it again an interval later. */
	lastScheduledCheckAt?: string;
	/** The delivery job's tick (its count of recurring runs) then: it notices a check job that is gone. */
	lastScheduledCheckTick?: number;
}

/** A fetched list held back for an admin to confirm (it drops most entries, or is older than the current one). */
export interface HeldList {
	list: SubprocessorList;
	fingerprint: string;
	source: string;
	removed: number;
	heldAt: string;
	/** The pushed text, when the list came from the update endpoint (confirming re-runs it). */
	text?: string;
	/** Held because its `updated` date is older than the current list's (this one): a rollback or a replay. */
	olderThan?: string;
}

export interface Subscriber {
	userId: string;
	username: string;
	lang: Lang;
	since: string;
	/** The watched lists (ids) whose changes this user gets; absent: every list, lists added later too (records of before lists). */
	lists?: string[];
}

/** Admins the app knows: who installed it and admins who used it; they get source alerts. */
export interface AdminContact {
	userId: string;
	username: string;
	lang: Lang;
	seenAt: string;
}

/** A list in this process's memory with the fingerprint it is stored under, and the full body its record is a delta of. */
export interface KnownBody {
	fingerprint: string;
	list: SubprocessorList;
	/** The fingerprint of the full body the record is a delta of; undefined: the record is the whole list. */
	base?: string;
	/**
	 * The watched list whose store it was read from or written to (absent: the first list). Two lists may hold the
	 * same content, stored whole in one and as a delta in the other: whether a body is a delta is a fact of one
	 * list's store, so a delta is never taken against another list's body.
	 */
	listId?: string;
}

/**
 * A stored list body. `json`: the whole list as one JSON text — the engine's Deno runtime sends every accessor call
 * through msgpack with an extension codec that inspects each value; 5,000 entries as objects took it seconds to
 * encode (and left its heap grown), one string takes it milliseconds. `delta`: the list as its differences from the
 * whole list stored under `base` (`listDelta.ts`), so a small change writes kilobytes, not the whole list.
 * `list`: bodies stored by versions before the JSON text, still read.
 */
type StoredBody = { json: string } | { base: string; delta: string } | { list: SubprocessorList };

export class ListStateStore {
	private readonly pointers: RecordStore<ListPointer>;
	private readonly bodies: RecordStore<StoredBody>;
	/**
	 * `runtime`: its caches hold the list body this app process last wrote or read (lastBody), and the full body the
	 * deltas are taken from (lastBase). A body is stored under the fingerprint of what it says, so the same
	 * fingerprint is the same list (the catalog cache relies on this too): a check reads the current body to compare
	 * with and again to announce, and each read of 5,000 entries would otherwise carry a megabyte from the server and
	 * keep another copy of the list in memory. `logger`: where a failed cleanup of an old body is told (the writer,
	 * the check, passes it).
	 */
	constructor(
		private readonly runtime: AppRuntime,
		read: IPersistenceRead,
		write?: IPersistence,
		private readonly logger?: ILogger,
		private readonly listId: string = MAIN_LIST_ID,
	) {
		this.pointers = new RecordStore(scopedKind(listId, 'list-pointer'), read, write);
		this.bodies = new RecordStore(scopedKind(listId, 'list-body'), read, write);
	}

	pointer = () => this.pointers.get(SINGLE);

	async body(fingerprint: string): Promise<SubprocessorList | undefined> {
		return (await this.known(fingerprint))?.list;
	}

	private async known(fingerprint: string): Promise<KnownBody | undefined> {
		const memory = this.runtime.caches;
		const { lastBody, lastBase } = memory;
		const mine = (known?: KnownBody) => known?.fingerprint === fingerprint && (known.listId ?? MAIN_LIST_ID) === this.listId;
		if (mine(lastBody)) return lastBody;
		if (mine(lastBase)) return lastBase;
		const stored = await this.bodies.get(fingerprint);
		if (!stored) return undefined;
		if ('delta' in stored) {
			const base = await this.known(stored.base);
			// The base is never a delta itself; a missing one (removed half-way) loses the body, as a missing record would.
			if (!base || base.base !== undefined) return undefined;
			memory.lastBase = base;
			memory.lastBody = { fingerprint, list: decodeDelta(stored.delta, base.list), base: base.fingerprint, ...this.tag() };
			return memory.lastBody;
		}
		// An emptied body (its removal failed half-way) is as good as gone.
		const list = 'json' in stored ? (stored.json ? (JSON.parse(stored.json) as SubprocessorList) : undefined) : stored.list;
		if (!list) return undefined;
		memory.lastBody = { fingerprint, list, ...this.tag() };
		return memory.lastBody;
	}

	/** The first list's bodies in memory carry no list id, as before lists. */
	private tag(): Pick<KnownBody, 'listId'> {
		return this.listId === MAIN_LIST_ID ? {} : { listId: this.listId };
	}

	async get(): Promise<ListState | undefined> {
		const pointer = await this.pointer();
		const list = pointer && (await this.body(pointer.fingerprint));
		return pointer && list ? { ...pointer, list } : undefined;
	}

	/**
	 * Makes `state` the last good list. The body is written before the pointer, so a crash in between leaves the old
	 * list current. The body is a delta of the full body the current one is stored against (read through the
	 * current pointer, so it is one that is kept), unless too much changed: then it is written whole and becomes the
	 * base of the next ones.
	 */
	async accept(state: ListState): Promise<void> {
		const pointer = await this.pointer();
		const previous = pointer ? await this.known(pointer.fingerprint) : undefined;
		const base = previous?.base !== undefined ? await this.known(previous.base) : previous;
		const { list, ...next } = state;
		const memory = this.runtime.caches;
		const delta = base && base.fingerprint !== state.fingerprint ? encodeDelta(list, base.list) : undefined;
		if (base && delta !== undefined) {
			await this.bodies.put(state.fingerprint, { base: base.fingerprint, delta });
			memory.lastBase = base;
			memory.lastBody = { fingerprint: state.fingerprint, list, base: base.fingerprint, ...this.tag() };
		} else {
			await this.bodies.put(state.fingerprint, { json: JSON.stringify(list) });
			memory.lastBase = undefined;
			memory.lastBody = { fingerprint: state.fingerprint, list, ...this.tag() };
		}
		await this.pointers.put(SINGLE, next);
		// Cleanup only: a leftover body is harmless, so a failure here must not fail the accepted list. A previous
		// body that could not be read (gone, emptied) is removed as if whole.
		const kept = new Set([state.fingerprint, memory.lastBody.base]);
		const stale = new Map<string, boolean>();
		if (pointer) stale.set(pointer.fingerprint, previous?.base === undefined);
		if (base) stale.set(base.fingerprint, true);
		for (const [fingerprint, whole] of stale) {
			if (kept.has(fingerprint)) continue;
			await this.drop(fingerprint, whole).catch((error) =>
				this.logger?.warn(`could not remove the old list body ${fingerprint}`, error),
			);
		}
	}

	/**
	 * Removes a body no pointer leads to. A whole list is emptied first: a removal answers with the removed records
	 * (the server's removal returns their data: apps/meteor/app/apps/server/bridges/persistence.ts), and a megabyte
	 * of list would travel back to the app just to be dropped. A delta is small.
	 */
	private async drop(fingerprint: string, whole: boolean): Promise<void> {
		if (whole) await this.bodies.put(fingerprint, { json: '' });
		await this.bodies.remove(fingerprint);
	}

	async updatePointer(patch: Partial<Omit<ListPointer, 'fingerprint'>>): Promise<void> {
		const pointer = await this.pointer();
		if (pointer) await this.pointers.put(SINGLE, { ...pointer, ...patch });
	}
}

/** A list's check status and held list: the first list's under the keys of before lists, the others' prefixed (features/lists/model.ts). */
export class CheckStatusStore extends singleRecordStore<CheckStatus>('check-status') {
	override async get(): Promise<CheckStatus> {
		return (await super.get()) ?? {};
	}
	async update(patch: Partial<CheckStatus>): Promise<CheckStatus> {
		const next = { ...(await this.get()), ...patch };
		await this.put(next);
		return next;
	}
}

export class HeldListStore extends singleRecordStore<HeldList>('held-list') {}

/**
 * A stored change record: its changes (the entries added, removed and changed, thousands when a list grows)
 * as one JSON text, for the same reason as the list body — the engine's msgpack codec is slow on many objects and
 * grows the app process's heap. The small fields stay as they are. Records stored before carry `changes` as objects.
 */
type StoredChange = Omit<ChangeRecord, 'changes'> & ({ changesJson: string } | { changes: ChangeRecord['changes'] });

const fromStored = (stored: StoredChange): ChangeRecord => {
	if (!('changesJson' in stored)) return stored;
	const { changesJson, ...rest } = stored;
	return { ...rest, changes: JSON.parse(changesJson) as ChangeRecord['changes'] };
};

export class ChangeStore {
	private readonly store: RecordStore<StoredChange>;
	constructor(read: IPersistenceRead, write?: IPersistence) {
		this.store = new RecordStore('change', read, write);
	}
	get = async (id: string) => {
		const stored = await this.store.get(id);
		return stored && fromStored(stored);
	};
	put = ({ changes, ...record }: ChangeRecord) => this.store.put(record.id, { ...record, changesJson: JSON.stringify(changes) });
	/** Every change record (one per id), newest first; of one list when `listId` is given (records without `list` are the first list's). */
	async all(listId?: string): Promise<ChangeRecord[]> {
		const records = uniqueBy((await this.store.all()).map(fromStored), (c) => c.id);
		return (listId === undefined ? records : records.filter((c) => (c.list ?? MAIN_LIST_ID) === listId)).sort((a, b) =>
			a.detectedAt < b.detectedAt ? 1 : a.detectedAt > b.detectedAt ? -1 : 0,
		);
	}
}

/**
 * Records kept one per user, also found by the user: two first-time puts on two instances may have stored two
 * (R10), so reads return one per user.
 */
function perUserStore<T extends { userId: string }>(kind: string) {
	return class extends recordStore<T>(
		kind,
		(record) => record.userId,
		(record) => [userAssoc(record.userId)],
	) {
		override async all(): Promise<T[]> {
			return uniqueBy(await super.all(), (record) => record.userId);
		}
	};
}

export class SubscriberStore extends perUserStore<Subscriber>('subscriber') {}

export class AdminContactStore extends perUserStore<AdminContact>('admin-contact') {}

/** A room that refused the app's posts, as admins were last told of it (told once per room and reason). */
export interface RoomRefusal {
	/** The record's id ('team', 'announcements', 'announcements:<listId>'); records before lists lack it. */
	id?: string;
	/** Room id and reason ("read-only" or the server's error): a new key means a new alert. */
	key: string;
	at: string;
	/** False after a first refusal that is not told yet (told when the next try fails the same way). */
	told?: boolean;
}

/**
 * One record per purpose and list ("team", "announcements", "announcements:<listId>"), keyed by its `id`; each is
 * written only by the delivery of its own posts, so they never overwrite each other's.
 */
export class RoomRefusalStore extends recordStore<RoomRefusal>('room-refusal') {}

/** Signatures of pushes already taken, with their timestamps: an exact replay inside the time window is refused. */
export interface SeenPushes {
	entries: Array<{ signature: string; timestamp: number }>;
}

export class SeenPushStore extends singleRecordStore<SeenPushes>('seen-pushes') {
	override async get(): Promise<SeenPushes> {
		return (await super.get()) ?? { entries: [] };
	}
}
