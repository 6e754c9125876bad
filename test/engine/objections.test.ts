// Filing, routing and working formal objections in the real engine, against the packaged app. Filing and the
// team's actions only store; the delivery job (run on the fly after each action, as on the server) routes.
import { injectDelay, injectFault } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import { markupProblem, PARSES } from '../support/markup';
import { appZip, visible, OBJECTION_GROUNDS as GROUNDS, VALID_OBJECTION as VALID } from './helpers';

const HOUR = 3600_000;

let ws: Workspace;

beforeEach(async () => {
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
});

afterEach(async () => {
	await ws?.stop();
});

const recordsOf = (kind: string) => ws.records().filter((r) => r.associations.some((a: { id: string }) => a.id === kind));
const objectionRecords = () => recordsOf('objection');
const REF = /^OBJ-\d{4}-[2-9A-HJKMNP-TV-Z]{6}$/;
const teamCards = (mark = 0) =>
	ws.seen('dpo', mark).filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-'));
const dmsTo = (user: string, mark = 0) =>
	ws
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));

async function fileObjection(user = 'alice', values: Record<string, unknown> = VALID) {
	await ws.command(user, 'general', '/subprocessors object stripe');
	return ws.submitView(user, values);
}

test('`object NAME` opens the form with the five things the procedure asks for, pre-filled', async () => {
	const mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors object Stripe');
	const modal = ws.modal('alice');
	expect(modal).toBeDefined();
	const text = modal!.text;
	for (const field of ['{name}', '{company}', '{service}', '{subprocessor}', '{grounds}', '{email}']) expect(text).toContain(field);
	expect(text).toContain('"Alice Member" {name}');
	expect(text).toContain('(selected: stripe) {subprocessor}');
	expect(text).toContain(
		'Hosted offering=Hosted offering | Marketplace=Marketplace | Open community server=Open community server | Push notifications=Push notifications',
	);
	expect(ws.seen('alice', mark).filter((e) => e.kind === 'notification')).toEqual([]);
});

test('a valid objection is stored first, then: team card with buttons, one e-mail, a confirmation DM', async () => {
	await fileObjection();
	expect(ws.modal('alice')).toBeUndefined(); // closed on success
	const [stored] = objectionRecords();
	const objection = stored.data as { ref: string; status: string; listVersion: string };
	expect(objection.ref).toMatch(REF);
	expect(objection).toMatchObject({ status: 'open', listVersion: '2023-01-05' });

	const cards = teamCards();
	expect(cards).toHaveLength(1);
	expect(visible(cards[0].text)).toContain(`*Objection ${objection.ref}* to Stripe — open`);
	expect(cards[0].plain).toContain('{objection-ack}');
	expect(ws.seen('alice').filter((e) => e.room === 'privacy-team')).toEqual([]);

	expect(ws.outbox).toHaveLength(1);
	expect(ws.outbox[0]).toMatchObject({ to: 'privacy@rocket.chat', subject: 'Subprocessor Objection', replyTo: 'alice@acme.example' });
	expect(ws.outbox[0].text).toContain(`Reference: ${objection.ref}`);
	expect(ws.outbox[0].text).toContain(`Grounds for the objection:\n${GROUNDS}`);
	expect(ws.outbox[0].html).toBeUndefined();

	const confirmation = dmsTo('alice');
	expect(confirmation).toHaveLength(1);
	expect(confirmation[0]).toContain(`*We received your objection ${objection.ref}* to Stripe`);
});

test.each([
	['missing fields', { grounds: '', company: '', email: '' }, { company: 'Required.', grounds: 'Required.', email: 'Required.' }],
	['grounds too short', { grounds: 'I do not like it.' }, { grounds: 'Give objectively justifiable grounds: at least 30 characters.' }],
	['grounds too long', { grounds: 'x'.repeat(4001) }, { grounds: 'Too long.' }],
	['an e-mail that is not one', { email: 'alice at acme' }, { email: 'Not an e-mail address.' }],
	[
		'a sub-processor no longer on the list',
		{ subprocessor: 'gone-vendor' },
		{ subprocessor: 'This sub-processor is no longer on the list.' },
	],
	['a service not offered', { service: 'Something else' }, { service: 'Choose one of the offered options.' }],
])('%s: the error is shown on the field, the modal stays open, nothing is stored', async (_name, change, errors) => {
	const response = await fileObjection('alice', { ...VALID, ...change });
	expect(response).toMatchObject({ type: 'errors', errors });
	expect(ws.modal('alice')).toBeDefined();
	expect(objectionRecords()).toEqual([]);
	expect(ws.outbox).toEqual([]);
	expect(teamCards()).toEqual([]);
});

