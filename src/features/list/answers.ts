/**
 * Everything `/subprocessors` answers, as blocks with a text fallback. Pure: no engine imports.
 * Text from the list or the user goes through `markupSafe` so it can't mention, link or format.
 */
import type { LayoutBlock } from '@rocket.chat/ui-kit';
import type { Catalog, PlaceResult, SearchResult } from './catalog';
import { countryName, placeName, regionOf, type Place } from '../../kernel/places';
import type { Category, Subprocessor } from './model';
import { memoByObject, memoByObjectAnd } from '../../kernel/memo';
import { markupSafe, markupSafeTruncated, tokens, truncate } from '../../kernel/text';
import { formatDate, joinAlternatives, joinList, t, type Lang, type MessageKey } from '../../kernel/i18n';
import { button, context, MAX_SECTION_TEXT, OBJECT_ACTION, section, type Reply } from '../../kernel/blocks';
import { MAIN_LIST_ID } from '../lists/model';
import { objectButtonValue } from '../objections/model';

/**
 * Rocket.Chat's default maximum message size (the server setting Message_MaxAllowedSize, checked on the text)
 * is 5,000 characters; stay well below it. A workspace may set less: answers then take `maxText`.
 */
export const MAX_REPLY_TEXT = 4000;
/** Keep messages to a block count every client renders comfortably. */
export const MAX_REPLY_BLOCKS = 40;
const PURPOSE_IN_LINE = 140;
const MAX_LOCATIONS_TEXT = 300;
/** A card field shows at most this much; the full text is in the list file. */
const FIELD_TEXT = 600;
const SEARCH_SHOWN = 10;

/** Builds the reply's text fallback from its blocks, so the two can never disagree (cut to `maxText`). */
export function toReply(blocks: LayoutBlock[], maxText = MAX_REPLY_TEXT): Reply {
	const lines: string[] = [];
	for (const block of blocks) {
		if (block.type === 'section') {
			// Message text is always parsed as markdown: plain_text (outsider text) goes in escaped.
			for (const text of [...(block.text ? [block.text] : []), ...(block.fields ?? [])])
				lines.push(text.type === 'plain_text' ? markupSafe(text.text) : text.text);
		} else if (block.type === 'context') {
			for (const element of block.elements)
				if ('text' in element) lines.push(element.type === 'plain_text' ? markupSafe(element.text) : element.text);
		}
	}
	return { text: truncate(lines.join('\n'), Math.min(maxText, MAX_REPLY_TEXT)), blocks: blocks.slice(0, MAX_REPLY_BLOCKS) };
}

/** "Rocket.Chat's list of 5 January 2023": in every answer, so made once per list version and language. */
export const versionFooter = memoByObjectAnd((catalog: Catalog, lang: Lang) =>
	t(lang, 'version_footer', { company: markupSafe(catalog.list.company), date: formatDate(lang, catalog.version) }),
);

export function locationsText(entry: Subprocessor, lang: Lang): string {
	if (entry.locations.length === 0) {
		return `_${t(lang, 'location_not_stated')}_`;
	}
	// One name per country in every answer ("United States", whether the list says "US" or "USA").
	const names = entry.locations.map((l) => markupSafe(countryName(l.code, lang)));
	// A list may name every country; keep the line readable and inside the message limits.
	let shown = names;
	while (shown.length > 1 && shown.join(', ').length > MAX_LOCATIONS_TEXT) shown = shown.slice(0, -1);
	return shown.length < names.length
		? `${shown.join(', ')} ${t(lang, 'more_lines', { count: names.length - shown.length })}`
		: joinList(lang, names);
}

/** One entry as a list line; made once per entry (of a list version) and language, as answers show the same entries again and again. */
export const listLine = memoByObjectAnd((entry: Subprocessor, lang: Lang) => entryLine(entry, lang, PURPOSE_IN_LINE));

