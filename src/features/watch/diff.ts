/**
 * What changed between two versions of a list, keyed by entry id. Whitespace and ordering alone are no
 * change. Pure: no engine imports.
 */
import type { Subprocessor, SubprocessorList } from '../list/model';
import { nodeCrypto } from '../../kernel/nodeCrypto';
import { memoByObject } from '../../kernel/memo';
import { fold, slugify } from '../../kernel/text';

export type ComparedField =
	'name' | 'aliases' | 'category' | 'purpose' | 'locations' | 'locationNote' | 'data' | 'website' | 'since' | 'listedWith' | 'details';

const COMPARED: ComparedField[] = [
	'name',
	'aliases',
	'category',
	'purpose',
	'locations',
	'locationNote',
	'data',
	'website',
	'since',
	'listedWith',
	'details',
];

export interface FieldChange {
	field: ComparedField;
	/** Display values ('' when absent); lists are joined with ", ". */
	before: string;
	after: string;
}

export interface EntryChange {
	before: Subprocessor;
	after: Subprocessor;
	fields: FieldChange[];
	/** The entry was renamed and got a new id (its id was the default slug of its name). */
	renamedFrom?: string;
}

export interface ListChanges {
	added: Subprocessor[];
	removed: Subprocessor[];
	changed: EntryChange[];
}

export function countChanges(changes: ListChanges): number {
	return changes.added.length + changes.removed.length + changes.changed.length;
}

export function diffLists(before: SubprocessorList, after: SubprocessorList): ListChanges {
	const oldById = new Map(before.subprocessors.map((e) => [e.id, e]));
	const newById = new Map(after.subprocessors.map((e) => [e.id, e]));
	const changed: EntryChange[] = [];
	let added: Subprocessor[] = [];
	let removed: Subprocessor[] = [];

	for (const entry of after.subprocessors) {
		const old = oldById.get(entry.id);
		if (!old) {
			added.push(entry);
			continue;
		}
		// Entries whose text did not change are the same objects in both versions (parseList's cache).
		if (old === entry) continue;
		const fields = compareEntries(old, entry);
		if (fields.length > 0) {
			changed.push({ before: old, after: entry, fields });
		}
	}
	for (const entry of before.subprocessors) {
		if (!newById.has(entry.id)) {
			removed.push(entry);
		}
	}

	// A rename without an explicit id changes the default id: pair such removals and additions so the
	// entry keeps its history instead of looking like one vendor leaving and another arriving. Only
	// default ids (the slug of the name) are paired: two explicit ids are two vendors.
	// A vendor's page names no ids: a row with a new name is a new row there, never a guessed rename.
	if (added.length > 0 && removed.length > 0 && !after.page) {
		const byContent = new Map<string, Subprocessor[]>();
		const byAlias = new Map<string, Subprocessor[]>();
		for (const entry of added.filter(hasDefaultId)) {
			push(byContent, contentKey(entry), entry);
			for (const alias of entry.aliases) push(byAlias, fold(alias), entry);
		}
		const paired = new Set<Subprocessor>();
		const pairedRemoved = new Set<Subprocessor>();
		for (const gone of removed.filter(hasDefaultId)) {
			const candidates = [...(byAlias.get(fold(gone.name)) ?? []), ...(byContent.get(contentKey(gone)) ?? [])];
			const successor = candidates.find((candidate) => !paired.has(candidate));
			if (successor) {
				paired.add(successor);
				pairedRemoved.add(gone);
				changed.push({ before: gone, after: successor, fields: compareEntries(gone, successor), renamedFrom: gone.id });
			}
		}
		added = added.filter((e) => !paired.has(e));
		removed = removed.filter((e) => !pairedRemoved.has(e));
	}
	// A page's category ids are long slugs of its headings: a move between sections is shown by heading.
	if (after.page) showCategoryNames(changed, before, after);
	return { added, removed, changed };
}

const hasDefaultId = (entry: Subprocessor): boolean => entry.id === slugify(entry.name);

function showCategoryNames(changed: EntryChange[], before: SubprocessorList, after: SubprocessorList): void {
	const names = new Map([...before.categories, ...after.categories].map((c) => [c.id, c.name]));
	for (const change of changed) {
		for (const field of change.fields) {
			if (field.field === 'category') {
				field.before = names.get(field.before) ?? field.before;
				field.after = names.get(field.after) ?? field.after;
			}
		}
	}
}

/** Everything but the name: equal for an entry that was only renamed. */
function contentKey(entry: Subprocessor): string {
	return COMPARED.filter((field) => field !== 'name')
		.map((field) => comparable(entry, field))
		.join('\u0001');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function compareEntries(before: Subprocessor, after: Subprocessor): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const field of COMPARED) {
		// Most fields of most entries are written exactly as before: equal as written means equal as compared.
		if (sameAsWritten(before, after, field)) continue;
		const a = comparable(before, field);
		const b = comparable(after, field);
		if (a !== b) {
			changes.push({ field, before: display(before, field), after: display(after, field) });
		}
	}
	return changes;
}

const squash = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Cheap sufficient test for "no change" in a field: the same text, the same items in the same order. */
function sameAsWritten(before: Subprocessor, after: Subprocessor, field: ComparedField): boolean {
	switch (field) {
		case 'locations': {
			const a = before.locations;
			const b = after.locations;
			if (a.length !== b.length) return false;
			for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code) return false;
			return true;
		}
		case 'aliases':
		case 'data':
		case 'listedWith': {
			const a = before[field];
			const b = after[field];
			if (a.length !== b.length) return false;
			for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
			return true;
		}
		default:
			return before[field] === after[field];
	}
}

