// Every text a user (or the list's source) controls, shown everywhere the app shows it: no mention notifies, no
// link renders, no markup escapes, no HTML in e-mail. A table: source field × the places it reaches.
// The HTTP endpoints are places too: the change feeds (Atom, RSS, JSON Feed) carry list text as escaped HTML only,
// the CSV never starts a cell with a formula character, and subprocessors.json keeps the text exactly (it is data).
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'fs';
import * as path from 'path';
import Parser from 'rss-parser';
import { parse, stringify } from 'yaml';

import { signedHeaders } from '../../src/features/watch/signature';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { notInert, recordsOfKind, report, shownSince, type Shown } from './support';

/**
 * One payload carrying every markup class Rocket.Chat's message parser knows (issue 13); TAG proves it reached a
 * place. The inline classes come first (short fields keep only the start), the line-start classes last.
 * Every MK… token is outsider text: it must never end up inside live markup, not even the app's own bold.
 */
const payload = (tag: string) =>
	`${tag} <https://evil.com/login|MKL Verify> @all @here @alice #general [MKM](http://evil.com) *MKB* _MKI_ ~MKS~ \`MKC\` ||MKP|| :smile: ` +
	`evil.com alice@evil.com $MKK$ \\(MKK\\) color:#ff0000 <t:1700000000:R> ![MKG](http://evil.com/i.png) B) <b>HTML</b> javascript://evil.com` +
	`\n> MKQ\n# MKH\n- MKU\n1. MKO\n- [x] MKT\n||\nMKP\n||\n\`\`\`\nMKF\n\`\`\`\n$$MKK$$\n\\[MKK\\]`;
const MARKERS = ['MKL', 'MKM', 'MKB', 'MKI', 'MKS', 'MKC', 'MKP', 'MKK', 'MKG', 'MKQ', 'MKH', 'MKU', 'MKO', 'MKT', 'MKF', 'TAG'];
const URL = 'https://lists.example/subprocessors.yaml';
const V1 = readFileSync(path.join(__dirname, '..', 'engine', 'fixtures', 'lists', 'v1.yaml'), 'utf8');
const GROUNDS = 'Grounds long enough to be accepted by the form, and then the payload: ';

let ws: Workspace;
let checked = 0;
const findings: string[] = [];

beforeAll(async () => {
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
	ws.http.on(URL, { status: 200, body: V1 });
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
	await ws.command('bob', 'general', '/subprocessors subscribe');
});
afterAll(async () => {
	await ws?.stop();
	report(__filename, { sum: { inputs_tried: checked, injection_places_checked: checked } });
});

