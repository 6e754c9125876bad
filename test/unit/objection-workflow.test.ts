/** Objection references that need no coordination, and the status folded from action records. */
import {
	ERASED,
	REFERENCE_ALPHABET,
	REFERENCE_PATTERN,
	closedAt,
	eraseObjection,
	foldObjection,
	mayBeSent,
	validateObjectionForm,
	formatReference,
	type Objection,
	type ObjectionAction,
} from '../../src/features/objections/model';
import { referenceCandidate } from '../../src/features/objections/engine/filing';
import { FILED_OBJECTION } from './helpers';

const filed: Objection = FILED_OBJECTION;

const action = (id: string, kind: ObjectionAction['action'], at: string, by = 'dpo'): ObjectionAction => ({
	id,
	ref: filed.ref,
	action: kind,
	by: { id: by, username: by },
	at,
});

describe('references', () => {
	test('OBJ-<year>-<6 characters> from an alphabet without look-alikes, accepted by the pattern', () => {
		const ref = formatReference(2026, [1, 2, 3, 4, 5, 6]);
		expect(ref).toMatch(/^OBJ-2026-[2-9A-HJKMNP-TV-Z]{6}$/);
		expect(REFERENCE_PATTERN.test(ref)).toBe(true);
		expect(REFERENCE_PATTERN.test(ref.toLowerCase())).toBe(true);
		for (const c of '01ILOU') expect(REFERENCE_ALPHABET).not.toContain(c);
		expect(REFERENCE_ALPHABET).toHaveLength(30);
	});

	test('different bytes give different references; the same bytes the same one', () => {
		expect(formatReference(2026, [0, 0, 0, 0, 0, 1])).not.toBe(formatReference(2026, [0, 0, 0, 0, 0, 2]));
		expect(formatReference(2026, [9, 8, 7, 6, 5, 4, 3])).toBe(formatReference(2026, [9, 8, 7, 6, 5, 4]));
		expect(formatReference(2026, [0, 0, 0, 0, 0, 0])).toBe('OBJ-2026-222222');
		expect(() => formatReference(2026, [1, 2, 3])).toThrow('six random bytes');
	});

	test('references of objections filed before (sequence numbers) still match; others do not', () => {
		expect(REFERENCE_PATTERN.test('OBJ-2026-0001')).toBe(true);
		expect(REFERENCE_PATTERN.test('OBJ-2026-12345')).toBe(true);
		for (const bad of ['OBJ-2026-K7Q2', 'OBJ-2026-K7Q2XO', 'OBJ-26-K7Q2XM', 'OBJ-2026-K7Q2XM-', 'objection'])
			expect({ bad, ok: REFERENCE_PATTERN.test(bad) }).toEqual({ bad, ok: false });
	});
});

describe("a form's reference candidates", () => {
	test('every submit of one form computes the same; another form or the next draw a different one', () => {
		const form = 'objection-form:mi3k2x9a0f3c2b1d4e5f6a7b8';
		expect(referenceCandidate(form, 2026, 0)).toBe(referenceCandidate(form, 2026, 0));
		expect(referenceCandidate(form, 2026, 0)).toMatch(REFERENCE_PATTERN);
		expect(referenceCandidate(form, 2026, 1)).not.toBe(referenceCandidate(form, 2026, 0));
		expect(referenceCandidate(`${form}x`, 2026, 0)).not.toBe(referenceCandidate(form, 2026, 0));
		expect(referenceCandidate(form, 2027, 0)).toMatch(/^OBJ-2027-/);
	});

	test('spread over the alphabet: 2,000 forms, no collision and every character used', () => {
		const refs = Array.from({ length: 2000 }, (_, i) => referenceCandidate(`objection-form:${i}`, 2026, 0));
		expect(new Set(refs).size).toBe(refs.length);
		const used = new Set(refs.flatMap((r) => [...r.slice('OBJ-2026-'.length)]));
		expect([...used].sort().join('')).toBe([...REFERENCE_ALPHABET].sort().join(''));
	});
});

describe('the status folded from action records', () => {
	test('acknowledge then resolve: resolved, with both in the history', () => {
		const { objection, refused } = foldObjection(filed, [
			action('b', 'resolved', '2026-11-30T11:00:00.000Z'),
			action('a', 'acknowledged', '2026-11-30T10:30:00.000Z'),
		]);
		expect(objection.status).toBe('resolved');
		expect(objection.history.map((e) => e.action)).toEqual(['filed', 'acknowledged', 'resolved']);
		expect(refused).toEqual([]);
	});

	test('two racing closes resolve to the earlier one, whatever order they are read in; the other is refused', () => {
		const resolve = action('r1', 'resolved', '2026-11-30T11:00:00.001Z', 'dpo');
		const reject = action('r2', 'rejected', '2026-11-30T11:00:00.002Z', 'admin');
		for (const actions of [
			[resolve, reject],
			[reject, resolve],
		]) {
			const { objection, refused } = foldObjection(filed, actions);
			expect(objection.status).toBe('resolved');
			expect(objection.history.map((e) => e.id ?? e.action)).toEqual(['filed', 'r1']);
			expect(refused.map((r) => r.id)).toEqual(['r2']);
		}
	});

	test('the same millisecond: the id decides, the same way for every reader', () => {
		const a = action('m-aaa', 'rejected', '2026-11-30T11:00:00.000Z');
		const b = action('m-bbb', 'resolved', '2026-11-30T11:00:00.000Z');
		expect(foldObjection(filed, [b, a]).objection.status).toBe('rejected');
		expect(foldObjection(filed, [a, b]).objection.status).toBe('rejected');
	});

	test("a record stored twice counts once; another objection's actions are ignored", () => {
		const ack = action('a', 'acknowledged', '2026-11-30T10:30:00.000Z');
		const other = { ...action('x', 'rejected', '2026-11-30T10:40:00.000Z'), ref: 'OBJ-2026-222222' };
		const { objection, refused } = foldObjection(filed, [ack, { ...ack }, other]);
		expect(objection.status).toBe('acknowledged');
		expect(objection.history).toHaveLength(2);
		expect(refused).toEqual([]);
	});

	test('an objection filed before action records keeps its stored history and status as the start', () => {
		const legacy: Objection = {
			...filed,
			status: 'acknowledged',
			history: [
				...filed.history,
				{ id: 'legacy-1', action: 'acknowledged', by: { id: 'dpo', username: 'dpo' }, at: '2026-11-30T10:10:00.000Z' },
			],
		};
		const { objection } = foldObjection(legacy, [
			action('z', 'acknowledged', '2026-11-30T12:00:00.000Z'),
			action('y', 'rejected', '2026-11-30T12:30:00.000Z'),
		]);
		expect(objection.status).toBe('rejected');
		expect(objection.history.map((e) => e.action)).toEqual(['filed', 'acknowledged', 'rejected']);
	});
});

