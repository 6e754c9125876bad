/**
 * A room that refuses the app's posts. The server's apps bridge posts through executeSendMessage, whose
 * canSendMessage refuses a read-only room to a sender without `post-readonly` there — and the app's user has
 * only the role `app`. The post stays pending (retried until the room accepts it), admins are told once per
 * room and reason, in words they can act on, and the refusal is forgotten when a post goes through. A
 * read-only room is told at once; any other refusal only when the next try fails the same way (a server
 * hiccup is no reason to alarm anyone), as with the list source.
 */
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { Alert } from '../features/watch/announcement';
import type { AppDeps } from './deps';
import { appBotUser } from './reply';
import { RoomRefusalStore } from './storage/stores';

export type RoomPurpose = 'announcements' | 'team';

/** A post the server refused, as opposed to a failure to record it afterwards. */
export class PostRefused extends Error {
	constructor(readonly reason: unknown) {
		super(errorText(reason));
		this.name = 'PostRefused';
	}
}

export function errorText(error: unknown): string {
	return ((error as Error)?.message ?? String(error)).slice(0, 300);
}

export class RoomRefusals {
	private readonly store: RoomRefusalStore;

	constructor(private readonly deps: AppDeps) {
		this.store = new RoomRefusalStore(deps.read.getPersistenceReader(), deps.persis);
	}

	/**
	 * Records the refusal; returns the alert for admins when it is time to tell them (once per room and reason).
	 * `id` is the record's: one per purpose, and for announcements one per list (`announcements:<listId>`), since each
	 * list may post to its own room.
	 */
	async refused(purpose: RoomPurpose, room: IRoom, error: unknown, id: string = purpose): Promise<Alert | undefined> {
		// The room as it is now: read-only may have been switched on since the setting was read.
		const current = (await this.deps.read.getRoomReader().getById(room.id)) ?? room;
		const readOnly = current.isReadOnly === true;
		const reason = errorText(error instanceof PostRefused ? error.reason : error);
		const key = `${room.id}:${readOnly ? 'read-only' : reason}`;
		const before = await this.store.get(id);
		if (before?.key === key && before.told !== false) return undefined;
		const tell = readOnly || before?.key === key;
		await this.store.put({ id, key, at: new Date().toISOString(), told: tell }, id);
		if (!tell) return undefined;
		const bot = (await appBotUser(this.deps))?.username ?? '';
		return { kind: 'room-refused', purpose, room: current.slugifiedName || room.id, readOnly, bot, error: reason };
	}

	/** A post went through: a later refusal is news again. */
	async accepted(id: string): Promise<void> {
		if (await this.store.get(id)) await this.store.remove(id);
	}
}
