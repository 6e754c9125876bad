// The app's HTTP endpoints through the engine's API path: list and change feeds, conditional requests,
// and the signed push of a new list.
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'fs';
import * as path from 'path';
import Parser from 'rss-parser';

import { sign } from '../../src/engine/api/signature';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from './helpers';

const LISTS = path.join(__dirname, 'fixtures', 'lists');
const v2 = readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8');
const SECRET = 'a-long-shared-secret-for-tests';

let ws: Workspace;

beforeEach(async () => {
	ws = await Workspace.start({ zip: appZip() });
	await ws.advance(0);
});

afterEach(async () => {
	await ws?.stop();
});

const get = (p: string, headers: Record<string, string> = {}) => ws.endpoint('GET', p, headers);
const push = (body: string, headers: Record<string, string> = {}) =>
	ws.endpoint('POST', '/update', { 'content-type': 'application/yaml', [`x-subprocessors-signature`]: sign(body, SECRET), ...headers }, body);
const announcements = () => ws.seen('admin').filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'));

test('feeds are off by default: 404', async () => {
	for (const p of ['/subprocessors.json', '/subprocessors.csv', '/changes.atom', '/changes.rss', '/changes.json']) {
		expect((await get(p)).status).toBe(404);
	}
	expect((await push(v2)).status).toBe(404); // no secret set: push is off too
});

describe('with public feeds on', () => {
	beforeEach(async () => {
		await ws.setSetting('public_feeds', true);
	});

	test('subprocessors.json: the documented shape, filters, ETag and 304', async () => {
		const response = await get('/subprocessors.json');
		expect(response.status).toBe(200);
		expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
		const body = JSON.parse(response.content);
		expect(body).toMatchObject({ format: 'subprocessors/v1', company: 'Rocket.Chat', updated: '2023-01-05' });
		expect(body.subprocessors).toHaveLength(15);
		expect(body.subprocessors.find((e: { id: string }) => e.id === 'stripe')).toEqual(
			expect.objectContaining({ name: 'Stripe', purpose: 'Billing platform', locations: [], locationStated: false }),
		);

		const eu = JSON.parse((await get('/subprocessors.json?location=EU')).content);
		expect(eu.subprocessors.map((e: { id: string }) => e.id)).toEqual(['fabulor']);
		const affiliates = JSON.parse((await get('/subprocessors.json?category=affiliates')).content);
		expect(affiliates.subprocessors).toHaveLength(2);
		expect((await get('/subprocessors.json?location=Atlantis')).status).toBe(400);

		const etag = response.headers?.etag as string;
		expect((await get('/subprocessors.json', { 'If-None-Match': etag })).status).toBe(304);
		expect((await get('/subprocessors.json', { 'If-Modified-Since': response.headers?.['last-modified'] as string })).status).toBe(304);
		expect((await get('/subprocessors.json', { 'If-None-Match': '"other"' })).status).toBe(200);
	});

	test('subprocessors.csv round-trips names with commas, quotes and accents, and never starts a formula', async () => {
		await ws.setSetting('update_secret', SECRET);
		const tricky = v2
			.replace('name: Müller Datenverarbeitung GmbH', 'name: \'Müller, "Daten" & Söhne\'')
			.replace('purpose: Translation of support tickets', 'purpose: "=HYPERLINK(\\"http://evil\\")"');
		expect((await push(tricky)).status).toBe(200);
		const response = await get('/subprocessors.csv');
		expect(response.headers?.['content-type']).toBe('text/csv; charset=utf-8; header=present');
		const rows: Record<string, string>[] = parseCsv(response.content, { columns: true });
		const mueller = rows.find((r) => r.id === 'mueller')!;
		expect(mueller.name).toBe('Müller, "Daten" & Söhne');
		expect(mueller.purpose).toBe('\'=HYPERLINK("http://evil")');
		expect(rows).toHaveLength(15);
		expect(rows.find((r) => r.id === 'fabulor')?.location_codes).toBe('BE; NL');
	});

	test('changes feeds: one entry per change, parsed by an independent feed parser', async () => {
		expect((await get('/changes.atom')).status).toBe(200);
		await ws.setSetting('update_secret', SECRET);
		await push(v2);
		const atom = await get('/changes.atom');
		expect(atom.headers?.['content-type']).toBe('application/atom+xml; charset=utf-8');
		const parser = new Parser();
		const feed = await parser.parseString(atom.content);
		expect(feed.items).toHaveLength(1);
		expect(feed.items[0].title).toBe('Rocket.Chat sub-processor list of 2024-03-01: 1 added, 1 removed, 1 changed');
		expect(feed.items[0].content).toContain('Müller Datenverarbeitung GmbH');
		expect(feed.items[0].content).toMatch(/Deadline to object: \d{4}-\d{2}-\d{2}/);

		const rss = await parser.parseString((await get('/changes.rss')).content);
		expect(rss.items.map((i) => i.title)).toEqual(feed.items.map((i) => i.title));
		const jsonFeed = JSON.parse((await get('/changes.json')).content);
		expect(jsonFeed.version).toMatch(/jsonfeed/);
		expect(jsonFeed.items).toHaveLength(1);
		expect((await get('/changes.atom', { 'If-None-Match': atom.headers?.etag as string })).status).toBe(304);
	});
});

