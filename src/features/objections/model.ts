/**
 * Formal objections to a sub-processor: the form's validation, the record, its workflow and its reference.
 * Pure: no engine imports.
 */
import { z } from 'zod';
import { fnv1a } from '../../kernel/text';
import { MAIN_LIST_ID } from '../lists/model';

/** The form's input action ids: also the keys of field errors shown on the modal. */
export const OBJECTION_FIELDS = ['name', 'company', 'service', 'subprocessor', 'grounds', 'email'] as const;
export type ObjectionField = (typeof OBJECTION_FIELDS)[number];

export const MIN_GROUNDS = 30;
export const MAX_GROUNDS = 4000;
/** Objections one user may file per hour. */
export const MAX_PER_HOUR = 5;

/** `awaiting`: filed while the privacy team approves objections before they are e-mailed (not sent yet). */
export type ObjectionStatus = 'awaiting' | 'open' | 'acknowledged' | 'resolved' | 'rejected';

/** `approved`: the privacy team let an awaiting objection go to the vendor (its e-mail is enqueued then). */
export type WorkAction = 'approved' | 'acknowledged' | 'resolved' | 'rejected';

/** Statuses after which nothing more happens: the retention period counts from the closing event. */
export const CLOSED_STATUSES: readonly ObjectionStatus[] = ['resolved', 'rejected'];

/** Why an objection's personal fields were erased: its retention period ran out, or the person asked (GDPR Art. 17). */
export type ErasureReason = 'retention' | 'request';

/** What replaces an erased text: the record keeps reference, dates, status and entry for statistics. */
export const ERASED = '[erased]';

export interface ObjectionEvent {
	/** The action record's id; absent on events of objections filed before actions were records of their own. */
	id?: string;
	action: 'filed' | WorkAction;
	by: { id: string; username: string };
	at: string;
	note?: string;
}

/** A team member's action as stored: one record each, never rewritten, so two actions at once both survive. */
export interface ObjectionAction extends ObjectionEvent {
	id: string;
	ref: string;
	action: WorkAction;
}

export interface Objection {
	/** Short human reference, e.g. OBJ-2026-K7Q2XM (OBJ-2026-0042 for objections filed before references were random). */
	ref: string;
	/** Same user, same form: a double submit or a retry finds this and stores nothing new. */
	dedupeKey: string;
	objector: { id: string; username: string; lang: string };
	name: string;
	company: string;
	service: string;
	subprocessor: { id: string; name: string };
	grounds: string;
	email: string;
	/** The list version (`updated`) the objection refers to. */
	listVersion: string;
	filedAt: string;
	/** Filed within the objection window of an announced change of this sub-processor; undefined: no such change. */
	timing?: { onTime: boolean; deadline: string; changeId: string };
	/** The form the objection was filed with: a second submit of it finds this objection. */
	viewId?: string;
	/** As stored: `open` (or `awaiting`) with the `filed` event; actions are folded in on reading (foldObjection). */
	status: ObjectionStatus;
	history: ObjectionEvent[];
	/** Filed while approval was required: the e-mail to the vendor goes only after the team approves. */
	approval?: 'required';
	/** The list the objection concerns; absent: the workspace's one list (a name comes with several lists). */
	list?: string;
	/** Set when the personal fields were erased (name, e-mail, company, grounds, free-text service, notes). */
	erased?: { at: string; reason: ErasureReason };
}

/** The list an objection concerns (records stored before lists have none: the first list). */
export const listOfObjection = (objection: Pick<Objection, 'list'>): string => objection.list ?? MAIN_LIST_ID;

/**
 * The Object button's value: the entry's id, prefixed `<listId>:` for a list other than the first. Buttons posted
 * before lists carry the id alone, and still open the first list's form.
 */
export const objectButtonValue = (listId: string, entryId: string): string => (listId === MAIN_LIST_ID ? entryId : `${listId}:${entryId}`);

export function parseObjectButtonValue(value: string | undefined): { listId: string; entryId?: string } {
	const match = /^(l-[a-z2-7]{8}):(.*)$/.exec(value ?? '');
	return match ? { listId: match[1], entryId: match[2] || undefined } : { listId: MAIN_LIST_ID, entryId: value || undefined };
}

export interface FormContext {
	services: string[];
	/** Sub-processor ids on the current list. */
	subprocessorIds: string[];
}

export type FieldErrors = Partial<Record<ObjectionField, string>>;

/** Error texts are message keys; the engine layer translates them. */
export function validateObjectionForm(values: Record<string, unknown>, context: FormContext) {
	const text = (min: number, max: number, tooShort: string) =>
		z.preprocess(
			(v) => (typeof v === 'string' ? v.trim() : v),
			z
				.string({ required_error: 'form_required', invalid_type_error: 'form_required' })
				.min(1, 'form_required')
				.min(min, tooShort)
				.max(max, 'form_too_long'),
		);
	const schema = z.object({
		name: text(2, 120, 'form_too_short'),
		company: text(1, 200, 'form_required'),
		service: z
			.string({ required_error: 'form_required', invalid_type_error: 'form_required' })
			.refine((v) => context.services.includes(v), 'form_not_offered'),
		subprocessor: z
			.string({ required_error: 'form_required', invalid_type_error: 'form_required' })
			.refine((v) => context.subprocessorIds.includes(v), 'form_not_on_list'),
		grounds: text(MIN_GROUNDS, MAX_GROUNDS, 'form_grounds_short'),
		email: z.preprocess(
			(v) => (typeof v === 'string' ? v.trim() : v),
			z
				.string({ required_error: 'form_required', invalid_type_error: 'form_required' })
				.min(1, 'form_required')
				.email('form_email_invalid')
				.max(254, 'form_email_invalid'),
		),
	});
	// A list without `services:` (the schema allows it) asks which service in free text instead of a choice.
	const freeService = schema.extend({ service: text(2, 200, 'form_too_short') });
	const parsed = (context.services.length === 0 ? freeService : schema).safeParse(values);
	if (parsed.success) {
		return { ok: true as const, value: parsed.data as z.infer<typeof schema> };
	}
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path[0] as ObjectionField;
		errors[field] ??= issue.message;
	}
	return { ok: false as const, errors };
}

