// The permission matrix: every privileged subcommand, button and modal × alice, bob (members), dpo (privacy
// team), admin. Only the intended ones succeed; every refusal says so and changes nothing.
// TODO(feeds/endpoints): add the app's HTTP endpoints and an unauthenticated HTTP caller as a row/column here.
import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { LONG, recordsOfKind, report, stateSnapshot } from './support';

const GROUNDS = 'Stripe processes card data in the United States; our contract requires EU-only processing.';
const VALID = { name: 'Bob Example', company: 'ACME GmbH', service: 'Marketplace', subprocessor: 'stripe', grounds: GROUNDS, email: 'bob@acme.example' };
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
	{ what: '/subprocessors sync', allowed: ['admin'], refusal: ADMIN_ONLY, run: (ws, u) => ws.command(u, 'general', '/subprocessors sync') },
	{ what: '/subprocessors sync confirm', allowed: ['admin'], refusal: ADMIN_ONLY, run: (ws, u) => ws.command(u, 'general', '/subprocessors sync confirm') },
	{ what: '/subprocessors status', allowed: ['admin'], refusal: ADMIN_ONLY, run: (ws, u) => ws.command(u, 'general', '/subprocessors status') },
	{ what: '/subprocessors share status', allowed: ['admin'], refusal: ADMIN_ONLY, run: (ws, u) => ws.command(u, 'general', '/subprocessors share status') },
	{ what: '/subprocessors objections', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u) => ws.command(u, roomOf(u), '/subprocessors objections') },
	{ what: '/subprocessors objections all', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u) => ws.command(u, roomOf(u), '/subprocessors objections all') },
	{ what: '/subprocessors objections REF', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u, ref) => ws.command(u, roomOf(u), `/subprocessors objections ${ref}`) },
	{ what: 'button objection-ack', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u, ref) => ws.forgeAction(u, roomOf(u), 'objection-ack', ref) },
	{ what: 'button objection-resolve', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u, ref) => ws.forgeAction(u, roomOf(u), 'objection-resolve', ref) },
	{ what: 'button objection-reject', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u, ref) => ws.forgeAction(u, roomOf(u), 'objection-reject', ref) },
	{ what: 'note modal objection-note:resolved', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u, ref) => ws.forgeSubmit(u, `objection-note:resolved:${ref}`, { note: 'Done.' }) },
	{ what: 'note modal objection-note:rejected', allowed: ['dpo', 'admin'], refusal: TEAM_ONLY, run: (ws, u, ref) => ws.forgeSubmit(u, `objection-note:rejected:${ref}`, { note: 'No.' }) },
];

let refusals = 0;
let refusalsThatChangedState = 0;
let cells = 0;
afterAll(() => report(__filename, { sum: { permission_cells: cells, refusals_checked: refusals, refusals_that_changed_state: refusalsThatChangedState } }));

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
	ws.http.on(URL, { status: 200, body: v1.replace(/subprocessors:\n[\s\S]*$/, 'subprocessors:\n  - name: Stripe\n    category: service\n') });
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
		return { ws, ref: all.sort((a, b) => (a.ref < b.ref ? 1 : -1))[0].ref, done: async () => undefined };
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