/** "• Name — purpose · locations": a list answer's line (purpose cut to 140) and an announcement's (160). */
export function entryLine(entry: Subprocessor, lang: Lang, purposeCap: number): string {
	const purpose = entry.purpose ? markupSafeTruncated(entry.purpose, purposeCap) : `_${t(lang, 'purpose_not_stated')}_`;
	return `• ${markupSafeTruncated(entry.name, 200)} — ${purpose} · ${locationsText(entry, lang)}`;
}

/** Sections of lines, each under the section limit. */
export function sectionsOf(heading: string, lines: string[]): LayoutBlock[] {
	const blocks: LayoutBlock[] = [];
	let current = heading;
	for (const line of lines) {
		if (current && current.length + line.length + 1 > MAX_SECTION_TEXT) {
			blocks.push(section(current));
			current = '';
		}
		current = current ? `${current}\n${line}` : line;
	}
	if (current) blocks.push(section(current));
	return blocks;
}

/** An entry's card; `listId`: the list it is on, so its Object button opens that list's form. */
/**
 * `to`: where objections to this list go (objectionAddressOf: set on the list, the setting, or what the list says);
 * absent: what the list says.
 */
export function card(catalog: Catalog, entry: Subprocessor, lang: Lang, listId = MAIN_LIST_ID, to?: ObjectionTo): Reply {
	const field = (label: string, value: string) => `*${label}*\n${markupSafeTruncated(value, FIELD_TEXT)}`;
	const fields = [field(t(lang, 'card_category'), catalog.category(entry.category)?.name ?? entry.category)];
	fields.push(`*${t(lang, 'card_locations')}*\n${locationsText(entry, lang)}`);
	if (entry.data.length > 0) fields.push(field(t(lang, 'card_data'), joinList(lang, entry.data)));
	if (entry.aliases.length > 0) fields.push(field(t(lang, 'card_aliases'), entry.aliases.join(', ')));
	const partners = catalog.listedWith(entry);
	if (partners.length > 0)
		fields.push(
			field(
				t(lang, 'card_listed_with'),
				joinList(
					lang,
					partners.map((p) => p.name),
				),
			),
		);
	if (entry.since) fields.push(`*${t(lang, 'card_since')}*\n${formatDate(lang, entry.since)}`);
	if (entry.website) fields.push(field(t(lang, 'card_website'), entry.website));
	// Columns of a vendor's page the app has no field for, as the page labels them (issue 16).
	for (const detail of (entry.details ?? []).slice(0, 3)) fields.push(field(markupSafeTruncated(detail.label, 60), detail.value));

	const name = markupSafeTruncated(entry.name, 300);
	const purposeLabel = `*${t(lang, 'card_purpose')}:* `;
	const purpose = entry.purpose
		? markupSafeTruncated(entry.purpose, MAX_SECTION_TEXT - name.length - purposeLabel.length - 10)
		: `_${t(lang, 'purpose_not_stated')}_`;
	// The same "Object" button as an announcement's (its handler opens the form with this entry selected); the
	// e-mail route below stays for people outside the workspace. The app id is stamped in by the engine layer.
	const blocks: LayoutBlock[] = [
		{
			...section(`${name}\n${purposeLabel}${purpose}`, fields),
			accessory: button('', OBJECT_ACTION, t(lang, 'announce_object_button'), objectButtonValue(listId, entry.id)),
		},
	];
	if (entry.locationNote) {
		const label = `*${t(lang, 'card_location_note')}:* `;
		blocks.push(section(label + markupSafeTruncated(entry.locationNote, MAX_SECTION_TEXT - label.length)));
	}
	blocks.push(context(objectHow(catalog, lang, 'object_how', to), versionFooter(catalog, lang)));
	return toReply(blocks);
}

/** Where objections go, as texts need it (features/lists/objectionAddress.ts decides it). */
export interface ObjectionTo {
	email: string;
	subject: string;
}

/**
 * How to object, under a card (`object_how`) or the help (`object_how_any`). A list that gives no address, with
 * none set: the form is the way, and it reaches this workspace's privacy team only (the e-mail waits for an address).
 */
