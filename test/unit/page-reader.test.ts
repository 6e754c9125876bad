// Issue 16: vendors' sub-processor pages (markdown, HTML) read into lists. Real pages (Rocket.Chat's, every
// version) and messy synthetic ones modelled on how vendors publish.
import { readFileSync } from 'fs';
import * as path from 'path';
import { Catalog } from '../../src/features/list/catalog';
import { diffLists } from '../../src/features/watch/diff';
import type { SubprocessorList } from '../../src/features/list/model';
import { readPage, parseDate, type ReadOptions } from '../../src/features/list/page/read';
import { detectKind, readSource } from '../../src/features/list/page/source';
import { PAGES_DIR, rocketChatVersions, TRUTH } from '../support/realPages';

const FIXTURES = path.join(__dirname, 'fixtures', 'pages');
/** Decoded as a server's bytes are: a stray invalid byte becomes U+FFFD. */
const fixture = (name: string) => new TextDecoder('utf-8').decode(readFileSync(path.join(FIXTURES, name)));
const NOW = new Date('2026-11-30T09:00:00Z');

function read(text: string, options: Partial<ReadOptions> = {}): SubprocessorList {
	const result = readPage(text, { format: 'markdown', file: 'page', now: NOW, ...options });
	if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
	return result.list;
}
const entry = (list: SubprocessorList, name: string) => {
	const found = list.subprocessors.filter((e) => e.name === name);
	expect(found).toHaveLength(1);
	return found[0];
};
const codes = (list: SubprocessorList, name: string) => entry(list, name).locations.map((l) => l.code);
const changedFields = (before: SubprocessorList, after: SubprocessorList) => {
	const changes = diffLists(before, after);
	return {
		added: changes.added.map((e) => e.name),
		removed: changes.removed.map((e) => e.name),
		changed: Object.fromEntries(changes.changed.map((c) => [c.after.name, c.fields.map((f) => f.field).sort()])),
	};
};

(PAGES_DIR ? describe : describe.skip)('Rocket.Chat’s real page, every version', () => {
	const versions = rocketChatVersions();

	test('each version reads to what the page shows, and consecutive versions differ exactly as they really do', () => {
		let previous: SubprocessorList | undefined;
		for (const version of versions) {
			const truth = TRUTH[version.file];
			const result = readPage(version.text, { format: 'markdown', file: version.file, now: NOW, previous });
			if (truth.outcome === 'no-table') {
				expect(result.ok).toBe(false);
				continue;
			}
			if (!result.ok) throw new Error(`${version.file}: ${result.problems[0].message}`);
			const list = result.list;
			expect(list.updated).toBe(truth.version);
			expect(list.company).toBe('Rocket.Chat');
			if (truth.outcome === 'baseline') expect(list.subprocessors).toHaveLength(truth.entries as number);
			if (previous && truth.outcome === 'change') {
				const sorted = (fields: Record<string, string[]>) =>
					Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [...v].sort()]));
				const got = changedFields(previous, list);
				expect({ ...got, added: [...got.added].sort(), removed: [...got.removed].sort() }).toEqual({
					added: [...(truth.added ?? [])].sort(),
					removed: [...(truth.removed ?? [])].sort(),
					changed: sorted(truth.changed ?? {}),
				});
			}
			previous = list;
		}
	});

	test('the 2023 page: sections as categories in page order, shared rows, location and its note, the objection address', () => {
		const list = read(versions[versions.length - 1].text);
		expect(list.categories.map((c) => c.name)).toEqual([
			'Infrastructure Sub-processors – Service Data Storage and Processing',
			'Service Specific Sub-processors',
			'Innovation Service Specific Sub-processors',
			'Rocket.Chat Affiliates',
			'Partners Joint Processors or Sub-processors',
		]);
		const aws = entry(list, 'Amazon Web Services');
		expect(aws.listedWith).toEqual([entry(list, 'OVH').id]);
		expect(codes(list, 'Amazon Web Services')).toEqual(['US']);
		expect(aws.locationNote).toMatch(/^The location of where an instance .* during onboarding\. Please reach out to support/);
		expect(codes(list, 'Fabulor.eu')).toEqual(['BE', 'NL']);
		expect(entry(list, 'Stripe').locations).toEqual([]); // an empty cell: not stated, never guessed
		expect(entry(list, 'Rocketchat Tecnologia LTDA').purpose).toBeUndefined(); // the affiliates table has no purpose column
		expect(list.objections).toMatchObject({ email: 'privacy@rocket.chat.com', subject: 'Subprocessor Objection' });
		expect(list.page).toMatchObject({ format: 'markdown', updatedFrom: 'page', objectionsFrom: 'page' });
	});

	test('the 2020 HTML table: cells with paragraphs, two providers in one cell', () => {
		const list = read(versions[1].text);
		expect(list.subprocessors.map((e) => e.name)).toEqual([
			'Amazon Web Services',
			'OVH',
			'Stripe',
			'ZOHO',
			'Apple Push Notification Service',
			'Firebase',
			'Mailchimp',
			'PRVolt',
		]);
		expect(list.categories).toEqual([{ id: 'subprocessors', name: 'Subprocessors' }]);
		expect(list.page?.objectionsFrom).toBe('settings');
	});
});

describe('a messy markdown page', () => {
	const list = read(fixture('acme-v1.md'));

	test('columns by header words, with or without outer pipes; links, bold and footnotes off names', () => {
		expect(list.subprocessors.map((e) => e.name)).toEqual([
			'Amazon Web Services, Inc.',
			'Cloudflare, Inc.',
			'Hetzner Online GmbH',
			'Zendesk, Inc.',
			'Intercom R&D Unlimited Company',
			'Twilio',
			'Twilio',
			'MongoDB Atlas',
			'Datadog, Inc.',
			'Datadog Ireland',
		]);
		expect(entry(list, 'Amazon Web Services, Inc.').purpose).toBe('Cloud hosting and storage'); // a tab inside
		expect(entry(list, 'Hetzner Online GmbH').purpose).toBe('Backup storage'); // a no-break space inside
		expect(entry(list, 'Zendesk, Inc.').purpose).toBe('Support tickets'); // "Service" column of "Subprocessor | Country | Service"
	});

	test('locations joined by "and", ";", ",", "/", <br>; places that are no country kept as written', () => {
		expect(codes(list, 'Amazon Web Services, Inc.')).toEqual(['US', 'IE']);
		expect(codes(list, 'Hetzner Online GmbH')).toEqual(['DE', 'FI']);
		expect(codes(list, 'Intercom R&D Unlimited Company')).toEqual(['IE', 'US']);
		// Regions are locations of their own (issue 18): EMEA maps, no note needed.
		expect(codes(list, 'Zendesk, Inc.')).toEqual(['US', 'EMEA']);
		expect(entry(list, 'Zendesk, Inc.').locationNote).toBeUndefined();
		expect(codes(list, 'Cloudflare, Inc.')).toEqual(['WORLD']); // its cell had a stray invalid byte
		expect(entry(list, 'Cloudflare, Inc.').locationNote).toBeUndefined();
		expect(entry(list, 'MongoDB Atlas').locationNote).toBe('EU (Frankfurt)');
		expect(entry(list, 'Datadog, Inc.').locations).toEqual([]);
		expect(list.page?.notes).not.toEqual(expect.arrayContaining(['kept the place "EMEA" as written (not a country)']));
	});

	test('same name on two rows: two entries; one heading twice: one category; data and unknown columns kept', () => {
		const twilio = list.subprocessors.filter((e) => e.name === 'Twilio');
		expect(twilio.map((e) => e.id)).toEqual(['twilio', 'twilio-2']);
		expect(twilio.map((e) => e.purpose)).toEqual(['SMS notifications', 'Voice calls']);
		expect(list.categories.map((c) => c.name)).toEqual(['Infrastructure', 'Customer Support']);
		expect(entry(list, 'MongoDB Atlas').category).toBe('infrastructure');
		expect(entry(list, 'MongoDB Atlas').data).toEqual(['Account data', 'usage data']);
		expect(entry(list, 'Datadog Ireland').data).toEqual(['Logs', 'IP addresses']);
		expect(entry(list, 'Datadog Ireland').listedWith).toEqual(['datadog-inc']);
		expect(entry(list, 'Amazon Web Services, Inc.').details).toEqual([{ label: 'Transfer mechanism', value: 'SCCs' }]);
		expect(entry(list, 'Cloudflare, Inc.').details).toBeUndefined();
	});

	test('what the page does not say as a field: date from front matter, objection address from its mailto, company from its text', () => {
		expect(list.updated).toBe('2025-03-03');
		expect(list.objections).toMatchObject({ email: 'privacy@acme.example', subject: 'New Sub-processor Objection' });
		expect(list.company).toBe('Acme Cloud');
		expect(list.page).toMatchObject({ updatedFrom: 'page', objectionsFrom: 'page' });
	});
});

