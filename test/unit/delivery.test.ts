/** The delivery core: records, their copies and buckets, and the one job that sends (docs/multi-instance.md 3). */
import { DeliveryStore } from '../../src/platform/delivery/DeliveryStore';
import { DELIVER_NOW_JOB, findMarkedMessage, requestDelivery, runDeliveries, runnerStore } from '../../src/platform/delivery/deliverer';
import { PermanentFailure, type DeliveryAction, type DeliveryHandler } from '../../src/platform/delivery/handlers';
import { markerFor, mergeCopies, newDelivery, retryAt, type Delivery, type DeliveryState } from '../../src/platform/delivery/model';
import type { AppDeps } from '../../src/platform/deps';
import { FakeWorld, type FakeRoom } from './fakeDeps';

const T0 = Date.parse('2026-11-30T10:00:00Z');
const MIN = 60_000;

function copy(state: DeliveryState, attempts: number, updatedAt = '2026-11-30T10:00:00Z'): Delivery {
	return { ...newDelivery({ key: 'k', handler: 'h', data: {} }, new Date(T0)), state, attempts, updatedAt };
}

describe('delivery model', () => {
	it('starts pending and due now', () => {
		const d = newDelivery(
			{ key: 'chg:1:channel', handler: 'announcement', data: { changeId: '1' }, lane: 'announcements', order: 3 },
			new Date(T0),
		);
		expect(d).toMatchObject({ state: 'pending', attempts: 0, nextAt: '2026-11-30T10:00:00.000Z', lane: 'announcements', order: 3 });
	});

	it('merges copies with done > gave-up > attempted > failed > pending', () => {
		expect(mergeCopies([copy('pending', 0), copy('done', 1), copy('attempted', 1)])?.state).toBe('done');
		expect(mergeCopies([copy('failed', 2), copy('gave-up', 8)])?.state).toBe('gave-up');
		expect(mergeCopies([copy('failed', 1), copy('attempted', 1), copy('pending', 0)])?.state).toBe('attempted');
		expect(mergeCopies([copy('pending', 0), copy('failed', 1)])?.state).toBe('failed');
		expect(mergeCopies([copy('failed', 1), copy('failed', 2)])?.attempts).toBe(2);
		expect(mergeCopies([])).toBeUndefined();
	});

	it('derives the marker from the key and backs off up to an hour', () => {
		expect(markerFor('chg:a:dm:u1')).toBe('dlv:chg:a:dm:u1');
		const now = new Date(T0);
		expect(retryAt(now, 1, () => 0).getTime()).toBe(T0);
		expect(retryAt(now, 2, () => 0).getTime()).toBe(T0 + 2 * MIN);
		expect(retryAt(now, 4, () => 0).getTime()).toBe(T0 + 8 * MIN);
		expect(retryAt(now, 20, () => 0).getTime()).toBe(T0 + 60 * MIN);
		expect(retryAt(now, 20, () => 1).getTime()).toBe(T0 + 72 * MIN);
	});
});

