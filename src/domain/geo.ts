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
import { fold } from './text';

for (const locale of [en, pt, de, es, fr, it, pl, ru, ja, zh, tr]) countries.registerLocale(locale);

/** Names users type: English, Portuguese and German first; the other languages' names only where they are free. */
const NAME_LANGS = ['en', 'pt', 'de'];
const MORE_NAME_LANGS = ['es', 'fr', 'it', 'pl', 'ru', 'ja', 'zh', 'tr'];

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
        names: ['EU', 'European Union', 'Europäische Union', 'União Europeia', 'UE', 'Unión Europea', 'Union européenne', 'Unione europea', 'Unia Europejska', 'ЕС', 'Евросоюз', 'Европейский союз', '欧州連合', '欧盟', '欧洲联盟', 'AB', 'Avrupa Birliği'],
        members: EU,
    },
    {
        id: 'EEA',
        names: [
            'EEA', 'European Economic Area', 'Europäischer Wirtschaftsraum', 'EWR', 'Espaço Económico Europeu', 'Espaço Econômico Europeu', 'EEE',
            'Espacio Económico Europeo', 'Espace économique européen', 'Spazio economico europeo', 'SEE', 'Europejski Obszar Gospodarczy', 'EOG',
            'ЕЭЗ', 'Европейская экономическая зона', '欧州経済領域', '欧洲经济区', 'AEA', 'Avrupa Ekonomik Alanı',
        ],
        members: EEA,
    },
];

let countryIndex: Map<string, CountryCode> | undefined;
let regionIndex: Map<string, Region> | undefined;

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

/** EU and EEA as each language abbreviates them (English, German and Portuguese readers see "EU"/"EEA"). */
const REGION_ABBREVIATIONS: Record<string, Record<Region['id'], string>> = {
    es: { EU: 'UE', EEA: 'EEE' },
    fr: { EU: 'UE', EEA: 'EEE' },
    it: { EU: 'UE', EEA: 'SEE' },
    pl: { EU: 'UE', EEA: 'EOG' },
    ru: { EU: 'ЕС', EEA: 'ЕЭЗ' },
    zh: { EU: '欧盟', EEA: '欧洲经济区' },
    tr: { EU: 'AB', EEA: 'AEA' },
};

export function placeName(place: Place, lang: string): string {
    if (place.kind === 'country') return countryName(place.code, lang);
    return REGION_ABBREVIATIONS[lang.split('-')[0]]?.[place.region.id] ?? place.region.id;
}
