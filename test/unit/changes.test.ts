/** Change records: the announced dates, the record of a change or baseline, and the mass-removal rule. */
import { changeDates, changeRecordId, isoDay, looksLikeMassRemoval, newChangeRecord } from '../../src/features/watch/changes';
import { diffLists, fingerprint, type ListChanges } from '../../src/features/watch/diff';
import type { SubprocessorList } from '../../src/features/list/model';
import { catalogFrom, edit, SMALL_LIST_HEADER } from './helpers';

const listFrom = (source: string): SubprocessorList => catalogFrom(source).list;

const ENTRIES = `subprocessors:
  - name: Acme Hosting
    category: infrastructure
    purpose: Hosting
  - name: Beta Mail
    category: service
    purpose: E-mail
`;

/** The small list, `updated: <updated>`, with `noticeDays` when given. */
function list(updated = '2024-03-01', noticeDays?: number, entries = ENTRIES): SubprocessorList {
	let header = edit(SMALL_LIST_HEADER, 'updated: 2024-03-01', `updated: ${updated}`);
	if (noticeDays !== undefined) header = edit(header, 'subject: Objection', `subject: Objection\n  noticeDays: ${noticeDays}`);
	return listFrom(header + entries);
}

const at = (iso: string) => new Date(iso);

describe('changeDates', () => {
	test('with noticeDays: effective = announcement day + noticeDays, and that is the deadline', () => {
		expect(changeDates(list('2024-03-01', 30), at('2024-03-10T15:30:00Z'), 14)).toEqual({
			effectiveDate: '2024-04-09',
			objectionDeadline: '2024-04-09',
		});
		// The workspace's objection window does not matter then.
		expect(changeDates(list('2024-03-01', 30), at('2024-03-10T15:30:00Z'), 90)).toEqual({
			effectiveDate: '2024-04-09',
			objectionDeadline: '2024-04-09',
		});
	});

	test("with noticeDays: the list's own date when it is later", () => {
		expect(changeDates(list('2024-06-01', 30), at('2024-03-10T08:00:00Z'), 14)).toEqual({
			effectiveDate: '2024-06-01',
			objectionDeadline: '2024-06-01',
		});
		// Exactly the same day either way.
		expect(changeDates(list('2024-04-09', 30), at('2024-03-10T08:00:00Z'), 14)).toEqual({
			effectiveDate: '2024-04-09',
			objectionDeadline: '2024-04-09',
		});
	});

	test('noticeDays 0: effective on the announcement day', () => {
		expect(changeDates(list('2024-03-01', 0), at('2024-03-10T23:59:59Z'), 14)).toEqual({
			effectiveDate: '2024-03-10',
			objectionDeadline: '2024-03-10',
		});
	});

	test("without noticeDays: in effect as of the list's date; deadline = announcement day + the window", () => {
		expect(changeDates(list('2024-03-01'), at('2024-03-10T15:30:00Z'), 30)).toEqual({
			effectiveDate: '2024-03-01',
			objectionDeadline: '2024-04-09',
		});
		expect(changeDates(list('2024-03-01'), at('2024-03-10T15:30:00Z'), 0)).toEqual({
			effectiveDate: '2024-03-01',
			objectionDeadline: '2024-03-10',
		});
		// A list dated in the future keeps its date.
		expect(changeDates(list('2024-05-01'), at('2024-03-10T15:30:00Z'), 14)).toEqual({
			effectiveDate: '2024-05-01',
			objectionDeadline: '2024-03-24',
		});
	});

	test('month and year boundaries, leap years, UTC days', () => {
		expect(changeDates(list('2024-12-01'), at('2024-12-15T12:00:00Z'), 30).objectionDeadline).toBe('2025-01-14');
		expect(changeDates(list('2024-12-01', 30), at('2024-12-15T12:00:00Z'), 14).effectiveDate).toBe('2025-01-14');
		expect(changeDates(list('2024-01-01'), at('2024-02-15T00:00:00Z'), 14).objectionDeadline).toBe('2024-02-29');
		expect(changeDates(list('2023-01-01'), at('2023-02-15T00:00:00Z'), 14).objectionDeadline).toBe('2023-03-01');
		expect(changeDates(list('2024-01-01'), at('2024-01-31T10:00:00Z'), 1).objectionDeadline).toBe('2024-02-01');
		expect(changeDates(list('2024-01-01', 1), at('2024-12-31T23:59:59.999Z'), 14).effectiveDate).toBe('2025-01-01');
		// The announcement day is the UTC day: 23:30 in New York on 31 December is 1 January in UTC.
		expect(changeDates(list('2024-01-01'), at('2024-12-31T23:30:00-05:00'), 10).objectionDeadline).toBe('2025-01-11');
		expect(changeDates(list('2024-01-01'), at('2024-03-30T12:00:00Z'), 365).objectionDeadline).toBe('2025-03-30');
	});

	test('isoDay is the UTC calendar day', () => {
		expect(isoDay(at('2024-12-31T23:59:59Z'))).toBe('2024-12-31');
		expect(isoDay(at('2025-01-01T00:30:00+01:00'))).toBe('2024-12-31');
	});
});

