/** What a kind of delivery needs from the delivery job: how to build it, and what to do after. */
import type { IEmail } from '@rocket.chat/apps-engine/definition/email';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { Reply } from '../../kernel/blocks';
import type { AppDeps } from '../deps';
import type { Delivery } from './model';

export type DeliveryAction =
	/** `reply` carries the marker as its first block's blockId. */
	| { kind: 'post'; room: IRoom; reply: Reply }
	/** An idempotent update of a message the app posted. */
	| { kind: 'edit'; messageId: string; reply: Reply }
	| { kind: 'email'; email: IEmail & { data?: Record<string, string> } }
	/** Nothing to deliver any more (unsubscribed, user gone): closed as done. */
	| { kind: 'skip'; why: string }
	/** Can't now (no room set, room refuses, an earlier one in the lane waits): not an attempt. */
	| { kind: 'wait'; why: string };

export interface DeliveryHandler {
	prepare(delivery: Delivery, marker: string, deps: AppDeps): Promise<DeliveryAction>;
	/** After the delivery reached done or gave-up (e.g. enqueue a card edit; the give-up admin alert is the core's job). */
	settled?(delivery: Delivery, deps: AppDeps): Promise<void>;
	/**
	 * The server refused a post (read-only room…): decide to wait (the delivery stays pending) and whom to alert.
	 * Returning false instead counts it as a failed attempt (retried with backoff, given up in the end): for posts
	 * where a refusal is no reason to wait, e.g. a DM.
	 */
	refused?(delivery: Delivery, room: IRoom, error: unknown, deps: AppDeps): Promise<void | boolean>;
}

/** A failure that retrying won't fix (the mailer refused the address): given up at once, with the admin alert. */
export class PermanentFailure extends Error {
	constructor(
		message: string,
		readonly code?: string,
	) {
		super(message);
		this.name = 'PermanentFailure';
	}
}

export function isPermanent(error: unknown): boolean {
	return error instanceof PermanentFailure || (error as { permanent?: boolean })?.permanent === true;
}

/** The reply with the delivery's marker as its first block's blockId: found again in the room after a crash. */
export function marked(reply: Reply, marker: string): Reply {
	const [first, ...rest] = reply.blocks;
	return first ? { ...reply, blocks: [{ ...first, blockId: marker } as typeof first, ...rest] } : reply;
}
