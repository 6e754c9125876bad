// Fault injection at each bridge call the app makes: persistence writes and removes, message posts and edits,
// e-mail, HTTP, the scheduler. Each fails on its first call, or on every call for an hour, or after the effect
// happened (the write or post went through, the app saw an error), with and without a process restart (the engine
// kills and respawns the app's Deno process; the server's state stays) before the next step. Afterwards, with no
// help: no objection lost, no announcement lost or doubled, no error.
import { readFileSync } from 'fs';
import * as path from 'path';

import { injectFault, type FaultPlan } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, VALID_OBJECTION as VALID } from '../engine/helpers';
import { HOUR, LONG, recordsOfKind, report } from './support';

const LISTS = path.join(__dirname, '..', 'engine', 'fixtures', 'lists');
const URL = 'https://lists.example/subprocessors.yaml';

type Bridge = 'persistence' | 'messages' | 'email' | 'httpBridge' | 'scheduler';
interface Point {
	bridge: Bridge;
	method: string;
}
type Mode = 'first call' | 'every call for an hour' | 'first call, after the effect';

const figures = {
	faults_injected: 0,
	fault_scenarios: 0,
	objections_lost: 0,
	announcements_lost: 0,
	announcements_duplicated: 0,
	errors: 0,
	restarts: 0,
	objection_emails_duplicated: 0,
	objection_dms_duplicated: 0,
};
afterAll(() => report(__filename, { sum: figures }));

function plan(ws: Workspace, mode: Mode): FaultPlan {
	if (mode === 'every call for an hour') {
		// From now to past the next hourly check (and the 10-minute delivery retries in between).
		const until = ws.now.getTime() + HOUR + HOUR / 2;
		return { when: () => ws.now.getTime() < until };
	}
	return { times: 1, after: mode === 'first call, after the effect' };
}

const MODES: Mode[] = ['first call', 'every call for an hour', 'first call, after the effect'];

// ---- announcements ---------------------------------------------------------------------------------------------

const ANNOUNCE_POINTS: Point[] = [
	{ bridge: 'persistence', method: 'updateByAssociations' },
	{ bridge: 'persistence', method: 'removeByAssociations' },
	{ bridge: 'messages', method: 'create' },
	{ bridge: 'httpBridge', method: 'call' },
];

/** Long: every point × mode, with and without a restart. Quick: every point × mode, restarting every other case. */
function cases(points: Point[]) {
	return points.flatMap((p, i) =>
		MODES.flatMap((m, j) =>
			(LONG ? [false, true] : [(i + j) % 2 === 1]).map(
				(r) => [`${p.bridge}.${p.method}`, m, r ? 'restart' : 'no restart', p, m, r] as const,
			),
		),
	);
}
const announceCases = cases(ANNOUNCE_POINTS);

describe('a change announced while a bridge call fails', () => {
	test.each(announceCases)('%s fails (%s), %s', async (_name, _m, _r, point, mode, restart) => {
		const ws = await Workspace.start({ zip: appZip() });
		try {
			ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8') });
			await ws.setSetting('list_source_url', URL);
			await ws.advance(0);
			await ws.command('bob', 'general', '/subprocessors subscribe');
			const mark = ws.mark();
			ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8') });

			const fault = injectFault(ws.bridges[point.bridge], point.method, plan(ws, mode));
			await ws.advance(HOUR); // the check runs into the fault
			if (restart) {
				await ws.restartRuntime();
				figures.restarts++;
			}
			await ws.advance(HOUR); // within the hour-long fault for that mode
			fault.restore();
			figures.faults_injected += fault.failed;
			figures.fault_scenarios++;
			expect(fault.failed).toBeGreaterThan(0);
			const errorsBefore = ws.errors.length;
			await ws.advance(3 * HOUR); // recovers by itself

			const channel = ws
				.seen('admin', mark)
				.filter(
					(e) =>
						e.kind === 'message' &&
						e.room === 'subprocessor-updates' &&
						e.text.includes('updated its sub-processor list') &&
						!e.edited,
				);
			const toBob = ws.seen('bob', mark).filter((e) => e.kind === 'message' && e.room?.startsWith('dm:') && !e.edited);
			figures.announcements_lost += Math.max(0, 1 - channel.length) + Math.max(0, 1 - toBob.length);
			figures.announcements_duplicated += Math.max(0, channel.length - 1) + Math.max(0, toBob.length - 1);
			figures.errors += ws.errors.length - errorsBefore;
			expect({ channel: channel.length, subscriber: toBob.length, errorsAfterRecovery: ws.errors.slice(errorsBefore) }).toEqual({
				channel: 1,
				subscriber: 1,
				errorsAfterRecovery: [],
			});
			// Answers come from the new list.
			const ask = ws.mark();
			await ws.command('alice', 'general', '/subprocessors show Müller');
			expect(ws.seen('alice', ask)[0].text).toContain('Translation of support tickets');
		} finally {
			await ws.stop();
		}
	});
});

// ---- objections ------------------------------------------------------------------------------------------------

const OBJECTION_POINTS: Point[] = [
	{ bridge: 'persistence', method: 'updateByAssociations' },
	{ bridge: 'messages', method: 'create' },
	{ bridge: 'messages', method: 'update' },
	{ bridge: 'email', method: 'sendEmail' },
];
const objectionCases = cases(OBJECTION_POINTS);

