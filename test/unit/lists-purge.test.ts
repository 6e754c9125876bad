// Purging a removed list's history (issue 17 point 1; src/features/lists/engine/purge.ts) by the daily pass
// (src/platform/delivery/maintenance.ts), over in-memory persistence with the server's association semantics.
import { ListRegistry } from '../../src/features/lists/engine/ListRegistry';
import { purgeRemovedLists } from '../../src/features/lists/engine/purge';
import { removalPrompt } from '../../src/features/lists/messages';
import { MAIN_LIST_ID, REMOVED_LIST_RETENTION_DAYS, type WatchedList } from '../../src/features/lists/model';
import { newChangeRecord } from '../../src/features/watch/changes';
import { fingerprint } from '../../src/features/watch/diff';
import { maintainDaily } from '../../src/platform/delivery/maintenance';
import type { AppDeps } from '../../src/platform/deps';
import { misc } from '../../src/platform/storage/RecordStore';
import { ChangeStore, CheckStatusStore, HeldListStore, ListStateStore, SubscriberStore } from '../../src/platform/storage/stores';
import { bundledList, listState } from './helpers';
import { FakeWorld } from './fakeDeps';

const DAY = 24 * 3600_000;
const DAY_TICKS = 288;
const REMOVED = new Date('2026-03-01T09:00:00Z');
const afterDays = (days: number) => new Date(REMOVED.getTime() + days * DAY);
const GITHUB: WatchedList = { id: 'l-aaaaaaaa', name: 'github', url: 'https://x.example/l.yaml', createdAt: '2026-01-01T00:00:00.000Z' };
const ACME: WatchedList = { id: 'l-bbbbbbbb', name: 'acme', url: 'https://y.example/l.yaml', createdAt: '2026-01-02T00:00:00.000Z' };

/** A world with the first list and two others, each with a baseline, `changes` change records, a check status and a held list. */
async function world(changes: number) {
	const fake = new FakeWorld();
	const deps: AppDeps = fake.deps();
	const reader = deps.read.getPersistenceReader();
	const registry = new ListRegistry(deps, deps.persis);
	for (const list of [GITHUB, ACME]) await registry.put(list);
	for (const listId of [MAIN_LIST_ID, GITHUB.id, ACME.id]) {
		let body = bundledList();
		let before = { list: body, fingerprint: fingerprint(body) };
		await new ListStateStore(deps.runtime, reader, deps.persis, deps.logger, listId).accept(listState(body, before.fingerprint));
		for (let i = 0; i < changes; i++) {
			body = { ...body, updated: `2026-02-${String(i + 1).padStart(2, '0')}` };
			const after = { list: body, fingerprint: fingerprint(body) };
			await new ChangeStore(reader, deps.persis).put(newChangeRecord(before, after, new Date(2026, 1, i + 1), 30, undefined, listId));
			before = after;
		}
		const scope = listId === MAIN_LIST_ID ? undefined : listId;
		await new CheckStatusStore(reader, deps.persis, scope).update({ lastCheckAt: '2026-02-28T00:00:00Z', lastResult: 'held' });
		await new HeldListStore(reader, deps.persis, scope).put({
			list: body,
			fingerprint: 'held',
			source: 'x',
			removed: 3,
			heldAt: '2026-02-28',
		});
	}
	await new SubscriberStore(reader, deps.persis).put({
		userId: 'u1',
		username: 'alice',
		lang: 'en',
		since: '2026-01-05',
		lists: [GITHUB.id],
	});
	const remove = (list: WatchedList) => registry.put({ ...list, removedAt: REMOVED.toISOString(), removedBy: 'admin' });
	/** The kinds of every stored record (`l-…/list-pointer` and the like), and the change records of a list. */
	const kinds = () => new Set(fake.docs.flatMap((d) => d.assocs.map((a) => a.id)).filter((id) => !id.includes(':')));
	const changesOf = async (listId: string) => (await new ChangeStore(reader).all(listId)).length;
	return { fake, deps, registry, remove, kinds, changesOf };
}

