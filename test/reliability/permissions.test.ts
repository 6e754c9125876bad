// The permission matrix: every privileged subcommand, button and modal × alice, bob (members), dpo (privacy
// team), admin. Only the intended ones succeed; every refusal says so and changes nothing.
// The HTTP endpoints × an unauthenticated caller (no user: `ws.endpoint` is always anonymous): the feeds answer
// only when public feeds are on; the push only with a secret set and the right signature. Refusals change nothing.
import { signedHeaders } from '../../src/features/watch/signature';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { LONG, recordsOfKind, report, stateSnapshot } from './support';

const GROUNDS = 'Stripe processes card data in the United States; our contract requires EU-only processing.';
const VALID = {
	name: 'Bob Example',
	company: 'ACME GmbH',
	service: 'Marketplace',
	subprocessor: 'stripe',
	grounds: GROUNDS,
	email: 'bob@acme.example',
};
const URL = 'https://lists.example/subprocessors.yaml';
const USERS = ['alice', 'bob', 'dpo', 'admin'] as const;
type Who = (typeof USERS)[number];

interface Row {
	what: string;
	allowed: Who[];
	/** Runs the action as `user`; the objection's reference is given. */
	run: (ws: Workspace, user: Who, ref: string) => Promise<unknown>;
	/** The refusal the user must be told (matched against notifications/DMs or the modal's field error). */
	refusal: RegExp;
}

const ADMIN_ONLY = /Only workspace admins|Nur Workspace-Admins|Apenas administradores/i;
const TEAM_ONLY = /Only members of the privacy team|Nur Mitglieder des Raums des Datenschutzteams|Apenas membros/i;
const roomOf = (user: Who) => (user === 'dpo' || user === 'admin' ? 'privacy-team' : 'general');

const ROWS: Row[] = [
	{
		what: '/subprocessors sync',
		allowed: ['admin'],
		refusal: ADMIN_ONLY,
		run: (ws, u) => ws.command(u, 'general', '/subprocessors sync'),
	},
	{
		what: '/subprocessors sync confirm',
		allowed: ['admin'],
		refusal: ADMIN_ONLY,
		run: (ws, u) => ws.command(u, 'general', '/subprocessors sync confirm'),
	},
	{
		what: '/subprocessors status',
		allowed: ['admin'],
		refusal: ADMIN_ONLY,
		run: (ws, u) => ws.command(u, 'general', '/subprocessors status'),
	},
	{
		what: '/subprocessors share status',
		allowed: ['admin'],
		refusal: ADMIN_ONLY,
		run: (ws, u) => ws.command(u, 'general', '/subprocessors share status'),
	},
	{
		what: '/subprocessors objections',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u) => ws.command(u, roomOf(u), '/subprocessors objections'),
	},
	{
		what: '/subprocessors objections all',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u) => ws.command(u, roomOf(u), '/subprocessors objections all'),
	},
	{
		what: '/subprocessors objections REF',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u, ref) => ws.command(u, roomOf(u), `/subprocessors objections ${ref}`),
	},
	{
		what: 'button objection-ack',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u, ref) => ws.forgeAction(u, roomOf(u), 'objection-ack', ref),
	},
	{
		what: 'button objection-resolve',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u, ref) => ws.forgeAction(u, roomOf(u), 'objection-resolve', ref),
	},
	{
		what: 'button objection-reject',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u, ref) => ws.forgeAction(u, roomOf(u), 'objection-reject', ref),
	},
	{
		what: 'note modal objection-note:resolved',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u, ref) => ws.forgeSubmit(u, `objection-note:resolved:${ref}`, { note: 'Done.' }),
	},
	{
		what: 'note modal objection-note:rejected',
		allowed: ['dpo', 'admin'],
		refusal: TEAM_ONLY,
		run: (ws, u, ref) => ws.forgeSubmit(u, `objection-note:rejected:${ref}`, { note: 'No.' }),
	},
];

let refusals = 0;
let refusalsThatChangedState = 0;
let cells = 0;
afterAll(() =>
	report(__filename, {
		sum: { permission_cells: cells, refusals_checked: refusals, refusals_that_changed_state: refusalsThatChangedState },
	}),
);

/** A fresh workspace per cell: an objection filed by bob, a held list waiting for `sync confirm`. */
async function setup(): Promise<{ ws: Workspace; ref: string }> {
	const ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
	await ws.advance(0);
	const { readFileSync } = await import('fs');
	const v1 = readFileSync(`${__dirname}/../engine/fixtures/lists/v1.yaml`, 'utf8');
	ws.http.on(URL, { status: 200, body: v1 });
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
	// A list that drops most entries is held: `sync confirm` has something to accept.
	ws.http.on(URL, {
		status: 200,
		body: v1.replace(/subprocessors:\n[\s\S]*$/, 'subprocessors:\n  - name: Stripe\n    category: service\n'),
	});
	await ws.advance(3600_000);
	await ws.command('bob', 'general', '/subprocessors object stripe');
	await ws.submitView('bob', VALID);
	const ref = (recordsOfKind(ws, 'objection')[0].data as { ref: string }).ref;
	return { ws, ref };
}

