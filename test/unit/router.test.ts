/** `/subprocessors` routing: every subcommand's reply, previews, and untrusted text kept inert. */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { postsToRoom, previewMatches, route, splitArgs, SUBCOMMANDS, type CommandServices } from '../../src/app/router';
import { markupProblem, PARSES } from '../support/markup';
import { blockTexts, blockTypes, bundledCatalog, catalogFrom, readable, SMALL_LIST_HEADER, visible } from './helpers';

const catalog = bundledCatalog();
const FOOTER = 'From the Rocket.Chat sub-processor list of 5 January 2023.';
const CATEGORY_NAMES = catalog.categories.map((c) => c.name);
const ENTITY_NAMES = catalog.entries.map((e) => e.name);

async function reply(...words: string[]) {
	const routed = await route(words, catalog, 'en');
	expect(routed.share).toBe(false);
	return readable(routed.reply);
}

describe('list', () => {
	test('`/subprocessors` and `list` show the whole list grouped by category', async () => {
		const bare = await reply();
		const list = await reply('list');
		expect(list).toEqual(bare);
		expect(list.text.split('\n')[0]).toBe('Rocket.Chat *sub-processors* — 15 in 5 categories');
		// Category headings in order, each followed by its entries.
		const lines = list.text.split('\n');
		let previous = -1;
		for (const group of catalog.byCategory()) {
			const heading = lines.indexOf(group.category.name);
			expect(heading).toBeGreaterThan(previous);
			group.entries.forEach((entry, i) =>
				expect(lines[heading + 1 + i]).toMatch(new RegExp(`^• ${entry.name.replace(/[.]/g, '\\.')} — `)),
			);
			previous = heading;
		}
		expect(CATEGORY_NAMES).toHaveLength(5);
		for (const name of ENTITY_NAMES) expect(list.text).toContain(`• ${name} — `);
		expect(lines[lines.length - 1]).toBe(FOOTER);
		expect(blockTypes(list)[0]).toBe('section');
		expect(blockTypes(list)[blockTypes(list).length - 1]).toBe('context');
	});

	test('each line says the purpose (or that none is stated) and the location (or that none is stated)', async () => {
		const text = (await reply('list')).text;
		expect(text).toContain('• Stripe — Billing platform · _location not stated_');
		expect(text).toContain('• Rocketchat Tecnologia LTDA — _no purpose stated_ · Brazil');
		expect(text).toContain('· Belgium and Netherlands');
	});

	test('a long purpose is cut in the list, in full on the card', async () => {
		const list = (await reply('list')).text;
		const purpose = catalog.findByName('Fabulor.eu')!.purpose!;
		expect(list).not.toContain(purpose);
		expect(list).toMatch(/• Fabulor\.eu — Fabulor is a Rocket\.Chat Official Partner\. [^\n]*… · Belgium and Netherlands/);
		expect(visible((await reply('show', 'Fabulor')).text)).toContain(purpose);
	});

	test('a page out of range says how many pages there are', async () => {
		const r = await reply('list', '9');
		expect(r.text).toBe('There is no page 9: the list has 1.');
		expect(blockTypes(r)).toEqual(['section']);
		expect((await reply('list', '-1')).text).toBe('There is no page -1: the list has 1.');
	});

	test('a page argument that is no page number says there is no such page', async () => {
		expect((await reply('list', 'abc')).text).toBe('There is no page abc: the list has 1.');
		expect((await reply('list', '0')).text).toBe('There is no page 0: the list has 1.');
	});

	test('an empty list says so', async () => {
		const empty = catalogFrom(`${SMALL_LIST_HEADER}subprocessors: []\n`);
		const r = (await route(['list'], empty, 'en')).reply;
		expect(r.text).toBe('The list has no sub-processors.\nFrom the Example GmbH sub-processor list of 1 March 2024.');
	});
});