test('the same objection submitted twice (double click, retry) is stored once', async () => {
	await ws.command('alice', 'general', '/subprocessors object stripe');
	const modal = ws.modal('alice')!;
	await ws.submitView('alice', VALID);
	// A retry of the same form after it closed, and the same content from a new form.
	await ws.forgeSubmit('alice', modal.viewId!, VALID, 'general');
	await fileObjection();
	expect(objectionRecords()).toHaveLength(1);
	expect(teamCards()).toHaveLength(1);
	expect(ws.outbox).toHaveLength(1);
	expect(dmsTo('alice').filter((t) => t.includes('You already filed this objection'))).toHaveLength(2);
});

test('a user cannot file more than a few objections per hour', async () => {
	for (let i = 0; i < 5; i++) await fileObjection('bob', { ...VALID, grounds: `${GROUNDS} (${i})` });
	const response = await fileObjection('bob', { ...VALID, grounds: `${GROUNDS} (6)` });
	expect(response).toMatchObject({ type: 'errors' });
	expect(response.errors.grounds).toMatch(/\b5\b/); // bob reads German: the count is what is certain
	expect(objectionRecords()).toHaveLength(5);
});

test('the privacy team works it from the card: acknowledge, resolve with a note; the objector is told each time', async () => {
	await fileObjection();
	const ref = (objectionRecords()[0].data as { ref: string }).ref;
	let mark = ws.mark();
	await ws.click('dpo', 'objection-ack');
	const edited = ws.seen('dpo', mark).filter((e) => e.kind === 'message' && e.room === 'privacy-team');
	expect(edited).toHaveLength(1);
	expect(edited[0].edited).toBe(true);
	expect(visible(edited[0].text)).toContain('— acknowledged');
	expect(dmsTo('alice', mark)).toEqual([expect.stringContaining(`Your objection *${ref}* to Stripe was acknowledged`)]);

	mark = ws.mark();
	await ws.click('dpo', 'objection-resolve');
	expect(ws.modal('dpo')?.text).toContain(`Resolve ${ref}`);
	expect(await ws.submitView('dpo', { note: '' })).toMatchObject({ type: 'errors', errors: { note: 'A note is required.' } });
	await ws.submitView('dpo', { note: 'Billing moved to an EU entity.' });
	expect(dmsTo('alice', mark)).toEqual([
		expect.stringContaining('was resolved by the privacy team.\nNote: Billing moved to an EU entity.'),
	]);
	const card = teamCards().at(-1)!;
	expect(visible(card.text)).toContain('— resolved');
	expect(card.plain).not.toContain('{objection-ack}');
	// Each action is a record of its own; the objection as filed is never rewritten.
	const actions = recordsOf('objection-action').map((r) => r.data as { action: string; by: { username: string }; ref: string });
	expect(actions.map((a) => [a.action, a.by.username, a.ref])).toEqual([
		['acknowledged', 'dpo', ref],
		['resolved', 'dpo', ref],
	]);
	expect(objectionRecords()[0].data).toMatchObject({ status: 'open', history: [{ action: 'filed' }] });
	expect(visible(card.text)).toMatch(/filed by alice\n.*acknowledged by dpo\n.*resolved by dpo/);

	// Nothing more can happen to a resolved objection.
	mark = ws.mark();
	await ws.forgeAction('admin', 'privacy-team', 'objection-ack', ref);
	expect(
		ws
			.seen('admin', mark)
			.map((e) => e.text)
			.join(),
	).toContain('is already resolved. Nothing was changed.');
});

test('anyone outside the privacy team gets a polite refusal and nothing changes', async () => {
	await fileObjection('bob');
	const ref = (objectionRecords()[0].data as { ref: string }).ref;
	const before = JSON.stringify(objectionRecords());
	for (const action of ['objection-ack', 'objection-resolve', 'objection-reject']) {
		const mark = ws.mark();
		await ws.forgeAction('alice', 'general', action, ref);
		expect(ws.seen('alice', mark).map((e) => e.text)).toEqual([
			'Only members of the privacy team room or admins can work on objections. Nothing was changed.',
		]);
		expect(ws.modal('alice')).toBeUndefined();
	}
	const forged = await ws.forgeSubmit('alice', `objection-note:rejected:${ref}`, { note: 'no' });
	expect(forged).toMatchObject({ type: 'errors', errors: { note: expect.stringContaining('Only members of the privacy team') } });
	expect(JSON.stringify(objectionRecords())).toBe(before);
	expect(dmsTo('bob')).toHaveLength(1); // only the confirmation
});

