/**
 * The stored list body: a whole list, or a delta of the whole list stored under its base (listDelta.ts). What
 * is read back is what was accepted, from this process's memory and from the records alone (a new process, another
 * instance), across bases, from the formats earlier versions stored, and only the bodies in use stay stored.
 */
import type { Subprocessor, SubprocessorList } from '../../src/features/list/model';
import { decodeDelta, encodeDelta } from '../../src/platform/storage/listDelta';
import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { AppRuntime } from '../../src/platform/runtime';
import { ChangeStore, ListStateStore } from '../../src/platform/storage/stores';
import { FakeWorld } from './fakeDeps';
import { bundledList, listState } from './helpers';

/** A fresh runtime: its memory of the last body is empty, as in a new app process. */
const freshRuntime = () => new AppRuntime('app', {} as ILogger);

/** A list of `size` entries built from the bundled one's (ids and names made unique). */
function listOf(size: number): SubprocessorList {
	const seed = bundledList();
	const subprocessors = Array.from({ length: size }, (_, i): Subprocessor => {
		const like = seed.subprocessors[i % seed.subprocessors.length];
		return { ...like, id: `${like.id}-${i}`, name: `${like.name} ${i}`, listedWith: [] };
	});
	return { ...seed, subprocessors };
}

/** Changes every `every`-th entry's purpose (new objects), keeps the others (the same objects), adds and drops one. */
function changed(list: SubprocessorList, every: number, step: number): SubprocessorList {
	const entries = list.subprocessors.map((e, i) => (i % every === step % every ? { ...e, purpose: `${e.purpose ?? ''} (${step})` } : e));
	const added: Subprocessor = { ...entries[0], id: `added-${step}`, name: `Added ${step}` };
	return { ...list, updated: `2026-01-${String(10 + step).padStart(2, '0')}`, subprocessors: [...entries.slice(1), added] };
}

const asStored = (list: SubprocessorList) => JSON.stringify(list);

describe('encodeDelta / decodeDelta', () => {
	it('gives back the list as its JSON says, field order included', () => {
		const base = listOf(200);
		const next = changed(base, 20, 3);
		const delta = encodeDelta(next, base)!;
		expect(delta).toBeDefined();
		expect(delta.length).toBeLessThan(asStored(next).length / 5);
		expect(asStored(decodeDelta(delta, base))).toBe(asStored(next));
	});

	it('takes an entry that says the same as the base entry (not the same object) from the base', () => {
		const base = listOf(100);
		const copy: SubprocessorList = JSON.parse(asStored(base));
		const delta = encodeDelta(copy, base)!;
		expect(JSON.parse(delta).entries).toEqual([[0, 100]]);
		expect(asStored(decodeDelta(delta, base))).toBe(asStored(copy));
	});

	it('declines when more than the share of entries differ: the list is then stored whole', () => {
		const base = listOf(100);
		expect(encodeDelta(changed(base, 2, 0), base)).toBeUndefined();
		expect(encodeDelta(changed(base, 10, 0), base)).toBeDefined();
		expect(encodeDelta(listOf(5), base)).toBeDefined(); // a shorter list: ranges only
	});

	it('refuses a range its base does not have', () => {
		const base = listOf(20);
		const delta = encodeDelta(changed(base, 10, 1), base)!;
		expect(delta).toBeDefined();
		expect(() => decodeDelta(delta, listOf(3))).toThrow(/outside its base/);
	});
});

