// Multi-instance (HA) scenarios (issue 14 point 3; docs/multi-instance.md sections 2 and 4): the app on N server
// instances — separate processes, each with its own runtime and in-memory queues — over one shared state, with
// handlers and jobs arriving on different instances at once, persistence operations slowed down to widen the
// windows, and an instance killed in the middle of a delivery. What happened is counted from the shared state's
// own ledger: messages per marker blockId, e-mails per objection, admin DMs per alert.
//
// Today's app serialises only within one runtime (serialQueue), so several races of docs/multi-instance.md
// section 2 (R1, R2, R4, R6, R7) can show up here as duplicates. The "nothing duplicated" assertions are therefore
// written but marked `test.failing` where they fail on today's app (issue 14: the store-first/one-job delivery
// turns them to 0; the integrator switches them to `test` after merging that work). The invariants that must hold
// in any case (nothing lost, every objection stored once with its own reference) are plain tests.
import { readFileSync } from 'fs';
import * as path from 'path';

import { signedHeaders } from '../../src/engine/api/signature';
import { Cluster } from '../../workspace/src/cluster/Cluster';
import { appZip } from '../engine/helpers';
import { HOUR, LONG, report, size } from './support';

const LISTS = path.join(__dirname, '..', 'engine', 'fixtures', 'lists');
const URL = 'https://lists.example/subprocessors.yaml';
const SECRET = 'a-long-shared-secret-for-tests';
const V1 = readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8');
const V2 = readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8');
const INVALID = readFileSync(path.join(LISTS, 'v3-invalid.yaml'), 'utf8');
const GROUNDS = 'Stripe processes card data in the United States; our contract requires EU-only processing.';
const VALID = { name: 'Alice Example', company: 'ACME GmbH', service: 'Marketplace', subprocessor: 'stripe', grounds: GROUNDS, email: 'alice@acme.example' };
/** Real ms each instance waits before each persistence operation: the windows between read and write widen. */
const DELAYS = LONG ? [0, 3, 15] : [5];
const INSTANCES = size(2, 3);

const figures = { fault_scenarios: 0, restarts: 0, announcements_lost: 0, announcements_duplicated: 0, objection_routes_duplicated: 0, admin_alerts_duplicated: 0, objections_lost: 0 };
let instancesRun = 0;
afterAll(() => report(__filename, { sum: figures, max: { instances: instancesRun } }));

// ---- the ledger ------------------------------------------------------------------------------------------------

/** Stored messages per marker blockId (a marker is the blockId the app gives each delivery: `announcement:…`, `objection:…`). */
function perMarker(cluster: Cluster, prefix: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const m of cluster.messages()) {
		const markers = new Set(((m.blocks ?? []) as Array<{ blockId?: string }>).map((b) => b.blockId).filter((id): id is string => !!id && id.startsWith(prefix)));
		for (const marker of markers) counts.set(marker, (counts.get(marker) ?? 0) + 1);
	}
	return counts;
}

const extra = (counts: Iterable<number>): number => [...counts].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

/** Announcements of the list change (not the baseline note): in the channel and in each subscriber's DM. */
function announcementLedger(cluster: Cluster, subscribers: string[]): { lost: number; duplicated: number; detail: Record<string, number> } {
	const markers = perMarker(cluster, 'announcement:');
	const changeMarkers = [...markers].filter(([marker]) => cluster.messages().some((m) => (m.blocks ?? []).some((b: any) => b.blockId === marker) && /updated its sub-processor list/.test(m.text ?? '')));
	const channel = cluster.messages().filter((m) => m.room.slugifiedName === 'subprocessor-updates' && /updated its sub-processor list/.test(m.text ?? ''));
	const dms = subscribers.map((u) => cluster.messages().filter((m) => m.room.slugifiedName.startsWith('dm:') && m.room.usernames.includes(u) && /updated its sub-processor list/.test(m.text ?? '')).length);
	// Two change records for one change would carry two markers, one message each: count by target too.
	const byTarget = [channel.length, ...dms];
	return {
		lost: byTarget.filter((n) => n === 0).length,
		duplicated: Math.max(extra(changeMarkers.map(([, n]) => n)), extra(byTarget)),
		detail: { channel: channel.length, ...Object.fromEntries(subscribers.map((u, i) => [`dm:${u}`, dms[i]])) },
	};
}