function objectHow(catalog: Catalog, lang: Lang, key: 'object_how' | 'object_how_any', to?: ObjectionTo, command?: string): string {
	const { requirements } = catalog.list.objections;
	const { email, subject } = to ?? catalog.list.objections;
	const company = markupSafe(catalog.list.company);
	const how = email
		? t(lang, key, { email: markupSafe(email), subject: markupSafe(subject) })
		: key === 'object_how'
			? t(lang, 'object_how_none', { company })
			: t(lang, 'object_how_any_none', { company, command: command ?? '/subprocessors object' });
	return requirements.length > 0
		? `${how} ${t(lang, 'object_requirements', { requirements: markupSafe(joinList(lang, requirements)) })}`
		: how;
}

/**
 * A page of the list answer, as what it shows rather than its blocks: per category on it, which of the category's
 * entries (`start` to `end`) and whether the heading says it continues. The blocks of a page are made when it is
 * asked for: a list's pages as blocks held every line of every entry (megabytes at 5,000 entries) for answers that
 * show one page.
 */
interface PagePart {
	group: number;
	start: number;
	end: number;
	continued: boolean;
}
type Page = PagePart[];

function listTitle(catalog: Catalog, lang: Lang): string {
	return t(lang, 'list_title', {
		company: markupSafe(catalog.list.company),
		count: catalog.entries.length,
		categories: catalog.byCategory().length,
	});
}

/**
 * The whole list grouped by category, cut into pages whose text fits in `maxText`; worked out once per list,
 * language and size.
 */
function listPages(catalog: Catalog, lang: Lang, maxText: number): Page[] {
	return pagesOf(catalog, `${lang}:${maxText}`);
}

/** How many sections `sectionsOf` makes of a heading and lines of these lengths (the same rule, on lengths). */
function sectionCount(headingLength: number, lineLengths: number[]): number {
	let count = 0;
	let current = headingLength;
	for (const length of lineLengths) {
		if (current > 0 && current + length + 1 > MAX_SECTION_TEXT) {
			count++;
			current = 0;
		}
		current = current > 0 ? current + 1 + length : length;
	}
	return current > 0 ? count + 1 : count;
}

const pagesOf = memoByObjectAnd((catalog: Catalog, key: string): Page[] => {
	const [lang, limit] = key.split(':') as [Lang, string];
	const maxText = Number(limit);

	// Room for the title and footers: 600 at the default size; measured (with the largest page numbers) below it.
	const around = [
		listTitle(catalog, lang),
		t(lang, 'list_page', { page: 999999, pages: 999999, next: 999999 }),
		versionFooter(catalog, lang),
	];
	const budget = Math.min(MAX_REPLY_TEXT - 600, Math.min(maxText, MAX_REPLY_TEXT) - around.join('\n').length - 20);
	const pages: Page[] = [];
	let page: Page = [];
	let blocks = 0;
	let size = 0;
	const flush = () => {
		if (blocks > 0) pages.push(page);
		page = [];
		blocks = 0;
		size = 0;
	};
	catalog.byCategory().forEach(({ category, entries }, group) => {
		const name = markupSafe(category.name);
		let heading = name;
		let continued = false;
		let start = 0;
		let lengths: number[] = [];
		const emit = (end: number) => {
			if (lengths.length > 0) {
				page.push({ group, start, end, continued });
				blocks += sectionCount(heading.length, lengths);
				lengths = [];
			}
			start = end;
		};
		entries.forEach((entry, i) => {
			// Only the lines' lengths: the lines of the page shown are made again (listLine keeps those).
			const length = entryLine(entry, lang, PURPOSE_IN_LINE).length;
			if (size + length + heading.length > budget || blocks >= MAX_REPLY_BLOCKS - 6) {
				emit(i);
				flush();
				heading = `${name} (…)`;
				continued = true;
			}
			lengths.push(length);
			size += length + 1;
		});
		emit(entries.length);
		size += heading.length;
	});
	flush();
	return pages;
});

/** The pages whose blocks were made last (most recent last): the first page is asked again and again. */
const SHOWN_PAGES = 8;
const shownPages = new Map<Page, LayoutBlock[]>();

