/**
 * Delivery records over the engine's persistence (docs/multi-instance.md 1.3, 3.2). Persistence has no
 * compare-and-set and `updateByAssociations` matches the exact association array, so:
 * - every stored copy carries a copy id in its associations, and moving a delivery to another bucket is
 *   "insert the new copy, then remove the old one"; a crash in between leaves two copies, which readers merge
 *   (mergeCopies: a more advanced state always wins) and the job removes when it next saves that delivery;
 * - what is due is found by hour buckets (`due:<YYYYMMDDHH>` of nextAt) from the job's cursor, never by
 *   reading every record; closed deliveries move to a month bucket and are not read by normal runs.
 */
import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata/RocketChatAssociations';
import { misc, RecordStore } from '../storage/RecordStore';
import { hourBucket, isOpen, mergeCopies, monthBucket, type Delivery } from './model';

const KIND = 'delivery';
const OPEN = 'delivery-open';
const HOUR = 3600_000;
/** Past this many hours of buckets to read, one read of every open delivery is cheaper. */
const MAX_BUCKETS = 48;
/** The safety net: once a day every open delivery is read, whatever the cursor says. */
const FULL_SCAN_EVERY = 24 * HOUR;

export interface DeliveryCursor {
	/** The hour bucket up to which every due delivery was read by a complete run. */
	hour: string;
	fullScanAt?: string;
}

const keyAssoc = (key: string) => misc(`${KIND}:${key}`);
const copyAssoc = (copy: string) => misc(`${KIND}-copy:${copy}`);
const laneAssoc = (lane: string) => misc(`${KIND}-lane:${lane}`);
const sourceAssoc = (source: string) => misc(`${KIND}-src:${source}`);

/** The bucket association a delivery belongs in: its due hour while open, its closing month after. */
export function bucketOf(delivery: Delivery): string {
	return isOpen(delivery)
		? `due:${hourBucket(delivery.nextAt)}`
		: `delivery-closed:${monthBucket(delivery.doneAt ?? delivery.updatedAt ?? delivery.nextAt)}`;
}

