/**
 * Asking across lists (issue 17 point 2, docs/lists.md §2): a list name narrows, without one questions span all lists
 * grouped by list, answers keep to the reply limits, and a workspace with one list answers exactly as before.
 */
import { postsToRoom, previewEntry, previewMatches, route, splitArgs, SUBCOMMANDS, type CommandServices } from '../../src/app/router';
import { Catalog } from '../../src/features/list/catalog';
import { loadList } from '../../src/features/list/schema';
import { MAX_REPLY_BLOCKS } from '../../src/features/list/answers';
import { GROUPS_APART, OVERVIEW_TEXT } from '../../src/features/lists/answers';
import { MAIN_LIST_ID, newListId, type ListCatalog } from '../../src/features/lists/model';
import type { Reply } from '../../src/kernel/blocks';
import { findPlace } from '../../src/kernel/places';
import { bundledCatalog, readable } from './helpers';

type Row = { name: string; locations?: string[]; purpose?: string; aliases?: string[] };

/** A valid list of `rows` (YAML, as a source serves it), loaded as the app loads one. */
function catalogOf(company: string, updated: string, rows: Row[]): Catalog {
	const entries = rows.map((row) =>
		[
			`  - name: ${JSON.stringify(row.name)}`,
			'    category: service',
			row.purpose ? `    purpose: ${JSON.stringify(row.purpose)}` : '',
			row.locations ? `    locations: [${row.locations.map((l) => JSON.stringify(l)).join(', ')}]` : '',
			row.aliases ? `    aliases: [${row.aliases.map((a) => JSON.stringify(a)).join(', ')}]` : '',
		]
			.filter(Boolean)
			.join('\n'),
	);
	const yaml = `company: ${JSON.stringify(company)}
updated: ${updated}
objections:
  email: privacy@${company.toLowerCase().replace(/[^a-z]/g, '')}.example
  subject: Objection
categories:
  - id: service
    name: Services
subprocessors:
${entries.join('\n')}
`;
	return Catalog.of(loadList(yaml, `${company}.yaml`));
}

let added = 0;
/** A list added after the first (a new random id; added in the order of the calls). */
function listOf(name: string, catalog: Catalog): ListCatalog<Catalog> {
	added++;
	return { list: { id: newListId(), name, createdAt: new Date(Date.UTC(2026, 0, added)).toISOString() }, catalog };
}

const rocketchat: ListCatalog<Catalog> = {
	list: { id: MAIN_LIST_ID, name: 'rocketchat', createdAt: '1970-01-01T00:00:00.000Z' },
	catalog: bundledCatalog(),
};
const github = listOf(
	'github',
	catalogOf('GitHub, Inc.', '2025-06-01', [
		{ name: 'Stripe', locations: ['United States'], purpose: 'Payment processing' },
		{ name: 'Anthropic', locations: ['United States'], purpose: 'AI assistance for support agents' },
		{ name: 'Zendesk', locations: ['United States', 'Ireland'], purpose: 'Customer support ticketing' },
		{ name: 'Mystery Hosting', purpose: 'Backup storage' },
		{ name: 'SAP', locations: ['Germany'], purpose: 'Accounting' },
	]),
);
const acme = listOf(
	'acme',
	catalogOf('Acme GmbH', '2024-03-01', [
		{ name: 'GitHub, Inc.', locations: ['United States'], purpose: 'Source code hosting' },
		{ name: 'Hetzner', locations: ['Germany'], purpose: 'Cloud hosting' },
		{ name: 'Yesware', locations: ['Germany'], purpose: 'Sales e-mail tracking' },
	]),
);
const nordic = listOf('nordic', catalogOf('Nordic AB', '2024-09-01', [{ name: 'Telia', locations: ['Sweden'], purpose: 'Telecom' }]));
const LISTS = [rocketchat, github, acme];

/** `count` entries in the US with a long purpose: answers about them must be cut. */
const rowsOf = (prefix: string, count: number): Row[] =>
	Array.from({ length: count }, (_, i) => ({
		name: `${prefix} Vendor ${i}`,
		locations: ['United States'],
		purpose: 'Cloud hosting of service data and analytics of product usage for the whole company',
	}));

async function ask(question: string, lists = LISTS, services?: CommandServices, maxText?: number): Promise<Reply> {
	return readable((await route(splitArgs(question), lists, 'en', services, maxText)).reply);
}
const lines = (reply: Reply) => reply.text.split('\n');

