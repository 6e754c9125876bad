// The multi-instance workspace (workspace/src/cluster): the scheduler collection's Agenda semantics, operation by
// operation, and a real two-instance cluster — separate processes, one shared state.
import { AgendaCollection, LOCK_LIFETIME_MS } from '../../workspace/src/cluster/agenda';
import { Cluster } from '../../workspace/src/cluster/Cluster';
import { Clock } from '../../workspace/src/state';
import { appZip, VALID_OBJECTION as VALID } from './helpers';

const T0 = Date.parse('2026-03-01T09:00:00Z');
const MIN = 60_000;

describe('the scheduler collection (packages/agenda/src/Agenda.ts semantics)', () => {
	let clock: Clock;
	let agenda: AgendaCollection;
	beforeEach(() => {
		clock = new Clock(T0);
		agenda = new AgendaCollection(clock);
	});

	test('a claim is atomic: of two instances scanning, one locks the due job; the lock expires after 10 minutes', () => {
		agenda.every('check_app', '60 minutes', undefined, false, 'instance 1');
		const first = agenda.lockNext('check_app');
		expect(first?.lockedAt).toBe(T0);
		expect(agenda.lockNext('check_app')).toBeUndefined();
		clock.set(T0 + LOCK_LIFETIME_MS - 1);
		expect(agenda.lockNext('check_app')).toBeUndefined();
		clock.set(T0 + LOCK_LIFETIME_MS);
		// An expired lock is taken again whatever nextRunAt says: how a dead instance's job is recovered.
		expect(agenda.lockNext('check_app')?._id).toBe(first?._id);
	});

	test('every(): one single document per name by upsert; nextRunAt kept when due now, pushed out with skipImmediate', () => {
		const a = agenda.every('check_app', '60 minutes', { v: 1 }, false, 'instance 1');
		expect(a).toMatchObject({ dueNow: true, doc: { type: 'single', nextRunAt: T0 } });
		clock.set(T0 + 5 * MIN);
		// Due now again: $setOnInsert leaves the stored nextRunAt alone; the data is updated in place.
		const b = agenda.every('check_app', '60 minutes', { v: 2 }, false, 'instance 2');
		expect(b.doc).toMatchObject({ _id: a.doc._id, nextRunAt: T0, data: { v: 2 } });
		// skipImmediate: nextRunAt is $set, one interval from now.
		const c = agenda.every('check_app', '60 minutes', { v: 3 }, true, 'instance 3');
		expect(c).toMatchObject({ dueNow: false, doc: { _id: a.doc._id, nextRunAt: T0 + 65 * MIN } });
		expect(agenda.docs).toHaveLength(1);
	});

	test('the injected double insert: two single documents, two independent runners', () => {
		agenda.doubleInsertSingle = 1;
		agenda.every('check_app', '60 minutes', undefined, false, 'instance 1');
		expect(agenda.docs).toHaveLength(2);
		expect(agenda.lockNext('check_app')).toBeDefined();
		expect(agenda.lockNext('check_app')).toBeDefined();
	});

	test('schedule() always inserts; lock on the fly needs { _id, lockedAt: null, nextRunAt }; a once-job is removed after success only', () => {
		const a = agenda.schedule('now_app', 'now', undefined, 'instance 1');
		const b = agenda.schedule('now_app', 'now', undefined, 'instance 2');
		expect(a.doc._id).not.toBe(b.doc._id);
		expect(a.dueNow && b.dueNow).toBe(true);
		expect(agenda.lockOnTheFly(a.doc._id, a.doc.nextRunAt)).toBeDefined();
		expect(agenda.lockOnTheFly(a.doc._id, a.doc.nextRunAt)).toBeUndefined();
		agenda.startRun(a.doc._id, T0, 'instance 1');
		agenda.finishRun(a.doc._id, 'boom', 'instance 1');
		expect(agenda.docs.find((d) => d._id === a.doc._id)).toMatchObject({
			failReason: 'boom',
			failCount: 1,
			lockedAt: null,
			nextRunAt: null,
		});
		agenda.finishRun(b.doc._id, undefined, 'instance 2');
		expect(agenda.docs.map((d) => d._id)).toEqual([a.doc._id]);
	});

	test('a run saves the next nextRunAt before the processor; the final save does not resurrect a cancelled job', () => {
		const { doc } = agenda.every('check_app', '60 minutes', undefined, false, 'instance 1');
		agenda.lockNext('check_app');
		expect(agenda.startRun(doc._id, T0, 'instance 1')).toMatchObject({ lastRunAt: T0, nextRunAt: T0 + 60 * MIN, lockedAt: T0 });
		expect(agenda.cancel('check_app')).toBe(1);
		agenda.finishRun(doc._id, undefined, 'instance 1');
		expect(agenda.docs).toEqual([]);
	});

	test('cancelJob: by _id when the first "_" segment is 24 hex digits, else every document of that name', () => {
		const once = agenda.schedule('later_app', '2 hours', undefined, 'instance 1');
		agenda.schedule('later_app', '3 hours', undefined, 'instance 1');
		expect(agenda.cancel(`${once.doc._id}_app`)).toBe(1);
		expect(agenda.cancel('later_app')).toBe(1);
		agenda.every('a_app', '1 hour', undefined, true, 'x');
		agenda.every('b_other', '1 hour', undefined, true, 'x');
		expect(agenda.cancelAll('app')).toBe(1);
		expect(agenda.docs.map((d) => d.name)).toEqual(['b_other']);
	});
});