describe('a messy HTML page', () => {
	const result = readSource(fixture('acme-v1.html'), { file: 'page', contentType: 'text/html; charset=utf-8', now: NOW });
	const list = result.ok ? result.list : (undefined as never);

	test('read as HTML; scripts, styles, navigation and footnote <sup>s are never text', () => {
		expect(result.ok).toBe(true);
		expect(list.page?.format).toBe('html');
		expect(list.subprocessors.map((e) => e.name)).toEqual([
			'Amazon Web Services, Inc.',
			'Cloudflare, Inc.',
			'Hetzner Online GmbH',
			'Zendesk, Inc.',
			'Intercom R&D Unlimited Company',
		]);
		expect(JSON.stringify(list)).not.toMatch(/Evil|tracker|steal|Pricing/);
	});

	test('<thead>, <br> and <li> lists in cells, a corporate location column, a table whose header row is empty', () => {
		expect(codes(list, 'Amazon Web Services, Inc.')).toEqual(['US', 'IE']);
		expect(codes(list, 'Hetzner Online GmbH')).toEqual(['DE', 'FI']);
		expect(entry(list, 'Hetzner Online GmbH').purpose).toBe('Backup storage');
		expect(entry(list, 'Amazon Web Services, Inc.').details).toEqual([{ label: 'Corporate location', value: 'Seattle, USA' }]);
		// No header words: the first column names, the column of places is the location, the other the purpose.
		expect(entry(list, 'Zendesk, Inc.')).toMatchObject({ purpose: 'Support tickets', locationNote: undefined });
		expect(codes(list, 'Zendesk, Inc.')).toEqual(['US', 'EMEA']);
		expect(codes(list, 'Intercom R&D Unlimited Company')).toEqual(['IE', 'US']);
	});

	test('date from the text, objection address from the paragraph about objecting (not the DPO contact)', () => {
		expect(list.updated).toBe('2025-03-03');
		expect(list.objections.email).toBe('objections@acme.example');
	});
});

