// A soak in simulated time: the list changes every few days, the source fails one hour in ten (server errors,
// network errors, an HTML page, an invalid list). Exactly one announcement per change (channel and subscriber),
// one alert per distinct problem and one "works again" per recovery, stored records grow only with real changes.
import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';

import type { HttpFixtureResponse } from '../../workspace/src/Workspace';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { DAY, HOUR, report, SEED, size } from './support';

const URL = 'https://lists.example/subprocessors.yaml';
const BASE = parse(readFileSync(path.join(__dirname, '..', 'engine', 'fixtures', 'lists', 'v1.yaml'), 'utf8'));

/** The list after `k` changes: vendors added, one removed now and then, a purpose edited now and then. */
function version(k: number): string {
	const list = JSON.parse(JSON.stringify(BASE));
	const day = new Date(Date.UTC(2024, 0, 1) + k * DAY).toISOString().slice(0, 10);
	list.updated = day;
	for (let i = 1; i <= k; i++) {
		if (i % 3 === 0 && i >= 3) list.subprocessors = list.subprocessors.filter((e: { id?: string }) => e.id !== `soak-${i - 2}`);
		list.subprocessors.push({
			name: `Soak Vendor ${i}`,
			id: `soak-${i}`,
			category: 'service',
			purpose: `Soak purpose ${i}`,
			locations: ['Germany'],
		});
		if (i % 4 === 0) list.subprocessors.find((e: { name: string }) => e.name === 'Stripe').purpose = `Billing platform, revision ${i}`;
	}
	return stringify(list);
}