describe('show', () => {
	test('`show Stripe`: a card with the purpose, "location not stated" and how to object', async () => {
		const r = await reply('show', 'Stripe');
		expect(blockTypes(r)).toEqual(['section', 'context']);
		const text = visible(r.text);
		expect(text.split('\n')[0]).toBe('Stripe');
		expect(text).toContain('*Purpose:* Billing platform');
		expect(text).toContain('*Category*\nService Specific Sub-processors');
		expect(text).toContain('*Data processed in*\n_location not stated_');
		expect(text).toContain('e-mail privacy@rocket.chat with the subject “Subprocessor Objection”');
		expect(text).toContain(
			'Include: your name, company name, name of the Rocket.Chat service, name of the subprocessor, and objectively justifiable grounds for objection.',
		);
		expect(text).toContain(FOOTER);
	});

	// An e-mail address is no mention: it is shown without zero-width joiners, so it can be copied.
	test('the objection e-mail address is copyable as it is', async () => {
		const r = await reply('show', 'Stripe');
		expect(r.text).toContain('privacy@rocket.chat');
	});

	test('a card shows what the list says beyond the basics: aliases, row partners, data, location note', async () => {
		const apns = visible((await reply('show', 'APNs')).text);
		expect(apns).toContain('*Also known as*\nAPNs');
		expect(apns).toContain('*Listed in one row with*\nFirebase');
		const fabulor = visible((await reply('show', 'Fabulor.eu')).text);
		expect(fabulor).toContain('*Personal data shared*\nEmail, Contact Name, Country, and Phone');
		expect(fabulor).toContain('*Data processed in*\nBelgium and Netherlands');
		const ovh = await reply('show', 'ovh');
		expect(blockTypes(ovh)).toEqual(['section', 'section', 'context']);
		expect(visible(ovh.text)).toContain('*About the location:* Please reach out to support');
	});

	test('subcommands are case-insensitive: `SHOW apns`', async () => {
		expect(visible((await reply('SHOW', 'apns')).text).split('\n')[0]).toBe('Apple Push Notification Service');
	});

	test('a name alone (no `show`) gives the same card', async () => {
		expect(await reply('Stripe')).toEqual(await reply('show', 'Stripe'));
		expect(await reply('Rocket.Chat', 'Technologies', 'Corp.')).toEqual(await reply('show', 'Rocket.Chat Technologies Corp.'));
	});

	test('`show` with no name asks which one', async () => {
		const r = await reply('show');
		// The example is a vendor of the list in use.
		expect(r.text).toBe(`Which sub-processor? For example: \`/subprocessors show ${catalog.entries[0].name}\``);
		expect(blockTypes(r)).toEqual(['section']);
	});

	test('`show` with several matches lists them', async () => {
		const r = await reply('show', 'email', 'marketing');
		expect(r.text.split('\n')[0]).toBe('*4 sub-processors match* “email marketing”');
	});
});

describe('search', () => {
	test('words matching several entries: a list of them with a hint to see one', async () => {
		const r = await reply('email', 'marketing');
		expect(blockTypes(r)).toEqual(['section', 'section', 'context']);
		for (const name of ['ZOHO', 'Yesware', 'PRVolt', 'Mailchimp']) expect(r.text).toContain(`• ${name}`);
		expect(r.text).not.toContain('Stripe');
		expect(r.text).toContain('See one in full: `/subprocessors show NAME`');
	});

	test('a typo that names one entry shows its card: `mailchmp`', async () => {
		expect(visible((await reply('mailchmp')).text).split('\n')[0]).toBe('Mailchimp');
	});

	test('an unknown word with no match: "No sub-processor matches" and the closest names', async () => {
		const r = await reply('stryp');
		expect(blockTypes(r)).toEqual(['section', 'context']);
		const lines = r.text.split('\n');
		expect(lines[0]).toBe('No sub-processor matches “stryp”.');
		expect(lines[1]).toMatch(/^Did you mean Stripe/);
		expect(r.text).toContain('See everything with `/subprocessors list`');
	});

	test('nonsense: "No sub-processor matches", no card', async () => {
		const r = await reply('xyzzyq');
		expect(r.text.split('\n')[0]).toBe('No sub-processor matches “xyzzyq”.');
		expect(r.text).not.toContain('Purpose:');
	});
});

