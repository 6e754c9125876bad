// Issue 16 in the real engine: Rocket.Chat's own sub-processor page, every version from its public docs
// history, served as the list source one after another. Each announcement is checked against what really
// changed (TRUTH, worked out by reading the pages), through the channel post and the JSON Feed extension.
import { readFileSync } from 'fs';
import * as path from 'path';

import { Workspace } from '../../workspace/src/Workspace';
import { PAGES_DIR, rocketChatVersions, TRUTH } from '../support/realPages';
import { appZip, visible } from './helpers';

const URL = 'https://raw.githubusercontent.com/RocketChat/docs-old/master/legal/privacy/subprocessors.md';
const HOUR = 3600_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (iso: string) => `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

let ws: Workspace;
let page = '';

afterEach(async () => {
	await ws?.stop();
});

const channel = (mark: number) =>
	ws
		.seen('admin', mark)
		.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates')
		.map((e) => visible(e.text));
const dms = (mark: number) =>
	ws
		.seen('admin', mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));

async function start() {
	ws = await Workspace.start({ zip: appZip(), appSettings: { list_source_url: URL, public_feeds: true } });
	// Raw markdown as GitHub serves it: text/plain, so the app must tell the kind from the text.
	ws.http.on(URL, () => ({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: page }));
}

async function status(): Promise<string> {
	const mark = ws.mark();
	await ws.command('admin', 'general', '/subprocessors status');
	return ws
		.seen('admin', mark)
		.map((e) => visible(e.text ?? ''))
		.join('\n');
}

const maybe = PAGES_DIR ? describe : describe.skip;

maybe('Rocket.Chat’s real page, version by version', () => {
	test('every announcement says exactly what changed between the real versions', async () => {
		const versions = rocketChatVersions();
		expect(versions.map((v) => v.file)).toEqual(Object.keys(TRUTH));
		page = versions[0].text;
		await start();
		let feedItems = 0;
		for (const [i, version] of versions.entries()) {
			const truth = TRUTH[version.file];
			page = version.text;
			const mark = ws.mark();
			await ws.advance(i === 0 ? 0 : HOUR);
			const posted = channel(mark);
			if (process.env.SHOW_REPLAY) console.log(version.file, JSON.stringify(posted, null, 1), dms(mark));
			if (truth.outcome === 'no-table') {
				// A prose list: nothing announced, the admins told once what is wrong.
				expect(posted).toEqual([]);
				expect(dms(mark).join('\n')).toContain('no table of sub-processors found on the page (read as markdown)');
				continue;
			}
			expect(posted).toHaveLength(1);
			if (truth.outcome === 'baseline') {
				expect(posted[0]).toContain(
					`*Now watching the* Rocket.Chat *sub-processor list* (${truth.entries} sub-processors, version of ${longDate(truth.version as string)})`,
				);
				// The 2020 page states a date but no objection address, and the setting is empty: status says so.
				expect(await status()).toContain(
					'Read from a Markdown page: version date from the page’s “last updated” text; objection address unknown: the page states none',
				);
				continue;
			}
			const added = truth.added ?? [];
			const removed = truth.removed ?? [];
			const changed = truth.changed ?? {};
			expect(posted[0]).toContain(`Rocket.Chat *updated its sub-processor list* (version of ${longDate(truth.version as string)})`);
			expect(posted[0]).toContain(`${added.length} added · ${removed.length} removed · ${Object.keys(changed).length} changed`);
			for (const name of added) expect(posted[0]).toContain(`• ${name} — `);

			// The machine-readable record of the same change: exactly the truth, nothing more.
			const feed = JSON.parse((await ws.endpoint('GET', '/changes.json')).content);
			expect(feed.items).toHaveLength(++feedItems);
			const ext = feed.items[0]._subprocessors;
			expect(ext.toVersion).toBe(truth.version);
			expect(ext.added.map((e: { name: string }) => e.name).sort()).toEqual([...added].sort());
			expect(ext.removed.map((e: { name: string }) => e.name).sort()).toEqual([...removed].sort());
			const seen = Object.fromEntries(
				ext.changed.map((c: { name: string; fields: Array<{ field: string }> }) => [c.name, c.fields.map((f) => f.field).sort()]),
			);
			expect(seen).toEqual(Object.fromEntries(Object.entries(changed).map(([name, fields]) => [name, [...fields].sort()])));
		}
		// The page's own objection address and subject are what the last announcement tells users to use.
		const last = channel(0).at(-1) as string;
		expect(last).toContain('e-mail privacy@rocket.chat.com with the subject “Subprocessor Objection”');
		expect(await status()).toContain('objection address privacy@rocket.chat.com, as the page states it');
		expect(ws.errors).toEqual([]);
	});

	test('a redesign that drops the tables, or most rows, is held and told to the admins, never announced', async () => {
		const versions = rocketChatVersions();
		const latest = versions[versions.length - 1].text;
		page = latest;
		await start();
		await ws.advance(0);
		expect(channel(0)).toHaveLength(1); // the baseline note

		// The same rows re-laid out: no outer pipes, no padding, bold names, a deeper heading level.
		page = latest
			.replace(/^\| ?(.*?) ?\|$/gm, (_, row: string) =>
				row
					.split(/\s*\|\s*/)
					.map((c) => c.trim())
					.join(' | '),
			)
			.replace(/^## /gm, '### ')
			.replace(/^(Stripe|ZOHO|Clearbit) \|/gm, '**$1** |');
		let mark = ws.mark();
		await ws.advance(HOUR);
		expect(channel(mark)).toEqual([]);
		expect(dms(mark)).toEqual([]);

		// The site now renders the list some other way: no table at all.
		page = latest.replace(/^\|.*$/gm, '');
		mark = ws.mark();
		await ws.advance(HOUR);
		expect(channel(mark)).toEqual([]);
		expect(dms(mark).join('\n')).toContain('no table of sub-processors found');

		// Only the first section's table is left: 4 of 15 rows.
		page = latest.replace(/## Service Specific[\s\S]*?(?=## \*\*Objecting)/, '');
		mark = ws.mark();
		await ws.advance(HOUR);
		expect(channel(mark)).toEqual([]);
		if (process.env.SHOW_REPLAY) console.log(dms(mark));
		expect(dms(mark).join('\n')).toMatch(/held|11/);
		expect(ws.errors).toEqual([]);
	});
});

test('an HTML page (a vendor’s site) in the engine: read, then a new row and a changed location announced', async () => {
	const html = readFileSync(path.join(__dirname, '..', 'unit', 'fixtures', 'pages', 'acme-v1.html'), 'utf8');
	const SITE = 'https://acme.example/legal/subprocessors';
	ws = await Workspace.start({ zip: appZip(), appSettings: { list_source_url: SITE } });
	page = html;
	ws.http.on(SITE, () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page }));
	await ws.advance(0);
	expect(channel(0)).toEqual([
		expect.stringContaining('*Now watching the* Acme Cloud *sub-processor list* (5 sub-processors, version of 3 March 2025)'),
	]);

	page = html
		.replace('3 March 2025', '1 April 2025')
		.replace('<td>Ireland and United States</td>', '<td>Ireland</td>')
		.replace('</table>\n<p>Questions?', '<tr><td>Twilio Inc.</td><td>SMS</td><td>United States</td></tr>\n</table>\n<p>Questions?');
	const mark = ws.mark();
	await ws.advance(HOUR);
	const posted = channel(mark);
	expect(posted).toHaveLength(1);
	expect(posted[0]).toContain('Acme Cloud *updated its sub-processor list* (version of 1 April 2025)\n1 added · 0 removed · 1 changed');
	expect(posted[0]).toContain('• Twilio Inc. — SMS · United States');
	expect(posted[0]).toContain('• Intercom R&D Unlimited Company — locations: Ireland, United States → Ireland');
	expect(posted[0]).toContain('e-mail objections@acme.example');
	expect(ws.errors).toEqual([]);
});

test('an undated page keeps its version while unchanged; a name on two rows keeps each row’s identity', async () => {
	const SITE = 'https://vendor.example/subprocessors';
	const table = (rows: string[]) =>
		`# Vendor Co sub-processors\n\nThese are Vendor Co's sub-processors.\n\n| Subprocessor | Service | Country |\n|---|---|---|\n${rows.join('\n')}\n`;
	const rows = [
		'| Twilio | SMS notifications | United States |',
		'| Twilio | Voice calls | United States |',
		'| Stripe | Payments | United States |',
		'| Zendesk | Support | Germany |',
	];
	ws = await Workspace.start({ zip: appZip(), appSettings: { list_source_url: SITE, objection_email: 'dpo@customer.example' } });
	page = table(rows);
	ws.http.on(SITE, () => ({ status: 200, headers: { 'content-type': 'text/markdown' }, body: page }));
	await ws.advance(0);
	const [baseline] = channel(0);
	expect(baseline).toContain('*Now watching the* Vendor Co *sub-processor list* (4 sub-processors, version of');

	// A day later the same page: nothing to announce, the version (the day first seen) stays.
	let mark = ws.mark();
	await ws.advance(24 * HOUR);
	expect(channel(mark)).toEqual([]);
	expect(await status()).toContain('version date from the day the change was seen');
	expect(await status()).toContain('objection address dpo@customer.example, from the app’s settings');

	// The first Twilio row goes: one removal, of that row; the other Twilio row is untouched.
	page = table(rows.slice(1));
	mark = ws.mark();
	await ws.advance(HOUR);
	const posted = channel(mark);
	expect(posted).toHaveLength(1);
	expect(posted[0]).toContain('0 added · 1 removed · 0 changed');
	expect(posted[0]).toContain('*Removed (1)*\n• Twilio — SMS notifications · United States');
	expect(posted[0]).toContain('e-mail dpo@customer.example');
	expect(ws.errors).toEqual([]);
});
