/**
 * The delivery job: the only code that posts, edits and e-mails (docs/multi-instance.md 3.3, 3.4).
 * - Fencing: a run writes the runner record first and re-reads it before every side effect; a foreign run id
 *   means another runner started (a second job document, a lock that expired under a slow run): this one stops.
 * - Each delivery goes pending → attempted → side effect → done. An "attempted" without outcome older than the
 *   settle time is looked for in the room by its marker (paging back to the attempt) before it is posted again.
 * - Failures are retried with backoff and never dropped: after the last attempt the delivery is given up
 *   together with an admin alert. An e-mail can't be looked for: it is sent again (at-least-once).
 * - A budget: no new work after a few minutes, far inside the scheduler's 10-minute lock.
 */
import type { ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { Reply } from '../../kernel/blocks';
import type { AppDeps } from '../deps';
import { fitText, messageMaxSize } from '../messageSize';
import { appBotUser, postReply, type ReplyDeps } from '../reply';
import { errorText } from '../roomRefusals';
import { RecordStore } from '../storage/RecordStore';
import { DeliveryStore } from './DeliveryStore';
import { isPermanent, type DeliveryAction, type DeliveryHandler } from './handlers';
import { byLaneOrder, isOpen, markerFor, newDelivery, retryAt, retryTicks, type Delivery } from './model';

/** The recurring delivery job (every 5 minutes, started by the engine) and the once-job that asks for a run now. */
export const DELIVER_JOB = 'deliver';
export const DELIVER_NOW_JOB = 'deliver-now';

const MINUTE = 60_000;
export const DELIVERY_DEFAULTS = {
	/** No new work after this long: the scheduler's lock lasts 10 minutes and can't be renewed by an app. */
	budgetMs: 3 * MINUTE,
	/** An "attempted" younger than this may be an overlapping runner's post still in flight: left alone. */
	settleMs: 2 * MINUTE,
	/** …or older than this many ticks of the recurring job (whichever comes first): a whole interval passed. */
	settleTicks: 2,
	/** A room that refuses posts is tried again after this long (or at the next tick). */
	refusedRetryMs: 5 * MINUTE,
	refusedRetryTicks: 1,
	/** Attempts before a delivery is given up (with an admin alert); backoff makes this about two hours. */
	maxAttempts: 8,
	/** Passes over what is due: a pass may make new deliveries due (an alert fanned out, a card edit). */
	maxPasses: 3,
};
/** The marker search pages back 100 messages at a time to a few minutes before the first attempt, at most this far. */
const PAGE = 100;
const MAX_PAGES = 50;
const SEARCH_MARGIN_MS = 5 * MINUTE;

export interface DeliveryRunOptions {
	/** A run of the recurring job: it advances the tick that retries and the settle time also count in. */
	recurring?: boolean;
	now?: () => Date;
	budgetMs?: number;
	settleMs?: number;
	maxAttempts?: number;
	maxPasses?: number;
	random?: () => number;
}

export interface DeliveryRunSummary {
	runId: string;
	done: number;
	failed: number;
	gaveUp: number;
	waiting: number;
	recoveredByMarker: number;
	resent: number;
	/** Another runner took over (its run id is in the runner record): this run stopped. */
	overlap: boolean;
	/** The budget ran out before everything due was taken. */
	outOfBudget: boolean;
	/** The recurring runs so far, this one included if it is one. */
	tick: number;
}

export interface DeliveryRunner {
	runId: string;
	startedAt: string;
	/** How many recurring runs there were (see Delivery.retryTick). */
	tick?: number;
}

type Outcome = 'done' | 'wait' | 'failed' | 'stopped';

export function runDeliveries(
	deps: AppDeps,
	handlers: Record<string, DeliveryHandler>,
	options: DeliveryRunOptions = {},
): Promise<DeliveryRunSummary> {
	// Two runs in one app process queue up (the recurring job and a "deliver now" need not race each other here).
	return deps.runtime.deliveries(() => new DeliveryRun(deps, handlers, options).run());
}

/**
 * Asks for a delivery run now. The server runs a once-job saved due now at once on the instance that saved it
 * (Agenda `_processDbResult` → `_lockOnTheFly`, packages/agenda/src/Agenda.ts); the recurring job is the fallback
 * within a minute, so a failure to schedule loses nothing.
 */
export async function requestDelivery(modify: IModify, logger?: ILogger): Promise<void> {
	try {
		await modify.getScheduler().scheduleOnce({ id: DELIVER_NOW_JOB, when: 'now' });
	} catch (error) {
		logger?.warn('could not ask for a delivery run now; the next scheduled run delivers', error);
	}
}

export function runnerStore(deps: Pick<AppDeps, 'read' | 'persis'>): RecordStore<DeliveryRunner> {
	return new RecordStore<DeliveryRunner>('delivery-runner', deps.read.getPersistenceReader(), deps.persis);
}

class DeliveryRun {
	private readonly runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
	private readonly store: DeliveryStore;
	private readonly runners: RecordStore<DeliveryRunner>;
	private readonly now: () => Date;
	private readonly opts: typeof DELIVERY_DEFAULTS;
	private readonly random: () => number;
	private readonly startedAt: number;
	private stopped = false;
	private readonly summary: DeliveryRunSummary;
	/** Keys this run already took: a later pass doesn't take them again. */
	private readonly taken = new Set<string>();
	private tick = 0;
	private readonly recurring: boolean;

	constructor(
		private readonly deps: AppDeps,
		private readonly handlers: Record<string, DeliveryHandler>,
		options: DeliveryRunOptions,
	) {
		this.store = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);
		this.runners = runnerStore(deps);
		this.now = options.now ?? (() => new Date());
		this.random = options.random ?? Math.random;
		this.recurring = options.recurring === true;
		this.opts = { ...DELIVERY_DEFAULTS, ...definedOnly(options) };
		this.startedAt = this.now().getTime();
		this.summary = {
			runId: this.runId,
			done: 0,
			failed: 0,
			gaveUp: 0,
			waiting: 0,
			recoveredByMarker: 0,
			resent: 0,
			overlap: false,
			outOfBudget: false,
			tick: 0,
		};
	}

	async run(): Promise<DeliveryRunSummary> {
		this.tick = ((await this.runners.get('current'))?.tick ?? 0) + (this.recurring ? 1 : 0);
		this.summary.tick = this.tick;
		// Written before anything else: a runner that started earlier sees it at its next side effect and stops.
		await this.runners.put('current', { runId: this.runId, startedAt: new Date(this.startedAt).toISOString(), tick: this.tick });
		let complete = false;
		for (let pass = 0; pass < this.opts.maxPasses && !this.stopped; pass++) {
			const takenBefore = this.taken.size;
			await this.pass(await this.store.due(this.now()));
			complete = !this.stopped;
			// A pass that took nothing new made nothing new due (alerts it raised, edits a settle enqueued).
			if (this.taken.size === takenBefore) break;
		}
		if (complete) await this.store.markScanned(this.now());
		return this.summary;
	}

	/** Deliveries without a lane one by one; each lane in its order, held up at its first one not done. */
	private async pass(due: Delivery[]): Promise<void> {
		const lanes = new Set<string>();
		for (const delivery of due.sort(byLaneOrder)) {
			if (this.outOfTime()) return;
			if (delivery.lane) {
				if (!lanes.has(delivery.lane)) await this.lane(delivery.lane, lanes);
				continue;
			}
			await this.safely(delivery);
		}
	}

	private async lane(lane: string, seen: Set<string>): Promise<void> {
		seen.add(lane);
		// The whole lane, not only what is due: an earlier one waiting for its retry holds up the later ones.
		for (const delivery of (await this.store.lane(lane)).sort(byLaneOrder)) {
			if (this.outOfTime()) return;
			if ((await this.safely(delivery)) !== 'done') {
				this.deps.logger.debug(`delivery lane ${lane} waits at ${delivery.key}`);
				return;
			}
		}
	}

	private outOfTime(): boolean {
		if (this.stopped) return true;
		if (this.now().getTime() - this.startedAt < this.opts.budgetMs) return false;
		this.summary.outOfBudget = true;
		this.stopped = true;
		this.deps.logger.warn(`delivery run ${this.runId}: budget of ${this.opts.budgetMs} ms used up, the next run continues`);
		return true;
	}

	/** One delivery whose bookkeeping fails (a persistence error) does not stop the others; it stays as stored. */
	private async safely(delivery: Delivery): Promise<Outcome> {
		try {
			return await this.deliverOne(delivery);
		} catch (error) {
			this.deps.logger.error(`delivery ${delivery.key}: could not be processed`, error);
			return 'failed';
		}
	}

	private async deliverOne(listed: Delivery): Promise<Outcome> {
		if (this.taken.has(listed.key)) return listed.state === 'done' ? 'done' : 'wait';
		this.taken.add(listed.key);
		// Read again: another runner or an earlier pass may have moved it on.
		const delivery = (await this.store.get(listed.key)) ?? listed;
		const now = this.now();
		if (!isOpen(delivery)) return delivery.state === 'done' ? 'done' : 'wait';
		if (delivery.nextAt > now.toISOString()) return 'wait';
		if (this.notYet(delivery, now)) {
			await this.rebucket(delivery);
			return 'wait';
		}
		const handler = this.handlers[delivery.handler];
		if (!handler) {
			// Written by another app version (during an update instances run both): left for one that knows it.
			this.deps.logger.warn(`delivery ${delivery.key}: no handler "${delivery.handler}" in this app version`);
			return 'wait';
		}
		if (delivery.state === 'attempted' && !this.settled(delivery, now)) return 'wait';
		let action: DeliveryAction;
		try {
			action = await handler.prepare(delivery, markerFor(delivery.key), this.deps);
		} catch (error) {
			return this.failed({ ...delivery, attempts: delivery.attempts + 1 }, handler, error);
		}
		switch (action.kind) {
			case 'skip':
				await this.close(delivery, handler, 'done', { note: action.why });
				return 'done';
			case 'wait':
				await this.keepWaiting(delivery, action.why);
				return 'wait';
			case 'post':
				return this.post(delivery, handler, action.room, action.reply);
			case 'edit':
				return this.sideEffect(delivery, handler, async () => {
					await editMessage(this.deps, action.messageId, action.reply);
					return action.messageId;
				});
			case 'email':
				// Whether an attempted e-mail went out can't be checked: sent again (at-least-once).
				return this.sideEffect(
					delivery,
					handler,
					async () => {
						await this.deps.modify.getCreator().getEmailCreator().send(action.email);
						return undefined;
					},
					{ resend: delivery.state === 'attempted' },
				);
		}
	}

	/** A failed or refused delivery before its retry time and tick. */
	private notYet(delivery: Delivery, now: Date): boolean {
		if (delivery.retryAt === undefined && delivery.retryTick === undefined) return false;
		const byTime = delivery.retryAt !== undefined && delivery.retryAt <= now.toISOString();
		const byTick = delivery.retryTick !== undefined && this.tick >= delivery.retryTick;
		return !(byTime || byTick);
	}

	/** An "attempted" old enough that no overlapping runner can still be posting it. */
	private settled(delivery: Delivery, now: Date): boolean {
		const byTime = now.getTime() - Date.parse(delivery.attemptedAt ?? delivery.createdAt) >= this.opts.settleMs;
		const byTick = delivery.attemptedTick !== undefined && this.tick - delivery.attemptedTick >= this.opts.settleTicks;
		return byTime || byTick;
	}

	/** A post after an earlier attempt first looks for that attempt's message: found, it is done without posting. */
	private async post(delivery: Delivery, handler: DeliveryHandler, room: IRoom, reply: Reply): Promise<Outcome> {
		// Any earlier attempt, even a refused one (not counted): a post that threw may still have landed.
		if (delivery.attempts > 0 || delivery.firstAttemptAt) {
			const since = delivery.firstAttemptAt ?? delivery.attemptedAt ?? delivery.createdAt;
			const markers = [markerFor(delivery.key), ...(delivery.legacyMarker ? [delivery.legacyMarker] : [])];
			const found = await findMarkedMessage(this.deps.read, room, markers, since);
			if (found) {
				this.summary.recoveredByMarker++;
				await this.close(delivery, handler, 'done', { messageId: found, recoveredByMarker: (delivery.recoveredByMarker ?? 0) + 1 });
				return 'done';
			}
		}
		return this.sideEffect(delivery, handler, () => postReply(this.deps, room, reply), {
			room,
			resend: delivery.state === 'attempted',
		});
	}

	/** Fence, log the attempt, act, record the outcome. */
	private async sideEffect(
		delivery: Delivery,
		handler: DeliveryHandler,
		act: () => Promise<string | undefined>,
		{ room, resend = false }: { room?: IRoom; resend?: boolean } = {},
	): Promise<Outcome> {
		const at = this.now().toISOString();
		const attempted = await this.store.save({
			...delivery,
			...(resend ? { resentAfterAttempt: (delivery.resentAfterAttempt ?? 0) + 1 } : {}),
			state: 'attempted',
			attempts: delivery.attempts + 1,
			attemptedAt: at,
			attemptedTick: this.tick,
			retryAt: undefined,
			retryTick: undefined,
			firstAttemptAt: delivery.firstAttemptAt ?? at,
			runId: this.runId,
		});
		// The fence comes after "attempted" is stored: a runner that started before this read sees it and stops
		// here; one that started after it reads "attempted" and leaves the delivery to settle and a marker search.
		// (Fence first, then store, leaves a gap in which both could find it pending and both post.)
		if (!(await this.stillTheRunner())) return 'stopped';
		if (resend) this.summary.resent++;
		let messageId: string | undefined;
		try {
			messageId = await act();
		} catch (error) {
			if (room && handler.refused) return this.refused(attempted, handler, room, error);
			return this.failed(attempted, handler, error);
		}
		await this.close(attempted, handler, 'done', messageId ? { messageId } : {});
		return 'done';
	}

	/** The room refused the post: the handler tells whom it must; the delivery waits (not counted as an attempt). */
	private async refused(delivery: Delivery, handler: DeliveryHandler, room: IRoom, error: unknown): Promise<Outcome> {
		let waits: void | boolean = true;
		try {
			waits = await handler.refused?.(delivery, room, error, this.deps);
		} catch (hookError) {
			this.deps.logger.error(`delivery ${delivery.key}: handling the refusal failed`, hookError);
		}
		if (waits === false) return this.failed(delivery, handler, error);
		this.deps.logger.error(`delivery ${delivery.key}: the room refused the post`, errorText(error));
		await this.store.save({
			...delivery,
			state: 'pending',
			attempts: delivery.attempts - 1,
			retryAt: new Date(this.now().getTime() + this.opts.refusedRetryMs).toISOString(),
			retryTick: this.tick + this.opts.refusedRetryTicks,
			lastError: errorText(error),
		});
		this.summary.waiting++;
		return 'wait';
	}

	/** Retried with backoff; after the last attempt (or a permanent failure) given up, with an admin alert. */
	private async failed(delivery: Delivery, handler: DeliveryHandler, error: unknown): Promise<Outcome> {
		const lastError = errorText(error);
		this.deps.logger.error(`delivery ${delivery.key}: attempt ${delivery.attempts} failed`, lastError);
		if (isPermanent(error) || delivery.attempts >= this.opts.maxAttempts) {
			await this.close(delivery, handler, 'gave-up', { lastError });
			return 'failed';
		}
		this.summary.failed++;
		await this.store.save({
			...delivery,
			state: 'failed',
			lastError,
			retryAt: retryAt(this.now(), delivery.attempts, this.random).toISOString(),
			retryTick: this.tick + retryTicks(delivery.attempts),
		});
		return 'failed';
	}

	/** Not an attempt: noted with its reason; kept where the job reads. */
	private async keepWaiting(delivery: Delivery, why: string): Promise<void> {
		this.summary.waiting++;
		if (delivery.lastError !== why) await this.store.save({ ...this.inCurrentHour(delivery), lastError: why });
		else await this.rebucket(delivery);
	}

	/** A delivery that keeps waiting moves to the current hour's bucket when its own is older: at most a write an hour. */
	private async rebucket(delivery: Delivery): Promise<void> {
		const moved = this.inCurrentHour(delivery);
		if (moved !== delivery) await this.store.save(moved);
	}

	private inCurrentHour(delivery: Delivery): Delivery {
		const now = this.now().toISOString();
		return delivery.nextAt.slice(0, 13) < now.slice(0, 13) ? { ...delivery, nextAt: now } : delivery;
	}

	private async close(delivery: Delivery, handler: DeliveryHandler, state: 'done' | 'gave-up', extra: Partial<Delivery>): Promise<void> {
		const closed = await this.store.save({ ...delivery, ...extra, state, doneAt: this.now().toISOString() });
		if (state === 'done') this.summary.done++;
		else this.summary.gaveUp++;
		try {
			await handler.settled?.(closed, this.deps);
		} catch (error) {
			this.deps.logger.error(`delivery ${delivery.key}: settling failed`, error);
		}
		if (state === 'gave-up') await this.alertGaveUp(closed);
	}

	/** One admin alert per given-up delivery (keyed by it); an alert that can't be delivered raises none. */
	private async alertGaveUp(delivery: Delivery): Promise<void> {
		if (delivery.handler === 'alert') return;
		const alert = {
			kind: 'delivery-gave-up',
			key: delivery.key,
			handler: delivery.handler,
			attempts: delivery.attempts,
			error: delivery.lastError ?? '',
		};
		await this.store.enqueue([newDelivery({ key: `alert:gave-up:${delivery.key}`, handler: 'alert', data: { alert } }, this.now())]);
	}

	private async stillTheRunner(): Promise<boolean> {
		const runner = await this.runners.get('current');
		if (runner?.runId === this.runId) return true;
		this.stopped = true;
		this.summary.overlap = true;
		this.deps.logger.warn(`delivery run ${this.runId} stops: run ${runner?.runId ?? '(none)'} took over`);
		return false;
	}
}