describe('in / outside', () => {
	test('`in Brazil`: Rocketchat Tecnologia LTDA, and the entries whose location is not stated apart', async () => {
		const r = await reply('in', 'Brazil');
		expect(blockTypes(r)).toEqual(['section', 'section', 'context']);
		const [title, ...rest] = r.text.split('\n');
		expect(title).toBe('*1 sub-processor processes data in* Brazil');
		expect(rest[0]).toBe('• Rocketchat Tecnologia LTDA — _no purpose stated_ · Brazil');
		// The entries stating no location: one short line with their count, not their names (issue 18).
		expect(rest[1]).toBe('7 sub-processors don’t state where they process data: `/subprocessors location not stated`');
		expect(r.text).not.toContain('Stripe');
		expect(r.text).not.toContain('Rocket.Chat Technologies Corp.');
	});

	test('`outside EU`: the United States and Brazil entries, not Fabulor', async () => {
		const r = await reply('outside', 'EU');
		expect(r.text.split('\n')[0]).toBe('*7 sub-processors process data outside* EU');
		for (const name of [
			'Amazon Web Services',
			'OVH',
			'AWS',
			'MongoDB Cloud',
			'Clearbit',
			'Rocket.Chat Technologies Corp.',
			'Rocketchat Tecnologia LTDA',
		]) {
			expect(r.text).toContain(`• ${name} — `);
		}
		expect(r.text).not.toContain('Fabulor');
	});

	test('`in EU`: Fabulor only', async () => {
		const r = await reply('in', 'EU');
		expect(r.text.split('\n').slice(0, 2)).toEqual([
			'*1 sub-processor processes data in* EU',
			expect.stringMatching(/^• Fabulor\.eu — /),
		]);
	});

	test('a place of several words: `in United States`', async () => {
		expect((await reply('in', 'United', 'States')).text.split('\n')[0]).toBe('*6 sub-processors process data in* United States');
	});

	test('a place nobody states: says so', async () => {
		expect((await reply('in', 'Japan')).text.split('\n')[0]).toBe('No sub-processor on the list states Japan as a location.');
	});

	test('`in Atlantis`: a clear unknown-place message', async () => {
		const r = await reply('in', 'Atlantis');
		expect(r.text.split('\n')[0]).toBe(
			'I don’t know the place “Atlantis”. Use a country name, an ISO code (US, BR, DE) or a region (EU, EEA, Europe, APAC, Worldwide).',
		);
		expect(blockTypes(r)).toEqual(['section', 'context']);
	});

	test('`in` with no place asks which one', async () => {
		expect((await reply('in')).text).toMatch(/^Which country or region\?/);
		expect((await reply('outside')).text).toMatch(/^Which country or region\?/);
	});
});

describe('categories', () => {
	test('every category with its count; the counts add up to 15', async () => {
		const r = await reply('categories');
		const lines = r.text.split('\n');
		expect(lines[0]).toBe('Rocket.Chat *sub-processor categories*');
		const counted = lines.slice(1).flatMap((line) => {
			const match = /^• (.+) — (\d+) sub-processors?$/.exec(line);
			return match ? [{ name: match[1], count: Number(match[2]) }] : [];
		});
		expect(counted.map((c) => c.name)).toEqual(CATEGORY_NAMES);
		expect(counted.map((c) => c.count)).toEqual([4, 4, 4, 2, 1]);
		expect(counted.reduce((sum, c) => sum + c.count, 0)).toBe(15);
		expect(r.text).toContain('— 1 sub-processor\n');
		expect(lines[lines.length - 1]).toBe(FOOTER);
	});
});

describe('help', () => {
	test('mentions every subcommand, share included, and how to object', async () => {
		const r = await reply('help');
		expect(blockTypes(r)).toEqual(['section', 'context']);
		expect(r.text.split('\n')[0]).toBe('*/subprocessors* — ask about Rocket.Chat’s sub-processors');
		for (const name of [...Object.keys(SUBCOMMANDS), 'share']) {
			expect(r.text).toContain(`\`/subprocessors ${name}`);
		}
		expect(r.text).toContain('`/subprocessors WORDS`');
		expect(visible(r.text)).toContain('privacy@rocket.chat');
	});

	test.each(['lsit', 'catgories', 'hlep', 'outsde'])('a mistyped subcommand %p gets the help', async (word) => {
		const r = await reply(word);
		const lines = r.text.split('\n');
		expect(lines[0]).toBe(`I don’t know the subcommand “${word}”.`);
		expect(lines[1]).toBe('*/subprocessors* — ask about Rocket.Chat’s sub-processors');
		expect(blockTypes(r)).toEqual(['section', 'section', 'context']);
	});

	test('a word close to a subcommand that matches an entry is a search, not a typo: `shar`', async () => {
		// "shar" is a prefix of "share" in Fabulor's purpose.
		const r = await reply('shar');
		expect(r.text).not.toContain('I don’t know the subcommand');
		expect(visible(r.text).split('\n')[0]).toBe('Fabulor.eu');
	});
});

