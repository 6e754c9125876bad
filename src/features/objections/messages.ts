/**
 * Everything said about objections: the privacy team's card, the objector's messages, the e-mail, lists.
 * Pure: no engine imports. Every text a user typed is shown inert (no mention, link or markup).
 */
import type { LayoutBlock } from '@rocket.chat/ui-kit';
import { mayBeSent, type Objection, type ObjectionEvent, type WorkAction } from './model';
import { markupSafe, markupSafeTruncated, truncate } from '../../kernel/text';
import { formatDate, t, type Lang, type TextKey } from '../../kernel/i18n';
import { toReply } from '../list/answers';
import { button, context, plainSection, section, type Reply } from '../../kernel/blocks';

export const ACK_ACTION = 'objection-ack';
export const RESOLVE_ACTION = 'objection-resolve';
export const REJECT_ACTION = 'objection-reject';
export const APPROVE_ACTION = 'objection-approve';
export const ERASE_CONFIRM_ACTION = 'objection-erase-confirm';

/** A governance event of the audit trail (engine/objections/audit.ts): never an objector's personal data. */
export interface AuditEntry {
	id: string;
	at: string;
	kind:
		| 'filing-refused'
		| 'approved'
		| 'rejected-unsent'
		| 'retention-erased'
		| 'request-erased'
		| 'objection-address-set'
		| 'objection-address-cleared';
	/** The team member or admin who acted; for a refused filing, the account that was refused. */
	by?: string;
	refs?: string[];
	count?: number;
	/** filing-refused: the roles the setting asked for. */
	roles?: string[];
	/** retention-erased: the retention period in days. */
	days?: number;
	/** The list concerned, once there are several (absent: the one list); for an objection address, its name then. */
	list?: string;
	/** objection-address-set: where objections to `list` are e-mailed from then on (a vendor's address, not an objector's). */
	email?: string;
}

/**
 * Where an objection goes: the vendor whose list it concerns, the address and subject of its procedure. `list`:
 * that list's name, when it isn't the first (texts then name the list; the first list's texts stay as they were).
 */
export interface ObjectionRoute {
	company: string;
	email: string;
	subject: string;
	list?: string;
}

/** A list as objection texts name it (its name and its vendor), for objections of lists other than the first. */
export type ListLabel = Pick<ObjectionRoute, 'company'> & { list: string };

/** The entry objected to: its name, and for a list other than the first, which list (and vendor) it is on. */
export function entryLabel(objection: Objection, lang: Lang, label: ListLabel | undefined, max = 200): string {
	const name = markupSafeTruncated(objection.subprocessor.name, max);
	if (!label) return name;
	return t(lang, 'objection_entry_of_list', {
		subprocessor: name,
		list: markupSafe(label.list),
		company: markupSafeTruncated(label.company, 80),
	});
}

const labelOf = (route: ObjectionRoute): ListLabel | undefined => (route.list ? { list: route.list, company: route.company } : undefined);

/** The card's first block carries this id: a retried post looks for it before posting again. */
export const cardMarker = (ref: string): string => `objection:${ref}`;

/** A route's delivery record as far as texts need it (the engine's Delivery has this shape). */
export interface RouteState {
	state: 'pending' | 'attempted' | 'done' | 'failed' | 'gave-up';
	lastError?: string;
}

/** Where an objection went: the team card, the e-mail, the objector's confirmation (each from its delivery record). */
export interface ObjectionRoutes {
	card?: RouteState;
	email?: RouteState;
	confirmation?: RouteState;
}

/** The mailer refused the address (Mailer.send's Meteor.Error('invalid email')), as opposed to no mail server at all. */
export const isAddressRefused = (error: string | undefined): boolean => /invalid email|refused the address/i.test(error ?? '');

const day = (iso: string, lang: Lang) => formatDate(lang, iso.slice(0, 10));
const who = (user: { username: string }) => markupSafeTruncated(user.username, 80);

function timingLine(objection: Objection, lang: Lang): string {
	if (!objection.timing) return t(lang, 'objection_no_window');
	const deadline = formatDate(lang, objection.timing.deadline);
	return t(lang, objection.timing.onTime ? 'objection_on_time' : 'objection_late', { deadline });
}