describe('a cluster of two instances over one shared state', () => {
	let cluster: Cluster;
	beforeAll(async () => {
		cluster = await Cluster.start({ zip: appZip(), instances: 2 });
		await cluster.advance(0);
	});
	afterAll(async () => {
		await cluster?.stop();
	});

	test('a command on either instance answers from the same state; a subscription made on ^2 is seen by ^1', async () => {
		let mark = cluster.mark();
		await cluster.command('alice', 'general', '/subprocessors in Brazil', { on: 2 });
		expect(
			cluster
				.seen('alice', mark)
				.map((e) => e.text)
				.join('\n'),
		).toContain('Rocketchat Tecnologia LTDA');
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 2 });
		mark = cluster.mark();
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 1 });
		expect(
			cluster
				.seen('bob', mark)
				.map((e) => e.text)
				.join('\n'),
		).toMatch(/bereits abonniert/);
		mark = cluster.mark();
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 'random' });
		expect(
			cluster
				.seen('bob', mark)
				.map((e) => e.text)
				.join('\n'),
		).toMatch(/bereits abonniert/);
		expect(cluster.errors).toEqual([]);
	});

	test('removeByAssociations is a find, then a delete; an upsert is one updateOne', async () => {
		const aliceSubscribed = () =>
			cluster
				.records()
				.filter(
					(r) =>
						r.associations.some((a) => a.id === 'subscriber') &&
						(r.data as { userId?: string }).userId === cluster.user('alice').id,
				);
		const before = { ...cluster.dbOperations };
		await cluster.command('alice', 'general', '/subprocessors subscribe', { on: 1 });
		expect(aliceSubscribed()).toHaveLength(1);
		await cluster.command('alice', 'general', '/subprocessors unsubscribe', { on: 2 });
		const delta = (op: string) => (cluster.dbOperations[op] ?? 0) - (before[op] ?? 0);
		expect(delta('updateOne')).toBeGreaterThanOrEqual(1);
		expect(delta('deleteMany')).toBeGreaterThanOrEqual(1);
		expect(delta('find')).toBeGreaterThanOrEqual(delta('deleteMany'));
		expect(aliceSubscribed()).toEqual([]);
	});

	test('one recurring document per job name, whichever instances registered it', () => {
		const names = cluster.agenda.docs.filter((d) => d.type === 'single').map((d) => d.name.replace(/_[^_]+$/, ''));
		expect(names.sort()).toEqual([...new Set(names)].sort());
		expect(names).toEqual(expect.arrayContaining(['check-list', 'deliver']));
	});

	test('after approval: Approve & send pressed on ^1 and ^2 at once is one approval and one e-mail', async () => {
		await cluster.setSetting('objection_approval', 'after-approval');
		try {
			await cluster.command('alice', 'general', '/subprocessors object stripe', { on: 1 });
			await cluster.submitView('alice', VALID, { on: 1 });
			await cluster.settle();
			const ref = cluster.records().find((r) => r.associations.some((a) => a.id === 'objection'))?.data as {
				ref: string;
				status: string;
			};
			expect(ref.status).toBe('awaiting');
			const mails = () => cluster.outbox.filter((m) => m.text?.includes(`Reference: ${ref.ref}`));
			expect(mails()).toEqual([]);
			await Promise.all([
				cluster.click('dpo', 'objection-approve', ref.ref, { on: 1 }),
				cluster.click('admin', 'objection-approve', ref.ref, { on: 2 }),
			]);
			await cluster.settle();
			await cluster.advance(3600_000);
			expect(mails()).toHaveLength(1);
			// One or two approval records (whether the second press read the first is timing), one approval in effect.
			const approvals = cluster
				.records()
				.filter((r) => r.associations.some((a) => a.id === 'objection-action'))
				.map((r) => (r.data as { action: string }).action);
			expect([...new Set(approvals)]).toEqual(['approved']);
			const mark = cluster.mark();
			await cluster.command('dpo', 'privacy-team', `/subprocessors objections ${ref.ref}`, { on: 2 });
			const detail = cluster
				.seen('dpo', mark)
				.map((e) => e.text)
				.join('\n');
			expect(detail).toContain(`${ref.ref}* to Stripe — open`);
			expect(detail.match(/approved and sent by/g)).toHaveLength(1);
			expect(cluster.errors).toEqual([]);
		} finally {
			await cluster.setSetting('objection_approval', 'at-once');
		}
	}, 60_000);

	test('kill ^2: its calls fail, ^1 goes on; restart ^2 loads the app from the shared state', async () => {
		await cluster.kill(2);
		expect(cluster.isAlive(2)).toBe(false);
		await expect(cluster.command('alice', 'general', '/subprocessors help', { on: 2 })).rejects.toThrow(/not running/);
		await cluster.advance(2 * 3600_000);
		await cluster.restart(2);
		const mark = cluster.mark();
		await cluster.command('alice', 'general', '/subprocessors show stripe', { on: 2 });
		expect(
			cluster
				.seen('alice', mark)
				.map((e) => e.text)
				.join('\n'),
		).toContain('Stripe');
		// The app user exists once, whatever each instance asked for at start.
		expect([...cluster.world.users.values()].filter((u) => u.appId === cluster.appId)).toHaveLength(1);
	});
});
