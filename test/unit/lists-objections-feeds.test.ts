// Issue 17 points 4 and 5: objections go to the list they concern, feeds and exports carry every list. With one
// list every document is exactly what it was before lists.
import { FakeWorld } from './fakeDeps';
import { bundledList, catalogFrom, FILED_OBJECTION, SMALL_LIST_HEADER, visible, blockTexts } from './helpers';
import { changeTitle, changesFeed, CSV_COLUMNS, listCsv, listJson } from '../../src/features/feeds/feeds';
import { listsCsv, listsJson, namedListJson } from '../../src/features/feeds/lists';
import { writeFeed } from '../../src/features/feeds/feedWriter';
import { newChangeRecord } from '../../src/features/watch/changes';
import { fingerprint } from '../../src/features/watch/diff';
import { MAIN_LIST_ID, type WatchedList } from '../../src/features/lists/model';
import { objectButtonValue, parseObjectButtonValue, type Objection } from '../../src/features/objections/model';
import { routeOf } from '../../src/features/objections/engine/target';
import { myObjections, objectionEmail, objectionList, objectorConfirmation, teamCard } from '../../src/features/objections/messages';
import { card } from '../../src/features/list/answers';
import { parse as parseCsv } from 'csv-parse/sync';

const github = catalogFrom(
	SMALL_LIST_HEADER.replace('company: Example GmbH', 'company: GitHub, Inc.').replace('privacy@example.com', 'privacy@github.example') +
		`subprocessors:
  - id: stripe
    name: Stripe
    category: service
    purpose: Payments
    locations: [United States]
  - id: zendesk
    name: Zendesk
    category: service
    purpose: Support tickets
`,
);
const first = bundledList();
const GITHUB: WatchedList = { id: 'l-abcdefgh', name: 'github', createdAt: '2026-11-01T00:00:00.000Z' };
const MAIN: WatchedList = { id: MAIN_LIST_ID, name: 'rocketchat', createdAt: '1970-01-01T00:00:00.000Z' };

describe('list documents of several lists', () => {
	test('one list: exactly the v1 JSON and CSV of before lists', () => {
		expect(listsJson([{ name: 'rocketchat', list: first }])).toEqual(listJson(first));
		expect(JSON.stringify(listsJson([{ name: 'rocketchat', list: first }]))).toBe(JSON.stringify(listJson(first)));
		expect(listsCsv([{ name: 'rocketchat', list: first }])).toBe(listCsv(first));
	});

	test('several lists: the first list’s v1 fields at the top, every list in `lists` with its name', () => {
		const doc = listsJson([
			{ name: 'rocketchat', list: first },
			{ name: 'github', list: github.list },
		]);
		const { lists, ...top } = doc;
		expect(top).toEqual(listJson(first));
		expect(lists?.map((l) => [l.list, l.company, l.subprocessors.length])).toEqual([
			['rocketchat', 'Rocket.Chat', first.subprocessors.length],
			['github', 'GitHub, Inc.', 2],
		]);
		expect(lists?.[1].objections.email).toBe('privacy@github.example');
		expect(namedListJson({ name: 'github', list: github.list })).toEqual({ list: 'github', ...listJson(github.list) });
	});

	test('several lists: one CSV with a `list` column after the v1 columns', () => {
		const csv = listsCsv([
			{ name: 'rocketchat', list: first },
			{ name: 'github', list: github.list, entries: github.list.subprocessors.slice(0, 1) },
		]);
		const rows: string[][] = parseCsv(csv);
		expect(rows[0]).toEqual([...CSV_COLUMNS, 'list']);
		expect(rows).toHaveLength(1 + first.subprocessors.length + 1);
		expect(rows.at(-1)).toEqual(expect.arrayContaining(['stripe', 'Stripe', 'github']));
		expect(new Set(rows.slice(1).map((row) => row.at(-1)))).toEqual(new Set(['rocketchat', 'github']));
	});
});

describe('change feeds of several lists', () => {
	const after = { ...github.list, updated: '2024-04-01', subprocessors: github.list.subprocessors.slice(0, 1) };
	const record = newChangeRecord(
		{ list: github.list, fingerprint: fingerprint(github.list) },
		{ list: after, fingerprint: fingerprint(after) },
		new Date('2026-11-30T09:00:00Z'),
		30,
		undefined,
		GITHUB.id,
	);
	const options = {
		baseUrl: 'https://chat.example',
		company: 'GitHub, Inc.',
	};

	test('without list names (one list) the titles are those of before lists', () => {
		const feed = JSON.parse(writeFeed(changesFeed([record], options), 'json'));
		expect(feed.items[0].title).toBe('GitHub, Inc. sub-processor list of 2024-04-01: 0 added, 1 removed, 0 changed');
		expect(feed.items[0]._subprocessors.list).toBeUndefined();
	});

	test('with several lists each entry names its list in the title and in `_subprocessors`', () => {
		const listNames = new Map([
			[MAIN_LIST_ID, 'rocketchat'],
			[GITHUB.id, 'github'],
		]);
		const feed = JSON.parse(writeFeed(changesFeed([record], { ...options, listNames }), 'json'));
		expect(feed.items[0].title).toBe(changeTitle(record, 'github'));
		expect(feed.items[0].title).toMatch(/^github — GitHub, Inc\. sub-processor list of 2024-04-01/);
		expect(feed.items[0]._subprocessors).toMatchObject({ list: 'github', removed: [{ id: 'zendesk' }] });
		expect(writeFeed(changesFeed([record], { ...options, listNames }), 'atom')).toContain('github — GitHub, Inc.');
	});
});

