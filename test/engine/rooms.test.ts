// Rooms that refuse the app's posts (read-only), room owners, and the server's message size limit, in the real
// engine. The workspace refuses as the server does (executeSendMessage → canSendMessage; docs/server-fidelity.md).
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';

import { buildCli } from '../../scripts/lib/build-cli';
import { LineError, parseLine } from '../../workspace/src/cli/parse';
import { injectFault } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import type { RoomSpec } from '../../workspace/src/Workspace';
import { appZip, visible, OBJECTION_GROUNDS as GROUNDS, VALID_OBJECTION as VALID } from './helpers';

const LISTS = path.join(__dirname, 'fixtures', 'lists');
const list = (name: string) => readFileSync(path.join(LISTS, name), 'utf8');
const URL = 'https://privacy.example/subprocessors.yaml';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let ws: Workspace;

afterEach(async () => {
	await ws?.stop();
});

const messagesIn = (room: string, mark = 0) =>
	ws.events.filter((e) => e.seq > mark && e.kind === 'message' && e.room === room && !e.edited).map((e) => visible(e.text));
const dmsTo = (user: string, mark = 0) =>
	ws
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));

/** Adds a member to a room, as an admin adding the app's user to it before making it a moderator would. */
function addMember(room: string, username: string) {
	const stored = ws.room(room);
	stored.usernames.push(username);
	stored.userIds = [...(stored.userIds ?? []), ws.user(username).id];
}

describe('the workspace refuses posts as the server does', () => {
	test('a read-only room: refused without post-readonly (global or room role), accepted with it', async () => {
		ws = await Workspace.start({
			rooms: { general: { type: 'channel', members: ['alice', 'bob', 'admin', 'dpo'], isDefault: true, readOnly: true } },
		});
		const post = (user: string) =>
			(ws.bridges.messages as any).create({ room: ws.room('general'), sender: ws.user(user), text: 'hello' });
		await expect(post('alice')).rejects.toThrow("You can't send messages because the room is readonly.");
		await expect(post('admin')).resolves.toEqual(expect.any(String)); // the global role admin has post-readonly
		ws.setRoomRoles('general', 'alice', ['moderator']);
		await expect(post('alice')).resolves.toEqual(expect.any(String));
		ws.setReadOnly('general', false);
		await expect(post('bob')).resolves.toEqual(expect.any(String));
	});

	test('Message_MaxAllowedSize: the text is measured (not the blocks), refused above the setting with the server error', async () => {
		ws = await Workspace.start({ serverSettings: { Message_MaxAllowedSize: 100 } });
		const post = (text: string, blocks?: unknown[]) =>
			(ws.bridges.messages as any).create({ room: ws.room('general'), sender: ws.user('alice'), text, blocks });
		await expect(post('x'.repeat(100))).resolves.toEqual(expect.any(String));
		await expect(post('x'.repeat(101))).rejects.toThrow('Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]');
		const big = [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(5000) } }];
		await expect(post('short', big)).resolves.toEqual(expect.any(String));
	});

	test('owners are the members whose subscription has the owner role, not the creator', async () => {
		ws = await Workspace.start({ rooms: { team: { type: 'private', members: ['alice', 'bob'], creator: 'alice', owners: ['bob'] } } });
		const owners = async (room: string) =>
			((await (ws.bridges.rooms as any).getOwners(ws.room(room).id)) as Array<{ username: string }>).map((u) => u.username);
		expect(await owners('team')).toEqual(['bob']);
		expect(await owners('general')).toEqual(['admin']); // a default room: its creator (admin) is its owner
		ws.setRoomRoles('team', 'alice', ['owner']);
		expect((await owners('team')).sort()).toEqual(['alice', 'bob']);
	});
});

