import { AppLogStorage, AppMetadataStorage, AppSourceStorage } from './engine';
import type { AppStatus, IAppStorageItem, ILoggerStorageEntry, ISetting } from './engine';

import { clone } from './clone';

// The server keeps these in MongoDB and hands out fresh documents; clone so the engine's in-place edits of its own
// copy don't silently change "stored" data.
export class MemoryMetadataStorage extends AppMetadataStorage {
	readonly items = new Map<string, IAppStorageItem>();

	constructor() {
		super('memory');
	}

	// The server (AppRealStorage.create) stamps and returns the very object it was given. Engines before 1.62 record
	// the new app's status on the returned object and read it from the one they passed: with a copy, 1.55 and 1.57
	// restart a crashed runtime with no status (disabled).
	async create(item: IAppStorageItem): Promise<IAppStorageItem> {
		Object.assign(item, { _id: item._id ?? `app-${item.id}`, createdAt: new Date(), updatedAt: new Date() });
		this.items.set(item.id, clone(item));
		return item;
	}

	async retrieveOne(id: string): Promise<IAppStorageItem | null> {
		const item = this.items.get(id);
		return item ? clone(item) : null;
	}

	async retrieveAll(): Promise<Map<string, IAppStorageItem>> {
		return new Map([...this.items].map(([k, v]) => [k, clone(v)]));
	}

	async retrieveAllPrivate(): Promise<Map<string, IAppStorageItem>> {
		return new Map([...this.items].filter(([, v]) => v.installationSource === 'private').map(([k, v]) => [k, clone(v)]));
	}

	async remove(id: string): Promise<{ success: boolean }> {
		return { success: this.items.delete(id) };
	}

	async updatePartialAndReturnDocument(
		item: Partial<IAppStorageItem>,
		options?: { unsetPermissionsGranted?: boolean },
	): Promise<IAppStorageItem> {
		const current = this.byMongoId(item._id);
		const next = { ...current, ...clone(item), updatedAt: new Date() } as IAppStorageItem;
		if (options?.unsetPermissionsGranted) delete next.permissionsGranted;
		this.items.set(next.id, next);
		return clone(next);
	}

	/** Engines before 1.57 store every change through this one method (the server `$set`s the whole document). */
	async update(item: IAppStorageItem): Promise<IAppStorageItem> {
		const current = this.items.get(item.id);
		if (!current) throw new Error(`MemoryMetadataStorage: no app record with id "${item.id}"`);
		const next = { ...current, ...clone(item), updatedAt: new Date() } as IAppStorageItem;
		this.items.set(next.id, next);
		return clone(next);
	}

	async updateStatus(_id: string, status: AppStatus): Promise<boolean> {
		this.byMongoId(_id).status = status;
		return true;
	}

	async updateSetting(_id: string, setting: ISetting): Promise<boolean> {
		this.byMongoId(_id).settings[setting.id] = clone(setting);
		return true;
	}

	async updateAppInfo(_id: string, info: IAppStorageItem['info']): Promise<boolean> {
		this.byMongoId(_id).info = clone(info);
		return true;
	}

	async updateMarketplaceInfo(_id: string, marketplaceInfo: IAppStorageItem['marketplaceInfo']): Promise<boolean> {
		this.byMongoId(_id).marketplaceInfo = clone(marketplaceInfo);
		return true;
	}

	private byMongoId(_id: string | undefined): IAppStorageItem {
		const item = [...this.items.values()].find((i) => i._id === _id);
		if (!item) throw new Error(`MemoryMetadataStorage: no app record with _id "${_id}"`);
		return item;
	}
}

export class MemorySourceStorage extends AppSourceStorage {
	readonly zips = new Map<string, Buffer>();

	async store(item: IAppStorageItem, zip: Buffer): Promise<string> {
		this.zips.set(item.id, zip);
		return `memory://${item.id}`;
	}

	async fetch(item: IAppStorageItem): Promise<Buffer> {
		const zip = this.zips.get(item.id);
		if (!zip) throw new Error(`MemorySourceStorage: no package for app ${item.id}`);
		return zip;
	}

	async update(item: IAppStorageItem, zip: Buffer): Promise<string> {
		return this.store(item, zip);
	}

	async remove(item: IAppStorageItem): Promise<void> {
		this.zips.delete(item.id);
	}
}

/** Every request to the app returns its log entries here; the workspace watches them for runtime errors. */
export class MemoryLogStorage extends AppLogStorage {
	readonly entries: ILoggerStorageEntry[] = [];
	private listeners: Array<(entry: ILoggerStorageEntry) => void> = [];

	constructor() {
		super('memory');
	}

	onEntry(listener: (entry: ILoggerStorageEntry) => void): void {
		this.listeners.push(listener);
	}

	async findPaginated(
		query: Record<string, unknown>,
		options?: { skip?: number; limit?: number },
	): Promise<{ logs: ILoggerStorageEntry[]; total: number }> {
		const logs = this.entries.filter((e) => !query.appId || e.appId === query.appId);
		const skip = options?.skip ?? 0;
		return { logs: logs.slice(skip, options?.limit ? skip + options.limit : undefined), total: logs.length };
	}

	async storeEntries(entry: ILoggerStorageEntry): Promise<ILoggerStorageEntry> {
		this.entries.push(entry);
		for (const l of this.listeners) l(entry);
		return entry;
	}

	async getEntriesFor(appId: string): Promise<ILoggerStorageEntry[]> {
		return this.entries.filter((e) => e.appId === appId);
	}

	async removeEntriesFor(appId: string): Promise<void> {
		for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].appId === appId) this.entries.splice(i, 1);
	}
}
