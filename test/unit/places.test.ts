/** Places: countries and regions as users name them, and who processes data in / outside them. */
import type { PlaceResult } from '../../src/features/list/catalog';
import { countryName, findCountry, findPlace, placeContains, placeName, type Place } from '../../src/kernel/places';
import { bundledCatalog, catalogFrom, SMALL_LIST_HEADER } from './helpers';

const US_IDS = ['amazon-web-services', 'ovh', 'aws', 'mongodb-cloud', 'clearbit', 'rocket-chat-technologies-corp'];
const NOT_STATED_IDS = ['stripe', 'zoho', 'apple-push-notification-service', 'firebase', 'yesware', 'prvolt', 'mailchimp'];

function place(text: string): Place {
	const found = findPlace(text);
	if (!found) throw new Error(`findPlace(${JSON.stringify(text)}) found nothing`);
	return found;
}

function ids(result: PlaceResult): { matches: string[]; notStated: string[] } {
	return { matches: result.matches.map((e) => e.id), notStated: result.notStated.map((e) => e.id) };
}

describe('findPlace', () => {
	test.each([
		['US', 'US'],
		['USA', 'US'],
		['United States', 'US'],
		['united states of america', 'US'],
		['Estados Unidos', 'US'],
		['Vereinigte Staaten', 'US'],
		['Brazil', 'BR'],
		['BR', 'BR'],
		['br', 'BR'],
		['BRA', 'BR'],
		['Brasil', 'BR'],
		['Brasilien', 'BR'],
		['Deutschland', 'DE'],
		['Alemanha', 'DE'],
		['the Netherlands', 'NL'],
		['Países Baixos', 'NL'],
		['paises baixos', 'NL'],
		['UK', 'GB'],
	])('%p is the country %p', (text, code) => {
		expect(findPlace(text)).toEqual({ kind: 'country', code });
	});

	test.each([
		['EU', 'EU'],
		['eu', 'EU'],
		['European Union', 'EU'],
		['União Europeia', 'EU'],
		['Europäische Union', 'EU'],
		['EEA', 'EEA'],
		['European Economic Area', 'EEA'],
		['EWR', 'EEA'],
	])('%p is the region %p (regions win over ISO codes)', (text, id) => {
		const found = findPlace(text);
		expect(found?.kind).toBe('region');
		expect(found?.kind === 'region' && found.region.id).toBe(id);
	});

	test.each(['Atlantis', 'Narnia', '', '   ', 'XX'])('unknown place %p → undefined', (text) => {
		expect(findPlace(text)).toBeUndefined();
	});

	test('findCountry knows only countries', () => {
		expect(findCountry('Belgium')).toBe('BE');
		expect(findCountry('EEA')).toBeUndefined();
	});

	test('EU and EEA membership', () => {
		const eu = place('EU');
		const eea = place('EEA');
		expect(placeContains(eu, 'DE')).toBe(true);
		expect(placeContains(eu, 'NO')).toBe(false);
		expect(placeContains(eea, 'NO')).toBe(true);
		expect(placeContains(eu, 'GB')).toBe(false);
		expect(placeContains(eu, 'US')).toBe(false);
		expect(placeContains(place('US'), 'US')).toBe(true);
		expect(placeContains(place('US'), 'BR')).toBe(false);
	});

	test('place names in the user language', () => {
		expect(placeName(place('Brazil'), 'en')).toBe('Brazil');
		expect(placeName(place('Germany'), 'de')).toBe('Deutschland');
		expect(placeName(place('Germany'), 'pt-BR')).toBe('Alemanha');
		expect(placeName(place('EU'), 'de')).toBe('EU');
		expect(countryName('NL', 'pt-BR')).toBe('Países Baixos');
	});
});