function emailLine(objection: Objection, route: RouteState | undefined, to: ObjectionRoute, lang: Lang): string {
	const email = markupSafe(to.email);
	// No address known: routing waits for one (each run looks again), so a set address sends it then.
	if (!to.email && route?.state !== 'done') {
		if (!mayBeSent(objection) && objection.status !== 'awaiting') return t(lang, 'objection_email_never_no_address');
		const company = markupSafeTruncated(to.company, 80);
		return to.list
			? t(lang, 'objection_email_no_address', { company, command: `/subprocessors lists objection ${to.list}` })
			: t(lang, 'objection_email_no_address_setting', { company });
	}
	if (!mayBeSent(objection))
		return t(lang, objection.status === 'awaiting' ? 'objection_email_awaiting' : 'objection_email_never', { email });
	const error = markupSafeTruncated(route?.lastError ?? '', 200);
	switch (route?.state) {
		case 'done':
			return t(lang, 'objection_email_sent', { email });
		case 'failed':
			return t(lang, 'objection_email_failed', { email, error });
		case 'gave-up':
			return isAddressRefused(route.lastError)
				? refused(to, lang, email, error)
				: t(lang, 'objection_email_unavailable', { email, error });
		default:
			// Waiting for a corrected address: said so, it is not merely "not sent yet".
			return isAddressRefused(route?.lastError)
				? refused(to, lang, email, error)
				: t(lang, 'objection_email_pending', { email, error });
	}
}

/** The mailer refused the address: where to correct it (the first list: the setting; another: its own command). */
function refused(to: ObjectionRoute, lang: Lang, email: string, error: string): string {
	return to.list
		? t(lang, 'objection_email_refused_list', { email, error, command: `/subprocessors lists objection ${to.list}` })
		: t(lang, 'objection_email_refused', { email, error });
}

export function historyLines(history: ObjectionEvent[], lang: Lang): string[] {
	return history.flatMap((event) => {
		const line = t(lang, `objection_event_${event.action}`, { date: day(event.at, lang), user: who(event.by) });
		return event.note ? [line, `   ${t(lang, 'objection_event_note', { note: markupSafeTruncated(event.note, 1000) })}`] : [line];
	});
}

/** The service field: only when the objection names one (a list without services gets it typed in, or not at all). */
const serviceField = (objection: Objection, lang: Lang): string[] =>
	objection.service ? [`*${t(lang, 'objection_field_service')}*\n${markupSafeTruncated(objection.service, 200)}`] : [];

function details(objection: Objection, routes: ObjectionRoutes, lang: Lang, to: ObjectionRoute): LayoutBlock[] {
	const title = t(lang, 'objection_card_title', {
		ref: objection.ref,
		subprocessor: entryLabel(objection, lang, labelOf(to)),
		status: t(lang, `objection_status_${objection.status}`),
	});
	const history = section(`${t(lang, 'objection_history')}\n${historyLines(objection.history, lang).join('\n')}`);
	if (objection.erased) {
		// What stays for statistics; the personal fields are gone from the record, so from the card too.
		const kept = [...serviceField(objection, lang), `*${t(lang, 'objection_field_filed')}*\n${day(objection.filedAt, lang)}`];
		const erased = t(lang, `objection_erased_${objection.erased.reason}`, { date: day(objection.erased.at, lang) });
		return [{ ...section(title, kept), blockId: cardMarker(objection.ref) }, context(erased), history];
	}
	const fields = [
		`*${t(lang, 'objection_field_name')}*\n${markupSafeTruncated(objection.name, 200)}`,
		`*${t(lang, 'objection_field_company')}*\n${markupSafeTruncated(objection.company, 200)}`,
		...serviceField(objection, lang),
		`*${t(lang, 'objection_field_email')}*\n${markupSafe(objection.email)}`,
		`*${t(lang, 'objection_field_by')}*\n${who(objection.objector)}`,
		`*${t(lang, 'objection_field_filed')}*\n${day(objection.filedAt, lang)}`,
	];
	return [
		{ ...section(title, fields), blockId: cardMarker(objection.ref) },
		section(t(lang, 'objection_grounds')),
		plainSection(truncate(objection.grounds, 2500)),
		context(
			timingLine(objection, lang),
			t(lang, 'objection_field_version') + `: ${formatDate(lang, objection.listVersion)}`,
			emailLine(objection, routes.email, to, lang),
		),
		history,
	];
}

