// Watching several lists in the real engine (issue 17, docs/lists.md 2–3): an admin adds a second vendor's list,
// the check job announces its change into its own channel naming it, `status` shows every list, a subscriber to one
// list gets only that list's direct messages, removal asks first, and a bad source stores nothing.
import { readFileSync } from 'fs';
import * as path from 'path';

import { Workspace } from '../../workspace/src/Workspace';
import { appZip, privateAnswers, visible, VALID_OBJECTION as VALID } from './helpers';

const LISTS = path.join(__dirname, 'fixtures', 'lists');
const list = (name: string) => readFileSync(path.join(LISTS, name), 'utf8');
const FIRST_URL = 'https://privacy.example/subprocessors.yaml';
const GITHUB_URL = 'https://github.example/privacy/subprocessors.yaml';
const HOUR = 3600_000;

let ws: Workspace;

beforeEach(async () => {
	ws = await Workspace.start({
		zip: appZip(),
		rooms: {
			'vendor-news': { type: 'channel', members: ['admin', 'alice', 'dpo'] },
			'read-only-news': { type: 'channel', members: ['admin'], readOnly: true },
		},
	});
	await ws.advance(0); // the first list's baseline
});

afterEach(async () => {
	await ws?.stop();
});

const serve = (url: string, name: string) =>
	ws.http.on(url, { status: 200, headers: { 'content-type': 'application/yaml' }, body: list(name) });

/** The private answer `user` got to a command. */
const ask = (user: string, text: string) => privateAnswers(ws, user, text);

const roomPosts = (room: string, mark = 0) =>
	ws
		.seen('admin', mark)
		.filter((e) => e.kind === 'message' && e.room === room)
		.map((e) => visible(e.text));
