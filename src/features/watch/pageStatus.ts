/**
 * What `status` adds for a list read from a vendor's web page (issue 16): where the version date and the
 * objection address came from — the page or the app — and what the reader kept as written. Pure.
 */
import type { PageInfo, SubprocessorList } from '../list/model';
import { markupSafeTruncated } from '../../kernel/text';
import { t, type Lang, type MessageKey } from '../../kernel/i18n';
import { toReply } from '../list/answers';
import { context, type Reply } from '../../kernel/blocks';

const OBJECTIONS_FROM = {
	'page': 'status_page_objections_page',
	'settings': 'status_page_objections_settings',
	'page-contact': 'status_page_objections_contact',
} as const satisfies Record<PageInfo['objectionsFrom'], MessageKey>;

/**
 * `otherList`: a list other than the first. Its fallback address is its own (`lists objection`), not the app's
 * settings, and its status section says where its objections go: here only whether the page states one.
 */
export function pageStatusText(list: SubprocessorList, lang: Lang, otherList = false): string | undefined {
	const page: PageInfo | undefined = list.page;
	if (!page) return undefined;
	const date = t(
		lang,
		page.updatedFrom === 'page'
			? 'status_page_date_page'
			: page.updatedFrom === 'last-modified'
				? 'status_page_date_last_modified'
				: 'status_page_date_seen',
	);
	const objections =
		otherList && page.objectionsFrom === 'settings'
			? t(lang, 'status_page_objections_absent')
			: !list.objections.email
				? t(lang, 'status_page_objections_none')
				: t(lang, OBJECTIONS_FROM[page.objectionsFrom], { email: list.objections.email.replace(/([*_~`])/g, '\\$1') });
	const lines = [t(lang, 'status_page', { format: page.format === 'html' ? 'HTML' : 'Markdown', date, objections })];
	if (page.notes.length > 0)
		lines.push(t(lang, 'status_page_notes', { notes: markupSafeTruncated(page.notes.slice(0, 5).join('; '), 600) }));
	return lines.join('\n');
}

/** The status reply with the page's line added (unchanged for the app's own list format). */
export function withPageStatus(reply: Reply, list: SubprocessorList | undefined, lang: Lang, otherList = false): Reply {
	const text = list && pageStatusText(list, lang, otherList);
	return text ? toReply([...reply.blocks, context(text)]) : reply;
}
