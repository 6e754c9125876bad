// Multi-instance (HA) scenarios (issue 14 point 3; docs/multi-instance.md sections 2 and 4): the app on N server
// instances — separate processes, each with its own runtime and in-memory queues — over one shared state, with
// handlers and jobs arriving on different instances at once, persistence operations slowed down to widen the
// windows, and an instance killed in the middle of a delivery. What happened is counted from the shared state's
// own ledger: messages per marker blockId, e-mails per objection, admin DMs per alert.
//
// Today's app serialises only within one runtime (serialQueue), so several races of docs/multi-instance.md
// section 2 (R1, R2, R4, R6, R7, R9) show up here as duplicates, and R1/R2 can even lose an announcement. The
// "nothing duplicated, nothing lost" assertions are written but skipped until issue 14's store-first, one-job
// delivery is merged (DELIVERY_IS_EXACTLY_ONCE below); what holds even today (a killed instance loses nothing, both
// objections are stored, the admin hears of a broken source) are plain tests.
import { readFileSync } from 'fs';
import * as path from 'path';

import { signedHeaders } from '../../src/features/watch/signature';
import { Cluster } from '../../workspace/src/cluster/Cluster';
import { appZip, VALID_OBJECTION as VALID } from '../engine/helpers';
import { HOUR, LONG, report, size } from './support';

const LISTS = path.join(__dirname, '..', 'engine', 'fixtures', 'lists');
const URL = 'https://lists.example/subprocessors.yaml';
const SECRET = 'a-long-shared-secret-for-tests';
const V1 = readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8');
const V2 = readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8');
/** A later version than V2 (another date, one purpose changed): a third list to announce. */
const V3 = V2.replace('updated: 2024-03-01', 'updated: 2024-04-01').replace(
	'purpose: Translation of support tickets',
	'purpose: Translation of support tickets and chats',
);
const INVALID = readFileSync(path.join(LISTS, 'v3-invalid.yaml'), 'utf8');
/** Real ms each instance waits before each persistence operation: the windows between read and write widen. */
const DELAYS = LONG ? [0, 3, 15] : [5];
const INSTANCES = size(2, 3);
/** Issue 14 (store first, one job delivers): switch on the exactly-once assertions below once that delivery is merged. */
const DELIVERY_IS_EXACTLY_ONCE = true;

const figures = {
	fault_scenarios: 0,
	restarts: 0,
	announcements_lost: 0,
	announcements_duplicated: 0,
	objection_routes_duplicated: 0,
	admin_alerts_duplicated: 0,
	objections_lost: 0,
};
let instancesRun = 0;
afterAll(() => report(__filename, { sum: figures, max: { instances: instancesRun } }));

// ---- the ledger ------------------------------------------------------------------------------------------------

/** Stored messages per marker blockId (the blockId the app gives each delivery: `dlv:<delivery key>`, src/platform/delivery/model.ts markerFor). */
function perMarker(cluster: Cluster, prefix: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const m of cluster.messages()) {
		const markers = new Set(
			((m.blocks ?? []) as Array<{ blockId?: string }>)
				.map((b) => b.blockId)
				.filter((id): id is string => !!id && id.startsWith(prefix)),
		);
		for (const marker of markers) counts.set(marker, (counts.get(marker) ?? 0) + 1);
	}
	return counts;
}

const extra = (counts: Iterable<number>): number => [...counts].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

/**
 * Announcements of list changes (not the baseline note), from the ledger: each change record's marker per target
 * (`dlv:chg:<changeId>:channel`, `…:dm:<userId>`), and per target room across change records (two records for
 * one change would carry two markers, one message each).
 */
function changeIdsOf(cluster: Cluster): string[] {
	return cluster
		.records()
		.filter((r) => r.associations.some((a) => a.id === 'change') && (r.data as { kind?: string }).kind === 'change')
		.map((r) => (r.data as { id: string }).id);
}

function announcementLedger(
	cluster: Cluster,
	subscribers: string[],
	earlier: string[] = [],
): { lost: number; duplicated: number; detail: Record<string, number> } {
	const changeIds = changeIdsOf(cluster).filter((id) => !earlier.includes(id));
	const markers = perMarker(cluster, 'dlv:chg:');
	const targets = ['channel', ...subscribers.map((u) => `dm:${cluster.user(u).id}`)];
	const perTarget = targets.map((target) =>
		[...new Set(changeIds)].reduce((sum, id) => sum + (markers.get(`dlv:chg:${id}:${target}`) ?? 0), 0),
	);
	const perMarkerExtra = extra(
		[...new Set(changeIds)].flatMap((id) => targets.map((target) => markers.get(`dlv:chg:${id}:${target}`) ?? 0)),
	);
	return {
		lost: perTarget.filter((n) => n === 0).length,
		duplicated: Math.max(perMarkerExtra, extra(perTarget)),
		detail: {
			changeRecords: changeIds.length,
			...Object.fromEntries(targets.map((t, i) => [t === 'channel' ? t : `dm:${subscribers[i - 1]}`, perTarget[i]])),
		},
	};
}