describe('approval before sending', () => {
	const awaiting: Objection = { ...filed, status: 'awaiting', approval: 'required' };

	test('an awaiting objection can be approved (then it is open) or rejected, nothing else; two approvals are one', () => {
		const { objection, refused } = foldObjection(awaiting, [
			action('b', 'approved', '2026-11-30T10:05:00.000Z', 'admin'),
			action('a', 'approved', '2026-11-30T10:05:00.000Z'),
			action('c', 'acknowledged', '2026-11-30T10:06:00.000Z'),
		]);
		expect(objection.status).toBe('acknowledged');
		expect(objection.history.map((e) => [e.action, e.by.username])).toEqual([
			['filed', 'alice'],
			['approved', 'dpo'],
			['acknowledged', 'dpo'],
		]);
		expect(refused.map((r) => r.id)).toEqual(['b']);
		expect(mayBeSent(objection)).toBe(true);
	});

	test('rejected before approval: never sent; acknowledging first is refused', () => {
		const { objection, refused } = foldObjection(awaiting, [
			action('a', 'acknowledged', '2026-11-30T10:01:00.000Z'),
			action('b', 'rejected', '2026-11-30T10:02:00.000Z'),
			action('c', 'approved', '2026-11-30T10:03:00.000Z'),
		]);
		expect(objection.status).toBe('rejected');
		expect(refused.map((r) => r.id)).toEqual(['a', 'c']);
		expect(mayBeSent(objection)).toBe(false);
		expect(closedAt(objection)).toBe('2026-11-30T10:02:00.000Z');
	});

	test('an objection filed to be sent at once needs no approval, and approving it is refused', () => {
		expect(mayBeSent(filed)).toBe(true);
		expect(foldObjection(filed, [action('a', 'approved', '2026-11-30T10:01:00.000Z')]).refused).toHaveLength(1);
	});
});

describe('erasure', () => {
	test('personal fields become a marker; reference, dates, status, entry and the team’s actions stay', () => {
		const worked = {
			...filed,
			service: 'Typed by hand',
			history: [...filed.history, { ...action('a', 'resolved', '2026-12-01T00:00:00.000Z'), note: 'Call Alice' }],
		};
		const erased = eraseObjection(worked, '2027-12-01T00:00:00.000Z', 'retention', ['Marketplace']);
		expect(erased).toMatchObject({
			ref: filed.ref,
			filedAt: filed.filedAt,
			listVersion: filed.listVersion,
			subprocessor: filed.subprocessor,
			name: ERASED,
			email: ERASED,
			company: ERASED,
			grounds: ERASED,
			service: ERASED,
			objector: { id: '', username: ERASED },
			erased: { at: '2027-12-01T00:00:00.000Z', reason: 'retention' },
		});
		expect(erased.history.map((e) => [e.action, e.by.username, e.note])).toEqual([
			['filed', ERASED, undefined],
			['resolved', 'dpo', ERASED],
		]);
		expect(JSON.stringify(erased)).not.toMatch(/Alice|alice|ACME|Typed by hand|xxxxxxxx/);
		// A service chosen from the list stays (statistics); none stays none.
		expect(eraseObjection({ ...filed, service: 'Marketplace' }, 'x', 'request', ['Marketplace']).service).toBe('Marketplace');
		expect(eraseObjection(filed, 'x', 'request', []).service).toBe('');
	});
});

describe('the service field', () => {
	const values = { name: 'Alice', company: 'ACME', subprocessor: 'stripe', grounds: 'x'.repeat(40), email: 'a@acme.example' };
	test('a list with services: one of them; without: typed in, required', () => {
		const context = { services: ['Marketplace'], subprocessorIds: ['stripe'] };
		expect(validateObjectionForm({ ...values, service: 'Other' }, context)).toMatchObject({
			ok: false,
			errors: { service: 'form_not_offered' },
		});
		const free = { services: [], subprocessorIds: ['stripe'] };
		expect(validateObjectionForm(values, free)).toMatchObject({ ok: false, errors: { service: 'form_required' } });
		expect(validateObjectionForm({ ...values, service: '  Mobile app ' }, free)).toMatchObject({
			ok: true,
			value: { service: 'Mobile app' },
		});
	});
});