/** [kind, response, transient]: transient problems (network, server errors) are told only when the next check fails too. */
const FAILURES: Array<[string, HttpFixtureResponse, boolean]> = [
	['http 500', { status: 500, body: 'oops' }, true],
	['http 503', { status: 503, body: '' }, true],
	['network', { error: 'connect ECONNREFUSED' }, true],
	['html', { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><p>Sign in</p>' }, false],
	['invalid list', { status: 200, body: version(0).replace('category: service', 'category: servce') }, false],
];

/**
 * Records other than the delivery job's (delivery records grow with changes and alerts: counted separately; its
 * runner, cursor and daily-pass records, one `job-doc` per job document and the retention pass's marker are a
 * fixed few, each rewritten in place) and the list bodies (a whole list, and from the first change a delta of it:
 * one or two, checked separately).
 */
const lasting = (ws: Workspace) =>
	ws
		.records()
		.filter(
			(r) =>
				!r.associations.some((a: { id: string }) =>
					/^(delivery(-runner|-cursor|-maintenance)?|job-doc|objection-retention|list-body)$/.test(a.id),
				),
		);
const listBodies = (ws: Workspace) => ws.records().filter((r) => r.associations.some((a: { id: string }) => a.id === 'list-body')).length;
const deliveries = (ws: Workspace) =>
	ws
		.records()
		.filter((r) => r.associations.some((a: { id: string }) => a.id === 'delivery'))
		.map((r) => r.data as { key: string; handler: string; state: string });

test('simulated days: one announcement per change, no alert storms, records grow only with changes', async () => {
	const days = size(7, 60);
	const hours = days * 24;
	const rng = fc.sample(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.nat(FAILURES.length - 1), fc.integer({ min: 1, max: 4 })), {
		seed: SEED,
		numRuns: hours,
	});
	const ws = await Workspace.start({ zip: appZip() });
	try {
		ws.http.on(URL, { status: 200, body: version(0) });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		await ws.command('bob', 'general', '/subprocessors subscribe');
		const start = ws.mark();
		const baseRecords = lasting(ws).length;
		const baseDeliveries = deliveries(ws);

		let k = 0;
		let nextChangeAt = 24 * size(1, 2) + rng[0][2] * 12;
		let accepted = 0;
		let pendingChange = false;
		let expectedAlerts = 0;
		let alerted: string | undefined;
		let lastFailed = false;
		let failingHours = 0;
		let recordGrowthWithoutChange = 0;
		for (let h = 1; h <= hours; h++) {
			if (h >= nextChangeAt) {
				k++;
				pendingChange = true;
				nextChangeAt = h + 24 * size(1, 2) + rng[h - 1][2] * 12;
			}
			const [dice, which] = rng[h - 1];
			const failing = dice === 0;
			// The admins' alerts, as the README states them: each distinct problem once (a transient one only when
			// the check before failed too), and "works again" after a problem they were told about.
			if (failing) {
				failingHours++;
				const [kind, response, transient] = FAILURES[which];
				ws.http.on(URL, response);
				if (alerted !== kind && (!transient || lastFailed)) {
					expectedAlerts++;
					alerted = kind;
				}
				lastFailed = true;
			} else {
				ws.http.on(URL, { status: 200, body: version(k) });
				if (lastFailed && alerted !== undefined) expectedAlerts++; // "works again"
				alerted = undefined;
				lastFailed = false;
			}
			const runs = await ws.advance(HOUR);
			expect(runs.filter((r) => r.error)).toEqual([]);
			if (!failing && pendingChange) {
				pendingChange = false;
				accepted++;
			}
			const growth = lasting(ws).length - baseRecords;
			if (growth !== accepted) recordGrowthWithoutChange++;
			expect({ h, growth }).toEqual({ h, growth: accepted });
			expect({ h, bodies: listBodies(ws) }).toEqual({ h, bodies: accepted === 0 ? 1 : expect.any(Number) });
			expect(listBodies(ws)).toBeLessThanOrEqual(2);
		}

		const channel = ws
			.seen('admin', start)
			.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'));
		const toBob = ws.seen('bob', start).filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'));
		const alerts = ws.seen('admin', start).filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'));
		const lost = Math.max(0, accepted - channel.length) + Math.max(0, accepted - toBob.length);
		const doubled = Math.max(0, channel.length - accepted) + Math.max(0, toBob.length - accepted);
		report(__filename, {
			sum: {
				soak_days: days,
				soak_checks: hours,
				soak_changes: accepted,
				soak_failing_hours: failingHours,
				soak_alerts: alerts.length,
				announcements_lost: lost,
				announcements_duplicated: doubled,
				records_grown_without_change: recordGrowthWithoutChange,
				errors: ws.errors.length,
			},
		});
		console.log(
			`soak: ${days} days, ${accepted} changes, ${failingHours} failing hours, ${channel.length} announcements, ${alerts.length} alerts (expected ${expectedAlerts})`,
		);
		expect(accepted).toBeGreaterThanOrEqual(size(2, 12));
		expect(failingHours).toBeGreaterThan(0);
		expect(channel).toHaveLength(accepted);
		expect(toBob).toHaveLength(accepted);
		expect(alerts).toHaveLength(expectedAlerts);
		// No storm: never more than two alerts (problem, works again) per failing hour.
		expect(alerts.length).toBeLessThanOrEqual(2 * failingHours);
		// Delivery records: one per target of each change (channel, bob) and one per alert sent; none left open.
		const sent = deliveries(ws).filter((d) => !baseDeliveries.some((b) => b.key === d.key));
		expect(sent.filter((d) => d.state !== 'done')).toEqual([]);
		expect(sent.filter((d) => d.handler === 'announcement')).toHaveLength(2 * accepted);
		expect(sent.filter((d) => d.handler === 'alert')).toHaveLength(alerts.length);
		expect(ws.errors).toEqual([]);
	} finally {
		await ws.stop();
	}
});

test('a change that is reverted and made again is announced every time (A → B → A → B)', async () => {
	// The change record's id is derived from the old and new fingerprints, so the second A → B has the id of
	// the first: found as "already recorded and delivered", it is never announced.
	const ws = await Workspace.start({ zip: appZip() });
	try {
		const a = version(0);
		const b = version(1);
		ws.http.on(URL, { status: 200, body: a });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		const mark = ws.mark();
		for (const body of [b, a, b]) {
			ws.http.on(URL, { status: 200, body });
			await ws.advance(HOUR);
			// A is older than B: going back to it is held until an admin confirms.
			if (body === a) await ws.command('admin', 'general', '/subprocessors sync confirm');
		}
		const channel = ws
			.seen('admin', mark)
			.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'));
		report(__filename, { sum: { announcements_lost: Math.max(0, 3 - channel.length) } });
		expect(channel.map((e) => (e.text.includes('Soak Vendor 1') ? (e.text.includes('*Added') ? 'added' : 'removed') : '?'))).toEqual([
			'added',
			'removed',
			'added',
		]);
	} finally {
		await ws.stop();
	}
});
