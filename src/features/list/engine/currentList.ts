/**
 * The list the app answers from: the last good list the watcher accepted (stored), or the bundled
 * `data/subprocessors.yaml` before the first check. The catalog (with its search indexes) is built once
 * per list version and kept in memory; a command costs one small read to see whether it is still current.
 */
import bundledYaml from '../../../../data/subprocessors.yaml';
import { Catalog } from '../catalog';
import { fingerprint } from '../../watch/diff';
import type { SubprocessorList } from '../model';
import { loadList } from '../schema';
import type { AppDeps } from '../../../platform/deps';
import type { AppRuntime } from '../../../platform/runtime';
import { ListStateStore } from '../../../platform/storage/stores';
import { BUNDLED_SOURCE } from '../../watch/engine/listSource';
import { MAIN_LIST_ID } from '../../lists/model';

// Lists, not catalogs: a catalog (the search indexes) is built by the first command that needs it (Catalog.of
// keeps it per list object), so a check that accepts a new list does not pay for indexes it never uses. Both are
// kept per app process (AppRuntime.caches: bundledList, currentLists — one per watched list, the least recently
// used dropped beyond MAX_CACHED_LISTS, so twenty lists don't keep twenty index sets).

/**
 * How long a command trusts the cached catalog without reading the pointer. This instance's own checks
 * update the cache at once; only a list another server instance accepted can take this long to show.
 */
const RECHECK_MS = 5000;

/** Lists (with their catalogs) kept in memory at once; more are read again when asked. */
export const MAX_CACHED_LISTS = 24;

type CachedList = { list: SubprocessorList; fingerprint: string; checkedAt: number };

function cached(runtime: AppRuntime, listId: string): CachedList | undefined {
	const lists = runtime.caches.currentLists;
	const found = lists?.get(listId);
	if (found && lists) {
		// Most recently used last: a Map keeps insertion order.
		lists.delete(listId);
		lists.set(listId, found);
	}
	return found;
}

export function bundledList(runtime: AppRuntime): { list: SubprocessorList; fingerprint: string } {
	const { caches } = runtime;
	if (!caches.bundledList) {
		const list = loadList(bundledYaml, BUNDLED_SOURCE);
		caches.bundledList = { list, fingerprint: fingerprint(list) };
	}
	return caches.bundledList;
}

/** Remembers a list the watcher just accepted, so the next command needn't read it back. */
export function rememberCatalog(runtime: AppRuntime, list: SubprocessorList, listFingerprint: string, listId = MAIN_LIST_ID): void {
	const lists = (runtime.caches.currentLists ??= new Map());
	lists.delete(listId);
	lists.set(listId, { list, fingerprint: listFingerprint, checkedAt: Date.now() });
	for (const oldest of lists.keys()) {
		if (lists.size <= MAX_CACHED_LISTS) break;
		lists.delete(oldest);
	}
}

/** The next command reads the pointer again: called around every check, which may change the list half-way. */
export function recheckCatalog(runtime: AppRuntime, listId = MAIN_LIST_ID): void {
	const found = runtime.caches.currentLists?.get(listId);
	if (found) found.checkedAt = 0;
}

/** The first list's catalog (the bundled list before its first check). */
export async function currentCatalog(deps: Pick<AppDeps, 'read' | 'runtime'>): Promise<Catalog> {
	return (await listCatalog(deps, MAIN_LIST_ID)) as Catalog;
}

/**
 * A watched list's catalog: its last good list. The first list answers from the bundled list before its first
 * check; another list has none until its first good fetch (`lists add` stores that before the list exists).
 */
export async function listCatalog(deps: Pick<AppDeps, 'read' | 'runtime'>, listId: string): Promise<Catalog | undefined> {
	const stored = await storedCatalog(deps, listId);
	// No stored list (or its body is gone): the first list answers from the bundled list rather than not at all.
	return stored ?? (listId === MAIN_LIST_ID ? Catalog.of(bundledList(deps.runtime).list) : undefined);
}

async function storedCatalog({ read, runtime }: Pick<AppDeps, 'read' | 'runtime'>, listId: string): Promise<Catalog | undefined> {
	const known = cached(runtime, listId);
	if (known && Date.now() - known.checkedAt < RECHECK_MS) {
		return Catalog.of(known.list);
	}
	const store = new ListStateStore(runtime, read.getPersistenceReader(), undefined, undefined, listId);
	const pointer = await store.pointer();
	if (!pointer) return undefined;
	if (known?.fingerprint === pointer.fingerprint) {
		known.checkedAt = Date.now();
		return Catalog.of(known.list);
	}
	const list = await store.body(pointer.fingerprint);
	if (!list) return undefined;
	rememberCatalog(runtime, list, pointer.fingerprint, listId);
	return Catalog.of(list);
}