/** Admin alert DMs: the same alert text sent to the same admin more than once. */
function alertLedger(cluster: Cluster, before: Set<string | undefined>): { alerts: number; duplicated: number } {
	const bot = cluster.botUser().username;
	const counts = new Map<string, number>();
	for (const m of cluster.messages()) {
		if (
			before.has(m.id) ||
			!m.room.slugifiedName.startsWith('dm:') ||
			m.sender?.username !== bot ||
			!m.room.usernames.includes('admin')
		)
			continue;
		if (((m.blocks ?? []) as Array<{ blockId?: string }>).some((b) => String(b.blockId ?? '').startsWith('dlv:chg:'))) continue;
		const key = `${m.text}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return { alerts: counts.size, duplicated: extra(counts.values()) };
}

/** Per objection reference: team cards (by marker), e-mails, DMs to the objector (by text). */
function objectionLedger(cluster: Cluster, refs: string[]): { duplicated: number; detail: Record<string, Record<string, number>> } {
	const cards = perMarker(cluster, 'dlv:obj:');
	const bot = cluster.botUser().username;
	let duplicated = 0;
	const detail: Record<string, Record<string, number>> = {};
	for (const ref of refs) {
		const emails = cluster.outbox.filter((e) => `${e.subject}\n${e.text}`.includes(ref)).length;
		const dmTexts = new Map<string, number>();
		for (const m of cluster.messages()) {
			if (
				m.room.slugifiedName.startsWith('dm:') &&
				m.sender?.username === bot &&
				!m.room.usernames.includes('admin') &&
				(m.text ?? '').includes(ref)
			)
				dmTexts.set(m.text as string, (dmTexts.get(m.text as string) ?? 0) + 1);
		}
		const card = cards.get(`dlv:obj:${ref}:card`) ?? 0;
		detail[ref] = { card, emails, dms: [...dmTexts.values()].reduce((a, b) => a + b, 0) };
		duplicated += extra([card, emails]) + extra(dmTexts.values());
	}
	return { duplicated, detail };
}

const objections = (cluster: Cluster) =>
	cluster
		.records()
		.filter((r) => (r.data as { kind?: string }).kind === 'objection' || r.associations.some((a) => a.id === 'objection'))
		.map((r) => r.data as { ref: string; status: string });

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
const timings: string[] = [];
afterAll(() => console.log(`instances.test.ts\n${timings.join('\n')}\n${JSON.stringify(results, null, 1)}`));

/**
 * Runs scenarios on one cluster (two in a row where the second's setup is the first's end, which keeps the quick
 * run short), once per delay (long: several delays and seeds); the outcomes are kept for the assertions below.
 */
async function scenarios(
	names: string,
	run: (delay: number, seed: number, remember: (name: string, outcome: Outcome) => void) => Promise<void>,
): Promise<void> {
	for (const [i, delay] of DELAYS.entries()) {
		const started = Date.now();
		await run(delay, 1000 + i, (name, outcome) => {
			(results[name] ??= []).push(outcome);
			figures.fault_scenarios++;
		});
		timings.push(`${names} (delay ${delay} ms): ${Date.now() - started} ms`);
	}
}

const slow = async (cluster: Cluster, delay: number) => {
	for (let i = 1; i <= cluster.size; i++) await cluster.delayPersistence(i, delay);
};

// ---- the scenarios ---------------------------------------------------------------------------------------------

describe('on several instances at once', () => {
	beforeAll(async () => {
		await scenarios('sync racing the job; an admin alert from two instances', async (delay, seed, remember) => {
			const cluster = await watching(INSTANCES, delay, seed);
			try {
				// R1: `sync` on ^1 while the hourly check runs on ^2.
				await Promise.all([
					cluster.advance(HOUR, { scanners: [2] }),
					cluster.command('admin', 'general', '/subprocessors sync', { on: 1 }).catch(() => undefined),
				]);
				await cluster.advance(HOUR);
				const announced = announcementLedger(cluster, ['bob', 'alice']);
				figures.announcements_lost += announced.lost;
				figures.announcements_duplicated += announced.duplicated;
				remember('sync racing the job', announced);

				// R6: the source breaks; `sync` on ^1 and the check on ^2 both see "not alerted yet".
				const before = new Set(cluster.messages().map((m) => m.id));
				cluster.http.on(URL, { status: 200, body: INVALID });
				await Promise.all([
					cluster.advance(HOUR, { scanners: [2] }),
					cluster.command('admin', 'general', '/subprocessors sync', { on: 1 }).catch(() => undefined),
				]);
				await cluster.advance(HOUR);
				const alerts = alertLedger(cluster, before);
				figures.admin_alerts_duplicated += alerts.duplicated;
				remember('an admin alert from two instances', {
					lost: alerts.alerts === 0 ? 1 : 0,
					duplicated: alerts.duplicated,
					detail: alerts,
				});
			} finally {
				await cluster.stop();
			}
		});

		await scenarios('push racing the job; objections and team actions on different instances', async (delay, seed, remember) => {
			const cluster = await watching(INSTANCES, 0, seed);
			try {
				// R2: a signed push on ^1 while the check job fetches the same list on ^2.
				await cluster.setSetting('update_secret', SECRET);
				await slow(cluster, delay);
				const push = cluster.endpoint(
					'POST',
					'/update',
					{ 'content-type': 'application/json', ...signedHeaders(V2, SECRET) },
					JSON.stringify({ list: V2 }),
					{ on: 1 },
				);
				const [response] = await Promise.all([push, cluster.advance(HOUR, { scanners: [2] })]);
				expect(response.status).toBeLessThan(500);
				await cluster.advance(HOUR);
				const announced = announcementLedger(cluster, ['bob', 'alice']);
				figures.announcements_lost += announced.lost;
				figures.announcements_duplicated += announced.duplicated;
				remember('push racing the job', announced);

				// R4, R5, R7: two objections filed at once on two instances, then two team members acknowledging one
				// of them, each on another instance, while the delivery job runs on the last instance.
				await slow(cluster, 0);
				await cluster.command('alice', 'general', '/subprocessors object stripe', { on: 1 });
				await cluster.command('bob', 'general', '/subprocessors object stripe', { on: 2 });
				await slow(cluster, delay);
				await Promise.all([
					cluster.submitView('alice', VALID, { on: 2 }),
					cluster.submitView('bob', { ...VALID, name: 'Bob Example', email: 'bob@acme.example' }, { on: 1 }),
				]);
				await cluster.settle();
				const filed = objections(cluster);
				const refs = [...new Set(filed.map((o) => o.ref))];
				if (refs[0]) {
					await Promise.all([
						cluster.click('dpo', 'objection-ack', refs[0], { on: 1 }).catch(() => undefined),
						cluster.click('admin', 'objection-ack', refs[0], { on: 2 }).catch(() => undefined),
						cluster.advance(20 * 60_000, { scanners: [INSTANCES] }),
					]);
				}
				await cluster.advance(HOUR);
				const routed = objectionLedger(cluster, refs);
				figures.objection_routes_duplicated += routed.duplicated;
				// Two objections filed: two records with two references (R5 can give both the same number).
				const lost = Math.max(0, 2 - refs.length);
				figures.objections_lost += lost;
				remember('objections and team actions on different instances', {
					lost,
					duplicated: routed.duplicated,
					detail: { refs, filed: filed.length, ...routed.detail },
				});
			} finally {
				await cluster.stop();
			}
		});

		// R8: the instance running the check dies after its first post (the channel announcement); its lock stays
		// for 10 minutes, then another instance takes the job; the dead one is restarted meanwhile.
		await scenarios(
			'an instance killed mid-delivery and restarted; records and job documents inserted twice',
			async (delay, seed, remember) => {
				const cluster = await watching(INSTANCES, delay, seed);
				try {
					cluster.dieAfterEffects(2, 1);
					await cluster.advance(HOUR, { scanners: [2] });
					expect(cluster.isAlive(2)).toBe(false);
					await cluster.restart(2);
					figures.restarts++;
					await cluster.advance(HOUR);
					const announced = announcementLedger(cluster, ['bob', 'alice']);
					figures.announcements_lost += announced.lost;
					figures.announcements_duplicated += announced.duplicated;
					remember('an instance killed mid-delivery and restarted', announced);

					// R9, R10: one record where two were written. The next upsert of a missing record inserts twice (bob
					// unsubscribes and subscribes again: two subscriber records), and the check job's document, missing,
					// is inserted twice by the upsert of the interval change (two recurring documents: two runners each
					// interval, until the self-heal).
					const earlier = changeIdsOf(cluster);
					await cluster.command('bob', 'general', '/subprocessors unsubscribe', { on: 1 });
					cluster.upsertInsertsTwice = 1;
					await cluster.command('bob', 'general', '/subprocessors subscribe', { on: 2 });
					// Every instance runs the app's settings hook (an upsert, never a cancel): the first one inserts.
					cluster.agenda.cancel(`check-list_${cluster.appId}`);
					cluster.agenda.doubleInsertSingle = 1;
					await cluster.setSetting('check_interval', '15', { on: 1 });
					await cluster.settle();
					cluster.http.on(URL, { status: 200, body: V3 });
					// The change is found 15 minutes in, by both check documents at once, and two delivery runs may
					// fence each other: the one stopped leaves its delivery "attempted", taken up again once settled
					// (2 minutes of the app's real clock, or 2 ticks of the 5-minute recurring run — here the ticks).
					// Late is not lost: the window covers the settle ticks after the change.
					await cluster.advance(30 * 60_000);
					const twice = announcementLedger(cluster, ['bob', 'alice'], earlier);
					figures.announcements_lost += twice.lost;
					figures.announcements_duplicated += twice.duplicated;
					remember('records and job documents inserted twice', {
						...twice,
						detail: {
							...twice.detail,
							checkDocuments: cluster.agenda.docs.filter((d) => d.name.startsWith('check-list_')).length,
						},
					});
				} finally {
					await cluster.stop();
				}
			},
		);
	}, 900_000);

	// ---- what holds even on today's app ----
	const noneLost = (name: string) => () => {
		expect(results[name]?.map((r) => ({ lost: r.lost, detail: r.detail }))).toEqual(
			results[name]?.map((r) => ({ lost: 0, detail: r.detail })),
		);
	};
	test('an instance killed mid-delivery and restarted: no announcement lost', noneLost('an instance killed mid-delivery and restarted'));
	test('two objections filed at once on two instances: both stored', () => {
		const outcomes = results['objections and team actions on different instances'] ?? [];
		expect(outcomes.map((r) => (r.detail as { filed: number }).filed)).toEqual(DELAYS.map(() => 2));
	});
	test('an admin alert from two instances: the admin is told', noneLost('an admin alert from two instances'));

	// ---- exactly once, nothing lost: issue 14's goal ----
	// Today's app duplicates in these races (R1 and R2 most of the time: the same announcement posted by the handler
	// and by the job; R4, R6, R7 and R9 now and then), and can even LOSE an announcement (R1/R2: one side's blind
	// write of the change record drops the other's pending delivery; seen in a quick run: a change recorded and
	// announced nowhere). A race that shows up only sometimes cannot be a `test.failing`, so these are skipped until
	// the store-first, one-job delivery of issue 14 lands: set DELIVERY_IS_EXACTLY_ONCE to true then. Their figures
	// are reported either way (`npm run reliability`).
	const exactlyOnce = DELIVERY_IS_EXACTLY_ONCE ? test : test.skip;
	const noDuplicates = (name: string) => () => {
		expect(results[name]?.map((r) => ({ duplicated: r.duplicated, detail: r.detail }))).toEqual(
			results[name]?.map((r) => ({ duplicated: 0, detail: r.detail })),
		);
	};
	exactlyOnce('sync racing the job: no announcement lost (issue 14)', noneLost('sync racing the job'));
	exactlyOnce('push racing the job: no announcement lost (issue 14)', noneLost('push racing the job'));
	exactlyOnce(
		'records and job documents inserted twice: no announcement lost (issue 14)',
		noneLost('records and job documents inserted twice'),
	);
	exactlyOnce(
		'two objections filed at once on two instances: each with its own reference (issue 14, R5)',
		noneLost('objections and team actions on different instances'),
	);
	exactlyOnce('sync racing the job: no announcement duplicated (issue 14)', noDuplicates('sync racing the job'));
	exactlyOnce('push racing the job: no announcement duplicated (issue 14)', noDuplicates('push racing the job'));
	exactlyOnce(
		'an instance killed mid-delivery and restarted: no announcement duplicated (issue 14)',
		noDuplicates('an instance killed mid-delivery and restarted'),
	);
	exactlyOnce(
		'records and job documents inserted twice: no announcement duplicated (issue 14)',
		noDuplicates('records and job documents inserted twice'),
	);
	exactlyOnce(
		'objections and team actions on different instances: no route duplicated (issue 14)',
		noDuplicates('objections and team actions on different instances'),
	);
	exactlyOnce('an admin alert from two instances: sent once (issue 14)', noDuplicates('an admin alert from two instances'));
});
