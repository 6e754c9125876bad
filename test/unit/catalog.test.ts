/** The bundled list as the seed page has it, and search over it: by name, alias, typo, purpose and data. */
import fc from 'fast-check';
import { best, Catalog, type SearchResult } from '../../src/features/list/catalog';
import { typoDistance } from '../../src/kernel/distance';
import { fold } from '../../src/kernel/text';
import { bundledCatalog, bundledList, catalogFrom, SMALL_LIST_HEADER } from './helpers';

/** Every entity of the seed page, in the page's order, with its category and its "Data ... Location" cell. */
const SEED: Array<{ name: string; category: string; locations: string[] }> = [
	{ name: 'Amazon Web Services', category: 'infrastructure', locations: ['United States'] },
	{ name: 'OVH', category: 'infrastructure', locations: ['United States'] },
	{ name: 'AWS', category: 'infrastructure', locations: ['United States'] },
	{ name: 'MongoDB Cloud', category: 'infrastructure', locations: ['United States'] },
	{ name: 'Stripe', category: 'service', locations: [] },
	{ name: 'ZOHO', category: 'service', locations: [] },
	{ name: 'Apple Push Notification Service', category: 'service', locations: [] },
	{ name: 'Firebase', category: 'service', locations: [] },
	{ name: 'Clearbit', category: 'innovation', locations: ['United States'] },
	{ name: 'Yesware', category: 'innovation', locations: [] },
	{ name: 'PRVolt', category: 'innovation', locations: [] },
	{ name: 'Mailchimp', category: 'innovation', locations: [] },
	{ name: 'Rocket.Chat Technologies Corp.', category: 'affiliates', locations: ['United States'] },
	{ name: 'Rocketchat Tecnologia LTDA', category: 'affiliates', locations: ['Brazil'] },
	{ name: 'Fabulor.eu', category: 'partners', locations: ['Belgium', 'Netherlands'] },
];

const SEED_NAMES = SEED.map((s) => s.name);

function names(entries: ReadonlyArray<{ name: string }>): string[] {
	return entries.map((e) => e.name);
}

function hitNames(result: SearchResult): string[] {
	return result.hits.map((hit) => hit.entry.name);
}

describe('the bundled list carries the seed page', () => {
	const catalog = bundledCatalog();

	test('exactly the 15 entities of the page, in its order', () => {
		expect(names(catalog.entries)).toEqual(SEED_NAMES);
	});

	test.each(SEED)('$name: category $category, locations as the page states them', ({ name, category, locations }) => {
		const entry = catalog.findByName(name);
		expect(entry?.name).toBe(name);
		expect(entry?.category).toBe(category);
		expect(entry?.locations.map((l) => l.name)).toEqual(locations);
	});

	test('locations resolve to ISO codes', () => {
		expect(catalog.findByName('Fabulor.eu')?.locations.map((l) => l.code)).toEqual(['BE', 'NL']);
		expect(catalog.findByName('Rocketchat Tecnologia LTDA')?.locations.map((l) => l.code)).toEqual(['BR']);
		expect(catalog.findByName('AWS')?.locations.map((l) => l.code)).toEqual(['US']);
	});

	test('the five categories in the order of the seed notes', () => {
		expect(catalog.categories.map((c) => c.name)).toEqual([
			'Infrastructure Sub-processors – Service Data Storage and Processing',
			'Service Specific Sub-processors',
			'Innovation Service Specific Sub-processors',
			'Rocket.Chat Affiliates',
			'Partners Joint Processors or Sub-processors',
		]);
	});

	test('the objection procedure: privacy@rocket.chat, "Subprocessor Objection", five requirements', () => {
		const { objections } = bundledList();
		expect(objections.email).toBe('privacy@rocket.chat');
		expect(objections.subject).toBe('Subprocessor Objection');
		expect(objections.requirements).toEqual([
			'your name',
			'company name',
			'name of the Rocket.Chat service',
			'name of the subprocessor',
			'objectively justifiable grounds for objection',
		]);
	});

	test('the version is the page date', () => {
		expect(catalog.version).toBe('2023-01-05');
		expect(bundledList().contact).toBe('privacy@rocket.chat');
	});

	test('the affiliates have no purpose (the page has no purpose column)', () => {
		expect(catalog.findByName('Rocket.Chat Technologies Corp.')?.purpose).toBeUndefined();
		expect(catalog.findByName('Rocketchat Tecnologia LTDA')?.purpose).toBeUndefined();
		expect(catalog.findByName('Stripe')?.purpose).toBe('Billing platform');
	});

	test("Fabulor's data categories are the page's", () => {
		expect(catalog.findByName('Fabulor')?.data).toEqual(['Email', 'Contact Name', 'Country', 'Phone']);
	});

	test('rows naming two providers become two entries tied by listedWith', () => {
		const aws = catalog.findByName('Amazon Web Services')!;
		const ovh = catalog.findByName('OVH')!;
		expect(aws).not.toBe(ovh);
		expect(catalog.listedWith(aws)).toEqual([ovh]);
		expect(catalog.listedWith(ovh)).toEqual([aws]);
		expect(ovh.purpose).toBe(aws.purpose);
		expect(ovh.locationNote).toMatch(/determined by the customer during onboarding/);
		expect(names(catalog.listedWith(catalog.findByName('Firebase')!))).toEqual(['Apple Push Notification Service']);
		expect(catalog.listedWith(catalog.findByName('Stripe')!)).toEqual([]);
	});

	test('byCategory groups every entry once, in category order', () => {
		const groups = catalog.byCategory();
		expect(groups.map((g) => g.category.id)).toEqual(['infrastructure', 'service', 'innovation', 'affiliates', 'partners']);
		expect(groups.flatMap((g) => names(g.entries))).toEqual(SEED_NAMES);
		expect(catalog.countByCategory().map((c) => c.count)).toEqual([4, 4, 4, 2, 1]);
	});

	test('Catalog.of builds one catalog per list object', () => {
		expect(Catalog.of(bundledList())).toBe(catalog);
		expect(catalog.get('stripe')?.name).toBe('Stripe');
		expect(catalog.get('nope')).toBeUndefined();
		expect(catalog.category('partners')?.name).toBe('Partners Joint Processors or Sub-processors');
	});
});