/**
 * References need no coordination between app instances: random characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L, U), 30^6 ≈ 7·10^8 per year. A collision with a stored objection is re-drawn before storing.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_LENGTH = 6;

/** OBJ-2026-K7Q2XM from six or more random bytes (48 bits read as one number: the bias is below 10^-5). */
export function formatReference(year: number, bytes: ArrayLike<number>): string {
	if (bytes.length < 6) throw new Error('a reference needs six random bytes');
	let n = 0;
	for (let i = 0; i < 6; i++) n = n * 256 + bytes[i];
	let code = '';
	for (let i = 0; i < REFERENCE_LENGTH; i++) {
		code = REFERENCE_ALPHABET[n % REFERENCE_ALPHABET.length] + code;
		n = Math.floor(n / REFERENCE_ALPHABET.length);
	}
	return `OBJ-${year}-${code}`;
}

/** The part after `OBJ-`: a year, then the random code, or the sequence number of an objection filed before. */
export const REFERENCE_BODY = '\\d{4}-(?:\\d{4,}|[2-9A-HJKMNP-TV-Z]{6})';
export const REFERENCE_PATTERN = new RegExp(`^OBJ-${REFERENCE_BODY}$`, 'i');

/**
 * Which workflow steps are possible from a status. An awaiting objection can only be approved (then it is open
 * and e-mailed) or rejected (never sent); approval happens once, so two racing approvals are one.
 */
export function canTransition(from: ObjectionStatus, action: WorkAction): boolean {
	if (CLOSED_STATUSES.includes(from)) return false;
	if (from === 'awaiting') return action === 'approved' || action === 'rejected';
	if (action === 'approved') return false;
	if (action === 'acknowledged') return from === 'open';
	return true;
}

/** The status an action leaves: an approved objection is open like one sent at once. */
const statusAfter = (action: WorkAction): ObjectionStatus => (action === 'approved' ? 'open' : action);

/** When the objection was closed (its resolving or rejecting event), if it is. */
export function closedAt(objection: Objection): string | undefined {
	if (!CLOSED_STATUSES.includes(objection.status)) return undefined;
	return [...objection.history].reverse().find((e) => e.action === 'resolved' || e.action === 'rejected')?.at;
}

/** Whether the team approved it (or it needed no approval): only then does the vendor's e-mail go. */
export const mayBeSent = (objection: Objection): boolean =>
	objection.approval !== 'required' || objection.history.some((e) => e.action === 'approved');

/**
 * The objection without its personal fields: name, e-mail, company, grounds, a free-text service and every note
 * become a marker; reference, dates, status, history's actions and who on the team took them, the entry and the
 * list version stay for statistics. The objector's account id goes too (it links the record to the person).
 */
export function eraseObjection(objection: Objection, at: string, reason: ErasureReason, services: string[]): Objection {
	const { viewId: _form, ...kept } = objection;
	return {
		...kept,
		dedupeKey: `erased:${objection.ref}`,
		objector: { id: '', username: ERASED, lang: objection.objector.lang },
		name: ERASED,
		email: ERASED,
		company: ERASED,
		// A service chosen from the list is no personal data; one typed in free text may be.
		service: services.includes(objection.service) ? objection.service : objection.service ? ERASED : '',
		grounds: ERASED,
		history: objection.history.map((event) => ({
			...event,
			// The objector filed it; the team members who worked it stay (the workspace's own staff, for the record).
			...(event.action === 'filed' ? { by: { id: '', username: ERASED } } : {}),
			...(event.note ? { note: ERASED } : {}),
		})),
		erased: { at, reason },
	};
}

/** A content key: the same person objecting to the same sub-processor with the same grounds. */
export function contentKey(userId: string, subprocessorId: string, grounds: string): string {
	const folded = grounds.replace(/\s+/g, ' ').trim().toLowerCase();
	return `${userId}:${subprocessorId}:${fnv1a(folded).toString(16)}`;
}

/** Actions in the one order every instance agrees on: by time, then by id (random) for the same millisecond. */
export function actionOrder(a: ObjectionAction, b: ObjectionAction): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface FoldedObjection {
	objection: Objection;
	/** Actions the transition rules refused once the earlier ones applied (the losing side of a race). */
	refused: ObjectionAction[];
}

/**
 * The objection as its actions leave it: each action in actionOrder applies when the status then allows it.
 * Deterministic, so every reader on every instance sees the same status and the same winner of two racing closes.
 * A record stored twice (a retried write) counts once.
 */
export function foldObjection(stored: Objection, actions: ObjectionAction[]): FoldedObjection {
	const seen = new Set(stored.history.map((e) => e.id).filter(Boolean));
	let status = stored.status;
	const history = [...stored.history];
	const refused: ObjectionAction[] = [];
	for (const action of [...actions].sort(actionOrder)) {
		if (action.ref !== stored.ref || seen.has(action.id)) continue;
		seen.add(action.id);
		if (!canTransition(status, action.action)) {
			refused.push(action);
			continue;
		}
		status = statusAfter(action.action);
		history.push({ id: action.id, action: action.action, by: action.by, at: action.at, ...(action.note ? { note: action.note } : {}) });
	}
	return { objection: { ...stored, status, history }, refused };
}
