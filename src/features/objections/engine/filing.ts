/**
 * Filing an objection: open the form, then on submit validate, decide and store the objection with its pending
 * deliveries, and return. The form closes at once; the card, e-mail and confirmation follow from the delivery job.
 *
 * No queue serialises this: a submit may arrive on any instance (docs/multi-instance.md 1.1), so correctness must
 * not rest on one process's queue. The objection's reference is drawn from the form's view id, so two submits of
 * one form — on one instance or two — store the same reference and enqueue the same delivery keys: one objection,
 * one card, one e-mail, one DM. Dedupe by content and the hourly limit are checks before the write: two different
 * forms racing on two instances can each pass them once (a limit of 5 may let a 6th through, never more per race).
 */
import { nodeCrypto } from '../../../kernel/nodeCrypto';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { Catalog } from '../../list/catalog';
import { isoDay } from '../../watch/changes';
import { MAX_PER_HOUR, MIN_GROUNDS, contentKey, formatReference, validateObjectionForm, type FieldErrors, type Objection } from '../model';
import { t, type Lang, type MessageKey } from '../../../kernel/i18n';
import type { AppDeps } from '../../../platform/deps';
import { mayFileWith, Settings } from '../../../platform/settings';
import { AuditStore } from './audit';
import { ChangeStore } from '../../../platform/storage/stores';
import { OBJECTION_VIEW_PREFIX, objectionModal } from '../objectionModal';
import type { Delivery } from '../../../platform/delivery/model';
import { duplicateNotice, enqueue, filingDeliveries } from './routing';
import { ObjectionFormStore, ObjectionStore } from './stores';
import { objectionTarget, type ObjectionTarget } from './target';
import { MAIN_LIST_ID, type WatchedList } from '../../lists/model';

export type SubmitResult = { ok: true; objection: Objection; duplicate: boolean } | { ok: false; errors: FieldErrors };

const HOUR = 3600_000;
/** Candidates drawn for one form before giving up (each collides with probability < 10^-4 at 70,000 a year). */
const MAX_DRAWS = 8;
/**
 * A trigger id is good for 5 s from the user's action (the client's ActionManager.TRIGGER_TIMEOUT), counted on the
 * client, before the request even reached the app: a form opened later than this after it arrived likely never showed.
 */
export const FORM_OPEN_BUDGET_MS = 4000;

export interface OpenFormOptions {
	subprocessorId?: string;
	/** The list the form is for (absent: the first list); its entries are the form's choices. */
	listId?: string;
	/** That list's record and catalog (or all of its target), already read for this request, if any. */
	list?: WatchedList;
	catalog?: Catalog;
	target?: ObjectionTarget;
	/** When the user's action reached the app (Date.now()); defaults to now. */
	receivedAt?: number;
}

/**
 * Opens the objection form for the user, then remembers who opened it (a submit doesn't say where). The form
 * opens before anything that can wait: its trigger id runs out within seconds, and the client then drops the form
 * without telling anyone. False when opening took so long that the form most likely never showed.
 */
export async function openForm(
	deps: AppDeps,
	user: IUser,
	room: IRoom | undefined,
	triggerId: string,
	lang: Lang,
	options: OpenFormOptions = {},
): Promise<boolean> {
	const receivedAt = options.receivedAt ?? Date.now();
	const listId = options.target?.list.id ?? options.list?.id ?? options.listId ?? MAIN_LIST_ID;
	const { catalog, route } = options.target ?? (await objectionTarget(deps, listId, options));
	// Callers find the list first (a list whose history is gone has no entries to object to).
	if (!catalog) throw new Error(`no catalog of list ${listId}: nothing to object to`);
	// Unguessable: the objection's reference is drawn from it.
	const viewId = `${OBJECTION_VIEW_PREFIX}${Date.now().toString(36)}${nodeCrypto().randomBytes(8).toString('hex')}`;
	const view = objectionModal(viewId, deps.appId, catalog, lang, route, {
		name: user.name,
		email: user.emails?.find((e) => e.address)?.address,
		subprocessorId: options.subprocessorId,
	});
	await deps.modify.getUiController().openSurfaceView(view, { triggerId }, user);
	const inTime = Date.now() - receivedAt <= FORM_OPEN_BUDGET_MS;
	// Stored after opening: nobody can submit a form in the moment it takes (a submit without it is refused).
	await new ObjectionFormStore(deps.read.getPersistenceReader(), deps.persis).put({
		viewId,
		userId: user.id,
		roomId: room?.id,
		openedAt: new Date().toISOString(),
		// The list the submit files against (the first list's forms carry none, as before lists).
		...(listId === MAIN_LIST_ID ? {} : { list: listId }),
	});
	return inTime;
}

/**
 * Whether the user may file objections (the "Who may file" setting: roles, empty for everyone). The user object
 * carries the user's global roles (apps/meteor/app/apps/server/converters/users.ts `roles: user.roles`). A refusal
 * is audited (the account and the roles asked for: no objection content exists yet).
 */
export async function mayFile(deps: AppDeps, user: IUser): Promise<boolean> {
	const roles = await new Settings(deps.read).objectionFilerRoles();
	if (mayFileWith(roles, user.roles)) return true;
	await new AuditStore(deps.read.getPersistenceReader(), deps.persis).add({ kind: 'filing-refused', by: user.username, roles });
	return false;
}

/** The i-th reference candidate of a form: random to everyone else, the same for every submit of this form. */
export function referenceCandidate(viewId: string, year: number, draw: number): string {
	return formatReference(year, nodeCrypto().createHash('sha256').update(`${viewId}#${draw}`).digest());
}