describe('a read-only announcements channel', () => {
	const READ_ONLY: RoomSpec = { type: 'channel', members: ['alice', 'admin', 'dpo'], readOnly: true };

	beforeEach(async () => {
		ws = await Workspace.start({ zip: appZip(), rooms: { 'subprocessor-updates': READ_ONLY } });
		await ws.advance(0); // the baseline: its "now watching" note is refused
	});

	test('subscriber DMs still go out; admins are told once how to fix it; the channel gets each post once when it accepts them', async () => {
		expect(messagesIn('subprocessor-updates')).toEqual([]);
		const alerts = dmsTo('admin');
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toContain(
			'*The app can’t post in a read-only room:* #subprocessor-updates. Sub-processor announcements wait and are posted once the app may post there.',
		);
		expect(alerts[0]).toContain(`make the app’s user \`@${ws.botUser().username}\` a moderator or owner of #subprocessor-updates`);
		expect(alerts[0]).toContain('turn read-only off');

		await ws.command('alice', 'general', '/subprocessors subscribe');
		ws.http.on(URL, { status: 200, body: list('v2.yaml') });
		const change = ws.mark();
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		const toAlice = dmsTo('alice', change);
		expect(toAlice).toHaveLength(1);
		expect(toAlice[0]).toContain('1 added · 1 removed · 1 changed');

		await ws.advance(3 * HOUR); // checks keep trying the channel: no second alert, no second DM
		expect(dmsTo('admin', change)).toEqual([]);
		expect(dmsTo('alice', change)).toHaveLength(1);
		expect(messagesIn('subprocessor-updates')).toEqual([]);

		ws.setReadOnly('subprocessor-updates', false);
		await ws.advance(HOUR);
		await ws.advance(HOUR);
		const posted = messagesIn('subprocessor-updates');
		expect(posted).toHaveLength(2); // in order, once each
		expect(posted[0]).toContain('*Now watching the* Rocket.Chat *sub-processor list*');
		expect(posted[1]).toContain('1 added · 1 removed · 1 changed');
		expect(dmsTo('alice', change)).toHaveLength(1);
		expect(ws.errors).toEqual([]);
	});

	test('made read-only again later: admins are told again', async () => {
		ws.setReadOnly('subprocessor-updates', false);
		await ws.advance(HOUR);
		expect(messagesIn('subprocessor-updates')).toHaveLength(1);
		ws.setReadOnly('subprocessor-updates', true);
		const mark = ws.mark();
		ws.http.on(URL, { status: 200, body: list('v2.yaml') });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		expect(dmsTo('admin', mark)).toEqual([expect.stringContaining('can’t post in a read-only room')]);
	});
});

test('another refusal (not read-only) is told when the next try fails the same way, then not again', async () => {
	ws = await Workspace.start({ zip: appZip() });
	const fault = injectFault(ws.bridges.messages, 'create', {
		when: (message: { room?: { id?: string } }) => message.room?.id === ws.room('subprocessor-updates').id,
		message: 'error-not-allowed',
	});
	await ws.advance(0);
	expect(dmsTo('admin')).toEqual([]); // one failure may be a hiccup
	await ws.advance(HOUR);
	const alerts = dmsTo('admin');
	expect(alerts).toHaveLength(1);
	expect(alerts[0]).toContain(
		'*The app can’t post in a room:* #subprocessor-updates — the server answered `error-not-allowed`. Sub-processor announcements wait',
	);
	await ws.advance(2 * HOUR);
	expect(dmsTo('admin')).toHaveLength(1);
	fault.restore();
	await ws.advance(HOUR);
	expect(messagesIn('subprocessor-updates')).toEqual([expect.stringContaining('Now watching')]);
});

