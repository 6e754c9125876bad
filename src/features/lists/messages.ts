/**
 * What `/subprocessors lists` says (docs/lists.md 2): the overview of every watched list, the removal prompt, and
 * the reading of its words. Pure: no engine imports.
 */
import type { LayoutBlock } from '@rocket.chat/ui-kit';
import { button, section, type Reply } from '../../kernel/blocks';
import { formatDate, t, type Lang } from '../../kernel/i18n';
import { markupSafe, markupSafeTruncated, objectionAddress } from '../../kernel/text';
import { MAX_REPLY_BLOCKS, MAX_REPLY_TEXT, toReply } from '../list/answers';
import { MAIN_LIST_ID, REMOVED_LIST_RETENTION_DAYS } from './model';
import { MAX_OBJECTION_SUBJECT, objectionLine, type ObjectionAddress } from './objectionAddress';

/** The removal prompt's button: its value is the list's id. */
export const REMOVE_LIST_ACTION = 'list-remove';

/** What `lists …` asks for, read from its words; `usage` when they fit no form. */
export type ListsRequest =
	| { kind: 'overview' }
	| { kind: 'add'; name: string; url: string }
	| { kind: 'rename'; name: string; to: string }
	| { kind: 'source'; name: string; url: string }
	| { kind: 'channel'; name: string; room: string }
	| { kind: 'remove'; name: string }
	| { kind: 'objection'; name: string; action: ObjectionAction }
	| { kind: 'usage' };

/** `lists objection NAME …`: show what applies, set an address (and a subject), clear, or what was wrong with the words. */
export type ObjectionAction =
	| { kind: 'show' }
	| { kind: 'clear' }
	| { kind: 'set'; email: string; subject?: string }
	| { kind: 'bad-address'; address: string }
	| { kind: 'bad-subject' };

/** Quotes a subject may be typed in (straight, typographic, German, French, Japanese). */
const QUOTES: ReadonlyArray<readonly [string, string]> = [
	['"', '"'],
	['“', '”'],
	['”', '”'],
	['„', '“'],
	['«', '»'],
	['「', '」'],
	["'", "'"],
];

/** What follows `lists objection NAME`: nothing, `clear`, or ADDRESS ["SUBJECT"] (the words joined as the subject). */
export function readObjectionAction(words: readonly string[]): ObjectionAction {
	const [first, ...rest] = words;
	if (first === undefined) return { kind: 'show' };
	if (first.toLowerCase() === 'clear' && rest.length === 0) return { kind: 'clear' };
	const email = objectionAddress(first.replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1'));
	if (!email) return { kind: 'bad-address', address: first };
	if (rest.length === 0) return { kind: 'set', email };
	let subject = rest.join(' ').trim();
	const quoted = QUOTES.find(([open, close]) => subject.length >= 2 && subject.startsWith(open) && subject.endsWith(close));
	if (quoted) subject = subject.slice(quoted[0].length, subject.length - quoted[1].length).trim();
	// Plain text for an e-mail subject line: no control characters, within the list format's limit.
	if (!subject || subject.length > MAX_OBJECTION_SUBJECT || /[\u0000-\u001f\u007f]/.test(subject)) return { kind: 'bad-subject' };
	return { kind: 'set', email, subject };
}

export function readListsRequest(args: readonly string[]): ListsRequest {
	const [verb, first, second, ...rest] = args;
	if (verb === undefined) return { kind: 'overview' };
	// The subject may be several words: read before the "too many words" rule of the other forms.
	if (verb.toLowerCase() === 'objection')
		return first ? { kind: 'objection', name: first.toLowerCase(), action: readObjectionAction(args.slice(2)) } : { kind: 'usage' };
	if (rest.length > 0) return { kind: 'usage' };
	const name = first?.toLowerCase();
	switch (verb.toLowerCase()) {
		case 'add':
			return name && second ? { kind: 'add', name, url: second } : { kind: 'usage' };
		case 'rename':
			return name && second ? { kind: 'rename', name, to: second.toLowerCase() } : { kind: 'usage' };
		case 'source':
			return name && second ? { kind: 'source', name, url: second } : { kind: 'usage' };
		case 'channel':
			return name && second ? { kind: 'channel', name, room: second.replace(/^#/, '') } : { kind: 'usage' };
		case 'remove':
			return name && !second ? { kind: 'remove', name } : { kind: 'usage' };
		default:
			return { kind: 'usage' };
	}
}

/** `changes` words after the list name: `N`, `since DATE` or nothing (the 10 newest); undefined when they are none of these. */
export function readChangesArgs(args: readonly string[]): { limit: number; since?: string } | undefined {
	if (args.length === 0) return { limit: 10 };
	if (args[0].toLowerCase() === 'since' && /^\d{4}-\d{2}-\d{2}$/.test(args[1] ?? '') && !Number.isNaN(Date.parse(args[1])))
		return { limit: 50, since: args[1] };
	if (/^\d{1,3}$/.test(args[0]) && Number(args[0]) > 0) return { limit: Number(args[0]) };
	return undefined;
}

/** A list's source as typed: an http(s) URL with a host, nothing else (no file:, no credentials in view). */
export function isSourceUrl(text: string): boolean {
	if (!/^https?:\/\/\S+$/i.test(text)) return false;
	try {
		return !!new URL(text).hostname;
	} catch {
		return false;
	}
}

/** One line of the overview: what the list is and how its checks go. */
export interface ListLine {
	name: string;
	company?: string;
	/** Undefined: the list bundled with the app (the first list without a source URL). */
	source?: string;
	count?: number;
	version?: string;
	lastCheckAt?: string;
	lastResult?: 'baseline' | 'unchanged' | 'changed' | 'held' | 'error';
	nextCheckAt?: string;
	room?: string;
	/** Where objections to the list go (objectionAddressOf). */
	objections?: ObjectionAddress;
}

const when = (lang: Lang, iso: string) => `${formatDate(lang, iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;

/** Technical text (a URL) as inline code: it renders as typed and stays copyable. */
const code = (text: string) => `\`${text.replace(/[\u0000-\u001f\u007f`]/g, ' ').slice(0, 300)}\``;