/**
 * Long run: a fresh workspace per cell. Quick run: one workspace for the whole matrix (AppManager is a singleton):
 * refusals must change nothing, which each cell checks; an allowed objection action gets a fresh objection.
 */
const shared = new Map<string, Promise<{ ws: Workspace; ref: string }>>();
let filed = 0;
async function workspaceFor(user: Who, allowed: boolean, row: Row): Promise<{ ws: Workspace; ref: string; done: () => Promise<void> }> {
	if (LONG) {
		const fresh = await setup();
		return { ...fresh, done: () => fresh.ws.stop() };
	}
	const key = 'matrix';
	if (!shared.has(key)) shared.set(key, setup());
	const { ws, ref } = await (shared.get(key) as Promise<{ ws: Workspace; ref: string }>);
	if (allowed && /^(button|note modal)/.test(row.what)) {
		// Each user may file 5 objections an hour: spread the fresh ones over four objectors.
		const objector = USERS[filed++ % USERS.length];
		await ws.command(objector, 'general', '/subprocessors object stripe');
		expect(await ws.submitView(objector, { ...VALID, grounds: `${GROUNDS} (${filed})` })).not.toMatchObject({ type: 'errors' });
		const all = recordsOfKind(ws, 'objection').map((r) => r.data as { ref: string; filedAt: string });
		// The newest: references are random, so by filing time.
		return {
			ws,
			ref: all.sort((a, b) => (a.filedAt < b.filedAt ? 1 : a.filedAt > b.filedAt ? -1 : 0))[0].ref,
			done: async () => undefined,
		};
	}
	return { ws, ref, done: async () => undefined };
}
afterAll(async () => {
	for (const p of shared.values()) await (await p).ws.stop();
});

describe.each(ROWS.map((r) => [r.what, r] as const))('%s', (_what, row) => {
	test.each(USERS.map((u) => [u, row.allowed.includes(u)] as const))('as %s: allowed=%s', async (user, allowed) => {
		const { ws, ref, done } = await workspaceFor(user, allowed, row);
		try {
			cells++;
			const errorsBefore = ws.errors.length;
			const before = stateSnapshot(ws, user);
			const mark = ws.mark();
			const response = (await row.run(ws, user, ref)) as { type?: string; errors?: Record<string, string> } | undefined;
			ws.world.modals.delete(ws.user(user).username);
			const told = [...ws.seen(user, mark).map((e) => e.text), ...Object.values(response?.errors ?? {})].join('\n');
			expect(ws.errors.slice(errorsBefore)).toEqual([]);
			if (allowed) {
				expect(told).not.toMatch(row.refusal);
				expect(response?.type).not.toBe('errors');
			} else {
				refusals++;
				const changed = stateSnapshot(ws, user) !== before;
				if (changed) refusalsThatChangedState++;
				expect({ told: row.refusal.test(told), changed }).toEqual({ told: true, changed: false });
				expect(ws.seen(user, mark).filter((e) => e.kind === 'modal' && e.action === 'open')).toEqual([]);
			}
		} finally {
			await done();
		}
	});
});

// ---- the HTTP endpoints × an unauthenticated caller ------------------------------------------------------------

