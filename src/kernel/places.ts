/**
 * Countries and regions. Country names, aliases and ISO codes come from i18n-iso-countries (the names in every
 * language the app answers in); EU/EEA membership is a short political fact kept here.
 */
import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import pl from 'i18n-iso-countries/langs/pl.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import ru from 'i18n-iso-countries/langs/ru.json';
import tr from 'i18n-iso-countries/langs/tr.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import { typoDistance } from './distance';
import { fold } from './text';

for (const locale of [en, pt, de, es, fr, it, pl, ru, ja, zh, tr]) countries.registerLocale(locale);

/** Names users type: English, Portuguese and German first; the other languages' names only where they are free. */
const NAME_LANGS = ['en', 'pt', 'de'];
const MORE_NAME_LANGS = ['es', 'fr', 'it', 'pl', 'ru', 'ja', 'zh', 'tr'];

export type CountryCode = string;

export type RegionId =
	| 'EU'
	| 'EEA'
	| 'EUROPE'
	| 'ASIA'
	| 'AFRICA'
	| 'NORTH_AMERICA'
	| 'SOUTH_AMERICA'
	| 'LATAM'
	| 'AMERICAS'
	| 'OCEANIA'
	| 'MIDDLE_EAST'
	| 'EMEA'
	| 'APAC'
	| 'WORLD';

export interface Region {
	id: RegionId;
	names: string[];
	members: ReadonlySet<CountryCode>;
	/** Set for places asked together ("the US and the EU"): the places it joins. */
	parts?: Place[];
}

export type Place = { kind: 'country'; code: CountryCode } | { kind: 'region'; region: Region };

const codes = (text: string): Set<CountryCode> => new Set(text.split(' '));
// EU member states since 1 February 2020.
const EU = codes('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE');
const EEA = new Set([...EU, 'IS', 'LI', 'NO']);
// Continents as people use the word (UN geoscheme, Russia and Turkey on the side they're usually counted).
const EUROPE = codes(
	'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
);
const MIDDLE_EAST = codes('AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE');
const ASIA = codes(
	'AE AF AM AZ BD BH BN BT CN GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
);
const AFRICA = codes(
	'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
);
const NORTH_AMERICA = codes(
	'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT UM US VC VG VI',
);
const SOUTH_AMERICA = codes('AR BO BR CL CO EC FK GF GY PE PY SR UY VE');
const LATAM = new Set([...codes('MX GT BZ SV HN NI CR PA CU DO HT PR'), ...SOUTH_AMERICA]);
const OCEANIA = codes('AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS');
const without = (set: Set<CountryCode>, minus: Set<CountryCode>) => new Set([...set].filter((code) => !minus.has(code)));