describe('one list: every answer as before', () => {
	const only = [rocketchat];
	test.each([
		'',
		'list',
		'list 2',
		'rocketchat',
		'stripe',
		'in US',
		'outside EU',
		'location not stated',
		'categories',
		'show Stripe',
		'who handles payments?',
		'mongodb atlas',
		'xyzzy',
		'lsit',
		'help',
		'in Atlantis',
		'show',
		'in rocketchat US',
	])('`%s`', async (question) => {
		const words = splitArgs(question);
		expect(await route(words, only, 'en')).toEqual(await route(words, rocketchat.catalog, 'en'));
		expect(await route(words, only, 'de', undefined, 1200)).toEqual(await route(words, rocketchat.catalog, 'de', undefined, 1200));
	});

	test('previews keep their ids', () => {
		expect(previewMatches(['str'], only)).toEqual(previewMatches(['str'], rocketchat.catalog));
		expect(previewEntry(only, 'stripe')?.entry.name).toBe('Stripe');
	});
});

describe('a list name narrows', () => {
	test('`github`: that list, said first, and the entry of another list of that name', async () => {
		const r = await ask('github');
		expect(lines(r)[0]).toBe('In *github*:');
		expect(lines(r)[1]).toBe('Also an entry of *acme*: GitHub, Inc. — `/subprocessors show acme github`');
		expect(lines(r)[2]).toBe('GitHub, Inc. *sub-processors* — 5 in 1 categories');
		expect(r.text).toContain('• Anthropic — ');
		expect(r.text).not.toContain('Amazon Web Services');
		expect(r.blocks[0].type).toBe('context');
	});

	test('a list name is compared case-insensitively, after `share`', async () => {
		const routed = await route(['share', 'GitHub', 'in', 'US'], LISTS, 'en');
		expect(routed.share).toBe(true);
		expect(lines(readable(routed.reply))[0]).toBe('In *github*:');
	});

	test('`github in US` and `in github US`: who in that list', async () => {
		const r = await ask('github in US');
		expect(lines(r)[0]).toBe('In *github*:');
		expect(lines(r)[1]).toBe('*3 sub-processors process data in* United States');
		for (const name of ['Stripe', 'Anthropic', 'Zendesk']) expect(r.text).toContain(`• ${name} — `);
		expect(r.text).not.toContain('Amazon Web Services');
		expect(await ask('in github US')).toEqual(r);
		expect(await ask('github who processes data in the US?')).toEqual({ ...r, text: r.text, blocks: r.blocks });
	});

	test('`show github anthropic` and `github anthropic`: the card, said to be from that list', async () => {
		const r = await ask('show github anthropic');
		expect(lines(r).slice(0, 3)).toEqual(['In *github*:', 'Anthropic', '*Purpose:* AI assistance for support agents']);
		expect(r.text).toContain('From the GitHub, Inc. sub-processor list of 1 June 2025.');
		expect(await ask('github anthropic')).toEqual(r);
	});

	test('a card’s Object button names its list when it is not the first', async () => {
		const button = (reply: Reply) =>
			reply.blocks.flatMap((block) =>
				block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory.value] : [],
			);
		expect(button(await ask('show github anthropic'))).toEqual([`${github.list.id}:anthropic`]);
		expect(button(await ask('anthropic'))).toEqual([`${github.list.id}:anthropic`]);
		expect(button(await ask('stripe'))).toEqual(['stripe', `${github.list.id}:stripe`]);
		expect(button(await ask('rocketchat fabulor'))).toEqual(['fabulor']);
	});

	test('`github stripe`: that list’s Stripe, not Rocket.Chat’s', async () => {
		const r = await ask('github stripe');
		expect(lines(r)[2]).toBe('*Purpose:* Payment processing');
		expect(r.text).toContain('GitHub, Inc. sub-processor list');
	});

	test('the commands a narrowed answer suggests ask that list', async () => {
		const r = await ask('github support');
		expect(lines(r)[0]).toBe('In *github*:');
		expect(r.text).toContain('See one in full: `/subprocessors github show NAME`');
		expect(r.text).not.toContain('`/subprocessors show');
		const long = [rocketchat, listOf('github', catalogOf('GitHub, Inc.', '2025-06-01', rowsOf('g', 200)))];
		expect((await ask('github', long)).text).toContain('`/subprocessors github list 2`');
		expect(lines(await ask('github list 2', long))[1]).toBe('GitHub, Inc. *sub-processors* — 200 in 1 categories');
	});

	test('`list github 2`, `categories github`, `show github`', async () => {
		expect(lines(await ask('list github 2'))).toEqual(['In *github*:', 'There is no page 2: the list has 1.']);
		const categories = await ask('categories github');
		expect(lines(categories).slice(0, 3)).toEqual([
			'In *github*:',
			'GitHub, Inc. *sub-processor categories*',
			'• Services — 5 sub-processors',
		]);
		const show = await ask('show github');
		expect(lines(show)[0]).toBe('In *github*:');
		expect(lines(show)[1]).toBe('Also an entry of *acme*: GitHub, Inc. — `/subprocessors show acme github`');
	});

	test('`show acme github`: the entry of that list', async () => {
		const r = await ask('show acme github');
		expect(lines(r).slice(0, 3)).toEqual(['In *acme*:', 'GitHub, Inc.', '*Purpose:* Source code hosting']);
	});

	test('a subcommand stays one even when a list is named so (a first list named after its company)', async () => {
		const odd = [{ ...rocketchat, list: { ...rocketchat.list, name: 'categories' } }, github];
		expect(lines(await ask('categories', odd))[0]).toBe('*Sub-processor categories of each list*');
	});

	test('a narrowed answer keeps to the message size', async () => {
		for (const max of [400, 800, 1500]) {
			const r = (await route(['github'], LISTS, 'en', undefined, max)).reply;
			expect(r.text.length).toBeLessThanOrEqual(max);
			expect(readable(r).text.split('\n')[0]).toBe('In *github*:');
		}
	});
});

