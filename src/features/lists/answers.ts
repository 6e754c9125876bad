/**
 * Answers across several watched lists (issue 17 point 2, docs/lists.md §2): grouped by list in list order, each
 * group headed by the list's name and company and cut to its share of the reply limits, with the command that asks
 * that list alone for the rest. Pure: no engine imports.
 */
import type { LayoutBlock } from '@rocket.chat/ui-kit';
import type { Catalog } from '../list/catalog';
import type { Subprocessor } from '../list/model';
import { memoByObject } from '../../kernel/memo';
import { examplePlace, MAX_REPLY_BLOCKS, MAX_REPLY_TEXT, sectionsOf, toReply } from '../list/answers';
import { context, MAX_SECTION_TEXT, OBJECT_ACTION, section, type Reply } from '../../kernel/blocks';
import { formatDate, joinList, t, type Lang } from '../../kernel/i18n';
import { markupSafe, markupSafeTruncated } from '../../kernel/text';
import { nameFromCompany, MAIN_LIST_ID, NAME_PATTERN, type ListCatalog } from './model';

export type Lists = readonly ListCatalog<Catalog>[];

/** A workspace's one list, when only its catalog is at hand (answers that never show its name). */
export function onlyList(catalog: Catalog): ListCatalog<Catalog> {
	return { list: { id: MAIN_LIST_ID, name: nameFromCompany(catalog.list.company, MAIN_LIST_ID), createdAt: '' }, catalog };
}

/** The active list a word names exactly (list names are lower-case; the word is compared case-insensitively). */
export function listNamed(lists: Lists, word: string | undefined): ListCatalog<Catalog> | undefined {
	if (!word) return undefined;
	const wanted = word.toLowerCase();
	return lists.find(({ list }) => list.name === wanted);
}

/** Each entry by the name a list made from it would have ("GitHub, Inc." → `github`), built once per list version. */
const byListName = memoByObject((catalog: Catalog) => {
	const named = new Map<string, Subprocessor>();
	for (const entry of catalog.entries) {
		const name = nameFromCompany(entry.name, '');
		if (name && !named.has(name)) named.set(name, entry);
	}
	return named;
});

/** The entry of a list that a list name also names: by its name or alias, or as its company would be named. */
export function entryNamed(catalog: Catalog, name: string): Subprocessor | undefined {
	return catalog.findByName(name) ?? byListName(catalog).get(name);
}

/** A list's name in bold: names are letters, digits and `-` (NAME_PATTERN), which no parser reads as markup. */
export const listName = (list: ListCatalog<Catalog>): string =>
	NAME_PATTERN.test(list.list.name) ? `*${list.list.name}*` : markupSafe(list.list.name);

/** A list's company as headings show it (escaped, cut to 80), made once per list version. */
const headingCompany = memoByObject((catalog: Catalog) => markupSafeTruncated(catalog.list.company, 80));

/** `*github* — GitHub, Inc.`: a group's heading (the same in every language). */
export function groupHeading(list: ListCatalog<Catalog>): string {
	return `${listName(list)} — ${headingCompany(list.catalog)}`;
}

/** "In *github*:": the first line of an answer a list name narrowed. */
export function narrowedLead(list: ListCatalog<Catalog>, lang: Lang): string {
	return t(lang, 'lists_narrowed', { list: listName(list) });
}

/**
 * The command that asks one list what was asked of all (`/subprocessors github in US`). The typed words go in a code
 * span, so only letters, digits, spaces and plain punctuation are kept.
 */
