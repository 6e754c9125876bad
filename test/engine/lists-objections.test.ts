// Issue 17 points 4 and 5 in the real engine: objections go to the list they concern (its vendor, address and
// subject), `object NAME` finds the list, and feeds and exports carry every list. The second list is seeded as
// `lists add` stores it (its list record, its pointer and body under its own keys, a change record of it): the
// admin commands are another part of issue 17, and these tests need only what they store.
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'fs';
import * as path from 'path';
import { signedHeaders } from '../../src/features/watch/signature';
import { loadList } from '../../src/features/list/schema';
import { fingerprint } from '../../src/features/watch/diff';
import { newChangeRecord } from '../../src/features/watch/changes';
import type { WatchedList } from '../../src/features/lists/model';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible, VALID_OBJECTION as VALID } from './helpers';

const GITHUB_ID = 'l-abcdefgh';
const GITHUB_YAML = `company: GitHub, Inc.
updated: 2024-03-01
objections:
  email: privacy@github.example
  subject: GitHub Subprocessor Objection
categories:
  - id: infrastructure
    name: Infrastructure
subprocessors:
  - id: stripe
    name: Stripe
    category: infrastructure
    purpose: Payments for GitHub
    locations: [United States]
  - id: zendesk
    name: Zendesk
    category: infrastructure
    purpose: Support tickets
`;
const github = loadList(GITHUB_YAML, 'github.yaml');
const V2 = readFileSync(path.join(__dirname, 'fixtures', 'lists', 'v2.yaml'), 'utf8');
const before = { ...github, updated: '2024-02-01', subprocessors: github.subprocessors.slice(0, 1) };

let ws: Workspace;

const misc = (id: string) => ({ model: 'misc', id });
function seed(kind: string, id: string, data: object): void {
	ws.bridges.persistence.records.push({
		id: `seed-${kind}-${id}`,
		appId: ws.appId,
		data,
		associations: [misc(kind), misc(`${kind}:${id}`)],
	});
}

/** What `lists add github URL` stores: the list record, then its first good list under its own keys, and a change of it. */
function seedGithub(list: Partial<WatchedList> = {}): void {
	const fp = fingerprint(github);
	seed(`${GITHUB_ID}/list-body`, fp, { json: JSON.stringify(github) });
	seed(`${GITHUB_ID}/list-pointer`, 'current', {
		fingerprint: fp,
		announced: true,
		version: github.updated,
		count: github.subprocessors.length,
		source: 'https://github.example/subprocessors.yaml',
		acceptedAt: '2026-11-29T10:00:00.000Z',
	});
	const record = newChangeRecord(
		{ list: before, fingerprint: fingerprint(before) },
		{ list: github, fingerprint: fp },
		new Date('2026-11-29T10:00:00Z'),
		30,
		undefined,
		GITHUB_ID,
	);
	const { changes, ...rest } = record;
	seed('change', record.id, { ...rest, changesJson: JSON.stringify(changes) });
	seed('list', GITHUB_ID, {
		id: GITHUB_ID,
		name: 'github',
		url: 'https://github.example/subprocessors.yaml',
		createdAt: '2026-11-29T10:00:00.000Z',
		...list,
	});
}

beforeEach(async () => {
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
});

afterEach(async () => {
	await ws?.stop();
});

const notices = (user: string, mark = 0) =>
	ws
		.seen(user, mark)
		.filter((e) => e.kind === 'notification')
		.map((e) => visible(e.text));
const objections = () =>
	ws
		.records()
		.filter((r) => r.associations.some((a: { id: string }) => a.id === 'objection'))
		.map((r) => r.data as { ref: string; list?: string; subprocessor: { id: string } });
const teamCards = () =>
	ws
		.seen('dpo')
		.filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-'))
		.map((e) => visible(e.text));
const dmsTo = (user: string) =>
	ws
		.seen(user)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));