/** The privacy team's card, with the buttons that the objection's status still allows. */
export function teamCard(objection: Objection, routes: ObjectionRoutes, lang: Lang, appId: string, to: ObjectionRoute): Reply {
	const blocks = details(objection, routes, lang, to);
	const open = objection.status === 'open' || objection.status === 'acknowledged';
	if (objection.status === 'awaiting') {
		// Nothing went to the vendor yet: the team sends it, or rejects it (then it never goes).
		blocks.push({
			type: 'actions',
			blockId: `objection-actions:${objection.ref}`,
			elements: [
				button(appId, APPROVE_ACTION, t(lang, 'objection_approve'), objection.ref, 'primary'),
				button(appId, REJECT_ACTION, t(lang, 'objection_reject'), objection.ref, 'danger'),
			],
		});
	} else if (open) {
		const elements = [];
		if (objection.status === 'open') elements.push(button(appId, ACK_ACTION, t(lang, 'objection_ack'), objection.ref, 'primary'));
		elements.push(button(appId, RESOLVE_ACTION, t(lang, 'objection_resolve'), objection.ref, 'success'));
		elements.push(button(appId, REJECT_ACTION, t(lang, 'objection_reject'), objection.ref, 'danger'));
		blocks.push({ type: 'actions', blockId: `objection-actions:${objection.ref}`, elements });
	}
	return toReply(blocks);
}

/** One objection in full, for `/subprocessors objections OBJ-…`. */
export function objectionDetail(objection: Objection, routes: ObjectionRoutes, lang: Lang, to: ObjectionRoute): Reply {
	const blocks = details(objection, routes, lang, to);
	blocks.push(context(deliveryLine(routes, lang)));
	return toReply(blocks);
}

function deliveryState(route: RouteState | undefined, lang: Lang): string {
	const state = route?.state;
	return t(
		lang,
		`delivery_${state === 'done' ? 'done' : state === 'failed' ? 'failed' : state === 'gave-up' ? 'unavailable' : 'pending'}`,
	);
}

function deliveryLine(routes: ObjectionRoutes, lang: Lang): string {
	return t(lang, 'objections_deliveries', {
		room: deliveryState(routes.card, lang),
		// "Done" for an e-mail only means the server's mailer took it: it never reports delivery.
		email: routes.email?.state === 'done' ? t(lang, 'delivery_email_done') : deliveryState(routes.email, lang),
		confirmation: deliveryState(routes.confirmation, lang),
	});
}

export function objectorConfirmation(objection: Objection, email: RouteState | undefined, lang: Lang, to: ObjectionRoute): Reply {
	// No address known and nothing e-mailed: the workspace's privacy team takes it up (said so, never "e-mail to ").
	if (!to.email && email?.state !== 'done')
		return toReply([
			section(
				t(lang, 'objection_confirm_no_address', {
					ref: objection.ref,
					subprocessor: entryLabel(objection, lang, labelOf(to)),
					company: markupSafe(to.company),
				}),
			),
		]);
	return toReply([
		section(
			t(lang, 'objection_confirm', {
				ref: objection.ref,
				subprocessor: entryLabel(objection, lang, labelOf(to)),
				company: markupSafe(to.company),
				// Only what is known: the e-mail was handed to the mailer, or it hasn't gone out (or waits for approval).
				emailed: t(
					lang,
					!mayBeSent(objection)
						? 'objection_confirm_awaiting'
						: email?.state === 'done'
							? 'objection_confirm_emailed'
							: 'objection_confirm_not_emailed',
					{ email: markupSafe(to.email) },
				),
			}),
		),
	]);
}

export function statusNotice(objection: Objection, event: ObjectionEvent & { action: WorkAction }, lang: Lang, label?: ListLabel): Reply {
	const lines = [
		t(lang, `objection_status_dm_${event.action}`, {
			ref: objection.ref,
			subprocessor: entryLabel(objection, lang, label),
		}),
	];
	if (event.note) lines.push(t(lang, 'objection_event_note', { note: markupSafeTruncated(event.note, 2000) }));
	return toReply([section(lines.join('\n'))]);
}

/** Labels of the lists other than the first, by list id: objections of those lists name their list. */
export type ListLabels = ReadonlyMap<string, ListLabel>;

const labelFor = (objection: Objection, labels: ListLabels | undefined) => (objection.list ? labels?.get(objection.list) : undefined);

export function objectionList(objections: Objection[], lang: Lang, filter: 'open' | 'all', labels?: ListLabels): Reply {
	const title = t(lang, 'objections_title', { filter: t(lang, `objections_filter_${filter}`) });
	if (objections.length === 0) return toReply([section(`${title}\n${t(lang, 'objections_none')}`)]);
	const lines = objections.slice(0, 40).map((o) =>
		t(lang, 'objections_line', {
			ref: o.ref,
			subprocessor: entryLabel(o, lang, labelFor(o, labels), 80),
			status: t(lang, `objection_status_${o.status}`),
			date: day(o.filedAt, lang),
			company: markupSafeTruncated(o.company, 80),
		}),
	);
	if (objections.length > 40) lines.push(t(lang, 'more_lines', { count: objections.length - 40 }));
	return toReply([section([title, ...lines].join('\n'))]);
}

