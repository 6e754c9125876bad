/**
 * The JSON Feed extension object `_subprocessors` of a change (issue 16): what was added, removed and
 * changed, for machines — each entry's id, name and category; for a change, each field's old and new value.
 * Field names and values are those of the list (`diff.ts`); lists are joined with ", ". Pure.
 */
import type { ChangeRecord } from '../watch/changes';
import type { Subprocessor } from '../list/model';

export interface EntryRef {
	id: string;
	name: string;
	category: string;
}

export interface ChangeExtension {
	/** The list's name, in a feed of several lists (issue 17). */
	list?: string;
	fromVersion: string | null;
	toVersion: string;
	effectiveDate: string;
	objectionDeadline: string;
	added: EntryRef[];
	removed: EntryRef[];
	changed: Array<EntryRef & { renamedFrom?: string; fields: Array<{ field: string; old: string; new: string }> }>;
}

const ref = (entry: Subprocessor): EntryRef => ({ id: entry.id, name: entry.name, category: entry.category });

export function changeExtension(record: ChangeRecord, listName?: string): ChangeExtension {
	return {
		...(listName ? { list: listName } : {}),
		fromVersion: record.fromVersion ?? null,
		toVersion: record.toVersion,
		effectiveDate: record.effectiveDate,
		objectionDeadline: record.objectionDeadline,
		added: record.changes.added.map(ref),
		removed: record.changes.removed.map(ref),
		changed: record.changes.changed.map((change) => ({
			...ref(change.after),
			...(change.renamedFrom ? { renamedFrom: change.renamedFrom } : {}),
			fields: change.fields.map((f) => ({ field: f.field, old: f.before, new: f.after })),
		})),
	};
}
