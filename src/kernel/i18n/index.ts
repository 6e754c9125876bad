/**
 * Runtime texts in the user's language. `i18n/*.json` translates only the app's metadata; everything
 * the app says at run time comes from these catalogs.
 */
import { de } from './de';
import { en, type MessageKey, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { ja } from './ja';
import { pl } from './pl';
import { ptBR } from './pt-BR';
import { ru } from './ru';
import { tr } from './tr';
import { zhCN } from './zh-CN';

export type { MessageKey, Messages };
export type Lang = 'en' | 'de' | 'pt-BR' | 'es' | 'fr' | 'it' | 'pl' | 'ru' | 'ja' | 'zh-CN' | 'tr';

/** Every catalog by language; `en` is the reference (the keys, and the text when a catalog lacks one). */
export const CATALOGS: Readonly<Record<Lang, Messages>> = { en, de, 'pt-BR': ptBR, es, fr, it, pl, ru, ja, 'zh-CN': zhCN, tr };
export const LANGUAGES = Object.keys(CATALOGS) as Lang[];

/** Languages that have one catalog for every region: "es-MX" → es, "fr-CA" → fr, "de-AT" → de, "pt-PT" → pt-BR. */
const BY_BASE: Record<string, Lang> = {
	en: 'en',
	de: 'de',
	pt: 'pt-BR',
	es: 'es',
	fr: 'fr',
	it: 'it',
	pl: 'pl',
	ru: 'ru',
	ja: 'ja',
	tr: 'tr',
};

/**
 * The best supported language for a Rocket.Chat language preference ("pt", "pt-BR", "de-AT", "zh", …); English
 * otherwise. Chinese: Rocket.Chat's "zh" is Simplified Chinese, as are "zh-CN", "zh-SG" and "zh-Hans"; "zh-TW",
 * "zh-HK", "zh-MO" and "zh-Hant" are written in Traditional characters, which our zh-CN catalog is not, so they get
 * English until there is a Traditional catalog.
 */
export function resolveLang(preference: string | undefined | null): Lang {
	const wanted = (preference ?? '').trim().toLowerCase().replace(/_/g, '-');
	const [base, ...rest] = wanted.split('-');
	if (base === 'zh') {
		return rest.some((part) => ['tw', 'hk', 'mo', 'hant'].includes(part)) ? 'en' : 'zh-CN';
	}
	return BY_BASE[base] ?? 'en';
}

export type Params = Record<string, string | number>;

/** A key `t` accepts: a message, or the stem of plural forms (`x` for `x_one` … `x_other`). A misspelt key does not compile. */
export type TextKey = MessageKey | (MessageKey extends infer K ? (K extends `${infer Stem}_other` ? Stem : never) : never);

/**
 * The text for `key` in `lang` with {params} filled in. With a numeric `params.count`, the plural form is the one
 * `Intl.PluralRules` picks for the language (`key_one`, `key_few`, `key_many`, …: Polish and Russian have four, Japanese
 * and Chinese one), falling back to `key_other`. A `key_one` text that does not say `{count}` is the text for exactly 1
 * (English "1 sub-processor"), so it is used only for 1: French and Portuguese call 0 "one" too, Russian 21.
 */
export function t(lang: Lang, key: TextKey, params: Params = {}): string {
	const catalog: Record<string, string | undefined> = CATALOGS[lang] ?? en;
	const reference: Record<string, string | undefined> = en;
	let chosen: string = key;
	if (typeof params.count === 'number' && hasPlurals(key)) {
		chosen = `${key}_other`;
		const form = `${key}_${pluralCategory(lang, params.count)}`;
		const text = catalog[form];
		if (text !== undefined && (params.count === 1 || !form.endsWith('_one') || text.includes('{count}'))) {
			chosen = form;
		}
	}
	const template = catalog[chosen] ?? reference[chosen] ?? chosen;
	// The template cut once at its {params}: literal, name, literal, … (what a replace of /\{(\w+)\}/g would find).
	let parts = templateParts.get(template);
	if (!parts) {
		parts = template.split(/\{(\w+)\}/);
		templateParts.set(template, parts);
	}
	let text = parts[0];
	for (let i = 1; i < parts.length; i += 2) {
		const name = parts[i];
		const value = params[name];
		text += name in params ? String(typeof value === 'number' ? formatNumber(lang, value) : value) : `{${name}}`;
		text += parts[i + 1];
	}
	return text;
}

/** Whether a key has plural forms (`key_other`), and each template's parts: `t` runs for every line of some answers. */
const pluralStems = new Map<string, boolean>();
const templateParts = new Map<string, string[]>();

function hasPlurals(key: string): boolean {
	let found = pluralStems.get(key);
	if (found === undefined) {
		found = `${key}_other` in en;
		pluralStems.set(key, found);
	}
	return found;
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

/** A number as the language writes it: "5,000", "5.000", "5 000"; Spanish and Polish group only from 10 000. */
export function formatNumber(lang: Lang, value: number): string {
	const small = Number.isInteger(value) && value >= 0 && value < SMALL ? smallOf(numbers, lang) : undefined;
	const known = small?.[value];
	if (known !== undefined) return known;
	const text = formatter(`number:${lang}`, () => new Intl.NumberFormat(lang))?.format(value) ?? String(value);
	if (small) small[value] = text;
	return text;
}

/**
 * Counts below this are formatted (and their plural category found) once per language: answers say "…and 104
 * more" per list of a grouped answer, and an Intl call per count was a visible part of one.
 */
const SMALL = 10_000;
const numbers = new Map<Lang, string[]>();
const plurals = new Map<Lang, string[]>();

function smallOf(cache: Map<Lang, string[]>, lang: Lang): string[] {
	let found = cache.get(lang);
	if (!found) {
		found = [];
		cache.set(lang, found);
	}
	return found;
}

/** The CLDR plural category of `count` in the language ("one", "few", "many", "other", …); "other" if Intl can't say. */
export function pluralCategory(lang: Lang, count: number): string {
	const small = Number.isInteger(count) && count >= 0 && count < SMALL ? smallOf(plurals, lang) : undefined;
	const known = small?.[count];
	if (known !== undefined) return known;
	const rules = formatter(`plural:${lang}`, () => {
		const created = new Intl.PluralRules(lang);
		return { format: (value: number) => created.select(value) };
	});
	const category = rules?.format(count) ?? 'other';
	if (small) small[count] = category;
	return category;
}

/** A list date (YYYY-MM-DD) as people write it in the language: "5 January 2023", "5. Januar 2023". */
export function formatDate(lang: Lang, isoDate: string): string {
	const dates = formatter(
		`date:${lang}`,
		() => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
	);
	const date = new Date(`${isoDate}T00:00:00Z`);
	return dates && !Number.isNaN(date.getTime()) ? dates.format(date) : isoDate;
}

/** "A, B and C" in the language. */
export function joinList(lang: Lang, items: string[]): string {
	return (
		formatter(`and:${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }))?.format(items) ?? items.join(', ')
	);
}

export function joinAlternatives(lang: Lang, items: string[]): string {
	return (
		formatter(`or:${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'disjunction' }))?.format(items) ?? items.join(', ')
	);
}
