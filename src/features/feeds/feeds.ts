/**
 * The list and its changes in machine-readable form: a stable JSON shape, CSV (RFC 4180) and change feeds
 * (Atom, RSS, JSON Feed, through the `feed` library, which gets XML escaping right). Pure: no engine imports.
 */
import { Feed } from 'feed';
import type { ChangeRecord } from '../watch/changes';
import type { Subprocessor, SubprocessorList } from '../list/model';
import { changeExtension } from './changeExtension';
import { MAIN_LIST_ID } from '../lists/model';

/** The documented JSON shape of `subprocessors.json` (version 1; fields are only ever added). */
export interface ListJson {
	format: 'subprocessors/v1';
	company: string;
	updated: string;
	policyUrl?: string;
	contact?: string;
	objections: { email: string; subject: string; requirements: string[]; noticeDays?: number };
	categories: Array<{ id: string; name: string; description?: string }>;
	subprocessors: Array<{
		id: string;
		name: string;
		aliases: string[];
		category: string;
		purpose: string | null;
		locations: Array<{ name: string; code: string }>;
		locationStated: boolean;
		locationNote: string | null;
		data: string[];
		website: string | null;
		since: string | null;
		listedWith: string[];
	}>;
	/** Added with several lists (issue 17): the list's name, in a document of one list (`?list=NAME`). */
	list?: string;
	/** Added with several lists: every list's document with its name; the top level is the first list's. */
	lists?: Array<ListJson & { list: string }>;
}

export function listJson(list: SubprocessorList, entries: readonly Subprocessor[] = list.subprocessors): ListJson {
	return {
		format: 'subprocessors/v1',
		company: list.company,
		updated: list.updated,
		...(list.policyUrl ? { policyUrl: list.policyUrl } : {}),
		...(list.contact ? { contact: list.contact } : {}),
		objections: {
			email: list.objections.email,
			subject: list.objections.subject,
			requirements: list.objections.requirements,
			...(list.objections.noticeDays !== undefined ? { noticeDays: list.objections.noticeDays } : {}),
		},
		categories: list.categories.map((c) => ({ id: c.id, name: c.name, ...(c.description ? { description: c.description } : {}) })),
		subprocessors: entries.map((e) => ({
			id: e.id,
			name: e.name,
			aliases: e.aliases,
			category: e.category,
			purpose: e.purpose ?? null,
			locations: e.locations.map((l) => ({ name: l.name, code: l.code })),
			locationStated: e.locations.length > 0,
			locationNote: e.locationNote ?? null,
			data: e.data,
			website: e.website ?? null,
			since: e.since ?? null,
			listedWith: e.listedWith,
		})),
	};
}

/**
 * One CSV field: quoted when needed (RFC 4180), and a leading = + - @ (or tab/CR) neutralised with an
 * apostrophe so a spreadsheet never runs list text as a formula. (Hand-written: csv-stringify would add
 * ~33 KB to the bundle for these few lines.)
 */
export function csvField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
	'id',
	'name',
	'aliases',
	'category',
	'category_name',
	'purpose',
	'locations',
	'location_codes',
	'location_note',
	'data',
	'website',
	'since',
];

/** The CSV rows of a list's entries, in CSV_COLUMNS order (not yet quoted). */
export function csvRows(list: SubprocessorList, entries: readonly Subprocessor[] = list.subprocessors): string[][] {
	const categoryName = new Map(list.categories.map((c) => [c.id, c.name]));
	return entries.map((e) => [
		e.id,
		e.name,
		e.aliases.join('; '),
		e.category,
		categoryName.get(e.category) ?? '',
		e.purpose ?? '',
		e.locations.map((l) => l.name).join('; '),
		e.locations.map((l) => l.code).join('; '),
		e.locationNote ?? '',
		e.data.join('; '),
		e.website ?? '',
		e.since ?? '',
	]);
}

/** Rows as CSV text: every field quoted as needed, CRLF line ends. */
export const csvText = (rows: string[][]): string => rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';

export function listCsv(list: SubprocessorList, entries: readonly Subprocessor[] = list.subprocessors): string {
	return csvText([CSV_COLUMNS, ...csvRows(list, entries)]);
}

