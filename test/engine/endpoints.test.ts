// The app's HTTP endpoints through the engine's API path: list and change feeds, conditional requests,
// and the signed push of a new list. Requests reach the app as a server's body and query parsers leave them
// (workspace/src/serverRequest.ts).
import { parse as parseCsv } from 'csv-parse/sync';
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import Parser from 'rss-parser';

import { signedHeaders } from '../../src/features/watch/signature';
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
/** A push as the README's curl sends it: JSON {"list": …}, signed over "<timestamp>.<list text>". */
const push = (list: string, headers: Record<string, string> = {}) =>
	ws.endpoint(
		'POST',
		'/update',
		{ 'content-type': 'application/json', ...signedHeaders(list, SECRET), ...headers },
		JSON.stringify({ list }),
	);
const announcements = () =>
	ws
		.seen('admin')
		.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list'));

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
		// The push records the change and answers; the announcement is the delivery job's (run at once, on the fly).
		expect(JSON.parse(response.content)).toMatchObject({
			result: 'changed',
			summary: '1 added · 1 removed · 1 changed',
			added: ['mueller'],
			removed: ['prvolt'],
			changed: ['stripe'],
			announcement: 'queued',
		});
		expect(announcements()).toHaveLength(1);
		// Signed a second later (the same second would be the same request: a replay).
		expect(JSON.parse((await push(v2, signedHeaders(v2, SECRET, Date.now() + 1000))).content)).toMatchObject({ result: 'unchanged' });
		await ws.advance(3 * 3600_000); // scheduled checks of the bundled list don't undo the push
		expect(announcements()).toHaveLength(1);
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors muller');
		expect(visible(ws.seen('alice', mark)[0].text)).toContain('Müller Datenverarbeitung GmbH');
	});

	test('a YAML or plain-text body never reaches the app: 415 saying how to send the list', async () => {
		for (const type of ['application/yaml', 'text/yaml', 'text/plain; charset=utf-8']) {
			const response = await ws.endpoint('POST', '/update', { 'content-type': type, ...signedHeaders(v2, SECRET) }, v2);
			expect(response.status).toBe(415);
			const { error } = JSON.parse(response.content);
			expect(error).toContain(`a body of type ${type.split(';')[0]} does not reach the app`);
			expect(error).toContain('{"list": "<the list text>"}');
			expect(error).toContain('ping');
		}
		// Without a content type the server doesn't read the body either; its length tells the app it was sent.
		const untyped = await ws.endpoint('POST', '/update', signedHeaders(v2, SECRET), v2);
		expect(untyped.status).toBe(415);
		expect(JSON.parse(untyped.content).error).toContain('a body of type (none) does not reach the app');
		expect(announcements()).toEqual([]);
	});

	test('a URL-encoded form with a list field (curl --data-urlencode list@FILE) is a push too', async () => {
		const response = await ws.endpoint(
			'POST',
			'/update',
			{ 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(v2, SECRET) },
			`list=${encodeURIComponent(v2)}`,
		);
		expect(response.status).toBe(200);
		expect(announcements()).toHaveLength(1);
	});

	test("JSON over the server's 100 KB limit: 413 from the server's parser, the app is never called", async () => {
		const big = `# ${'x'.repeat(100 * 1024)}\n${v2}`;
		const response = await push(big);
		expect(response.status).toBe(413);
		expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
		expect(response.content).toContain('<pre>Payload Too Large</pre>');
		expect(announcements()).toEqual([]);
	});

	test('JSON {"list": …} just within the limit is accepted', async () => {
		const padded = `# ${'x'.repeat(100 * 1024 - v2.length - 200)}\n${v2}`;
		expect(Buffer.byteLength(JSON.stringify({ list: padded }))).toBeLessThanOrEqual(100 * 1024);
		const response = await push(padded);
		expect(response.status).toBe(200);
		expect(announcements()).toHaveLength(1);
	});

	test("malformed JSON: the server's 400, the app is never called", async () => {
		const response = await ws.endpoint(
			'POST',
			'/update',
			{ 'content-type': 'application/json', ...signedHeaders('', SECRET) },
			'{"list": ',
		);
		expect(response.status).toBe(400);
		expect(response.content).toContain('<pre>Bad Request</pre>');
		// Strict JSON: a top-level string is refused by the parser too.
		expect(
			(await ws.endpoint('POST', '/update', { 'content-type': 'application/json', ...signedHeaders('', SECRET) }, '"text"')).status,
		).toBe(400);
	});

	test('a JSON body that is not {"list": text}: 400 saying what to send', async () => {
		const listAsJson = await ws.endpoint(
			'POST',
			'/update',
			{ 'content-type': 'application/json', ...signedHeaders('', SECRET) },
			{ company: 'X', subprocessors: [] },
		);
		expect(listAsJson.status).toBe(400);
		expect(JSON.parse(listAsJson.content).error).toContain('no "list" in the body');
		expect(
			(await ws.endpoint('POST', '/update', { 'content-type': 'application/json', ...signedHeaders('', SECRET) }, { list: 42 }))
				.status,
		).toBe(400);
	});

	test('a wrong or missing signature or timestamp: 401 and nothing changes', async () => {
		expect((await push(v2, signedHeaders(v2, 'another-secret-of-some-length'))).status).toBe(401);
		expect((await ws.endpoint('POST', '/update', { 'content-type': 'application/json' }, { list: v2 })).status).toBe(401);
		expect((await push(v2, { 'x-subprocessors-signature': 'sha256=00' })).status).toBe(401);
		// The signature of the list alone (the old scheme) no longer counts.
		const now = String(Math.floor(Date.now() / 1000));
		const listOnly = createHmac('sha256', SECRET).update(v2).digest('hex');
		expect((await push(v2, { 'x-subprocessors-timestamp': now, 'x-subprocessors-signature': `sha256=${listOnly}` })).status).toBe(401);
		expect(announcements()).toEqual([]);
	});

	test('a request signed more than 5 minutes away from now is refused, either way', async () => {
		// 30 s beyond the window: a request that takes a few seconds on a loaded machine must still land outside it.
		for (const skew of [-330_000, 330_000, -3600_000]) {
			const response = await push(v2, signedHeaders(v2, SECRET, Date.now() + skew));
			expect(response.status).toBe(401);
			expect(JSON.parse(response.content).error).toMatch(/within 300 s of the server's clock \(it is \d+ s (old|ahead)\)/);
		}
		expect((await push(v2, signedHeaders(v2, SECRET, Date.now() - 240_000))).status).toBe(200);
		expect(announcements()).toHaveLength(1);
	});

	test('an exact replay inside the window is refused; a fresh signature of the same list is not', async () => {
		const headers = signedHeaders(v2, SECRET);
		expect((await push(v2, headers)).status).toBe(200);
		const replay = await push(v2, headers);
		expect(replay.status).toBe(409);
		expect(JSON.parse(replay.content).error).toContain('replay');
		expect(JSON.parse((await push(v2, signedHeaders(v2, SECRET, Date.now() + 1000))).content)).toMatchObject({ result: 'unchanged' });
		expect(announcements()).toHaveLength(1);
	});

	test('a signed ping (no list) makes the app fetch its source URL now', async () => {
		const url = 'https://lists.example/subprocessors.yaml';
		ws.http.on(url, { status: 200, body: v2 });
		await ws.setSetting('list_source_url', url);
		ws.http.calls.length = 0;
		for (const [headers, body] of [
			[{ 'content-type': 'application/json' }, {}],
			[{}, undefined],
		] as const) {
			const response = await ws.endpoint(
				'POST',
				'/update',
				{ ...headers, ...signedHeaders('', SECRET, Date.now() + (body ? 0 : 1000)) },
				body,
			);
			expect(response.status).toBe(200);
		}
		expect(ws.http.calls.map((c) => c.url)).toEqual([url, url]);
		expect(announcements()).toHaveLength(1);
		// A ping can't carry a list in disguise: the signature covers an empty list text only.
		expect(
			(await ws.endpoint('POST', '/update', { 'content-type': 'application/json', ...signedHeaders(v2, SECRET) }, {})).status,
		).toBe(401);
	});

	test('a ping without a source URL: 409 saying so, nothing fetched', async () => {
		const response = await ws.endpoint(
			'POST',
			'/update',
			{ 'content-type': 'application/json', ...signedHeaders('', SECRET) },
			{ ping: true },
		);
		expect(response.status).toBe(409);
		expect(JSON.parse(response.content).error).toContain('list_source_url');
	});

	test('an invalid list: 422 with the line and field, the last good list stays', async () => {
		const bad = v2.replace('category: partners\n    purpose: Translation', 'category: partner\n    purpose: Translation');
		const response = await push(bad);
		expect(response.status).toBe(422);
		const body = JSON.parse(response.content);
		expect(body.problems[0]).toMatch(/^pushed update:\d+ subprocessors\[13\]\.category: "partner" is not one of/);
		expect(announcements()).toEqual([]);
	});
});