describe('Catalog.in and Catalog.outside over the bundled list', () => {
	const catalog = bundledCatalog();

	test.each(['US', 'USA', 'United States', 'Estados Unidos'])('in %p: the six United States entries', (text) => {
		expect(ids(catalog.in(place(text)))).toEqual({ matches: US_IDS, notStated: NOT_STATED_IDS });
	});

	test.each(['Brazil', 'BR', 'Brasilien', 'Brasil'])('in %p: Rocketchat Tecnologia LTDA only', (text) => {
		expect(ids(catalog.in(place(text))).matches).toEqual(['rocketchat-tecnologia-ltda']);
	});

	test('in EU: Fabulor only', () => {
		expect(ids(catalog.in(place('EU'))).matches).toEqual(['fabulor']);
	});

	test('in EEA: Fabulor only', () => {
		expect(ids(catalog.in(place('EEA'))).matches).toEqual(['fabulor']);
	});

	test('in Belgium and in Netherlands: Fabulor', () => {
		expect(ids(catalog.in(place('Belgium'))).matches).toEqual(['fabulor']);
		expect(ids(catalog.in(place('NL'))).matches).toEqual(['fabulor']);
	});

	test('outside EU: the United States and Brazil entries, not Fabulor', () => {
		const result = ids(catalog.outside(place('EU')));
		expect(result.matches).toEqual([...US_IDS, 'rocketchat-tecnologia-ltda']);
		expect(result.matches).not.toContain('fabulor');
	});

	test('outside US: Brazil and Fabulor', () => {
		expect(ids(catalog.outside(place('US'))).matches).toEqual(['rocketchat-tecnologia-ltda', 'fabulor']);
	});

	test('in a country nobody states: no matches, the not-stated entries still reported', () => {
		expect(ids(catalog.in(place('Japan')))).toEqual({ matches: [], notStated: NOT_STATED_IDS });
	});

	test('entries with no location are reported as not stated, never in or out', () => {
		for (const text of ['US', 'Brazil', 'EU', 'EEA', 'Japan', 'Belgium']) {
			for (const result of [catalog.in(place(text)), catalog.outside(place(text))]) {
				const { matches, notStated } = ids(result);
				expect(notStated).toEqual(NOT_STATED_IDS);
				expect(matches.filter((id) => notStated.includes(id))).toEqual([]);
			}
		}
	});

	test('every entry with a location is in or outside any place', () => {
		for (const text of ['US', 'EU', 'Brazil']) {
			const inside = ids(catalog.in(place(text))).matches;
			const outside = ids(catalog.outside(place(text))).matches;
			const stated = catalog.entries.filter((e) => e.locations.length > 0).map((e) => e.id);
			expect([...new Set([...inside, ...outside])].sort()).toEqual([...stated].sort());
		}
	});
});

describe('entries in several countries', () => {
	const catalog = catalogFrom(`${SMALL_LIST_HEADER}subprocessors:
  - name: Transatlantic Hosting
    category: infrastructure
    locations: [United States, Germany]
  - name: Euro Only
    category: infrastructure
    locations: [France, DE]
  - name: Nordic Backup
    category: infrastructure
    locations: [Norway]
  - name: Unstated
    category: service
    locations: []
`);

	test('in EU: every entry with at least one EU country', () => {
		expect(ids(catalog.in(place('EU'))).matches).toEqual(['transatlantic-hosting', 'euro-only']);
	});

	test('outside EU: every entry with at least one country outside it', () => {
		expect(ids(catalog.outside(place('EU'))).matches).toEqual(['transatlantic-hosting', 'nordic-backup']);
	});

	test('Norway is in the EEA but not the EU', () => {
		expect(ids(catalog.in(place('EEA'))).matches).toEqual(['transatlantic-hosting', 'euro-only', 'nordic-backup']);
		expect(ids(catalog.outside(place('EEA'))).matches).toEqual(['transatlantic-hosting']);
	});

	test('an entry listed once even when two of its countries are in the region', () => {
		expect(ids(catalog.in(place('EU'))).matches.filter((id) => id === 'euro-only')).toHaveLength(1);
	});

	test('`locations: []` means not stated', () => {
		expect(ids(catalog.in(place('US')))).toEqual({ matches: ['transatlantic-hosting'], notStated: ['unstated'] });
	});
});

