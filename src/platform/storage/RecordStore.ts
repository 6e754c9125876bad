/**
 * A typed store for one kind of record over the engine's persistence, which has no queries: every record is
 * tagged with associations (its kind, its id, and whatever else it must be found by) and read back by them.
 * The server matches ALL the associations given to the plural reads.
 */
import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import {
	RocketChatAssociationModel,
	RocketChatAssociationRecord,
} from '@rocket.chat/apps-engine/definition/metadata/RocketChatAssociations';

export const misc = (key: string): RocketChatAssociationRecord => new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, key);
export const userAssoc = (userId: string): RocketChatAssociationRecord =>
	new RocketChatAssociationRecord(RocketChatAssociationModel.USER, userId);

/** One record per key, the first seen of each (duplicates of one record, R10, are read as one). */
export function uniqueBy<T>(records: T[], keyOf: (record: T) => string | undefined): T[] {
	const seen = new Set<string>();
	return records.filter((record) => {
		const key = keyOf(record);
		if (key === undefined) return true;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

export class RecordStore<T extends object> {
	constructor(
		private readonly kind: string,
		private readonly reader: IPersistenceRead,
		private readonly writer?: IPersistence,
	) {}

	private byId(id: string): RocketChatAssociationRecord[] {
		return [misc(this.kind), misc(`${this.kind}:${id}`)];
	}

	async get(id: string): Promise<T | undefined> {
		const [record] = (await this.reader.readByAssociations(this.byId(id))) as T[];
		return record;
	}

	async all(): Promise<T[]> {
		return (await this.reader.readByAssociations([misc(this.kind)])) as T[];
	}

	/** Records of this kind also tagged with `extra` (e.g. a user). */
	async where(extra: RocketChatAssociationRecord[]): Promise<T[]> {
		return (await this.reader.readByAssociations([misc(this.kind), ...extra])) as T[];
	}

	/** Creates or replaces the record with this id: writing the same id twice never makes two records. */
	async put(id: string, record: T, extra: RocketChatAssociationRecord[] = []): Promise<void> {
		await this.requireWriter().updateByAssociations([...this.byId(id), ...extra], record, true);
	}

	async remove(id: string): Promise<void> {
		await this.requireWriter().removeByAssociations(this.byId(id));
	}

	/**
	 * Removes every copy of the record with this id, or (no id) every record of this kind; returns the removals made.
	 * The server's removal answers with what it found before deleting, and deletes all of it in some versions, one
	 * record in others (docs/multi-instance.md 1.3, apps/meteor/app/apps/server/bridges/persistence.ts): it is
	 * called again while it found more than one. Idempotent: nothing found, nothing done.
	 */
	async removeEvery(id?: string): Promise<number> {
		const match = id === undefined ? [misc(this.kind)] : this.byId(id);
		let calls = 0;
		let found: object[];
		do {
			found = (await this.requireWriter().removeByAssociations(match)) ?? [];
			calls++;
		} while (found.length > 1);
		return calls;
	}

	/** Removes the copies of the record with this id that are also tagged with `extra` (others stay). */
	async removeTagged(id: string, extra: RocketChatAssociationRecord[]): Promise<void> {
		await this.requireWriter().removeByAssociations([...this.byId(id), ...extra]);
	}

	/** Every stored copy of the record with this id: more than one after two first-time `put`s raced (R10). */
	async copies(id: string): Promise<T[]> {
		return (await this.reader.readByAssociations(this.byId(id))) as T[];
	}

	/**
	 * Leaves one copy of a record that two racing first-time `put`s stored twice (docs/multi-instance.md R10): the
	 * one readers see (the first, as `get` returns and as the server's `updateOne` matches), taken from what the
	 * remove found, so a record removed in the meantime stays removed. Between the remove and the put the record is
	 * missing for one round trip. Returns how many extra copies went.
	 */
	async collapse(id: string, extra: RocketChatAssociationRecord[] = []): Promise<number> {
		if ((await this.copies(id)).length < 2) return 0;
		const found = ((await this.requireWriter().removeByAssociations(this.byId(id))) ?? []) as T[];
		if (found[0]) await this.put(id, found[0], extra);
		return Math.max(0, found.length - 1);
	}

	private requireWriter(): IPersistence {
		if (!this.writer) {
			throw new Error(`the ${this.kind} store was opened read-only`);
		}
		return this.writer;
	}
}

/**
 * A store class for one kind of record: each is found by its key (`keyOf`, or given to `put` when the record doesn't
 * hold it) and also by `tagsOf` (a user, …). The associations are RecordStore's, so records stored by earlier versions
 * are found (test/unit/keys.test.ts).
 */
export function recordStore<T extends object>(
	kind: string,
	keyOf?: (record: T) => string,
	tagsOf: (record: T) => RocketChatAssociationRecord[] = () => [],
) {
	return class {
		protected readonly store: RecordStore<T>;
		constructor(read: IPersistenceRead, write?: IPersistence) {
			this.store = new RecordStore<T>(kind, read, write);
		}
		get(key: string): Promise<T | undefined> {
			return this.store.get(key);
		}
		all(): Promise<T[]> {
			return this.store.all();
		}
		put(record: T, key = keyOf?.(record)): Promise<void> {
			if (key === undefined) throw new Error(`a ${kind} record needs a key`);
			return this.store.put(key, record, tagsOf(record));
		}
		remove(key: string): Promise<void> {
			return this.store.remove(key);
		}
	};
}

/**
 * A store class for a kind with one record (the check status, the held list, …). `scope`: a prefix of the kind, so
 * each watched list has its own record (undefined: the unprefixed kind, as stored before lists existed).
 */
export function singleRecordStore<T extends object>(kind: string) {
	return class {
		protected readonly store: RecordStore<T>;
		constructor(read: IPersistenceRead, write?: IPersistence, scope?: string) {
			this.store = new RecordStore<T>(scope ? `${scope}/${kind}` : kind, read, write);
		}
		get(): Promise<T | undefined> {
			return this.store.get(SINGLE);
		}
		put(record: T): Promise<void> {
			return this.store.put(SINGLE, record);
		}
		clear(): Promise<void> {
			return this.store.remove(SINGLE);
		}
	};
}

/** The id of a kind's only record. */
export const SINGLE = 'current';
