/**
 * Which list an objection concerns, and where objections to that list go (issue 17 point 4, docs/lists.md §4):
 * the vendor (the list's company), the address and the subject of its procedure.
 */
import type { Catalog } from '../../list/catalog';
import { listCatalog } from '../../list/engine/currentList';
import { ListRegistry } from '../../lists/engine/ListRegistry';
import { MAIN_LIST_ID, type WatchedList } from '../../lists/model';
import { objectionAddressOf } from '../../lists/objectionAddress';
import type { AppDeps } from '../../../platform/deps';
import { Settings } from '../../../platform/settings';
import type { ListLabels, ObjectionRoute } from '../messages';
import { listOfObjection, type Objection } from '../model';

export interface ObjectionTarget {
	list: WatchedList;
	/** The list's last good version; undefined for a list whose history was purged. */
	catalog?: Catalog;
	route: ObjectionRoute;
}

/**
 * Where objections to a list go, in this order: the address and subject an admin set on the list
 * (`objectionTo`/`objectionSubject`), then — for the first list only — the `objection_email` setting over the
 * list's address, as before lists, then what the list (or its page) says. A list whose history is gone is named
 * by its name and has no address (the card says the e-mail can't go). The order is objectionAddressOf's.
 */
export async function routeOf(deps: Pick<AppDeps, 'read'>, list: WatchedList, catalog: Catalog | undefined): Promise<ObjectionRoute> {
	const setting = list.id === MAIN_LIST_ID ? await new Settings(deps.read).objectionEmailSetting() : undefined;
	const { email, subject } = objectionAddressOf(list, catalog?.list, setting);
	return {
		company: catalog?.list.company ?? list.name,
		email,
		subject,
		...(list.id === MAIN_LIST_ID ? {} : { list: list.name }),
	};
}

/** The list with this id (a removed one too: its objections are still worked), its catalog and route. */
export async function objectionTarget(
	deps: Pick<AppDeps, 'read' | 'runtime'>,
	listId: string,
	known: { list?: WatchedList; catalog?: Catalog } = {},
): Promise<ObjectionTarget> {
	const list = known.list ?? (await new ListRegistry(deps).get(listId)) ?? { id: listId, name: listId, createdAt: '' };
	const catalog = known.catalog ?? (await listCatalog(deps, listId));
	return { list, catalog, route: await routeOf(deps, list, catalog) };
}

/** How objection lists name the lists other than the first (name and vendor), for the lists these objections concern. */
export async function listLabels(deps: Pick<AppDeps, 'read' | 'runtime'>, objections: Objection[]): Promise<ListLabels> {
	const labels = new Map<string, { list: string; company: string }>();
	const ids = new Set(objections.map(listOfObjection).filter((id) => id !== MAIN_LIST_ID));
	if (ids.size === 0) return labels;
	const registry = new ListRegistry(deps);
	for (const id of ids) {
		const list = await registry.get(id);
		const catalog = await listCatalog(deps, id);
		labels.set(id, { list: list?.name ?? id, company: catalog?.list.company ?? list?.name ?? id });
	}
	return labels;
}