describe('regions and worldwide as places and as locations (issue 18)', () => {
	test.each([
		['the US', 'US'],
		['the UK', 'GB'],
		['Holland', 'NL'],
		['die Schweiz', 'CH'],
		['os Estados Unidos', 'US'],
		['den Niederlanden', 'NL'],
		['EUA', 'US'],
	])('%p is the country %p', (text, code) => {
		expect(findPlace(text)).toEqual({ kind: 'country', code });
	});

	test.each([
		['Europe', 'EUROPE'],
		['Europa', 'EUROPE'],
		['Asia', 'ASIA'],
		['Latin America', 'LATAM'],
		['América Latina', 'LATAM'],
		['EMEA', 'EMEA'],
		['APAC', 'APAC'],
		['Worldwide', 'WORLD'],
		['weltweit', 'WORLD'],
		['the EU', 'EU'],
	])('%p is the region %p', (text, id) => {
		const found = findPlace(text);
		expect(found?.kind === 'region' && found.region.id).toBe(id);
	});

	const catalog = catalogFrom(`${SMALL_LIST_HEADER}subprocessors:
  - name: Everywhere Cloud
    category: infrastructure
    locations: [Worldwide]
  - name: Somewhere EU
    category: infrastructure
    locations: [EU]
  - name: Berlin Only
    category: infrastructure
    locations: [Germany]
  - name: Emea Desk
    category: service
    locations: [EMEA]
`);

	test('a list may state EU, EEA, EMEA and Worldwide as locations', () => {
		expect(catalog.entries.map((e) => e.locations.map((l) => l.code))).toEqual([['WORLD'], ['EU'], ['DE'], ['EMEA']]);
	});

	test('in a country: the country itself for sure, a region that contains it marked as "somewhere in" it', () => {
		const result = catalog.in(place('Germany'));
		expect(result.matches.map((e) => e.id)).toEqual(['everywhere-cloud', 'somewhere-eu', 'berlin-only', 'emea-desk']);
		expect([...result.throughRegion].map(([e, code]) => [e.id, code])).toEqual([
			['everywhere-cloud', 'WORLD'],
			['somewhere-eu', 'EU'],
			['emea-desk', 'EMEA'],
		]);
	});

	test('in a region: a region inside it is in it for sure; one that overlaps it is marked', () => {
		const result = catalog.in(place('EEA'));
		expect(result.matches.map((e) => e.id)).toEqual(['everywhere-cloud', 'somewhere-eu', 'berlin-only', 'emea-desk']);
		expect(result.throughRegion.has(result.matches[1])).toBe(false);
		expect(result.throughRegion.get(result.matches[0])).toBe('WORLD');
	});

	test('in a country outside every stated region: only worldwide', () => {
		expect(catalog.in(place('Japan')).matches.map((e) => e.id)).toEqual(['everywhere-cloud']);
	});

	test('outside: a region entirely inside the place is not outside it', () => {
		expect(catalog.outside(place('EU')).matches.map((e) => e.id)).toEqual(['everywhere-cloud', 'emea-desk']);
		expect(catalog.outside(place('US')).matches.map((e) => e.id)).toEqual([
			'everywhere-cloud',
			'somewhere-eu',
			'berlin-only',
			'emea-desk',
		]);
	});

	test('one display name per country, in every language', () => {
		expect(countryName('US', 'en')).toBe('United States');
		expect(countryName('US', 'de')).toBe('USA');
		expect(countryName('US', 'pt-BR')).toBe('Estados Unidos');
		expect(placeName(place('Worldwide'), 'de')).toBe('weltweit');
	});
});