describe('HTTP endpoints, unauthenticated caller', () => {
	const SECRET = 'permissions-test-shared-secret';
	const READS = ['/subprocessors.json', '/subprocessors.csv', '/changes.atom', '/changes.rss', '/changes.json'];
	let ws: Workspace;
	let v2: string;
	const announcements = () =>
		ws
			.seen('admin')
			.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'));
	/** A push as the README sends it: JSON {"list": …} with the given (signature) headers. */
	const push = (list: string, headers: Record<string, string> = {}) =>
		ws.endpoint('POST', '/update', { 'content-type': 'application/json', ...headers }, JSON.stringify({ list }));

	beforeAll(async () => {
		const { readFileSync } = await import('fs');
		v2 = readFileSync(`${__dirname}/../engine/fixtures/lists/v2.yaml`, 'utf8');
		ws = await Workspace.start({ zip: appZip() });
		await ws.advance(0);
	});
	afterAll(async () => ws?.stop());

	/**
	 * What a refused call must not change. A signed but invalid list (422) is the documented exception: like a bad
	 * source, it updates the check status and alerts the admins once (the alert's delivery records, the delivery
	 * job's runner record; the last good list and the changes stay), and its signature is remembered so the same
	 * request can't be replayed.
	 */
	const snapshot = (invalidList: boolean) => {
		const s = JSON.parse(stateSnapshot(ws));
		if (!invalidList) return JSON.stringify(s);
		// The admins' alert is recorded as delivery records and sent by the delivery job (its runner record moves).
		const alertBookkeeping = (r: string) =>
			r.includes('"handler":"alert"') || r.includes('"delivery-runner"') || r.includes('"delivery-cursor"');
		s.records = s.records.filter((r: string) => !r.includes('"check-status"') && !r.includes('"seen-pushes"') && !alertBookkeeping(r));
		s.messages = s.messages.filter((m: string) => !m.includes('The sub-processor list source has a problem'));
		return JSON.stringify(s);
	};

	/** One cell: the answer's status, and for a refusal, no stored record, message, job or e-mail changed. */
	async function cell(what: string, status: number, run: () => Promise<{ status: number }>): Promise<void> {
		cells++;
		const errorsBefore = ws.errors.length;
		const before = snapshot(status === 422);
		const announced = announcements().length;
		const response = await run();
		expect({ what, status: response.status }).toEqual({ what, status });
		expect(ws.errors.slice(errorsBefore)).toEqual([]);
		if (status >= 400) {
			refusals++;
			const changed = snapshot(status === 422) !== before || announcements().length !== announced;
			if (changed) refusalsThatChangedState++;
			expect({ what, changed }).toEqual({ what, changed: false });
		}
	}

	test.each(READS)('GET %s with public feeds off: 404', async (p) => {
		await ws.setSetting('public_feeds', false);
		await cell(`GET ${p} (off)`, 404, () => ws.endpoint('GET', p));
	});
	test.each(READS)('GET %s with public feeds on: 200', async (p) => {
		await ws.setSetting('public_feeds', true);
		await cell(`GET ${p} (on)`, 200, () => ws.endpoint('GET', p));
	});
	test('POST update with no secret set: 404 (even correctly signed)', async () => {
		await ws.setSetting('update_secret', '');
		await cell('POST update (no secret)', 404, () => push(v2, signedHeaders(v2, SECRET)));
		// A secret too short to be one counts as none.
		await ws.setSetting('update_secret', 'short-secret');
		await cell('POST update (short secret)', 404, () => push(v2, signedHeaders(v2, 'short-secret')));
	});
	describe('with the secret set', () => {
		beforeAll(async () => ws.setSetting('update_secret', SECRET));
		test.each([
			['missing signature', 401, () => push(v2)],
			['wrong signature', 401, () => push(v2, signedHeaders(v2, 'another-secret-of-some-length'))],
			['signature of another body', 401, () => push(v2, signedHeaders(`${v2}\n# more`, SECRET))],
			[
				'malformed signature',
				401,
				() =>
					push(v2, {
						'x-subprocessors-timestamp': String(Math.floor(Date.now() / 1000)),
						'x-subprocessors-signature': 'sha256=zz',
					}),
			],
			['signed 10 minutes ago', 401, () => push(v2, signedHeaders(v2, SECRET, Date.now() - 600_000))],
			[
				'a YAML body (signed)',
				415,
				() => ws.endpoint('POST', '/update', { 'content-type': 'application/yaml', ...signedHeaders(v2, SECRET) }, v2),
			],
			[
				'oversized body (signed)',
				413,
				() => {
					const huge = `# ${'x'.repeat(5 * 1024 * 1024)}\n${v2}`;
					return push(huge, signedHeaders(huge, SECRET));
				},
			],
			[
				'invalid list (signed)',
				422,
				() => {
					const bad = v2.replace('category: partners\n    purpose: Translation', 'category: partner\n    purpose: Translation');
					return push(bad, signedHeaders(bad, SECRET));
				},
			],
			[
				'no list in a JSON body (signed)',
				400,
				() =>
					ws.endpoint(
						'POST',
						'/update',
						{ 'content-type': 'application/json', ...signedHeaders('', SECRET) },
						JSON.stringify({ other: v2 }),
					),
			],
		] as Array<[string, number, () => Promise<{ status: number }>]>)('%s: %s', async (what, status, run) => {
			await cell(`POST update (${what})`, status, run);
		});
		test('correct signature: 200, announced once; the same request again is a replay: 409', async () => {
			const headers = signedHeaders(v2, SECRET);
			await cell('POST update (correct signature)', 200, () => push(v2, headers));
			expect(announcements()).toHaveLength(1);
			await cell('POST update (replayed)', 409, () => push(v2, headers));
		});
	});
});