describe('POST update', () => {
	beforeEach(async () => {
		await ws.setSetting('update_secret', SECRET);
	});

	test('a signed list runs the watcher path: exactly one announcement, the summary in the answer', async () => {
		const response = await push(v2);
		expect(response.status).toBe(200);
		expect(JSON.parse(response.content)).toMatchObject({ result: 'changed', summary: '1 added · 1 removed · 1 changed', added: ['mueller'], removed: ['prvolt'], changed: ['stripe'] });
		expect(announcements()).toHaveLength(1);
		expect(JSON.parse((await push(v2)).content)).toMatchObject({ result: 'unchanged' });
		await ws.advance(3 * 3600_000); // scheduled checks of the bundled list don't undo the push
		expect(announcements()).toHaveLength(1);
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors muller');
		expect(visible(ws.seen('alice', mark)[0].text)).toContain('Müller Datenverarbeitung GmbH');
	});

	test('JSON {"list": …} bodies are accepted with the signature of the list text', async () => {
		const response = await ws.endpoint('POST', '/update', { 'content-type': 'application/json', 'x-subprocessors-signature': sign(v2, SECRET) }, JSON.stringify({ list: v2 }));
		expect(response.status).toBe(200);
		expect(announcements()).toHaveLength(1);
	});

	test('a wrong or missing signature: 401 and nothing changes', async () => {
		expect((await push(v2, { 'x-subprocessors-signature': sign(v2, 'another-secret-of-some-length') })).status).toBe(401);
		expect((await ws.endpoint('POST', '/update', { 'content-type': 'application/yaml' }, v2)).status).toBe(401);
		expect((await push(v2, { 'x-subprocessors-signature': 'sha256=00' })).status).toBe(401);
		expect(announcements()).toEqual([]);
	});

	test('an invalid list: 422 with the line and field, the last good list stays', async () => {
		const bad = v2.replace('category: partners\n    purpose: Translation', 'category: partner\n    purpose: Translation');
		const response = await push(bad);
		expect(response.status).toBe(422);
		const body = JSON.parse(response.content);
		expect(body.problems[0]).toMatch(/^pushed update:\d+ subprocessors\[13\]\.category: "partner" is not one of/);
		expect(announcements()).toEqual([]);
	});

	test('an oversized body: 413', async () => {
		const huge = `# ${'x'.repeat(5 * 1024 * 1024)}\n${v2}`;
		expect((await push(huge)).status).toBe(413);
	});
});

describe('in chat', () => {
	test('`export csv` uploads the list to the asker\'s direct messages; `share export json` to the room', async () => {
		let mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors export csv');
		const file = ws.seen('alice', mark).find((e) => e.kind === 'file');
		expect(file).toMatchObject({ room: expect.stringMatching(/^dm:/), text: expect.stringMatching(/^rocket-chat-subprocessors-2023-01-05\.csv \(text\/csv/) });
		expect(ws.seen('alice', mark).find((e) => e.kind === 'notification')?.text).toContain('rocket-chat-subprocessors-2023-01-05.csv');
		const uploaded = [...ws.bridges.upload.files.values()][0];
		const rows: Record<string, string>[] = parseCsv(uploaded.buffer.toString('utf8'), { columns: true });
		expect(rows).toHaveLength(15);
		expect(ws.seen('bob', mark)).toEqual([]);

		mark = ws.mark();
		await ws.command('bob', 'general', '/subprocessors share export json');
		const shared = ws.seen('alice', mark).find((e) => e.kind === 'file');
		expect(shared).toMatchObject({ room: 'general' });
		expect(JSON.parse([...ws.bridges.upload.files.values()][1].buffer.toString('utf8')).format).toBe('subprocessors/v1');

		mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors export pdf');
		expect(ws.seen('alice', mark)[0].text).toContain('/subprocessors export csv');
	});

	test('`help` says where the feeds are once an admin switched them on', async () => {
		let mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors help');
		expect(ws.seen('alice', mark)[0].text).not.toContain('changes.atom');
		await ws.setSetting('public_feeds', true);
		mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors help');
		expect(ws.seen('alice', mark)[0].text).toContain(`/api/apps/public/${ws.appId}/changes.atom`);
	});
});

test('a pushed list that drops most entries is held, and `sync confirm` accepts that pushed list', async () => {
	await ws.setSetting('update_secret', SECRET);
	const tiny = v2.replace(/subprocessors:\n[\s\S]*$/, 'subprocessors:\n  - name: Stripe\n    category: service\n    purpose: Billing platform\n');
	const response = await push(tiny);
	expect(response.status).toBe(202);
	expect(announcements()).toEqual([]);
	const mark = ws.mark();
	await ws.command('admin', 'general', '/subprocessors sync confirm');
	expect(ws.seen('admin', mark).find((e) => e.kind === 'notification')?.text).toContain('14 removed');
	expect(announcements()).toHaveLength(1);
});
