/**
 * Countries and regions. Country names, aliases and ISO codes come from i18n-iso-countries (English,
 * Portuguese and German names registered); EU/EEA membership is a short political fact kept here.
 */
import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import pt from 'i18n-iso-countries/langs/pt.json';
import { fold } from './text';

countries.registerLocale(en);
countries.registerLocale(pt);
countries.registerLocale(de);

export type CountryCode = string;

export interface Region {
    id: 'EU' | 'EEA';
    names: string[];
    members: ReadonlySet<CountryCode>;
}

export type Place = { kind: 'country'; code: CountryCode } | { kind: 'region'; region: Region };

// EU member states since 1 February 2020.
const EU = new Set(
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);
const EEA = new Set([...EU, 'IS', 'LI', 'NO']);

export const REGIONS: Region[] = [
    {
        id: 'EU',
        names: ['EU', 'European Union', 'Europäische Union', 'União Europeia', 'UE'],
        members: EU,
    },
    {
        id: 'EEA',
        names: ['EEA', 'European Economic Area', 'Europäischer Wirtschaftsraum', 'EWR', 'Espaço Económico Europeu', 'Espaço Econômico Europeu', 'EEE'],
        members: EEA,
    },
];

let countryIndex: Map<string, CountryCode> | undefined;
let regionIndex: Map<string, Region> | undefined;

function indexes(): { countryIndex: Map<string, CountryCode>; regionIndex: Map<string, Region> } {
    if (!countryIndex || !regionIndex) {
        countryIndex = new Map();
        for (const code of Object.keys(countries.getAlpha2Codes())) {
            countryIndex.set(fold(code), code);
            countryIndex.set(fold(countries.alpha2ToAlpha3(code) ?? code), code);
            for (const lang of ['en', 'pt', 'de']) {
                for (const name of countries.getName(code, lang, { select: 'all' }) ?? []) {
                    countryIndex.set(fold(name), code);
                }
            }
        }
        regionIndex = new Map();
        for (const region of REGIONS) {
            for (const name of region.names) {
                regionIndex.set(fold(name), region);
            }
        }
    }
    return { countryIndex, regionIndex };
}

/** A country by name (English, Portuguese, German), common alias or ISO alpha-2/alpha-3 code. */
export function findCountry(text: string): CountryCode | undefined {
    return indexes().countryIndex.get(fold(text));
}

/** A country or a region (EU, EEA) as a user or a list file names it. Regions win over ISO codes ("EU"). */
export function findPlace(text: string): Place | undefined {
    const { regionIndex } = indexes();
    const region = regionIndex.get(fold(text));
    if (region) {
        return { kind: 'region', region };
    }
    const code = findCountry(text);
    return code ? { kind: 'country', code } : undefined;
}

export function placeContains(place: Place, code: CountryCode): boolean {
    return place.kind === 'country' ? place.code === code : place.region.members.has(code);
}

/** The country's short name in the user's language (falls back to English). */
export function countryName(code: CountryCode, lang: string): string {
    const base = lang.split('-')[0];
    return countries.getName(code, base, { select: 'official' }) ?? countries.getName(code, 'en') ?? code;
}

export function placeName(place: Place, lang: string): string {
    return place.kind === 'country' ? countryName(place.code, lang) : place.region.id;
}