describe('identity across versions', () => {
	const base = fixture('acme-v1.md');
	const v1 = read(base);
	const again = (text: string) => read(text, { previous: v1 });

	test.each([
		[
			'padding and outer pipes',
			base.replace(
				'| *Zendesk, Inc.* | United States, EMEA | Support tickets |',
				'|*Zendesk, Inc.*|United States,   EMEA|Support tickets|',
			),
		],
		[
			'column order',
			base
				.replace('| Subprocessor | Country | Service |', '| Service | Subprocessor | Country |')
				.replace(/^\| (.*?) \| (.*?) \| (Support tickets|In-app chat|SMS notifications|Voice calls) \|$/gm, '| $3 | $1 | $2 |'),
		],
		['link targets', base.replace('https://cloudflare.com', 'https://www.cloudflare.com/en-gb/')],
		[
			'emphasis',
			base
				.replace('*Zendesk, Inc.*', '**Zendesk, Inc.**')
				.replace(
					'**[Amazon Web Services, Inc.](https://aws.amazon.com/)**',
					'[Amazon Web Services, Inc.](https://aws.amazon.com/)',
				),
		],
		['a new heading level', base.replace(/^## /gm, '### ')],
		[
			'rows in another order',
			base.replace(
				'| Twilio | Frankfurt / USA | SMS notifications |\n| Twilio | United States | Voice calls |',
				'| Twilio | United States | Voice calls |\n| Twilio | Frankfurt / USA | SMS notifications |',
			),
		],
		[
			'the markdown re-flowed as an HTML table',
			base.replace(
				/\| Subprocessor[\s\S]*?Voice calls \|\n/,
				'<table><thead><tr><th>Subprocessor</th><th>Country</th><th>Service</th></tr></thead>\n<tr><td>Zendesk, Inc.</td><td>United States,\n EMEA</td><td>Support\n tickets</td></tr><tr><td>Intercom R&amp;D Unlimited Company</td><td>Ireland<br/>United States</td><td>In-app chat</td></tr>\n<tr><td>Twilio</td><td>Frankfurt / USA</td><td>SMS notifications</td></tr><tr><td>Twilio</td><td>United States</td><td>Voice calls</td></tr></table>\n',
			),
		],
	])('layout noise is no change: %s', (_name, text) => {
		expect(text).not.toBe(base);
		const after = again(text);
		expect(changedFields(v1, after)).toEqual({ added: [], removed: [], changed: {} });
	});

	test('a row keeps its identity when only its cells change; a move between sections is a change of category', () => {
		const after = again(
			base
				.replace(
					'| Hetzner Online GmbH[^2] | Backup storage | Germany; Finland |',
					'| Hetzner Online GmbH | Backup and archive | Germany |',
				)
				.replace(
					'Hetzner Online GmbH[^2] | Backup\u00a0storage | Germany; Finland |  ',
					'Hetzner Online GmbH | Backup and archive | Germany |',
				)
				.replace(/^\| MongoDB Atlas .*\n/m, '')
				.replace(
					'| Twilio | United States | Voice calls |',
					'| Twilio | United States | Voice calls |\n| MongoDB Atlas | Database hosting | | Account data; usage data |',
				),
		);
		const got = changedFields(v1, after);
		expect(got.added).toEqual([]);
		expect(got.removed).toEqual([]);
		expect(got.changed['Hetzner Online GmbH']).toEqual(['locations', 'purpose']);
		expect(got.changed['MongoDB Atlas']).toContain('category');
		const move = diffLists(v1, after).changed.find((c) => c.after.name === 'MongoDB Atlas');
		expect(move?.fields.find((f) => f.field === 'category')).toMatchObject({ before: 'Infrastructure', after: 'Customer Support' });
	});

	test('two rows with the same name stay two entries, each keeping its id when the other changes or goes', () => {
		const gone = again(base.replace('| Twilio | Frankfurt / USA | SMS notifications |\n', ''));
		expect(changedFields(v1, gone)).toEqual({ added: [], removed: ['Twilio'], changed: {} });
		expect(diffLists(v1, gone).removed[0].purpose).toBe('SMS notifications');
		const edited = again(
			base.replace('| Twilio | United States | Voice calls |', '| Twilio | United States | Voice and video calls |'),
		);
		expect(diffLists(v1, edited).changed.map((c) => [c.after.id, c.fields.map((f) => f.after)])).toEqual([
			['twilio-2', ['Voice and video calls']],
		]);
	});

	test('renames are not guessed: a row with a new name is an addition and a removal, even with the same cells', () => {
		const after = again(base.replace('| Twilio | United States | Voice calls |', '| Vonage | United States | Voice calls |'));
		expect(changedFields(v1, after)).toEqual({ added: ['Vonage'], removed: ['Twilio'], changed: {} });
	});

	test('an unknown column is compared too: its value changing is a change of "details"', () => {
		const after = again(base.replace('| SCCs', '| SCCs and DPF'));
		const change = diffLists(v1, after).changed;
		expect(change.map((c) => [c.after.name, c.fields])).toEqual([
			[
				'Amazon Web Services, Inc.',
				[{ field: 'details', before: 'Transfer mechanism: SCCs', after: 'Transfer mechanism: SCCs and DPF' }],
			],
		]);
	});

	test('a table that gains a column: only the new values are changes', () => {
		const after = again(
			base
				.replace(
					'| Subprocessor | Country | Service |\n|:---|:---:|---|',
					'| Subprocessor | Country | Service | Data categories |\n|---|---|---|---|',
				)
				.replace('| Support tickets |', '| Support tickets | Contact details |'),
		);
		expect(changedFields(v1, after)).toEqual({ added: [], removed: [], changed: { 'Zendesk, Inc.': ['data'] } });
	});
});

describe('what the page does not say', () => {
	const bare = '## Vendors\n\n| Name | Purpose |\n|---|---|\n| Stripe | Payments |\n';

	test('version date: the page, else Last-Modified, else the day seen (kept while the rows stay the same)', () => {
		expect(read(`Last updated: 2024-02-01\n\n${bare}`).page?.updatedFrom).toBe('page');
		const served = read(bare, { lastModified: 'Tue, 05 Mar 2024 10:00:00 GMT' });
		expect([served.updated, served.page?.updatedFrom]).toEqual(['2024-03-05', 'last-modified']);
		const seen = read(bare);
		expect([seen.updated, seen.page?.updatedFrom]).toEqual(['2026-11-30', 'seen']);
		const later = { now: new Date('2026-12-05T00:00:00Z'), previous: seen };
		expect(read(bare, later).updated).toBe('2026-11-30');
		expect(read(`${bare}| Adyen | Payments |\n`, later).updated).toBe('2026-12-05');
	});

	test('objection address: the settings when the page states none, and the list says so', () => {
		const list = read(bare, { objectionEmail: 'dpo@customer.example' });
		expect(list.objections.email).toBe('dpo@customer.example');
		expect(list.page?.objectionsFrom).toBe('settings');
	});

	test.each([
		['2023-01-05', '2023-01-05'],
		['10.09.2020', '2020-09-10'],
		['January 5th, 2023', '2023-01-05'],
		['23rd October,2020', '2020-10-23'],
		['5 Jan 2023', '2023-01-05'],
		['12/31/2024', '2024-12-31'],
		['2026.05.20', '2026-05-20'],
		['2026/05/20', '2026-05-20'],
		['2026.13.01', undefined],
		['31/12/2024', '2024-12-31'],
		['31.02.2024', undefined],
		['soon', undefined],
	])('dates as pages write them: %s', (text, iso) => {
		expect(parseDate(text)).toBe(iso);
	});
});

describe('pages that are not lists', () => {
	test.each([
		['prose only', '# Sub-processors\n\nWe use Amazon Web Services, Inc. for hosting.\n'],
		['a table that names no one', '# Changelog\n\n| Date | Change |\n|---|---|\n| 2024-01-01 | New layout |\n'],
		['an HTML login page', '<!doctype html><html><body><form><input name=user></form></body></html>'],
		// Pages without a table are read from bullet lists and labelled sections (below), but not these:
		['one labelled section alone', '# Privacy\n\n### Contact\n- **Purpose**: questions about your data\n'],
		['a list of rights under a heading about changes', '## Changes to sub-processors\n\n- Notice 30 days ahead\n- Right to object\n'],
		['a bullet list that is not about sub-processors', '## Features\n\nWhat you get:\n\n- Fast search\n- Dark mode\n'],
	])('%s: a problem, never an empty list', (_name, text) => {
		const result = readSource(text, { file: 'page', now: NOW });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems[0].message).toMatch(/^no table of sub-processors found on the page/);
	});
});

describe('telling the kind of source', () => {
	const yaml = readFileSync(path.join(__dirname, '..', '..', 'data', 'subprocessors.yaml'), 'utf8');
	test.each([
		['the app’s YAML, even served as text/plain', yaml, 'text/plain', 'https://x.example/list.yaml', 'list'],
		['the app’s JSON', '{"company": "X"}', 'application/json', '', 'list'],
		[
			'broken YAML of the app’s format (its errors are the useful ones)',
			'company: X\nsubprocessors:\n  - name: [',
			'application/yaml',
			'',
			'list',
		],
		['markdown served as text/plain', '---\ndescription: x\n---\n\n# Subprocessors\n', 'text/plain', '', 'markdown'],
		['markdown served as YAML', '# Subprocessors\n\n| Name | Purpose |\n|---|---|\n', 'text/yaml', '', 'markdown'],
		['markdown by its URL', 'Vendors we use', '', 'https://github.com/x/y/raw/main/subprocessors.md', 'markdown'],
		['HTML by content type', '<div><table></table></div>', 'text/html', '', 'html'],
		['HTML by its doctype', '<!DOCTYPE html><html></html>', 'text/plain', '', 'html'],
	])('%s', (_name, text, contentType, url, kind) => {
		expect(detectKind(text, contentType, url)).toBe(kind);
	});

	test('a markdown page no longer gets "not valid YAML: Source contains multiple documents"', () => {
		const result = readSource('---\ndescription: x\n---\n\n# Subprocessors\n\n---\n\nSee below.\n', { file: 'page', now: NOW });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems[0].message).not.toMatch(/YAML/);
	});
});

describe('limits', () => {
	test.each([
		['unclosed bold', '**a '],
		['unclosed links', '[a'],
		['unclosed emphasis', '_a '],
	])('hostile inline markup in a cell costs linear time: %s', (_name, unit) => {
		const text = `# T\n\n| Name | Purpose |\n|---|---|\n| Vendor | ${unit.repeat(100_000)} |\n`;
		const started = Date.now();
		const result = readPage(text, { format: 'markdown', file: 'page', now: NOW });
		expect(result.ok).toBe(true);
		// Quadratic patterns took about a minute for this; linear ones a fraction of a second.
		expect(Date.now() - started).toBeLessThan(5000);
	});

	test('a markdown table whose header row is empty: columns told by their cells', () => {
		const list = read(
			'## Vendors\n\n| | | |\n|---|---|---|\n| Stripe | Payments | United States |\n| Zendesk | Support | Germany, EMEA |\n',
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose, e.locations.map((l) => l.code).join(',')])).toEqual([
			['Stripe', 'Payments', 'US'],
			['Zendesk', 'Support', 'DE,EMEA'],
		]);
	});
});

// Seen on a real vendor's docs page (Docusaurus): the date in an admonition box under its label, and a
// "Relevant … Services" column before the "Purpose of Processing" one.
describe('layouts of docs sites', () => {
	const page = [
		'---',
		'title: "Subprocessors"',
		'---',
		'',
		':::info Last updated',
		'',
		'June 28, 2023',
		'',
		':::',
		'',
		'### Infrastructure Subprocessors',
		'',
		'| Entity Name | Relevant Acme Services | Purpose of Processing | Location of Subprocessors |',
		'| --- | --- | --- | --- |',
		'| Example Hosting, Inc. | Cloud Offerings | Third-party hosting provider | United States |',
	].join('\n');

	test('a "Last updated" label alone in its box takes the date from the next paragraph', () => {
		expect(read(page).updated).toBe('2023-06-28');
	});

	test('the column headed "purpose" is the purpose, even after a column headed "services"', () => {
		const hosting = entry(read(page), 'Example Hosting, Inc.');
		expect(hosting.purpose).toBe('Third-party hosting provider');
		expect(hosting.details).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'Cloud Offerings' })]));
	});
});