export function listsOverview(lines: readonly ListLine[], lang: Lang): Reply {
	const detailed = listsOverviewBlocks(lines, lang, true);
	const reply = toReply(detailed);
	// Many lists: one line each (name, company, entries, version, last check), so every list fits in one message.
	return reply.text.length < MAX_REPLY_TEXT - 100 && detailed.length <= MAX_REPLY_BLOCKS
		? reply
		: toReply(listsOverviewBlocks(lines, lang, false));
}

function listsOverviewBlocks(lines: readonly ListLine[], lang: Lang, withDetails: boolean): LayoutBlock[] {
	const blocks: LayoutBlock[] = [section(t(lang, 'lists_title'))];
	const compact: string[] = [];
	for (const line of lines) {
		const head =
			line.company && line.version
				? t(lang, 'lists_line', {
						list: line.name,
						company: markupSafeTruncated(line.company, 80),
						count: line.count ?? 0,
						date: formatDate(lang, line.version),
					})
				: t(lang, 'lists_line_empty', { list: line.name });
		const details = [
			t(lang, 'status_source', { source: line.source ? code(line.source) : t(lang, 'status_bundled') }),
			line.lastCheckAt && line.lastResult
				? t(lang, 'status_last_check', { when: when(lang, line.lastCheckAt), result: t(lang, `status_result_${line.lastResult}`) })
				: t(lang, 'status_never'),
			...(line.nextCheckAt ? [t(lang, 'status_next_check', { when: when(lang, line.nextCheckAt) })] : []),
			...(line.room ? [t(lang, 'status_room', { room: markupSafe(line.room) })] : []),
			...(line.objections ? [objectionLine(line.objections, lang)] : []),
		];
		if (withDetails) blocks.push(section(`${head}\n${details.map((d) => `   ${d}`).join('\n')}`));
		else compact.push(`${head} — ${details[1]}`);
	}
	// Sections of a few lines each: a section's text has a limit of its own in clients.
	for (let i = 0; i < compact.length; i += 10) blocks.push(section(compact.slice(i, i + 10).join('\n')));
	blocks.push(section(t(lang, 'lists_usage')));
	return blocks;
}

/** The removal prompt, private to the admin who asked: the button confirms. */
export function removalPrompt(listId: string, name: string, lang: Lang, appId = ''): Reply {
	return toReply([
		// The first list's history is never purged (model.ts purgeDue): its prompt says nothing of a deletion.
		section(
			listId === MAIN_LIST_ID
				? t(lang, 'lists_remove_confirm', { list: name })
				: `${t(lang, 'lists_remove_confirm', { list: name })} ${t(lang, 'lists_remove_purge_note', { days: REMOVED_LIST_RETENTION_DAYS })}`,
		),
		{
			type: 'actions',
			blockId: `list-remove:${listId}`,
			elements: [button(appId, REMOVE_LIST_ACTION, t(lang, 'lists_remove_button'), listId, 'danger')],
		},
	]);
}