describe('without a list name, questions span all lists', () => {
	test('`/subprocessors` and `list`: the lists, and how to ask one', async () => {
		const r = await ask('');
		expect(lines(r)).toEqual([
			'*Sub-processor lists watched here* (3)',
			'• *rocketchat* — Rocket.Chat · 15 sub-processors · version of 5 January 2023',
			'• *github* — GitHub, Inc. · 5 sub-processors · version of 1 June 2025',
			'• *acme* — Acme GmbH · 3 sub-processors · version of 1 March 2024',
			'Ask one list by naming it first: `/subprocessors github`, `/subprocessors github in United States`. Without a name, questions span all lists: `/subprocessors in United States`.',
		]);
		expect(await ask('list')).toEqual(r);
		expect(await ask('list 2')).toEqual(r);
		expect(await ask('show me the list')).toEqual(r);
	});

	test('`in US`: per list in list order, each headed by name and company; lists without any named once', async () => {
		const r = await ask('in US', [rocketchat, github, nordic, acme]);
		const text = lines(r);
		expect(text[0]).toBe('*10 sub-processors process data in* United States');
		const headings = text.filter((line) => / — [^·]+$/.test(line) && line.startsWith('*'));
		expect(headings).toEqual(['*rocketchat* — Rocket.Chat', '*github* — GitHub, Inc.', '*acme* — Acme GmbH']);
		expect(text.indexOf('*github* — GitHub, Inc.')).toBeLessThan(
			text.indexOf('• Anthropic — AI assistance for support agents · United States'),
		);
		expect(text).toContain('Nothing in *nordic*.');
		expect(r.text).toContain('• Amazon Web Services — ');
		expect(r.text).toContain('• GitHub, Inc. — Source code hosting · United States');
		expect(r.text).toMatch(/sub-processors don’t state where they process data/);
	});

	test('`outside EU` and `location not stated`, grouped', async () => {
		const outside = await ask('outside EU');
		expect(lines(outside)[0]).toMatch(/^\*\d+ sub-processors process data outside\* EU/);
		expect(outside.text).toContain('*github* — GitHub, Inc.');
		expect(outside.text).not.toContain('• SAP — ');
		const notStated = await ask('location not stated');
		expect(notStated.text).toContain('*github* — GitHub, Inc.\n• Mystery Hosting — Backup storage · _location not stated_');
		expect(notStated.text).toContain('Nothing in *acme*.');
		expect(lines(await ask('in Sweden'))[0]).toBe('No sub-processor on any list states Sweden as a location.');
	});

	test('a search found in one list: its answer, headed by the list', async () => {
		const r = await ask('anthropic');
		expect(lines(r).slice(0, 3)).toEqual(['*github* — GitHub, Inc.', 'Anthropic', '*Purpose:* AI assistance for support agents']);
	});

	test('a name on two lists: both cards, each headed by its list', async () => {
		const r = await ask('stripe');
		const text = lines(r);
		expect(text[0]).toBe('*rocketchat* — Rocket.Chat');
		expect(text[1]).toBe('Stripe');
		expect(text).toContain('*github* — GitHub, Inc.');
		expect(text[text.indexOf('*github* — GitHub, Inc.') + 2]).toBe('*Purpose:* Payment processing');
	});

	test('cards that would not fit in a short message: their lines instead', async () => {
		const raw = (await route(['stripe'], LISTS, 'en', undefined, 700)).reply;
		expect(raw.text.length).toBeLessThanOrEqual(700);
		const r = readable(raw);
		expect(lines(r)[0]).toBe('*2 sub-processors match* “stripe”');
		expect(r.text).toContain('*rocketchat* — Rocket.Chat\n• Stripe — Billing platform');
		expect(r.text).toContain('*github* — GitHub, Inc.\n• Stripe — Payment processing');
	});

	test('several hits in several lists: grouped, with how to see one', async () => {
		const r = await ask('support');
		expect(lines(r)[0]).toMatch(/^\*\d+ sub-processors match\* “support”$/);
		expect(r.text).toContain('*github* — GitHub, Inc.\n• ');
		expect(r.text).toContain('See one in full: `/subprocessors show LIST NAME`');
	});

	test('`categories`: each list’s categories', async () => {
		const r = await ask('categories');
		expect(lines(r)[0]).toBe('*Sub-processor categories of each list*');
		expect(r.text).toContain('*acme* — Acme GmbH\n• Services — 3 sub-processors');
	});

	test('nothing anywhere: one answer, suggestions from every list', async () => {
		// Yesware is on two lists: suggested once.
		const r = await ask('is Yeswear used?');
		expect(lines(r)[0]).toBe('No sub-processor matches “is Yeswear used?”.');
		expect(lines(r)[1]).toBe('Did you mean Yesware?');
		expect(lines(r)).toContain('See the lists with `/subprocessors`, or `/subprocessors help` for what else I can answer.');
		expect(r.text).not.toContain('From the');
	});

	test('a mistyped subcommand gets the help, which names the lists', async () => {
		const r = await ask('lsit');
		expect(r.text).toContain('Lists watched here: *rocketchat*, *github*, and *acme*.');
	});

	test('a code a list writes as a word (“AI”) is asked about, unless a list states that country; “US” and “EU” stay places', async () => {
		const ai = await ask('which vendors use AI');
		expect(ai.text).toContain('Anthropic');
		expect(ai.text).not.toContain('Anguilla');
		expect((await ask('US')).text).toMatch(/process data in\* United States/);
		expect((await ask('EU')).text).toMatch(/process data in\* EU/);
		// With no list writing it, the code is the place, as before.
		expect((await ask('which vendors use AI', [rocketchat])).text).toContain('Anguilla');
	});

	test('the help of one list names it in the commands that ask that list, not in the ones about the workspace', async () => {
		const r = await ask('github help');
		expect(r.text).toContain('`/subprocessors github show NAME`');
		expect(r.text).toContain('`/subprocessors github changes [N | since DATE]`');
		expect(r.text).toContain('`/subprocessors github sync`');
		for (const command of [
			'lists',
			'status',
			'my-objections',
			'objections [open | all | OBJ-…]',
			'erase-objections EMAIL',
			'objections audit',
		]) {
			expect(r.text).toContain(`\`/subprocessors ${command}\``);
		}
		expect(r.text).not.toMatch(/\/subprocessors github (?:lists|status|my-objections|objections|erase-objections)\b/);
	});
});

