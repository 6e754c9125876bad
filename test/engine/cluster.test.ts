// The multi-instance workspace (workspace/src/cluster): the scheduler collection's Agenda semantics, operation by
// operation, and a real two-instance cluster — separate processes, one shared state.
import { readFileSync } from 'fs';
import * as path from 'path';

import { AgendaCollection, LOCK_LIFETIME_MS } from '../../workspace/src/cluster/agenda';
import { Cluster } from '../../workspace/src/cluster/Cluster';
import { Clock } from '../../workspace/src/state';
import { appZip, VALID_OBJECTION as VALID } from './helpers';

const T0 = Date.parse('2026-03-01T09:00:00Z');
/** What a user saw since `mark`, one text a line. */
const seenText = (cluster: Cluster, user: string, mark: number) =>
	cluster
		.seen(user, mark)
		.map((e) => e.text)
		.join('\n');
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
		expect(seenText(cluster, 'alice', mark)).toContain('Rocketchat Tecnologia LTDA');
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 2 });
		mark = cluster.mark();
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 1 });
		expect(seenText(cluster, 'bob', mark)).toMatch(/bereits abonniert/);
		mark = cluster.mark();
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 'random' });
		expect(seenText(cluster, 'bob', mark)).toMatch(/bereits abonniert/);
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
		expect(seenText(cluster, 'alice', mark)).toContain('Stripe');
		// The app user exists once, whatever each instance asked for at start.
		expect([...cluster.world.users.values()].filter((u) => u.appId === cluster.appId)).toHaveLength(1);
	});
});