describe('every entity is findable by each of its names', () => {
	const catalog = bundledCatalog();
	const allNames = [...SEED_NAMES, 'APNs', 'Fabulor'];

	test.each(allNames)('findByName(%p)', (name) => {
		const entry = catalog.findByName(name);
		expect(entry).toBeDefined();
		expect([entry!.name, ...entry!.aliases]).toContain(name);
	});

	test.each(allNames)('search(%p) names it exactly and ranks it first', (name) => {
		const result = catalog.search(name);
		expect(result.exact).toBeDefined();
		expect([result.exact!.name, ...result.exact!.aliases]).toContain(name);
		expect(result.hits[0].entry).toBe(result.exact);
		expect(result.hits[0].byName).toBe(true);
	});

	test.each([
		['rocket chat technologies corp', 'Rocket.Chat Technologies Corp.'],
		['ROCKET.CHAT TECHNOLOGIES CORP', 'Rocket.Chat Technologies Corp.'],
		['fabuloreu', 'Fabulor.eu'],
		['pr volt', 'PRVolt'],
		['mongodb cloud', 'MongoDB Cloud'],
		['apns', 'Apple Push Notification Service'],
		['  zoho  ', 'ZOHO'],
	])('case, spacing and punctuation do not matter: %p', (query, name) => {
		expect(catalog.findByName(query)?.name).toBe(name);
		expect(catalog.search(query).exact?.name).toBe(name);
	});

	test('a name is not found by a fragment of it', () => {
		expect(catalog.findByName('Amazon')).toBeUndefined();
		expect(catalog.findByName('')).toBeUndefined();
	});
});