/** A page's blocks: each part's heading and lines, in sections as `sectionsOf` cuts them. */
function pageBlocks(catalog: Catalog, lang: Lang, page: Page): LayoutBlock[] {
	let blocks = shownPages.get(page);
	if (blocks) {
		shownPages.delete(page);
	} else {
		const groups = catalog.byCategory();
		blocks = page.flatMap(({ group, start, end, continued }) => {
			const { category, entries } = groups[group];
			const name = markupSafe(category.name);
			const lines = entries.slice(start, end).map((entry) => listLine(entry, lang));
			return sectionsOf(continued ? `${name} (…)` : name, lines);
		});
		for (const oldest of shownPages.keys()) {
			if (shownPages.size < SHOWN_PAGES) break;
			shownPages.delete(oldest);
		}
	}
	shownPages.set(page, blocks);
	return blocks;
}

/** One page of the list; `page` as the user typed it (a page number, 1 when omitted); pages fit in `maxText`. */
export function listAnswer(catalog: Catalog, lang: Lang, pageText = '1', maxText = MAX_REPLY_TEXT): Reply {
	const pages = listPages(catalog, lang, maxText);
	if (pages.length === 0) {
		return toReply([section(t(lang, 'list_empty')), context(versionFooter(catalog, lang))]);
	}
	const page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : NaN;
	if (!(page >= 1 && page <= pages.length)) {
		return toReply([section(t(lang, 'list_page_missing', { page: markupSafeTruncated(pageText, 20), pages: pages.length }))]);
	}
	const title = listTitle(catalog, lang);
	const footer = [versionFooter(catalog, lang)];
	if (pages.length > 1) {
		footer.unshift(
			page < pages.length
				? t(lang, 'list_page', { page, pages: pages.length, next: page + 1 })
				: t(lang, 'list_page_last', { page, pages: pages.length }),
		);
	}
	return toReply([section(title), ...pageBlocks(catalog, lang, pages[page - 1]), context(...footer)], maxText);
}

/** One card for one entry; a provider listed under several names shows them all. */
export const namesOne = (result: SearchResult): boolean => (!!result.exact && !result.related?.length) || result.total === 1;

/** The entry a search answers with a card (when `namesOne`). */
export const namedEntry = (result: SearchResult): Subprocessor => result.exact ?? result.hits[0].entry;

/** `note`: how the question was read, said first (words left out, a related word searched instead). */
export function searchAnswer(
	catalog: Catalog,
	lang: Lang,
	query: string,
	result: SearchResult,
	maxText = MAX_REPLY_TEXT,
	note?: string,
	to?: ObjectionTo,
): Reply {
	const hits = result.hits;
	if (namesOne(result)) {
		const answer = card(catalog, namedEntry(result), lang, MAIN_LIST_ID, to);
		return note ? toReply([section(note), ...answer.blocks]) : answer;
	}
	// Ten lines, fewer when the workspace's messages are short (the rest are counted as "more").
	const lines = hits.slice(0, SEARCH_SHOWN).map((hit) => listLine(hit.entry, lang));
	const budget = Math.min(maxText, MAX_REPLY_TEXT) - 600;
	while (lines.length > 1 && lines.join('\n').length > budget) lines.pop();
	const shown = lines;
	const blocks: LayoutBlock[] = [
		section(t(lang, 'search_title', { count: result.total, query: markupSafeTruncated(query, 80) })),
		...sectionsOf('', shown),
	];
	const notes = [t(lang, 'search_show_hint'), versionFooter(catalog, lang)];
	if (note) notes.unshift(note);
	if (result.total > shown.length) notes.unshift(t(lang, 'search_more', { count: result.total - shown.length }));
	blocks.push(context(...notes));
	return toReply(blocks, maxText);
}

/** Something close to what matched nothing: a name, a place, or a word of the list. */
export type Suggestion = { name: string } | { place: Place } | { word: string };

