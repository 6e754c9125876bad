// What the app relies on from the server (and client) for users, modals and e-mail, checked in the real engine
// against the workspace's server-faithful bridges: trigger ids, users' languages, the mailer.
import * as path from 'path';

import { buildCli } from '../../scripts/lib/build-cli';
import { mailerReplace } from '../../workspace/src/bridges/email';
import { injectDelay } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, runScript, visible, VALID_OBJECTION as VALID } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const WRITES = ['create', 'createWithAssociations', 'update', 'updateByAssociations'];
const TOO_SLOW = 'Preparing the form took longer than your chat client waits for it (5 seconds), so it may not have opened.';

let ws: Workspace | undefined;

afterEach(async () => {
	await ws?.stop();
	ws = undefined;
});

const modalEvents = (w: Workspace, user: string, mark = 0) => w.seen(user, mark).filter((e) => e.kind === 'modal');
const notices = (w: Workspace, user: string, mark = 0) =>
	w
		.seen(user, mark)
		.filter((e) => e.kind === 'notification')
		.map((e) => visible(e.text));
const objections = (w: Workspace) =>
	w
		.records()
		.filter((r) => r.associations.some((a) => a.id === 'objection'))
		.map((r) => r.data as any);
/** The delivery record of an objection's route ('email', 'card', 'confirmation'). */
const route = (w: Workspace, ref: string, part: string) =>
	w
		.records()
		.map((r) => r.data as any)
		.find((d) => d.key === `obj:${ref}:${part}` && typeof d.state === 'string');
const teamCard = (w: Workspace) =>
	visible(
		w
			.seen('dpo')
			.filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-'))
			.pop()?.text ?? '',
	);
const dms = (w: Workspace, user: string) =>
	w
		.seen(user)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));

describe('modal trigger ids (the client keeps each for one use, 5 s)', () => {
	test('a trigger id used twice opens one modal; the second open is dropped without an error, as the client does', async () => {
		ws = await Workspace.start({ zip: appZip() });
		const alice = ws.user('alice');
		const triggerId = ws.world.issueTrigger('alice');
		const view = (id: string) => ({ id, type: 'modal', appId: ws!.appId, title: { type: 'plain_text', text: id }, blocks: [] });
		const ui = ws.bridges.ui;
		await ui.doNotifyUser(alice, { type: 'modal.open', triggerId, appId: ws.appId, view: view('first') } as any, ws.appId);
		await ui.doNotifyUser(alice, { type: 'modal.open', triggerId, appId: ws.appId, view: view('second') } as any, ws.appId);
		expect(ws.modal('alice')?.viewId).toBe('first');
		expect(modalEvents(ws, 'alice').map((e) => e.action)).toEqual(['open', 'ignored']);
		expect(ws.errors).toEqual([]);
	});

	test('a form the app opens after the trigger id expired never shows, and the app tells the user to try again', async () => {
		ws = await Workspace.start({ zip: appZip(), triggerTimeoutMs: 1000 });
		// Reading the list's pointer (before the form can be built) takes longer than the app's 4 s budget.
		const slow = injectDelay(ws.bridges.persistence, 'readByAssociations', 4300, {
			when: (assoc: any[]) => JSON.stringify(assoc).includes('list-pointer'),
		});
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(slow.failed).toBeGreaterThan(0);
		expect(ws.modal('alice')).toBeUndefined();
		const [ignored] = modalEvents(ws, 'alice');
		expect(ignored).toMatchObject({ action: 'ignored' });
		expect(ignored.plain).toContain('trigger id expired');
		expect(notices(ws, 'alice')).toEqual([expect.stringContaining(TOO_SLOW)]);
	}, 30_000);

	test('a submit answered after the timeout: the client disposes the modal and drops the field errors', async () => {
		ws = await Workspace.start({ zip: appZip(), triggerTimeoutMs: 1000 });
		await ws.command('alice', 'general', '/subprocessors object stripe');
		injectDelay(ws.bridges.persistence, 'readByAssociations', 1300, {
			when: (assoc: any[]) => JSON.stringify(assoc).includes('list-pointer'),
		});
		const mark = ws.mark();
		const response = await ws.submitView('alice', { ...VALID, grounds: 'short' });
		expect(response).toMatchObject({ type: 'errors' });
		expect(modalEvents(ws, 'alice', mark).map((e) => e.action)).toEqual(['ignored', 'close']);
		expect(ws.modal('alice')).toBeUndefined();
	}, 30_000);

	test('slow writes and bookkeeping no longer hold the form back: it opens in time and can be filed', async () => {
		ws = await Workspace.start({ zip: appZip(), triggerTimeoutMs: 1000 });
		// Every write takes 1.5 s: storing the form and remembering the admin used to run before the form opened.
		const delays = WRITES.map((method) => injectDelay(ws!.bridges.persistence, method, 1500));
		const mark = ws.mark();
		await ws.command('admin', 'general', '/subprocessors object stripe');
		expect(delays.reduce((n, d) => n + d.failed, 0)).toBeGreaterThan(0);
		expect(modalEvents(ws, 'admin', mark).map((e) => e.action)).toEqual(['open']);
		expect(notices(ws, 'admin', mark)).toEqual([]);
		for (const d of delays) d.restore();
		await ws.submitView('admin', VALID);
		expect(objections(ws)).toHaveLength(1);
	}, 30_000);
});