describe('DeliveryStore', () => {
	let world: FakeWorld;
	let deps: AppDeps;
	let store: DeliveryStore;
	beforeEach(() => {
		world = new FakeWorld();
		deps = world.deps();
		store = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);
	});

	it('enqueues a key once, whoever enqueues it again', async () => {
		const d = newDelivery({ key: 'chg:1:channel', handler: 'announcement', data: {}, source: 'chg:1' }, new Date(T0));
		expect(await store.enqueue([d, d])).toHaveLength(1);
		expect(await store.enqueue([d])).toHaveLength(0);
		const other = newDelivery({ key: 'alert:x:u1', handler: 'alert', data: {} }, new Date(T0));
		expect(await store.enqueue([other])).toHaveLength(1);
		expect(await store.enqueue([other])).toHaveLength(0);
		expect(world.docs).toHaveLength(2);
	});

	it('never lets an insert undo a more advanced state', async () => {
		const [d] = await store.enqueue([newDelivery({ key: 'k1', handler: 'h', data: {} }, new Date(T0))]);
		await store.save({ ...d, state: 'done', doneAt: new Date(T0).toISOString(), messageId: 'm1' });
		expect(await store.enqueue([newDelivery({ key: 'k1', handler: 'h', data: {} }, new Date(T0))])).toHaveLength(0);
		expect(await store.get('k1')).toMatchObject({ state: 'done', messageId: 'm1' });
	});

	it('merges two stored copies of a delivery, and the next save removes the stale one', async () => {
		const [d] = await store.enqueue([newDelivery({ key: 'k1', handler: 'h', data: {} }, new Date(T0))]);
		// A crash between "insert the new copy" and "remove the old one": both are stored.
		const advanced = {
			...d,
			state: 'failed' as const,
			attempts: 1,
			nextAt: new Date(T0 + 3 * 3600_000).toISOString(),
			copy: 'other',
			bucket: 'due:2026113013',
		};
		await deps.persis.createWithAssociations(
			advanced,
			(store as unknown as { associations(d: Delivery): never }).associations(advanced),
		);
		expect(world.docs).toHaveLength(2);
		const merged = await new DeliveryStore(deps.read.getPersistenceReader(), deps.persis).get('k1');
		expect(merged).toMatchObject({ state: 'failed', attempts: 1 });
		const reader = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);
		const fresh = (await reader.get('k1')) as Delivery;
		await reader.save({ ...fresh, state: 'done', doneAt: new Date(T0).toISOString() });
		expect(world.docs).toHaveLength(1);
		expect(await store.get('k1')).toMatchObject({ state: 'done' });
	});

	it('finds due deliveries by hour bucket, not by reading closed ones', async () => {
		const now = new Date(T0);
		const [a, b] = await store.enqueue([
			newDelivery({ key: 'a', handler: 'h', data: {} }, now),
			newDelivery({ key: 'b', handler: 'h', data: {} }, now),
		]);
		await store.save({ ...a, state: 'done', doneAt: now.toISOString() });
		await store.save({ ...b, state: 'failed', attempts: 2, nextAt: new Date(T0 + 30 * MIN).toISOString() });
		for (let i = 0; i < 50; i++) {
			const [c] = await store.enqueue([newDelivery({ key: `old${i}`, handler: 'h', data: {} }, now)]);
			await store.save({ ...c, state: 'done', doneAt: now.toISOString() });
		}
		expect((await store.due(now)).map((d) => d.key)).toEqual([]);
		await store.markScanned(now);
		const read = jest.spyOn(deps.read.getPersistenceReader(), 'readByAssociations');
		const due = await store.due(new Date(T0 + 31 * MIN));
		expect(due.map((d) => d.key)).toEqual(['b']);
		// The cursor and two hour buckets: no read of every delivery, none of the 51 closed ones.
		const returned = await Promise.all(read.mock.results.map((r) => r.value as Promise<unknown[]>));
		expect(returned.flat().length).toBeLessThanOrEqual(2);
		expect(read.mock.calls.length).toBeLessThanOrEqual(3);
	});
});

/** A handler posting a one-block reply into `room`, with hooks a test can set. */
class TestHandler implements DeliveryHandler {
	settledKeys: string[] = [];
	refusedKeys: string[] = [];
	decide?: (d: Delivery) => DeliveryAction | undefined | Promise<DeliveryAction | undefined>;
	refused?: (d: Delivery) => Promise<void>;
	constructor(
		private readonly room: FakeRoom,
		withRefused = false,
	) {
		if (withRefused) this.refused = async (d) => void this.refusedKeys.push(d.key);
	}
	async prepare(d: Delivery, marker: string): Promise<DeliveryAction> {
		const decided = await this.decide?.(d);
		if (decided) return decided;
		return {
			kind: 'post',
			room: this.room as never,
			reply: {
				text: `post ${d.key}`,
				blocks: [{ type: 'section', blockId: marker, text: { type: 'mrkdwn', text: d.key } }] as never,
			},
		};
	}
	async settled(d: Delivery): Promise<void> {
		this.settledKeys.push(`${d.key}:${d.state}`);
	}
}

