/**
 * The list documents of several watched lists (issue 17 point 5, docs/lists.md §5), built from the one-list
 * documents of feeds.ts. Fields and columns are only ever added: with one list each document is exactly what it was
 * before lists. Pure: no engine imports.
 */
import type { Subprocessor, SubprocessorList } from '../list/model';
import { CSV_COLUMNS, csvRows, csvText, listCsv, listJson, type ListJson } from './feeds';

/** One list's part of a document: its name, its list and the entries asked for (all of them unless filtered). */
export interface ListDocument {
	name: string;
	list: SubprocessorList;
	entries?: readonly Subprocessor[];
}

/** A list's own document, naming the list (`?list=NAME`, and each item of `lists`). */
export type NamedListJson = ListJson & { list: string };

/**
 * The JSON document of these lists. One list: its v1 document, unchanged. Several: the first list's document at the
 * top level (what a reader of v1 already understands), plus `lists`, every list's document with its `list` name.
 */
export function listsJson(docs: readonly ListDocument[]): ListJson {
	const [first] = docs;
	if (!first) throw new Error('a document needs at least one list');
	const top = listJson(first.list, first.entries);
	return docs.length === 1 ? top : { ...top, lists: docs.map(namedListJson) };
}

export const namedListJson = (doc: ListDocument): NamedListJson => ({ list: doc.name, ...listJson(doc.list, doc.entries) });

/**
 * The CSV of these lists. One list: its CSV, unchanged. Several: every list's rows, with a `list` column (the list's
 * name) after the columns of v1.
 */
export function listsCsv(docs: readonly ListDocument[]): string {
	if (docs.length === 1) return listCsv(docs[0].list, docs[0].entries);
	const rows = docs.flatMap((doc) => csvRows(doc.list, doc.entries).map((row) => [...row, doc.name]));
	return csvText([[...CSV_COLUMNS, 'list'], ...rows]);
}