// Seen on another real vendor's page (markdown with front matter): `updated_at` in the front matter and a
// "Customer data involved" column.
describe('front matter dates and data columns', () => {
	const page = [
		'---',
		'title: Subprocessors',
		'updated_at: 2026-03-19',
		'---',
		'',
		'## Current subprocessors',
		'',
		'| Service provider | Purpose | Customer data involved | Region | Notes |',
		'| --- | --- | --- | --- | --- |',
		'| Example Cloud (EC) | Core cloud infrastructure | Account data, event data | United States | Primary provider |',
	].join('\n');

	test('a front matter key such as updated_at labels the version date', () => {
		expect(read(page).updated).toBe('2026-03-19');
	});

	test('"Customer data involved" is the data column', () => {
		expect(entry(read(page), 'Example Cloud (EC)').data).toEqual(['Account data', 'event data']);
	});
});

// How small vendors' pages (found in 2026) write their dates and columns: "Updated · 2026.05.20 · Revision 1.0",
// "Last updated: April 2026", a placeholder "[YYYY-MM-DD]" left in, a column headed just "Data".
describe('dates and columns as small vendors write them', () => {
	const table = [
		'| Vendor | Purpose | Region | Data |',
		'|---|---|---|---|',
		'| Vultr | IaaS compute | DE | transcripts, logs, metadata |',
	];
	const page = (dateLine: string) => ['# Sub-processors', '', dateLine, '', ...table].join('\n');

	test('a date after separators, written year first with dots', () => {
		const list = read(page('Updated · 2026.05.20 · Revision 1.0 · 30-day notice on additions'));
		expect(list.updated).toBe('2026-05-20');
		expect(list.page?.updatedFrom).toBe('page');
	});

	test('a month without a day: its first day, and the list says how it read it', () => {
		const list = read(page('Last updated: April 2026'));
		expect(list.updated).toBe('2026-04-01');
		expect(list.page?.updatedFrom).toBe('page');
		expect(list.page?.notes).toContain('read the date "April 2026" as 2026-04-01 (the page gives no day)');
	});

	test('a full date elsewhere on the page wins over a month', () => {
		const list = read(['# Sub-processors', '', 'Effective date: March 2026', '', 'Last updated: 2026-03-19', '', ...table].join('\n'));
		expect(list.updated).toBe('2026-03-19');
		expect(list.page?.notes.join()).not.toContain('gives no day');
	});

	test('a header paragraph with several labels: the first date among them', () => {
		const header =
			'Document owner: Chief Privacy Officer (CPO)\nVersion: 3.0\nEffective date: January 1, 2026\nLast updated: January 15, 2026';
		expect(read(page(header)).updated).toBe('2026-01-01');
	});

	test('a placeholder is no date: the day the list was seen', () => {
		const list = read(page('Last updated: [YYYY-MM-DD]'));
		expect(list.page?.updatedFrom).toBe('seen');
		expect(list.updated).toBe('2026-11-30');
	});

	test('Google’s layout: "Activity" is the purpose, "Relevant Service(s)" a detail, and the company from "X and its affiliates engage"', () => {
		const html = [
			'<h1>Third-Party Subprocessors</h1>',
			'<p>Google and its affiliates engage the third-party entities in the table below to perform limited activities.</p>',
			'<table><tr><th>Entity name</th><th>Relevant Service(s)</th><th>Activity</th><th>Country where processing is performed</th>',
			'<th>Registered address</th><th>Country of registration</th></tr>',
			'<tr><td>Accenture International Limited</td><td>All Google Workspace Core Services</td><td>Technical Support</td>',
			'<td>Bulgaria, Canada and United States of America</td><td>1 Grand Canal Square, Dublin 2</td><td>Ireland</td></tr></table>',
		].join('');
		const list = read(html, { format: 'html' });
		expect(list.company).toBe('Google');
		const accenture = entry(list, 'Accenture International Limited');
		expect(accenture.purpose).toBe('Technical Support');
		expect(accenture.locations.map((l) => l.code)).toEqual(['BG', 'CA', 'US']);
		expect(accenture.details).toContainEqual({ label: 'Relevant Service(s)', value: 'All Google Workspace Core Services' });
	});

	test('a privacy policy’s other tables are no sub-processors when one table names them', () => {
		const policy = [
			'# GDPR Compliance Guide',
			'',
			'### Consent Types',
			'',
			'| Type | Required | Purpose |',
			'|------|----------|---------|',
			'| `terms_of_service` | Yes | Service usage |',
			'| `analytics` | No | Usage analytics |',
			'',
			'## Subprocessors',
			'',
			'| Subprocessor | Purpose | Location | DPA |',
			'|---|---|---|---|',
			'| Anthropic | Claude AI | USA (SCCs) | Yes |',
			'| Mistral | Mistral models | EU | Yes |',
		].join('\n');
		const list = read(policy);
		expect(list.subprocessors.map((e) => e.name)).toEqual(['Anthropic', 'Mistral']);
		expect(list.page?.notes).toContain('skipped a table with columns Type, Required, Purpose: another table names the sub-processors');
		// Alone on its page, a table that doesn't name its first column is read as before.
		expect(
			read(['| | Purpose | Location |', '|---|---|---|', '| Acme Mail | E-mail | Germany |'].join('\n')).subprocessors,
		).toHaveLength(1);
	});

	test('a cloud’s part of a place ("US West (Oregon)", "EU Central") is the place; part of a country’s name is not', () => {
		const rows = [
			['Vercel', 'US West (Oregon)'],
			['Neon', 'EU Central'],
			['R2', 'Western North America (WNAM)'],
			['Edge', 'Western Europe'],
			['Island', 'South Georgia'],
			['Continent', 'South America'],
			['Belfast', 'Northern Ireland'],
		];
		const list = read(['| Subprocessor | Location |', '|---|---|', ...rows.map(([n, l]) => `| ${n} | ${l} |`)].join('\n'));
		expect(codes(list, 'Vercel')).toEqual(['US']);
		expect(codes(list, 'Neon')).toEqual(['EU']);
		expect(codes(list, 'R2')).toEqual(['NORTH_AMERICA']);
		expect(codes(list, 'Edge')).toEqual(['EUROPE']);
		expect(codes(list, 'Belfast')).toEqual(['GB']);
		expect(codes(list, 'Island')).not.toContain('GE');
		expect(codes(list, 'Continent')).not.toContain('US');
		expect(entry(list, 'Vercel').locations[0].name).toBe('US West');
	});

	test('an annex’s heading names no company', () => {
		expect(
			read(['# Annex B — Subprocessors', '', '| Subprocessor | Location |', '|---|---|', '| Neon | EU |'].join('\n'), {
				url: 'https://crm.example/dpa',
			}).company,
		).toBe('crm.example');
	});

	test('"Service | Description | Location": the service is the sub-processor, the description its purpose', () => {
		const list = read(
			[
				'| Service | Description | Data shared | Location |',
				'|---|---|---|---|',
				'| Stripe | Payment processing | Billing address, email | US |',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose, e.data])).toEqual([
			['Stripe', 'Payment processing', ['Billing address', 'email']],
		]);
		// With a purpose column, as before: the service names.
		const withPurpose = read(['| Service | Purpose | Location |', '|---|---|---|', '| Resend | Transactional email | US |'].join('\n'));
		expect(withPurpose.subprocessors.map((e) => [e.name, e.purpose])).toEqual([['Resend', 'Transactional email']]);
	});

	test('bullets of a linked name as a sentence of its own, then the purpose (Namesake’s page)', () => {
		const list = read(
			[
				'# Namesake Subprocessors',
				'',
				'The following is a list of personal data subprocessors we use.',
				'',
				'* [Cloudflare](https://www.cloudflare.com/gdpr/). Cloud services provider.',
				'* [Convex](https://convex.dev/security). Data storage.',
				'* Stripe, Inc. Payment processing.',
				'* [Resend](https://resend.com/legal). Transactional email service.',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose])).toEqual([
			['Cloudflare', 'Cloud services provider'],
			['Convex', 'Data storage'],
			['Stripe, Inc.', 'Payment processing'],
			['Resend', 'Transactional email service'],
		]);
	});

	test('"X may engage and use data processors" names the company (Range’s page)', () => {
		const text = [
			'# Sub Processors',
			'',
			'To support the delivery of our Services, Range Labs Inc. may engage and use data processors with access to certain Customer Data.',
			'',
			...table,
		].join('\n');
		expect(read(text).company).toBe('Range Labs Inc.');
	});

	test('"/" and "and" inside brackets stay as written; a brand written in camel case names the company', () => {
		const list = read(
			[
				'stampHQ uses third party subprocessors, such as cloud computing providers, to run stampHQ.',
				'',
				'| Subprocessor | Purpose | Location |',
				'|---|---|---|',
				'| OAuth providers (Google / Microsoft / LinkedIn) | Authentication | Ireland (Dublin and Cork) |',
				'| Render / Fly.io | Hosting | US |',
			].join('\n'),
		);
		expect(list.company).toBe('stampHQ');
		expect(list.subprocessors.map((e) => e.name)).toEqual(['OAuth providers (Google / Microsoft / LinkedIn)', 'Render', 'Fly.io']);
		const oauth = entry(list, 'OAuth providers (Google / Microsoft / LinkedIn)');
		expect([oauth.locations.map((l) => l.code), oauth.locationNote]).toEqual([['IE'], 'Ireland (Dublin and Cork)']);
	});

	test('a table under "Historical" or "Former sub-processors" is skipped; "EU region" is the EU (Gidsly’s page)', () => {
		const list = read(
			[
				'## Active subprocessors',
				'',
				'| # | Vendor | Purpose | Personal data transferred | Host region |',
				'|---|---|---|---|---|',
				'| 4 | **Zitadel Cloud** | Authentication | Email, session tokens. | EU region (Germany) |',
				'',
				'## Historical',
				'',
				'| Vendor | Period | Reason for replacement |',
				'|---|---|---|',
				'| **Vercel** | Pre-2026-04 | Original hosting provider. |',
				'',
				'## Former sub-processors',
				'',
				'| Vendor | Purpose |',
				'|---|---|',
				'| Heroku | Hosting |',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => e.name)).toEqual(['Zitadel Cloud']);
		expect(codes(list, 'Zitadel Cloud')).toEqual(['EU']);
		expect(entry(list, 'Zitadel Cloud').data).toEqual(['Email', 'session tokens']);
		expect(list.page?.notes).toEqual(
			expect.arrayContaining([
				'skipped the table under "Historical": former sub-processors',
				'skipped the table under "Former sub-processors": former sub-processors',
			]),
		);
	});

	test('"Data it receives" is data, "Data residency" a place; "Anthropic, PBC" is one name (Scry’s page)', () => {
		const list = read(
			[
				'| Subprocessor | What we use it for | Data it receives | Data residency |',
				'|---|---|---|---|',
				'| **Anthropic, PBC** (API, direct) | Design diff fallback | Screenshots, prompts | United States |',
			].join('\n'),
		);
		const anthropic = entry(list, 'Anthropic, PBC (API, direct)');
		expect([anthropic.purpose, anthropic.data, codes(list, 'Anthropic, PBC (API, direct)')]).toEqual([
			'Design diff fallback',
			['Screenshots', 'prompts'],
			['US'],
		]);
	});

	// Found on a second round of real pages (public policy repositories), each rule with rows modelled on them.
	test('"Data Processor" names the sub-processors; of two location columns the processing one is the location', () => {
		const list = read(
			[
				'| Data Processor | Services Provided | Provider location | Processing location |',
				'|---|---|---|---|',
				'| Hetzner Online GmbH | Server hosting | Germany | United States of America |',
			].join('\n'),
		);
		const hetzner = entry(list, 'Hetzner Online GmbH');
		expect([hetzner.purpose, codes(list, 'Hetzner Online GmbH')]).toEqual(['Server hosting', ['US']]);
		expect(hetzner.details).toContainEqual({ label: 'Provider location', value: 'Germany' });
	});

	test('places: "or" separates, "NA" beside a region is North America, "Global anycast" is everywhere, nothing after "outside"', () => {
		const rows = [
			['AWS', 'US or EU (for EU hosting customers)'],
			['R2', 'EU / NA'],
			['Cloudflare', 'Global anycast'],
			['Oskfel', 'United Kingdom and remote engineering locations, including outside the UK/EEA'],
		];
		const list = read(['| Subprocessor | Location |', '|---|---|', ...rows.map(([n, l]) => `| ${n} | ${l} |`)].join('\n'));
		expect(rows.map(([n]) => codes(list, n))).toEqual([['US', 'EU'], ['EU', 'NORTH_AMERICA'], ['WORLD'], ['GB']]);
		expect(entry(list, 'Oskfel').locationNote).toBe('United Kingdom and remote engineering locations, including outside the UK/EEA');
	});

	test('data the page says is not processed is no data item', () => {
		const rows = [
			['Anthropic', 'None (no Client PI sent)'],
			['Tailscale', 'Operator-side device identity only; no Suite data'],
			[
				'Claude',
				'role, gap summaries, IDP structure. Real employee names, emails are **not** sent. Pseudonymisation is enforced in code',
			],
			['Google Cloud', 'Infrastructure data, network logs, and Customer data processed by covered services'],
		];
		const list = read(['| Subprocessor | Data |', '|---|---|', ...rows.map(([n, d]) => `| ${n} | ${d} |`)].join('\n'));
		expect(rows.map(([n]) => entry(list, n).data)).toEqual([
			[],
			['Operator-side device identity only'],
			['role', 'gap summaries', 'IDP structure'],
			['Infrastructure data', 'network logs', 'Customer data processed by covered services'],
		]);
	});

	test('company, date and contact as small pages write them', () => {
		const fcc = read(['# Current list of FCC subprocessors', '', ...table].join('\n'), { url: 'https://fcc.example/' });
		expect(fcc.company).toBe('FCC');
		expect(read(['# List of Data Subprocessors', '', ...table].join('\n'), { url: 'https://qualified.example/' }).company).toBe(
			'qualified.example',
		);
		const frontMatter = ['---', 'effective_date: 2025-10-25', 'last_updated: 2026-02-17', '---', '', ...table].join('\n');
		expect(read(frontMatter).updated).toBe('2026-02-17');
		expect(read(page('**Last Updated: May, 15, 2025**')).updated).toBe('2025-05-15');
		const contact = read(
			[
				...table,
				'',
				'If you have any questions or concerns, please contact us at [policies@reliable.example](mailto:policies@reliable.example).',
			].join('\n'),
		);
		expect([contact.objections.email, contact.page?.objectionsFrom]).toEqual(['policies@reliable.example', 'page-contact']);
	});

	test('a footnote marker is no part of a name; a header row under an empty header is the header', () => {
		const footnote = read(
			['| Subprocessor | Purpose |', '|---|---|', '| Google (Gmail) \\*\\* | Support |', '| Intercom † | Support |'].join('\n'),
		);
		expect(footnote.subprocessors.map((e) => e.name)).toEqual(['Google (Gmail)', 'Intercom']);
		const hidden = read(
			[
				'| | | |',
				'|---|---|---|',
				'| Sub-Processor | Description/Purpose | Location |',
				'| Amazon Web Services | Hosting | United States |',
			].join('\n'),
		);
		expect(hidden.subprocessors.map((e) => [e.name, e.purpose, codes(hidden, e.name)])).toEqual([
			['Amazon Web Services', 'Hosting', ['US']],
		]);
	});

	test('bullets on a page about sub-processors: a bold name over its description, a list under "LLM Providers"', () => {
		const pdf = read(
			[
				'---',
				'title: "PDFShift\'s subprocessors"',
				'---',
				'',
				'We use the following 3rd party services to improve the service:',
				'',
				'* **Plausible**',
				'  We use this service to understand general usage.',
				'* **Stripe**',
				'  We use this service to handle all the payments.',
			].join('\n'),
		);
		expect(pdf.subprocessors.map((e) => [e.name, e.purpose])).toEqual([
			['Plausible', 'We use this service to understand general usage'],
			['Stripe', 'We use this service to handle all the payments'],
		]);
		const kuren = read(
			[
				'# Subprocessors',
				'',
				'Kuren uses the following third-party service providers to deliver our services.',
				'',
				'## LLM Providers',
				'',
				'- **Google** - Gemini models and Google AI services',
				'- **Anthropic** - Claude models',
			].join('\n'),
		);
		expect([kuren.company, kuren.subprocessors.map((e) => [e.name, e.purpose])]).toEqual([
			'Kuren',
			[
				['Google', 'Gemini models and Google AI services'],
				['Anthropic', 'Claude models'],
			],
		]);
	});

	test.each([
		[
			'Spanish',
			'**Última actualización:** 15 de enero de 2026',
			'| Nombre de la Entidad | Actividad del Subencargado | Ubicación | Categorías de datos |',
			'| Google Cloud Platform | Infraestructura cloud | Estados Unidos / Unión Europea | Datos de cuenta, registros |',
		],
		[
			'German',
			'Stand: 15. Januar 2026',
			'| Unterauftragsverarbeiter | Zweck | Ort der Verarbeitung | Datenkategorien |',
			'| Google Cloud Platform | Infraestructura cloud | Vereinigte Staaten, Europäische Union | Kontodaten, Protokolle |',
		],
		[
			'French',
			'Dernière mise à jour : 15 janvier 2026',
			'| Sous-traitant | Finalité | Pays | Données |',
			'| Google Cloud Platform | Infraestructura cloud | États-Unis et Union européenne | Données de compte, journaux |',
		],
	])('a page in %s: its headers, its date', (_lang, dateLine, header, row) => {
		const list = read(['# Sub-processors', '', dateLine, '', header, '|---|---|---|---|', row].join('\n'));
		expect(list.updated).toBe('2026-01-15');
		const gcp = entry(list, 'Google Cloud Platform');
		expect([gcp.purpose, gcp.locations.map((l) => l.code), gcp.data.length]).toEqual(['Infraestructura cloud', ['US', 'EU'], 2]);
	});

	test('a month named in another language: "Última actualización: Enero 2026"', () => {
		expect(read(page('**Última actualización:** Enero 2026')).updated).toBe('2026-01-01');
	});

	test('a "Role" column says what a row is: an independent third party is skipped, and the role is no purpose', () => {
		const list = read(
			[
				'| Legal name | Role | Service | Processing location |',
				'|---|---|---|---|',
				'| Hetzner Online GmbH | Subprocessor | Cloud hosting | Germany |',
				'| Google LLC | Independent third party | OAuth login | United States |',
				'| Acme Ads Ltd | Controller | Advertising | United States |',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose])).toEqual([['Hetzner Online GmbH', 'Cloud hosting']]);
		expect(list.page?.notes).toContain('skipped Google LLC: the page calls it "Independent third party", not a sub-processor');
	});

	test('a country named in brackets or after a label is the place; a code in brackets is a site’s, not a country', () => {
		const rows = [
			['Backup', 'ca-central-1 (Canada)'],
			['Tunnel', 'Coordination plane: USA'],
			['VPS', 'Beauharnois (BHS)'],
		];
		const list = read(['| Subprocessor | Location |', '|---|---|', ...rows.map(([n, l]) => `| ${n} | ${l} |`)].join('\n'));
		expect(rows.map(([n]) => codes(list, n))).toEqual([['CA'], ['US'], []]);
	});

	test.each([
		['A sub-processor is a third party that LocalOps engages to process customer data.', 'LocalOps'],
		['This document lists every service that processes customer data on behalf of Grism Plus. It is kept current.', 'Grism Plus'],
		['## List of sub-processors used by Cryptlex:', 'Cryptlex'],
		['---\ndescription: "A list of Actually Reliable\'s data subprocessors."\n---', 'Actually Reliable'],
		['---\nmeta_desc: The current list of data subprocessors used by Pulumi Corporation.\n---', 'Pulumi Corporation'],
		['# Subprocessors — Acme Cloud', 'Acme Cloud'],
		['Range Labs Inc. may engage and use data processors.', 'Range Labs Inc.'],
	])('whose list: %s → %s', (text, company) => {
		expect(read([text, '', ...table].join('\n'), { url: 'https://vendor.example/' }).company).toBe(company);
	});

	test('"These subprocessors are all located in the United States:" places the bullets that name no place', () => {
		const list = read(
			[
				'# Gather subprocessors',
				'',
				'The following is a list of personal data subprocessors we use. These subprocessors are all located in the United States:',
				'',
				'- [Heroku](https://heroku.example). Cloud services provider.',
				'- [Sentry](https://sentry.example). Error reporting software.',
				'- Hetzner — hosting (Germany)',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, codes(list, e.name)])).toEqual([
			['Heroku', ['US']],
			['Sentry', ['US']],
			['Hetzner', ['DE']],
		]);
		expect(entry(list, 'Heroku').locationNote).toBe('These subprocessors are all located in the United States');
	});

	test('a column headed just "Data" is the data column', () => {
		expect(entry(read(page('')), 'Vultr').data).toEqual(['transcripts', 'logs', 'metadata']);
	});
});