export interface FeedOptions {
	/** Atom and RSS: item titles and summaries are read as HTML (escaped here). JSON Feed: plain text. */
	htmlTitles: boolean;
	/** Absolute URL of the feed itself, and of the app's public base (for entry links). */
	selfUrl: string;
	baseUrl: string;
	company: string;
	/**
	 * A feed of several lists: each list's name by list id (records without `list` are the first list's). Each
	 * entry's title then starts with its list's name, and JSON Feed's `_subprocessors` object names it.
	 */
	listNames?: ReadonlyMap<string, string>;
}

/** An entry's title: the list's company, version and counts; led by the list's name in a feed of several lists. */
export function changeTitle(record: ChangeRecord, listName?: string): string {
	const counts = `${record.changes.added.length} added, ${record.changes.removed.length} removed, ${record.changes.changed.length} changed`;
	const title = `${record.company} sub-processor list of ${record.toVersion}: ${counts}`;
	return listName ? `${listName} — ${title}` : title;
}

function changeText(record: ChangeRecord): string {
	const line = (e: Subprocessor) =>
		`${e.name}${e.purpose ? ` — ${e.purpose}` : ''} (${e.locations.map((l) => l.name).join(', ') || 'location not stated'})`;
	const parts: string[] = [];
	if (record.changes.added.length) parts.push(`Added: ${record.changes.added.map(line).join('; ')}.`);
	if (record.changes.changed.length) {
		parts.push(
			`Changed: ${record.changes.changed
				.map(
					(c) =>
						`${c.after.name} (${c.fields.map((f) => `${f.field}: ${f.before || 'none'} → ${f.after || 'none'}`).join('; ')})`,
				)
				.join('; ')}.`,
		);
	}
	if (record.changes.removed.length) parts.push(`Removed: ${record.changes.removed.map(line).join('; ')}.`);
	parts.push(`Takes effect: ${record.effectiveDate}. Deadline to object: ${record.objectionDeadline}.`);
	return parts.join('\n');
}

/** The change feed: one entry per announced change, newest first. */
export function changesFeed(records: ChangeRecord[], options: FeedOptions): Feed {
	const changes = records.filter((r) => r.kind === 'change');
	const updated = changes[0] ? new Date(changes[0].detectedAt) : new Date(0);
	const titleText = (text: string) => (options.htmlTitles ? escapeHtml(text) : text);
	const feed = new Feed({
		// The feed's own title and description are plain text in every format (Atom type="text", RSS channel, JSON
		// Feed): the feed library XML-escapes them, so escaping them as HTML too would show "&#39;" to readers.
		title: `${options.company} sub-processor list changes`,
		description: `Every change of ${options.company}'s sub-processor list, with the date it takes effect and the deadline to object.`,
		id: options.selfUrl,
		link: `${options.baseUrl}/subprocessors.json`,
		feedLinks: {
			atom: `${options.baseUrl}/changes.atom`,
			rss: `${options.baseUrl}/changes.rss`,
			json: `${options.baseUrl}/changes.json`,
		},
		updated,
		copyright: '',
		generator: 'Subprocessors for Rocket.Chat',
	});
	for (const record of changes) {
		const listName = options.listNames?.get(record.list ?? MAIN_LIST_ID);
		feed.addItem({
			title: titleText(changeTitle(record, listName)),
			id: `urn:subprocessors:change:${record.id}`,
			link: `${options.baseUrl}/changes.json#${record.id}`,
			date: new Date(record.detectedAt),
			// Item titles (Atom type="html"), summaries and content are read as HTML: list text is escaped so it can
			// only ever be text. JSON Feed's summary is plain text and its content_html HTML.
			description: options.htmlTitles ? escapeHtml(changeText(record)) : changeText(record),
			content: escapeHtml(changeText(record)).replace(/\n/g, '<br/>'),
			// JSON Feed only (Atom and RSS ignore item extensions): the change for machines (issue 16).
			extensions: [{ name: '_subprocessors', objects: changeExtension(record, listName) }],
		});
	}
	return feed;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}