describe('newChangeRecord', () => {
	const now = at('2024-03-10T15:30:00.000Z');
	const v1 = list('2024-03-01');
	const v2 = list(
		'2024-03-08',
		undefined,
		`${ENTRIES}  - name: Gamma Chat
    category: service
`,
	);
	const fp1 = fingerprint(v1);
	const fp2 = fingerprint(v2);

	test('changeRecordId: from → to, "none" without a previous version', () => {
		expect(changeRecordId('aaaa', 'bbbb')).toBe('aaaa-bbbb');
		expect(changeRecordId(undefined, 'bbbb')).toBe('none-bbbb');
	});

	test('a baseline: no previous version, no changes, the entry count', () => {
		expect(newChangeRecord(undefined, { list: v1, fingerprint: fp1 }, now, 30)).toEqual({
			id: `none-${fp1}`,
			kind: 'baseline',
			detectedAt: '2024-03-10T15:30:00.000Z',
			company: 'Example GmbH',
			fromVersion: undefined,
			toVersion: '2024-03-01',
			fromFingerprint: undefined,
			toFingerprint: fp1,
			changes: { added: [], removed: [], changed: [] },
			entryCount: 2,
			effectiveDate: '2024-03-01',
			objectionDeadline: '2024-04-09',
			deliveries: {},
		});
	});

	test('a change: the diff, both versions, the new entry count and dates', () => {
		const record = newChangeRecord({ list: v1, fingerprint: fp1 }, { list: v2, fingerprint: fp2 }, now, 14);
		expect(record).toEqual({
			id: `${fp1}-${fp2}`,
			kind: 'change',
			detectedAt: '2024-03-10T15:30:00.000Z',
			company: 'Example GmbH',
			fromVersion: '2024-03-01',
			toVersion: '2024-03-08',
			fromFingerprint: fp1,
			toFingerprint: fp2,
			changes: diffLists(v1, v2),
			entryCount: 3,
			effectiveDate: '2024-03-08',
			objectionDeadline: '2024-03-24',
			deliveries: {},
		});
		expect(record.changes.added.map((e) => e.id)).toEqual(['gamma-chat']);
		expect(record.subscribersToTell).toBeUndefined();
	});

	test('the id is deterministic: the same transition at another time has the same id', () => {
		const a = newChangeRecord({ list: v1, fingerprint: fp1 }, { list: v2, fingerprint: fp2 }, now, 14);
		const b = newChangeRecord(
			{ list: list('2024-03-01'), fingerprint: fingerprint(list('2024-03-01')) },
			{ list: v2, fingerprint: fingerprint(v2) },
			at('2024-04-01T00:00:00Z'),
			30,
		);
		expect(b.id).toBe(a.id);
		expect(b.detectedAt).toBe('2024-04-01T00:00:00.000Z');
		// The reverse transition is another record.
		expect(newChangeRecord({ list: v2, fingerprint: fp2 }, { list: v1, fingerprint: fp1 }, now, 14).id).toBe(`${fp2}-${fp1}`);
		expect(newChangeRecord(undefined, { list: v2, fingerprint: fp2 }, now, 14).id).not.toBe(a.id);
	});

	test("dates follow the new list's noticeDays", () => {
		const v3 = list('2024-03-08', 30);
		const record = newChangeRecord({ list: v1, fingerprint: fp1 }, { list: v3, fingerprint: fingerprint(v3) }, now, 14);
		expect([record.effectiveDate, record.objectionDeadline]).toEqual(['2024-04-09', '2024-04-09']);
	});
});

describe('looksLikeMassRemoval', () => {
	const sized = (n: number): SubprocessorList =>
		listFrom(
			`${SMALL_LIST_HEADER}subprocessors:${n === 0 ? ' []' : ''}\n${Array.from({ length: n }, (_, i) => `  - name: Vendor ${i}\n    category: service\n`).join('')}`,
		);
	const removing = (before: SubprocessorList, count: number): ListChanges => ({
		added: [],
		removed: before.subprocessors.slice(0, count),
		changed: [],
	});

	test.each([
		// [entries before, removed, held?]
		[4, 3, true],
		[4, 2, false], // exactly half is not more than half
		[4, 4, true],
		[10, 6, true],
		[10, 5, false],
		[11, 6, true],
		[11, 5, false],
		[3, 3, false], // fewer than 4 entries: never held
		[2, 2, false],
		[1, 1, false],
		[0, 0, false],
		[100, 0, false],
	])('%i entries, %i removed → %s', (n, removed, held) => {
		const before = sized(n);
		expect(looksLikeMassRemoval(before, removing(before, removed))).toBe(held);
	});

	test('counts only removals, from a real diff (additions and changes do not offset them)', () => {
		const before = sized(6);
		const after = listFrom(`${SMALL_LIST_HEADER}subprocessors:
  - name: Vendor 0
    category: service
  - name: Vendor 1
    category: infrastructure
  - name: Vendor 2
    category: service
  - name: Vendor 99
    aliases: [Something]
    category: service
`);
		const changes = diffLists(before, after);
		expect(changes.removed.map((e) => e.id)).toEqual(['vendor-3', 'vendor-4', 'vendor-5']);
		expect(looksLikeMassRemoval(before, changes)).toBe(false);
		const fewer = listFrom(
			`${SMALL_LIST_HEADER}subprocessors:\n  - name: Vendor 0\n    category: service\n  - name: Vendor 1\n    category: service\n`,
		);
		expect(looksLikeMassRemoval(before, diffLists(before, fewer))).toBe(true);
	});
});