// Seen on real vendors' pages that have no table: a bullet list under a sentence about sub-processors, a
// section per sub-processor with labelled lines, the company named in a sentence or the title.
describe('pages without a table', () => {
	test('a name on its own line (bold, or a numbered item) over labelled bullets: the name is the entry, the heading its category', () => {
		const list = read(
			[
				'# Subprocessor List',
				'',
				'This document lists the subprocessors engaged by **Tallyhoo** to process Customer Personal Data.',
				'',
				'## Current Subprocessors',
				'',
				'### Infrastructure & Hosting',
				'',
				'**Amazon Web Services**',
				'- **Purpose**: Application hosting, data storage',
				'- **Data Location**: EU (Frankfurt), US',
				'',
				'### Payment Processing',
				'',
				'**Stripe, Inc.**',
				'- **Purpose**: Payment processing',
				'- **Data Processed**: Payment card data, billing information',
				'- **Data Location**: United States',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose, e.category])).toEqual([
			['Amazon Web Services', 'Application hosting, data storage', 'infrastructure-hosting'],
			['Stripe, Inc.', 'Payment processing', 'payment-processing'],
		]);
		expect(codes(list, 'Amazon Web Services')).toEqual(['EU', 'US']);
		expect(entry(list, 'Stripe, Inc.').data).toEqual(['Payment card data', 'billing information']);
		expect(list.company).toBe('Tallyhoo');

		const numbered = read(
			'# Sub-Processor Register\n\n## Current sub-processors\n\n1. Stripe\n- Service: payment processing\n- Data: billing identifiers\n\n' +
				'2. Twilio\n- Service: SMS notifications\n- Data: phone numbers\n',
		);
		expect(numbered.subprocessors.map((e) => [e.name, e.purpose, e.data])).toEqual([
			['Stripe', 'payment processing', ['billing identifiers']],
			['Twilio', 'SMS notifications', ['phone numbers']],
		]);
	});

	test('under a heading per sub-processor, a label (“**Details**”) or the heading’s own name again is no new entry', () => {
		const list = read(
			'# Sub-processors\n\n## Infrastructure\n\n### Stripe\n\n**Details**\n\n- Purpose: Payment processing\n- Location: United States\n\n' +
				'### Twilio\n\nTwilio Inc.\n\n- Purpose: SMS delivery\n- Location: United States\n',
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose, e.category])).toEqual([
			['Stripe', 'Payment processing', 'infrastructure'],
			['Twilio', 'SMS delivery', 'infrastructure'],
		]);
	});

	test('after an entry’s fields, a short line that is no sentence names the next one (“monday.com”, “eBay Inc.”)', () => {
		const list = read(
			'# Sub-processors\n\n### Tools\n\n**Stripe**\n\n- **Purpose**: Payments\n- **Location**: United States\n\n' +
				'**monday.com**\n\n- **Purpose**: Project management\n- **Location**: Israel\n\n**eBay Inc.**\n\n- **Purpose**: Marketplace\n',
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose])).toEqual([
			['Stripe', 'Payments'],
			['monday.com', 'Project management'],
			['eBay Inc.', 'Marketplace'],
		]);
		expect(codes(list, 'monday.com')).toEqual(['IL']);
	});

	test('a sentence over labelled lines is no name: “### Vercel”, “Our frontend host”, “Purpose: Hosting”', () => {
		const list = read(
			'# Sub-processors\n\n### Vercel\n\nOur frontend host\n\nPurpose: Hosting\n\n### Sentry\n\nPurpose: Error tracking\nLocation: Germany\n',
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose])).toEqual([
			['Vercel', 'Hosting'],
			['Sentry', 'Error tracking'],
		]);
	});

	test('a bullet list under a sentence about sub-processors; items continued on the next line; rights lists are not entries', () => {
		const list = read(
			[
				'# Subprocessors for Example Cloud',
				'',
				'### Third parties',
				'',
				'Example Cloud may use the following Subprocessors to host Customer Data:',
				'',
				'* [Amazon Web Services, Inc.](https://aws.example/gdpr)',
				'  for cloud infrastructure.',
				'* [Functional Software, Inc. d/b/a Sentry](https://sentry.example) for error tracking.',
				'- Mailgun Technologies, Inc. — email delivery (United States)',
				'',
				'## Changes to sub-processors',
				'',
				'We tell you before a new sub-processor starts:',
				'',
				'1. **Update this page** at least 30 days before the change',
				'2. **Right to object** within 30 days of notification',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, e.purpose])).toEqual([
			['Amazon Web Services, Inc.', 'cloud infrastructure'],
			['Functional Software, Inc. d/b/a Sentry', 'error tracking'],
			['Mailgun Technologies, Inc.', 'email delivery'],
		]);
		expect(codes(list, 'Mailgun Technologies, Inc.')).toEqual(['US']);
		expect(list.categories).toEqual([{ id: 'third-parties', name: 'Third parties' }]);
		expect(list.company).toBe('Example Cloud');
	});

	test('HTML: a heading per sub-processor over labelled lines, a label glued to its value', () => {
		const html = `<html><head><title>Subprocessors - shop.example</title></head><body><h1>Subprocessors</h1>
			<p><em>Last updated: June 1, 2021</em></p>
			<div><h3>Vercel</h3><p><strong>Nature of Processing:</strong> hosting environment<br/><strong>Territories:</strong> United States</p></div>
			<div><h3>Paddle</h3><p><strong>Nature of Processing:</strong> payment processing<br/><strong>Territories:</strong>United Kingdom</p></div>
			<h2>Contact</h2><p>Email: privacy@shop.example</p></body></html>`;
		const list = read(html, { format: 'html' });
		expect(list.subprocessors.map((e) => [e.name, e.purpose, e.locations.map((l) => l.code)])).toEqual([
			['Vercel', 'hosting environment', ['US']],
			['Paddle', 'payment processing', ['GB']],
		]);
		expect(list.updated).toBe('2021-06-01');
		expect(list.company).toBe('shop.example');
	});

	test('markdown: sections of "- **Purpose**: …" bullets; other labels kept as details; the parent heading is the category', () => {
		const list = read(
			[
				'# Subprocessor List',
				'',
				'## Infrastructure',
				'',
				'### Hosting Provider',
				'- **Purpose**: Application hosting, data storage',
				'- **Data Location**: EU, US',
				'- **Website**: https://hosting.example',
				'',
				'## Payments',
				'',
				'### Stripe',
				'**Purpose:** Payment processing **Data Location:** United States',
			].join('\n'),
		);
		expect(list.subprocessors.map((e) => [e.name, e.category, e.purpose, e.locations.map((l) => l.code)])).toEqual([
			['Hosting Provider', 'infrastructure', 'Application hosting, data storage', ['EU', 'US']],
			['Stripe', 'payments', 'Payment processing', ['US']],
		]);
		expect(entry(list, 'Hosting Provider').details).toEqual([{ label: 'Website', value: 'https://hosting.example' }]);
	});
});

