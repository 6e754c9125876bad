/** Runtime texts: language resolution, catalog consistency, plurals, dates, and answers per language. */
import { readFileSync } from 'fs';
import path from 'path';
import { route } from '../../src/app/router';
import { en } from '../../src/kernel/i18n/en';
import {
	CATALOGS as TYPED_CATALOGS,
	formatDate,
	formatNumber,
	joinAlternatives,
	joinList,
	LANGUAGES,
	pluralCategory,
	resolveLang,
	t,
	type Lang,
	type TextKey,
} from '../../src/kernel/i18n';
import { bundledCatalog, visible } from './helpers';

const CATALOGS = TYPED_CATALOGS as Record<Lang, Record<string, string>>;
const TRANSLATIONS = LANGUAGES.filter((lang) => lang !== 'en');
const ALL_LANGUAGES: Lang[] = ['en', 'de', 'pt-BR', 'es', 'fr', 'it', 'pl', 'ru', 'ja', 'zh-CN', 'tr'];
/** The keys with plural forms: `search_title` for `search_title_one`/`search_title_other`. */
const PLURALS = Object.keys(en)
	.filter((key) => key.endsWith('_other'))
	.map((key) => key.replace(/_other$/, ''));
/** Plural forms English doesn't have, which a language may add for its counts. */
const EXTRA_FORMS = PLURALS.flatMap((base) => ['zero', 'two', 'few', 'many'].map((form) => `${base}_${form}`));
const PLURAL_FORM = /^(.+)_(zero|one|two|few|many|other)$/;
const COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 102, 111, 112, 1000, 1001, 5000];

/** A catalog of languages2 not merged yet is a copy of English marked with this first line. */
const PLACEHOLDER = '// PLACEHOLDER: replaced by the translation from branch languages2';
function isPlaceholder(lang: Lang): boolean {
	const file = path.join(__dirname, '..', '..', 'src', 'kernel', 'i18n', `${lang === 'pt-BR' ? 'pt-BR' : lang}.ts`);
	return readFileSync(file, 'utf8').split('\n')[0] === PLACEHOLDER;
}