describe('reply limits', () => {
	const rows = rowsOf;
	const big = ['big-one', 'big-two', 'big-three'].map((name) => listOf(name, catalogOf(`${name} Corp`, '2025-01-01', rows(name, 300))));

	test.each([undefined, 4000, 1500, 600])(
		'`in US` over three lists of 300 (maxText %s): cut per list, with how to see the rest',
		async (max) => {
			const raw = (await route(['in', 'US'], big, 'en', undefined, max)).reply;
			expect(raw.text.length).toBeLessThanOrEqual(max ?? 4000);
			expect(raw.blocks.length).toBeLessThanOrEqual(MAX_REPLY_BLOCKS);
			const r = readable(raw);
			expect(lines(r)[0]).toBe('*900 sub-processors process data in* United States');
			for (const { list } of big) {
				expect(r.text).toMatch(new RegExp(`…and \\d+ more: \`/subprocessors ${list.name} in US\``));
			}
			// Every list gets its share: no list's lines crowd out the next.
			const shown = big.map(({ list }) => lines(r).filter((line) => line.startsWith(`• ${list.name} Vendor`)).length);
			expect(Math.max(...shown) - Math.min(...shown)).toBeLessThanOrEqual(1);
		},
	);

	test('twenty lists: an overview whose lists that no longer fit are counted in one line', async () => {
		const many = Array.from({ length: 20 }, (_, i) => listOf(`list-${i}`, catalogOf(`Company ${i}`, '2025-01-01', rows(`c${i}`, 30))));
		const raw = (await route(['in', 'US'], many, 'en', undefined, 1500)).reply;
		expect(raw.text.length).toBeLessThanOrEqual(1500);
		expect(raw.blocks.length).toBeLessThanOrEqual(MAX_REPLY_BLOCKS);
		const r = readable(raw);
		// Every list's heading with its count, and once how to see one list whole.
		for (let i = 0; i < 20; i++) expect(lines(r)).toContain(`*list-${i}* — Company ${i} (30)`);
		expect(lines(r)).toContain('To see all of one list, name it first: `/subprocessors list-0 in US`');
		// Less room: the lists whose heading no longer fits are counted in one line.
		const tight = readable((await route(['in', 'US'], many, 'en', undefined, 700)).reply);
		expect(tight.text.length).toBeLessThanOrEqual(700);
		expect(tight.text).toContain('*list-0* — Company 0 (30)');
		expect(tight.text).toMatch(/Also in \*list-\d+\* \(30\).*: name a list first to see its part\.\n…and \d+ more\.\n/);
		// Every list is headed, named in that line, or counted.
		const headed = lines(tight).filter((line) => /^\*list-\d+\* — /.test(line)).length;
		const named = (tight.text.match(/\*list-\d+\* \(30\)/g) ?? []).length;
		expect(headed + named + Number(/…and (\d+) more\./.exec(tight.text)?.[1] ?? 0)).toBe(20);
		// The overview of twenty lists keeps to the limits too.
		const overview = (await route([], many, 'en', undefined, 800)).reply;
		expect(overview.text.length).toBeLessThanOrEqual(800);
	});

	test('two hundred lists: the overview keeps to its size, and the lists it can’t name are counted', async () => {
		const many = Array.from({ length: 200 }, (_, i) => listOf(`l${i}`, catalogOf(`Company ${i}`, '2025-01-01', rows(`c${i}`, 3))));
		for (const max of [undefined, 1500, 700]) {
			const r = readable((await route(['in', 'US'], many, 'en', undefined, max)).reply);
			expect(r.text.length).toBeLessThanOrEqual(Math.min(max ?? OVERVIEW_TEXT, OVERVIEW_TEXT));
			// The last lines are whole: the lists named in one line, how many more, how to see one list.
			const tail = lines(r).slice(-3);
			expect(tail[0]).toMatch(/^Also in .*: name a list first to see its part\.$/);
			expect(tail[1]).toMatch(/^…and \d+ more\.$/);
			expect(tail[2]).toMatch(/^To see all of one list, name it first: `\/subprocessors l0 in US`$/);
			const headed = lines(r).filter((line) => /^\*l\d+\* — /.test(line)).length;
			const named = (tail[0].match(/\*l\d+\* \(3\)/g) ?? []).length;
			expect(headed + named + Number(/(\d+)/.exec(tail[1])?.[1])).toBe(200);
		}
	});

	test('a search across lists touches each list’s index a bounded number of times (no per-pair work)', async () => {
		const many = Array.from({ length: 20 }, (_, i) => listOf(`s-${i}`, catalogOf(`Firm ${i}`, '2025-01-01', rows(`f${i}`, 100))));
		const search = jest.spyOn(Catalog.prototype, 'search');
		try {
			for (const question of ['stripe', 'in US', 'hosting', 'f3 Vendor 7']) {
				search.mockClear();
				await route(splitArgs(question), many, 'en');
				expect(search.mock.calls.length).toBeLessThanOrEqual(many.length * 3);
			}
		} finally {
			search.mockRestore();
		}
	});
});

