/** Upgrading from the version before the delivery job: pending announcements become delivery records, none lost or doubled. */
import type { ChangeRecord } from '../../src/features/watch/changes';
import { DeliveryStore } from '../../src/platform/delivery/DeliveryStore';
import { runDeliveries } from '../../src/platform/delivery/deliverer';
import type { DeliveryHandler } from '../../src/platform/delivery/handlers';
import { markerFor, type Delivery } from '../../src/platform/delivery/model';
import { ChangeStore, CheckStatusStore, SubscriberStore } from '../../src/platform/storage/stores';
import { migrateLegacyDeliveries } from '../../src/features/watch/engine/migration';
import { FakeWorld } from './fakeDeps';

const AT = '2026-11-30T09:00:00.000Z';

function record(
	id: string,
	kind: ChangeRecord['kind'],
	deliveries: ChangeRecord['deliveries'],
	subscribersToTell?: string[],
): ChangeRecord {
	return {
		id,
		kind,
		detectedAt: AT,
		company: 'Example',
		toVersion: '2026-11-01',
		toFingerprint: id,
		changes: { added: [], removed: [], changed: [] },
		entryCount: 3,
		effectiveDate: '2026-11-01',
		objectionDeadline: '2026-12-30',
		deliveries,
		...(subscribersToTell ? { subscribersToTell } : {}),
	} as ChangeRecord;
}

describe('migrateLegacyDeliveries', () => {
	it('turns pendingChanges and per-record deliveries into delivery records once, keeping logged attempts', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		const reader = deps.read.getPersistenceReader();
		const changes = new ChangeStore(reader, deps.persis);
		await changes.put(
			record('c1', 'change', { 'channel': { state: 'attempted', at: AT }, 'dm:u1': { state: 'done', at: AT } }, ['u1', 'u2']),
		);
		await changes.put(record('c2', 'change', {}));
		await changes.put(record('c0', 'baseline', { channel: { state: 'done', at: AT } }));
		await new SubscriberStore(reader, deps.persis).put({ userId: 'u3', username: 'u3', lang: 'en', since: AT });
		await new CheckStatusStore(reader, deps.persis).update({ pendingChanges: ['c0', 'c1', 'c2', 'gone'], deliveryRunsSinceCheck: 4 });

		expect(await migrateLegacyDeliveries(deps, new Date('2026-11-30T10:00:00Z'), 7)).toBe(4);
		const store = new DeliveryStore(reader, deps.persis);
		const open = (await store.open()).sort((a, b) => a.key.localeCompare(b.key));
		expect(open.map((d) => [d.key, d.state])).toEqual([
			['chg:c1:channel', 'attempted'],
			['chg:c1:dm:u2', 'pending'],
			['chg:c2:channel', 'pending'],
			// c2 froze no subscribers (its channel post was not done): everyone subscribed now, as the old code did.
			['chg:c2:dm:u3', 'pending'],
		]);
		// The attempt carried over settles by the job's ticks too, counted from the run that moved it.
		expect(open[0]).toMatchObject({
			attemptedAt: AT,
			attemptedTick: 7,
			legacyMarker: 'announcement:c1:channel',
			lane: 'announcements',
		});
		expect(await new CheckStatusStore(reader).get()).not.toHaveProperty('pendingChanges');
		// A second run (or another instance) finds nothing left to move.
		expect(await migrateLegacyDeliveries(deps)).toBe(0);
		expect(await store.open()).toHaveLength(4);
	});

	it('delivers what was pending after the upgrade, and finds a post the old version made by its old marker', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		const reader = deps.read.getPersistenceReader();
		const room = world.addRoom('r1');
		await new ChangeStore(reader, deps.persis).put(record('c1', 'change', { channel: { state: 'attempted', at: AT } }, []));
		await new CheckStatusStore(reader, deps.persis).update({ pendingChanges: ['c1'] });
		// The old version posted, then died before recording "done".
		world.store(room.id, 'old post', [{ blockId: 'announcement:c1:channel' }]);
		await migrateLegacyDeliveries(deps);
		const handler: DeliveryHandler = {
			prepare: async (_d: Delivery, marker: string) => ({
				kind: 'post',
				room: room as never,
				reply: { text: 'new post', blocks: [{ type: 'section', blockId: marker } as never] },
			}),
		};
		const summary = await runDeliveries(deps, { announcement: handler });
		expect(summary).toMatchObject({ recoveredByMarker: 1, done: 1 });
		expect(world.messages.map((m) => m.text)).toEqual(['old post']);
		expect(world.withMarker(markerFor('chg:c1:channel'))).toHaveLength(0);
		expect(await new DeliveryStore(reader).get('chg:c1:channel')).toMatchObject({ state: 'done', messageId: world.messages[0].id });
	});
});
