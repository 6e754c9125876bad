import { PersistenceBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/PersistenceBridge';
import type { RocketChatAssociationRecord } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/metadata';
import { clone } from '../clone';
import type { WorldState } from '../state';

interface StoredRecord {
	id: string;
	appId: string;
	data: object;
	associations: Array<{ model: string; id: string }>;
}

const key = (a: { model: string; id: string }) => `${a.model}:${a.id}`;

/** Records survive disable/enable and app updates, as the server's collection does; only purge() clears them. */
export class WorkspacePersistenceBridge extends PersistenceBridge {
	readonly records: StoredRecord[] = [];

	constructor(private readonly world: WorldState) {
		super();
	}

	// The plural read matches records carrying ALL given associations (the server's $all query).
	private matching(associations: RocketChatAssociationRecord[], appId: string): StoredRecord[] {
		const wanted = this.plain(associations).map(key);
		return this.records.filter((r) => r.appId === appId && wanted.every((w) => r.associations.some((a) => key(a) === w)));
	}

	private plain(associations: RocketChatAssociationRecord[]): Array<{ model: string; id: string }> {
		// Records arrive from the Deno process as plain objects, not class instances.
		return associations.map((a: any) => ({ model: a.model ?? a.getModel?.(), id: a.id ?? a.getID?.() }));
	}

	protected async purge(appId: string): Promise<void> {
		for (let i = this.records.length - 1; i >= 0; i--) if (this.records[i].appId === appId) this.records.splice(i, 1);
	}

	protected async create(data: object, appId: string): Promise<string> {
		return this.createWithAssociations(data, [], appId);
	}

	protected async createWithAssociations(data: object, associations: RocketChatAssociationRecord[], appId: string): Promise<string> {
		const id = this.world.newId('rec');
		this.records.push({ id, appId, data: clone(data), associations: this.plain(associations) });
		return id;
	}

	protected async readById(id: string, appId: string): Promise<object> {
		const record = this.records.find((r) => r.id === id && r.appId === appId);
		return (record && clone(record.data)) as object;
	}

	protected async readByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[]> {
		return this.matching(associations, appId).map((r) => clone(r.data));
	}

	protected async remove(id: string, appId: string): Promise<object | undefined> {
		const index = this.records.findIndex((r) => r.id === id && r.appId === appId);
		if (index === -1) return undefined;
		return this.records.splice(index, 1)[0].data;
	}

	protected async removeByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[] | undefined> {
		const found = this.matching(associations, appId);
		if (!found.length) return undefined;
		for (const r of found) this.records.splice(this.records.indexOf(r), 1);
		return found.map((r) => r.data);
	}

	// The server's bridge throws here (apps/meteor/app/apps/server/bridges/persistence.ts `update`): apps must
	// write through updateByAssociations.
	protected async update(_id: string, _data: object, _upsert: boolean, _appId: string): Promise<string> {
		throw new Error('Not implemented.');
	}

	// Like the server's updateOne({ appId, associations }, { $set: { data } }, { upsert }): the query is the association
	// ARRAY itself, so only a record with exactly these associations in this order matches (not $all as in the reads);
	// anything else is a new record on upsert.
	protected async updateByAssociations(
		associations: RocketChatAssociationRecord[],
		data: object,
		upsert: boolean,
		appId: string,
	): Promise<string> {
		const wanted = JSON.stringify(this.plain(associations).map(key));
		const record = this.records.find((r) => r.appId === appId && JSON.stringify(r.associations.map(key)) === wanted);
		if (record) {
			record.data = clone(data);
			return record.id;
		}
		if (!upsert) throw new Error('PersistenceBridge.updateByAssociations: no matching record');
		return this.createWithAssociations(data, associations, appId);
	}
}