describe('search', () => {
	const catalog = bundledCatalog();

	test('rows naming two providers: each is found separately', () => {
		const ovh = catalog.search('OVH');
		expect(ovh.exact?.name).toBe('OVH');
		const amazon = catalog.search('Amazon Web Services');
		expect(amazon.exact?.name).toBe('Amazon Web Services');
		// AWS is Amazon Web Services' initials: the same provider, listed twice (issue 18).
		expect(hitNames(catalog.search('amazon'))).toEqual(['Amazon Web Services', 'AWS']);
	});

	test('a missing letter: `mailchmp` finds Mailchimp', () => {
		const result = catalog.search('mailchmp');
		expect(result.exact).toBeUndefined();
		expect(hitNames(result)).toEqual(['Mailchimp']);
		expect(result.hits[0].byName).toBe(true);
	});

	test('a transposition: `mialchimp` finds Mailchimp', () => {
		expect(hitNames(catalog.search('mialchimp'))).toEqual(['Mailchimp']);
	});

	test('a transposition in a short name: `strpie` finds Stripe', () => {
		expect(hitNames(catalog.search('strpie'))).toEqual(['Stripe']);
	});

	test('an alias: `APNs` finds Apple Push Notification Service', () => {
		expect(catalog.search('APNs').exact?.name).toBe('Apple Push Notification Service');
	});

	test('words in the purpose: `email marketing` finds ZOHO, Yesware, PRVolt and Mailchimp only', () => {
		const result = catalog.search('email marketing');
		expect(result.exact).toBeUndefined();
		expect(hitNames(result).sort()).toEqual(['Mailchimp', 'PRVolt', 'Yesware', 'ZOHO']);
		expect(result.hits.every((hit) => !hit.byName)).toBe(true);
	});

	test('every word must match: `email billing` finds nothing', () => {
		expect(catalog.search('email billing').hits).toEqual([]);
	});

	test('data categories: `phone` finds Fabulor', () => {
		expect(hitNames(catalog.search('phone'))).toEqual(['Fabulor.eu']);
		expect(hitNames(catalog.search('Phone'))).toEqual(['Fabulor.eu']);
	});

	test('a name match ranks above a purpose match', () => {
		// "OVH" is the name of one entry and a word in the purpose of Amazon Web Services.
		const ovh = catalog.search('ovh');
		expect(hitNames(ovh)).toEqual(['OVH', 'Amazon Web Services']);
		const rocket = catalog.search('rocketchat');
		expect(hitNames(rocket)).toEqual(expect.arrayContaining(['Rocketchat Tecnologia LTDA', 'Rocket.Chat Technologies Corp.']));
	});

	test('a prefix finds the entry: `mongo`', () => {
		expect(hitNames(catalog.search('mongo'))).toEqual(['MongoDB Cloud']);
	});

	test('stop words alone do not match everything', () => {
		expect(catalog.search('the and of').hits.length).toBeLessThan(catalog.entries.length);
	});

	test('nonsense finds nothing', () => {
		for (const query of ['xyzzyq', 'qqqqqqqq', 'zzz']) {
			const result = catalog.search(query);
			expect(result.exact).toBeUndefined();
			expect(result.hits).toEqual([]);
		}
		expect(catalog.search('').hits).toEqual([]);
		expect(catalog.search('!!!').hits).toEqual([]);
	});

	test('the limit caps the hits', () => {
		expect(catalog.search('e', 2).hits.length).toBeLessThanOrEqual(2);
		expect(catalog.search('email marketing', 2).hits).toHaveLength(2);
	});

	test('a smaller limit gives the first hits of a larger one, and the same total', () => {
		// A search across lists ranks each list's best few first and the rest only when an answer shows more.
		for (const query of ['e', 'a', 'cloud', 'amazon', 'Amazon Web Services', 'rocket chat', 'email marketing', 'mail', 'service']) {
			const all = catalog.search(query, catalog.entries.length);
			for (const limit of [1, 2, 3, 4, 10, 25]) {
				const some = catalog.search(query, limit);
				expect(some.total).toBe(all.total);
				expect(some.hits).toEqual(all.hits.slice(0, limit));
			}
		}
	});

	test('a word that drops an entry leaves nothing behind for the next search', () => {
		// "amazon" finds Amazon Web Services and AWS (its initials); "aws xyzzyq" matches AWS by its first word and drops
		// it by the second, which must not leave AWS counted as found when "amazon" is searched next.
		const alone = hitNames(catalog.search('amazon'));
		expect(alone).toEqual(['Amazon Web Services', 'AWS']);
		for (const query of ['aws xyzzyq', 'aws ovh', 'amazon xyzzyq']) {
			catalog.search(query);
			expect(hitNames(catalog.search('amazon'))).toEqual(alone);
		}
	});
});