describe('a read-only privacy team room', () => {
	beforeEach(async () => {
		ws = await Workspace.start({
			zip: appZip(),
			serverSettings: { SMTP_Host: 'smtp.example' },
			rooms: { 'privacy-team': { type: 'private', members: ['dpo', 'admin'], readOnly: true } },
		});
	});

	async function fileObjection(user: string, values: Record<string, unknown>) {
		await ws.command(user, 'general', '/subprocessors object stripe');
		await ws.submitView(user, values);
	}

	test('the e-mail and the confirmation go out; admins are told once; the cards are posted once each when the app user becomes a moderator', async () => {
		await fileObjection('alice', VALID);
		await fileObjection('bob', { ...VALID, name: 'Bob Example', email: 'bob@acme.example' });
		expect(messagesIn('privacy-team')).toEqual([]);
		expect(ws.outbox).toHaveLength(2);
		expect(dmsTo('alice')).toEqual([expect.stringContaining('We received your objection')]);
		const alerts = dmsTo('admin');
		expect(alerts).toHaveLength(1); // two refused cards, one alert
		expect(alerts[0]).toContain('*The app can’t post in a read-only room:* #privacy-team. Objection cards for the privacy team wait');
		expect(alerts[0]).toContain('Set as moderator');

		await ws.advance(30 * MINUTE); // the delivery job keeps trying
		expect(messagesIn('privacy-team')).toEqual([]);
		expect(dmsTo('admin')).toHaveLength(1);

		const bot = ws.botUser().username;
		addMember('privacy-team', bot);
		ws.setRoomRoles('privacy-team', bot, ['moderator']);
		await ws.advance(10 * MINUTE);
		await ws.advance(HOUR);
		const cards = messagesIn('privacy-team');
		expect(cards).toHaveLength(2);
		expect(cards[0]).toMatch(/\*Objection OBJ-\d{4}-[2-9A-HJKMNP-TV-Z]{6}\* to Stripe — open/);
		expect(cards[1]).toMatch(/\*Objection OBJ-\d{4}-[2-9A-HJKMNP-TV-Z]{6}\* to Stripe — open/);
		expect(dmsTo('alice')).toHaveLength(1); // the confirmation was not repeated
		expect(ws.errors).toEqual([]);
	});
});

describe('a public privacy team room', () => {
	test('is refused: no objector’s name, e-mail or grounds is posted there, and status says why', async () => {
		ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
		await ws.setSetting('privacy_team_room', [{ _id: ws.room('general').id }]);
		await ws.advance(0);
		const alerts = dmsTo('admin').filter((text) => text.includes('Privacy team room refused'));
		expect(alerts).toEqual([expect.stringContaining('#general is public')]);
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors object stripe');
		await ws.submitView('alice', VALID);
		await ws.advance(HOUR);
		expect(messagesIn('general', mark).filter((text) => text.includes('Alice Example') || text.includes(GROUNDS.slice(0, 40)))).toEqual(
			[],
		);
		expect(messagesIn('privacy-team', mark)).toEqual([]);
		expect(ws.outbox).toHaveLength(1); // the procedure's e-mail still goes out
		expect(dmsTo('alice', mark)).toEqual([expect.stringContaining('We received your objection')]);
		await ws.command('admin', 'general', '/subprocessors status');
		expect(
			ws
				.seen('admin', mark)
				.map((e) => visible(e.text ?? ''))
				.join('\n'),
		).toContain('Privacy team room: #general refused — it is public');

		// A private room picked instead: the card waiting is posted there.
		await ws.setSetting('privacy_team_room', [{ _id: ws.room('privacy-team').id }]);
		await ws.advance(HOUR);
		expect(messagesIn('privacy-team', mark)).toEqual([expect.stringContaining('Alice Example')]);
		expect(ws.errors).toEqual([]);
	});
});

describe('room owners', () => {
	test('source alerts reach the announcements channel’s owners (by subscription role), not its creator', async () => {
		ws = await Workspace.start({
			zip: appZip(),
			rooms: {
				'subprocessor-updates': { type: 'channel', members: ['alice', 'bob', 'admin', 'dpo'], creator: 'alice', owners: ['bob'] },
			},
		});
		await ws.advance(0);
		const mark = ws.mark();
		ws.http.on(URL, { status: 200, body: list('v3-invalid.yaml') });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		expect(dmsTo('bob', mark)).toEqual([expect.stringContaining('Quelle')]); // bob reads German
		expect(dmsTo('admin', mark)).toHaveLength(1); // who installed the app
		expect(dmsTo('alice', mark)).toEqual([]); // the creator, no longer an owner
	});
});