// Issue 14, the parts of docs/multi-instance.md section 2 left after the delivery job: R3 (a settings change on N
// instances), R9 (two documents of one recurring job), R10 (records stored twice) and pruning, on three instances.
describe('three instances: one check per settings change, duplicates healed, old deliveries pruned', () => {
	const URL = 'https://lists.example/subprocessors.yaml';
	const DAY = 24 * 3600_000;
	let cluster: Cluster;
	const docs = (job: string) => cluster.agenda.docs.filter((d) => d.name === `${job}_${cluster.appId}`);
	const fetches = () => cluster.http.calls.filter((c) => c.url === URL).length;
	const withAssoc = (id: string) => cluster.records().filter((r) => r.associations.some((a) => a.id === id));
	beforeAll(async () => {
		cluster = await Cluster.start({ zip: appZip(), instances: 3 });
		cluster.http.on(URL, { status: 200, body: readFileSync(path.join(__dirname, 'fixtures', 'lists', 'v1.yaml'), 'utf8') });
	});
	afterAll(async () => {
		await cluster?.stop();
	});

	/** A delivery record as DeliveryStore writes it (src/platform/delivery/DeliveryStore.ts associations). */
	function seedDelivery(key: string, fields: { state: string; at: Date; bucket: string; handler?: string }): void {
		const at = fields.at.toISOString();
		const open = !['done', 'gave-up'].includes(fields.state);
		const copy = `seed${cluster.bridges.persistence.records.length}`;
		const data = {
			key,
			handler: fields.handler ?? 'announcement',
			data: {},
			state: fields.state,
			attempts: 1,
			createdAt: at,
			nextAt: at,
			...(open ? {} : { doneAt: at }),
			bucket: fields.bucket,
			copy,
		};
		const misc = (id: string) => ({ model: 'misc', id });
		cluster.bridges.persistence.records.push({
			id: `seed-${key}-${copy}`,
			appId: cluster.appId,
			data,
			associations: [
				misc('delivery'),
				misc(`delivery:${key}`),
				misc(`delivery-copy:${copy}`),
				misc(fields.bucket),
				...(open ? [misc('delivery-open')] : []),
			],
		});
	}
	const hour = (d: Date) => d.toISOString().slice(0, 13).replace(/[-T]/g, '');
	const month = (d: Date) => d.toISOString().slice(0, 7).replace('-', '');

	test('R10 and pruning: the first daily pass collapses a subscription stored twice and removes closed deliveries past 90 days', async () => {
		// Two first-time upserts racing: bob's subscription stored twice. Readers count him once already.
		cluster.upsertInsertsTwice = 1;
		await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 2 });
		const bobs = () => withAssoc('subscriber').filter((r) => (r.data as { userId?: string }).userId === cluster.user('bob').id);
		expect(bobs()).toHaveLength(2);
		let mark = cluster.mark();
		await cluster.command('admin', 'general', '/subprocessors status', { on: 3 });
		expect(seenText(cluster, 'admin', mark)).toMatch(/(Abonnenten|Subscribers): 1\b/);

		// The app's own clock is real time (docs/multi-instance.md 4.2): ages are relative to it.
		const now = Date.now();
		const old = new Date(now - 200 * DAY);
		const recent = new Date(now - 10 * DAY);
		seedDelivery('chg:old:channel', { state: 'done', at: old, bucket: `delivery-closed:${month(old)}` });
		// A copy a crash left in its hour bucket, still "attempted": goes with its key.
		seedDelivery('chg:old:channel', { state: 'attempted', at: old, bucket: `due:${hour(old)}` });
		seedDelivery('alert:old:u1', { state: 'gave-up', at: old, bucket: `delivery-closed:${month(old)}`, handler: 'alert' });
		seedDelivery('chg:recent:channel', { state: 'done', at: recent, bucket: `delivery-closed:${month(recent)}` });
		// Open and old: kept whatever its age (a handler this version doesn't know leaves it waiting).
		seedDelivery('later:old:open', { state: 'pending', at: old, bucket: `due:${hour(old)}`, handler: 'a-later-version' });
		const keys = () => new Set(withAssoc('delivery').map((r) => (r.data as { key: string }).key));

		// The recurring delivery job's first run (5 minutes after install) makes the first daily pass.
		await cluster.advance(6 * 60_000);
		expect(bobs()).toHaveLength(1);
		expect(keys().has('chg:old:channel')).toBe(false);
		expect(withAssoc('delivery:chg:old:channel')).toEqual([]);
		expect(keys().has('alert:old:u1')).toBe(false);
		expect(keys().has('chg:recent:channel')).toBe(true);
		expect(keys().has('later:old:open')).toBe(true);
		const [maintenance] = withAssoc('delivery-maintenance').map(
			(r) => r.data as { duplicatesCollapsed: number; pruned: number; pruneMonth: string },
		);
		expect(maintenance).toMatchObject({ duplicatesCollapsed: 1, pruned: 2 });
		// The cursor moved past the pruned months: later passes read from there, not from the start.
		expect(maintenance.pruneMonth > month(old)).toBe(true);

		mark = cluster.mark();
		await cluster.command('admin', 'general', '/subprocessors status', { on: 1 });
		expect(seenText(cluster, 'admin', mark)).toMatch(/(Abonnenten|Subscribers): 1\b/);
		expect(cluster.errors).toEqual([]);
	});

	test('R3: a source or interval change broadcast to all three instances makes one check, and the check job keeps its one document', async () => {
		const [checkDoc] = docs('check-list');
		expect(docs('check-list')).toHaveLength(1);
		let before = fetches();
		await cluster.setSetting('list_source_url', URL, { on: 2 });
		await cluster.settle();
		expect(fetches() - before).toBe(1);

		before = fetches();
		await cluster.setSetting('check_interval', '15', { on: 3 });
		await cluster.settle();
		// Each instance's hook asked for a prompt check; one of them checked.
		expect(fetches() - before).toBe(1);
		// Registered again, never cancelled: the same document, with the new interval and its next run 15 minutes out.
		expect(docs('check-list')).toEqual([
			expect.objectContaining({ _id: checkDoc._id, repeatInterval: '15 minutes', nextRunAt: cluster.now.getTime() + 15 * 60_000 }),
		]);
		before = fetches();
		await cluster.advance(16 * 60_000);
		expect(fetches() - before).toBe(1);
		expect(cluster.errors).toEqual([]);
	});

	test('R9: two documents of the delivery job and of the check job are healed to one (the smallest id), never none', async () => {
		// Both documents gone and registered again by two racing upserts each: an instance restarting registers the
		// delivery job (its startup setting) and the check job (onEnable).
		cluster.agenda.cancel(`deliver_${cluster.appId}`);
		cluster.agenda.cancel(`check-list_${cluster.appId}`);
		cluster.agenda.doubleInsertSingle = 2;
		await cluster.restart(2);
		// The restarted instance loaded the interval set before (the app as stored in the shared database).
		expect(cluster.appSettings().check_interval?.value).toBe('15');
		expect(docs('deliver')).toHaveLength(2);
		expect(docs('check-list')).toHaveLength(2);
		const keepers = ['deliver', 'check-list'].map(
			(job) =>
				docs(job)
					.map((d) => d._id)
					.sort()[0],
		);
		// Each document runs twice (the delivery job every 5 minutes, the check every 15), then the later ids are
		// cancelled, by id: at no point is there none.
		for (let i = 0; i < 10; i++) {
			await cluster.advance(5 * 60_000);
			expect(docs('deliver').length).toBeGreaterThanOrEqual(1);
			expect(docs('check-list').length).toBeGreaterThanOrEqual(1);
		}
		expect([...docs('deliver'), ...docs('check-list')].map((d) => d._id)).toEqual(keepers);
		expect(docs('check-list')[0].repeatInterval).toBe('15 minutes');
		expect(cluster.errors).toEqual([]);
	});
});
