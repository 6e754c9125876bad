import {
	inListOrder,
	listOfKey,
	MAIN_LIST_ID,
	nameFromCompany,
	nameProblem,
	newListId,
	scopedKind,
	type WatchedList,
} from '../../src/features/lists/model';
import { newChangeRecord } from '../../src/features/watch/changes';
import { loadList } from '../../src/features/list/schema';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const RESERVED = new Set(['list', 'show', 'in', 'outside', 'status']);
const at = (createdAt: string, id: string, name = id): WatchedList => ({ id, name, createdAt });

describe('watched lists', () => {
	it('keeps the first list under the keys of before lists and prefixes the others', () => {
		expect(scopedKind(MAIN_LIST_ID, 'list-pointer')).toBe('list-pointer');
		expect(scopedKind('l-abcdefgh', 'list-pointer')).toBe('l-abcdefgh/list-pointer');
		expect(listOfKey('l-abcdefgh/0123-4567')).toBe('l-abcdefgh');
		expect(listOfKey('0123-4567')).toBe(MAIN_LIST_ID);
	});

	it('makes random ids of the documented shape', () => {
		const ids = new Set(Array.from({ length: 50 }, () => newListId()));
		expect(ids.size).toBe(50);
		for (const id of ids) expect(id).toMatch(/^l-[a-z2-7]{8}$/);
		expect(newListId(() => 0.999999)).toBe('l-77777777');
	});

	it('refuses names that are malformed, subcommands, places or taken', () => {
		expect(nameProblem('github', RESERVED, [])).toBeUndefined();
		expect(nameProblem('GitHub', RESERVED, [])).toBe('list_name_invalid');
		expect(nameProblem('a', RESERVED, [])).toBe('list_name_invalid');
		expect(nameProblem('-ab', RESERVED, [])).toBe('list_name_invalid');
		expect(nameProblem('in', RESERVED, [])).toBe('list_name_reserved');
		expect(nameProblem('all', RESERVED, [])).toBe('list_name_reserved');
		expect(nameProblem('eu', RESERVED, [])).toBe('list_name_place');
		expect(nameProblem('germany', RESERVED, [])).toBe('list_name_place');
		expect(nameProblem('acme', RESERVED, [at('2026-01-01', 'l-aaaaaaaa', 'acme')])).toBe('list_name_taken');
		// A removed list's name is free again (its history keeps its id).
		expect(nameProblem('acme', RESERVED, [{ ...at('2026-01-01', 'l-aaaaaaaa', 'acme'), removedAt: '2026-02-01' }])).toBeUndefined();
	});

	it('names a list after its company without the legal form', () => {
		expect(nameFromCompany('Rocket.Chat', 'main')).toBe('rocketchat');
		expect(nameFromCompany('GitHub, Inc.', 'main')).toBe('github');
		expect(nameFromCompany('Acme GmbH', 'main')).toBe('acme');
		expect(nameFromCompany('!!!', 'main')).toBe('main');
		expect(nameFromCompany('EU GmbH', 'main')).toBe('main');
	});

	it('orders the first list first, then by when each was added', () => {
		const order = inListOrder([at('2026-03-01', 'l-bbbbbbbb'), at('2026-02-01', 'l-aaaaaaaa'), at('2026-05-01', MAIN_LIST_ID)]);
		expect(order.map((l) => l.id)).toEqual([MAIN_LIST_ID, 'l-aaaaaaaa', 'l-bbbbbbbb']);
	});

	it('prefixes the change record ids of other lists, so the same content in two lists makes two records', () => {
		const list = loadList(readFileSync(path.join(__dirname, '../../data/subprocessors.yaml'), 'utf8'), 'data/subprocessors.yaml');
		const now = new Date('2026-11-30T00:00:00Z');
		const first = newChangeRecord(undefined, { list, fingerprint: 'f1' }, now, 30);
		const other = newChangeRecord(undefined, { list, fingerprint: 'f1' }, now, 30, undefined, 'l-abcdefgh');
		expect(first.list).toBeUndefined();
		expect(other.list).toBe('l-abcdefgh');
		expect(other.id).toBe(`l-abcdefgh/${first.id}`);
		expect(listOfKey(other.id)).toBe('l-abcdefgh');
	});
});