describe('runDeliveries', () => {
	let world: FakeWorld;
	let deps: AppDeps;
	let store: DeliveryStore;
	let room: FakeRoom;
	let handler: TestHandler;
	let now: number;
	const clock = () => new Date(now);
	const run = (extra: Parameters<typeof runDeliveries>[2] = {}) =>
		runDeliveries(deps, { test: handler }, { now: clock, random: () => 0, ...extra });
	const enqueue = (key: string, fields: Partial<Parameters<typeof newDelivery>[0]> = {}) =>
		store.enqueue([newDelivery({ key, handler: 'test', data: {}, ...fields }, clock())]);

	beforeEach(() => {
		world = new FakeWorld();
		deps = world.deps();
		store = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);
		room = world.addRoom('r1', 'announcements');
		handler = new TestHandler(room);
		now = T0;
	});

	it('posts each delivery once with its marker, and a second run posts nothing', async () => {
		await enqueue('a');
		await enqueue('b');
		const first = await run();
		expect(first).toMatchObject({ done: 2, overlap: false });
		expect(world.withMarker(markerFor('a'))).toHaveLength(1);
		expect(world.withMarker(markerFor('b'))).toHaveLength(1);
		expect(await store.get('a')).toMatchObject({ state: 'done', attempts: 1, messageId: world.withMarker(markerFor('a'))[0].id });
		expect(handler.settledKeys.sort()).toEqual(['a:done', 'b:done']);
		now += MIN;
		expect(await run()).toMatchObject({ done: 0 });
		expect(world.messages).toHaveLength(2);
	});

	it('recovers a crash between "attempted" and "done" by the marker, even beyond the last 100 messages', async () => {
		const [d] = await enqueue('a');
		// The crashed run: attempt logged, message posted, then the instance died before "done".
		await store.save({
			...d,
			state: 'attempted',
			attempts: 1,
			attemptedAt: new Date(now).toISOString(),
			firstAttemptAt: new Date(now).toISOString(),
		});
		world.store(room.id, 'post a', [{ blockId: markerFor('a') }]);
		world.chatter(room.id, 250);
		now += 10 * MIN;
		const summary = await run();
		expect(summary).toMatchObject({ recoveredByMarker: 1, done: 1, resent: 0 });
		expect(world.withMarker(markerFor('a'))).toHaveLength(1);
		expect(await store.get('a')).toMatchObject({ state: 'done', recoveredByMarker: 1 });
	});

	it('posts again when the marker is not in the room, and counts the resend', async () => {
		const [d] = await enqueue('a');
		await store.save({ ...d, state: 'attempted', attempts: 1, attemptedAt: new Date(now).toISOString() });
		world.chatter(room.id, 30);
		now += 10 * MIN;
		expect(await run()).toMatchObject({ resent: 1, done: 1 });
		expect(world.withMarker(markerFor('a'))).toHaveLength(1);
		expect(await store.get('a')).toMatchObject({ state: 'done', resentAfterAttempt: 1, attempts: 2 });
	});

	it('leaves a young "attempted" alone: an overlapping runner may still be posting it', async () => {
		const [d] = await enqueue('a');
		await store.save({ ...d, state: 'attempted', attempts: 1, attemptedAt: new Date(now).toISOString() });
		now += 30_000;
		expect(await run()).toMatchObject({ done: 0 });
		expect(world.messages).toHaveLength(0);
		expect((await store.get('a'))?.state).toBe('attempted');
	});

	it('retries a failed post with backoff and, after the last attempt, gives up with exactly one admin alert', async () => {
		await enqueue('a');
		world.beforePost = () => {
			throw new Error('server said no');
		};
		const states: string[] = [];
		for (let i = 0; i < 40; i++) {
			await run({ maxAttempts: 4 });
			states.push((await store.get('a'))?.state ?? 'missing');
			now += 5 * MIN;
		}
		const final = await store.get('a');
		expect(final).toMatchObject({ state: 'gave-up', attempts: 4, lastError: 'server said no' });
		expect(states).not.toContain('missing');
		expect(states.indexOf('gave-up')).toBeGreaterThan(2);
		const alerts = (await store.open()).filter((d) => d.handler === 'alert');
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({
			key: 'alert:gave-up:a',
			data: { alert: { kind: 'delivery-gave-up', key: 'a', error: 'server said no' } },
		});
		expect(handler.settledKeys).toEqual(['a:gave-up']);
		expect(world.messages).toHaveLength(0);
	});

	it('gives up at once on a permanent failure', async () => {
		await enqueue('mail');
		handler.decide = () => ({ kind: 'email', email: { to: 'x', subject: 's', text: 't' } as never });
		world.beforeEmail = () => {
			throw new PermanentFailure('the mailer refused the address');
		};
		expect(await run()).toMatchObject({ gaveUp: 1 });
		expect(await store.get('alert:gave-up:mail')).toBeDefined();
	});

	it('sends an attempted e-mail again (at-least-once) and counts it', async () => {
		const [d] = await enqueue('mail');
		handler.decide = () => ({ kind: 'email', email: { to: 'x@example.com', subject: 's', text: 't' } as never });
		await store.save({ ...d, state: 'attempted', attempts: 1, attemptedAt: new Date(now).toISOString() });
		now += 10 * MIN;
		expect(await run()).toMatchObject({ resent: 1, done: 1 });
		expect(world.emails).toHaveLength(1);
		expect(await store.get('mail')).toMatchObject({ state: 'done', resentAfterAttempt: 1 });
	});

	it('holds up the later deliveries of a lane behind one that waits, and only that lane', async () => {
		await enqueue('first', { lane: 'L', order: 1 });
		await enqueue('second', { lane: 'L', order: 2 });
		await enqueue('elsewhere');
		handler.decide = (d) => (d.key === 'first' ? { kind: 'wait', why: 'no room set' } : undefined);
		const summary = await run();
		expect(summary).toMatchObject({ done: 1, waiting: 1 });
		expect(world.messages.map((m) => m.text)).toEqual(['post elsewhere']);
		expect(await store.get('first')).toMatchObject({ state: 'pending', attempts: 0, lastError: 'no room set' });
		handler.decide = undefined;
		now += MIN;
		await run();
		expect(world.messages.map((m) => m.text)).toEqual(['post elsewhere', 'post first', 'post second']);
	});

	it('keeps a refused post pending (not an attempt) and lets the handler tell whom it must', async () => {
		handler = new TestHandler(room, true);
		await enqueue('a');
		world.beforePost = () => {
			throw new Error('error-not-allowed');
		};
		expect(await run()).toMatchObject({ waiting: 1, done: 0 });
		expect(handler.refusedKeys).toEqual(['a']);
		expect(await store.get('a')).toMatchObject({ state: 'pending', attempts: 0 });
		world.beforePost = undefined;
		now += 2 * MIN;
		await run();
		expect(world.messages).toHaveLength(0);
		now += 3 * MIN;
		await run();
		expect(world.withMarker(markerFor('a'))).toHaveLength(1);
	});

	it('retries by ticks of the recurring job too, whatever the clocks say', async () => {
		await enqueue('a');
		let failing = 3;
		world.beforePost = () => {
			if (failing-- > 0) throw new Error('hiccup');
		};
		// The clock stands still (or an instance's clock lags): only recurring runs move the retries on.
		const posts: number[] = [];
		for (let i = 0; i < 10; i++) {
			await run({ recurring: true });
			posts.push(world.messages.length);
		}
		// Failure 1 retries at the next tick, failure 2 one tick later, failure 3 two ticks later.
		expect(posts).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
		expect(await store.get('a')).toMatchObject({ state: 'done', attempts: 4 });
	});

	it('looks for the marker after a refusal too: a post that threw may have landed', async () => {
		handler = new TestHandler(room, true);
		await enqueue('a');
		// The post is stored, then the call fails (a timeout on the way back, say).
		world.afterPost = () => {
			world.afterPost = undefined;
			throw new Error('timeout');
		};
		expect(await run()).toMatchObject({ waiting: 1 });
		now += 10 * MIN;
		expect(await run()).toMatchObject({ recoveredByMarker: 1, done: 1 });
		expect(world.withMarker(markerFor('a'))).toHaveLength(1);
	});

	it('closes a skipped delivery as done without sending', async () => {
		await enqueue('a');
		handler.decide = () => ({ kind: 'skip', why: 'unsubscribed' });
		expect(await run()).toMatchObject({ done: 1 });
		expect(world.messages).toHaveLength(0);
		expect(await store.get('a')).toMatchObject({ state: 'done', note: 'unsubscribed' });
	});

	it('stops before its next side effect when another runner took over (fencing)', async () => {
		await enqueue('a');
		await enqueue('b');
		handler.decide = async (d) => {
			// Another runner starts while this one prepares "b".
			if (d.key === 'b') await runnerStore(deps).put('current', { runId: 'other', startedAt: new Date(now).toISOString() });
			return undefined;
		};
		const summary = await run();
		expect(summary.overlap).toBe(true);
		expect(world.messages.map((m) => m.text)).toEqual(['post a']);
		// "attempted" is stored before the fence is read, so a runner that started later leaves "b" to settle:
		// it is not posted at once, and once settled it is looked for (not found) and posted exactly once.
		expect((await store.get('b'))?.state).toBe('attempted');
		handler.decide = async () => undefined;
		await run();
		expect(world.messages.map((m) => m.text)).toEqual(['post a']);
		now += 3 * MIN;
		await run();
		expect(world.messages.map((m) => m.text)).toEqual(['post a', 'post b']);
		expect((await store.get('b'))?.state).toBe('done');
	});

	it('takes no new work once its budget is used up; the next run continues', async () => {
		for (const key of ['a', 'b', 'c']) await enqueue(key);
		handler.decide = () => {
			now += 2 * MIN;
			return undefined;
		};
		const first = await run({ budgetMs: 3 * MIN });
		expect(first.outOfBudget).toBe(true);
		expect(world.messages.length).toBeLessThan(3);
		await run({ budgetMs: 60 * MIN });
		expect(world.messages.map((m) => m.text).sort()).toEqual(['post a', 'post b', 'post c']);
	});

	it('edits a message in place', async () => {
		const posted = world.store(room.id, 'old', [{ blockId: 'card' }]);
		await enqueue('edit');
		handler.decide = () => ({ kind: 'edit', messageId: posted.id, reply: { text: 'new', blocks: [] } });
		await run();
		expect(world.messages).toHaveLength(1);
		expect(world.messages[0].text).toBe('new');
		expect(await store.get('edit')).toMatchObject({ state: 'done', messageId: posted.id });
	});

	it('asks for a run now with a once-job whose id keeps cancelJob safe', async () => {
		await requestDelivery(deps.modify);
		expect(world.onceJobs).toEqual([{ id: DELIVER_NOW_JOB, when: 'now' }]);
		// cancelJob treats an id whose first "_" segment is an ObjectId as a job id (docs/multi-instance.md 1.2).
		expect(DELIVER_NOW_JOB.split('_')[0]).not.toMatch(/^[0-9a-f]{24}$|^.{12}$/);
	});

	it('finds a marker only back to a few minutes before the attempt', async () => {
		world.store(room.id, 'ancient', [{ blockId: 'x' }]);
		world.chatter(room.id, 150);
		// Attempted an hour after all of it: the first page is already older, so the search stops there.
		expect(await findMarkedMessage(deps.read, room as never, ['x'], new Date(world.clock + 3600_000).toISOString())).toBeUndefined();
		expect(await findMarkedMessage(deps.read, room as never, ['x'], new Date(world.clock - 3600_000).toISOString())).toBe('m1');
	});
});