export const REGIONS: Region[] = [
	{
		id: 'EU',
		names: [
			'EU',
			'European Union',
			'Europäische Union',
			'União Europeia',
			'UE',
			'Unión Europea',
			'Union européenne',
			'Unione europea',
			'Unia Europejska',
			'ЕС',
			'Евросоюз',
			'Европейский союз',
			'欧州連合',
			'欧盟',
			'欧洲联盟',
			'AB',
			'Avrupa Birliği',
		],
		members: EU,
	},
	{
		id: 'EEA',
		names: [
			'EEA',
			'European Economic Area',
			'Europäischer Wirtschaftsraum',
			'EWR',
			'Espaço Económico Europeu',
			'Espaço Econômico Europeu',
			'EEE',
			'Espacio Económico Europeo',
			'Espace économique européen',
			'Spazio economico europeo',
			'SEE',
			'Europejski Obszar Gospodarczy',
			'EOG',
			'ЕЭЗ',
			'Европейская экономическая зона',
			'欧州経済領域',
			'欧洲经济区',
			'AEA',
			'Avrupa Ekonomik Alanı',
		],
		members: EEA,
	},
	{ id: 'EUROPE', names: ['Europe', 'Europa', 'Europas', 'Continental Europe'], members: EUROPE },
	{ id: 'ASIA', names: ['Asia', 'Asien', 'Ásia'], members: ASIA },
	{ id: 'AFRICA', names: ['Africa', 'Afrika', 'África'], members: AFRICA },
	{ id: 'NORTH_AMERICA', names: ['North America', 'Nordamerika', 'América do Norte'], members: NORTH_AMERICA },
	{ id: 'SOUTH_AMERICA', names: ['South America', 'Südamerika', 'América do Sul'], members: SOUTH_AMERICA },
	{ id: 'LATAM', names: ['Latin America', 'LATAM', 'LATAM region', 'Lateinamerika', 'América Latina'], members: LATAM },
	{ id: 'AMERICAS', names: ['Americas', 'the Americas', 'Américas'], members: new Set([...NORTH_AMERICA, ...SOUTH_AMERICA]) },
	{ id: 'OCEANIA', names: ['Oceania', 'Ozeanien', 'Australia and Oceania'], members: OCEANIA },
	{
		id: 'MIDDLE_EAST',
		names: ['Middle East', 'Naher Osten', 'Nahost', 'Mittlerer Osten', 'Oriente Médio', 'Médio Oriente'],
		members: MIDDLE_EAST,
	},
	{
		id: 'EMEA',
		names: ['EMEA', 'Europe, Middle East and Africa', 'Europe, the Middle East and Africa'],
		members: new Set([...EUROPE, ...MIDDLE_EAST, ...AFRICA]),
	},
	{
		id: 'APAC',
		names: [
			'APAC',
			'Asia Pacific',
			'Asia-Pacific',
			'Asia Pacific region',
			'Asien-Pazifik',
			'Asien und Pazifik',
			'Ásia-Pacífico',
			'Ásia e Pacífico',
		],
		members: new Set([...without(ASIA, MIDDLE_EAST), ...OCEANIA]),
	},
	{
		id: 'WORLD',
		names: [
			'Worldwide',
			'World',
			'Global',
			'Globally',
			'the world',
			'all over the world',
			'anywhere',
			'everywhere',
			'weltweit',
			'Welt',
			'überall',
			'mundial',
			'mundo',
			'todo o mundo',
			'mundialmente',
		],
		members: new Set(Object.keys(countries.getAlpha2Codes())),
	},
];

/** Names people use for countries that i18n-iso-countries doesn't know. */
const COUNTRY_ALIASES: Record<string, CountryCode> = {
	'America': 'US',
	'the States': 'US',
	'EUA': 'US',
	'Amerika': 'US',
	'Estados Unidos da America': 'US',
	'U S': 'US',
	'Britain': 'GB',
	'England': 'GB',
	'Scotland': 'GB',
	'Wales': 'GB',
	'Northern Ireland': 'GB',
	'Inglaterra': 'GB',
	'Grã-Bretanha': 'GB',
	'Großbritannien': 'GB',
	'Holland': 'NL',
	'Holanda': 'NL',
	'Nederland': 'NL',
	'Niederlanden': 'NL',
	'Vereinigten Staaten': 'US',
	// The short forms of French, Italian, Dutch and Polish pages, whose official long forms the library holds.
	'États-Unis': 'US',
	'Stati Uniti': 'US',
	'Verenigde Staten': 'US',
	'Stany Zjednoczone': 'US',
	'Grande-Bretagne': 'GB',
	'Gran Bretaña': 'GB',
	'Vereinigten Königreich': 'GB',
	'Korea': 'KR',
	'Coreia': 'KR',
	'Russia': 'RU',
	'Czechia': 'CZ',
	'UAE': 'AE',
	'Emirates': 'AE',
	'Emirados Árabes': 'AE',
	'Hongkong': 'HK',
	'Schweiz': 'CH',
	'Suica': 'CH',
};

/** One display name per country and language where the first name i18n-iso-countries gives is an official long form. */
const DISPLAY: Record<string, Record<string, string>> = {
	en: {
		US: 'United States',
		GB: 'United Kingdom',
		RU: 'Russia',
		KR: 'South Korea',
		KP: 'North Korea',
		CZ: 'Czechia',
		TW: 'Taiwan',
		IR: 'Iran',
		VN: 'Vietnam',
		SY: 'Syria',
		BO: 'Bolivia',
		VE: 'Venezuela',
		TZ: 'Tanzania',
		MD: 'Moldova',
		LA: 'Laos',
		NL: 'Netherlands',
	},
	de: { US: 'USA', RU: 'Russland', CZ: 'Tschechien', KR: 'Südkorea' },
	pt: { US: 'Estados Unidos' },
};

