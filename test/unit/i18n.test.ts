/** Runtime texts: language resolution, catalog consistency, plurals, dates, and answers per language. */
import { route } from '../../src/commands/router';
import { de } from '../../src/i18n/de';
import { en } from '../../src/i18n/en';
import { formatDate, joinAlternatives, joinList, LANGUAGES, resolveLang, t, type Lang } from '../../src/i18n';
import { ptBR } from '../../src/i18n/pt-BR';
import { bundledCatalog, visible } from './helpers';

const CATALOGS: Record<string, Record<string, string>> = { en, 'pt-BR': ptBR, de };

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
        ['fr', 'en'],
        ['', 'en'],
        [' de ', 'de'],
        [undefined, 'en'],
        [null, 'en'],
    ])('%p → %p', (preference, lang) => {
        expect(resolveLang(preference)).toBe(lang);
    });

    test('the supported languages', () => {
        expect([...LANGUAGES].sort()).toEqual(['de', 'en', 'pt-BR']);
    });
});

describe('catalogs', () => {
    test.each(['pt-BR', 'de'])('%s has exactly the keys of en', (lang) => {
        expect(Object.keys(CATALOGS[lang]).sort()).toEqual(Object.keys(en).sort());
    });

    test.each(['pt-BR', 'de'])('%s has the same {placeholders} as en, key by key', (lang) => {
        const differences = Object.keys(en).flatMap((key) => {
            const wanted = placeholders(en[key as keyof typeof en]);
            const got = placeholders(CATALOGS[lang][key] ?? '');
            return JSON.stringify(wanted) === JSON.stringify(got) ? [] : [`${key}: en ${wanted.join(',')} / ${lang} ${got.join(',')}`];
        });
        expect(differences).toEqual([]);
    });

    test.each(['en', 'pt-BR', 'de'])('%s has no empty text, and every _one has its _other', (lang) => {
        const catalog = CATALOGS[lang];
        for (const [key, value] of Object.entries(catalog)) {
            expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
            if (key.endsWith('_one')) expect(Object.keys(catalog)).toContain(key.replace(/_one$/, '_other'));
        }
    });

    test('the translations are translations (not copies of English)', () => {
        for (const lang of ['pt-BR', 'de']) {
            const same = Object.keys(en).filter((key) => CATALOGS[lang][key] === en[key as keyof typeof en]);
            // Only texts that are English in every language (e.g. "Website") may be the same.
            expect(same.length).toBeLessThan(3);
        }
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
        expect(t('fr' as Lang, 'help_help')).toBe(en.help_help);
        expect(t('fr' as Lang, 'category_count', { count: 2 })).toBe('2 sub-processors');
    });

    test('an unknown key is returned as it is', () => {
        expect(t('en', 'no_such_key')).toBe('no_such_key');
    });
});

describe('dates and lists per language', () => {
    test.each([
        ['en', '5 January 2023'],
        ['pt-BR', '5 de janeiro de 2023'],
        ['de', '5. Januar 2023'],
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
        expect(await text(resolveLang('fr-FR'), 'help')).toBe(await text('en', 'help'));
    });
});