function definedOnly(options: DeliveryRunOptions): Partial<typeof DELIVERY_DEFAULTS> {
	const { budgetMs, settleMs, maxAttempts, maxPasses } = options;
	return Object.fromEntries(Object.entries({ budgetMs, settleMs, maxAttempts, maxPasses }).filter(([, value]) => value !== undefined));
}

/**
 * The id of a message in the room whose blocks carry one of `markers`, paging back (100 a time, newest first)
 * until the messages are older than a few minutes before `since` — not only the last 100: a busy room may have
 * moved on since the attempt.
 */
export async function findMarkedMessage(read: IRead, room: IRoom, markers: string[], since: string): Promise<string | undefined> {
	const floor = Date.parse(since) - SEARCH_MARGIN_MS;
	for (let page = 0; page < MAX_PAGES; page++) {
		const messages = await read.getRoomReader().getMessages(room.id, { limit: PAGE, skip: page * PAGE, sort: { createdAt: 'desc' } });
		const found = messages.find((message) =>
			(message.blocks ?? []).some((block) => markers.includes((block as { blockId?: string }).blockId ?? '')),
		);
		if (found) return found.id;
		const oldest = messages[messages.length - 1]?.createdAt;
		if (messages.length < PAGE || (oldest && new Date(oldest).getTime() < floor)) return undefined;
	}
	return undefined;
}

/** Updates a message the app posted (edits are idempotent: the same card twice is one card). */
export async function editMessage(deps: ReplyDeps, messageId: string, reply: Reply): Promise<void> {
	const { modify } = deps;
	const bot = await appBotUser(deps);
	if (!bot) throw new Error('the app has no bot user');
	const builder = await modify.getUpdater().message(messageId, bot);
	builder
		.setEditor(bot)
		.setText(fitText(reply.text, await messageMaxSize(deps)))
		.setBlocks(reply.blocks);
	await modify.getUpdater().finish(builder);
}
