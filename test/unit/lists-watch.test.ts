// Watching several lists (issue 17, docs/lists.md 2–3): the pure pieces — which lists a check run takes, the
// `lists …` words, the overview and the removal prompt, and how a reply names its list.
import { dueLists, nextListCheckAt } from '../../src/features/lists/schedule';
import {
	isSourceUrl,
	listsOverview,
	readChangesArgs,
	readListsRequest,
	removalPrompt,
	REMOVE_LIST_ACTION,
} from '../../src/features/lists/messages';
import { MAIN_LIST_ID, type WatchedList } from '../../src/features/lists/model';
import { alertMessage, listStatusSection, namingList, statusAnswer } from '../../src/features/watch/announcement';
import { notice } from '../../src/features/list/answers';
import { announcementDeliveries, subscribedTo } from '../../src/features/watch/engine/announcing';
import { newChangeRecord } from '../../src/features/watch/changes';
import { bundledList, listState } from './helpers';
import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { AppRuntime } from '../../src/platform/runtime';
import { ListStateStore } from '../../src/platform/storage/stores';
import type { SubprocessorList } from '../../src/features/list/model';
import { FakeWorld } from './fakeDeps';

const list = (id: string, name = id): WatchedList => ({ id, name, createdAt: '2026-01-01T00:00:00.000Z' });
const NOW = new Date('2026-11-30T12:00:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

describe('which lists a check run takes', () => {
	it('checks one list alone at every run, however recently it was checked (as before lists)', () => {
		expect(dueLists([{ list: list(MAIN_LIST_ID), lastCheckAt: ago(1) }], 60, NOW)).toEqual([list(MAIN_LIST_ID)]);
	});

	it('takes the due lists oldest check first, never checked first of all, and skips one checked moments ago', () => {
		const lists = [
			{ list: list(MAIN_LIST_ID, 'rocketchat'), lastCheckAt: ago(61) },
			{ list: list('l-aaaaaaaa', 'github'), lastCheckAt: ago(5) }, // `sync`ed just now: waits
			{ list: list('l-bbbbbbbb', 'acme'), lastCheckAt: ago(120) }, // not reached last time: first
			{ list: list('l-cccccccc', 'stripe') }, // never checked
		];
		expect(dueLists(lists, 60, NOW).map((l) => l.name)).toEqual(['stripe', 'acme', 'rocketchat']);
	});

	it('counts a list checked a little after the last run started as due (runs are an interval apart)', () => {
		const lists = [
			{ list: list(MAIN_LIST_ID), lastCheckAt: ago(60) },
			{ list: list('l-aaaaaaaa'), lastCheckAt: ago(59) },
		];
		expect(dueLists(lists, 60, NOW)).toHaveLength(2);
	});

	it('an unreadable date counts as never checked', () => {
		expect(
			dueLists(
				[
					{ list: list('a'), lastCheckAt: ago(10) },
					{ list: list('b'), lastCheckAt: 'garbage' },
				],
				60,
				NOW,
			),
		).toEqual([list('b')]);
	});

	it('says when a list is next checked: an interval after its last check, never in the past', () => {
		expect(nextListCheckAt(ago(10), 60, NOW)).toBe(new Date(NOW.getTime() + 50 * 60_000).toISOString());
		expect(nextListCheckAt(ago(600), 60, NOW)).toBe(new Date(NOW.getTime() + 60_000).toISOString());
		expect(nextListCheckAt(undefined, 60, NOW)).toBe(new Date(NOW.getTime() + 60_000).toISOString());
	});
});

describe('the words of `lists …`', () => {
	it.each([
		[[], { kind: 'overview' }],
		[['add', 'GitHub', 'https://x.example/l.yaml'], { kind: 'add', name: 'github', url: 'https://x.example/l.yaml' }],
		[['rename', 'github', 'GH'], { kind: 'rename', name: 'github', to: 'gh' }],
		[['source', 'github', 'https://y.example'], { kind: 'source', name: 'github', url: 'https://y.example' }],
		[['channel', 'github', '#vendor-news'], { kind: 'channel', name: 'github', room: 'vendor-news' }],
		[['REMOVE', 'github'], { kind: 'remove', name: 'github' }],
		[['add', 'github'], { kind: 'usage' }],
		[['remove', 'github', 'now'], { kind: 'usage' }],
		[['add', 'a', 'b', 'c'], { kind: 'usage' }],
		[['delete', 'github'], { kind: 'usage' }],
	])('%j', (args, expected) => {
		expect(readListsRequest(args)).toEqual(expected);
	});

	it('takes only http(s) URLs with a host as sources', () => {
		expect(isSourceUrl('https://github.example/privacy/subprocessors')).toBe(true);
		expect(isSourceUrl('http://10.0.0.1:8080/list.yaml')).toBe(true);
		for (const bad of ['ftp://x.example/l', 'file:///etc/passwd', 'github.com/list', 'https://', 'javascript:alert(1)', 'https://a b'])
			expect(isSourceUrl(bad)).toBe(false);
	});

	it('reads the words after `changes [LIST]` as before lists', () => {
		expect(readChangesArgs([])).toEqual({ limit: 10 });
		expect(readChangesArgs(['5'])).toEqual({ limit: 5 });
		expect(readChangesArgs(['since', '2024-01-31'])).toEqual({ limit: 50, since: '2024-01-31' });
		expect(readChangesArgs(['since', 'yesterday'])).toBeUndefined();
		expect(readChangesArgs(['0'])).toBeUndefined();
		expect(readChangesArgs(['lots'])).toBeUndefined();
	});
});

describe('what `lists` says', () => {
	it('shows every list with its company, size, version, source and checks', () => {
		const reply = listsOverview(
			[
				{ name: 'rocketchat', company: 'Rocket.Chat', count: 15, version: '2023-01-05', nextCheckAt: '2026-11-30T13:00:00.000Z' },
				{
					name: 'github',
					company: 'GitHub, Inc.',
					source: 'https://github.example/subprocessors.yaml',
					count: 3,
					version: '2024-03-01',
					lastCheckAt: '2026-11-30T11:58:00.000Z',
					lastResult: 'error',
					room: 'vendor-news',
				},
				{ name: 'acme' },
			],
			'en',
		);
		// Company names are markup-escaped (`Rocket\\.Chat`): read as shown.
		const text = reply.text.replace(/\\([.])/g, '$1');
		expect(text).toContain('*rocketchat* — Rocket.Chat: 15 sub-processors, version of 5 January 2023');
		expect(reply.text).toContain('Source: the list bundled with the app');
		expect(reply.text).toContain('Last check: not yet');
		expect(text).toContain('*github* — GitHub, Inc.: 3 sub-processors, version of 1 March 2024');
		expect(reply.text).toContain('Source: `https://github.example/subprocessors.yaml`');
		expect(reply.text).toContain('Last check: 30 November 2026 11:58 UTC — problem');
		expect(reply.text).toContain('Announcements channel: #vendor-news');
		expect(reply.text).toContain('*acme* — no list read yet');
	});

	it('shows twenty lists with long sources one line each, so every list fits in one message', () => {
		const lines = Array.from({ length: 20 }, (_, i) => ({
			name: `vendor${i}`,
			company: `Vendor ${i} Incorporated`,
			source: `https://vendor-${i}.example/legal/privacy/subprocessors/list-of-subprocessors.yaml`,
			count: 500,
			version: '2025-03-01',
			lastCheckAt: '2026-11-30T11:58:00.000Z',
			lastResult: 'unchanged' as const,
			nextCheckAt: '2026-11-30T12:58:00.000Z',
		}));
		const reply = listsOverview(lines, 'en');
		for (const line of lines) expect(reply.text).toContain(`*${line.name}* — ${line.company}: 500 sub-processors`);
		expect(reply.text).toContain('Last check: 30 November 2026 11:58 UTC');
		expect(reply.text.length).toBeLessThan(4000);
		expect(reply.blocks.length).toBeLessThan(10);
		// Two lists: the detailed form, with each list's source.
		expect(listsOverview(lines.slice(0, 2), 'en').text).toContain('Source: `https://vendor-0.example/');
	});

	it('asks before removing, privately, with a button carrying the list id', () => {
		const reply = removalPrompt('l-abcdefgh', 'github', 'de', 'app-id');
		expect(reply.text).toContain('Die Liste *github* entfernen?');
		const actions = reply.blocks.find((b) => b.type === 'actions') as unknown as { elements: Array<Record<string, unknown>> };
		expect(actions.elements[0]).toMatchObject({ actionId: REMOVE_LIST_ACTION, value: 'l-abcdefgh', appId: 'app-id', style: 'danger' });
	});
});

describe('naming the list a reply is about', () => {
	it('prefixes the first line, and leaves a reply alone without a name', () => {
		const reply = notice('Checked: no change (version of 1 March 2024).');
		expect(namingList(reply, undefined)).toBe(reply);
		const named = namingList(reply, 'github');
		expect(named.text).toBe('*github* — Checked: no change (version of 1 March 2024).');
		expect(named.blocks).toHaveLength(1);
	});

	it('names another list in admin alerts; the first list’s alerts read as before', () => {
		const alert = { kind: 'recovered', source: 'https://github.example/l.yaml' } as const;
		expect(alertMessage(alert, 'en').text).toMatch(/^\*The sub-processor list source works again\.\*/);
		expect(alertMessage({ ...alert, list: 'github' }, 'en').text).toMatch(
			/^\*github\* — \*The sub-processor list source works again\.\*/,
		);
	});

	it('status with several lists: one section per list (with the stale warning), then what they share', () => {
		const section = listStatusSection(
			{
				name: 'acme',
				company: 'Acme Corp',
				source: 'https://acme.example/subprocessors',
				version: '2022-05-01',
				count: 4,
				lastCheckAt: '2026-11-30T11:00:00.000Z',
				lastResult: 'error',
				problem: ['subprocessors:3 name: missing'],
				nextCheckAt: '2026-11-30T12:00:00.000Z',
				today: '2026-11-30',
			},
			'en',
		);
		expect(section.text).toContain('*acme* — Acme Corp');
		expect(section.text).toContain('This list says it was last updated 4 years ago');
		expect(section.text).toContain('Next check of this list: about 30 November 2026 12:00 UTC');
		expect(section.text).toContain('• `subprocessors:3 name: missing`');
		const shared = statusAnswer({ intervalMinutes: 60, subscribers: 2, pending: 0, today: '2026-11-30', shared: true }, 'en');
		expect(shared.text).not.toContain('Source:');
		expect(shared.text).toContain('Checks every 60 minutes');
		expect(shared.text).toContain('Subscribers: 2');
	});
});

describe('announcements of another list', () => {
	it('a subscriber without `lists` follows every list, lists added later too; one with lists only those', () => {
		expect(subscribedTo({}, 'l-aaaaaaaa')).toBe(true);
		expect(subscribedTo({ lists: ['l-aaaaaaaa'] }, 'l-aaaaaaaa')).toBe(true);
		expect(subscribedTo({ lists: ['l-aaaaaaaa'] }, MAIN_LIST_ID)).toBe(false);
	});

	it('keys its deliveries by the list-prefixed change id, so two lists never share one', () => {
		const list = bundledList();
		const before = { list, fingerprint: 'f1' };
		const after = { list: { ...list, updated: '2030-01-01', subprocessors: list.subprocessors.slice(1) }, fingerprint: 'f2' };
		const now = new Date('2030-01-02T00:00:00.000Z');
		const first = newChangeRecord(before, after, now, 30);
		const other = newChangeRecord(before, after, now, 30, undefined, 'l-aaaaaaaa');
		const keys = (record: typeof first) => announcementDeliveries(record, ['u1'], now).map((d) => d.key);
		expect(keys(first)).toEqual([`chg:${first.id}:channel`, `chg:${first.id}:dm:u1`]);
		expect(keys(other)).toEqual([`chg:l-aaaaaaaa/${first.id}:channel`, `chg:l-aaaaaaaa/${first.id}:dm:u1`]);
	});
});

describe('two lists checked one after another in one app process', () => {
	const state = listState;
	const edited = (list: SubprocessorList, step: number): SubprocessorList => ({
		...list,
		updated: `2026-02-0${step}`,
		subprocessors: list.subprocessors.map((e, i) => (i === step ? { ...e, purpose: `${e.purpose ?? ''} (${step})` } : e)),
	});

	it('never stores one list’s body as a delta of the same content kept whole for another list', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		const runtime = new AppRuntime('app', {} as ILogger);
		const store = (listId: string, memory = runtime) =>
			new ListStateStore(memory, deps.read.getPersistenceReader(), deps.persis, undefined, listId);
		const x = bundledList();
		const y = edited(x, 1);
		const z = edited(y, 2);
		await store('l-aaaaaaaa').accept(state(x, 'X'));
		await store('l-aaaaaaaa').accept(state(y, 'Y')); // stored as a delta of X
		await store(MAIN_LIST_ID).accept(state(y, 'Y')); // the same content, whole in the first list's store
		await store('l-aaaaaaaa').accept(state(z, 'Z'));
		// A new app process reads the other list's current body from its records alone.
		const fresh = new AppRuntime('app', {} as ILogger);
		expect(JSON.stringify((await store('l-aaaaaaaa', fresh).get())?.list)).toBe(JSON.stringify(z));
		expect(JSON.stringify((await store(MAIN_LIST_ID, fresh).get())?.list)).toBe(JSON.stringify(y));
	});
});