describe('purging a removed list', () => {
	it('keeps its history readable for the retention period, then deletes it all, the list record last', async () => {
		const { fake, deps, registry, remove, kinds, changesOf } = await world(3);
		await remove(GITHUB);

		const early = await maintainDaily(deps, 1, DAY_TICKS, afterDays(REMOVED_LIST_RETENTION_DAYS - 1));
		expect(early).toMatchObject({ listsPurged: 0, last: { listsPurged: 0, listRemovals: 0 } });
		expect(await changesOf(GITHUB.id)).toBe(3);
		expect(await registry.get(GITHUB.id)).toMatchObject({ removedBy: 'admin' });
		expect(kinds()).toContain(`${GITHUB.id}/list-pointer`);

		const due = await maintainDaily(deps, 2 + DAY_TICKS, DAY_TICKS, afterDays(REMOVED_LIST_RETENTION_DAYS));
		expect(due).toMatchObject({ listsPurged: 1, last: { listsPurged: 1 } });
		expect(due?.backlog).toBeUndefined();
		expect(await registry.get(GITHUB.id)).toBeUndefined();
		expect(await changesOf(GITHUB.id)).toBe(0);
		for (const kind of ['list-pointer', 'list-body', 'check-status', 'held-list'])
			expect(kinds()).not.toContain(`${GITHUB.id}/${kind}`);
		expect(fake.logs.some((l) => l.level === 'info' && String(l.args[0]).includes('lists_purged=1'))).toBe(true);

		// The other lists are untouched: the active one, and the first list's unprefixed records.
		expect(await changesOf(ACME.id)).toBe(3);
		expect(await changesOf(MAIN_LIST_ID)).toBe(3);
		for (const kind of ['list-pointer', 'list-body', 'check-status', 'held-list']) {
			expect(kinds()).toContain(`${ACME.id}/${kind}`);
			expect(kinds()).toContain(kind);
		}
		// A subscriber's `lists` keeping the gone id is left as it is: it matches no list.
		expect((await new SubscriberStore(deps.read.getPersistenceReader()).get('u1'))?.lists).toEqual([GITHUB.id]);
	});

	it('removes at most a budget per run and goes on at the next run, though a day has not passed', async () => {
		const { deps, registry, remove, changesOf } = await world(4);
		await remove(GITHUB);
		await remove(ACME);
		const at = afterDays(REMOVED_LIST_RETENTION_DAYS + 10);

		// A budget of 3: three of github's four change records.
		expect(await purgeRemovedLists(deps, 3, at)).toEqual({ lists: 0, removals: 3, backlog: true });
		expect(await changesOf(GITHUB.id)).toBe(1);
		expect(await registry.get(GITHUB.id)).toBeDefined();
		// Stopped half-way: found again, finished (1 change, 4 kinds, the record), then acme begun (3 changes).
		expect(await purgeRemovedLists(deps, 9, at)).toEqual({ lists: 1, removals: 9, backlog: true });
		expect(await registry.get(GITHUB.id)).toBeUndefined();
		expect(await changesOf(ACME.id)).toBe(1);

		// Through the daily pass: the pruning's batch is shared, the backlog brings the next recurring run.
		const first = await maintainDaily(deps, 1, DAY_TICKS, at);
		expect(first).toMatchObject({ listsPurged: 1, last: { listRemovals: 6 } });
		expect(first?.backlog).toBeUndefined();
		expect(await registry.get(ACME.id)).toBeUndefined();
		expect((await registry.everyList()).map((l) => l.id)).toEqual([MAIN_LIST_ID]);
		expect(await maintainDaily(deps, 2, DAY_TICKS, at)).toBeUndefined();
	});

	it('is idempotent: two instances purging at once, or a purge run again, leave nothing and fail on nothing', async () => {
		const { deps, registry, remove, changesOf } = await world(2);
		await remove(GITHUB);
		const at = afterDays(REMOVED_LIST_RETENTION_DAYS);
		const [a, b] = await Promise.all([purgeRemovedLists(deps, 500, at), purgeRemovedLists(deps, 500, at)]);
		expect(a.lists + b.lists).toBeGreaterThanOrEqual(1);
		expect(await changesOf(GITHUB.id)).toBe(0);
		expect(await registry.get(GITHUB.id)).toBeUndefined();
		expect(await purgeRemovedLists(deps, 500, at)).toEqual({ lists: 0, removals: 0, backlog: false });
	});

	it('leaves no copy behind on a server whose removal deletes one record at a time (docs/multi-instance.md 1.3)', async () => {
		const { fake, deps, registry, remove, kinds, changesOf } = await world(2);
		await remove(GITHUB);
		const [change] = await new ChangeStore(deps.read.getPersistenceReader()).all(GITHUB.id);
		// A change record stored twice (R10) and a leftover body: several records behind one removal.
		await deps.persis.createWithAssociations({ id: change.id, list: GITHUB.id }, [misc('change'), misc(`change:${change.id}`)]);
		const bodies = `${GITHUB.id}/list-body`;
		await deps.persis.createWithAssociations({ json: '' }, [misc(bodies), misc(`${bodies}:old`)]);
		const same = (a: { model: string; id: string }, w: { getModel(): string; getID(): string }) =>
			a.model === w.getModel() && a.id === w.getID();
		// Finds every match, deletes the first (the server's deleteOne in some versions), answers with all it found.
		(deps.persis as { removeByAssociations: unknown }).removeByAssociations = async (
			assocs: Array<{ getModel(): string; getID(): string }>,
		) => {
			const found = fake.docs.filter((d) => assocs.every((w) => d.assocs.some((a) => same(a, w))));
			fake.docs = fake.docs.filter((d) => d !== found[0]);
			return found.map((d) => d.data);
		};
		const outcome = await purgeRemovedLists(deps, 500, afterDays(REMOVED_LIST_RETENTION_DAYS));
		expect(outcome).toMatchObject({ lists: 1, backlog: false });
		// 3 change copies, 2 bodies and 3 other kinds, the record: each copy its own removal.
		expect(outcome.removals).toBe(3 + 2 + 3 + 1);
		expect(await changesOf(GITHUB.id)).toBe(0);
		expect(fake.docs.filter((d) => d.assocs.some((a) => a.id.startsWith(GITHUB.id)))).toEqual([]);
		expect(kinds()).not.toContain(bodies);
		expect(await registry.get(GITHUB.id)).toBeUndefined();
	});

	it('never purges the first list, removed or not: its records keep the keys of before lists', async () => {
		const { deps, registry, kinds, changesOf } = await world(2);
		const first = { id: MAIN_LIST_ID, name: 'rocketchat', createdAt: '1970-01-01T00:00:00.000Z' };
		await registry.put({ ...first, removedAt: REMOVED.toISOString(), removedBy: 'admin' });
		const pass = await maintainDaily(deps, 1, DAY_TICKS, afterDays(10 * REMOVED_LIST_RETENTION_DAYS));
		expect(pass).toMatchObject({ last: { listsPurged: 0, listRemovals: 0 } });
		expect(await changesOf(MAIN_LIST_ID)).toBe(2);
		expect(await registry.get(MAIN_LIST_ID)).toMatchObject({ removedBy: 'admin' });
		expect(kinds()).toContain('list-pointer');
	});
});

describe('the removal prompt', () => {
	it('tells when a list’s history is deleted, and says nothing of it for the first list (never purged)', () => {
		expect(removalPrompt(GITHUB.id, 'github', 'en').text).toContain(
			`${REMOVED_LIST_RETENTION_DAYS} days after the removal, its history is deleted.`,
		);
		expect(removalPrompt(GITHUB.id, 'github', 'de').text).toContain(`${REMOVED_LIST_RETENTION_DAYS} Tage nach dem Entfernen`);
		expect(removalPrompt(MAIN_LIST_ID, 'rocketchat', 'en').text).not.toContain(String(REMOVED_LIST_RETENTION_DAYS));
	});
});