describe('share', () => {
	test('`share in US` posts the `in US` answer to the room', async () => {
		const shared = await route(['share', 'in', 'US'], catalog, 'en');
		expect(shared.share).toBe(true);
		expect(readable(shared.reply)).toEqual(await reply('in', 'US'));
		expect(shared.reply.text.split('\n')[0]).toBe('*6 sub-processors process data in* United States');
	});

	test('`share` alone shares the list; `SHARE` works too', async () => {
		const shared = await route(['SHARE'], catalog, 'en');
		expect(shared.share).toBe(true);
		expect(readable(shared.reply)).toEqual(await reply('list'));
	});

	test('without `share` nothing is shared', async () => {
		for (const words of [[], ['list'], ['show', 'Stripe'], ['help'], ['in', 'US'], ['xyzzyq']]) {
			expect((await route(words, catalog, 'en')).share).toBe(false);
		}
	});
});

describe('the subcommand table', () => {
	const NAMES = Object.keys(SUBCOMMANDS);
	const I18N = path.join(__dirname, '../../i18n');

	test.each(readdirSync(I18N).filter((file) => file.endsWith('.json')))(
		'the slash command params example in i18n/%s lists every subcommand, in table order',
		(file) => {
			const params: string = JSON.parse(readFileSync(path.join(I18N, file), 'utf8')).subprocessors_params;
			expect(params).toMatch(/^\[.*\]$/);
			const alternatives = params.slice(1, -1).split(' | ');
			// Subcommands are lowercase; the rest are the language's placeholders (WORDS, NAME, …) and `share …`.
			const named = alternatives.map((alternative) => alternative.split(' ')[0]).filter((word) => /^[a-z-]+$/.test(word));
			expect(named.filter((word) => word !== 'share')).toEqual(NAMES);
			expect(named).toContain('share');
		},
	);

	test('private subcommands never post to the room, even with `share`; shared ones do', () => {
		for (const [name, declared] of Object.entries(SUBCOMMANDS)) {
			expect(postsToRoom(['share', name])).toBe(declared.answer === 'shared');
		}
		expect(NAMES.filter((name) => !postsToRoom(['share', name]))).toEqual([
			'subscribe',
			'unsubscribe',
			'object',
			'my-objections',
			'export',
			'objections',
			'sync',
			'status',
			'lists',
			'erase-objections',
		]);
	});

	function engine(isAdmin: boolean) {
		const reply = (text: string) => jest.fn(async () => ({ text, blocks: [] }));
		const served = Object.entries(SUBCOMMANDS).filter(([, declared]) => declared.run === 'engine');
		return {
			isAdmin,
			feedsUrl: async () => undefined,
			...Object.fromEntries(served.map(([name]) => [name, reply(name)])),
		} as unknown as CommandServices & Record<string, jest.Mock>;
	}

	test('engine-served subcommands reach the engine member of the same name, with their words and `share`', async () => {
		const services = engine(true);
		const routed = await route(['share', 'export', 'json'], catalog, 'en', services);
		expect(services.export).toHaveBeenCalledWith({ args: ['json'], share: true });
		expect(routed).toEqual({ share: false, reply: { text: 'export', blocks: [] } });
		expect((await route(['MY-OBJECTIONS'], catalog, 'en', services)).reply.text).toBe('my-objections');
	});

	test('admin subcommands tell others they are for admins, without reaching the engine', async () => {
		const services = engine(false);
		for (const [name, declared] of Object.entries(SUBCOMMANDS).filter(([, d]) => d.who === 'admin')) {
			const r = await route([name], catalog, 'en', services);
			expect(r.reply.text).toBe(`Only workspace admins can use \`/subprocessors ${name}\`.`);
			expect(services[name]).not.toHaveBeenCalled();
			expect(declared.answer).toBe('private');
		}
		expect(
			Object.entries(SUBCOMMANDS)
				.filter(([, d]) => d.who === 'admin')
				.map(([name]) => name),
		).toEqual(['sync', 'status', 'lists', 'erase-objections']);
		await route(['sync'], catalog, 'en', engine(true)).then((r) => expect(r.reply.text).toBe('sync'));
	});
});

describe('previewMatches', () => {
	test('`str` → Stripe among the items', () => {
		const items = previewMatches(['str'], catalog);
		expect(items).toContainEqual({ id: 'stripe', label: 'Stripe' });
	});

	test('`show str` and `share str` preview too', () => {
		expect(previewMatches(['show', 'str'], catalog)).toContainEqual({ id: 'stripe', label: 'Stripe' });
		expect(previewMatches(['share', 'str'], catalog)).toContainEqual({ id: 'stripe', label: 'Stripe' });
	});

	test('a subcommand alone, or nothing, previews nothing', () => {
		expect(previewMatches(['list'], catalog)).toEqual([]);
		expect(previewMatches(['help'], catalog)).toEqual([]);
		expect(previewMatches(['categories'], catalog)).toEqual([]);
		expect(previewMatches([], catalog)).toEqual([]);
		expect(previewMatches(['share'], catalog)).toEqual([]);
		expect(previewMatches(['show'], catalog)).toEqual([]);
	});

	test('words matching several entries preview all of them, within the limit', () => {
		const items = previewMatches(['email', 'marketing'], catalog);
		expect(items.map((i) => i.label).sort()).toEqual(['Mailchimp', 'PRVolt', 'Yesware', 'ZOHO']);
		expect(previewMatches(['email', 'marketing'], catalog, 2)).toHaveLength(2);
	});
});

