/**
 * The watched lists of this workspace (records of kind `list`, one per list, found by id and "all"). The first
 * list needs no record: until an admin renames, re-points or removes it, it is there implicitly, named after its
 * company (`rocketchat` for the bundled list), so a workspace that upgrades has its one list as the first.
 */
import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { recordStore } from '../../../platform/storage/RecordStore';
import type { AppDeps } from '../../../platform/deps';
import type { Catalog } from '../../list/catalog';
import { currentCatalog, listCatalog } from '../../list/engine/currentList';
import { inListOrder, MAIN_LIST_ID, nameFromCompany, type ListCatalog, type WatchedList } from '../model';
import { objectionAddressOf } from '../objectionAddress';
import { Settings } from '../../../platform/settings';

class ListRecordStore extends recordStore<WatchedList>('list', (list) => list.id) {}

/** How long the list records read are trusted (the catalogs' RECHECK_MS in currentList.ts is the same). */
const LIST_RECHECK_MS = 5000;

/** The first list as it is before any record of it is stored. */
const FIRST_LIST_CREATED = '1970-01-01T00:00:00.000Z';

export class ListRegistry {
	private readonly records: ListRecordStore;

	constructor(
		private readonly deps: Pick<AppDeps, 'read' | 'runtime'>,
		write?: IPersistence,
		reader: IPersistenceRead = deps.read.getPersistenceReader(),
	) {
		this.records = new ListRecordStore(reader, write);
	}

	/**
	 * Every list, removed ones too (their history stays readable), in list order. `cached`: every question asks
	 * this, so it may trust the records read a few seconds ago (AppRuntime.caches.listRecords), as the catalogs do:
	 * this process's own changes clear them at once, another instance's show within LIST_RECHECK_MS. Jobs and
	 * changes read the stored records.
	 */
	async everyList(cached = false): Promise<WatchedList[]> {
		const { caches } = this.deps.runtime;
		const fresh = cached && caches.listRecords && Date.now() - caches.listRecords.readAt < LIST_RECHECK_MS;
		const stored = fresh && caches.listRecords ? caches.listRecords.lists : await this.records.all();
		if (!fresh) caches.listRecords = { lists: stored, readAt: Date.now() };
		const byId = new Map<string, WatchedList>();
		// Two instances storing one list at once may leave two copies (docs/multi-instance.md R10): one per id.
		for (const list of stored) if (!byId.has(list.id)) byId.set(list.id, list);
		if (!byId.has(MAIN_LIST_ID)) byId.set(MAIN_LIST_ID, await this.implicitFirst());
		return inListOrder([...byId.values()]);
	}

	/** The lists that are checked, asked and announced, in list order. */
	async active(cached = false): Promise<WatchedList[]> {
		return (await this.everyList(cached)).filter((list) => !list.removedAt);
	}

	async get(id: string): Promise<WatchedList | undefined> {
		if (id === MAIN_LIST_ID) return (await this.records.get(id)) ?? this.implicitFirst();
		return this.records.get(id);
	}

	/** The active list with this name (names are compared lower-case). */
	async byName(name: string): Promise<WatchedList | undefined> {
		const wanted = name.toLowerCase();
		return (await this.active()).find((list) => list.name === wanted);
	}

	async put(list: WatchedList): Promise<void> {
		await this.records.put(list);
		// After the write: a read while it ran may have cached the records of before.
		this.deps.runtime.caches.listRecords = undefined;
	}

	/** Forgets a removed list's record (its history was purged). */
	async forget(id: string): Promise<void> {
		await this.records.remove(id);
		this.deps.runtime.caches.listRecords = undefined;
	}

	private async implicitFirst(): Promise<WatchedList> {
		const { list } = await currentCatalog(this.deps);
		return { id: MAIN_LIST_ID, name: nameFromCompany(list.company, 'main'), createdAt: FIRST_LIST_CREATED };
	}
}

/**
 * Every active list with its catalog, in list order; a list whose first good fetch is not stored (should not
 * happen: `lists add` stores it first) is left out.
 */
export async function activeCatalogs(deps: Pick<AppDeps, 'read' | 'runtime'>): Promise<Array<ListCatalog<Catalog>>> {
	const found: Array<ListCatalog<Catalog>> = [];
	for (const list of await new ListRegistry(deps).active(true)) {
		const catalog = await listCatalog(deps, list.id);
		if (!catalog) continue;
		// Answers say where objections go as routing does: the list's own address, the setting (first list), the list's.
		const setting = list.id === MAIN_LIST_ID ? await objectionSetting(deps) : undefined;
		const { email, subject } = objectionAddressOf(list, catalog.list, setting);
		found.push({ list, catalog, objections: { email, subject } });
	}
	return found;
}

/**
 * The `objection_email` setting for answers: every command asks, so the value read a few seconds ago is trusted as
 * the list records are (a settings read is a round trip to the server in the engine's runtime). This instance's
 * onSettingUpdated clears it at once (the server tells every instance); routing always reads it fresh.
 */
async function objectionSetting(deps: Pick<AppDeps, 'read' | 'runtime'>): Promise<string | undefined> {
	const { caches } = deps.runtime;
	const known = caches.objectionSetting;
	if (known && Date.now() - known.readAt < LIST_RECHECK_MS) return known.value;
	const value = await new Settings(deps.read).objectionEmailSetting();
	caches.objectionSetting = { value, readAt: Date.now() };
	return value;
}