export function narrowedCommand(list: ListCatalog<Catalog>, asked: string): string {
	const words = asked
		.replace(/[^\p{L}\p{N} ?.,'’-]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 60)
		.trim();
	return `/subprocessors ${list.list.name}${words ? ` ${words}` : ''}`;
}

/**
 * An answer from one list of several with the commands it suggests asking that list (`/subprocessors list 2` →
 * `/subprocessors github list 2`, `show NAME` → `github show NAME`): without the name they would ask every list.
 */
export function askingIn(list: ListCatalog<Catalog>, reply: Reply, workspaceWide: ReadonlySet<string> = new Set()): Reply {
	// `share …` and the subcommands about the whole workspace (`lists`, `status`, `objections` …) keep no list name.
	const named = (text: string) =>
		text.replace(/`\/subprocessors (?!share\b)(?=([\w-]*))/g, (command, word: string) =>
			workspaceWide.has(word.toLowerCase()) ? command : `\`/subprocessors ${list.list.name} `,
		);
	const blocks = reply.blocks.map((block): LayoutBlock => {
		if (block.type === 'section') {
			return {
				...block,
				...(block.text?.type === 'mrkdwn' ? { text: { ...block.text, text: named(block.text.text) } } : {}),
				...(block.fields
					? { fields: block.fields.map((field) => (field.type === 'mrkdwn' ? { ...field, text: named(field.text) } : field)) }
					: {}),
			};
		}
		if (block.type === 'context') {
			return { ...block, elements: block.elements.map((e) => (e.type === 'mrkdwn' ? { ...e, text: named(e.text) } : e)) };
		}
		return block;
	});
	return { ...reply, blocks };
}

/** An answer with lines said first (how the question was read), its text rebuilt from the blocks and cut to `maxText`. */
export function withLead(reply: Reply, lead: string[], maxText = MAX_REPLY_TEXT): Reply {
	return toReply(lead.length > 0 ? [context(...lead), ...reply.blocks.slice(0, MAX_REPLY_BLOCKS - 1)] : reply.blocks, maxText);
}

/**
 * An answer from `list` with its "Object" buttons saying which list: `listId:entryId` for a list other than the
 * first (whose buttons keep the bare entry id, as before lists), so the objection form opens on the right list.
 */
export function objectingIn(list: ListCatalog<Catalog>, reply: Reply): Reply {
	if (list.list.id === MAIN_LIST_ID) return reply;
	// New blocks, not changed ones: answers' blocks may be kept for the next question (memoized pages).
	const blocks = reply.blocks.map((block) => {
		const button = block.type === 'section' ? block.accessory : undefined;
		if (block.type !== 'section' || button?.type !== 'button' || button.actionId !== OBJECT_ACTION || !button.value) return block;
		return button.value.includes(':') ? block : { ...block, accessory: { ...button, value: `${list.list.id}:${button.value}` } };
	});
	return { ...reply, blocks };
}

/** One list's part of a grouped answer: its items in order (lines are made only for those shown). */
export interface Group<T> {
	list: ListCatalog<Catalog>;
	items: readonly T[];
	/** How many match in all, when `items` are only the first (a search's best hits). */
	total?: number;
	/** All the items (`items` first), asked for when the answer has room for more than `items`: hits ranked further. */
	further?: () => readonly T[];
}

/** Up to this many lists with items, each gets a section of its own; more share sections (as many as fit in one). */
export const GROUPS_APART = 5;
/**
 * An answer over more lists than GROUPS_APART is an overview and keeps to this much text: with 20 lists, each
 * list's heading and best hit, a second hit for some — about 40 lines, read on a phone, not scrolled through.
 */
export const OVERVIEW_TEXT = 2800;

/** The lines each shown list gets, and the lists counted in one line because they no longer fit. */
interface Parts {
	texts: string[];
	left: LeftOut;
	/** The first list shown with fewer lines than it has (an overview names it in how to see a list whole). */
	partly?: ListCatalog<Catalog>;
}

/**
 * A grouped answer: `title`, then per list with items its heading and lines; lists without items are named in one
 * line, and lists that no longer fit are counted in one line. Up to GROUPS_APART lists, each list gets a section and
 * a fair share of the text limit, and says how to see the rest ("…and 12 more: `/subprocessors github in US`");
 * more lists make an overview (`overviewParts`). The text is the same however the lists are laid out in sections.
 */
export function groupedAnswer<T>(
	lang: Lang,
	title: string,
	groups: ReadonlyArray<Group<T>>,
	lineOf: (item: T, list: ListCatalog<Catalog>) => string,
	asked: string,
	notes: string[],
	maxText = MAX_REPLY_TEXT,
): Reply {
	const found = groups.filter((group) => group.items.length > 0);
	const none = groups.filter((group) => group.items.length === 0).map((group) => listName(group.list));
	const tail = [...notes];
	if (none.length > 0) tail.unshift(t(lang, 'lists_none', { names: joinList(lang, none) }));
	const overview = found.length > GROUPS_APART;
	// An overview says once how to see a list whole, with the first list it shows only part of: room for that line.
	const seeWhole = (list: ListCatalog<Catalog>) => t(lang, 'lists_see_whole', { command: narrowedCommand(list, asked) });
	const seeWholeRoom = overview ? seeWhole(found[0].list).length + 1 : 0;
	// What the title, the notes, the line of lists left out and the line breaks take.
	const budget =
		Math.min(maxText, overview ? OVERVIEW_TEXT : MAX_REPLY_TEXT) - title.length - tail.join('\n').length - seeWholeRoom - 200;
	const { texts, left, partly } = overview ? overviewParts(found, lineOf, budget) : apartParts(found, lineOf, budget, lang, asked);
	if (partly) tail.push(seeWhole(partly));
	if (left.more > 0) tail.unshift(t(lang, 'more_lines', { count: left.more }));
	if (left.names.length > 0) tail.unshift(t(lang, 'lists_left', { lists: joinList(lang, left.names) }));
	// Many lists share sections (the same text; a block per list was most of a reply's blocks); a few keep one each.
	const sections = overview ? packed(texts, MAX_SECTION_TEXT) : texts;
	return toReply([section(title), ...sections.map((text) => section(text)), ...(tail.length > 0 ? [context(...tail)] : [])], maxText);
}

const countOf = <T>(group: Group<T>): number => group.total ?? group.items.length;

/** Lists left out: named with their count in one line while it has room ("*x* (12)"), the rest only counted. */
interface LeftOut {
	names: string[];
	more: number;
}

/** Leaves a list out (see LeftOut); returns the budget left. */
function leaveOut<T>(left: LeftOut, group: Group<T>, budget: number): number {
	const counted = `${listName(group.list)} (${countOf(group)})`;
	if (counted.length + 2 > budget) {
		left.more++;
		return budget;
	}
	left.names.push(counted);
	return budget - counted.length - 2;
}

/** Few lists: each in turn gets a fair share of what is left, its best lines and the command that shows the rest. */
function apartParts<T>(
	found: ReadonlyArray<Group<T>>,
	lineOf: (item: T, list: ListCatalog<Catalog>) => string,
	budget: number,
	lang: Lang,
	asked: string,
): Parts {
	const texts: string[] = [];
	const left: LeftOut = { names: [], more: 0 };
	found.forEach((group, i) => {
		const total = countOf(group);
		const command = narrowedCommand(group.list, asked);
		const more = (count: number) => t(lang, 'lists_more', { count, command });
		const heading = groupHeading(group.list);
		// The "…and N more" line's longest form (N is at most the total), worked out once, not per line.
		const moreRoom = more(total).length + 1;
		// At least its heading and how to see it, while that fits: the lists first in list order come first.
		const share = Math.min(MAX_SECTION_TEXT - 10, Math.max(heading.length + moreRoom, Math.floor(budget / (found.length - i))));
		if (share > budget) {
			budget = leaveOut(left, group, budget);
			return;
		}
		const lines = [heading];
		let size = heading.length;
		let items = group.items;
		for (let k = 0; ; k++) {
			if (k === items.length && group.further && items === group.items) items = group.further();
			if (k >= items.length) break;
			const line = lineOf(items[k], group.list);
			const rest = total - (lines.length - 1) - 1;
			if (size + line.length + 1 + (rest > 0 ? moreRoom : 0) > share) break;
			lines.push(line);
			size += line.length + 1;
		}
		const shown = lines.length - 1;
		if (shown < total) {
			lines.push(more(total - shown));
			size += lines[lines.length - 1].length + 1;
		}
		texts.push(lines.join('\n'));
		budget -= size + 1;
	});
	return { texts, left };
}

/**
 * Many lists: every list's heading with its count ("*github* — GitHub, Inc. (12)"), then round by round each list's
 * next best line while it fits — every list shows its best before any shows a second. Lists whose heading no longer
 * fits are counted in one line.
 */
function overviewParts<T>(found: ReadonlyArray<Group<T>>, lineOf: (item: T, list: ListCatalog<Catalog>) => string, budget: number): Parts {
	const shown: Array<{ group: Group<T>; lines: string[]; items: readonly T[]; open: boolean }> = [];
	const left: LeftOut = { names: [], more: 0 };
	const headings = found.map((group) => `${groupHeading(group.list)} (${countOf(group)})`);
	// When not every heading fits, a quarter of the room (at most 300) stays for naming the lists left out.
	let kept = headings.reduce((sum, heading) => sum + heading.length + 1, 0) > budget ? Math.min(300, Math.floor(budget / 4)) : 0;
	budget -= kept;
	found.forEach((group, i) => {
		if (kept === 0 && left.names.length + left.more > 0) {
			budget = leaveOut(left, group, budget);
			return;
		}
		if (headings[i].length + 1 > budget) {
			budget += kept;
			kept = 0;
			budget = leaveOut(left, group, budget);
			return;
		}
		shown.push({ group, lines: [headings[i]], items: group.items, open: true });
		budget -= headings[i].length + 1;
	});
	for (let k = 0; shown.some((list) => list.open); k++) {
		for (const list of shown) {
			if (!list.open) continue;
			const { group } = list;
			if (k === list.items.length && group.further && list.items === group.items) list.items = group.further();
			const line = k < list.items.length ? lineOf(list.items[k], group.list) : undefined;
			if (line === undefined || line.length + 1 > budget) {
				list.open = false;
				continue;
			}
			list.lines.push(line);
			budget -= line.length + 1;
		}
	}
	const partly = shown.find((list) => list.lines.length - 1 < countOf(list.group))?.group.list;
	return { texts: shown.map((list) => list.lines.join('\n')), left, partly };
}

/** Texts joined by line breaks into as few pieces as fit `max` each (a text longer than `max` stays one piece). */
function packed(texts: string[], max: number): string[] {
	const pieces: string[] = [];
	for (const text of texts) {
		const last = pieces.length - 1;
		if (last >= 0 && pieces[last].length + 1 + text.length <= max) pieces[last] = `${pieces[last]}\n${text}`;
		else pieces.push(text);
	}
	return pieces;
}

/** `/subprocessors` with several lists: each list (name, company, entries, version date) and how to ask one. */
export function listsOverview(lists: Lists, lang: Lang, maxText = MAX_REPLY_TEXT): Reply {
	const example = lists[1] ?? lists[0];
	const hint = t(lang, 'lists_overview_hint', { name: example.list.name, place: examplePlace(example.catalog, lang) });
	const budget = Math.min(maxText, MAX_REPLY_TEXT) - hint.length - 200;
	const lines: string[] = [];
	let size = 0;
	for (const list of lists) {
		const line = t(lang, 'lists_overview_line', {
			list: groupHeading(list),
			entries: t(lang, 'category_count', { count: list.catalog.entries.length }),
			date: formatDate(lang, list.catalog.version),
		});
		if (size + line.length > budget) {
			lines.push(`_${t(lang, 'more_lines', { count: lists.length - lines.length })}_`);
			break;
		}
		lines.push(line);
		size += line.length + 1;
	}
	const blocks = [...sectionsOf(t(lang, 'lists_overview_title', { count: lists.length }), lines), context(hint)];
	return toReply(blocks.slice(0, MAX_REPLY_BLOCKS), maxText);
}

/** The help's line with several lists: which lists, and how to ask one. */
export function listsHelpLine(lists: Lists, lang: Lang): string {
	const example = lists[1] ?? lists[0];
	return t(lang, 'lists_help', {
		names: joinList(
			lang,
			lists.slice(0, 12).map((list) => listName(list)),
		),
		name: example.list.name,
		place: examplePlace(example.catalog, lang),
	});
}
