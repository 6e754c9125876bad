/**
 * Delivery records: one per (source, target), e.g. an announcement's channel post or one subscriber's DM.
 * Handlers (a check, `sync`, a filed objection) only create them; the delivery job is the only code that
 * sends, and records each outcome here (docs/multi-instance.md 3.2). Pure: no engine imports.
 */

export type DeliveryState = 'pending' | 'attempted' | 'done' | 'failed' | 'gave-up';

export interface Delivery {
	/** Unique per (source, target): 'chg:<changeId>:channel', 'chg:<changeId>:dm:<userId>', 'alert:<alertKey>:<userId>', 'obj:<ref>:card'… */
	key: string;
	/** Which DeliveryHandler sends it: 'announcement' | 'alert' | 'objection' | … */
	handler: string;
	/** Small and handler-specific (ids, not whole lists). */
	data: Record<string, unknown>;
	state: DeliveryState;
	attempts: number;
	createdAt: string;
	nextAt: string;
	attemptedAt?: string;
	/** The delivery job's tick (its count of recurring runs) at the attempt: see `retryTick`. */
	attemptedTick?: number;
	/**
	 * A failed or refused delivery is tried again once the clock reaches `retryAt` or the job's tick reaches
	 * `retryTick`, whichever comes first. Ticks follow the recurring job (one every 5 minutes), not any instance's
	 * clock, so instances with skewed clocks agree on them; `nextAt` stays the time it became due, which keeps it
	 * in the hour buckets the job reads.
	 */
	retryAt?: string;
	retryTick?: number;
	/** The first attempt: a post that threw may still have landed, so the marker is searched back to here. */
	firstAttemptAt?: string;
	doneAt?: string;
	messageId?: string;
	lastError?: string;
	/** Why a delivery was closed without sending (unsubscribed, user gone). */
	note?: string;
	runId?: string;
	/** The deliveries of one source ('chg:<changeId>') are found together (one read to see which keys exist). */
	source?: string;
	/** Deliveries with the same lane (e.g. 'room:<roomId>:announcements') go out in `order`; one waiting holds up the later ones of its lane only. */
	lane?: string;
	order?: number;
	/** Duplicate accounting (docs/multi-instance.md 3.6). */
	recoveredByMarker?: number;
	resentAfterAttempt?: number;
	/** A marker an older app version used for the same post (migrated deliveries): searched for too. */
	legacyMarker?: string;
	/** When this copy was written: breaks ties between copies in the same state. */
	updatedAt?: string;
	/** Storage only (DeliveryStore): the hour or month bucket and the copy id in this copy's associations. */
	bucket?: string;
	copy?: string;
}

export interface NewDelivery {
	key: string;
	handler: string;
	data: Record<string, unknown>;
	lane?: string;
	order?: number;
	/** Deliveries of one source ('chg:<changeId>') are checked for existing keys in one read. */
	source?: string;
	legacyMarker?: string;
	/** Migration: an older version logged an attempt, so the marker search must run before posting. */
	state?: 'pending' | 'attempted';
	attemptedAt?: string;
}

export function newDelivery(fields: NewDelivery, now: Date): Delivery {
	const at = now.toISOString();
	const { state = 'pending', ...rest } = fields;
	return { ...rest, state, attempts: state === 'attempted' ? 1 : 0, createdAt: at, nextAt: at, updatedAt: at };
}

const RANK: Record<DeliveryState, number> = { 'done': 4, 'gave-up': 3, 'attempted': 2, 'failed': 1, 'pending': 0 };

/**
 * One delivery from several stored copies of it (a crash between "insert the new, remove the old", a handler's
 * repeated insert, an upsert race): the most advanced state wins, then the most attempts, then the latest write.
 * A handler's insert therefore never undoes the job's progress.
 */
export function mergeCopies(copies: Delivery[]): Delivery | undefined {
	let best: Delivery | undefined;
	for (const copy of copies) {
		if (!best || compare(copy, best) > 0) best = copy;
	}
	return best;
}

function compare(a: Delivery, b: Delivery): number {
	return RANK[a.state] - RANK[b.state] || a.attempts - b.attempts || (a.updatedAt ?? '').localeCompare(b.updatedAt ?? '');
}

export const isOpen = (delivery: Delivery): boolean => delivery.state !== 'done' && delivery.state !== 'gave-up';

/** The blockId put on a posted message's first block: found again in the room after a crash. */
export function markerFor(key: string): string {
	return `dlv:${key}`;
}

/** The hour bucket 'YYYYMMDDHH' (UTC) of an ISO time: open deliveries are found by the hour they fall due. */
export function hourBucket(iso: string): string {
	return iso.slice(0, 13).replace(/[-T]/g, '');
}

/** The month bucket 'YYYYMM' of a closed delivery (pruned by month). */
export function monthBucket(iso: string): string {
	return iso.slice(0, 7).replace('-', '');
}

const MINUTE = 60_000;

/**
 * When a failed delivery is tried again: the next run for the first retry (a hiccup), then 2, 4, 8… minutes,
 * at most an hour, with up to 20 % jitter so many failed deliveries don't retry in lockstep.
 */
export function retryAt(now: Date, attempts: number, random: () => number = Math.random): Date {
	if (attempts <= 1) return now;
	const base = Math.min(MINUTE * 2 ** (attempts - 1), 60 * MINUTE);
	return new Date(now.getTime() + base * (1 + 0.2 * random()));
}

/**
 * The ticks (recurring runs of the delivery job, 5 minutes apart) to wait after `attempts` failures: the next run,
 * then 1, 2, 4, 8 runs, at most 12 (an hour) — retryAt's schedule at the job's pace.
 */
export function retryTicks(attempts: number): number {
	return attempts <= 1 ? 0 : Math.min(2 ** (attempts - 2), 12);
}

/** Lane first, then order, then age: the order deliveries of one run are taken in. */
export function byLaneOrder(a: Delivery, b: Delivery): number {
	return (
		(a.lane ?? '').localeCompare(b.lane ?? '') ||
		(a.order ?? 0) - (b.order ?? 0) ||
		a.createdAt.localeCompare(b.createdAt) ||
		a.key.localeCompare(b.key)
	);
}