describe('many lists: a compact reply, the same answer', () => {
	/** Lists of different sizes whose entries share words ("Vendor", "hosting"), some with more than others. */
	const mixed = (count: number) =>
		Array.from({ length: count }, (_, i) =>
			listOf(
				`mix-${count}-${i}`,
				catalogOf(`Mixed ${i}`, '2025-01-01', [
					...rowsOf(`m${i}`, 3 + ((i * 7) % 40)),
					{ name: `Solo Hosting ${i}`, locations: ['Germany'], purpose: 'Backup hosting' },
				]),
			),
		);
	const questions = ['hosting', 'vendor', 'in US', 'in germany', 'cloud hosting', 'backup', 'solo hosting 3', 'm1 vendor', 'mixed'];

	test.each([2, 4, 8, 20])('%s lists: the hits shown are those of ranking every list’s hits at once', async (count) => {
		const lists = mixed(count);
		// Every search ranking its usual 25 at once, whatever limit the router asks: the answers must not change.
		const search = Catalog.prototype.search;
		for (const question of questions) {
			for (const max of [undefined, 1500]) {
				const asked = await route(splitArgs(question), lists, 'en', undefined, max);
				const spy = jest.spyOn(Catalog.prototype, 'search').mockImplementation(function (this: Catalog, query: string) {
					return search.call(this, query);
				});
				try {
					const all = await route(splitArgs(question), lists, 'en', undefined, max);
					expect(asked.reply.text).toBe(all.reply.text);
				} finally {
					spy.mockRestore();
				}
			}
		}
	});

	test('more lists than GROUPS_APART make an overview in shared sections; the text is unchanged', async () => {
		const lists = mixed(12);
		const raw = (await route(['in', 'US'], lists, 'en')).reply;
		const r = readable(raw);
		const sections = r.blocks.filter((block) => block.type === 'section');
		// The title, then the lists packed into as few sections as fit.
		expect(sections.length).toBeLessThan(1 + Math.min(lists.length, GROUPS_APART));
		const text = sections.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')).join('\n');
		expect(r.text.startsWith(text)).toBe(true);
		for (const { list, catalog } of lists)
			expect(lines(r)).toContain(
				`*${list.name}* — ${list.name.replace(/^mix-12-(\d+)$/, 'Mixed $1')} (${catalog.in(findPlace('US')!).matches.length})`,
			);
		// One line says how to see a list whole, instead of a command per list; and the overview is shorter.
		expect(r.text).not.toContain('more: `');
		expect(lines(r).filter((line) => line.startsWith('To see all of one list'))).toEqual([
			`To see all of one list, name it first: \`/subprocessors ${lists[0].list.name} in US\``,
		]);
		expect(r.text.length).toBeLessThanOrEqual(OVERVIEW_TEXT);
		// A few lists keep a section each, and a command each for the rest (the first list shows all of its three).
		const few = readable((await route(['in', 'US'], lists.slice(0, GROUPS_APART), 'en')).reply);
		expect(few.blocks.filter((block) => block.type === 'section')).toHaveLength(1 + GROUPS_APART);
		for (const { list } of lists.slice(1, GROUPS_APART))
			expect(few.text).toMatch(new RegExp(`…and \\d+ more: \`/subprocessors ${list.name} in US\``));
	});

	test('an overview of lists that each show all their hits says nothing about seeing a list whole', async () => {
		const lists = Array.from({ length: GROUPS_APART + 3 }, (_, i) =>
			listOf(
				`few-${i}`,
				catalogOf(`Few ${i}`, '2025-01-01', [{ name: `Mailer ${i}`, locations: ['Germany'], purpose: 'Email delivery' }]),
			),
		);
		const r = await ask('mailer', lists);
		for (let i = 0; i < lists.length; i++) {
			const at = lines(r).indexOf(`*few-${i}* — Few ${i} (1)`);
			expect(lines(r)[at + 1]).toBe(`• Mailer ${i} — Email delivery · Germany`);
		}
		expect(r.text).not.toContain('To see all of one list');
	});

	test('an overview counts each list’s matches and shows every list’s best hit before any list’s second', async () => {
		const lists = mixed(20);
		const r = await ask('vendor', lists);
		expect(lines(r)[0]).toBe(
			`*${lists.reduce((sum, { catalog }) => sum + catalog.search('vendor').total, 0)} sub-processors match* “vendor”`,
		);
		const shownPerList = lists.map(({ list, catalog }) => {
			const expected = catalog.search('vendor');
			const at = lines(r).indexOf(`*${list.name}* — ${catalog.list.company} (${expected.total})`);
			expect({ list: list.name, headed: at >= 0 }).toEqual({ list: list.name, headed: true });
			// Its lines are its best hits in order.
			const shown = lines(r)
				.slice(at + 1)
				.findIndex((line) => !line.startsWith('• '));
			expect(lines(r).slice(at + 1, at + 1 + shown)).toEqual(
				expected.hits.slice(0, shown).map((hit) => `• ${hit.entry.name} — ${hit.entry.purpose} · United States`),
			);
			return shown;
		});
		// Round by round: no list shows two more than another; most lists show their best hit in the overview's room.
		expect(Math.max(...shownPerList) - Math.min(...shownPerList)).toBeLessThanOrEqual(1);
		expect(shownPerList.filter((shown) => shown >= 1).length).toBeGreaterThanOrEqual(15);
		// Lines of one length here: the lists first in list order are the ones with more.
		expect([...shownPerList].sort((a, b) => b - a)).toEqual(shownPerList);
	});
});