test('`objections` for the privacy team, `my-objections` for the objector', async () => {
	await fileObjection();
	const ref = (objectionRecords()[0].data as { ref: string }).ref;
	let mark = ws.mark();
	await ws.command('bob', 'general', '/subprocessors objections');
	expect(ws.seen('bob', mark)[0].text).toContain('Nur Mitglieder des Raums des Datenschutzteams oder Admins'); // bob reads German

	mark = ws.mark();
	await ws.command('dpo', 'privacy-team', '/subprocessors objections');
	expect(ws.seen('dpo', mark)[0].text).toContain(`• *${ref}* — Stripe — open`);
	mark = ws.mark();
	await ws.command('dpo', 'privacy-team', `/subprocessors objections ${ref.toLowerCase()}`);
	const detail = visible(ws.seen('dpo', mark)[0].text);
	expect(detail).toContain(`*Objection ${ref}* to Stripe`);
	expect(detail).toContain('Delivery: team room done, e-mail handed to the mailer, objector done');

	mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors my-objections');
	expect(ws.seen('alice', mark)[0].text).toContain(`• *${ref}* — Stripe — open`);
});

test('user text is shown as text: no mention, link or markup in the team room or the e-mail', async () => {
	await fileObjection('alice', {
		...VALID,
		name: '@all *boss*',
		company: '[ACME](http://evil.example) @here',
		grounds: `${GROUNDS} @all <b>x</b> [click](http://evil.example) #general`,
	});
	const card = teamCards()[0].text;
	// Read as Rocket.Chat reads it: no node but plain text besides the app's own bold; the grounds are plain_text.
	for (const [where, options] of PARSES)
		expect({ where, problem: markupProblem(card, options, ['BOLD'], 'boss') }).toEqual({ where, problem: undefined });
	expect(visible(card)).toContain('@all *boss*');
	expect(teamCards()[0].blocks).toContainEqual(
		expect.objectContaining({
			type: 'section',
			text: expect.objectContaining({
				type: 'plain_text',
				text: expect.stringContaining('@all <b>x</b> [click](http://evil.example) #general'),
			}),
		}),
	);
	expect(ws.outbox[0].html).toBeUndefined();
	expect(ws.outbox[0].text).toContain('<b>x</b>'); // plain text e-mail: shown, never rendered
});

test("filed inside an announced change's objection window it is marked on time", async () => {
	await ws.stop();
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
	await ws.advance(0);
	const { readFileSync } = await import('fs');
	const v2 = readFileSync(`${__dirname}/fixtures/lists/v2.yaml`, 'utf8');
	ws.http.on('https://privacy.example/list.yaml', { status: 200, body: v2 });
	await ws.setSetting('list_source_url', 'https://privacy.example/list.yaml');
	await ws.advance(0);
	await ws.click('alice', 'object', 'mueller');
	expect(ws.modal('alice')?.text).toContain('(selected: mueller)');
	await ws.submitView('alice', { ...VALID, subprocessor: 'mueller' });
	expect(visible(teamCards()[0].text)).toMatch(/Filed within the objection window \(deadline \d{1,2} \w+ \d{4}\)/);
	expect(ws.outbox[0].text).toContain('Filed within the objection window');
});

test('a workspace that cannot send e-mail: the card says so, the objection is kept', async () => {
	await ws.stop();
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: '' } });
	await fileObjection();
	expect(ws.outbox).toEqual([]);
	expect(visible(teamCards()[0].text)).toContain(
		'Not e-mailed: this workspace can’t send e-mail (no mail server (SMTP) is configured in this workspace). Forward it to privacy@rocket.chat by hand.',
	);
	expect(objectionRecords()).toHaveLength(1);
});

test('routing failures never lose the objection: the delivery job retries until done', async () => {
	const post = injectFault(ws.bridges.messages, 'create', { times: 2 });
	const mail = injectFault(ws.bridges.email, 'sendEmail', { times: 1 });
	await fileObjection();
	expect(objectionRecords()).toHaveLength(1);
	expect(teamCards()).toEqual([]);
	expect(post.failed).toBe(2);
	expect(mail.failed).toBe(1);
	post.restore();
	mail.restore();
	const mark = ws.mark();
	await ws.command('dpo', 'privacy-team', `/subprocessors objections ${(objectionRecords()[0].data as { ref: string }).ref}`);
	expect(ws.seen('dpo', mark)[0].text).toContain(
		'Delivery: team room failed, retrying, e-mail failed, retrying, objector failed, retrying',
	);
	await ws.advance(HOUR);
	expect(teamCards()).toHaveLength(1);
	expect(ws.outbox).toHaveLength(1);
	expect(dmsTo('alice')).toHaveLength(1);
	await ws.advance(HOUR);
	expect(teamCards()).toHaveLength(1);
	expect(ws.outbox).toHaveLength(1);
	expect(dmsTo('alice')).toHaveLength(1);
});

