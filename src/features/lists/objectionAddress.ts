/**
 * Where objections to a list go (issue 17 point 4, docs/lists.md §4), decided once for every text and route that
 * names it: the form, answers, announcements, the team card, `lists objection NAME` and the e-mail. Pure.
 */
import { t, type Lang } from '../../kernel/i18n';
import { markupSafe } from '../../kernel/text';
import type { SubprocessorList } from '../list/model';
import { MAIN_LIST_ID, type WatchedList } from './model';

/**
 * Where the address came from: set on the list with `lists objection` (`here`), the `objection_email` setting
 * (the first list only), the list's page (`page_contact`: its privacy contact, as it names no address for
 * objections), or the list (the app's format).
 */
export type ObjectionFrom = 'here' | 'setting' | 'page' | 'page_contact' | 'list';

export interface ObjectionAddress {
	/** Empty when nothing states or sets one: a filed objection then reaches the workspace's privacy team only. */
	email: string;
	subject: string;
	/** Absent with an empty address. */
	from?: ObjectionFrom;
}

/** A subject set with `lists objection` is at most this long (the list format's own limit for `objections.subject`). */
export const MAX_OBJECTION_SUBJECT = 200;

/**
 * In this order: the address and subject an admin set on the list, then — for the first list only — the
 * `objection_email` setting (`setting`, as Settings.objectionEmailSetting reads it), then what the list or its
 * page states. A page that states no address was read with the fallback of the time filled in (listingSync's
 * pageObjectionEmail: the setting, or the list's own address): that is not the page's, so it counts for nothing
 * here — the values it came from are asked first, as they are now, and one cleared since no longer applies.
 */
export function objectionAddressOf(list: WatchedList, stated: SubprocessorList | undefined, setting?: string): ObjectionAddress {
	const procedure = stated?.objections;
	const subject = list.objectionSubject || procedure?.subject || '';
	if (list.objectionTo) return { email: list.objectionTo, subject, from: 'here' };
	if (list.id === MAIN_LIST_ID && setting) return { email: setting, subject, from: 'setting' };
	const statedEmail = stated?.page?.objectionsFrom === 'settings' ? '' : (procedure?.email ?? '');
	const page = stated?.page;
	if (statedEmail)
		return { email: statedEmail, subject, from: !page ? 'list' : page.objectionsFrom === 'page-contact' ? 'page_contact' : 'page' };
	return { email: '', subject };
}

/** The short line `lists` and `status` show per list: where its objections go, and why there. */
export function objectionLine(to: ObjectionAddress, lang: Lang): string {
	return to.email
		? t(lang, 'lists_objections_to', { email: markupSafe(to.email), from: t(lang, `objection_from_${to.from ?? 'list'}`) })
		: t(lang, 'lists_objections_none');
}