describe('ListStateStore', () => {
	let world: FakeWorld;
	const stores = (runtime = freshRuntime()) => {
		const deps = world.deps();
		return new ListStateStore(runtime, deps.read.getPersistenceReader(), deps.persis);
	};
	const state = listState;
	const bodies = () =>
		world.docs
			.filter((d) => d.assocs.some((a) => a.id === 'list-body'))
			.map((d) => ({ id: d.assocs.find((a) => a.id.startsWith('list-body:'))!.id.slice('list-body:'.length), data: d.data }));

	beforeEach(() => {
		world = new FakeWorld();
	});

	it('stores small changes as deltas of one whole list, and reads every version back in a new process', async () => {
		const store = stores();
		let list = listOf(400);
		await store.accept(state(list, 'v0'));
		expect(bodies().map((b) => Object.keys(b.data))).toEqual([['json']]);
		for (let step = 1; step <= 5; step++) {
			list = changed(list, 100, step);
			await store.accept(state(list, `v${step}`));
			// The new delta and its base, nothing else.
			expect(bodies().map((b) => [b.id, Object.keys(b.data).sort().join()])).toEqual([
				['v0', 'json'],
				[`v${step}`, 'base,delta'],
			]);
			expect(asStored((await store.body(`v${step}`))!)).toBe(asStored(list));
			expect(asStored((await stores().get())!.list)).toBe(asStored(list));
		}
		expect((bodies()[1].data as { delta: string }).delta.length).toBeLessThan(asStored(list).length / 10);
	});

	it('writes the list whole again once the changes since the base pass the share, and removes the old base', async () => {
		const store = stores();
		let list = listOf(40);
		await store.accept(state(list, 'v0'));
		for (let step = 1; step <= 12; step++) {
			list = changed(list, 8, step);
			await store.accept(state(list, `v${step}`));
			expect(asStored((await stores().body(`v${step}`))!)).toBe(asStored(list));
			const kept = bodies();
			expect(kept.length).toBeLessThanOrEqual(2);
			expect(kept.map((b) => b.id)).toContain(`v${step}`);
		}
		const wholes = bodies().filter((b) => 'json' in b.data);
		expect(wholes).toHaveLength(1);
		expect(wholes[0].id).not.toBe('v0');
	});

	it('continues from records only (another process accepted the last list)', async () => {
		let list = listOf(300);
		await stores().accept(state(list, 'a'));
		list = changed(list, 100, 1);
		await stores().accept(state(list, 'b'));
		list = changed(list, 100, 2);
		await stores().accept(state(list, 'c'));
		expect(bodies().map((b) => b.id)).toEqual(['a', 'c']);
		expect(asStored((await stores().get())!.list)).toBe(asStored(list));
	});

	it('reads the bodies earlier versions stored (the list as objects, as one JSON text) and takes a delta of them', async () => {
		for (const old of [(list: SubprocessorList) => ({ list }), (list: SubprocessorList) => ({ json: JSON.stringify(list) })]) {
			world = new FakeWorld();
			const deps = world.deps();
			const first = listOf(200);
			const { misc } = await import('../../src/platform/storage/RecordStore');
			await deps.persis.updateByAssociations([misc('list-body'), misc('list-body:old')], old(first), true);
			await deps.persis.updateByAssociations(
				[misc('list-pointer'), misc('list-pointer:current')],
				{ ...state(first, 'old'), list: undefined },
				true,
			);
			expect(asStored((await stores().get())!.list)).toBe(asStored(first));
			const next = changed(first, 50, 1);
			await stores().accept(state(next, 'new'));
			expect(bodies().map((b) => [b.id, Object.keys(b.data).sort().join()])).toEqual([
				['old', Object.keys(old(first)).join()],
				['new', 'base,delta'],
			]);
			expect(asStored((await stores().get())!.list)).toBe(asStored(next));
		}
	});

	it('a list that goes back to its base is stored whole under the base', async () => {
		const store = stores();
		const list = listOf(100);
		await store.accept(state(list, 'v0'));
		await store.accept(state(changed(list, 50, 1), 'v1'));
		await store.accept(state(list, 'v0'));
		expect(bodies().map((b) => [b.id, Object.keys(b.data).join()])).toEqual([['v0', 'json']]);
		expect(asStored((await stores().get())!.list)).toBe(asStored(list));
	});
});

describe('ChangeStore', () => {
	it('stores the changes as JSON text and reads records stored before with their changes as objects', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		const store = new ChangeStore(deps.read.getPersistenceReader(), deps.persis);
		const list = listOf(30);
		const record = (id: string, detectedAt: string) => ({
			id,
			kind: 'change' as const,
			detectedAt,
			company: list.company,
			toVersion: list.updated,
			toFingerprint: id,
			changes: { added: list.subprocessors.slice(0, 3), removed: list.subprocessors.slice(3, 4), changed: [] },
			entryCount: 30,
			effectiveDate: '2026-01-01',
			objectionDeadline: '2026-01-31',
			deliveries: {},
		});
		const { misc } = await import('../../src/platform/storage/RecordStore');
		const old = record('old', '2026-01-01T00:00:00Z');
		await deps.persis.updateByAssociations([misc('change'), misc('change:old')], old, true);
		const fresh = record('new', '2026-01-02T00:00:00Z');
		await store.put(fresh);
		const stored = world.docs.find((d) => d.assocs.some((a) => a.id === 'change:new'))!.data as Record<string, unknown>;
		expect(typeof stored.changesJson).toBe('string');
		expect(stored.kind).toBe('change');
		expect(await store.get('new')).toEqual(fresh);
		expect(await store.get('old')).toEqual(old);
		expect((await store.all()).map((r) => r.id)).toEqual(['new', 'old']);
	});
});