function newCopyId(): string {
	return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export class DeliveryStore {
	private readonly cursors: RecordStore<DeliveryCursor>;
	/** Copy ids seen per key by this store's reads: a save removes those it supersedes. */
	private readonly seen = new Map<string, Set<string>>();
	private lastDueWasFull = false;
	private cursorRead?: DeliveryCursor;

	constructor(
		private readonly reader: IPersistenceRead,
		private readonly writer?: IPersistence,
	) {
		this.cursors = new RecordStore('delivery-cursor', reader, writer);
	}

	/** Inserts the deliveries whose key is not stored yet: enqueuing twice is harmless, and never overwrites progress. */
	async enqueue(deliveries: Delivery[]): Promise<Delivery[]> {
		const known = new Set<string>();
		for (const source of new Set(deliveries.map((d) => d.source).filter((s): s is string => !!s))) {
			for (const copy of await this.read([sourceAssoc(source)])) known.add(copy.key);
		}
		const added: Delivery[] = [];
		for (const delivery of deliveries) {
			if (known.has(delivery.key)) continue;
			if (!delivery.source && (await this.get(delivery.key))) continue;
			known.add(delivery.key);
			const stored = { ...delivery, bucket: bucketOf(delivery), copy: newCopyId() };
			await this.requireWriter().createWithAssociations(stored, this.associations(stored));
			added.push(stored);
		}
		return added;
	}

	async get(key: string): Promise<Delivery | undefined> {
		return this.merge(await this.read([keyAssoc(key)]))[0];
	}

	/** Open deliveries due by `now`, from the hour buckets since the cursor (or every open one, now and then). */
	async due(now: Date): Promise<Delivery[]> {
		const cursor = await this.cursors.get('current');
		this.cursorRead = cursor;
		const hours = cursor ? hoursFrom(cursor.hour, now) : [];
		this.lastDueWasFull =
			!cursor || hours.length > MAX_BUCKETS || !cursor.fullScanAt || now.getTime() - Date.parse(cursor.fullScanAt) >= FULL_SCAN_EVERY;
		const copies: Delivery[] = [];
		if (this.lastDueWasFull) {
			copies.push(...(await this.read([misc(OPEN)])));
		} else {
			for (const hour of hours) copies.push(...(await this.read([misc(KIND), misc(`due:${hour}`)])));
		}
		const nowIso = now.toISOString();
		return this.merge(copies).filter((d) => isOpen(d) && d.nextAt <= nowIso);
	}

	/** A complete run read everything due up to `now`: the next run starts reading an hour before it. */
	async markScanned(now: Date): Promise<void> {
		const before = this.cursorRead ?? (await this.cursors.get('current'));
		const hour = hourBucket(now.toISOString());
		// Most runs change nothing here: written when the hour turns or after a full scan.
		if (before && before.hour === hour && !this.lastDueWasFull) return;
		const fullScanAt = this.lastDueWasFull ? now.toISOString() : before?.fullScanAt;
		await this.cursors.put('current', { hour, ...(fullScanAt ? { fullScanAt } : {}) });
	}

	/** Every open delivery (the daily safety net, status pages, tests). */
	async open(): Promise<Delivery[]> {
		return this.merge(await this.read([misc(OPEN)])).filter(isOpen);
	}

	/** The open deliveries of a lane, in order. */
	async lane(lane: string): Promise<Delivery[]> {
		return this.merge(await this.read([laneAssoc(lane)])).filter(isOpen);
	}

	/** Every delivery of a source, open or closed. */
	async ofSource(source: string): Promise<Delivery[]> {
		return this.merge(await this.read([sourceAssoc(source)]));
	}

	/** The keys of the deliveries closed in a month (`YYYYMM`): one read of that month's bucket. */
	async closedKeysIn(month: string): Promise<string[]> {
		return [
			...new Set(
				(await this.read([misc(KIND), misc(`delivery-closed:${month}`)])).map((d) => d?.key).filter((k) => typeof k === 'string'),
			),
		];
	}

	/** Removes every copy of a delivery (pruning): its closed copy and any copy a crash left in an hour bucket. */
	async removeKey(key: string): Promise<void> {
		await this.requireWriter().removeByAssociations([misc(KIND), keyAssoc(key)]);
		this.seen.delete(key);
	}

	/**
	 * Writes the delivery. In its bucket it is updated in place; in a new bucket a new copy is inserted first and
	 * the superseded ones (every copy of the key this store read) removed after, so a crash leaves two, never none.
	 */
	async save(delivery: Delivery): Promise<Delivery> {
		const bucket = bucketOf(delivery);
		const copy = delivery.bucket === bucket && delivery.copy ? delivery.copy : newCopyId();
		const stored: Delivery = { ...delivery, bucket, copy, updatedAt: new Date().toISOString() };
		await this.requireWriter().updateByAssociations(this.associations(stored), stored, true);
		const stale = [...(this.seen.get(delivery.key) ?? []), ...(delivery.copy ? [delivery.copy] : [])].filter((c) => c !== copy);
		for (const old of new Set(stale)) {
			await this.requireWriter().removeByAssociations([keyAssoc(delivery.key), copyAssoc(old)]);
		}
		this.seen.set(delivery.key, new Set([copy]));
		return stored;
	}

	private associations(delivery: Delivery): RocketChatAssociationRecord[] {
		const open = isOpen(delivery);
		return [
			misc(KIND),
			keyAssoc(delivery.key),
			copyAssoc(delivery.copy as string),
			misc(delivery.bucket as string),
			...(open ? [misc(OPEN)] : []),
			...(open && delivery.lane ? [laneAssoc(delivery.lane)] : []),
			...(delivery.source ? [sourceAssoc(delivery.source)] : []),
		];
	}

	private async read(associations: RocketChatAssociationRecord[]): Promise<Delivery[]> {
		return (await this.reader.readByAssociations(associations)) as Delivery[];
	}

	/** One delivery per key (the most advanced copy), remembering every copy id seen for the next save. */
	private merge(copies: Delivery[]): Delivery[] {
		const byKey = new Map<string, Delivery[]>();
		for (const copy of copies) {
			if (!copy || typeof copy.key !== 'string') continue;
			byKey.set(copy.key, [...(byKey.get(copy.key) ?? []), copy]);
			if (copy.copy) this.seen.set(copy.key, new Set([...(this.seen.get(copy.key) ?? []), copy.copy]));
		}
		return [...byKey.values()].map((all) => mergeCopies(all) as Delivery);
	}

	private requireWriter(): IPersistence {
		if (!this.writer) throw new Error('the delivery store was opened read-only');
		return this.writer;
	}
}

/** The hour buckets from one hour before `hour` (clock skew between instances) to now's, oldest first. */
function hoursFrom(hour: string, now: Date): string[] {
	const nowHour = hourBucket(now.toISOString());
	const start = Date.UTC(+hour.slice(0, 4), +hour.slice(4, 6) - 1, +hour.slice(6, 8), +hour.slice(8, 10)) - HOUR;
	// A cursor from a clock ahead of this one (or unreadable): the last two hours.
	const from = start <= now.getTime() ? start : now.getTime() - HOUR;
	const hours: string[] = [];
	for (let at = from; hours.length <= MAX_BUCKETS; at += HOUR) {
		const bucket = hourBucket(new Date(at).toISOString());
		if (bucket > nowHour) break;
		hours.push(bucket);
	}
	return hours;
}