describe('a table per region (Embrace’s page: “## United States”, “## European Union”)', () => {
	const intro = '# Subprocessors\n\nDepending on the region configured for your account, one or more entities below may be used.\n\n';
	const table = (rows: string[], withLocation = true) =>
		`${withLocation ? '| Company | Location | Processing Purpose |\n|---|---|---|' : '| Company | Processing Purpose |\n|---|---|'}\n${rows.join('\n')}\n`;

	test('a region heading is no category, and a vendor stated under two regions with one purpose is one entry in both', () => {
		const list = read(
			`${intro}## United States\n\n${table(['| Amazon Web Services | United States | Cloud infrastructure |', '| Google Cloud Platform | United States | Cloud infrastructure |'])}\n` +
				`## European Union\n\n${table(['| Google Cloud Platform | Germany | Cloud infrastructure |', '| Sentry | Germany | Error tracking |'])}`,
		);
		expect(list.subprocessors.map((e) => e.name)).toEqual(['Amazon Web Services', 'Google Cloud Platform', 'Sentry']);
		expect(codes(list, 'Google Cloud Platform')).toEqual(['US', 'DE']);
		expect(list.categories.map((c) => c.name)).toEqual(['Subprocessors']);
		expect(new Set(list.subprocessors.map((e) => e.category)).size).toBe(1);
	});

	test('rows without a location column are where their region heading says', () => {
		const list = read(
			`${intro}## EU region\n\n${table(['| Hetzner | Hosting |'], false)}\n## US data centers\n\n${table(['| Stripe | Payments |'], false)}`,
		);
		expect(codes(list, 'Hetzner')).toEqual(['EU']);
		expect(codes(list, 'Stripe')).toEqual(['US']);
	});

	test('headings that are no place stay categories: “AI” (not Anguilla), “Global”, “Infrastructure”', () => {
		const list = read(
			`${intro}## AI\n\n${table(['| Anthropic | LLM inference |'], false)}\n## Global sub-processors\n\n${table(['| Stripe | Payments |'], false)}\n` +
				`## Infrastructure\n\n${table(['| Hetzner | Hosting |'], false)}`,
		);
		expect(list.categories.map((c) => c.name)).toEqual(['AI', 'Global sub-processors', 'Infrastructure']);
		for (const name of ['Anthropic', 'Stripe', 'Hetzner']) expect(codes(list, name)).toEqual([]);
	});

	test('only rows of region tables that differ in nothing but their places merge; title-case region words count', () => {
		// Another legal entity per region: two entries, each where its table says.
		const entities = read(
			`${intro}## United States\n\n| Sub-processor | Legal entity | Purpose |\n|---|---|---|\n| Google | Google LLC | Cloud infrastructure |\n\n` +
				`## European Union\n\n| Sub-processor | Legal entity | Purpose |\n|---|---|---|\n| Google | Google Ireland Limited | Cloud infrastructure |\n`,
		);
		expect(entities.subprocessors.map((e) => [e.name, e.locations.map((l) => l.code), e.details?.[0]?.value])).toEqual([
			['Google', ['US'], 'Google LLC'],
			['Google', ['EU'], 'Google Ireland Limited'],
		]);
		// One table stating a vendor twice (no region heading): two entries as before, so their ids stay.
		const plain = read(
			`${intro}${table(['| Amazon Web Services | us-east-1 (United States) | Hosting |', '| Amazon Web Services | Germany | Hosting |'])}`,
		);
		expect(plain.subprocessors.map((e) => e.id)).toEqual(['amazon-web-services', 'amazon-web-services-2']);
		// "EU Region", "US Hosting": places in any case; "EU customers" is whom a table serves, not where.
		const titled = read(
			`${intro}## EU Region\n\n${table(['| Google Cloud | Hosting |'], false)}\n## US Hosting\n\n${table(['| Google Cloud | Hosting |'], false)}\n` +
				`## EU customers\n\n${table(['| Zendesk | Support |'], false)}`,
		);
		expect(codes(titled, 'Google Cloud')).toEqual(['EU', 'US']);
		expect(codes(titled, 'Zendesk')).toEqual([]);
		expect(titled.categories.map((c) => c.name)).toEqual(['Subprocessors', 'EU customers']);
	});

	test('a region heading under a category heading keeps that category (“## Analytics” / “### EU”)', () => {
		const list = read(`${intro}## Analytics\n\n### EU\n\n${table(['| Plausible | Web analytics |'], false)}`);
		expect(list.categories.map((c) => c.name)).toEqual(['Analytics']);
		expect(codes(list, 'Plausible')).toEqual(['EU']);
	});

	test('one vendor with two purposes stays two entries (OpenDataDSL lists Microsoft three times)', () => {
		const list = read(
			`${intro}${table(['| Microsoft Corp | United States | Authentication services |', '| Microsoft Corp | United States | Cloud provider |'])}`,
		);
		expect(list.subprocessors.map((e) => e.purpose)).toEqual(['Authentication services', 'Cloud provider']);
	});
});

