/**
 * The list the app answers from: the last good list the watcher accepted (stored), or the bundled
 * `data/subprocessors.yaml` before the first check. The catalog (with its search indexes) is built once
 * per list version and kept in memory; a command costs one small read to see whether it is still current.
 */
import type { IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import bundledYaml from '../../data/subprocessors.yaml';
import { Catalog } from '../domain/catalog';
import { fingerprint } from '../domain/diff';
import type { SubprocessorList } from '../domain/model';
import { loadList } from '../domain/schema';
import { ListStateStore } from './storage/stores';
import { BUNDLED_SOURCE } from './watch/listSource';

let bundled: { catalog: Catalog; fingerprint: string } | undefined;
let cached: { catalog: Catalog; fingerprint: string; checkedAt: number } | undefined;

/**
 * How long a command trusts the cached catalog without reading the pointer. This instance's own checks
 * update the cache at once; only a list another server instance accepted can take this long to show.
 */
const RECHECK_MS = 5000;

export function bundledList(): { list: SubprocessorList; fingerprint: string } {
    if (!bundled) {
        const list = loadList(bundledYaml, BUNDLED_SOURCE);
        bundled = { catalog: Catalog.of(list), fingerprint: fingerprint(list) };
    }
    return { list: bundled.catalog.list, fingerprint: bundled.fingerprint };
}

/** Remembers a list the watcher just accepted, so the next command needn't read it back. */
export function rememberCatalog(list: SubprocessorList, listFingerprint: string): void {
    cached = { catalog: Catalog.of(list), fingerprint: listFingerprint, checkedAt: Date.now() };
}

/** The next command reads the pointer again: called around every check, which may change the list half-way. */
export function recheckCatalog(): void {
    if (cached) cached.checkedAt = 0;
}

export async function currentCatalog(persistence: IPersistenceRead): Promise<Catalog> {
    if (cached && Date.now() - cached.checkedAt < RECHECK_MS) {
        return cached.catalog;
    }
    const store = new ListStateStore(persistence);
    const pointer = await store.pointer();
    if (!pointer) {
        bundledList();
        return (bundled as { catalog: Catalog }).catalog;
    }
    if (cached?.fingerprint === pointer.fingerprint) {
        cached.checkedAt = Date.now();
        return cached.catalog;
    }
    const list = await store.body(pointer.fingerprint);
    if (!list) {
        // The pointer was written but its body is gone: answer from the bundled list rather than not at all.
        bundledList();
        return (bundled as { catalog: Catalog }).catalog;
    }
    rememberCatalog(list, pointer.fingerprint);
    return (cached as { catalog: Catalog }).catalog;
}