describe('engine-served subcommands and previews', () => {
	function engine() {
		const reply = (text: string) => jest.fn(async () => ({ text, blocks: [] }));
		const served = Object.entries(SUBCOMMANDS).filter(([, declared]) => declared.run === 'engine');
		return {
			isAdmin: true,
			feedsUrl: async () => undefined,
			...Object.fromEntries(served.map(([name]) => [name, reply(name)])),
		} as unknown as CommandServices & Record<string, jest.Mock>;
	}

	test('`changes github` gets its words as typed and the lists; `github changes` gets the list named', async () => {
		const services = engine();
		await route(['changes', 'github'], LISTS, 'en', services);
		expect(services.changes).toHaveBeenLastCalledWith({ args: ['github'], share: false, lists: LISTS });
		await route(['share', 'github', 'changes', '5'], LISTS, 'en', services);
		expect(services.changes).toHaveBeenLastCalledWith({ args: ['5'], share: true, lists: LISTS, list: github });
		// No lead on an engine's answer: it names its list itself.
		expect((await route(['github', 'changes'], LISTS, 'en', services)).reply.text).toBe('changes');
		await route(['github', 'what', 'changed', 'recently?'], LISTS, 'en', services);
		expect(services.changes).toHaveBeenLastCalledWith({ args: [], share: false, lists: LISTS, list: github });
	});

	test('`share github export` is private like `share export`; `share github in US` posts', () => {
		expect(postsToRoom(['share', 'github', 'export'], LISTS)).toBe(false);
		expect(postsToRoom(['share', 'github', 'in', 'US'], LISTS)).toBe(true);
		expect(postsToRoom(['share', 'github'], LISTS)).toBe(true);
	});

	test('previews span the lists with `listId:entryId` ids, and narrow with a list name', () => {
		const items = previewMatches(['str'], LISTS);
		expect(items).toContainEqual({ id: `${MAIN_LIST_ID}:stripe`, label: 'Stripe (rocketchat)' });
		expect(items).toContainEqual({ id: `${github.list.id}:stripe`, label: 'Stripe (github)' });
		expect(previewMatches(['github', 'str'], LISTS)).toEqual([{ id: `${github.list.id}:stripe`, label: 'Stripe (github)' }]);
		expect(previewMatches(['show', 'acme', 'git'], LISTS).map((item) => item.label)).toEqual(['GitHub, Inc. (acme)']);
		expect(previewMatches(['github'], LISTS)).toEqual([]);
		expect(previewEntry(LISTS, `${github.list.id}:anthropic`)?.list).toBe(github);
		expect(previewEntry(LISTS, 'stripe')?.list).toBe(rocketchat);
		expect(previewEntry(LISTS, 'l-zzzzzzzz:stripe')).toBeUndefined();
	});
});
