/** One typed store per record kind. The stored record is the truth: no record, no state. */
import type { ILogger, IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ChangeRecord } from '../../domain/changes';
import type { SubprocessorList } from '../../domain/model';
import type { Lang } from '../../i18n';
import { RecordStore, recordStore, SINGLE, singleRecordStore, userAssoc } from './RecordStore';

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
}

/** Admins the app knows: who installed it and admins who used it; they get source alerts. */
export interface AdminContact {
	userId: string;
	username: string;
	lang: Lang;
	seenAt: string;
}

/**
 * The list body this app process last wrote or read, by fingerprint. A body is stored under the fingerprint of
 * what it says, so the same fingerprint is the same list (the catalog cache relies on this too): a check reads
 * the current body to compare with and again to announce, and each read of 5,000 entries would otherwise
 * carry a megabyte from the server and keep another copy of the list in memory.
 */
let lastBody: { fingerprint: string; list: SubprocessorList } | undefined;

/**
 * A stored list body: the list as one JSON text. The engine's Deno runtime sends every accessor call through
 * msgpack with an extension codec that inspects each value; 5,000 entries as objects took it seconds to encode
 * (and left its heap grown), one string takes it milliseconds. `list`: bodies stored by earlier versions.
 */
type StoredBody = { json: string } | { list: SubprocessorList };

export class ListStateStore {
	private readonly pointers: RecordStore<ListPointer>;
	private readonly bodies: RecordStore<StoredBody>;
	/** `logger`: where a failed cleanup of an old body is told (the writer, the check, passes it). */
	constructor(
		read: IPersistenceRead,
		write?: IPersistence,
		private readonly logger?: ILogger,
	) {
		this.pointers = new RecordStore('list-pointer', read, write);
		this.bodies = new RecordStore('list-body', read, write);
	}

	pointer = () => this.pointers.get(SINGLE);

	async body(fingerprint: string): Promise<SubprocessorList | undefined> {
		if (lastBody?.fingerprint === fingerprint) return lastBody.list;
		const stored = await this.bodies.get(fingerprint);
		// An emptied body (its removal failed half-way) is as good as gone.
		const list = stored && ('json' in stored ? (stored.json ? (JSON.parse(stored.json) as SubprocessorList) : undefined) : stored.list);
		if (list) lastBody = { fingerprint, list };
		return list;
	}

	async get(): Promise<ListState | undefined> {
		const pointer = await this.pointer();
		const list = pointer && (await this.body(pointer.fingerprint));
		return pointer && list ? { ...pointer, list } : undefined;
	}

	/** Makes `state` the last good list. The body is written before the pointer, so a crash in between leaves the old list current. */
	async accept(state: ListState): Promise<void> {
		const previous = await this.pointer();
		const { list, ...pointer } = state;
		await this.bodies.put(state.fingerprint, { json: JSON.stringify(list) });
		lastBody = { fingerprint: state.fingerprint, list };
		await this.pointers.put(SINGLE, pointer);
		if (previous && previous.fingerprint !== state.fingerprint) {
			// Cleanup only: a leftover body is harmless, so a failure here must not fail the accepted list.
			if (lastBody?.fingerprint === previous.fingerprint) lastBody = undefined;
			// Emptied first: a removal answers with the removed records (the server's removal returns their
			// data: apps/meteor/app/apps/server/bridges/persistence.ts), and a megabyte of list would travel
			// back to the app just to be dropped.
			await this.bodies
				.put(previous.fingerprint, { json: '' })
				.then(() => this.bodies.remove(previous.fingerprint))
				.catch((error) => this.logger?.warn(`could not remove the old list body ${previous.fingerprint}`, error));
		}
	}

	async updatePointer(patch: Partial<Omit<ListPointer, 'fingerprint'>>): Promise<void> {
		const pointer = await this.pointer();
		if (pointer) await this.pointers.put(SINGLE, { ...pointer, ...patch });
	}
}

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

export class ChangeStore extends recordStore<ChangeRecord>('change', (record) => record.id) {
	/** Every change record, newest first. */
	override async all(): Promise<ChangeRecord[]> {
		return (await super.all()).sort((a, b) => (a.detectedAt < b.detectedAt ? 1 : a.detectedAt > b.detectedAt ? -1 : 0));
	}
}

export class SubscriberStore extends recordStore<Subscriber>(
	'subscriber',
	(subscriber) => subscriber.userId,
	(subscriber) => [userAssoc(subscriber.userId)],
) {}

export class AdminContactStore extends recordStore<AdminContact>(
	'admin-contact',
	(contact) => contact.userId,
	(contact) => [userAssoc(contact.userId)],
) {}

/** A room that refused the app's posts, as admins were last told of it (told once per room and reason). */
export interface RoomRefusal {
	/** Room id and reason ("read-only" or the server's error): a new key means a new alert. */
	key: string;
	at: string;
	/** False after a first refusal that is not told yet (told when the next try fails the same way). */
	told?: boolean;
}

/**
 * One record per purpose ("announcements", "team"): each is written only by its own work queue (the watcher,
 * the objection service), so the two never overwrite each other's.
 */
/** Keyed by purpose (`put(refusal, purpose)`), which the record doesn't hold. */
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
