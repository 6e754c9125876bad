// The delivery job's daily pass (src/platform/delivery/maintenance.ts) and the self-heal of duplicate job documents
// (src/platform/delivery/jobDocuments.ts), over in-memory persistence with the server's association semantics.
import { DeliveryStore } from '../../src/platform/delivery/DeliveryStore';
import { healDuplicateJobDocuments } from '../../src/platform/delivery/jobDocuments';
import { collapseDuplicates, maintainDaily } from '../../src/platform/delivery/maintenance';
import { newDelivery } from '../../src/platform/delivery/model';
import type { AppDeps } from '../../src/platform/deps';
import { misc, RecordStore, userAssoc } from '../../src/platform/storage/RecordStore';
import { SubscriberStore } from '../../src/platform/storage/stores';
import { FakeWorld } from './fakeDeps';

const NOW = new Date('2026-11-30T10:00:00Z');
const DAY = 24 * 3600_000;
const DAY_TICKS = 288;

describe('the daily pass: pruning', () => {
	const world = new FakeWorld();
	const deps: AppDeps = world.deps();
	const store = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);

	async function stored(key: string, at: Date, state: 'done' | 'gave-up' | 'pending'): Promise<void> {
		const [d] = await store.enqueue([newDelivery({ key, handler: 'announcement', data: {} }, at)]);
		if (state !== 'pending') await store.save({ ...d, state, doneAt: at.toISOString() });
	}
	const keys = () => new Set(world.docs.map((d) => (d.data as { key?: string }).key).filter(Boolean));

	it('removes closed deliveries of months past the retention, a bounded batch per run, and keeps open and recent ones', async () => {
		const old = new Date(NOW.getTime() - 200 * DAY);
		for (let i = 0; i < 600; i++) await stored(`chg:old${i}:channel`, old, i % 10 ? 'done' : 'gave-up');
		await stored('chg:recent:channel', new Date(NOW.getTime() - 10 * DAY), 'done');
		await stored('chg:open:channel', old, 'pending');

		world.persistenceCalls = 0;
		const first = await maintainDaily(deps, 1, DAY_TICKS, NOW);
		expect(first).toMatchObject({ backlog: true, last: { pruned: 500 } });
		expect(keys().size).toBe(102);
		// One read per month bucket from the cursor, and a find + delete per key: no read of every record.
		expect(world.persistenceCalls).toBeLessThan(2 * 500 + 40);

		// The next recurring run goes on (a backlog), though a day has not passed.
		const second = await maintainDaily(deps, 2, DAY_TICKS, NOW);
		expect(second).toMatchObject({ last: { pruned: 100 }, pruned: 600 });
		expect(second?.backlog).toBeUndefined();
		expect([...keys()].sort()).toEqual(['chg:open:channel', 'chg:recent:channel']);
		expect(await store.get('chg:open:channel')).toMatchObject({ state: 'pending' });

		// Not again before a day (in ticks or time); the cursor stays past the months done.
		expect(await maintainDaily(deps, 3, DAY_TICKS, NOW)).toBeUndefined();
		const next = await maintainDaily(deps, 2 + DAY_TICKS, DAY_TICKS, NOW);
		expect(next).toMatchObject({ last: { pruned: 0, duplicatesCollapsed: 0 } });
		expect(next!.pruneMonth > old.toISOString().slice(0, 7).replace('-', '')).toBe(true);
	});
});

describe('the daily pass: records stored twice (R10)', () => {
	it('leaves one copy of each, counts them, and readers see one before', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		const reader = deps.read.getPersistenceReader();
		const raw = new RecordStore<{ userId: string; at: string }>('subscriber', reader, deps.persis);
		// Two first-time upserts racing: each inserted (what the server's updateOne with upsert can do).
		for (const at of ['1', '2'])
			await deps.persis.createWithAssociations({ userId: 'u1', at }, [...rawIds('subscriber', 'u1'), userAssoc('u1')]);
		await new SubscriberStore(reader, deps.persis).put({ userId: 'u2', at: 'x' } as never);
		const status = new RecordStore<{ n: number }>('check-status', reader, deps.persis);
		for (const n of [1, 2, 3]) await deps.persis.createWithAssociations({ n }, rawIds('check-status', 'current'));

		expect((await new SubscriberStore(reader).all()).map((s) => s.userId)).toEqual(['u1', 'u2']);
		expect(await collapseDuplicates(deps)).toBe(3);
		expect(await raw.copies('u1')).toEqual([{ userId: 'u1', at: '1' }]);
		expect(await raw.copies('u2')).toHaveLength(1);
		// The copy readers saw (the first) is the one kept, with the associations `put` gives it.
		expect(await status.copies('current')).toEqual([{ n: 1 }]);
		await status.put('current', { n: 4 });
		expect(await status.copies('current')).toEqual([{ n: 4 }]);
		expect(await collapseDuplicates(deps)).toBe(0);
	});
});

/** The associations RecordStore gives a record of this kind and id. */
const rawIds = (kind: string, id: string) => [misc(kind), misc(`${kind}:${id}`)];

/** A fresh world and the heal of the `deliver` job's documents in it. */
function healer() {
	const world = new FakeWorld();
	const deps = world.deps();
	return { world, deps, heal: (doc: string, tick: number) => healDuplicateJobDocuments(deps, 'deliver', doc, tick, 3) };
}

describe('self-heal of duplicate job documents (R9)', () => {
	const A = 'a'.repeat(24);
	const B = 'b'.repeat(24);
	const C = 'c'.repeat(24);

	it('the document with the larger id cancels itself, by id, once the smaller ran since its last run', async () => {
		const { world, heal } = healer();
		expect(await heal(A, 1)).toBe(0);
		expect(await heal(B, 2)).toBe(0);
		expect(await heal(A, 3)).toBe(0);
		expect(await heal(B, 4)).toBe(1);
		expect(world.cancelledJobs).toEqual([B]);
		expect(await heal(A, 5)).toBe(0);
		expect(await heal(A, 6)).toBe(0);
		expect(world.cancelledJobs).toEqual([B]);
	});

	it('a smaller document that stopped running (cancelled before) never makes the others give way: one is left, not none', async () => {
		const { world, heal } = healer();
		const O = '0'.repeat(24);
		await heal(O, 1);
		await heal(O, 2);
		// O is gone; A and B, inserted by two racing upserts, run from the same tick on (no delivery run in between).
		expect(await heal(A, 2)).toBe(0);
		expect(await heal(B, 2)).toBe(0);
		expect(await heal(A, 3)).toBe(0);
		expect(await heal(B, 3)).toBe(1);
		expect(await heal(A, 4)).toBe(0);
		expect(await heal(A, 5)).toBe(0);
		expect(world.cancelledJobs).toEqual([B]);
	});

	it('a document replaced (a reinstall) is forgotten, not healed; ids that are not ObjectIds are left alone', async () => {
		const { world, heal } = healer();
		await heal(A, 1);
		await heal(A, 2);
		expect(await heal('not-an-object-id', 3)).toBe(0);
		for (let tick = 10; tick < 14; tick++) expect(await heal(C, tick)).toBe(0);
		expect(world.cancelledJobs).toEqual([]);
	});
});