describe("language: the user's choice, else the server's Language setting, else English", () => {
	test("dpo chose no language: German when the server's Language is de, English when it has none", async () => {
		ws = await Workspace.start({ zip: appZip() });
		expect(ws.user('dpo').settings?.preferences).toEqual({});
		ws.setServerSetting('Language', 'de');
		let mark = ws.mark();
		await ws.command('dpo', 'privacy-team', '/subprocessors show zoho');
		expect(notices(ws, 'dpo', mark).join()).toContain('*Zweck:*');
		await ws.command('dpo', 'privacy-team', '/subprocessors object zoho');
		expect(ws.modal('dpo')?.text).toContain('== Einem Unterauftragsverarbeiter widersprechen ==');
		await ws.closeView('dpo');
		// A user who chose English keeps it whatever the server's language.
		mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors show zoho');
		expect(notices(ws, 'alice', mark).join()).toContain('*Purpose:*');

		ws.setServerSetting('Language', '');
		mark = ws.mark();
		await ws.command('dpo', 'privacy-team', '/subprocessors show zoho');
		expect(notices(ws, 'dpo', mark).join()).toContain('*Purpose:*');
	});
});

describe("e-mail through the server's mailer", () => {
	const RISKY =
		'Per [Site_Name] and __name__ at [Site_URL] (see {Login} and __SITE_URL__): we pay $& and $1 of $$5, not [site_url_slash]. This is our ground.';

	test('the workspace rewrites like the server: unprotected text would not arrive as written', () => {
		const settings = (id: string) => ({ Site_Name: 'Acme Chat', Site_Url: 'https://chat.acme.example' })[id];
		expect(mailerReplace('[Site_Name] at __site_url__, {Login please} [Site_URL_Slash]x', {}, settings)).toBe(
			'Acme Chat at https://chat.acme.example, Login https://chat.acme.example/x',
		);
		expect(mailerReplace('Dear __fname__, [unknown] __word__ stays', { name: 'Ada Lovelace' }, settings)).toBe(
			'Dear Ada, [unknown] __word__ stays',
		);
		expect(mailerReplace(RISKY, {}, settings)).not.toBe(RISKY);
	});

	test('text the user wrote with [Site_Name], __name__, [Site_URL], {…} and $ arrives unchanged in the outbox', async () => {
		ws = await Workspace.start({ zip: appZip(), serverSettings: { Site_Name: 'Acme Chat' } });
		await ws.command('alice', 'general', '/subprocessors object stripe');
		await ws.submitView('alice', { ...VALID, name: '__name__ [Site_Name]', company: 'ACME_{Corp}', grounds: RISKY });
		expect(ws.outbox).toHaveLength(1);
		const [mail] = ws.outbox;
		expect(mail.text).toContain(`Grounds for the objection:\n${RISKY}`);
		expect(mail.text).toContain('Name: __name__ [Site_Name]\nCompany name: ACME_{Corp}\n');
		expect(mail.subject).toBe('Subprocessor Objection');
		// What the app handed over carries placeholders for them, not the text the mailer would have rewritten.
		expect(mail.handed.text).not.toContain('[Site_Name]');
		expect(Object.values(mail.handed.data ?? {}).join('\n')).toContain('$$& and $$1 of $$$$5');
	});

	test('an objection address the mailer refuses: the objection is kept, the card explains, a corrected address is used on retry', async () => {
		// The app accepts "privacy@intranet"; the server's mailer wants a dot and a top-level domain.
		ws = await Workspace.start({ zip: appZip(), appSettings: { objection_email: 'privacy@intranet' } });
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(await ws.submitView('alice', VALID)).not.toMatchObject({ type: 'errors' });
		const [stored] = objections(ws);
		// Not an attempt and not given up: each delivery run looks at the address again.
		expect(route(ws, stored.ref, 'email')).toMatchObject({ state: 'pending', attempts: 0 });
		expect(route(ws, stored.ref, 'email').lastError).toContain('invalid email');
		expect(ws.outbox).toEqual([]);
		expect(teamCard(ws)).toContain('Not e-mailed: the workspace’s mailer refused the address privacy@intranet');
		expect(dms(ws, 'alice').join()).toContain('the e-mail to privacy@intranet the procedure requires has not gone out yet');
		expect(ws.errors).toEqual([]);

		await ws.setSetting('objection_email', 'privacy@intranet.example');
		await ws.advance(10 * 60_000);
		expect(ws.outbox.map((m) => m.to)).toEqual(['privacy@intranet.example']);
		expect(teamCard(ws)).toContain(
			'E-mail to privacy@intranet.example handed to the workspace’s mailer (the server doesn’t confirm delivery).',
		);
	}, 30_000);

	test('an SMTP failure after the hand-off never reaches the app: it says "handed to the mailer", never "sent"', async () => {
		ws = await Workspace.start({ zip: appZip() });
		ws.bridges.email.smtpDown = true;
		await ws.command('alice', 'general', '/subprocessors object stripe');
		await ws.submitView('alice', VALID);
		expect(ws.outbox).toEqual([]);
		expect(ws.bridges.email.undelivered).toHaveLength(1);
		expect(route(ws, objections(ws)[0].ref, 'email').state).toBe('done');
		expect(teamCard(ws)).toContain('handed to the workspace’s mailer (the server doesn’t confirm delivery)');
		expect(dms(ws, 'alice').join()).toContain('an e-mail to privacy@rocket.chat was also handed to the workspace’s mailer');
		const mark = ws.mark();
		await ws.command('dpo', 'privacy-team', `/subprocessors objections ${objections(ws)[0].ref}`);
		expect(notices(ws, 'dpo', mark).join()).toContain('e-mail handed to the mailer');
	});
});

describe('server-set, the CLI line for server settings', () => {
	let cli: string;
	beforeAll(async () => {
		cli = await buildCli({ outfile: path.join(ROOT, '.workspace-cache', 'cli-test-users.cjs') });
	});

	const run = (lines: string[]) =>
		runScript(cli, ['--zip', process.env.SUBPROCESSORS_APP_ZIP as string, ...lines.flatMap((l) => ['--exec', l])]);

	test('server-set Language de turns a user without a choice German; an unknown setting fails the step', async () => {
		const ok = await run([
			'@dpo #privacy-team /subprocessors show zoho',
			'server-set Language de',
			'@dpo #privacy-team /subprocessors show zoho',
			'server-set SMTP_Host ""',
		]);
		expect(ok.stderr).toBe('');
		expect(ok.code).toBe(0);
		expect(ok.stdout).toContain('*Purpose:*');
		expect(ok.stdout).toContain('(server setting Language = "de")');
		expect(ok.stdout).toContain('*Zweck:*');
		expect(ok.stdout).toContain('(server setting SMTP_Host = "")');

		const bad = await run(['server-set Site_Nmae Acme']);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('the workspace has no server setting "Site_Nmae"');
	}, 60_000);
});