describe('objections with two lists', () => {
	beforeEach(() => seedGithub());

	test('`object NAME` on several lists answers with the commands to type, and opens no form', async () => {
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(ws.modal('alice')).toBeUndefined();
		expect(notices('alice', mark)).toEqual([
			expect.stringContaining('`/subprocessors object rocketchat stripe`, `/subprocessors object github stripe`'),
		]);
		await ws.command('alice', 'general', '/subprocessors object');
		expect(notices('alice', mark)[1]).toContain('Which list is your objection about?');
		await ws.command('alice', 'general', '/subprocessors object atlantis');
		expect(notices('alice', mark)[2]).toContain('No sub-processor on any list matches “atlantis”');
		expect(ws.modal('alice')).toBeUndefined();
	});

	test('an objection to the second list goes to its address with its subject, and names its vendor and list', async () => {
		await ws.command('alice', 'general', '/subprocessors object github stripe');
		const modal = ws.modal('alice');
		expect(modal).toBeDefined();
		expect(modal!.text).toContain('Stripe=stripe | Zendesk=zendesk');
		expect(modal!.text).toContain('(selected: stripe) {subprocessor}');
		expect(modal!.text).toContain('e-mailed to GitHub, Inc. (privacy@github.example) with the subject “GitHub Subprocessor Objection”');
		// The list has no services: the objector names the service.
		expect(modal!.text).toContain('Which GitHub, Inc. service does it concern?');

		expect(await ws.submitView('alice', { ...VALID, service: 'Actions' })).toMatchObject({ success: true });
		const [objection] = objections();
		expect(objection).toMatchObject({ list: GITHUB_ID, subprocessor: { id: 'stripe', name: 'Stripe' } });
		expect(ws.outbox).toHaveLength(1);
		expect(ws.outbox[0]).toMatchObject({ to: 'privacy@github.example', subject: 'GitHub Subprocessor Objection' });
		expect(ws.outbox[0].text).toContain('Formal objection to a sub-processor of GitHub, Inc.');
		expect(ws.outbox[0].text).toContain('GitHub, Inc. service: Actions');
		const [card] = teamCards();
		expect(card).toContain(`*Objection ${objection.ref}* to Stripe (on GitHub, Inc.’s list *github*) — open`);
		expect(card).toContain('privacy@github.example');
		const [confirmation] = dmsTo('alice');
		expect(confirmation).toContain('GitHub, Inc. receives the formal objection');

		// `objections` and `my-objections` name the list of it.
		await ws.command('dpo', 'privacy-team', '/subprocessors objections');
		await ws.command('alice', 'general', '/subprocessors my-objections');
		expect(notices('dpo').join('\n')).toContain('Stripe (on GitHub, Inc.’s list *github*)');
		expect(notices('alice').join('\n')).toContain('Stripe (on GitHub, Inc.’s list *github*)');
	});

	test('a name on one list only opens that list’s form; the Object button of an entry of it too', async () => {
		await ws.command('alice', 'general', '/subprocessors object zendesk');
		expect(ws.modal('alice')?.text).toContain('(selected: zendesk) {subprocessor}');
		await ws.closeView('alice');
		await ws.forgeAction('alice', 'general', 'object', `${GITHUB_ID}:stripe`);
		const modal = ws.modal('alice');
		expect(modal?.text).toContain('(selected: stripe) {subprocessor}');
		expect(modal?.text).toContain('privacy@github.example');
		expect(await ws.submitView('alice', { ...VALID, service: 'Actions' })).toMatchObject({ success: true });
		expect(objections()[0].list).toBe(GITHUB_ID);
	});

	test('the first list’s objections are filed and routed as before lists', async () => {
		await ws.command('alice', 'general', '/subprocessors object rocketchat stripe');
		expect(ws.modal('alice')?.text).toContain('Hosted offering=Hosted offering | Marketplace=Marketplace');
		expect(await ws.submitView('alice', VALID)).toMatchObject({ success: true });
		const [objection] = objections();
		expect(objection.list).toBeUndefined();
		expect(ws.outbox[0]).toMatchObject({ to: 'privacy@rocket.chat', subject: 'Subprocessor Objection' });
		expect(teamCards()[0]).toContain(`*Objection ${objection.ref}* to Stripe — open`);
		// An old Object button (the entry's id alone) opens the first list's form.
		await ws.forgeAction('bob', 'general', 'object', 'stripe');
		expect(ws.modal('bob')?.text).toContain('Hosted offering=Hosted offering');
	});

	/** The second list's record as an admin command would rewrite it. */
	function relist(patch: Partial<WatchedList>): void {
		const records = ws.bridges.persistence.records;
		records.splice(
			records.findIndex((r) => r.id === `seed-list-${GITHUB_ID}`),
			1,
		);
		seed('list', GITHUB_ID, { id: GITHUB_ID, name: 'github', createdAt: '2026-11-29T10:00:00.000Z', ...patch });
	}

	test('an address set on the list goes before the one the list states', async () => {
		relist({ objectionTo: 'dpa@github.example', objectionSubject: 'DPA objection' });
		await ws.command('alice', 'general', '/subprocessors object github zendesk');
		await ws.submitView('alice', { ...VALID, subprocessor: 'zendesk', service: 'Actions' });
		expect(ws.outbox[0]).toMatchObject({ to: 'dpa@github.example', subject: 'DPA objection' });
	});

	test('a list name that is also an entry of another list opens the list’s form and says how to reach the entry', async () => {
		relist({ name: 'stripe' });
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(ws.modal('alice')?.text).toContain('privacy@github.example');
		expect(notices('alice', mark)).toEqual([
			'This is the form of the list *stripe*. To object instead to the entry of that name on another list: `/subprocessors object rocketchat stripe`',
		]);
	});
});