/** Admin alert DMs: the same alert text sent to the same admin more than once. */
function alertLedger(cluster: Cluster): { alerts: number; duplicated: number } {
	const bot = cluster.botUser().username;
	const counts = new Map<string, number>();
	for (const m of cluster.messages()) {
		if (!m.room.slugifiedName.startsWith('dm:') || m.sender?.username !== bot || !m.room.usernames.includes('admin')) continue;
		if (/updated its sub-processor list|Now watching/.test(m.text ?? '')) continue;
		const key = `${m.text}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return { alerts: counts.size, duplicated: extra(counts.values()) };
}

/** Per objection reference: team cards (by marker), e-mails, DMs to the objector (by text). */
function objectionLedger(cluster: Cluster, refs: string[]): { duplicated: number; detail: Record<string, Record<string, number>> } {
	const cards = perMarker(cluster, 'objection:');
	const bot = cluster.botUser().username;
	let duplicated = 0;
	const detail: Record<string, Record<string, number>> = {};
	for (const ref of refs) {
		const emails = cluster.outbox.filter((e) => `${e.subject}\n${e.text}`.includes(ref)).length;
		const dmTexts = new Map<string, number>();
		for (const m of cluster.messages()) {
			if (m.room.slugifiedName.startsWith('dm:') && m.sender?.username === bot && !m.room.usernames.includes('admin') && (m.text ?? '').includes(ref)) dmTexts.set(m.text as string, (dmTexts.get(m.text as string) ?? 0) + 1);
		}
		const card = cards.get(`objection:${ref}`) ?? 0;
		detail[ref] = { card, emails, dms: [...dmTexts.values()].reduce((a, b) => a + b, 0) };
		duplicated += extra([card, emails]) + extra(dmTexts.values());
	}
	return { duplicated, detail };
}

const objections = (cluster: Cluster) => cluster.records().filter((r) => (r.data as { kind?: string }).kind === 'objection' || r.associations.some((a) => a.id === 'objection')).map((r) => r.data as { ref: string; status: string });

// ---- setup -----------------------------------------------------------------------------------------------------

/** A cluster watching v1 from the source URL, bob (and alice) subscribed, the source now serving v2. */
async function watching(instances: number, delay: number, seed: number): Promise<Cluster> {
	const cluster = await Cluster.start({ zip: appZip(), instances, seed, serverSettings: { SMTP_Host: 'smtp.example' } });
	instancesRun = Math.max(instancesRun, instances);
	cluster.http.on(URL, { status: 200, body: V1 });
	await cluster.setSetting('list_source_url', URL);
	await cluster.advance(0);
	await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 1 });
	await cluster.command('alice', 'general', '/subprocessors subscribe', { on: instances });
	cluster.http.on(URL, { status: 200, body: V2 });
	for (let i = 1; i <= instances; i++) await cluster.delayPersistence(i, delay);
	return cluster;
}

interface Outcome {
	lost: number;
	duplicated: number;
	detail: unknown;
}

const results: Record<string, Outcome[]> = {};
function remember(name: string, outcome: Outcome): void {
	(results[name] ??= []).push(outcome);
}

/** Runs a scenario once per delay (long: several delays and seeds); the figures and outcomes are kept for the assertions. */
async function scenario(name: string, run: (delay: number, seed: number) => Promise<Outcome>): Promise<void> {
	for (const [i, delay] of DELAYS.entries()) {
		remember(name, await run(delay, 1000 + i));
		figures.fault_scenarios++;
	}
}

// ---- the scenarios ---------------------------------------------------------------------------------------------

describe('on several instances at once', () => {
	beforeAll(async () => {
		// R1: `sync` on ^1 while the hourly check runs on ^2.
		await scenario('sync racing the job', async (delay, seed) => {
			const cluster = await watching(INSTANCES, delay, seed);
			try {
				await Promise.all([cluster.advance(HOUR, { scanners: [2] }), cluster.command('admin', 'general', '/subprocessors sync', { on: 1 }).catch(() => undefined)]);
				await cluster.advance(HOUR);
				const ledger = announcementLedger(cluster, ['bob', 'alice']);
				figures.announcements_lost += ledger.lost;
				figures.announcements_duplicated += ledger.duplicated;
				return ledger;
			} finally {
				await cluster.stop();
			}
		});

		// R2: a signed push on ^1 while the check job fetches the same list on ^2.
		await scenario('push racing the job', async (delay, seed) => {
			const cluster = await watching(INSTANCES, 0, seed);
			try {
				await cluster.setSetting('update_secret', SECRET);
				for (let i = 1; i <= INSTANCES; i++) await cluster.delayPersistence(i, delay);
				const push = cluster.endpoint('POST', '/update', { 'content-type': 'application/json', ...signedHeaders(V2, SECRET) }, JSON.stringify({ list: V2 }), { on: 1 });
				const [response] = await Promise.all([push, cluster.advance(HOUR, { scanners: [2] })]);
				expect(response.status).toBeLessThan(500);
				await cluster.advance(HOUR);
				const ledger = announcementLedger(cluster, ['bob', 'alice']);
				figures.announcements_lost += ledger.lost;
				figures.announcements_duplicated += ledger.duplicated;
				return ledger;
			} finally {
				await cluster.stop();
			}
		});

		// R6: the source breaks; `sync` on ^1 and the check on ^2 both see "not alerted yet".
		await scenario('an admin alert from two instances', async (delay, seed) => {
			const cluster = await watching(INSTANCES, delay, seed);
			try {
				cluster.http.on(URL, { status: 200, body: INVALID });
				await Promise.all([cluster.advance(HOUR, { scanners: [2] }), cluster.command('admin', 'general', '/subprocessors sync', { on: 1 }).catch(() => undefined)]);
				await cluster.advance(HOUR);
				const ledger = alertLedger(cluster);
				figures.admin_alerts_duplicated += ledger.duplicated;
				return { lost: ledger.alerts === 0 ? 1 : 0, duplicated: ledger.duplicated, detail: ledger };
			} finally {
				await cluster.stop();
			}
		});

		// R4, R5, R7: two objections filed at once on two instances, then two team members acting on one of them,
		// each on another instance, while the delivery job runs on a third (or the second).
		await scenario('objections and team actions on different instances', async (delay, seed) => {
			const cluster = await watching(INSTANCES, 0, seed);
			try {
				await cluster.command('alice', 'general', '/subprocessors object stripe', { on: 1 });
				await cluster.command('bob', 'general', '/subprocessors object stripe', { on: 2 });
				for (let i = 1; i <= INSTANCES; i++) await cluster.delayPersistence(i, delay);
				await Promise.all([
					cluster.submitView('alice', VALID, { on: 2 }),
					cluster.submitView('bob', { ...VALID, name: 'Bob Example', email: 'bob@acme.example' }, { on: 1 }),
				]);
				await cluster.settle();
				const filed = objections(cluster);
				const refs = [...new Set(filed.map((o) => o.ref))];
				// The team acknowledges the same objection twice, on two instances, while the delivery job runs.
				if (refs[0]) {
					await Promise.all([
						cluster.click('dpo', 'objection-ack', refs[0], { on: 1 }).catch(() => undefined),
						cluster.click('admin', 'objection-ack', refs[0], { on: 2 }).catch(() => undefined),
						cluster.advance(20 * 60_000, { scanners: [INSTANCES] }),
					]);
				}
				await cluster.advance(HOUR);
				const ledger = objectionLedger(cluster, refs);
				figures.objection_routes_duplicated += ledger.duplicated;
				// Two objections filed: two records with two references (R5 can give both the same number).
				const lost = Math.max(0, 2 - refs.length);
				figures.objections_lost += lost;
				return { lost, duplicated: ledger.duplicated, detail: { refs, filed: filed.length, ...ledger.detail } };
			} finally {
				await cluster.stop();
			}
		});

		// R8: the instance running the check dies after its first post (the channel announcement); its lock stays
		// for 10 minutes, then another instance takes the job; the dead one is restarted meanwhile.
		await scenario('an instance killed mid-delivery and restarted', async (delay, seed) => {
			const cluster = await watching(INSTANCES, delay, seed);
			try {
				cluster.dieAfterEffects(2, 1);
				await cluster.advance(HOUR, { scanners: [2] });
				const killed = !cluster.isAlive(2);
				expect(killed).toBe(true);
				await cluster.restart(2);
				figures.restarts++;
				await cluster.advance(HOUR);
				const ledger = announcementLedger(cluster, ['bob', 'alice']);
				figures.announcements_lost += ledger.lost;
				figures.announcements_duplicated += ledger.duplicated;
				return ledger;
			} finally {
				await cluster.stop();
			}
		});
	}, 600_000);

	test.each(['sync racing the job', 'push racing the job', 'an instance killed mid-delivery and restarted'])('%s: no announcement lost', (name) => {
		expect(results[name]?.map((r) => ({ lost: r.lost, detail: r.detail }))).toEqual(results[name]?.map((r) => ({ lost: 0, detail: r.detail })));
	});

	test('two objections filed at once on two instances: both stored, each with its own reference', () => {
		const outcomes = results['objections and team actions on different instances'];
		expect(outcomes?.map((r) => r.lost)).toEqual(DELAYS.map(() => 0));
	});

	test('an admin alert from two instances: the admin is told', () => {
		expect(results['an admin alert from two instances']?.map((r) => r.lost)).toEqual(DELAYS.map(() => 0));
	});

	// ---- exactly once: issue 14's goal; marked failing where today's app still duplicates ----

	const noDuplicates = (name: string) => () => {
		expect(results[name]?.map((r) => ({ duplicated: r.duplicated, detail: r.detail }))).toEqual(results[name]?.map((r) => ({ duplicated: 0, detail: r.detail })));
	};
	test('sync racing the job: no announcement duplicated', noDuplicates('sync racing the job'));
	test('push racing the job: no announcement duplicated', noDuplicates('push racing the job'));
	test('an instance killed mid-delivery and restarted: no announcement duplicated', noDuplicates('an instance killed mid-delivery and restarted'));
	test('objections and team actions on different instances: no route duplicated', noDuplicates('objections and team actions on different instances'));
	test('an admin alert from two instances: sent once', noDuplicates('an admin alert from two instances'));
});