/** The value compared: whitespace squashed; lists as sorted sets (their order carries no meaning). */
function comparable(entry: Subprocessor, field: ComparedField): string {
	switch (field) {
		case 'locations':
			return [...new Set(entry.locations.map((l) => l.code))].sort().join(',');
		case 'aliases':
		case 'data':
		case 'listedWith':
			return [...new Set(entry[field].map(squash))].sort().join('\u0000');
		case 'details':
			// A page's extra columns (issue 16): the header's case or spacing is no change.
			return (entry.details ?? [])
				.map((d) => `${fold(d.label)}=${squash(d.value)}`)
				.sort()
				.join('\u0000');
		default:
			return squash(entry[field]);
	}
}

function display(entry: Subprocessor, field: ComparedField): string {
	switch (field) {
		case 'locations':
			return entry.locations.map((l) => l.name).join(', ');
		case 'aliases':
		case 'data':
		case 'listedWith':
			return entry[field].join(', ');
		case 'details':
			return (entry.details ?? []).map((d) => `${d.label}: ${squash(d.value)}`).join('; ');
		default:
			return squash(entry[field]);
	}
}

/**
 * The fingerprint of what the list says (not how the file is written): equal lists give equal fingerprints whatever
 * their whitespace or entry order. SHA-256 (node's crypto, which the Apps-Engine runtime allows): a collision would
 * be a missed announcement.
 */
export const fingerprint = memoByObject((list: SubprocessorList): string =>
	nodeCrypto().createHash('sha256').update(fingerprintText(list)).digest('hex'),
);

/**
 * The fingerprint versions before SHA-256 stored (FNV-1a, 2×32 bits: 16 hex digits). Stored pointers, held lists and
 * change ids still carry it after an upgrade; `isFingerprintOf` recognises it, so the upgrade neither re-announces nor
 * misses a change.
 */
export const legacyFingerprint = memoByObject((list: SubprocessorList): string => legacyHash(fingerprintText(list)));

/** Whether a stored fingerprint (SHA-256, or the legacy one) is this list's. */
export function isFingerprintOf(stored: string | undefined, list: SubprocessorList): boolean {
	if (stored === undefined) return false;
	return stored === fingerprint(list) || (isLegacyFingerprint(stored) && stored === legacyFingerprint(list));
}

export const isLegacyFingerprint = (stored: string): boolean => /^[0-9a-f]{16}$/.test(stored);

const compareIds = (a: Subprocessor, b: Subprocessor) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The entries of the last list fingerprinted, by id. */
let lastSorted: Subprocessor[] = [];

/** Forgets the last order (AppRuntime.reset): the next fingerprint sorts from nothing. */
export function forgetSortOrder(): void {
	lastSorted = [];
}

/**
 * The entries sorted by id, as `[...entries].sort(compareIds)` gives them. A new version of a list shares most
 * entry objects with the last one (parseList reuses unchanged entries), so the last order is filtered and only
 * the new entries are sorted and merged in: sorting 5,000 ids on every accepted change was a good part of a check.
 * With unique ids the order is total, so it is the full sort's; ids that are not unique get the full sort.
 */
function sortedById(entries: Subprocessor[]): Subprocessor[] {
	const present = new Set(entries);
	const kept = lastSorted.filter((entry) => present.has(entry));
	let sorted: Subprocessor[] | undefined;
	if (kept.length >= entries.length / 2) {
		const known = new Set(kept);
		const added = entries.filter((entry) => !known.has(entry)).sort(compareIds);
		sorted = [];
		let i = 0;
		let j = 0;
		while (i < kept.length || j < added.length) {
			sorted.push(j >= added.length || (i < kept.length && compareIds(kept[i], added[j]) <= 0) ? kept[i++] : added[j++]);
		}
		if (sorted.length !== entries.length || sorted.some((entry, k) => k > 0 && sorted![k - 1].id === entry.id)) sorted = undefined;
	}
	sorted ??= [...entries].sort(compareIds);
	lastSorted = sorted;
	return sorted;
}

function fingerprintText(list: SubprocessorList): string {
	const entries = sortedById(list.subprocessors).map(entryFingerprintLine);
	const { objections } = list;
	const head = [
		list.company,
		list.updated,
		objections.email,
		objections.subject,
		String(objections.noticeDays ?? ''),
		objections.note ?? '',
		...objections.requirements,
		'\u0003',
		...list.services,
		list.contact ?? '',
		list.policyUrl ?? '',
	].map(squash);
	return [...head, ...list.categories.map((c) => `${c.id}=${squash(c.name)}`), ...entries].join('\u0002');
}

/** An entry's part of the fingerprint; kept per entry object, which parseList shares between versions. */
const entryFingerprintLine = memoByObject((entry: Subprocessor): string =>
	// Details only where there are any: lists without them keep the fingerprints they always had.
	[entry.id, ...COMPARED.filter((field) => field !== 'details' || entry.details?.length).map((field) => comparable(entry, field))].join(
		'\u0001',
	),
);

function legacyHash(text: string): string {
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995);
	}
	return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