describe('an objection filed and worked while a bridge call fails', () => {
	test.each(objectionCases)('%s fails (%s), %s', async (_name, _m, _r, point, mode, restart) => {
		const ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
		try {
			await ws.advance(0);
			await ws.command('alice', 'general', '/subprocessors object stripe');
			const fault = injectFault(ws.bridges[point.bridge], point.method, plan(ws, mode));
			// The objector submits; told of a failure (the modal stays open), they submit again, as a person would.
			let response = await ws.submitView('alice', VALID);
			if (response?.type === 'errors' && ws.modal('alice')) response = await ws.submitView('alice', VALID);
			if (restart) {
				await ws.restartRuntime();
				figures.restarts++;
			}
			// The team acknowledges from the card while the fault may still be on.
			await ws.advance(HOUR / 2);
			let ref = (recordsOfKind(ws, 'objection')[0]?.data as { ref: string } | undefined)?.ref;
			let ackTold = '';
			if (ref) {
				const m = ws.mark();
				await ws.forgeAction('dpo', 'privacy-team', 'objection-ack', ref);
				ackTold = ws
					.seen('dpo', m)
					.map((e) => e.text)
					.join('\n');
			}
			await ws.advance(HOUR);
			fault.restore();
			// People who were told it failed try again once things work: the objector (modal still open), the team.
			if (ws.modal('alice')) await ws.submitView('alice', VALID);
			ref = (recordsOfKind(ws, 'objection')[0]?.data as { ref: string } | undefined)?.ref;
			const ackConfirmed = /is now acknowledged/.test(ackTold);
			if (ref && !ackConfirmed) await ws.forgeAction('dpo', 'privacy-team', 'objection-ack', ref);
			figures.faults_injected += fault.failed;
			figures.fault_scenarios++;
			expect(fault.failed).toBeGreaterThan(0);
			const errorsBefore = ws.errors.length;
			await ws.advance(3 * HOUR);

			const stored = recordsOfKind(ws, 'objection').map((r) => r.data as { ref: string });
			// The status is folded from the team's action records; routes are delivery records of the objection.
			const acted = recordsOfKind(ws, 'objection-action').map((r) => (r.data as { action: string }).action);
			const routes = recordsOfKind(ws, 'delivery')
				.map((r) => r.data as { key: string; state: string })
				.filter((d) => stored[0] && d.key.startsWith(`obj:${stored[0].ref}:`));
			const cards = ws
				.seen('dpo')
				.filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-') && !e.edited);
			const confirmations = ws
				.seen('alice')
				.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:') && /We received your objection/.test(e.text));
			figures.objections_lost += Math.max(0, 1 - stored.length);
			figures.objection_emails_duplicated += Math.max(0, ws.outbox.length - 1);
			figures.objection_dms_duplicated += Math.max(0, confirmations.length - 1);
			figures.errors += ws.errors.length - errorsBefore;
			expect({
				stored: stored.length,
				status: acted.includes('acknowledged') ? 'acknowledged' : 'open',
				teamCards: cards.length,
				emailed: ws.outbox.length >= 1,
				confirmed: confirmations.length >= 1,
				// A delivery may have a stale copy beside its current one (docs/multi-instance.md 3.2): done if any copy is.
				undelivered: [...new Set(routes.map((d) => d.key))].filter(
					(key) => !routes.some((d) => d.key === key && d.state === 'done'),
				),
				errorsAfterRecovery: ws.errors.slice(errorsBefore),
			}).toEqual({
				stored: 1,
				status: 'acknowledged',
				teamCards: 1,
				emailed: true,
				confirmed: true,
				undelivered: [],
				errorsAfterRecovery: [],
			});
		} finally {
			await ws.stop();
		}
	});
});

// ---- the scheduler ---------------------------------------------------------------------------------------------

describe('the scheduler refuses a call', () => {
	test.each([
		['scheduleRecurring', 'check_interval', '15'],
		// The app no longer cancels the check job (an upsert registers it again, R3): the prompt check's once-job fails instead.
		['scheduleOnce', 'check_interval', '360'],
		['scheduleOnce', 'list_source_url', URL],
	])('%s fails when %s changes: changes are still announced, by the app alone', async (method, setting, value) => {
		const ws = await Workspace.start({ zip: appZip() });
		try {
			ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8') });
			await ws.setSetting('list_source_url', URL);
			await ws.advance(0);
			const mark = ws.mark();
			const fault = injectFault(ws.bridges.scheduler, method, { times: 1 });
			await ws.setSetting(setting, value).catch(() => undefined); // the settings page reports the failure
			fault.restore();
			figures.faults_injected += fault.failed;
			figures.fault_scenarios++;
			expect(fault.failed).toBe(1);
			ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8') });
			await ws.advance(25 * HOUR);
			const channel = ws
				.seen('admin', mark)
				.filter(
					(e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'),
				);
			figures.announcements_lost += Math.max(0, 1 - channel.length);
			expect({
				announced: channel.length,
				checkJobs: ws.bridges.scheduler.jobs.filter((j) => j.name.startsWith('check-list_')).length,
			}).toEqual({ announced: 1, checkJobs: 1 });
		} finally {
			await ws.stop();
		}
	});
});