function placeholders(template: string): string[] {
	return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

describe('resolveLang', () => {
	test.each([
		['pt', 'pt-BR'],
		['pt-BR', 'pt-BR'],
		['pt_BR', 'pt-BR'],
		['PT-br', 'pt-BR'],
		['pt-PT', 'pt-BR'],
		['de', 'de'],
		['de-AT', 'de'],
		['DE_ch', 'de'],
		['en', 'en'],
		['en-US', 'en'],
		['es', 'es'],
		['es-MX', 'es'],
		['es_419', 'es'],
		['fr', 'fr'],
		['fr-CA', 'fr'],
		['it', 'it'],
		['it-CH', 'it'],
		['pl', 'pl'],
		['pl-PL', 'pl'],
		['ru', 'ru'],
		['ja', 'ja'],
		['tr', 'tr'],
		['zh', 'zh-CN'],
		['zh-CN', 'zh-CN'],
		['zh_CN', 'zh-CN'],
		['zh-Hans', 'zh-CN'],
		['zh-SG', 'zh-CN'],
		['zh-TW', 'en'],
		['zh-HK', 'en'],
		['zh-Hant-TW', 'en'],
		['nb', 'en'],
		['uk', 'en'],
		['', 'en'],
		[' de ', 'de'],
		[undefined, 'en'],
		[null, 'en'],
	])('%p → %p', (preference, lang) => {
		expect(resolveLang(preference)).toBe(lang);
	});

	test('the supported languages', () => {
		expect([...LANGUAGES].sort()).toEqual([...ALL_LANGUAGES].sort());
	});
});

function placeholdersOf(template: string, ignoreCount: boolean): string {
	return placeholders(template)
		.filter((name) => !(ignoreCount && name === 'count'))
		.join(',');
}

describe('catalogs', () => {
	test.each(TRANSLATIONS)("%s has every key of en, and no key but en's and extra plural forms", (lang) => {
		const keys = Object.keys(CATALOGS[lang]);
		expect(Object.keys(en).filter((key) => !keys.includes(key))).toEqual([]);
		expect(keys.filter((key) => !(key in en) && !EXTRA_FORMS.includes(key))).toEqual([]);
	});

	// A plural form may say {count} where English writes "1" (French and Portuguese call 0 "one", Russian 21).
	test.each(TRANSLATIONS)('%s has the same {placeholders} as en, key by key', (lang) => {
		const differences = Object.keys(CATALOGS[lang]).flatMap((key) => {
			const plural = PLURAL_FORM.exec(key);
			const reference = key in en ? en[key as keyof typeof en] : en[`${plural?.[1]}_other` as keyof typeof en];
			const wanted = placeholdersOf(reference, !!plural);
			const got = placeholdersOf(CATALOGS[lang][key], !!plural);
			return wanted === got ? [] : [`${key}: en ${wanted} / ${lang} ${got}`];
		});
		expect(differences).toEqual([]);
	});

	test.each(LANGUAGES)('%s has no empty text, and every _one has its _other', (lang) => {
		const catalog = CATALOGS[lang];
		for (const [key, value] of Object.entries(catalog)) {
			expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
			if (key.endsWith('_one')) expect(Object.keys(catalog)).toContain(key.replace(/_one$/, '_other'));
		}
	});

	test.each(LANGUAGES)('%s has a text for every plural form Intl picks for a count', (lang) => {
		// A marked copy of English (see isPlaceholder) can't have Russian's forms; the merge replaces it.
		if (isPlaceholder(lang)) return;
		const missing = PLURALS.flatMap((base) =>
			COUNTS.map((count) => pluralCategory(lang, count))
				.filter((form) => !(`${base}_${form}` in CATALOGS[lang]) && form !== 'other')
				.map((form) => `${base}_${form}`),
		);
		expect([...new Set(missing)]).toEqual([]);
	});

	test.each(LANGUAGES)('%s: every plural text shows the count, for any count', (lang) => {
		for (const base of PLURALS) {
			for (const count of COUNTS) {
				expect({
					base,
					count,
					text: t(lang, base as TextKey, { count, query: 'q', place: 'P' }).includes(formatNumber(lang, count)),
				}).toEqual({ base, count, text: true });
			}
		}
	});

	// Russian calls 21, 31, 101… "one": its _one texts must say {count}, or those counts would take _other's form.
	test.each(LANGUAGES)('%s: where "one" covers more than 1, every _one text says {count}', (lang) => {
		if (!COUNTS.some((count) => count >= 2 && pluralCategory(lang, count) === 'one')) return;
		expect(PLURALS.filter((base) => !CATALOGS[lang][`${base}_one`].includes('{count}'))).toEqual(isPlaceholder(lang) ? PLURALS : []);
	});

	test.each(TRANSLATIONS)('%s is a translation (not a copy of English)', (lang) => {
		if (isPlaceholder(lang)) {
			// Until branch languages2 is merged, its catalogs are marked copies of English; the merge replaces them.
			expect(CATALOGS[lang]).toEqual({ ...en, ...CATALOGS[lang] });
			return;
		}
		const same = Object.keys(en).filter((key) => CATALOGS[lang][key] === en[key as keyof typeof en]);
		// Only texts that are the same in both languages (e.g. "Website", "Service", "Status") may be the same.
		expect(same.length).toBeLessThan(4);
	});

	test('every i18n/*.json has exactly the keys of en.json, none empty, the same {placeholders}', () => {
		const dir = path.join(__dirname, '..', '..', 'i18n');
		const read = (lang: string): Record<string, string> => JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8'));
		const english = read('en');
		for (const lang of ALL_LANGUAGES) {
			const messages = read(lang);
			expect({ lang, keys: Object.keys(messages).sort() }).toEqual({ lang, keys: Object.keys(english).sort() });
			for (const [key, value] of Object.entries(messages)) {
				expect({ lang, key, empty: value.trim() === '', placeholders: placeholders(value) }).toEqual({
					lang,
					key,
					empty: false,
					placeholders: placeholders(english[key]),
				});
			}
		}
	});

	test('the app ships an i18n/*.json for every runtime language', () => {
		const dir = path.join(__dirname, '..', '..', 'i18n');
		for (const lang of LANGUAGES) expect(() => readFileSync(path.join(dir, `${lang}.json`), 'utf8')).not.toThrow();
	});
});

describe('t', () => {
	test('fills in {placeholders}', () => {
		expect(t('en', 'no_match', { query: 'xyz' })).toBe('No sub-processor matches “xyz”.');
		expect(t('de', 'no_match', { query: 'xyz' })).toBe('Kein Unterauftragsverarbeiter passt zu „xyz“.');
	});

	test('leaves an unknown placeholder as it is', () => {
		expect(t('en', 'no_match')).toBe('No sub-processor matches “{query}”.');
	});

	test('count picks _one or _other', () => {
		expect(t('en', 'category_count', { count: 1 })).toBe('1 sub-processor');
		expect(t('en', 'category_count', { count: 2 })).toBe('2 sub-processors');
		expect(t('en', 'category_count', { count: 0 })).toBe('0 sub-processors');
		expect(t('pt-BR', 'category_count', { count: 1 })).toBe('1 suboperador');
		expect(t('pt-BR', 'category_count', { count: 3 })).toBe('3 suboperadores');
		expect(t('en', 'search_title', { count: 1, query: 'q' })).toBe('*1 sub-processor matches* “q”');
		expect(t('en', 'search_title', { count: 7, query: 'q' })).toBe('*7 sub-processors match* “q”');
	});

	test('numbers are formatted in the language', () => {
		expect(t('en', 'category_count', { count: 5000 })).toBe('5,000 sub-processors');
		expect(t('de', 'category_count', { count: 5000 })).toBe('5.000 Unterauftragsverarbeiter');
		expect(t('pt-BR', 'category_count', { count: 5000 })).toBe('5.000 suboperadores');
	});

	test('an unknown language falls back to English', () => {
		expect(t('xx' as Lang, 'help_help')).toBe(en.help_help);
		expect(t('xx' as Lang, 'category_count', { count: 2 })).toBe('2 sub-processors');
	});

	test('Polish counts take four forms, as Intl.PluralRules picks them', () => {
		expect([1, 2, 4, 5, 12, 21, 22, 25, 0].map((count) => t('pl', 'category_count', { count }))).toEqual([
			'1 dalszy podmiot przetwarzający',
			'2 dalsze podmioty przetwarzające',
			'4 dalsze podmioty przetwarzające',
			'5 dalszych podmiotów przetwarzających',
			'12 dalszych podmiotów przetwarzających',
			'21 dalszych podmiotów przetwarzających',
			'22 dalsze podmioty przetwarzające',
			'25 dalszych podmiotów przetwarzających',
			'0 dalszych podmiotów przetwarzających',
		]);
		expect(t('pl', 'search_title', { count: 3, query: 'q' })).toBe('*3 dalsze podmioty przetwarzające pasują do* „q”');
	});

	test('French says 0 in the singular; Portuguese\'s "1 suboperador" is only for 1', () => {
		expect(t('fr', 'category_count', { count: 0 })).toBe('0 sous-traitant ultérieur');
		expect(t('fr', 'category_count', { count: 1 })).toBe('1 sous-traitant ultérieur');
		expect(t('fr', 'category_count', { count: 2 })).toBe('2 sous-traitants ultérieurs');
		expect(pluralCategory('pt-BR', 0)).toBe('one');
		expect(t('pt-BR', 'category_count', { count: 0 })).toBe('0 suboperadores');
		expect(t('pt-BR', 'category_count', { count: 1 })).toBe('1 suboperador');
	});

	test('Japanese and Chinese have one form: 1 takes _other', () => {
		for (const lang of ['ja', 'zh-CN'] as Lang[]) {
			expect(pluralCategory(lang, 1)).toBe('other');
			expect(t(lang, 'category_count', { count: 1 })).toBe(CATALOGS[lang].category_count_other.replace('{count}', '1'));
		}
	});

	test('numbers are grouped as each language groups them', () => {
		expect(ALL_LANGUAGES.map((lang) => formatNumber(lang, 5000))).toEqual([
			'5,000',
			'5.000',
			'5.000',
			'5000',
			'5\u202f000',
			'5000',
			'5000',
			'5\u00a0000',
			'5,000',
			'5,000',
			'5.000',
		]);
		expect(formatNumber('es', 50000)).toBe('50.000');
		expect(formatNumber('pl', 50000)).toBe('50\u00a0000');
	});

	test('an unknown key does not compile, and would be returned as it is', () => {
		// @ts-expect-error a misspelt key is a type error (t takes message keys only)
		expect(t('en', 'no_such_key')).toBe('no_such_key');
	});

	test("the objection form's errors (zod messages in src/features/objections/model.ts) are message keys", () => {
		const source = readFileSync(path.join(__dirname, '../../src/features/objections/model.ts'), 'utf8');
		const keys = [...new Set(source.match(/'form_\w+'/g)!.map((quoted) => quoted.slice(1, -1)))];
		expect(keys.length).toBeGreaterThan(5);
		for (const key of keys) expect({ key, known: key in en }).toEqual({ key, known: true });
	});
});

describe('dates and lists per language', () => {
	test.each([
		['en', '5 January 2023'],
		['pt-BR', '5 de janeiro de 2023'],
		['de', '5. Januar 2023'],
		['es', '5 de enero de 2023'],
		['fr', '5 janvier 2023'],
		['it', '5 gennaio 2023'],
		['pl', '5 stycznia 2023'],
		['ru', '5 января 2023 г.'],
		['ja', '2023年1月5日'],
		['zh-CN', '2023年1月5日'],
		['tr', '5 Ocak 2023'],
	] as Array<[Lang, string]>)('%s: %s', (lang, expected) => {
		expect(formatDate(lang, '2023-01-05')).toBe(expected);
	});

	test('dates do not shift with the time zone: the last day of a year stays in it', () => {
		expect(formatDate('en', '2023-12-31')).toBe('31 December 2023');
		expect(formatDate('en', '2024-01-01')).toBe('1 January 2024');
	});

	test('lists joined in the language', () => {
		expect(joinList('en', ['A', 'B', 'C'])).toBe('A, B, and C');
		expect(joinList('pt-BR', ['A', 'B'])).toBe('A e B');
		expect(joinList('de', ['A', 'B'])).toBe('A und B');
		expect(joinAlternatives('en', ['A', 'B'])).toBe('A or B');
		expect(joinAlternatives('de', ['A', 'B'])).toBe('A oder B');
		expect(['es', 'fr', 'it', 'pl', 'ru', 'tr'].map((lang) => joinList(lang as Lang, ['A', 'B']))).toEqual([
			'A y B',
			'A et B',
			'A e B',
			'A i B',
			'A и B',
			'A ve B',
		]);
		expect(['es', 'fr', 'it', 'pl'].map((lang) => joinAlternatives(lang as Lang, ['A', 'B']))).toEqual([
			'A o B',
			'A ou B',
			'A o B',
			'A lub B',
		]);
	});
});

describe('answers per language', () => {
	const catalog = bundledCatalog();

	async function text(lang: Lang, ...words: string[]): Promise<string> {
		return visible((await route(words, catalog, lang)).reply.text);
	}

	test('help differs from English in pt-BR and de', async () => {
		const english = await text('en', 'help');
		const portuguese = await text('pt-BR', 'help');
		const german = await text('de', 'help');
		expect(portuguese.split('\n')[0]).toBe('*/subprocessors* — pergunte sobre os suboperadores da Rocket.Chat');
		expect(german.split('\n')[0]).toBe('*/subprocessors* — Fragen zu den Unterauftragsverarbeitern von Rocket.Chat');
		expect(portuguese).not.toBe(english);
		expect(german).not.toBe(english);
	});

	test('the version footer has the date in the language', async () => {
		expect(await text('en', 'categories')).toMatch(/From the Rocket\.Chat sub-processor list of 5 January 2023\.$/);
		expect(await text('pt-BR', 'categories')).toMatch(/Da lista de suboperadores da Rocket\.Chat de 5 de janeiro de 2023\.$/);
		expect(await text('de', 'categories')).toMatch(/Aus der Unterauftragsverarbeiter-Liste von Rocket\.Chat vom 5\. Januar 2023\.$/);
	});

	test('country names and "not stated" in the language', async () => {
		expect(await text('pt-BR', 'show', 'Fabulor')).toContain('*Dados tratados em*\nBélgica e Países Baixos');
		expect(await text('de', 'show', 'Fabulor')).toContain('*Datenverarbeitung in*\nBelgien und Niederlande');
		expect(await text('de', 'show', 'Stripe')).toContain('_Standort nicht angegeben_');
		expect((await text('pt-BR', 'in', 'Brasil')).split('\n')[0]).toBe('*1 suboperador trata dados em* Brasil');
		expect((await text('de', 'in', 'Brasilien')).split('\n')[0]).toBe('*1 Unterauftragsverarbeiter verarbeitet Daten in* Brasilien');
	});

	test('a mistyped subcommand in German', async () => {
		expect((await text('de', 'lsit')).split('\n')[0]).toBe('Den Unterbefehl „lsit“ kenne ich nicht.');
	});

	test('an unknown preference gets English answers', async () => {
		expect(await text(resolveLang('nb-NO'), 'help')).toBe(await text('en', 'help'));
		expect(await text(resolveLang('zh-TW'), 'help')).toBe(await text('en', 'help'));
	});

	test.each([
		[
			'es',
			'*/subprocessors* — consultas sobre los subencargados de Rocket.Chat',
			'De la lista de subencargados de Rocket.Chat del 5 de enero de 2023.',
		],
		[
			'fr',
			'*/subprocessors* — questions sur les sous-traitants ultérieurs de Rocket.Chat',
			'D’après la liste des sous-traitants ultérieurs de Rocket.Chat du 5 janvier 2023.',
		],
		[
			'it',
			'*/subprocessors* — domande sui sub-responsabili del trattamento di Rocket.Chat',
			'Dall’elenco dei sub-responsabili del trattamento di Rocket.Chat del 5 gennaio 2023.',
		],
		[
			'pl',
			'*/subprocessors* — pytania o dalsze podmioty przetwarzające Rocket.Chat',
			'Na podstawie listy dalszych podmiotów przetwarzających Rocket.Chat z dnia 5 stycznia 2023.',
		],
	] as Array<[Lang, string, string]>)('%s: help and the version footer', async (lang, help, footer) => {
		expect((await text(lang, 'help')).split('\n')[0]).toBe(help);
		expect((await text(lang, 'categories')).endsWith(footer)).toBe(true);
	});

	test('country names in the language, and typed in it', async () => {
		expect(await text('es', 'show', 'Fabulor')).toContain('*Datos tratados en*\nBélgica y Países Bajos');
		expect(await text('fr', 'show', 'Fabulor')).toContain('*Lieux de traitement des données*\nBelgique et Pays-Bas');
		expect(await text('it', 'show', 'Fabulor')).toContain('*Luoghi del trattamento*\nBelgio e Paesi Bassi');
		expect(await text('pl', 'show', 'Fabulor')).toContain('*Miejsca przetwarzania danych*\nBelgia i Holandia');
		expect((await text('es', 'in', 'Brasil')).split('\n')[0]).toBe('*1 subencargado trata datos en* Brasil');
		expect((await text('fr', 'in', 'Brésil')).split('\n')[0]).toBe('Brésil : *1 sous-traitant ultérieur y traite des données*');
		expect((await text('it', 'in', 'Brasile')).split('\n')[0]).toBe('Brasile: *1 sub-responsabile vi tratta dati*');
		expect((await text('pl', 'in', 'Brazylia')).split('\n')[0]).toBe(
			'*1 dalszy podmiot przetwarzający przetwarza dane na obszarze:* Brazylia',
		);
		expect((await text('pl', 'outside', 'UE')).split('\n')[0]).toMatch(/^\*\d+ dalsz.+ poza obszarem:\* UE$/);
		expect((await text('fr', 'outside', 'EEE')).split('\n')[0]).toMatch(
			/^EEE : \*\d+ sous-traitants ultérieurs traitent des données en dehors de ce périmètre\*$/,
		);
		expect((await text('de', 'in', 'EU')).split('\n')[0]).toMatch(/ in\* EU$/);
	});
});