describe('feeds and exports with two lists', () => {
	beforeEach(async () => {
		seedGithub();
		await ws.setSetting('public_feeds', true);
	});
	const get = (p: string) => ws.endpoint('GET', p, {});

	test('subprocessors.json: the first list’s v1 fields, every list in `lists`; `?list=` one list; an unknown name is a 404', async () => {
		const all = JSON.parse((await get('/subprocessors.json')).content);
		expect(all).toMatchObject({ format: 'subprocessors/v1', company: 'Rocket.Chat', updated: '2023-01-05' });
		expect(all.subprocessors).toHaveLength(15);
		expect(all.lists.map((l: { list: string; company: string }) => [l.list, l.company])).toEqual([
			['rocketchat', 'Rocket.Chat'],
			['github', 'GitHub, Inc.'],
		]);
		const one = JSON.parse((await get('/subprocessors.json?list=github')).content);
		expect(one).toMatchObject({ list: 'github', company: 'GitHub, Inc.', objections: { email: 'privacy@github.example' } });
		expect(one.subprocessors.map((e: { id: string }) => e.id)).toEqual(['stripe', 'zendesk']);
		expect(one.lists).toBeUndefined();
		const unknown = await get('/subprocessors.json?list=nope');
		expect(unknown.status).toBe(404);
		expect(JSON.parse(unknown.content).error).toBe('no list named "nope" (lists: rocketchat, github)');
		// Filters apply per list: a location only one list has narrows both.
		const us = JSON.parse((await get('/subprocessors.json?location=US')).content);
		expect(us.lists[1].subprocessors.map((e: { id: string }) => e.id)).toEqual(['stripe']);
		// A category only the first list has leaves the other empty; one no list has is an error.
		const affiliates = JSON.parse((await get('/subprocessors.json?category=affiliates')).content);
		expect(affiliates.lists.map((l: { subprocessors: unknown[] }) => l.subprocessors.length)).toEqual([2, 0]);
		expect((await get('/subprocessors.json?category=nope')).status).toBe(400);
	});

	test('subprocessors.csv: every list’s rows with a `list` column; `?list=` the columns of before lists', async () => {
		const rows: Record<string, string>[] = parseCsv((await get('/subprocessors.csv')).content, { columns: true });
		expect(rows).toHaveLength(17);
		expect(rows.filter((r) => r.list === 'github').map((r) => r.id)).toEqual(['stripe', 'zendesk']);
		const one: string[][] = parseCsv((await get('/subprocessors.csv?list=github')).content);
		expect(one[0]).not.toContain('list');
		expect(one).toHaveLength(3);
	});

	test('change feeds name the list of each entry; `?list=` carries that list’s changes only', async () => {
		const feed = JSON.parse((await get('/changes.json')).content);
		expect(feed.items.map((i: { title: string }) => i.title)).toEqual([
			'github — GitHub, Inc. sub-processor list of 2024-03-01: 1 added, 0 removed, 0 changed',
		]);
		expect(feed.items[0]._subprocessors.list).toBe('github');
		expect(JSON.parse((await get('/changes.json?list=rocketchat')).content).items).toEqual([]);
		expect((await get('/changes.atom?list=github')).content).toContain('GitHub, Inc. sub-processor list of 2024-03-01');
		expect((await get('/changes.rss?list=nope')).status).toBe(404);
	});

	test('`export [LIST] csv|json`: one list, or every list', async () => {
		await ws.command('alice', 'general', '/subprocessors export github json');
		await ws.command('alice', 'general', '/subprocessors export csv');
		const [one, all] = [...ws.bridges.upload.files.values()];
		expect(one.upload.name).toBe('github-inc-subprocessors-2024-03-01.json');
		expect(JSON.parse(one.buffer.toString('utf8'))).toMatchObject({ list: 'github', company: 'GitHub, Inc.' });
		const rows: Record<string, string>[] = parseCsv(all.buffer.toString('utf8'), { columns: true });
		expect(new Set(rows.map((r) => r.list))).toEqual(new Set(['rocketchat', 'github']));
	});

	test('a push names its list: an unknown one is a 404, the first list takes it as before, another list through its own check', async () => {
		const secret = 'a-long-shared-secret-for-tests';
		await ws.setSetting('update_secret', secret);
		const push = (query: string, list: string) =>
			ws.endpoint(
				'POST',
				`/update${query}`,
				{ 'content-type': 'application/json', ...signedHeaders(list, secret) },
				JSON.stringify({ list }),
			);
		const unknown = await push('?list=nope', V2);
		expect(unknown.status).toBe(404);
		expect(JSON.parse(unknown.content).error).toBe('no list named "nope" (lists: rocketchat, github)');
		// Another list takes its push through its own check: the list it already has is unchanged.
		const other = await push('?list=github', GITHUB_YAML);
		expect(other.status).toBe(200);
		expect(JSON.parse(other.content)).toMatchObject({ result: 'unchanged' });
		const first = await push('?list=rocketchat', V2);
		expect(first.status).toBe(200);
		// The first check of the first list in this workspace: the pushed list is its baseline; the other list is untouched.
		expect(JSON.parse(first.content)).toMatchObject({ result: 'baseline', version: '2024-03-01' });
		const all = JSON.parse((await ws.endpoint('GET', '/subprocessors.json', {})).content);
		const ids = (l: { subprocessors: Array<{ id: string }> }) => l.subprocessors.map((e) => e.id);
		expect(ids(all.lists[0])).toContain('mueller');
		expect(ids(all.lists[1])).toEqual(['stripe', 'zendesk']);
	});
});
