/** Keys the app stores or compares across versions: they must come out the same after any refactoring. */
import type { ChangeRecord } from '../../src/features/watch/changes';
import type { Objection, ObjectionAction } from '../../src/features/objections/model';
import { fnv1a } from '../../src/kernel/text';
import { ObjectionActionStore, ObjectionCardStore, ObjectionFormStore, ObjectionStore } from '../../src/features/objections/engine/stores';
import {
	AdminContactStore,
	ChangeStore,
	CheckStatusStore,
	HeldListStore,
	RoomRefusalStore,
	SeenPushStore,
	SubscriberStore,
	type HeldList,
} from '../../src/platform/storage/stores';
import { FakeWorld } from './fakeDeps';

describe('fnv1a: the short hash in alert keys, change ids and duplicate objections', () => {
	test('is FNV-1a 32-bit (the published test vectors)', () => {
		// From the FNV reference (isthe.com/chongo/tech/comp/fnv): the offset basis, "a", "foobar".
		expect(fnv1a('')).toBe(0x811c9dc5);
		expect(fnv1a('a')).toBe(0xe40c292c);
		expect(fnv1a('foobar')).toBe(0xbf9cf968);
	});
});

describe('stored association keys: records written by earlier versions are still found', () => {
	const misc = (id: string) => ({ model: 'misc', id });
	const user = (id: string) => ({ model: 'user', id });
	const AT = '2026-11-30T09:00:00.000Z';

	/** Writes one record with `write` and returns the associations it was stored under. */
	async function storedUnder(write: (deps: ReturnType<FakeWorld['deps']>) => Promise<unknown>) {
		const world = new FakeWorld();
		await write(world.deps());
		expect(world.docs).toHaveLength(1);
		return world.docs[0].assocs;
	}
	const io = (deps: ReturnType<FakeWorld['deps']>) => [deps.read.getPersistenceReader(), deps.persis] as const;

	test.each([
		[
			'check-status',
			(d) => new CheckStatusStore(...io(d)).update({ lastResult: 'unchanged' }),
			[misc('check-status'), misc('check-status:current')],
		],
		['held-list', (d) => new HeldListStore(...io(d)).put({} as HeldList), [misc('held-list'), misc('held-list:current')]],
		['seen-pushes', (d) => new SeenPushStore(...io(d)).put({ entries: [] }), [misc('seen-pushes'), misc('seen-pushes:current')]],
		['change', (d) => new ChangeStore(...io(d)).put({ id: 'c1' } as ChangeRecord), [misc('change'), misc('change:c1')]],
		[
			'subscriber',
			(d) => new SubscriberStore(...io(d)).put({ userId: 'u1', username: 'a', lang: 'en', since: AT }),
			[misc('subscriber'), misc('subscriber:u1'), user('u1')],
		],
		[
			'admin-contact',
			(d) => new AdminContactStore(...io(d)).put({ userId: 'u1', username: 'a', lang: 'en', seenAt: AT }),
			[misc('admin-contact'), misc('admin-contact:u1'), user('u1')],
		],
		[
			'room-refusal',
			(d) => new RoomRefusalStore(...io(d)).put({ key: 'r1:read-only', at: AT }, 'team'),
			[misc('room-refusal'), misc('room-refusal:team')],
		],
		[
			'objection',
			(d) =>
				new ObjectionStore(...io(d)).put({
					ref: 'OBJ-2026-ABCDEF',
					objector: { id: 'u1' },
					dedupeKey: 'k1',
					viewId: 'v1',
				} as Objection),
			[misc('objection'), misc('objection:OBJ-2026-ABCDEF'), user('u1'), misc('objection-content:k1'), misc('objection-form:v1')],
		],
		[
			'objection-action',
			(d) => new ObjectionActionStore(...io(d)).put({ id: 'a1', ref: 'OBJ-2026-ABCDEF' } as ObjectionAction),
			[misc('objection-action'), misc('objection-action:a1'), misc('objection-actions:OBJ-2026-ABCDEF')],
		],
		[
			'objection-form',
			(d) => new ObjectionFormStore(...io(d)).put({ viewId: 'v1', userId: 'u1', openedAt: AT }),
			[misc('objection-form'), misc('objection-form:v1')],
		],
		[
			'objection-card',
			(d) => new ObjectionCardStore(...io(d)).put({ ref: 'OBJ-2026-ABCDEF', shown: 5 }),
			[misc('objection-card'), misc('objection-card:OBJ-2026-ABCDEF')],
		],
	] as Array<[string, (deps: ReturnType<FakeWorld['deps']>) => Promise<unknown>, unknown[]]>)('%s', async (_kind, write, expected) => {
		expect(await storedUnder(write)).toEqual(expected);
	});

	test('records are found again by what they were stored under', async () => {
		const world = new FakeWorld();
		const [reader, persis] = io(world.deps());
		await new SubscriberStore(reader, persis).put({ userId: 'u1', username: 'a', lang: 'en', since: AT });
		expect((await new SubscriberStore(reader).get('u1'))?.username).toBe('a');
		await new ObjectionCardStore(reader, persis).put({ ref: 'OBJ-2026-ABCDEF', shown: 5 });
		expect(await new ObjectionCardStore(reader).shown('OBJ-2026-ABCDEF')).toBe(5);
		await new RoomRefusalStore(reader, persis).remove('team');
		expect(world.docs).toHaveLength(2);
	});
});