describe('objections of a list other than the first', () => {
	test('the Object button carries `listId:entryId` for other lists; the first list’s (and old buttons) the id alone', () => {
		expect(objectButtonValue(MAIN_LIST_ID, 'stripe')).toBe('stripe');
		expect(objectButtonValue(GITHUB.id, 'stripe')).toBe('l-abcdefgh:stripe');
		expect(parseObjectButtonValue('l-abcdefgh:stripe')).toEqual({ listId: GITHUB.id, entryId: 'stripe' });
		expect(parseObjectButtonValue('stripe')).toEqual({ listId: MAIN_LIST_ID, entryId: 'stripe' });
		expect(parseObjectButtonValue(undefined)).toEqual({ listId: MAIN_LIST_ID, entryId: undefined });
		const button = (reply: ReturnType<typeof card>) => JSON.stringify(reply.blocks[0]);
		expect(button(card(github, github.entries[0], 'en', GITHUB.id))).toContain('"value":"l-abcdefgh:stripe"');
		expect(button(card(github, github.entries[0], 'en'))).toContain('"value":"stripe"');
	});

	test('routing: the list’s own address and subject, then what the list says; the setting only for the first list', async () => {
		const world = new FakeWorld();
		world.appSettings.objection_email = 'dpo-override@workspace.example';
		const deps = world.deps();
		expect(await routeOf(deps, GITHUB, github)).toEqual({
			company: 'GitHub, Inc.',
			email: 'privacy@github.example',
			subject: 'Objection',
			list: 'github',
		});
		const routed = { ...GITHUB, objectionTo: 'legal@github.example', objectionSubject: 'Sub-processor objection' };
		expect(await routeOf(deps, routed, github)).toMatchObject({ email: 'legal@github.example', subject: 'Sub-processor objection' });
		// The first list: the setting over the list's address, as before lists; no list name in its texts.
		const firstCatalog = catalogFrom(SMALL_LIST_HEADER + 'subprocessors: []\n');
		expect(await routeOf(deps, MAIN, firstCatalog)).toEqual({
			company: 'Example GmbH',
			email: 'dpo-override@workspace.example',
			subject: 'Objection',
		});
		world.appSettings.objection_email = '';
		expect((await routeOf(deps, MAIN, firstCatalog)).email).toBe('privacy@example.com');
		// A list whose history is gone: named by its name, no address.
		expect(await routeOf(deps, GITHUB, undefined)).toEqual({ company: 'github', email: '', subject: '', list: 'github' });
	});

	const objection: Objection = { ...FILED_OBJECTION, service: 'Repositories', list: GITHUB.id };
	const route = { company: 'GitHub, Inc.', email: 'privacy@github.example', subject: 'Objection', list: 'github' };

	test('the card, the confirmation, the e-mail and the lists name the vendor and the list', () => {
		const cardText = visible(blockTexts(teamCard(objection, {}, 'en', 'app', route)).join('\n'));
		expect(cardText).toContain('*Objection OBJ-2026-K7Q2XM* to Stripe (on GitHub, Inc.’s list *github*) — open');
		expect(cardText).toContain('privacy@github.example');
		const confirmation = visible(blockTexts(objectorConfirmation(objection, undefined, 'en', route)).join('\n'));
		expect(confirmation).toContain('GitHub, Inc. receives the formal objection');
		expect(confirmation).toContain('Stripe (on GitHub, Inc.’s list *github*)');
		const mail = objectionEmail(objection, route.company, 'https://chat.example', route.subject, (text) => text);
		expect(mail.subject).toContain('Objection');
		expect(mail.text).toContain('sub-processor of GitHub, Inc.');
		const labels = new Map([[GITHUB.id, { list: 'github', company: 'GitHub, Inc.' }]]);
		expect(visible(objectionList([objection], 'en', 'all', labels).text)).toContain('Stripe (on GitHub, Inc.’s list *github*)');
		expect(visible(myObjections([objection], 'en', labels).text)).toContain('Stripe (on GitHub, Inc.’s list *github*)');
	});

	test('an objection of the first list reads as before lists', () => {
		const { list: _list, ...firstObjection } = objection;
		const firstRoute = { company: 'Rocket.Chat', email: 'privacy@rocket.chat', subject: 'Subprocessor Objection' };
		const cardText = visible(blockTexts(teamCard(firstObjection, {}, 'en', 'app', firstRoute)).join('\n'));
		expect(cardText).toContain('*Objection OBJ-2026-K7Q2XM* to Stripe — open');
		expect(visible(objectionList([firstObjection], 'en', 'all', new Map()).text)).toContain('• *OBJ-2026-K7Q2XM* — Stripe — open');
	});
});