/** The first candidate no other form's objection holds (a collision is re-drawn before storing). */
async function drawReference(objections: ObjectionStore, viewId: string, now: Date): Promise<string> {
	for (let draw = 0; draw < MAX_DRAWS; draw++) {
		const ref = referenceCandidate(viewId, now.getUTCFullYear(), draw);
		const holder = await objections.get(ref);
		if (!holder || holder.viewId === viewId) return ref;
	}
	throw new Error(`no free objection reference after ${MAX_DRAWS} draws`);
}

/** The domain's form errors are `form_…` message keys (test/unit/objection-workflow.test.ts checks each is one). */
type FormErrorKey = Extract<MessageKey, `form_${string}`>;

function fieldErrors(errors: FieldErrors, lang: Lang): FieldErrors {
	const shown: FieldErrors = {};
	for (const [field, key] of Object.entries(errors))
		shown[field as keyof FieldErrors] = t(lang, key as FormErrorKey, { min: MIN_GROUNDS });
	return shown;
}

/** Validates the form, stores the objection and its pending deliveries. Field errors are translated texts. */
export async function submit(
	deps: AppDeps,
	viewId: string,
	user: IUser,
	values: Record<string, unknown>,
	lang: Lang,
): Promise<SubmitResult> {
	const reader = deps.read.getPersistenceReader();
	const objections = new ObjectionStore(reader, deps.persis);
	const form = await new ObjectionFormStore(reader).get(viewId);
	// Only the form this user opened: a made-up view id or another user's form files nothing.
	if (!form || form.userId !== user.id) return { ok: false, errors: { grounds: t(lang, 'form_expired') } };
	const filed = await objections.byForm(viewId);
	// Enqueued again (insert-if-absent): a submit that crashed between storing and enqueuing is completed by a retry.
	if (filed) return duplicate(deps, filed, viewId, lang, filingDeliveries(filed.ref, new Date(), filed.approval === 'required'));
	// Checked again on submit: the user's roles or the setting may have changed while the form was open.
	if (!(await mayFile(deps, user))) return { ok: false, errors: { grounds: t(lang, 'object_not_allowed') } };

	const listId = form.list ?? MAIN_LIST_ID;
	const { catalog } = await objectionTarget(deps, listId);
	if (!catalog) return { ok: false, errors: { grounds: t(lang, 'form_expired') } };
	const checked = validateObjectionForm(values, { services: catalog.list.services, subprocessorIds: catalog.entries.map((e) => e.id) });
	if (!checked.ok) return { ok: false, errors: fieldErrors(checked.errors, lang) };
	const value = checked.value;
	const dedupeKey = contentKey(user.id, value.subprocessor, value.grounds);
	const [same] = await objections.byDedupeKey(dedupeKey);
	if (same) return duplicate(deps, same, viewId, lang);

	const now = new Date();
	const awaiting = (await new Settings(deps.read).objectionApproval()) === 'after-approval';
	const recent = (await objections.byObjector(user.id)).filter((o) => now.getTime() - Date.parse(o.filedAt) < HOUR);
	if (recent.length >= MAX_PER_HOUR) return { ok: false, errors: { grounds: t(lang, 'form_rate_limited', { max: MAX_PER_HOUR }) } };

	const objection: Objection = {
		ref: await drawReference(objections, viewId, now),
		dedupeKey,
		viewId,
		objector: { id: user.id, username: user.username, lang },
		name: value.name,
		company: value.company,
		service: value.service,
		subprocessor: { id: value.subprocessor, name: catalog.get(value.subprocessor)?.name ?? value.subprocessor },
		grounds: value.grounds,
		email: value.email,
		listVersion: catalog.version,
		filedAt: now.toISOString(),
		timing: await timing(deps, listId, value.subprocessor, now),
		status: awaiting ? 'awaiting' : 'open',
		history: [{ action: 'filed', by: { id: user.id, username: user.username }, at: now.toISOString() }],
		...(awaiting ? { approval: 'required' as const } : {}),
		...(listId === MAIN_LIST_ID ? {} : { list: listId }),
	};
	// The objection before its deliveries: a crash in between leaves an objection a retried submit completes,
	// never a delivery without its objection.
	await objections.put(objection);
	await enqueue(deps, filingDeliveries(objection.ref, now, awaiting));
	return { ok: true, objection, duplicate: false };
}

/** Already filed: the user is told by DM which objection it is (once per form). */
async function duplicate(deps: AppDeps, objection: Objection, viewId: string, lang: Lang, also: Delivery[] = []): Promise<SubmitResult> {
	await enqueue(deps, [...also, duplicateNotice(objection.ref, viewId, lang, new Date())]);
	return { ok: true, objection, duplicate: true };
}

/** On time if filed before the deadline of the latest announced change of its list that added or changed this entry. */
async function timing(deps: AppDeps, listId: string, subprocessorId: string, now: Date): Promise<Objection['timing']> {
	const records = await new ChangeStore(deps.read.getPersistenceReader()).all(listId);
	const change = records.find(
		(r) =>
			r.kind === 'change' &&
			(r.changes.added.some((e) => e.id === subprocessorId) || r.changes.changed.some((c) => c.after.id === subprocessorId)),
	);
	return change
		? { onTime: isoDay(now) <= change.objectionDeadline, deadline: change.objectionDeadline, changeId: change.id }
		: undefined;
}
