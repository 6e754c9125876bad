/**
 * The objection audit trail: one record per governance event, written once under a random id and never rewritten
 * or removed (append-only), so two instances writing at once both keep theirs. It holds no objector's personal
 * data: references, counts, the acting team member or admin, and for a refused filing the account and the roles
 * it lacked. Read by the privacy team with `/subprocessors objections audit`; never posted to a room.
 */
import { nodeCrypto } from '../../../kernel/nodeCrypto';
import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { AuditEntry } from '../messages';
import { RecordStore } from '../../../platform/storage/RecordStore';

export class AuditStore {
	private readonly store: RecordStore<AuditEntry>;
	constructor(read: IPersistenceRead, write?: IPersistence) {
		this.store = new RecordStore('objection-audit', read, write);
	}

	async add(entry: Omit<AuditEntry, 'id' | 'at'>, at = new Date()): Promise<AuditEntry> {
		const stored: AuditEntry = {
			id: `${at.getTime().toString(36)}-${nodeCrypto().randomBytes(6).toString('hex')}`,
			at: at.toISOString(),
			...entry,
		};
		await this.store.put(stored.id, stored);
		return stored;
	}

	/** Newest first. */
	async recent(limit: number): Promise<AuditEntry[]> {
		const all = await this.store.all();
		return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1)).slice(0, limit);
	}
}
