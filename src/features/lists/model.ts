/**
 * Watched lists (issue 17, docs/lists.md): a workspace follows several sub-processor lists — every vendor's and
 * its own — each under a short name people type (`rocketchat`, `github`, `acme`). Pure: no engine imports.
 */
import { findPlace } from '../../kernel/places';
import { slugify } from '../../kernel/text';

/**
 * The first list's id. Its records keep the keys they had before lists existed (no prefix), so a workspace that
 * upgrades rewrites nothing: the first list is "the list whose keys have no prefix".
 */
export const MAIN_LIST_ID = 'main';

export interface WatchedList {
	/** Stable key of everything the list owns; a rename changes `name` only. */
	id: string;
	name: string;
	/** A URL (the app's YAML/JSON or a vendor's page). Absent for the first list: its source is the `list_source_url` setting (empty: bundled). */
	url?: string;
	/** The announcements room's id; absent: the shared announcements setting. */
	channel?: string;
	/** Per-list objection address and subject, over what the list (or page) says. */
	objectionTo?: string;
	objectionSubject?: string;
	/** Who last set or cleared them with `lists objection`, and when (the objection audit has every change). */
	objectionSetAt?: string;
	objectionSetBy?: string;
	createdAt: string;
	createdBy?: string;
	/** A removed list is no longer checked, asked or announced; its history stays readable until it is purged (REMOVED_LIST_RETENTION_DAYS). */
	removedAt?: string;
	removedBy?: string;
}

/**
 * How long a removed list's history is kept, in days from its removal: a year, so the changes it announced can
 * still be looked up at the next yearly review of the vendors; then the daily pass deletes it
 * (src/features/lists/engine/purge.ts). A constant, not a setting: `objection_retention_days` governs the personal
 * data of objections (their own retention, which also covers a removed list's objections), not a vendor's history.
 */
export const REMOVED_LIST_RETENTION_DAYS = 365;

const DAY_MS = 24 * 3600_000;

/**
 * Whether a list's history is due for deletion at `now`. Never the first list's: its records have the keys of before
 * lists, and forgetting its record would bring it back as the implicit first list (ListRegistry).
 */
export function purgeDue(list: WatchedList, now: Date): boolean {
	if (list.id === MAIN_LIST_ID || !list.removedAt) return false;
	return now.getTime() - Date.parse(list.removedAt) >= REMOVED_LIST_RETENTION_DAYS * DAY_MS;
}

/** The key prefix of a list's records: none for the first list, `<id>/` for the others. */
export const listScope = (listId: string): string | undefined => (listId === MAIN_LIST_ID ? undefined : listId);

/** A record kind in a list's scope (`list-pointer` → `l-ab12cd34/list-pointer`). */
export const scopedKind = (listId: string, kind: string): string => {
	const scope = listScope(listId);
	return scope ? `${scope}/${kind}` : kind;
};

/** The list a change record id or delivery key belongs to (`l-ab12cd34/…` → `l-ab12cd34`; no prefix → the first list). */
export function listOfKey(key: string): string {
	const match = /^(l-[a-z2-7]{8})\//.exec(key);
	return match ? match[1] : MAIN_LIST_ID;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A new list's id: random, so the retained history of a removed list can never collide with a new list of the same
 * name. `random` returns [0, 1) (Math.random in the app; a seeded one in tests).
 */
export function newListId(random: () => number = Math.random): string {
	let id = 'l-';
	for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length) % ID_ALPHABET.length];
	return id;
}

export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,28}[a-z0-9]$/;

export type NameProblem = 'list_name_invalid' | 'list_name_reserved' | 'list_name_place' | 'list_name_taken';

/**
 * Why a name can't name a list, or undefined when it can. `reserved`: the subcommand words (the first word of a
 * question is a list name only when it is exactly one, so a list called `in` would shadow a subcommand). A region
 * or country name (`eu`, `us`) would make `/subprocessors eu` ambiguous by construction.
 */
export function nameProblem(name: string, reserved: ReadonlySet<string>, taken: readonly WatchedList[]): NameProblem | undefined {
	if (!NAME_PATTERN.test(name)) return 'list_name_invalid';
	if (reserved.has(name) || name === 'share' || name === 'lists' || name === 'all') return 'list_name_reserved';
	if (findPlace(name)) return 'list_name_place';
	if (taken.some((list) => list.name === name && !list.removedAt)) return 'list_name_taken';
	return undefined;
}

/** Legal forms left off a name made from a company ("GitHub, Inc." → `github`). */
const LEGAL_FORMS = new Set([
	'inc',
	'ltd',
	'llc',
	'gmbh',
	'ag',
	'sa',
	'sas',
	'bv',
	'nv',
	'plc',
	'corp',
	'corporation',
	'limited',
	'co',
	'srl',
	'spa',
	'ab',
	'oy',
	'as',
	'pty',
	'kk',
]);

/** A name for a list from its company ("Rocket.Chat" → `rocketchat`), fitted to the name rules; `fallback` if nothing fits. */
export function nameFromCompany(company: string, fallback: string): string {
	const words = slugify(company).split('-');
	while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
	const slug = words.join('').slice(0, 30);
	// "EU Corp" must not be named `eu`: `/subprocessors eu` is a place question.
	return NAME_PATTERN.test(slug) && !findPlace(slug) ? slug : fallback;
}

/** Active lists first in the order they were added (the first list first), as answers and `status` show them. */
export function inListOrder(lists: readonly WatchedList[]): WatchedList[] {
	return [...lists].sort((a, b) =>
		a.id === MAIN_LIST_ID
			? -1
			: b.id === MAIN_LIST_ID
				? 1
				: a.createdAt < b.createdAt
					? -1
					: a.createdAt > b.createdAt
						? 1
						: a.id < b.id
							? -1
							: 1,
	);
}

/** A watched list with the catalog it answers from (what questions across lists are answered over). */
export interface ListCatalog<C = unknown> {
	list: WatchedList;
	catalog: C;
	/** Where objections to the list go (objectionAddress.ts), when the engine worked it out; absent: what the list says. */
	objections?: { email: string; subject: string };
}