const dms = (user: string, mark = 0) =>
	ws
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));
const recordsOf = (kind: string) => ws.records().filter((r) => r.associations.some((a: { id: string }) => a.id === kind));
/** Every record of a list other than the first (their kinds are prefixed `l-…/`). */
const otherListRecords = () => ws.records().filter((r) => r.associations.some((a: { id: string }) => /^l-[a-z2-7]{8}\//.test(a.id)));

/** Dates a list's last check back, as if it was checked `ms` ago (the app reads the server's clock, not the workspace's). */
function checkedAgo(listId: string, ms: number) {
	const [status] = recordsOf(`${listId}/check-status`);
	(status.data as { lastCheckAt: string }).lastCheckAt = new Date(Date.now() - ms).toISOString();
}

test('a second list: added with a baseline, announced into its channel naming it; the first list keeps its room', async () => {
	serve(GITHUB_URL, 'github-v1.yaml');
	expect(await ask('alice', `/subprocessors lists add github ${GITHUB_URL}`)).toContain(
		'Only workspace admins can use `/subprocessors lists`',
	);

	const updates = ws.mark();
	expect(await ask('admin', `/subprocessors lists add github ${GITHUB_URL}`)).toContain(
		'Now watching *github*: 3 sub-processors of GitHub, Inc. (version of 1 February 2024).',
	);
	await ws.jobsOnTheFly();
	// One short "now watching" note, naming the list — never three "added".
	const notes = roomPosts('subprocessor-updates', updates);
	expect(notes).toHaveLength(1);
	expect(notes[0]).toContain('*github* — *Now watching the* GitHub, Inc. *sub-processor list* (3 sub-processors');
	const [record] = recordsOf('list');
	const githubId = (record.data as { id: string }).id;
	expect(githubId).toMatch(/^l-[a-z2-7]{8}$/);

	expect(await ask('admin', '/subprocessors lists add github https://elsewhere.example/l.yaml')).toContain(
		'There is already a list called *github*.',
	);
	expect(await ask('admin', '/subprocessors lists channel github #vendor-news')).toContain(
		'Announcements of *github* now go to #vendor-news.',
	);
	expect(await ask('admin', '/subprocessors lists channel github #nowhere')).toContain('There is no room “nowhere”');
	expect(await ask('admin', '/subprocessors lists channel github #read-only-news')).toContain(
		'#read-only-news is read-only: the app can’t post there.',
	);

	const overview = await ask('admin', '/subprocessors lists');
	expect(overview).toContain('*rocketchat* — Rocket.Chat: 15 sub-processors, version of 5 January 2023');
	expect(overview).toContain('*github* — GitHub, Inc.: 3 sub-processors, version of 1 February 2024');
	expect(overview).toContain(`Source: \`${GITHUB_URL}\``);

	// alice follows GitHub only; dpo every list.
	expect(await ask('alice', '/subprocessors subscribe github')).toContain('Subscribed to *github*');
	expect(await ask('dpo', '/subprocessors subscribe')).toContain('Subscribed:');

	// GitHub changes: its check is due an interval later; the announcement goes to its channel, naming it.
	serve(GITHUB_URL, 'github-v2.yaml');
	checkedAgo(githubId, HOUR);
	let mark = ws.mark();
	await ws.advance(HOUR);
	const posted = roomPosts('vendor-news', mark);
	expect(posted).toHaveLength(1);
	expect(posted[0]).toContain('*github* — GitHub, Inc. *updated its sub-processor list* (version of 1 June 2024)');
	expect(posted[0]).toContain('*Added (1)*\n• Fastly — Content delivery network · United States and Germany');
	expect(posted[0]).toContain('To object, e-mail privacy@github.example with the subject “GitHub Subprocessor Objection”');
	expect(roomPosts('subprocessor-updates', mark)).toEqual([]);
	expect(dms('alice', mark)).toHaveLength(1);
	expect(dms('alice', mark)[0]).toContain('GitHub, Inc. *updated its sub-processor list*');
	expect(dms('dpo', mark)).toHaveLength(1);

	// The first list changes: its room as before, its DM only to who follows every list.
	serve(FIRST_URL, 'v1.yaml');
	await ws.setSetting('list_source_url', FIRST_URL);
	await ws.advance(0);
	serve(FIRST_URL, 'v2.yaml');
	mark = ws.mark();
	await ws.command('admin', 'general', '/subprocessors sync rocketchat');
	await ws.jobsOnTheFly();
	const first = roomPosts('subprocessor-updates', mark);
	expect(first).toHaveLength(1);
	expect(first[0]).toContain('Rocket.Chat *updated its sub-processor list* (version of 1 March 2024)');
	expect(first[0]).toContain('To object, e-mail privacy@rocket.chat with the subject “Subprocessor Objection” before the deadline.');
	expect(roomPosts('vendor-news', mark)).toEqual([]);
	expect(dms('alice', mark)).toEqual([]);
	expect(dms('dpo', mark)).toHaveLength(1);

	// status: every list, then what they share.
	const status = await ask('admin', '/subprocessors status');
	expect(status).toContain('*rocketchat* — Rocket.Chat');
	expect(status).toContain(`Source: \`${FIRST_URL}\``);
	expect(status).toContain('*github* — GitHub, Inc.');
	expect(status).toContain('Current list: version of 1 June 2024, 4 sub-processors');
	expect(status).toContain('Announcements channel: #vendor-news');
	expect(status).toContain('Checks every 60 minutes');

	// History per list.
	const history = await ask('alice', '/subprocessors changes github');
	expect(history).toContain('*github* — *Changes to the* GitHub, Inc. *sub-processor list*');
	expect(history).not.toContain('Rocket.Chat');
	expect(ws.errors).toEqual([]);
});

test('removing a list asks first, then stops its checks and announcements; its history stays readable', async () => {
	serve(GITHUB_URL, 'github-v1.yaml');
	await ask('admin', `/subprocessors lists add github ${GITHUB_URL}`);
	const githubId = (recordsOf('list')[0].data as { id: string }).id;
	expect(await ask('admin', '/subprocessors lists remove gitlab')).toContain('There is no list called “gitlab”');
	// Renaming and re-pointing change the record, never the id its history is kept under.
	expect(await ask('admin', '/subprocessors lists rename github rocketchat')).toContain('There is already a list called *rocketchat*.');
	expect(await ask('admin', '/subprocessors lists rename github octo')).toContain('The list *github* is now called *octo*.');
	expect(await ask('admin', '/subprocessors lists source rocketchat https://x.example/l.yaml')).toContain(
		'The source of *rocketchat* is the app’s “List source URL” setting',
	);
	expect(await ask('admin', `/subprocessors lists source octo ${GITHUB_URL}?v=2`)).toContain(
		`The list *octo* now reads \`${GITHUB_URL}?v=2\`.`,
	);
	expect(recordsOf('list').map((r) => r.data)).toEqual([
		expect.objectContaining({ id: githubId, name: 'octo', url: `${GITHUB_URL}?v=2` }),
	]);

	const prompt = await ask('admin', '/subprocessors lists remove octo');
	expect(prompt).toContain('Remove the list *octo*?');
	// Asking removes nothing.
	expect(await ask('admin', '/subprocessors lists')).toContain('*octo* —');
	await ws.click('admin', 'list-remove', githubId);
	const mark = ws.mark();
	expect((recordsOf('list')[0].data as { removedAt?: string; removedBy?: string }).removedBy).toBe('admin');

	const overview = await ask('admin', '/subprocessors lists');
	expect(overview).not.toContain('*octo*');
	serve(`${GITHUB_URL}?v=2`, 'github-v2.yaml');
	checkedAgo(githubId, 2 * HOUR);
	await ws.advance(HOUR);
	expect(roomPosts('subprocessor-updates', mark)).toEqual([]);
	expect(await ask('alice', '/subprocessors changes octo')).toContain('started watching (version of 1 February 2024, 3 sub-processors)');
	// With the first list alone again, its answers read as before lists.
	expect(await ask('admin', '/subprocessors status')).toContain('*Sub-processor list status*\nSource: the list bundled with the app');
	expect(ws.errors).toEqual([]);
});

test('a bad source or name stores nothing and says why', async () => {
	ws.http.on('https://broken.example/list.yaml', { status: 404, body: '' });
	const failed = await ask('admin', '/subprocessors lists add acme https://broken.example/list.yaml');
	expect(failed).toContain('The list *acme* was not added: its source has a problem. Nothing was stored.');
	expect(failed).toContain('HTTP 404');
	expect(await ask('admin', '/subprocessors lists add acme ftp://acme.example/list')).toContain(
		'A list’s source must be an http(s) URL; “ftp://acme.example/list” is not one.',
	);
	expect(await ask('admin', `/subprocessors lists add status ${GITHUB_URL}`)).toContain('“status” is a word of `/subprocessors` itself');
	expect(await ask('admin', `/subprocessors lists add eu ${GITHUB_URL}`)).toContain('“eu” is the name of a place');
	expect(await ask('admin', `/subprocessors lists add Bad_Name ${GITHUB_URL}`)).toContain('“bad_name” can’t name a list');
	expect(await ask('admin', '/subprocessors lists frobnicate')).toContain('`/subprocessors lists add NAME URL`');
	expect(recordsOf('list')).toEqual([]);
	expect(otherListRecords()).toEqual([]);
	await ws.advance(HOUR);
	// No alert about a list nobody added.
	expect(dms('admin').join('\n')).not.toContain('broken.example');
	expect(ws.errors).toEqual([]);
});

test('a problem with another list’s source is told to the admins naming that list; the first list’s stay as they were', async () => {
	serve(GITHUB_URL, 'github-v1.yaml');
	await ask('admin', `/subprocessors lists add github ${GITHUB_URL}`);
	const githubId = (recordsOf('list')[0].data as { id: string }).id;
	ws.http.on(GITHUB_URL, { status: 200, headers: { 'content-type': 'application/yaml' }, body: 'company: GitHub, Inc.\n' });
	checkedAgo(githubId, HOUR);
	const mark = ws.mark();
	await ws.advance(HOUR);
	const alerts = dms('admin', mark);
	expect(alerts).toHaveLength(1);
	expect(alerts[0]).toMatch(/^\*github\* — \*The sub-processor list source has a problem\.\*/);
	// Answers keep coming from its last good list; `sync github` says so, naming it.
	const sync = await ask('admin', '/subprocessors sync github');
	expect(sync).toContain('*github* — Checked: the source has a problem; the last good list (version of 1 February 2024) stays in use.');
	expect(await ask('admin', '/subprocessors status')).toContain('Last check:');
	expect(dms('admin', mark)).toHaveLength(1);
	expect(ws.errors).toEqual([]);
});

test('a list whose room refuses holds up only its own announcements: another list’s room still gets its own, and admins are told once', async () => {
	serve(GITHUB_URL, 'github-v1.yaml');
	await ask('admin', `/subprocessors lists add github ${GITHUB_URL}`);
	await ask('admin', '/subprocessors lists channel github #vendor-news');
	const githubId = (recordsOf('list')[0].data as { id: string }).id;
	await ws.jobsOnTheFly();

	// The first list's room turns read-only; then the first list changes: its post waits, admins are told.
	ws.setReadOnly('subprocessor-updates', true);
	serve(FIRST_URL, 'v1.yaml');
	await ws.setSetting('list_source_url', FIRST_URL);
	await ws.advance(0);
	serve(FIRST_URL, 'v2.yaml');
	const mark = ws.mark();
	await ws.command('admin', 'general', '/subprocessors sync rocketchat');
	await ws.jobsOnTheFly();
	expect(dms('admin', mark).filter((t) => t.includes('read-only'))).toHaveLength(1);

	// GitHub changes: its own room gets the post although the first list's waits (one lane per list).
	serve(GITHUB_URL, 'github-v2.yaml');
	checkedAgo(githubId, HOUR);
	await ws.advance(HOUR);
	const posted = roomPosts('vendor-news', mark);
	expect(posted).toHaveLength(1);
	expect(posted[0]).toContain('GitHub, Inc. *updated its sub-processor list*');
	// GitHub's room accepting says nothing of the first list's: the read-only room is not told of again.
	await ws.advance(HOUR);
	expect(dms('admin', mark).filter((t) => t.includes('read-only'))).toHaveLength(1);

	ws.setReadOnly('subprocessor-updates', false);
	await ws.advance(HOUR);
	const first = roomPosts('subprocessor-updates', mark);
	expect(first).toHaveLength(1);
	expect(first[0]).toContain('Rocket.Chat *updated its sub-processor list* (version of 1 March 2024)');
	expect(ws.errors).toEqual([]);
}, 90_000); // five check rounds and a sync

// GitHub's real sub-processor page names no address for objections: a vendor's page like it, then an address set
// with `lists objection` (issue 17 point 4).
const PAGE_URL = 'https://docs.github.example/site-policy/github-subprocessors';
const page = (rows: string[]) =>
	[
		'# GitHub Subprocessors',
		'',
		'Last updated: March 1, 2024',
		'',
		'| Name of Subprocessor | Description of Processing | Location of Processing |',
		'| --- | --- | --- |',
		...rows,
		'',
	].join('\n');
const STRIPE = '| Stripe | Payment processing | United States |';
const ZENDESK = '| Zendesk | Customer support ticketing | United States |';
const FASTLY = '| Fastly | Content delivery network | United States |';

test('a vendor page without an objection address: texts say so, the form goes to the privacy team; `lists objection` sets one and the e-mail goes there', async () => {
	await ws.stop();
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
	await ws.advance(0);
	let body = page([STRIPE, ZENDESK]);
	ws.http.on(PAGE_URL, () => ({ status: 200, headers: { 'content-type': 'text/markdown; charset=utf-8' }, body }));
	expect(await ask('admin', `/subprocessors lists add github ${PAGE_URL}`)).toContain('Now watching *github*: 2 sub-processors');
	await ws.jobsOnTheFly();
	const githubId = (recordsOf('list')[0].data as { id: string }).id;

	// What applies, and where it came from.
	expect(await ask('admin', '/subprocessors lists objection github')).toContain(
		'Objections to *github* (GitHub) have no address: the list states none and none is set, so a filed objection reaches this workspace’s privacy team only. Set one with `/subprocessors lists objection github ADDRESS "SUBJECT"`.',
	);
	expect(await ask('admin', '/subprocessors lists objection rocketchat')).toContain(
		'Objections to *rocketchat* (Rocket.Chat) are e-mailed to privacy@rocket.chat with the subject “Subprocessor Objection” — as the list states it.',
	);
	const overview = await ask('admin', '/subprocessors lists');
	expect(overview).toContain('Objections: privacy@rocket.chat (as the list states it)');
	expect(overview).toContain('Objections: no address (the list states none), so they reach this workspace’s privacy team only');
	const status = await ask('admin', '/subprocessors status');
	expect(status).toContain('objection address none: the page states none.');
	expect(status).toContain('Objections: no address (the list states none)');

	// Answers, announcements and the form: never "e-mail  with".
	const shown = await ask('alice', '/subprocessors show github stripe');
	expect(shown).toContain(
		'GitHub’s list gives no address for objections: file one with the *Object* button, and this workspace’s privacy team takes it up.',
	);
	expect(shown).not.toMatch(/e-mail +with/);
	body = page([STRIPE, ZENDESK, FASTLY]);
	checkedAgo(githubId, HOUR);
	let mark = ws.mark();
	await ws.advance(HOUR);
	const [announced] = roomPosts('subprocessor-updates', mark);
	expect(announced).toContain('*github* — GitHub *updated its sub-processor list*');
	expect(announced).toContain(
		'GitHub’s list gives no address for objections: file one with an *Object* button or `/subprocessors object github NAME` before the deadline, and this workspace’s privacy team takes it up.',
	);
	expect(announced).not.toContain('To object, e-mail');

	await ws.command('alice', 'general', '/subprocessors object github stripe');
	const form = ws.modal('alice')?.text ?? '';
	expect(form).toContain(
		'GitHub’s list gives no address for objections, so it is not e-mailed to GitHub for now: this workspace’s privacy team gets it in its room and takes it up.',
	);
	expect(form).not.toContain('()');
	expect(await ws.submitView('alice', { ...VALID, service: 'Actions' })).toMatchObject({ success: true });
	await ws.jobsOnTheFly();
	const card = () =>
		ws
			.seen('dpo')
			.filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-'))
			.map((e) => visible(e.text))
			.pop() ?? '';
	expect(card()).toContain(
		'Not e-mailed: GitHub’s list gives no address for objections. An admin can set one with `/subprocessors lists objection github ADDRESS` (it is sent then), or forward it by hand.',
	);
	expect(dms('alice').join('\n')).toContain(
		'GitHub’s list gives no address for objections, so it was not e-mailed to GitHub; this workspace’s privacy team takes it up.',
	);
	expect(ws.outbox).toEqual([]);

	// Setting it: validated, only admins, not for the first list (its address is the setting).
	expect(await ask('alice', '/subprocessors lists objection github privacy@github.example')).toContain('Only workspace admins');
	expect(await ask('admin', '/subprocessors lists objection github privacy-at-github')).toContain(
		'“privacy-at-github” is not an e-mail address.',
	);
	expect(await ask('admin', '/subprocessors lists objection rocketchat dpo@acme.example')).toContain(
		'The objection address of the first list (*rocketchat*) is the app’s objection e-mail address setting',
	);
	expect(recordsOf('list').map((r) => (r.data as { objectionTo?: string }).objectionTo)).toEqual([undefined]);
	mark = ws.mark();
	expect(await ask('admin', '/subprocessors lists objection github privacy@github.example "GitHub sub-processor objection"')).toContain(
		'Saved for *github*. Objections to *github* (GitHub) are e-mailed to privacy@github.example with the subject “GitHub sub-processor objection” — set with `lists objection`.',
	);
	await ws.jobsOnTheFly();
	// The waiting e-mail goes to the address set, with its subject.
	expect(ws.outbox).toHaveLength(1);
	expect(ws.outbox[0]).toMatchObject({ to: 'privacy@github.example', subject: 'GitHub sub-processor objection', replyTo: VALID.email });
	expect(card()).toContain('E-mail to privacy@github.example handed to the workspace’s mailer');
	expect(await ask('alice', '/subprocessors show github stripe')).toContain(
		'To object to this sub-processor, e-mail privacy@github.example with the subject “GitHub sub-processor objection”.',
	);
	await ws.command('alice', 'general', '/subprocessors object github zendesk');
	expect(ws.modal('alice')?.text).toContain(
		'It is e-mailed to GitHub (privacy@github.example) with the subject “GitHub sub-processor objection”',
	);
	expect(await ask('dpo', '/subprocessors objections audit')).toContain(
		'admin set where objections to github are e-mailed: privacy@github.example',
	);
	expect(await ask('admin', '/subprocessors status')).toContain('Objections: privacy@github.example (set with `lists objection`)');

	// Cleared: back to what the page says (nothing).
	expect(await ask('admin', '/subprocessors lists objection github clear')).toContain(
		'Removed the address and subject set for *github*. Objections to *github* (GitHub) have no address',
	);
	expect(await ask('dpo', '/subprocessors objections audit')).toContain('admin removed the objection address set for github');

	// The first list's address is the setting: answers follow a change of it at once.
	expect(await ask('alice', '/subprocessors show rocketchat stripe')).toContain('e-mail privacy@rocket.chat with the subject');
	await ws.setSetting('objection_email', 'dpo@acme.example');
	expect(await ask('alice', '/subprocessors show rocketchat stripe')).toContain('e-mail dpo@acme.example with the subject');
	expect(await ask('admin', '/subprocessors lists objection rocketchat')).toContain(
		'are e-mailed to dpo@acme.example with the subject “Subprocessor Objection” — the app’s objection e-mail address setting.',
	);
	expect(ws.errors).toEqual([]);
}, 60_000);