describe('whose list, and where to object, from the text', () => {
	const table = '\n\n| Subprocessor | Purpose |\n|---|---|\n| Vercel | Hosting |\n';
	test.each([
		['This page lists the Subprocessors Zed has engaged to process Customer Data.', 'Zed'],
		['supportpages.io uses the following third-party sub-processors to provide our services.', 'supportpages.io'],
		['Acme Cloud may use the following Subprocessors:', 'Acme Cloud'],
		['---\ntitle: Example Hub Subprocessors\n---\nIf you have questions about this list, contact privacy@hub.example.', 'Example Hub'],
		['# Third Party Subprocessors\n\nWe list them below.', 'The vendor'],
		['---\ntitle: Acme Cloud – Sub-processors\n---\nAll of them.', 'Acme Cloud'],
		['The following is a list of subprocessors that Embrace may engage to provide its services.', 'Embrace'],
	])('%s → %s', (sentence, company) => {
		expect(read(`${sentence}${table}`).company).toBe(company);
	});

	test('"concerns about a sub-processor change, contact us at …" is where objections go; a general contact is not', () => {
		const list = read(
			`# Sub-processors${table}\n## Changes\n\nIf you have concerns about a sub-processor change, contact us at **dpa@vendor.example**.\n\n## Questions\n\nQuestions? Write to privacy@vendor.example.\n`,
		);
		expect(list.objections.email).toBe('dpa@vendor.example');
		expect(list.page?.objectionsFrom).toBe('page');
	});
});

