// A failure half-way through a check neither loses nor duplicates an announcement.
import { readFileSync } from 'fs';
import * as path from 'path';

import { injectFault } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from './helpers';

const LISTS = path.join(__dirname, 'fixtures', 'lists');
const URL = 'https://privacy.example/subprocessors.yaml';
const HOUR = 3600_000;

let ws: Workspace;

beforeEach(async () => {
	ws = await Workspace.start({ zip: appZip() });
	ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8') });
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
	ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8') });
});

afterEach(async () => {
	await ws?.stop();
});

const changeAnnouncements = () =>
	ws
		.seen('admin')
		.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'));

/** Persistence writes of one record kind (the app tags every record with `<kind>` and `<kind>:<id>`). */
const writesOf = (kind: string) => (associations: Array<{ id: string }>) => associations.some((a) => a.id === kind);

test('the post fails: later runs post it, once', async () => {
	const fault = injectFault(ws.bridges.messages, 'create', {
		when: (message: { room?: { slugifiedName?: string } }) => message.room?.slugifiedName === 'subprocessor-updates',
	});
	await ws.advance(HOUR);
	// The delivery job tries the channel again every few runs while it refuses.
	expect(fault.failed).toBeGreaterThanOrEqual(1);
	expect(changeAnnouncements()).toHaveLength(0);
	fault.restore();
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
});

test('the post went out but the app died before recording it: not posted again', async () => {
	const fault = injectFault(ws.bridges.messages, 'create', { times: 1, after: true });
	await ws.advance(HOUR);
	expect(fault.failed).toBe(1);
	fault.restore();
	expect(changeAnnouncements()).toHaveLength(1);
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
});

test('the app died after storing the change record but before storing the new list: one announcement', async () => {
	// The change record's write passes; the first write of the new list's body fails.
	let writes = 0;
	const failing = injectFault(ws.bridges.persistence, 'updateByAssociations', {
		when: (associations: Array<{ id: string }>) => writesOf('list-body')(associations) && writes++ === 0,
	});
	await ws.advance(HOUR);
	expect(failing.failed).toBe(1);
	expect(changeAnnouncements()).toHaveLength(0);
	failing.restore();
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
	const changeRecords = ws.records().filter((r) => r.associations.some((a: { id: string }) => a.id === 'change'));
	expect(changeRecords).toHaveLength(2); // the baseline and this change
});

/** The stored copies of the channel post's delivery record for the change (not the baseline's note). */
const channelDeliveries = () =>
	ws.records().filter((r) => {
		const data = r.data as { key?: string; handler?: string };
		return (
			data.handler === 'announcement' &&
			data.key?.endsWith(':channel') &&
			!r.associations.some((a: { id: string }) => a.id === `delivery-src:chg:${baselineId()}`)
		);
	});
const baselineId = () =>
	(
		ws
			.records()
			.find((r) => r.associations.some((a: { id: string }) => a.id === 'change') && (r.data as { kind: string }).kind === 'baseline')
			?.data as { id: string }
	).id;

test('the "done" record fails to save after posting: a later run finds the post by its marker and does not repeat it', async () => {
	let armed = true;
	const fault = injectFault(ws.bridges.persistence, 'updateByAssociations', {
		when: (associations: Array<{ id: string }>, data: { key?: string; state?: string }) => {
			if (
				armed &&
				writesOf('delivery')(associations) &&
				data.key?.endsWith(':channel') &&
				data.state === 'done' &&
				!data.key.includes(baselineId())
			) {
				armed = false;
				return true;
			}
			return false;
		},
	});
	await ws.advance(HOUR);
	expect(fault.failed).toBe(1);
	fault.restore();
	expect(changeAnnouncements()).toHaveLength(1);
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
	const copies = channelDeliveries();
	expect(copies).toHaveLength(1);
	expect(copies[0].data).toMatchObject({ state: 'done', recoveredByMarker: 1 });
});

test('the delivery job fails on every run: the check posts nothing and loses nothing; once it works, exactly one post', async () => {
	// Every delivery record write fails: no run can log an attempt, so none may post.
	const fault = injectFault(ws.bridges.persistence, 'updateByAssociations', { when: writesOf('delivery') });
	const mark = ws.mark();
	await ws.advance(HOUR);
	expect(fault.failed).toBeGreaterThan(0);
	expect(changeAnnouncements()).toHaveLength(0);
	expect(ws.seen('admin', mark).filter((e) => e.kind === 'message')).toEqual([]);
	// The check stored the change and its pending deliveries (inserted, which the fault lets through).
	expect(channelDeliveries().map((r) => (r.data as { state: string }).state)).toEqual(['pending']);
	fault.restore();
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
	expect(channelDeliveries().map((r) => (r.data as { state: string }).state)).toEqual(['done']);
});

