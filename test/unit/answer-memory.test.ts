/**
 * Answers made without holding what they do not need (docs/performance.md, memory): `markupSafe` copies text in runs
 * instead of one character at a time, and the list answer keeps each page as which entries it shows, making the
 * page's blocks when asked. Both must answer exactly as the versions they replaced, kept here as references.
 */
import fc from 'fast-check';

import {
	entryLine,
	listAnswer,
	listLine,
	MAX_REPLY_BLOCKS,
	MAX_REPLY_TEXT,
	sectionsOf,
	versionFooter,
} from '../../src/features/list/answers';
import type { Catalog } from '../../src/features/list/catalog';
import { context, section } from '../../src/kernel/blocks';
import { t, type Lang } from '../../src/kernel/i18n';
import { emoticonStarts, markupSafe, plainText } from '../../src/kernel/text';
import { catalogFrom } from './helpers';

/** `markupSafe` as it was: one character at a time. */
function markupSafeReference(text: string): string {
	const WJ = '\u2060';
	const clean = plainText(text);
	const breakAfter = emoticonStarts(clean);
	/* eslint-disable no-misleading-character-class */
	const EMOJI_START = /[\u2300-\u23ff\u2600-\u27bf\ud83c-\ud83e]/;
	const EMOJI_INSIDE = /[\u2300-\u23ff\u2600-\u27bf\udc00-\udfff\ufe0f]/;
	/* eslint-enable no-misleading-character-class */
	let out = '';
	for (let i = 0; i < clean.length; i++) {
		const ch = clean[i];
		const prev = clean[i - 1] ?? '';
		if ((i === 0 || prev === '\n') && (ch === '>' || ch === '-')) out += WJ;
		if ('*_~`#.'.includes(ch)) out += `\\${ch}`;
		else if (ch === '$' || (EMOJI_START.test(ch) && !EMOJI_INSIDE.test(prev))) out += WJ + ch;
		else if (':<|]\\'.includes(ch) || (ch === '@' && !/[\p{L}\p{N}]/u.test(prev)) || (ch === '+' && /\d/.test(clean[i + 1] ?? '')))
			out += ch + WJ;
		else out += breakAfter.has(i) || (ch === '=' && '*_~`#.\\'.includes(clean[i + 1] ?? '')) ? ch + WJ : ch;
	}
	return out;
}

describe('markupSafe copies text in runs', () => {
	const pieces = fc.oneof(
		fc.constantFrom('*', '_', '~', '`', '#', '.', '$', ':', '<', '|', ']', '\\', '@', '+1', '=', '=*', '>', '-', '\n', '\n-', '\n>'),
		fc.constantFrom('<3', ':D', ';)', ':-)', '=)', 'a@b.com', 'x+2', '☀', '👍🏽', '🇩🇪', '\u200b', '\r\n', 'Straße', 'é'),
		fc.string({ maxLength: 8 }),
		fc.constantFrom('Cloud hosting of service data', 'Acme Inc.', 'https://example.com/a_b'),
	);

	test('property: the same text as one character at a time', () => {
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => {
				const text = parts.join('');
				expect(markupSafe(text)).toBe(markupSafeReference(text));
			}),
			{ numRuns: 2000 },
		);
	});

	test('text without anything to escape comes back as it is', () => {
		expect(markupSafe('Cloud hosting of service data')).toBe('Cloud hosting of service data');
		expect(markupSafe('Acme Inc. (US)')).toBe('Acme Inc\\. (US)');
	});
});

