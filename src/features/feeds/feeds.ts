/**
 * The list and its changes in machine-readable form: a stable JSON shape, CSV (RFC 4180) and change feeds
 * (Atom, RSS, JSON Feed; written by feedWriter.ts). Pure: no engine imports.
 */
import type { ChangeRecord } from '../watch/changes';
import type { Subprocessor, SubprocessorList } from '../list/model';
import { changeExtension } from './changeExtension';
import { escapeHtml, type FeedDocument } from './feedWriter';
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
	/** Absolute URL of the app's public base: the feeds' own URLs and the entry links are under it. */
	baseUrl: string;
	company: string;
	/**
	 * A feed of several lists: each list's name by list id (records without `list` are the first list's). Each
	 * entry's title then starts with its list's name, and JSON Feed's `_subprocessors` object names it.
	 */
	listNames?: ReadonlyMap<string, string>;
	/** The feed's own query (`?list=github`), so a feed of one list names itself (Atom's id is its own URL). */
	query?: string;
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

/** The change feed: one entry per announced change, newest first; `writeFeed` writes it in each format. */
export function changesFeed(records: ChangeRecord[], options: FeedOptions): FeedDocument {
	const changes = records.filter((r) => r.kind === 'change');
	return {
		// Titles, descriptions and summaries are plain text here: the writer escapes them where a format reads HTML,
		// so list text can only ever be text, and a reader of a plain-text field never sees "&#39;".
		title: `${options.company} sub-processor list changes`,
		description: `Every change of ${options.company}'s sub-processor list, with the date it takes effect and the deadline to object.`,
		link: `${options.baseUrl}/subprocessors.json`,
		feedLinks: {
			atom: `${options.baseUrl}/changes.atom${options.query ?? ''}`,
			rss: `${options.baseUrl}/changes.rss${options.query ?? ''}`,
			json: `${options.baseUrl}/changes.json${options.query ?? ''}`,
		},
		updated: changes[0] ? new Date(changes[0].detectedAt) : new Date(0),
		generator: 'Subprocessors for Rocket.Chat',
		entries: changes.map((record) => {
			const listName = options.listNames?.get(record.list ?? MAIN_LIST_ID);
			return {
				title: changeTitle(record, listName),
				id: `urn:subprocessors:change:${record.id}`,
				link: `${options.baseUrl}/changes.json#${record.id}`,
				date: new Date(record.detectedAt),
				summary: changeText(record),
				contentHtml: escapeHtml(changeText(record)).replace(/\n/g, '<br/>'),
				// JSON Feed only: the change for machines (issue 16).
				extensions: { _subprocessors: changeExtension(record, listName) },
			};
		}),
	};
}
