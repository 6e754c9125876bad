/**
 * Runtime texts in the user's language. `i18n/*.json` translates only the app's metadata; everything
 * the app says at run time comes from these catalogs.
 */
import { de } from './de';
import { en, type MessageKey, type Messages } from './en';
import { ptBR } from './pt-BR';

export type { MessageKey };
export type Lang = 'en' | 'pt-BR' | 'de';

const CATALOGS: Record<Lang, Messages> = { en, 'pt-BR': ptBR, de };
export const LANGUAGES = Object.keys(CATALOGS) as Lang[];

/** The best supported language for a Rocket.Chat language preference ("pt", "pt-BR", "de-AT", …); English otherwise. */
export function resolveLang(preference: string | undefined | null): Lang {
    const wanted = (preference ?? '').trim().toLowerCase().replace('_', '-');
    const base = wanted.split('-')[0];
    if (base === 'pt') {
        return 'pt-BR';
    }
    if (base === 'de') {
        return 'de';
    }
    return 'en';
}

export type Params = Record<string, string | number>;

/** The text for `key` in `lang` with {params} filled in; `key_one`/`key_other` are chosen by `params.count`. */
export function t(lang: Lang, key: MessageKey | string, params: Params = {}): string {
    const catalog = CATALOGS[lang] ?? en;
    let chosen = key;
    if (typeof params.count === 'number') {
        const plural = `${key}_${params.count === 1 ? 'one' : 'other'}`;
        if (plural in en) {
            chosen = plural;
        }
    }
    const template = catalog[chosen as MessageKey] ?? en[chosen as MessageKey] ?? chosen;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(typeof params[name] === 'number' ? formatNumber(lang, params[name] as number) : params[name]) : whole,
    );
}

/** Intl formatters are costly to create and answers use them all the time: one of each per language. */
const formatters = new Map<string, { format(value: never): string }>();

function formatter<T extends { format(value: never): string }>(key: string, create: () => T): T | undefined {
    let found = formatters.get(key);
    if (!found) {
        try {
            found = create();
        } catch {
            return undefined;
        }
        formatters.set(key, found);
    }
    return found as T;
}

function formatNumber(lang: Lang, value: number): string {
    return formatter(`number:${lang}`, () => new Intl.NumberFormat(lang))?.format(value) ?? String(value);
}

/** A list date (YYYY-MM-DD) as people write it in the language: "5 January 2023", "5. Januar 2023". */
export function formatDate(lang: Lang, isoDate: string): string {
    const dates = formatter(`date:${lang}`, () => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
    const date = new Date(`${isoDate}T00:00:00Z`);
    return dates && !Number.isNaN(date.getTime()) ? dates.format(date) : isoDate;
}

/** "A, B and C" in the language. */
export function joinList(lang: Lang, items: string[]): string {
    return formatter(`and:${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }))?.format(items) ?? items.join(', ');
}

export function joinAlternatives(lang: Lang, items: string[]): string {
    return formatter(`or:${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'disjunction' }))?.format(items) ?? items.join(', ');
}