/** The list's pages as they were built before: every page's blocks, kept. */
function pagesReference(catalog: Catalog, lang: Lang, maxText: number) {
	const title = t(lang, 'list_title', {
		company: markupSafe(catalog.list.company),
		count: catalog.entries.length,
		categories: catalog.byCategory().length,
	});
	const around = [title, t(lang, 'list_page', { page: 999999, pages: 999999, next: 999999 }), versionFooter(catalog, lang)];
	const budget = Math.min(MAX_REPLY_TEXT - 600, Math.min(maxText, MAX_REPLY_TEXT) - around.join('\n').length - 20);
	const pages: Array<ReturnType<typeof sectionsOf>> = [];
	let blocks: ReturnType<typeof sectionsOf> = [];
	let size = 0;
	const flush = () => {
		if (blocks.length > 0) pages.push(blocks);
		blocks = [];
		size = 0;
	};
	for (const { category, entries } of catalog.byCategory()) {
		let lines: string[] = [];
		let heading = markupSafe(category.name);
		const emit = () => {
			if (lines.length > 0) {
				blocks.push(...sectionsOf(heading, lines));
				lines = [];
			}
		};
		for (const entry of entries) {
			const line = listLine(entry, lang);
			if (size + line.length + heading.length > budget || blocks.length >= MAX_REPLY_BLOCKS - 6) {
				emit();
				flush();
				heading = `${markupSafe(category.name)} (…)`;
			}
			lines.push(line);
			size += line.length + 1;
		}
		emit();
		size += heading.length;
	}
	flush();
	return { title, pages };
}

function listSource(count: number, purposeLength: number): string {
	const categories = ['infrastructure', 'service', 'innovation'];
	return JSON.stringify({
		company: 'Big Corp',
		updated: '2024-03-01',
		objections: { email: 'privacy@example.com', subject: 'Objection' },
		categories: categories.map((id) => ({ id, name: `Category ${id} — *long* name` })),
		subprocessors: Array.from({ length: count }, (_, i) => ({
			name: `Vendor ${i} ${i % 3 ? 'GmbH' : 'Inc.'}`,
			category: categories[(i * 7) % 3 === 0 ? 0 : i % 3],
			purpose: `${'Processing of data_'.repeat(1 + ((i * 13) % purposeLength))}#${i}`,
			...(i % 4 ? { locations: i % 2 ? ['Germany'] : ['US', 'Japan'] } : {}),
		})),
	});
}

describe('the list answer makes a page when asked', () => {
	test.each([
		[2000, 8, 4000],
		[2000, 40, 4000],
		[600, 100, 1500],
		[300, 3, 900],
	])(
		'%p entries (purposes up to %p parts), within %p characters: the same pages as when every page was kept',
		(count, purposeLength, maxText) => {
			const catalog = catalogFrom(listSource(count, purposeLength), 'pages.json');
			for (const lang of ['en', 'de'] as Lang[]) {
				const { title, pages } = pagesReference(catalog, lang, maxText);
				expect(pages.length).toBeGreaterThan(1);
				pages.forEach((blocks, i) => {
					const answer = listAnswer(catalog, lang, String(i + 1), maxText);
					const footer =
						i + 1 < pages.length
							? t(lang, 'list_page', { page: i + 1, pages: pages.length, next: i + 2 })
							: t(lang, 'list_page_last', { page: i + 1, pages: pages.length });
					expect(answer.blocks).toEqual(
						[section(title), ...blocks, context(footer, versionFooter(catalog, lang))].slice(0, MAX_REPLY_BLOCKS),
					);
				});
				expect(listAnswer(catalog, lang, String(pages.length + 1), maxText).text).toContain(String(pages.length));
			}
		},
	);

	test('every entry is on exactly one page, as its list line', () => {
		const catalog = catalogFrom(listSource(300, 30), 'small.json');
		const pages = Number(/Page 1 of (\d+)/.exec(listAnswer(catalog, 'en').text)?.[1]);
		expect(pages).toBeGreaterThan(3);
		const text = Array.from({ length: pages }, (_, i) => listAnswer(catalog, 'en', String(i + 1)).text).join('\n');
		for (const entry of catalog.entries) expect(text.split(entryLine(entry, 'en', 140)).length).toBe(2);
	});
});