describe('best: the first hits without sorting them all', () => {
	test('the same as sorting by score (highest first), then rank', () => {
		fc.assert(
			fc.property(
				// Few distinct scores, so ties are common; ranks are a permutation, as name ranks are.
				fc.array(fc.constantFrom(0.5, 0.6, 1, 2, 2.4, 3.5, 4), { minLength: 0, maxLength: 300 }),
				fc.integer({ min: 0, max: 120 }),
				fc.integer({ min: 0, max: 1_000_000 }),
				(scores, limit, seed) => {
					const n = scores.length;
					const score = Float64Array.from(scores);
					const order = Array.from({ length: n }, (_, i) => i).sort(
						(a, b) => ((a * 7919 + seed) % 1009) - ((b * 7919 + seed) % 1009) || a - b,
					);
					const rank = new Int32Array(n);
					order.forEach((entry, position) => (rank[entry] = position));
					// Any subset of the entries, in any order.
					const indexes = order.filter((i) => (i + seed) % 3 !== 0);
					const expected = [...indexes].sort((a, b) => score[b] - score[a] || rank[a] - rank[b]).slice(0, limit);
					expect(best(indexes, limit, score, rank)).toEqual(expected);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('search in a list with accented names', () => {
	const catalog = catalogFrom(`${SMALL_LIST_HEADER}subprocessors:
  - name: Müller Datenverarbeitung GmbH
    category: infrastructure
    purpose: Rechenzentrum und Datensicherung
    locations: [Deutschland]
  - name: Straßenbahn Analytics
    category: service
    purpose: Nutzungsstatistik
  - name: Société Générale de Paiement
    aliases: [SGP]
    category: service
    purpose: Zahlungsabwicklung
    locations: [Frankreich]
`);

	test.each(['muller', 'Müller', 'MÜLLER', 'mueller', 'muller datenverarbeitung'])('%p finds Müller Datenverarbeitung GmbH', (query) => {
		expect(hitNames(catalog.search(query))).toEqual(['Müller Datenverarbeitung GmbH']);
	});

	test('the whole name without accents designates it exactly', () => {
		expect(catalog.findByName('Muller Datenverarbeitung GmbH')?.name).toBe('Müller Datenverarbeitung GmbH');
		expect(catalog.findByName('societe generale de paiement')?.name).toBe('Société Générale de Paiement');
	});

	test('ß folds to ss', () => {
		expect(hitNames(catalog.search('strassenbahn'))).toEqual(['Straßenbahn Analytics']);
	});

	test('locations given in German resolve to ISO codes', () => {
		expect(catalog.findByName('sgp')?.locations).toEqual([{ code: 'FR', name: 'Frankreich' }]);
	});

	test('the default id is a slug of the name', () => {
		expect(catalog.findByName('muller')).toBeUndefined();
		expect(catalog.get('muller-datenverarbeitung-gmbh')?.name).toBe('Müller Datenverarbeitung GmbH');
		expect(fold('Müller & Co.')).toBe('muller co');
	});
});

describe('suggest: the closest names when nothing matches', () => {
	const catalog = bundledCatalog();

	test('a near miss proposes the entry it misses first: `strpie` → Stripe', () => {
		expect(catalog.suggest('strpie')[0]?.name).toBe('Stripe');
		expect(catalog.suggest('mialchimp')[0]?.name).toBe('Mailchimp');
		expect(catalog.suggest('stryp')[0]?.name).toBe('Stripe');
	});

	test('at most `count` suggestions, and none for an empty query', () => {
		expect(catalog.suggest('strpie', 1)).toHaveLength(1);
		expect(catalog.suggest('strpie').length).toBeLessThanOrEqual(3);
		expect(catalog.suggest('')).toEqual([]);
		expect(catalog.suggest('?!')).toEqual([]);
	});

	// BUG (src/features/list/catalog.ts, suggest): typoDistance(a, b, limit) returns `limit + 1` to mean "more than
	// limit", but suggest() takes that sentinel as a real distance and compares it with a larger threshold
	// (max(2, ceil(query length / 2))). Every entry with a short word (AWS, "web", APNs) then "matches" any
	// query of 5+ letters: suggest('xyzzyq') → [Amazon Web Services, Apple Push Notification Service, AWS].
	test('nonsense gets no suggestions', () => {
		expect(names(catalog.suggest('xyzzyq'))).toEqual([]);
		expect(names(catalog.suggest('atlantis'))).toEqual([]);
	});

	test('every suggestion is a real near miss of one of its names', () => {
		const far: string[] = [];
		for (const query of ['strpie', 'stryp', 'mialchimp']) {
			const compact = fold(query).replace(/ /g, '');
			const threshold = Math.max(2, Math.ceil(compact.length / 2));
			for (const entry of catalog.suggest(query)) {
				const words = [entry.name, ...entry.aliases].flatMap((name) => {
					const folded = fold(name);
					return [folded, folded.replace(/ /g, ''), ...folded.split(' ')];
				});
				const distance = Math.min(...words.map((word) => typoDistance(compact, word, 20)));
				if (distance > threshold) far.push(`${query} → ${entry.name} (distance ${distance} > ${threshold})`);
			}
		}
		expect(far).toEqual([]);
	});
});

describe('typoDistance', () => {
	test.each([
		['stripe', 'stripe', 0],
		['strpie', 'stripe', 1],
		['mailchmp', 'mailchimp', 1],
		['mialchimp', 'mailchimp', 1],
		['kitten', 'sitting', 3],
	])('%p → %p is %p', (a, b, expected) => {
		expect(typoDistance(a, b, 5)).toBe(expected);
	});

	test('returns max + 1 as soon as the distance exceeds max', () => {
		expect(typoDistance('kitten', 'sitting', 2)).toBe(3);
		expect(typoDistance('a', 'abcdef', 2)).toBe(3);
	});
});
