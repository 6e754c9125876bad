/**
 * The list the app answers from. For now the bundled `data/subprocessors.yaml`, embedded in the app at
 * build time (the build has validated it); parsed once per process.
 */
import bundledYaml from '../../data/subprocessors.yaml';
import { Catalog } from '../domain/catalog';
import { loadList } from '../domain/schema';

export const BUNDLED_LIST_FILE = 'data/subprocessors.yaml';

let bundled: Catalog | undefined;

export function bundledCatalog(): Catalog {
    if (!bundled) {
        bundled = Catalog.of(loadList(bundledYaml, BUNDLED_LIST_FILE));
    }
    return bundled;
}

/** The catalog to answer from. Async because later versions read the last good live list from storage. */
export async function currentCatalog(): Promise<Catalog> {
    return bundledCatalog();
}