/** Asserts every place since `mark` is inert and that the tag reached each of `places` (so no row is vacuous). */
function expectInert(mark: number, tag: string, places: Array<Shown['where']>, outboxFrom = 0): void {
	const shown = shownSince(ws, mark, outboxFrom);
	for (const where of places)
		expect({ where, reached: shown.some((s) => s.where === where && s.text.includes(tag)) }).toEqual({ where, reached: true });
	for (const s of shown) {
		checked++;
		const why = s.where === 'email' ? emailProblem(s.text) : notInert(s, { markers: MARKERS });
		if (why) findings.push(`${tag} → ${s.where}${s.room ? ` #${s.room}` : ''}: ${why}`);
	}
	expect(findings.filter((f) => f.startsWith(`${tag} `))).toEqual([]);
}

/** E-mail is plain text: the payload may appear verbatim, but there must be no HTML part and no header injection. */
function emailProblem(text: string): string | undefined {
	if (text.startsWith('HTML:')) return 'an HTML part';
	const subject = text.split('\n')[0];
	if (/[\r\n]/.test(subject)) return 'a line break in the subject';
	return undefined;
}

describe('objection fields (typed by the objector, shown to the team, the objector and by e-mail)', () => {
	test.each(['name', 'company', 'grounds'])('%s', async (field) => {
		const tag = `TAGOBJ${field.toUpperCase()}`;
		const values: Record<string, string> = {
			name: 'Alice Example',
			company: 'ACME',
			service: 'Marketplace',
			subprocessor: 'stripe',
			grounds: `${GROUNDS}${field}`,
			email: 'alice@acme.example',
		};
		values[field] = field === 'grounds' ? `${GROUNDS}${payload(tag)}` : payload(tag).slice(0, field === 'name' ? 120 : 200);
		const mark = ws.mark();
		const outbox = ws.outbox.length;
		await ws.command('alice', 'general', '/subprocessors object stripe');
		expect(await ws.submitView('alice', values)).not.toMatchObject({ type: 'errors' });
		// References are random (issue 14): the newest objection is the last filed.
		const ref = recordsOfKind(ws, 'objection')
			.map((r) => r.data as { ref: string; filedAt: string })
			.sort((a, b) => (a.filedAt < b.filedAt ? 1 : -1))[0].ref;
		await ws.command('dpo', 'privacy-team', `/subprocessors objections ${ref}`);
		await ws.command('dpo', 'privacy-team', '/subprocessors objections all');
		await ws.command('alice', 'general', '/subprocessors my-objections');
		// The team's note is typed text too: resolve with the payload as the note.
		await ws.forgeAction('dpo', 'privacy-team', 'objection-resolve', ref);
		await ws.submitView('dpo', { note: payload(`${tag}NOTE`) });
		expectInert(mark, tag, ['message', 'notification', 'email'], outbox);
		expectInert(mark, `${tag}NOTE`, ['message']);
		// The e-mail is plain text: the objector's words arrive exactly as typed, no escape added.
		expect(
			ws.outbox
				.slice(outbox)
				.map((m) => m.text ?? '')
				.join('\n'),
		).toContain(values[field]);
	});
});

describe('search words (typed by any member, echoed back)', () => {
	test.each([
		['search', (p: string) => `/subprocessors ${p}`, ['notification']],
		['shared search', (p: string) => `/subprocessors share ${p}`, ['message']],
		['place', (p: string) => `/subprocessors in ${p}`, ['notification']],
		['outside place', (p: string) => `/subprocessors outside ${p}`, ['notification']],
		['show', (p: string) => `/subprocessors show ${p}`, ['notification']],
		['object', (p: string) => `/subprocessors object ${p}`, ['notification']],
		['changes', (p: string) => `/subprocessors changes ${p}`, []],
		['objections (team)', (p: string) => `/subprocessors objections ${p}`, []],
	] as Array<[string, (p: string) => string, Array<Shown['where']>]>)('%s', async (name, line, places) => {
		const tag = `TAGSEARCH${name.replace(/\W/g, '').toUpperCase()}`;
		const mark = ws.mark();
		await ws.command(name.includes('team') ? 'dpo' : 'alice', name.includes('team') ? 'privacy-team' : 'general', line(payload(tag)));
		ws.world.modals.clear();
		expectInert(mark, tag, places);
	});
});

describe('list fields from the source (shown in answers, cards, the announcement, DMs, the form, e-mail)', () => {
	type Setter = (list: any, value: string) => void;
	const entry = (list: any) => list.subprocessors.find((e: any) => e.id === 'stripe');
	const rows: Array<[string, Setter]> = [
		['company', (l, v) => (l.company = v.slice(0, 200))],
		['entry name', (l, v) => (entry(l).name = v.slice(0, 200))],
		['entry alias', (l, v) => (entry(l).aliases = [v.slice(0, 200)])],
		['entry purpose', (l, v) => (entry(l).purpose = v)],
		['entry locationNote', (l, v) => (entry(l).locationNote = v)],
		['entry data', (l, v) => (entry(l).data = [v.slice(0, 200)])],
		['entry website', (l, v) => (entry(l).website = `https://evil.example/ ${v.split(' ')[0]} @all [x](http://evil.example) *MKB*`)],
		['category name', (l, v) => (l.categories.find((c: any) => c.id === 'service').name = v.slice(0, 200))],
		['category description', (l, v) => (l.categories.find((c: any) => c.id === 'service').description = v)],
		['objections subject', (l, v) => (l.objections.subject = `${v.slice(0, 150)}\r\nBcc: attacker@evil.example`)],
		['objections note', (l, v) => (l.objections.note = v)],
		['objections requirement', (l, v) => (l.objections.requirements = [v.slice(0, 200)])],
		['service', (l, v) => (l.services = [v.slice(0, 200), 'Marketplace'])],
		['description', (l, v) => (l.description = v)],
		[
			'added entry',
			(l, v) =>
				l.subprocessors.push({
					name: `Added ${v}`.slice(0, 200),
					id: 'added-entry',
					category: 'service',
					purpose: v,
					data: [v.slice(0, 200)],
				}),
		],
	];
	let version = 0;
	test.each(rows)('%s', async (name, set) => {
		const tag = `TAGLIST${name.replace(/\W/g, '').toUpperCase()}`;
		const list = parse(V1);
		list.updated = `2024-0${1 + (version % 9)}-${String(10 + (version++ % 18)).padStart(2, '0')}`;
		set(list, payload(tag));
		ws.http.on(URL, { status: 200, body: stringify(list, { lineWidth: 0 }) });
		const mark = ws.mark();
		const outbox = ws.outbox.length;
		await ws.advance(3600_000);
		expect(ws.errors).toEqual([]);
		const asked = [
			'/subprocessors',
			'/subprocessors categories',
			'/subprocessors help',
			'/subprocessors show stripe',
			'/subprocessors share show stripe',
			'/subprocessors show added entry',
			'/subprocessors changes',
			'/subprocessors in US',
			'/subprocessors export csv',
		];
		for (const line of asked) await ws.command('alice', 'general', line);
		await ws.command('alice', 'general', '/subprocessors object stripe');
		if (ws.modal('alice'))
			await ws.submitView('alice', {
				name: 'Alice Example',
				company: 'ACME',
				service: 'Marketplace',
				subprocessor: 'stripe',
				grounds: `${GROUNDS}${tag}`,
				email: 'alice@acme.example',
			});
		ws.world.modals.clear();
		expectInert(mark, tag, [], outbox);
		// Back to the plain list so the next row is announced as its own change.
		ws.http.on(URL, { status: 200, body: V1 });
		await ws.advance(3600_000);
	});
});

describe('names and alerts', () => {
	test('a display name (on a shared answer)', async () => {
		const tag = 'TAGDISPLAYNAME';
		const user = ws.user('alice') as { name: string };
		const before = user.name;
		user.name = payload(tag).split('\n')[0].slice(0, 200);
		const mark = ws.mark();
		try {
			await ws.command('alice', 'general', '/subprocessors share show stripe');
		} finally {
			user.name = before;
		}
		expectInert(mark, tag, ['message']);
	});

	test("a bad list line quoted in the admins' alert", async () => {
		const tag = 'TAGALERT';
		await ws.command('admin', 'general', '/subprocessors status');
		const list = parse(V1);
		list.updated = '2024-12-30';
		list.subprocessors.find((e: any) => e.id === 'stripe').category = payload(tag).split('\n')[0];
		ws.http.on(URL, { status: 200, body: stringify(list, { lineWidth: 0 }) });
		const mark = ws.mark();
		await ws.advance(3600_000);
		expectInert(mark, tag, ['message']);
		ws.http.on(URL, { status: 200, body: V1 });
		await ws.advance(3600_000);
	});
});

describe('list text in the feeds and list exports (HTTP endpoints, read without login)', () => {
	const SECRET = 'injection-test-shared-secret';
	/** Tricks for HTML/XML readers, spreadsheets and chat; each starts a field so the CSV's first character is tested. */
	const TRICKS = [
		'<script>alert(1)</script>',
		']]>',
		'&amp; & &lt; &#39;',
		'"quoted" \'single\'',
		'@all',
		"=cmd|' /C calc'!A0",
		'+1',
		'-1',
		'@SUM(1)',
		'=HYPERLINK("http://evil.example")',
		'x\ty\rz',
		// Chat markup (issue 13): in feeds and exports it is data, shown exactly as written.
		'<https://example.org/login|Verify your account>',
		'[click](http://evil.com) ![i](http://evil.com/i.png)',
		'*b* _i_ ~s~ `c` ||spoiler|| :smile: #general',
		'$x$ color:#ff0000 <t:1700000000:R>',
	];
	const FORMULA_START = /^[=+\-@\t\r]/;
	// subtitle: Atom's feed description, which rss-parser does not map by itself.
	const parser = new Parser({ customFields: { feed: ['subtitle'] } });
	let listVersion = 0;

	/** V1 with stripe's texts replaced and one added entry per trick (every text field starts with the trick). */
	function trickyList(company?: string): any {
		const list = parse(V1);
		list.updated = `2025-0${1 + (listVersion % 9)}-${String(10 + (listVersion++ % 18)).padStart(2, '0')}`;
		if (company) list.company = company;
		const stripe = list.subprocessors.find((e: any) => e.id === 'stripe');
		Object.assign(stripe, { purpose: TRICKS.join(' '), locationNote: TRICKS.join(' '), data: TRICKS.slice(0, 5) });
		TRICKS.forEach((t, i) =>
			list.subprocessors.push({
				id: `trick-${i}`,
				name: `${t} (entry ${i})`,
				aliases: [`${t} alias ${i}`],
				category: 'service',
				purpose: t,
				locationNote: t,
				data: [t],
				locations: ['United States'],
			}),
		);
		return list;
	}

	/** The text an HTML reader renders from `html`: tags kept (they would be live), entities decoded. */
	const renderedText = (html: string) =>
		html
			.replace(/<br\s*\/?>/g, '\n')
			.replace(
				/&(lt|gt|quot|#39|amp);/g,
				(_m, e) => ({ 'lt': '<', 'gt': '>', 'quot': '"', '#39': "'", 'amp': '&' })[e as string] as string,
			);

	function checkHtml(where: string, html: string | undefined, mustShow: string[]): void {
		checked++;
		if (html === undefined) return void findings.push(`feed ${where}: missing`);
		if (/<script/i.test(html)) findings.push(`feed ${where}: a raw <script in HTML content`);
		const shown = renderedText(html);
		for (const text of mustShow)
			if (!shown.includes(text)) findings.push(`feed ${where}: does not show ${JSON.stringify(text)} as text`);
	}

	async function checkFeeds(tag: string, mustShow: string[], company: string): Promise<void> {
		// The feed's title and description are plain text everywhere: a reader shows exactly the text (no "&#39;").
		const feedTitle = `${company} sub-processor list changes`;
		const feedDescription = `Every change of ${company}'s sub-processor list, with the date it takes effect and the deadline to object.`;
		for (const format of ['atom', 'rss'] as const) {
			const response = await ws.endpoint('GET', `/changes.${format}`);
			expect(response.status).toBe(200);
			// Well-formed XML: an independent parser reads it (a raw ]]> or & would break it).
			const feed = await parser.parseString(response.content);
			checked += 2;
			expect({
				format,
				title: feed.title,
				description: format === 'atom' ? (feed as { subtitle?: string }).subtitle : feed.description,
			}).toEqual({ format, title: feedTitle, description: feedDescription });
			const item = feed.items[0];
			checkHtml(`${tag} ${format} content`, item.content, mustShow);
			if (format === 'atom') {
				checkHtml(`${tag} atom summary`, item.summary, mustShow);
				// Atom titles are type="html": readers render them as HTML, so list text in them must be escaped too.
				checkHtml(`${tag} atom title`, item.title, [company]);
			} else {
				checkHtml(`${tag} rss content:encoded`, (item as any)['content:encoded'] ?? item.content, mustShow);
			}
		}
		const jsonFeed = JSON.parse((await ws.endpoint('GET', '/changes.json')).content);
		checkHtml(`${tag} json content_html`, jsonFeed.items[0].content_html, mustShow);
		// JSON Feed's title, description and summary are plain text: exactly the list's text, no HTML entities.
		checked += 2;
		expect({ title: jsonFeed.title, description: jsonFeed.description }).toEqual({ title: feedTitle, description: feedDescription });
		for (const text of mustShow)
			if (!String(jsonFeed.items[0].summary).includes(text))
				findings.push(`feed ${tag} json summary: does not show ${JSON.stringify(text)} as written`);
		// JSON Feed titles and content_text are plain text: they may carry the text as is.
		expect(jsonFeed.items[0].title).toContain(company);
	}

	async function checkExports(tag: string, list: any): Promise<void> {
		const json = JSON.parse((await ws.endpoint('GET', '/subprocessors.json')).content);
		const csv = await ws.endpoint('GET', '/subprocessors.csv');
		expect(csv.status).toBe(200);
		const rows: Record<string, string>[] = parseCsv(csv.content, { columns: true, relax_column_count: false });
		expect(rows).toHaveLength(json.subprocessors.length);
		for (const [i, row] of rows.entries()) {
			for (const [column, cell] of Object.entries(row)) {
				checked++;
				if (FORMULA_START.test(cell))
					findings.push(`${tag} csv ${row.id}.${column}: a cell starting a formula ${JSON.stringify(cell.slice(0, 20))}`);
			}
			// Round trip: the same text as the JSON, with a leading apostrophe only where a formula would start.
			const entry = json.subprocessors[i];
			const expected = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
			expect({
				id: row.id,
				name: row.name,
				purpose: row.purpose,
				location_note: row.location_note,
				data: row.data,
				aliases: row.aliases,
			}).toEqual({
				id: entry.id,
				name: expected(entry.name),
				purpose: expected(entry.purpose ?? ''),
				location_note: expected(entry.locationNote ?? ''),
				data: expected(entry.data.join('; ')),
				aliases: expected(entry.aliases.join('; ')),
			});
		}
		// JSON is data, not markup: the text exactly as the list has it (trimmed, as the schema reads it).
		TRICKS.forEach((t, i) => {
			checked++;
			const entry = json.subprocessors.find((e: any) => e.id === `trick-${i}`);
			const source = list.subprocessors.find((e: any) => e.id === `trick-${i}`);
			expect({
				name: entry.name,
				purpose: entry.purpose,
				locationNote: entry.locationNote,
				data: entry.data,
				aliases: entry.aliases,
			}).toEqual({
				name: source.name.trim(),
				purpose: t.trim(),
				locationNote: t.trim(),
				data: [t.trim()],
				aliases: source.aliases,
			});
		});
	}

	beforeAll(async () => {
		await ws.setSetting('public_feeds', true);
		await ws.setSetting('update_secret', SECRET);
	});

	test.each([
		['served by the list source', 'source', 'Rocket.Chat'],
		['pushed to /update', 'push', 'Rocket.Chat'],
		['company name (in every feed item title) served by the source', 'source', '<script>alert(1)</script> & "Co" ]]> @all'],
	])('%s', async (name, how, company) => {
		const tag = `TAGFEED${name.replace(/\W/g, '').toUpperCase().slice(0, 30)}`;
		const list = trickyList(company);
		const body = stringify(list, { lineWidth: 0 });
		if (how === 'push') {
			const response = await ws.endpoint(
				'POST',
				'/update',
				{ 'content-type': 'application/json', ...signedHeaders(body, SECRET) },
				JSON.stringify({ list: body }),
			);
			expect(JSON.parse(response.content)).toMatchObject({ result: 'changed' });
		} else {
			ws.http.on(URL, { status: 200, body });
			await ws.advance(3600_000);
		}
		expect(ws.errors).toEqual([]);
		await checkFeeds(
			tag,
			TRICKS.map((t) => t.trim()),
			company,
		);
		await checkExports(tag, list);
		expect(findings.filter((f) => f.includes(`${tag} `))).toEqual([]);
		// Back to the plain list (by the source) so the next row is its own change; it is older, so an admin confirms.
		ws.http.on(URL, { status: 200, body: V1 });
		await ws.advance(3600_000);
		await ws.command('admin', 'general', '/subprocessors sync confirm');
	});
});

test('all places checked: no finding', () => {
	expect(findings).toEqual([]);
});