test('the card was posted but recording it failed: the job finds it by its marker, never posts a second card', async () => {
	let armed = true;
	const fault = injectFault(ws.bridges.persistence, 'updateByAssociations', {
		when: (_assoc: unknown, data: { key?: string; state?: string }) => {
			if (armed && data.key?.endsWith(':card') && data.state === 'done') {
				armed = false;
				return true;
			}
			return false;
		},
	});
	await fileObjection();
	expect(fault.failed).toBe(1);
	fault.restore();
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	const posts = ws.seen('dpo').filter((e) => e.kind === 'message' && e.room === 'privacy-team' && !e.edited);
	expect(posts).toHaveLength(1);
	expect(objectionRecords()).toHaveLength(1);
	// The job settled the attempt by finding the card by its marker, not by posting it again.
	const ref = (objectionRecords()[0].data as { ref: string }).ref;
	const card = recordsOf('delivery')
		.map((r) => r.data as { key: string; state: string; recoveredByMarker?: number; messageId?: string })
		.filter((d) => d.key === `obj:${ref}:card`);
	expect(card).toEqual([expect.objectContaining({ state: 'done', recoveredByMarker: 1, messageId: posts[0].messageId })]);
});

test('a card carries the Object button: `show stripe` → Object → the form with Stripe selected → filed', async () => {
	const mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors show stripe');
	const [shown] = ws.seen('alice', mark).filter((e) => e.kind === 'notification');
	expect(shown.plain).toContain('[Object] {object}');
	expect(visible(shown.text)).toContain('privacy@rocket.chat'); // the e-mail route stays, for people outside the workspace
	await ws.click('alice', 'object'); // the button's own value
	expect(ws.modal('alice')?.text).toContain('(selected: stripe) {subprocessor}');
	const { subprocessor: _selected, ...typed } = VALID; // the selection as the button left it
	await ws.submitView('alice', typed);
	expect(ws.modal('alice')).toBeUndefined();
	const [stored] = objectionRecords();
	expect(stored.data).toMatchObject({ status: 'open', subprocessor: { id: 'stripe', name: 'Stripe' } });
	expect(visible(teamCards()[0].text)).toContain('to Stripe — open');
	expect(ws.outbox).toHaveLength(1);
});

test('the submit answers before any post: the form closes without waiting for the card, e-mail or DM', async () => {
	// Every post and e-mail takes 1.5 s; the submit's own handling must not wait for any of them.
	const delays = [injectDelay(ws.bridges.messages, 'create', 1500), injectDelay(ws.bridges.email, 'sendEmail', 1500)];
	const listeners = ws.manager.getListenerManager() as unknown as { executeListener: (...args: unknown[]) => Promise<unknown> };
	const original = listeners.executeListener;
	let answered: { ms: number; cards: number; mails: number; dms: number } | undefined;
	listeners.executeListener = async (...args: unknown[]) => {
		const t0 = Date.now();
		const result = await original.apply(listeners, args);
		if ((args[1] as { type?: string })?.type === 'viewSubmit')
			answered = { ms: Date.now() - t0, cards: teamCards().length, mails: ws.outbox.length, dms: dmsTo('alice').length };
		return result;
	};
	try {
		await fileObjection();
	} finally {
		listeners.executeListener = original;
		for (const d of delays) d.restore();
	}
	expect(answered).toMatchObject({ cards: 0, mails: 0, dms: 0 });
	expect(answered!.ms).toBeLessThan(1500);
	expect(ws.modal('alice')).toBeUndefined();
	// The delivery run the submit asked for, on the fly: everything arrived once.
	expect(teamCards()).toHaveLength(1);
	expect(ws.outbox).toHaveLength(1);
	expect(dmsTo('alice')).toHaveLength(1);
}, 30_000);

test('two submits of one form at the same moment (a double click, or two instances) are one objection', async () => {
	await ws.command('alice', 'general', '/subprocessors object stripe');
	const viewId = ws.modal('alice')!.viewId!;
	await Promise.all([
		ws.submitView('alice', VALID),
		ws.forgeSubmit('alice', viewId, VALID, 'general'),
		ws.forgeSubmit('alice', viewId, VALID, 'general'),
	]);
	const refs = new Set(objectionRecords().map((r) => (r.data as { ref: string }).ref));
	expect(refs.size).toBe(1);
	expect(teamCards()).toHaveLength(1);
	expect(ws.outbox).toHaveLength(1);
	expect(dmsTo('alice').filter((t) => t.includes('We received your objection'))).toHaveLength(1);
}, 30_000);

