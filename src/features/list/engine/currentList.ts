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

// Lists, not catalogs: a catalog (the search indexes) is built by the first command that needs it (Catalog.of
// keeps it per list object), so a check that accepts a new list does not pay for indexes it never uses. Both are
// kept per app process (AppRuntime.caches: bundledList, currentList).

/**
 * How long a command trusts the cached catalog without reading the pointer. This instance's own checks
 * update the cache at once; only a list another server instance accepted can take this long to show.
 */
const RECHECK_MS = 5000;

export function bundledList(runtime: AppRuntime): { list: SubprocessorList; fingerprint: string } {
	const { caches } = runtime;
	if (!caches.bundledList) {
		const list = loadList(bundledYaml, BUNDLED_SOURCE);
		caches.bundledList = { list, fingerprint: fingerprint(list) };
	}
	return caches.bundledList;
}

/** Remembers a list the watcher just accepted, so the next command needn't read it back. */
export function rememberCatalog(runtime: AppRuntime, list: SubprocessorList, listFingerprint: string): void {
	runtime.caches.currentList = { list, fingerprint: listFingerprint, checkedAt: Date.now() };
}

/** The next command reads the pointer again: called around every check, which may change the list half-way. */
export function recheckCatalog(runtime: AppRuntime): void {
	const cached = runtime.caches.currentList;
	if (cached) cached.checkedAt = 0;
}

export async function currentCatalog({ read, runtime }: Pick<AppDeps, 'read' | 'runtime'>): Promise<Catalog> {
	const cached = runtime.caches.currentList;
	if (cached && Date.now() - cached.checkedAt < RECHECK_MS) {
		return Catalog.of(cached.list);
	}
	const store = new ListStateStore(runtime, read.getPersistenceReader());
	const pointer = await store.pointer();
	if (!pointer) {
		return Catalog.of(bundledList(runtime).list);
	}
	if (cached?.fingerprint === pointer.fingerprint) {
		cached.checkedAt = Date.now();
		return Catalog.of(cached.list);
	}
	const list = await store.body(pointer.fingerprint);
	if (!list) {
		// The pointer was written but its body is gone: answer from the bundled list rather than not at all.
		return Catalog.of(bundledList(runtime).list);
	}
	rememberCatalog(runtime, list, pointer.fingerprint);
	return Catalog.of(list);
}