describe('splitArgs', () => {
	test('splits on any whitespace and drops empty words', () => {
		expect(splitArgs('  show\tStripe \n ')).toEqual(['show', 'Stripe']);
		expect(splitArgs(['in', ' United  States '])).toEqual(['in', 'United', 'States']);
		expect(splitArgs('')).toEqual([]);
	});

	test('caps absurd lengths', () => {
		const words = splitArgs(`${'a'.repeat(5000)} b`);
		expect(words).toHaveLength(1);
		expect(words[0]).toHaveLength(200);
	});
});

describe('injection: list text and queries are inert in replies', () => {
	const hostile = catalogFrom(`${SMALL_LIST_HEADER}subprocessors:
  - name: "@all Evil Corp"
    category: service
    purpose: "Ping @here and see [x](http://evil) in *bold* for #general"
    data: ["@all", "[x](http://evil)"]
  - name: Plain Vendor
    category: service
    purpose: "*bold* claims, ask @here about [x](http://evil)"
`);

	/** No markdown a reader's client would render from the untrusted parts, read with Rocket.Chat's own parser. */
	function expectInert(text: string): void {
		for (const [where, options] of PARSES)
			expect({ where, problem: markupProblem(text, options, ['BOLD', 'ITALIC', 'INLINE_CODE'], 'bold') }).toEqual({
				where,
				problem: undefined,
			});
	}

	test('in a card', async () => {
		const r = (await route(['show', '@all', 'Evil', 'Corp'], hostile, 'en')).reply;
		expect(visible(r.text)).toContain('@all Evil Corp');
		expect(r.text).toContain('@\u2060all Evil Corp');
		expect(r.text).toContain('\\*bold\\*');
		expectInert(r.text);
		for (const text of blockTexts(r)) expectInert(text);
	});

	test('in the list', async () => {
		const r = (await route(['list'], hostile, 'en')).reply;
		expect(r.text).toContain('@\u2060all Evil Corp');
		expectInert(r.text);
		for (const text of blockTexts(r)) expectInert(text);
	});

	test('in search results', async () => {
		const r = (await route(['bold'], hostile, 'en')).reply;
		expect(r.text.split('\n')[0]).toBe('*2 sub-processors match* “bold”');
		expectInert(r.text);
		for (const text of blockTexts(r)) expectInert(text);
	});

	test('a query echoed back: no match', async () => {
		const r = (await route(['@all', '[x](http://evil)', '*bold*', '#general', '@here'], catalog, 'en')).reply;
		expect(r.text.split('\n')[0]).toMatch(/^No sub-processor matches “/);
		expect(r.text).toContain('@\u2060all');
		expectInert(r.text);
		for (const text of blockTexts(r)) expectInert(text);
	});

	test('a query echoed back: search title', async () => {
		const r = (await route(['*bold*', '@here', '[x](http://evil)'], hostile, 'en')).reply;
		expect(r.text.split('\n')[0]).toMatch(/^\*2 sub-processors match\* “.*”$/);
		expect(r.text.split('\n')[0]).toContain('@\u2060here');
		expectInert(r.text);
		for (const text of blockTexts(r)) expectInert(text);
	});

	test('a place echoed back', async () => {
		const r = (await route(['in', '@here', '[x](http://evil)'], catalog, 'en')).reply;
		expect(r.text).toMatch(/^I don’t know the place “@\u2060here/);
		expectInert(r.text);
	});

	test('a mistyped subcommand echoed back', async () => {
		const r = (await route(['*lsit*'], catalog, 'en')).reply;
		expectInert(r.text.replace(/\\\*lsit\\\*/, ''));
		expect(r.text).not.toMatch(/(^|[^\\])\*lsit/);
	});

	test('invisible and control characters are dropped', async () => {
		const r = (await route(['in', 'Atl\u202eantis\u0007'], catalog, 'en')).reply;
		expect(r.text).toContain('“Atlantis”');
	});
});