/** `footer`: what closes the answer (the list's version; across lists, where to see them). */
export function noMatchAnswer(
	catalog: Catalog,
	lang: Lang,
	query: string,
	suggestions: Array<Subprocessor | Suggestion>,
	footer = [t(lang, 'try_list'), versionFooter(catalog, lang)],
): Reply {
	const lines = [t(lang, 'no_match', { query: markupSafeTruncated(query, 80) })];
	if (suggestions.length > 0) {
		const said = suggestions.map((s) =>
			'place' in s
				? t(lang, 'did_you_mean_place', { place: markupSafe(placeName(s.place, lang)) })
				: 'word' in s
					? `“${markupSafe(s.word)}”`
					: markupSafe(s.name),
		);
		lines.push(t(lang, 'did_you_mean', { names: joinAlternatives(lang, said) }));
	}
	return toReply([section(lines.join('\n')), context(...footer)]);
}

/**
 * Who processes data in or outside a place. Entries that state no location are one line with their count
 * (named when the question asked about a few of them); `filter`: the other words of the question, which narrowed it.
 */
export function placeAnswer(
	catalog: Catalog,
	lang: Lang,
	mode: 'in' | 'outside',
	place: Place,
	result: PlaceResult,
	maxText = MAX_REPLY_TEXT,
	filter?: string,
): Reply {
	const where = markupSafe(placeName(place, lang));
	const budget = Math.max(100, Math.min(3000, Math.min(maxText, MAX_REPLY_TEXT) - 800));
	const blocks: LayoutBlock[] = [];
	if (result.matches.length === 0) {
		blocks.push(section(t(lang, mode === 'in' ? 'in_none' : 'outside_none', { place: where })));
	} else {
		blocks.push(section(t(lang, mode === 'in' ? 'in_title' : 'outside_title', { count: result.matches.length, place: where })));
		blocks.push(
			...sectionsOf(
				'',
				capLines(result.matches, (entry) => placeLine(entry, result, lang), lang, budget),
			),
		);
	}
	const notes: string[] = [];
	if (filter) notes.push(t(lang, 'place_filter', { query: markupSafeTruncated(filter, 80) }));
	if (result.notStated.length > 0) {
		notes.push(
			filter && result.notStated.length <= 5
				? t(lang, 'not_stated_names', {
						names: joinList(
							lang,
							result.notStated.map((e) => markupSafe(e.name)),
						),
					})
				: t(lang, 'not_stated_line', { count: result.notStated.length }),
		);
	}
	blocks.push(context(...notes, versionFooter(catalog, lang)));
	return toReply(blocks, maxText);
}

/** A place answer's line: "EU" answers "in Germany?" with "somewhere in the EU" (maybe there, maybe not), and says so. */
export function placeLine(entry: Subprocessor, result: PlaceResult, lang: Lang): string {
	const region = result.throughRegion.get(entry);
	if (!region) return listLine(entry, lang);
	const mark =
		regionOf(region)?.id === 'WORLD'
			? t(lang, 'through_world')
			: t(lang, 'through_region', { region: markupSafe(countryName(region, lang)) });
	return `${listLine(entry, lang)} (${mark})`;
}

/** The entries whose location the list does not state. */
export function notStatedAnswer(catalog: Catalog, lang: Lang, maxText = MAX_REPLY_TEXT): Reply {
	const entries = notStatedEntries(catalog);
	const blocks: LayoutBlock[] = [];
	if (entries.length === 0) {
		blocks.push(section(t(lang, 'not_stated_none')));
	} else {
		blocks.push(section(t(lang, 'not_stated_list_title', { count: entries.length })));
		blocks.push(
			...sectionsOf(
				'',
				capLines(entries, (e) => listLine(e, lang), lang, Math.max(100, Math.min(maxText, MAX_REPLY_TEXT) - 800)),
			),
		);
	}
	blocks.push(context(versionFooter(catalog, lang)));
	return toReply(blocks, maxText);
}

/** The entries whose location the list does not state (found once per list version). */
export const notStatedEntries = memoByObject((catalog: Catalog): readonly Subprocessor[] =>
	catalog.entries.filter((entry) => entry.locations.length === 0),
);

/**
 * Keeps a long answer inside one message, saying how many lines were left out. Lines are made only for the
 * entries shown: a place may match thousands of entries, and a line costs escaping and country names.
 */
