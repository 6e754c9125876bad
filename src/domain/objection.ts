/**
 * Formal objections to a sub-processor: the form's validation, the record, its workflow and its reference.
 * Pure: no engine imports.
 */
import { z } from 'zod';

/** The form's input action ids: also the keys of field errors shown on the modal. */
export const OBJECTION_FIELDS = ['name', 'company', 'service', 'subprocessor', 'grounds', 'email'] as const;
export type ObjectionField = (typeof OBJECTION_FIELDS)[number];

export const MIN_GROUNDS = 30;
export const MAX_GROUNDS = 4000;
/** Objections one user may file per hour. */
export const MAX_PER_HOUR = 5;

export type ObjectionStatus = 'open' | 'acknowledged' | 'resolved' | 'rejected';

export interface ObjectionEvent {
    action: 'filed' | 'acknowledged' | 'resolved' | 'rejected';
    by: { id: string; username: string };
    at: string;
    note?: string;
}

export interface ObjectionDelivery {
    state: 'pending' | 'done' | 'failed' | 'unavailable';
    at?: string;
    messageId?: string;
    error?: string;
    /** Why a route is not possible: `no-smtp`, or `address-refused` (the server's mailer refused the address). */
    code?: string;
    attempts: number;
    /** Delivery runs skipped since the last attempt, once a route keeps failing (it is then tried less often). */
    waited?: number;
}

export interface Objection {
    /** Short human reference, e.g. OBJ-2026-0042. */
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
    status: ObjectionStatus;
    history: ObjectionEvent[];
    /** Where it went: the team room card, the e-mail, the objector's confirmation, and each status DM. */
    deliveries: Record<string, ObjectionDelivery>;
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
            z.string({ required_error: 'form_required', invalid_type_error: 'form_required' }).min(1, 'form_required').min(min, tooShort).max(max, 'form_too_long'),
        );
    const schema = z.object({
        name: text(2, 120, 'form_too_short'),
        company: text(1, 200, 'form_required'),
        service: z.string({ required_error: 'form_required', invalid_type_error: 'form_required' }).refine((v) => context.services.includes(v), 'form_not_offered'),
        subprocessor: z
            .string({ required_error: 'form_required', invalid_type_error: 'form_required' })
            .refine((v) => context.subprocessorIds.includes(v), 'form_not_on_list'),
        grounds: text(MIN_GROUNDS, MAX_GROUNDS, 'form_grounds_short'),
        email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ required_error: 'form_required', invalid_type_error: 'form_required' }).min(1, 'form_required').email('form_email_invalid').max(254, 'form_email_invalid')),
    });
    const withoutService = context.services.length === 0 ? schema.omit({ service: true }) : schema;
    const parsed = withoutService.safeParse(values);
    if (parsed.success) {
        return { ok: true as const, value: { service: '', ...parsed.data } as z.infer<typeof schema> };
    }
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
        const field = issue.path[0] as ObjectionField;
        errors[field] ??= issue.message;
    }
    return { ok: false as const, errors };
}

/** OBJ-2026-0042 */
export function formatReference(year: number, sequence: number): string {
    return `OBJ-${year}-${String(sequence).padStart(4, '0')}`;
}

export const REFERENCE_PATTERN = /^OBJ-\d{4}-\d{4,}$/i;

/** Which workflow steps are possible from a status. */
export function canTransition(from: ObjectionStatus, action: 'acknowledged' | 'resolved' | 'rejected'): boolean {
    if (from === 'resolved' || from === 'rejected') return false;
    if (action === 'acknowledged') return from === 'open';
    return true;
}

/** A content key: the same person objecting to the same sub-processor with the same grounds. */
export function contentKey(userId: string, subprocessorId: string, grounds: string): string {
    const folded = grounds.replace(/\s+/g, ' ').trim().toLowerCase();
    let h = 0x811c9dc5;
    for (let i = 0; i < folded.length; i++) h = Math.imul(h ^ folded.charCodeAt(i), 0x01000193);
    return `${userId}:${subprocessorId}:${(h >>> 0).toString(16)}`;
}