test('a manual sync at the same moment as the scheduled check: one announcement', async () => {
	await Promise.all([
		ws.command('admin', 'general', '/subprocessors sync'),
		ws.advance(HOUR),
		ws.command('admin', 'general', '/subprocessors sync'),
	]);
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
});

test('disabled and re-enabled, then updated to a new version: the job resumes once, nothing is repeated', async () => {
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
	await ws.disable();
	await ws.enable();
	expect(await ws.status()).toBe('manually_enabled');
	await ws.advance(3 * HOUR);
	await ws.update(
		await (
			await import('../../scripts/lib/build-app')
		)
			.buildAppZip({ root: path.join(__dirname, '..', '..'), entry: 'SubprocessorApp.ts', appJson: { version: '0.1.1' } })
			.then((b) => b.zip),
	);
	await ws.advance(3 * HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
	// The stored list survived the update: answers still come from v2.
	const mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors show Müller');
	expect(ws.seen('alice', mark)[0].text).toContain('Translation of support tickets');
	// One recurring check job, not one per enable.
	const runs = await ws.advance(HOUR);
	expect(runs.filter((r) => r.processor.startsWith('check-list_'))).toHaveLength(1);
	expect(ws.errors).toEqual([]);
});

test('a subscriber who cannot be reached holds up nobody: the channel and later announcements still go out', async () => {
	await ws.command('bob', 'general', '/subprocessors subscribe');
	await ws.command('alice', 'general', '/subprocessors subscribe');
	// Every DM to bob fails (a deactivated account, say); alice's arrive.
	const bobId = ws.user('bob').id;
	const fault = injectFault(ws.bridges.messages, 'create', {
		when: (message: { room?: { userIds?: string[] } }) => !!message.room?.userIds?.includes(bobId) && message.room.userIds.length === 2,
	});
	await ws.advance(HOUR);
	const v1 = readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8');
	ws.http.on(URL, { status: 200, body: v1 });
	await ws.advance(HOUR);
	// v1 is older than v2: the rollback is held until an admin confirms it.
	await ws.command('admin', 'general', '/subprocessors sync confirm');
	for (let i = 0; i < 5; i++) await ws.advance(HOUR);
	fault.restore();
	expect(changeAnnouncements()).toHaveLength(2); // v1 → v2, and back
	const toAlice = ws.seen('alice').filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'));
	expect(toAlice).toHaveLength(2);
	expect(fault.failed).toBeGreaterThan(0);
	// Each DM to bob was retried with backoff and then given up, each with one admin alert (not one per try).
	const gaveUp = () =>
		ws
			.seen('admin')
			.filter(
				(e) => e.kind === 'message' && e.room?.startsWith('dm:') && visible(e.text).includes('A message could not be delivered'),
			);
	expect(gaveUp().map((e) => visible(e.text).match(/`(chg:[^`]*)`/)?.[1])).toEqual([
		expect.stringMatching(new RegExp(`:dm:${bobId}$`)),
		expect.stringMatching(new RegExp(`:dm:${bobId}$`)),
	]);
	expect(new Set(gaveUp().map((e) => visible(e.text).match(/`(chg:[^`]*)`/)?.[1])).size).toBe(2);
	await ws.advance(3 * HOUR);
	expect(gaveUp()).toHaveLength(2);
	expect(ws.errors).toEqual([]);
});

test('the post landed but the run died before recording it, and the channel moved on by 150 messages: found by its marker, not posted again', async () => {
	let armed = 1;
	const fault = injectFault(ws.bridges.messages, 'create', {
		after: true,
		when: (message: { room?: { slugifiedName?: string } }) => message.room?.slugifiedName === 'subprocessor-updates' && armed-- > 0,
	});
	// The check runs at the end of this hour; the delivery run it asks for posts, and the post "fails".
	await ws.advance(HOUR - 1);
	await ws.advance(1);
	expect(fault.failed).toBe(1);
	fault.restore();
	expect(changeAnnouncements()).toHaveLength(1);
	const channel = ws.room('subprocessor-updates');
	for (let i = 0; i < 150; i++)
		await (ws.bridges.messages as any).create({ room: channel, sender: ws.user('admin'), text: `chatter ${i}` });
	await ws.advance(HOUR);
	expect(changeAnnouncements()).toHaveLength(1);
	const delivery = ws
		.records()
		.find(
			(r) =>
				(r.data as { key?: string }).key?.endsWith(':channel') &&
				(r.data as { state?: string }).state === 'done' &&
				(r.data as { recoveredByMarker?: number }).recoveredByMarker === 1,
		);
	expect(delivery).toBeDefined();
});