test('two closes racing (resolve on one side, reject on the other): one status wins everywhere, one DM says which', async () => {
	await fileObjection();
	const ref = (objectionRecords()[0].data as { ref: string }).ref;
	const mark = ws.mark();
	await ws.click('dpo', 'objection-resolve');
	// Both read the objection open before either action is stored (a slow write, or two instances at once).
	const slow = injectDelay(ws.bridges.persistence, 'updateByAssociations', 500, {
		when: (associations: unknown) => JSON.stringify(associations).includes('objection-action'),
	});
	const answers = await Promise.all([
		ws.submitView('dpo', { note: 'Billing moved to an EU entity.' }),
		ws.forgeSubmit('admin', `objection-note:rejected:${ref}`, { note: 'Stripe stays.' }, 'privacy-team'),
	]);
	slow.restore();
	expect(slow.failed).toBe(2);
	expect(ws.errors).toEqual([]);
	// Both actions are kept; the fold lets the earlier one win.
	const actions = recordsOf('objection-action').map((r) => r.data as { id: string; action: string; at: string });
	expect(actions.map((a) => a.action).sort()).toEqual(['rejected', 'resolved']);
	const winner = [...actions].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1))[0].action;
	// Whoever read back after both were stored was told which won (the other may have read back before).
	for (const answer of answers.filter((a) => a?.type === 'errors')) expect(answer.errors.note).toContain(`is already ${winner}`);
	const status = dmsTo('alice', mark);
	expect(status).toHaveLength(1);
	expect(status[0]).toContain(`Your objection *${ref}* to Stripe was ${winner} by the privacy team.`);
	const card = visible(teamCards().at(-1)!.text);
	expect(card).toContain(`— ${winner}`);
	expect(card.match(/— (resolved|rejected) by/g)).toHaveLength(1);
	// Anyone asking afterwards sees the same.
	const asked = ws.mark();
	await ws.command('dpo', 'privacy-team', `/subprocessors objections ${ref}`);
	expect(visible(ws.seen('dpo', asked)[0].text)).toContain(`*Objection ${ref}* to Stripe — ${winner}`);
	await ws.advance(HOUR);
	expect(dmsTo('alice', mark)).toHaveLength(1);
}, 30_000);

test('card edits: an older edit that is retried after a newer one went through leaves the newer card', async () => {
	await fileObjection();
	const updates = () => ws.seen('dpo').filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.edited);
	// The acknowledge's card edit fails, and again when the resolve's run retries it first (older edits go first)…
	const update = injectFault(ws.bridges.messages, 'update', { times: 2 });
	await ws.click('dpo', 'objection-ack');
	expect(update.failed).toBe(1);
	// …while the resolve's own edit goes through: the card shows "resolved".
	await ws.click('dpo', 'objection-resolve');
	await ws.submitView('dpo', { note: 'Billing moved to an EU entity.' });
	expect(update.failed).toBe(2);
	update.restore();
	expect(visible(teamCards().at(-1)!.text)).toContain('— resolved');
	const edits = updates().length;
	// The acknowledge's edit, retried later, has nothing newer to show: it is closed without touching the card.
	await ws.advance(HOUR);
	expect(updates()).toHaveLength(edits);
	expect(visible(teamCards().at(-1)!.text)).toContain('— resolved');
	const edited = recordsOf('delivery')
		.map((r) => r.data as { key: string; state: string; note?: string; data: { version: number } })
		.filter((d) => d.key.includes(':card@'));
	expect(edited.filter((d) => d.state !== 'done')).toEqual([]);
	const oldest = [...edited].sort((a, b) => a.data.version - b.data.version)[0];
	expect(oldest).toMatchObject({ state: 'done', note: 'a newer card is shown' });
}, 30_000);

test('an objection filed with the earlier version, routes half done, gets delivery records on the first delivery run', async () => {
	const ref = 'OBJ-2026-0007';
	const alice = ws.user('alice');
	const filedAt = new Date(Date.now() - 2 * HOUR).toISOString();
	const legacy = {
		ref,
		dedupeKey: `${alice.id}:stripe:1234abcd`,
		objector: { id: alice.id, username: 'alice', lang: 'en' },
		...{ name: VALID.name, company: VALID.company, service: VALID.service, grounds: GROUNDS, email: VALID.email },
		subprocessor: { id: 'stripe', name: 'Stripe' },
		listVersion: '2023-01-05',
		filedAt,
		status: 'acknowledged',
		history: [
			{ action: 'filed', by: { id: alice.id, username: 'alice' }, at: filedAt },
			{ action: 'acknowledged', by: { id: ws.user('dpo').id, username: 'dpo' }, at: filedAt },
		],
		// The e-mail went; the card, the confirmation and the acknowledgement DM never did.
		deliveries: {
			'email': { state: 'done', at: filedAt, attempts: 1 },
			'team': { state: 'failed', at: filedAt, attempts: 2, error: 'no privacy team room' },
			'confirmation': { state: 'failed', at: filedAt, attempts: 2, error: 'boom' },
			'status:1': { state: 'failed', at: filedAt, attempts: 1, error: 'boom' },
		},
	};
	const misc = (id: string) => ({ model: 'misc', id });
	ws.bridges.persistence.records.push({
		id: 'legacy-record',
		appId: ws.appId,
		data: legacy,
		associations: [
			misc('objection'),
			misc(`objection:${ref}`),
			{ model: 'user', id: alice.id },
			misc(`objection-content:${legacy.dedupeKey}`),
		],
	});
	await ws.advance(10 * 60_000); // the first run of the recurring delivery job (every 5 minutes)

	const cards = teamCards();
	expect(cards).toHaveLength(1);
	const card = visible(cards[0].text);
	expect(card).toContain(`*Objection ${ref}* to Stripe — acknowledged`);
	expect(card).toContain('E-mail to privacy@rocket.chat handed to the workspace’s mailer');
	expect(ws.outbox).toEqual([]); // it went before
	const dms = dmsTo('alice');
	expect(dms.filter((t) => t.includes(`We received your objection ${ref}`))).toHaveLength(1);
	expect(dms.filter((t) => t.includes(`Your objection *${ref}* to Stripe was acknowledged`))).toHaveLength(1);
	// Rewritten in place without the map: still one record, found by reference.
	expect(objectionRecords()).toHaveLength(1);
	expect(objectionRecords()[0].data).not.toHaveProperty('deliveries');
	expect(objectionRecords()[0].data).toMatchObject({ ref, status: 'acknowledged' });
	// Worked on like any other; the next runs change nothing.
	const mark = ws.mark();
	await ws.forgeAction('dpo', 'privacy-team', 'objection-ack', ref);
	expect(
		ws
			.seen('dpo', mark)
			.map((e) => e.text)
			.join(),
	).toContain('is already acknowledged');
	await ws.advance(HOUR);
	expect(teamCards()).toHaveLength(1);
	expect(dmsTo('alice')).toHaveLength(2);
}, 30_000);

