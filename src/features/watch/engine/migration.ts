/**
 * From the version before the delivery job: announcements still to deliver were listed in
 * CheckStatus.pendingChanges, with their progress in each change record's `deliveries` map. The first run of the
 * new version turns them into delivery records (an "attempted" one keeps its time and the old marker, so the
 * marker search runs before anything is posted again), then forgets the list. Repeating it is harmless: delivery
 * keys derive from the change and target.
 */
import type { ChangeRecord } from '../changes';
import { announcementMarker } from '../announcement';
import type { AppDeps } from '../../../platform/deps';
import { DeliveryStore } from '../../../platform/delivery/DeliveryStore';
import { type Delivery } from '../../../platform/delivery/model';
import { ChangeStore, CheckStatusStore, SubscriberStore } from '../../../platform/storage/stores';
import { announcementDeliveries } from './announcing';

/** Returns how many delivery records it created. */
/** `tick` is the delivery job's tick now: an attempt carried over settles by ticks as well as by time. */
export async function migrateLegacyDeliveries(deps: AppDeps, now = new Date(), tick?: number): Promise<number> {
	const reader = deps.read.getPersistenceReader();
	const status = new CheckStatusStore(reader, deps.persis);
	const ids = (await status.get()).pendingChanges;
	if (!ids) return 0;
	const changes = new ChangeStore(reader);
	let subscribedNow: string[] | undefined;
	const deliveries: Delivery[] = [];
	for (const id of ids) {
		const record = await changes.get(id);
		if (!record) continue;
		// Subscribers frozen when the channel post was done; else everyone subscribed now, as the old code did.
		const subscribers = record.subscribersToTell ?? (subscribedNow ??= (await new SubscriberStore(reader).all()).map((s) => s.userId));
		deliveries.push(...legacyDeliveries(record, subscribers, now, tick));
	}
	const added = await new DeliveryStore(reader, deps.persis).enqueue(deliveries);
	await status.update({ pendingChanges: undefined, deliveryRunsSinceCheck: undefined, noRoomAlerted: undefined });
	if (added.length > 0) deps.logger.info(`moved ${added.length} pending announcement deliveries from the previous version`);
	return added.length;
}

/** The record's deliveries not done yet, carrying over an attempt the old code logged. */
function legacyDeliveries(record: ChangeRecord, subscribers: string[], now: Date, tick: number | undefined): Delivery[] {
	const logged = record.deliveries ?? {};
	return announcementDeliveries(record, subscribers, now)
		.map((delivery) => ({ delivery, target: delivery.key.slice(`chg:${record.id}:`.length) }))
		.filter(({ target }) => logged[target]?.state !== 'done')
		.map(({ delivery, target }) => {
			const old = logged[target];
			const legacyMarker = announcementMarker(record.id, target);
			if (old?.state !== 'attempted') return { ...delivery, legacyMarker };
			return {
				...delivery,
				legacyMarker,
				state: 'attempted' as const,
				attempts: Math.max(1, old.failures ?? 1),
				attemptedAt: old.at,
				firstAttemptAt: old.at,
				...(tick === undefined ? {} : { attemptedTick: tick }),
			};
		});
}