let countryIndex: Map<string, CountryCode> | undefined;
let regionIndex: Map<string, Region> | undefined;
const regionById = new Map<string, Region>(REGIONS.map((region) => [region.id, region]));

function indexes(): { countryIndex: Map<string, CountryCode>; regionIndex: Map<string, Region> } {
	if (!countryIndex || !regionIndex) {
		countryIndex = new Map();
		const codes = Object.keys(countries.getAlpha2Codes());
		for (const code of codes) {
			countryIndex.set(fold(code), code);
			countryIndex.set(fold(countries.alpha2ToAlpha3(code) ?? code), code);
			for (const lang of NAME_LANGS) {
				for (const name of countries.getName(code, lang, { select: 'all' }) ?? []) {
					countryIndex.set(fold(name), code);
				}
			}
		}
		for (const code of codes) {
			for (const lang of MORE_NAME_LANGS) {
				for (const name of countries.getName(code, lang, { select: 'all' }) ?? []) {
					if (!countryIndex.has(fold(name))) countryIndex.set(fold(name), code);
				}
			}
		}
		for (const [name, code] of Object.entries(COUNTRY_ALIASES)) countryIndex.set(fold(name), code);
		regionIndex = new Map();
		for (const region of REGIONS) {
			for (const name of region.names) {
				regionIndex.set(fold(name), region);
			}
		}
	}
	return { countryIndex, regionIndex };
}

/** A country by name (in any language the app answers in), common alias or ISO alpha-2/alpha-3 code. */
export function findCountry(text: string): CountryCode | undefined {
	return indexes().countryIndex.get(fold(text));
}

/** Articles and contracted prepositions people put before a place ("the US", "die Schweiz", "os Estados Unidos"). */
export const PLACE_ARTICLES = new Set(['the', 'der', 'die', 'das', 'den', 'dem', 'des', 'o', 'a', 'os', 'as', 'da', 'do', 'das', 'dos']);

/** A country or a region as a user or a list file names it, with or without an article. Regions win over ISO codes ("EU"). */
export function findPlace(text: string): Place | undefined {
	const { regionIndex } = indexes();
	let words = fold(text).split(' ').filter(Boolean);
	while (words.length > 0) {
		const key = words.join(' ');
		const region = regionIndex.get(key);
		if (region) {
			return { kind: 'region', region };
		}
		const code = indexes().countryIndex.get(key);
		if (code) return { kind: 'country', code };
		if (words.length < 2 || !PLACE_ARTICLES.has(words[0])) return undefined;
		words = words.slice(1);
	}
	return undefined;
}

/** A location a list may state: a country, or a region (EU, EMEA, Worldwide…), whose location code is the region's id. */
export function findLocation(text: string): { code: string; region?: Region } | undefined {
	const place = findPlace(text);
	if (!place) return undefined;
	return place.kind === 'country' ? { code: place.code } : { code: place.region.id, region: place.region };
}

/** The region a location code stands for, when it is no country. */
export function regionOf(code: string): Region | undefined {
	return regionById.get(code);
}

/**
 * How much of a location lies in the place: all of it, some of it (a region that overlaps the place: "somewhere
 * in the EU" may or may not be Germany), or none.
 */
export function placeCovers(place: Place, code: string): 'all' | 'some' | 'none' {
	const region = regionById.get(code);
	if (!region) return placeContains(place, code) ? 'all' : 'none';
	if (place.kind === 'country') return region.members.has(place.code) ? 'some' : 'none';
	let inside = 0;
	for (const member of region.members) if (place.region.members.has(member)) inside++;
	return inside === region.members.size ? 'all' : inside > 0 ? 'some' : 'none';
}

export function placeContains(place: Place, code: CountryCode): boolean {
	return place.kind === 'country' ? place.code === code : place.region.members.has(code);
}