describe('governance (issue 17 point 4)', () => {
	const DAY = 24 * HOUR;
	const audit = () => recordsOf('objection-audit').map((r) => r.data as { kind: string; by?: string; refs?: string[]; count?: number });
	const refOf = (index = 0) => (objectionRecords()[index].data as { ref: string }).ref;
	const told = (user: string, mark: number) =>
		ws
			.seen(user, mark)
			.map((e) => visible(e.text))
			.join('\n');
	/** No personal field of VALID anywhere in these texts. */
	const personal = [VALID.name, VALID.email, GROUNDS, VALID.company];

	test('who may file: a user without the role is told at once, and again on submit if the role went while the form was open', async () => {
		await ws.setSetting('objection_filer_roles', 'privacy-filer, auditor');
		let mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(ws.modal('alice')).toBeUndefined();
		expect(told('alice', mark)).toContain('only certain roles may file objections');
		mark = ws.mark();
		await ws.forgeAction('alice', 'general', 'object', 'stripe'); // the announcement's and card's Object button: the same answer
		expect(ws.modal('alice')).toBeUndefined();
		expect(told('alice', mark)).toContain('only certain roles may file objections');

		// With the role (global roles, as users.ts converts them) the form opens; the role goes before the submit.
		ws.user('alice').roles = ['user', 'privacy-filer'];
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(ws.modal('alice')).toBeDefined();
		ws.user('alice').roles = ['user'];
		const response = await ws.submitView('alice', VALID);
		expect(response).toMatchObject({ type: 'errors', errors: { grounds: expect.stringContaining('only certain roles') } });
		expect(objectionRecords()).toEqual([]);
		expect(ws.outbox).toEqual([]);
		// Each refusal is audited: the account and the roles asked for, nothing the user typed.
		expect(audit()).toEqual([
			expect.objectContaining({ kind: 'filing-refused', by: 'alice', roles: ['privacy-filer', 'auditor'] }),
			expect.objectContaining({ kind: 'filing-refused', by: 'alice' }),
			expect.objectContaining({ kind: 'filing-refused', by: 'alice' }),
		]);
		expect(JSON.stringify(audit())).not.toContain(GROUNDS);

		// Back to the default (empty): everyone files.
		await ws.setSetting('objection_filer_roles', '');
		await fileObjection();
		expect(objectionRecords()).toHaveLength(1);
	});

	test('after approval: stored with a card to Approve & send; two approvals at once (two instances) send one e-mail', async () => {
		await ws.setSetting('objection_approval', 'after-approval');
		await fileObjection();
		const ref = refOf();
		expect(objectionRecords()[0].data).toMatchObject({ status: 'awaiting', approval: 'required' });
		const [card] = teamCards();
		expect(visible(card.text)).toContain(`*Objection ${ref}* to Stripe — awaiting approval`);
		expect(visible(card.text)).toContain('privacy team approves objections before they go to privacy@rocket.chat');
		expect(card.plain).toContain('{objection-approve}');
		expect(card.plain).toContain('{objection-reject}');
		expect(card.plain).not.toContain('{objection-ack}');
		// No e-mail, and no e-mail delivery record, before the approval; the objector is told it waits for review.
		expect(ws.outbox).toEqual([]);
		expect(recordsOf('delivery').map((r) => (r.data as { key: string }).key)).not.toContain(`obj:${ref}:email`);
		expect(dmsTo('alice')).toEqual([expect.stringContaining('this workspace’s privacy team reviews it first')]);
		// Acknowledging is not a step of an objection that hasn't gone out.
		let mark = ws.mark();
		await ws.forgeAction('dpo', 'privacy-team', 'objection-ack', ref);
		expect(told('dpo', mark)).toContain('is already awaiting approval. Nothing was changed.');

		mark = ws.mark();
		await Promise.all([
			ws.forgeAction('dpo', 'privacy-team', 'objection-approve', ref),
			ws.forgeAction('admin', 'privacy-team', 'objection-approve', ref),
		]);
		await ws.advance(HOUR);
		expect(ws.outbox).toHaveLength(1);
		expect(ws.outbox[0]).toMatchObject({ to: 'privacy@rocket.chat', replyTo: VALID.email });
		const after = visible(teamCards().at(-1)!.text);
		expect(after).toContain(`*Objection ${ref}* to Stripe — open`);
		expect(after).toMatch(/approved and sent by (dpo|admin)/);
		expect(after.match(/approved and sent by/g)).toHaveLength(1);
		expect(after).toContain('E-mail to privacy@rocket.chat handed to the workspace’s mailer');
		expect(teamCards().at(-1)!.plain).toContain('{objection-ack}');
		expect(dmsTo('alice', mark)).toEqual([expect.stringContaining(`Your objection *${ref}* to Stripe was approved`)]);
		expect(audit().filter((a) => a.kind === 'approved')).toEqual([expect.objectContaining({ refs: [ref] })]);
	}, 30_000);

	test('after approval: a rejected objection is never e-mailed', async () => {
		await ws.setSetting('objection_approval', 'after-approval');
		await fileObjection();
		const ref = refOf();
		await ws.click('dpo', 'objection-reject');
		await ws.submitView('dpo', { note: 'Not our vendor any more.' });
		await ws.advance(HOUR);
		expect(ws.outbox).toEqual([]);
		const card = visible(teamCards().at(-1)!.text);
		expect(card).toContain('— rejected');
		expect(card).toContain('Not e-mailed to privacy@rocket.chat: rejected before it was sent.');
		expect(audit()).toEqual([expect.objectContaining({ kind: 'rejected-unsent', by: 'dpo', refs: [ref] })]);
	});

	test('retention: a closed objection’s personal fields are erased by the daily pass; the card shows the erased form', async () => {
		await ws.setSetting('objection_retention_days', 5);
		await fileObjection();
		await fileObjection('bob', { ...VALID, email: 'bob@acme.example' }); // stays open: kept
		const ref = refOf();
		await ws.click('dpo', 'objection-resolve', ref);
		await ws.submitView('dpo', { note: 'Alice Example agreed on the phone.' });
		// Resolved three days ago (the app reads the server's clock, not the workspace's: the record is dated back).
		const [resolved] = recordsOf('objection-action');
		(resolved.data as { at: string }).at = new Date(Date.now() - 3 * DAY).toISOString();
		await ws.advance(10 * 60_000); // the recurring delivery job's runs: within 5 days, kept
		expect(JSON.stringify(objectionRecords())).toContain(VALID.name);
		expect(audit()).toEqual([]);
		// A shorter period applies from the next run (not only the next day).
		await ws.setSetting('objection_retention_days', 2);
		await ws.advance(10 * 60_000);

		const records = objectionRecords().map((r) => r.data as Record<string, unknown>);
		const erased = records.find((o) => o.ref === ref)!;
		expect(erased).toMatchObject({
			ref,
			name: '[erased]',
			email: '[erased]',
			company: '[erased]',
			grounds: '[erased]',
			service: 'Marketplace', // chosen from the list: no personal data
			subprocessor: { id: 'stripe', name: 'Stripe' },
			erased: { reason: 'retention' },
		});
		expect(records.filter((o) => o.ref === ref)).toHaveLength(1); // one copy, without the user association
		expect(JSON.stringify(recordsOf('objection-action'))).not.toContain('agreed on the phone');
		expect(records.find((o) => o.ref !== ref)).toMatchObject({ name: VALID.name }); // open: kept

		const card = teamCards()
			.filter((c) => c.text.includes(ref))
			.at(-1)!;
		expect(visible(card.text)).toContain('— resolved');
		expect(visible(card.text)).toContain('Personal data erased on');
		for (const text of [...personal, 'agreed on the phone']) expect(card.text).not.toContain(text);
		const mark = ws.mark();
		await ws.command('dpo', 'privacy-team', `/subprocessors objections ${ref}`);
		expect(told('dpo', mark)).not.toContain(VALID.email);
		expect(audit()).toEqual([expect.objectContaining({ kind: 'retention-erased', refs: [ref], count: 1, days: 2 })]);
	}, 60_000);

	test('erasure on request: an admin finds one person’s objections, confirms with a button, and every one is erased', async () => {
		await fileObjection();
		await fileObjection('alice', { ...VALID, grounds: `${GROUNDS} (again)` });
		await fileObjection('bob', { ...VALID, email: 'bob@acme.example' });
		const mine = objectionRecords()
			.map((r) => r.data as { ref: string; email: string })
			.filter((o) => o.email === VALID.email)
			.map((o) => o.ref)
			.sort();

		let mark = ws.mark();
		await ws.command('alice', 'general', `/subprocessors erase-objections ${VALID.email}`);
		expect(told('alice', mark)).toContain('Only workspace admins can use `/subprocessors erase-objections`.');
		mark = ws.mark();
		await ws.command('admin', 'general', '/subprocessors erase-objections someone');
		expect(told('admin', mark)).toContain('Use `/subprocessors erase-objections EMAIL`');

		mark = ws.mark();
		await ws.command('admin', 'general', `/subprocessors erase-objections ${VALID.email.toUpperCase()}`);
		const [prompt] = ws.seen('admin', mark);
		expect(prompt.kind).toBe('notification'); // private: only the admin sees it
		expect(visible(prompt.text)).toContain(`Objections of that person: ${mine.join(', ')} (2)`);
		expect(prompt.plain).toContain('{objection-erase-confirm}');
		expect(JSON.stringify(objectionRecords())).toContain(VALID.name); // nothing happens before the confirmation
		expect(JSON.stringify(recordsOf('objection-erasure'))).not.toContain(VALID.email); // the request keeps references only

		mark = ws.mark();
		await ws.click('admin', 'objection-erase-confirm');
		expect(told('admin', mark)).toContain(`Done: personal data erased from ${mine.join(', ')} (2 erased now)`);
		const records = objectionRecords().map((r) => r.data as { ref: string; email: string; erased?: { reason: string } });
		expect(records.filter((o) => mine.includes(o.ref))).toEqual([
			expect.objectContaining({ email: '[erased]', erased: expect.objectContaining({ reason: 'request' }) }),
			expect.objectContaining({ email: '[erased]', erased: expect.objectContaining({ reason: 'request' }) }),
		]);
		expect(records.find((o) => !mine.includes(o.ref))).toMatchObject({ email: 'bob@acme.example' });
		for (const ref of mine)
			expect(
				visible(
					teamCards()
						.filter((c) => c.text.includes(ref))
						.at(-1)!.text,
				),
			).toContain('at the person’s request');
		// Pressed again (or on another instance after this one): nothing more to erase.
		mark = ws.mark();
		await ws.click('admin', 'objection-erase-confirm');
		expect(told('admin', mark)).toContain('Already done');
		mark = ws.mark();
		await ws.command('admin', 'general', `/subprocessors erase-objections ${VALID.email}`);
		expect(told('admin', mark)).toContain('No objection holds personal data of that person');
		// The audit line: who, which references, how many — never the address.
		expect(audit()).toEqual([expect.objectContaining({ kind: 'request-erased', by: 'admin', refs: mine, count: 2 })]);
		expect(JSON.stringify(recordsOf('objection-audit'))).not.toContain('acme.example');
		mark = ws.mark();
		await ws.command('dpo', 'privacy-team', '/subprocessors objections audit');
		expect(told('dpo', mark)).toContain(`erased on request by admin: ${mine.join(', ')} (2 erased)`);
	}, 30_000);

	test('a list without services: the form asks for the service in free text; cards and e-mails never say "service: —"', async () => {
		const { readFileSync } = await import('fs');
		const v1 = readFileSync(`${__dirname}/fixtures/lists/v1.yaml`, 'utf8').replace(/^services:\n(?: {2}- .*\n)+/m, '');
		expect(v1).not.toMatch(/^services:/m);
		ws.http.on('https://privacy.example/list.yaml', { status: 200, body: v1 });
		await ws.setSetting('list_source_url', 'https://privacy.example/list.yaml');
		await ws.advance(0);
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(ws.modal('alice')?.text).toContain('Which Rocket.Chat service does it concern?');
		expect(await ws.submitView('alice', { ...VALID, service: '' })).toMatchObject({ type: 'errors', errors: { service: 'Required.' } });
		await ws.submitView('alice', { ...VALID, service: 'Our mobile app' });
		const card = visible(teamCards()[0].text);
		expect(card).toContain('Our mobile app');
		expect(card).not.toContain('—\n');
		expect(ws.outbox[0].text).toContain('Rocket.Chat service: Our mobile app');
		expect(ws.outbox[0].text).not.toMatch(/service: —/);
	});
});