describe('in chat', () => {
	test("`export csv` uploads the list to the asker's direct messages; `share export json` to the room", async () => {
		let mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors export csv');
		const file = ws.seen('alice', mark).find((e) => e.kind === 'file');
		expect(file).toMatchObject({
			room: expect.stringMatching(/^dm:/),
			text: expect.stringMatching(/^rocket-chat-subprocessors-2023-01-05\.csv \(text\/csv/),
		});
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
	const tiny = v2.replace(
		/subprocessors:\n[\s\S]*$/,
		'subprocessors:\n  - name: Stripe\n    category: service\n    purpose: Billing platform\n',
	);
	const response = await push(tiny);
	expect(response.status).toBe(202);
	expect(announcements()).toEqual([]);
	const mark = ws.mark();
	await ws.command('admin', 'general', '/subprocessors sync confirm');
	expect(ws.seen('admin', mark).find((e) => e.kind === 'notification')?.text).toContain('14 removed');
	expect(announcements()).toHaveLength(1);
});

describe('an older list than the current one (a rollback or a replayed push)', () => {
	const v1 = readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8');
	const adminDms = (mark: number) => ws.seen('admin', mark).filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'));

	beforeEach(async () => {
		await ws.setSetting('update_secret', SECRET);
		expect((await push(v2)).status).toBe(200);
	});

	test('pushed: held (202), admins told why, nothing announced; `sync confirm` accepts it', async () => {
		const mark = ws.mark();
		const response = await push(v1);
		expect(response.status).toBe(202);
		expect(JSON.parse(response.content)).toMatchObject({
			result: 'held',
			reason: 'older',
			version: '2023-01-05',
			current: '2024-03-01',
		});
		expect(announcements()).toHaveLength(1);
		expect(
			adminDms(mark)
				.map((e) => e.text)
				.join('\n'),
		).toMatch(/older sub-processor list was held back.*5 January 2023.*older than the current one \(1 March 2024\)/s);
		const confirm = ws.mark();
		await ws.command('admin', 'general', '/subprocessors sync confirm');
		expect(ws.seen('admin', confirm).find((e) => e.kind === 'notification')?.text).toMatch(/Checked: .*added.*removed/);
		expect(announcements()).toHaveLength(2);
		await ws.setSetting('public_feeds', true);
		expect(JSON.parse((await ws.endpoint('GET', '/subprocessors.json')).content).updated).toBe('2023-01-05');
	});

	test('fetched from the source URL: held the same way, told once, and `sync confirm` accepts it', async () => {
		const url = 'https://lists.example/subprocessors.yaml';
		ws.http.on(url, { status: 200, body: v1 });
		const mark = ws.mark();
		await ws.setSetting('list_source_url', url);
		await ws.advance(2 * 3600_000);
		expect(announcements()).toHaveLength(1);
		const told = adminDms(mark).filter((e) => /older sub-processor list was held back/.test(e.text));
		expect(told).toHaveLength(1);
		expect(told[0].text).toContain('https://lists.example/subprocessors.yaml');
		const status = ws.mark();
		await ws.command('admin', 'general', '/subprocessors sync');
		expect(ws.seen('admin', status).find((e) => e.kind === 'notification')?.text).toContain('older than the current one');
		await ws.command('admin', 'general', '/subprocessors sync confirm');
		expect(announcements()).toHaveLength(2);
	});
});

describe('repeated and bracketed query keys (the server parses them into arrays and objects)', () => {
	beforeEach(async () => {
		await ws.setSetting('public_feeds', true);
	});

	test('several categories or locations: any of them', async () => {
		const ids = async (query: string) => {
			const response = await ws.endpoint('GET', `/subprocessors.json?${query}`);
			expect(response.status).toBe(200);
			return JSON.parse(response.content).subprocessors.map((e: { id: string }) => e.id);
		};
		const affiliates = await ids('category=affiliates');
		const partners = await ids('category=partners');
		expect(await ids('category=affiliates&category=partners')).toEqual(expect.arrayContaining([...affiliates, ...partners]));
		expect((await ids('category=affiliates&category=partners')).length).toBe(affiliates.length + partners.length);
		expect(await ids('category[]=affiliates&category[]=partners')).toHaveLength(affiliates.length + partners.length);
		const brazil = await ids('location=Brazil');
		const eu = await ids('location=EU');
		expect(await ids('location=Brazil&location=EU')).toHaveLength(new Set([...brazil, ...eu]).size);
		const csv = await ws.endpoint('GET', '/subprocessors.csv?category=affiliates&category=partners');
		expect(csv.status).toBe(200);
		expect(csv.headers?.etag).not.toBe((await ws.endpoint('GET', '/subprocessors.csv?category=affiliates')).headers?.etag);
	});

	test('an unknown value among several, or an object: 400 naming it, never 500', async () => {
		const unknown = await ws.endpoint('GET', '/subprocessors.json?category=affiliates&category=nope');
		expect(unknown.status).toBe(400);
		expect(JSON.parse(unknown.content).error).toContain('unknown category "nope"');
		for (const query of [
			'category[x]=affiliates',
			'location[a][b]=EU',
			'location[]=EU&location[x]=1',
			'__proto__[x]=1',
			'constructor=x&toString=y',
		]) {
			const response = await ws.endpoint('GET', `/subprocessors.json?${query}`);
			expect([200, 400]).toContain(response.status);
			if (response.status === 400) expect(JSON.parse(response.content).error).toMatch(/takes plain values/);
		}
		for (const p of ['/subprocessors.csv', '/changes.atom', '/changes.rss', '/changes.json']) {
			expect((await ws.endpoint('GET', `${p}?category[x]=1&location=EU&location=US`)).status).not.toBe(500);
		}
	});
});

test('a push secret shorter than 16 characters is refused when it is set: not stored, push off, the admins told at once', async () => {
	const short = 'too-short-123';
	const mark = ws.mark();
	await ws.setSetting('update_secret', short);
	await ws.advance(0);
	expect(ws.manager.getSettingsManager().getAppSetting(ws.appId, 'update_secret').value).toBe('');
	const told = ws
		.seen('admin', mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));
	expect(told).toEqual([expect.stringContaining('*Update endpoint secret refused:* it must be at least 16 characters long')]);
	const response = await ws.endpoint(
		'POST',
		'/update',
		{ 'content-type': 'application/json', ...signedHeaders(v2, short) },
		JSON.stringify({ list: v2 }),
	);
	expect(response.status).toBe(404);
	expect(announcements()).toEqual([]);
	// A secret of the minimum length is taken, and nobody is told anything.
	const later = ws.mark();
	await ws.setSetting('update_secret', SECRET);
	await ws.advance(0);
	expect(ws.manager.getSettingsManager().getAppSetting(ws.appId, 'update_secret').value).toBe(SECRET);
	expect(ws.seen('admin', later).filter((e) => e.room?.startsWith('dm:'))).toEqual([]);
	expect((await push(v2)).status).toBe(200);
});

test('admin alerts go to the users the admin alert recipients setting names, instead of the default', async () => {
	await ws.setSetting('admin_alert_recipients', '@dpo, nobody-by-this-name');
	const mark = ws.mark();
	await ws.setSetting('update_secret', 'short');
	await ws.advance(0);
	const dms = (user: string) =>
		ws
			.seen(user, mark)
			.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
			.map((e) => visible(e.text));
	expect(dms('dpo')).toEqual([expect.stringContaining('*Update endpoint secret refused:*')]);
	expect(dms('admin')).toEqual([]);
});