describe('GitHub’s real page (github/docs), which names a privacy contact but no objection address', () => {
	const list = read(fixture('github-subprocessors.md'), {
		url: 'https://docs.github.com/en/site-policy/privacy-policies/github-subprocessors',
	});

	test('every row, in two categories; tabs in cells and two rows of one name are read as written', () => {
		expect(list.company).toBe('GitHub');
		expect(list.subprocessors).toHaveLength(30);
		expect(list.categories.map((c) => c.name)).toEqual(['Third Party Subprocessors', 'GitHub Subsidiaries']);
		expect(list.subprocessors.filter((e) => e.name === 'Microsoft (Azure)').map((e) => e.purpose)).toEqual([
			'Cloud Hosted Infrastructure, Data Hosting, AI Inference and AI Services',
			'Cognitive Services and customer support ticketing analysis',
		]);
		expect(entry(list, 'npm Inc').purpose).toBe('GitHub Subsidiary');
		expect(codes(list, 'npm Inc')).toEqual(['US']);
		expect(codes(list, 'Fireworks AI')).toEqual(['US', 'DE', 'IS']);
		expect(entry(list, 'Semmle Inc').details).toEqual([{ label: 'Corporate Location', value: 'United States' }]);
	});

	test('the address: its privacy contact (an e-mail autolink), and the list says where it came from', () => {
		expect(list.objections.email).toBe('privacy@github.com');
		expect(list.page?.objectionsFrom).toBe('page-contact');
		// An address the app was given comes first.
		const given = read(fixture('github-subprocessors.md'), { objectionEmail: 'dpo@customer.example' });
		expect([given.objections.email, given.page?.objectionsFrom]).toEqual(['dpo@customer.example', 'settings']);
	});

	test('two rows under one name: the name finds both, as one provider’s', () => {
		const result = Catalog.of(list).search('microsoft azure');
		expect(result.exact?.id).toBe('microsoft-azure');
		expect(result.related?.map((e) => e.id)).toEqual(['microsoft-azure-2']);
		expect(result.hits.slice(0, 2).map((h) => h.entry.id)).toEqual(['microsoft-azure', 'microsoft-azure-2']);
		expect(Catalog.of(list).search('Microsoft').exact?.id).toBe('microsoft');
	});

	test('no date on the page: the day it was first seen', () => {
		expect([list.updated, list.page?.updatedFrom]).toEqual(['2026-11-30', 'seen']);
	});
});

describe('a privacy contact, when the page names no address for objections', () => {
	const table = '\n\n| Subprocessor | Purpose |\n|---|---|\n| Vercel | Hosting |\n';
	test.each([
		['If you have questions about this list, please contact us at <privacy@vendor.example>.', 'privacy@vendor.example'],
		[
			'Questions about our sub-processors? Write to [our team](mailto:team@vendor.example) or team@vendor.example.',
			'team@vendor.example',
		],
		['For anything else, e-mail dpo@vendor.example.', 'dpo@vendor.example'],
		['Contact sales at sales@vendor.example for a quote.', ''],
		['Support: <help@vendor.example>', ''],
	])('%s → %s', (sentence, email) => {
		const list = read(`${sentence}${table}`);
		expect(list.objections.email).toBe(email);
		expect(list.page?.objectionsFrom).toBe(email ? 'page-contact' : 'settings');
	});

	test('an e-mail autolink stays in the text as the address', () => {
		const list = read(`# Sub-processors\n\nTo object, write to <objections@vendor.example> with the subject "Objection".${table}`);
		expect([list.objections.email, list.objections.subject, list.page?.objectionsFrom]).toEqual([
			'objections@vendor.example',
			'Objection',
			'page',
		]);
	});
});