describe('a smaller Message_MaxAllowedSize', () => {
	const MAX = 1000;
	const shared = (mark: number) => ws.events.filter((e) => e.seq > mark && e.kind === 'message' && e.room === 'general');

	beforeEach(async () => {
		ws = await Workspace.start({ zip: appZip(), serverSettings: { Message_MaxAllowedSize: MAX, SMTP_Host: 'smtp.example' } });
		await ws.advance(0);
	});

	test('the list is paged within it: every page posted, every entry once, nothing refused', async () => {
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors share list');
		const pages = Number(/Page 1 of (\d+)/.exec(shared(mark)[0]?.text ?? '')?.[1]);
		expect(pages).toBeGreaterThan(1);
		for (let page = 2; page <= pages; page++) await ws.command('alice', 'general', `/subprocessors share list ${page}`);
		const posts = shared(mark);
		expect(posts).toHaveLength(pages);
		for (const post of posts) expect(post.text.length).toBeLessThanOrEqual(MAX);
		const names = posts.flatMap((post) => [...visible(post.text).matchAll(/^• (.+?) — /gm)].map((m) => m[1]));
		expect(names).toHaveLength(15);
		expect(new Set(names).size).toBe(15);
		expect(ws.errors).toEqual([]);
	});

	test('announcements and an objection card with long grounds are posted, their text cut to it', async () => {
		ws.http.on(URL, { status: 200, body: list('v2.yaml') });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		const announcements = ws.events.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates');
		expect(announcements).toHaveLength(2);
		for (const post of announcements) expect(post.text.length).toBeLessThanOrEqual(MAX);

		await ws.command('alice', 'general', '/subprocessors object stripe');
		await ws.submitView('alice', { ...VALID, grounds: `${GROUNDS} `.repeat(30).trim().slice(0, 3900) });
		const cards = messagesIn('privacy-team');
		expect(cards).toHaveLength(1);
		expect(cards[0].length).toBeLessThanOrEqual(MAX);
		await ws.click('dpo', 'objection-ack'); // the card is updated in place
		expect(ws.errors).toEqual([]);
	});

	test('lowered while the app runs: the refused post is cut to the new value at once, and the next answers page by it', async () => {
		ws.bridges.serverSettings.set('Message_MaxAllowedSize', 500);
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors share list'); // paged by the value read before: refused, then cut
		await ws.command('alice', 'general', '/subprocessors share list');
		const posts = shared(mark);
		expect(posts).toHaveLength(2);
		for (const post of posts) expect(post.text.length).toBeLessThanOrEqual(500);
		// Paged by the new value: the page ends with its footers, not cut off before them.
		expect(visible(posts[1].text)).toMatch(
			/Page 1 of \d+\. Next page: `\/subprocessors list 2`\nFrom the Rocket\.Chat sub-processor list of 5 January 2023\.$/,
		);
		expect(ws.errors).toEqual([]);
	});
});

describe('the `readonly ROOM on|off` script line', () => {
	test('parses', () => {
		expect(parseLine('readonly #privacy-team on')?.command).toEqual({ kind: 'readonly', room: 'privacy-team', on: true });
		expect(parseLine('@admin readonly subprocessor-updates OFF')?.command).toEqual({
			kind: 'readonly',
			room: 'subprocessor-updates',
			on: false,
		});
		expect(() => parseLine('readonly general')).toThrow(LineError);
		expect(() => parseLine('readonly general maybe')).toThrow('readonly needs a room and on or off: readonly ROOM on|off');
	});

	test('in a script: a read-only team room holds the card back, admins are told, and it is posted once read-only is off', async () => {
		const cli = await buildCli({ outfile: path.join(__dirname, '..', '..', '.workspace-cache', 'cli-rooms-test.cjs') });
		const zip = process.env.SUBPROCESSORS_APP_ZIP as string;
		const lines = [
			'readonly privacy-team on',
			'/subprocessors object stripe',
			`submit name="Alice Example" company="ACME GmbH" service="Marketplace" grounds="${GROUNDS}" email=alice@acme.example`,
			'readonly privacy-team off',
			'advance 10m',
		];
		const run = spawnSync(process.execPath, [cli, '--zip', zip, '--json', ...lines.flatMap((line) => ['--exec', line])], {
			encoding: 'utf8',
		});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const records = run.stdout
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line));
		const cards = records.filter((r) => r.kind === 'message' && r.room === 'privacy-team');
		expect(cards).toHaveLength(1);
		expect(cards[0].step).toBe(5);
		const alert = records.find((r) => r.kind === 'message' && r.room?.startsWith('dm:admin'));
		expect(alert).toMatchObject({ step: 3 });
		expect(visible(alert.text)).toContain('*The app can’t post in a read-only room:* #privacy-team.');
	});
});