const REGION_NAMES: Record<string, Partial<Record<RegionId, string>>> = {
	en: {
		EUROPE: 'Europe',
		ASIA: 'Asia',
		AFRICA: 'Africa',
		NORTH_AMERICA: 'North America',
		SOUTH_AMERICA: 'South America',
		LATAM: 'Latin America',
		AMERICAS: 'the Americas',
		OCEANIA: 'Oceania',
		MIDDLE_EAST: 'the Middle East',
		WORLD: 'Worldwide',
	},
	de: {
		EEA: 'EWR',
		EUROPE: 'Europa',
		ASIA: 'Asien',
		AFRICA: 'Afrika',
		NORTH_AMERICA: 'Nordamerika',
		SOUTH_AMERICA: 'Südamerika',
		LATAM: 'Lateinamerika',
		AMERICAS: 'Amerika',
		OCEANIA: 'Ozeanien',
		MIDDLE_EAST: 'Naher Osten',
		WORLD: 'weltweit',
	},
	pt: {
		EU: 'UE',
		EEA: 'EEE',
		EUROPE: 'Europa',
		ASIA: 'Ásia',
		AFRICA: 'África',
		NORTH_AMERICA: 'América do Norte',
		SOUTH_AMERICA: 'América do Sul',
		LATAM: 'América Latina',
		AMERICAS: 'Américas',
		OCEANIA: 'Oceania',
		MIDDLE_EAST: 'Oriente Médio',
		EMEA: 'EMEA',
		APAC: 'APAC',
		WORLD: 'mundo todo',
	},
};

/** The country's short name in the user's language (falls back to English): the same name in every answer. */
export function countryName(code: CountryCode, lang: string): string {
	const base = lang.split('-')[0];
	const region = regionById.get(code);
	if (region)
		return REGION_NAMES[base]?.[region.id] ?? REGION_ABBREVIATIONS[base]?.[region.id] ?? REGION_NAMES.en[region.id] ?? region.id;
	return (
		DISPLAY[base]?.[code] ??
		countries.getName(code, base, { select: 'official' }) ??
		DISPLAY.en[code] ??
		countries.getName(code, 'en') ??
		code
	);
}

/** EU and EEA as each language abbreviates them (English, German and Portuguese readers see "EU"/"EEA"). */
const REGION_ABBREVIATIONS: Record<string, Partial<Record<RegionId, string>>> = {
	es: { EU: 'UE', EEA: 'EEE' },
	fr: { EU: 'UE', EEA: 'EEE' },
	it: { EU: 'UE', EEA: 'SEE' },
	pl: { EU: 'UE', EEA: 'EOG' },
	ru: { EU: 'ЕС', EEA: 'ЕЭЗ' },
	zh: { EU: '欧盟', EEA: '欧洲经济区' },
	tr: { EU: 'AB', EEA: 'AEA' },
};

export function placeName(place: Place, lang: string): string {
	if (place.kind === 'region' && place.region.parts) return place.region.parts.map((part) => placeName(part, lang)).join(' / ');
	return countryName(place.kind === 'country' ? place.code : place.region.id, lang);
}

/** Places asked together ("in the US or Brazil", "outside the US and the EU") as one place: their union. */
export function joinPlaces(places: Place[]): Place {
	if (places.length === 1) return places[0];
	const members = new Set<CountryCode>();
	for (const place of places) {
		if (place.kind === 'country') members.add(place.code);
		else for (const code of place.region.members) members.add(code);
	}
	const key = places.map((p) => (p.kind === 'country' ? p.code : p.region.id)).join('+');
	return { kind: 'region', region: { id: key as RegionId, names: [], members, parts: places } };
}

/** Place names within a typo or two of a word, for "did you mean …?" (only asked when nothing matched). */
export function suggestPlaces(word: string, max = 2): Place[] {
	const folded = fold(word);
	if (folded.length < 4) return [];
	const { countryIndex, regionIndex } = indexes();
	const found: Array<{ place: Place; distance: number; key: string }> = [];
	const seen = new Set<string>();
	const limit = folded.length <= 6 ? 1 : 2;
	for (const [name, region] of regionIndex) {
		const d = typoDistance(folded, name, limit);
		if (d <= limit && !seen.has(region.id)) {
			seen.add(region.id);
			found.push({ place: { kind: 'region', region }, distance: d, key: region.id });
		}
	}
	for (const [name, code] of countryIndex) {
		if (name.length < 4) continue;
		const d = typoDistance(folded, name, limit);
		if (d <= limit && !seen.has(code)) {
			seen.add(code);
			found.push({ place: { kind: 'country', code }, distance: d, key: code });
		}
	}
	return found
		.sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key))
		.slice(0, max)
		.map((f) => f.place);
}