export function myObjections(objections: Objection[], lang: Lang, labels?: ListLabels): Reply {
	if (objections.length === 0) return toReply([section(t(lang, 'my_objections_none'))]);
	const lines = objections.slice(0, 40).map((o) => {
		const head = t(lang, 'objections_line', {
			ref: o.ref,
			subprocessor: entryLabel(o, lang, labelFor(o, labels), 80),
			status: t(lang, `objection_status_${o.status}`),
			date: day(o.filedAt, lang),
			company: markupSafeTruncated(o.company, 80),
		});
		const last = o.history[o.history.length - 1];
		return last?.note ? `${head}\n   ${t(lang, 'objection_event_note', { note: markupSafeTruncated(last.note, 300) })}` : head;
	});
	return toReply([section([t(lang, 'my_objections_title'), ...lines].join('\n'))]);
}

/**
 * The e-mail the procedure asks for, as plain text (never HTML, so nothing a user typed can render).
 * Control characters are dropped; the subject is the page's subject line. Every text that isn't the app's own
 * goes through `slot` (see MailerSlots: the server's mailer would rewrite it otherwise).
 */
export function objectionEmail(
	objection: Objection,
	company: string,
	workspace: string,
	subject: string,
	slot: (text: string) => string = (text) => text,
): { subject: string; text: string } {
	const strip = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
	const clean = (text: string) => slot(strip(text));
	const lines = [
		`Formal objection to a sub-processor of ${clean(company)}, filed in ${clean(workspace)}.`,
		'',
		`Reference: ${objection.ref}`,
		`Name: ${clean(objection.name)}`,
		`Company name: ${clean(objection.company)}`,
		// A list without services and nothing typed: no line rather than an empty one.
		...(objection.service ? [`${clean(company)} service: ${clean(objection.service)}`] : []),
		`Sub-processor: ${clean(objection.subprocessor.name)}`,
		`Contact e-mail: ${clean(objection.email)}`,
		`Sub-processor list version: ${objection.listVersion}`,
		`Filed: ${objection.filedAt}`,
		objection.timing
			? objection.timing.onTime
				? `Filed within the objection window (deadline ${objection.timing.deadline}).`
				: `Filed after the objection deadline of ${objection.timing.deadline}.`
			: 'Not tied to an announced change of the list.',
		'',
		'Grounds for the objection:',
		clean(objection.grounds),
	];
	return { subject: slot(strip(subject).replace(/[\r\n]+/g, ' ')), text: lines.join('\n') };
}

/** Each audit kind's line (typed keys: a kind without a text doesn't compile). */
const AUDIT_LINE = {
	'filing-refused': 'audit_filing_refused',
	'approved': 'audit_approved',
	'rejected-unsent': 'audit_rejected_unsent',
	'retention-erased': 'audit_retention_erased',
	'request-erased': 'audit_request_erased',
	'objection-address-set': 'audit_objection_address_set',
	'objection-address-cleared': 'audit_objection_address_cleared',
} as const satisfies Record<AuditEntry['kind'], TextKey>;

/** The audit trail for the privacy team: newest first, references and who acted, never an objector's data. */
export function auditList(entries: AuditEntry[], lang: Lang): Reply {
	if (entries.length === 0) return toReply([section(`${t(lang, 'audit_title')}\n${t(lang, 'audit_none')}`)]);
	const lines = entries.map((entry) =>
		t(lang, AUDIT_LINE[entry.kind], {
			date: formatDate(lang, entry.at.slice(0, 10)),
			user: markupSafeTruncated(entry.by ?? '—', 80),
			refs: (entry.refs ?? []).slice(0, 20).join(', ') + ((entry.refs?.length ?? 0) > 20 ? ' …' : ''),
			count: entry.count ?? entry.refs?.length ?? 0,
			roles: (entry.roles ?? []).join(', '),
			days: entry.days ?? 0,
			list: markupSafeTruncated(entry.list ?? '', 40),
			email: markupSafe(entry.email ?? ''),
		}),
	);
	return toReply([section([t(lang, 'audit_title'), ...lines].join('\n'))]);
}

/** An admin's erasure request: what will be erased, and the button that does it (nothing happens without it). */
export function erasurePrompt(refs: string[], requestId: string, lang: Lang, appId = ''): Reply {
	const text = t(lang, 'erase_confirm', { count: refs.length, refs: refs.join(', ') });
	return toReply([
		section(text),
		{
			type: 'actions',
			blockId: `objection-erase:${requestId}`,
			elements: [button(appId, ERASE_CONFIRM_ACTION, t(lang, 'erase_confirm_button'), requestId, 'danger')],
		},
	]);
}