function capLines<T>(items: readonly T[], lineOf: (item: T) => string, lang: Lang, budget = 1500): string[] {
	const kept: string[] = [];
	let size = 0;
	for (const item of items) {
		const line = lineOf(item);
		if (size + line.length > budget) {
			kept.push(`_${t(lang, 'more_lines', { count: items.length - kept.length })}_`);
			break;
		}
		kept.push(line);
		size += line.length + 1;
	}
	return kept;
}

export const categoryLine = ({ category, count }: { category: Category; count: number }, lang: Lang): string =>
	`• ${markupSafe(category.name)} — ${t(lang, 'category_count', { count })}`;

export function categoriesAnswer(catalog: Catalog, lang: Lang): Reply {
	const lines = catalog.countByCategory().map((counted) => categoryLine(counted, lang));
	return toReply([
		...sectionsOf(t(lang, 'categories_title', { company: markupSafe(catalog.list.company) }), lines),
		context(versionFooter(catalog, lang)),
	]);
}

/** Names that show as typed inside code spans (no markup characters): examples in the help come from the list. */
const PLAIN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ]{0,30}$/u;

/** A vendor of the current list to use in examples: the first whose name is plain. */
export function exampleVendor(catalog: Catalog): string {
	return catalog.entries.find((entry) => PLAIN_NAME.test(entry.name))?.name ?? 'NAME';
}

/** The place the list states most often, as this language names it. */
export function examplePlace(catalog: Catalog, lang: Lang): string {
	const counts = new Map<string, number>();
	for (const entry of catalog.entries) for (const l of entry.locations) counts.set(l.code, (counts.get(l.code) ?? 0) + 1);
	const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
	const name = top ? countryName(top, lang) : '';
	return PLAIN_NAME.test(name) ? name : 'EU';
}

/** A word of the list's purposes to search for in examples: the commonest one of some length. */
function exampleWords(catalog: Catalog): string {
	const counts = new Map<string, number>();
	for (const entry of catalog.entries.slice(0, 500))
		for (const word of new Set(tokens(entry.purpose ?? ''))) if (word.length >= 5) counts.set(word, (counts.get(word) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? exampleVendor(catalog).toLowerCase();
}

/** The keys of the help's lines (the subcommand table in src/app/router.ts says which, in which order). */
export type HelpKey = Extract<MessageKey, `help_${string}`>;

/** The help: `lines` as the subcommand table orders them; after a mistyped subcommand (`unknownWord`) it says so first. */
export function helpAnswer(
	catalog: Catalog,
	lang: Lang,
	lines: readonly HelpKey[],
	about: { unknownWord?: string; feedsUrl?: string; lists?: string; to?: ObjectionTo; objectCommand?: string } = {},
): Reply {
	const { unknownWord, feedsUrl, lists, to, objectCommand } = about;
	const heading = t(lang, 'help_title', { company: markupSafe(catalog.list.company) });
	const blocks: LayoutBlock[] = [];
	if (unknownWord) blocks.push(section(t(lang, 'unknown_subcommand', { word: markupSafeTruncated(unknownWord, 40) })));
	const examples = { vendor: exampleVendor(catalog), place: examplePlace(catalog, lang), words: exampleWords(catalog) };
	const shown = [heading, ...lines.map((key) => `• ${t(lang, key, examples)}`)];
	if (feedsUrl) shown.push(`• ${t(lang, 'help_feeds', { base: feedsUrl })}`);
	// Several lists: which, and how to ask one.
	if (lists) shown.push(lists);
	blocks.push(section(shown.join('\n')));
	blocks.push(
		context(t(lang, 'help_private'), objectHow(catalog, lang, 'object_how_any', to, objectCommand), versionFooter(catalog, lang)),
	);
	return toReply(blocks);
}

/** A one-line answer (a question back to the user, or an error). */
export function notice(text: string, catalog?: Catalog, lang?: Lang): Reply {
	return toReply(catalog && lang ? [section(text), context(versionFooter(catalog, lang))] : [section(text)]);
}
