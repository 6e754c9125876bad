/**
 * What the watcher says: announcements of a changed list, the "now watching" note, admin alerts, the change
 * history and the status. Pure: no engine imports.
 */
import type { LayoutBlock, SectionBlock } from '@rocket.chat/ui-kit';
import type { ChangeRecord } from './changes';
import type { ComparedField, EntryChange, ListChanges } from './diff';
import type { ObjectionProcedure, Subprocessor } from '../list/model';
import { markupSafe, markupSafeTruncated } from '../../kernel/text';
import { formatDate, t, type Lang } from '../../kernel/i18n';
import { entryLine, toReply } from '../list/answers';

/** An announced entry's purpose is cut to this (a list answer's to 140). */
const ANNOUNCED_PURPOSE = 160;
import { button, context, OBJECT_ACTION, section, type Reply } from '../../kernel/blocks';
import { aroundDifference } from './changedText';
import { objectButtonValue } from '../objections/model';
import { MAIN_LIST_ID } from '../lists/model';
import { objectionLine, type ObjectionAddress } from '../lists/objectionAddress';

/** Entries listed per group in an announcement; the rest is in `/subprocessors changes`. */
const LISTED_PER_GROUP = 8;
/** How many entries get an "Object" button (a message's block count stays small). */
const OBJECT_BUTTONS = 5;
const VALUE_TEXT = 200;
const MAX_CHANGE_LINE = 1500;

export { OBJECT_ACTION };
/** The announcement's first block carries this id, so a retried post can find out it was already posted. */
export const announcementMarker = (recordId: string, target: string): string => `announcement:${recordId}:${target}`;

/**
 * The announcements channel after the app's `#`: a channel link when it is a room name (the admin's setting), else
 * inert text behind a word joiner, so its first letters can't become a channel name (`#x@all`).
 */
const roomName = (name: string) => (/^[\p{L}\p{N}._-]+$/u.test(name) ? name : `\u2060${markupSafe(name)}`);

export function summary(changes: ListChanges, lang: Lang): string {
	return t(lang, 'announce_summary', { added: changes.added.length, removed: changes.removed.length, changed: changes.changed.length });
}

function changeLine(change: EntryChange, lang: Lang): string {
	const name = `• ${markupSafeTruncated(change.after.name, 200)}`;
	const parts = change.fields.map((f) => {
		const show = (value: string) => (value ? markupSafeTruncated(value, VALUE_TEXT) : `_${t(lang, 'value_none')}_`);
		const [before, after] = aroundDifference(f.before, f.after, VALUE_TEXT);
		return `${t(lang, `field_${f.field satisfies ComparedField}`)}: ${show(before)} → ${show(after)}`;
	});
	if (change.renamedFrom) parts.unshift(t(lang, 'announce_renamed', { name: markupSafeTruncated(change.before.name, 200) }));
	// Many long fields changed at once: list what fits, then say how many more.
	let shown = parts;
	while (shown.length > 1 && shown.join('; ').length > MAX_CHANGE_LINE) shown = shown.slice(0, -1);
	const more = shown.length < parts.length ? `; ${t(lang, 'more_lines', { count: parts.length - shown.length })}` : '';
	return `${name} — ${shown.join('; ')}${more}`;
}

function objectButtonSection(
	text: string,
	entry: Subprocessor,
	record: ChangeRecord,
	appId: string,
	lang: Lang,
	withButton: boolean,
): SectionBlock {
	const block = section(text);
	if (!withButton) return block;
	// The button names the list the change is of (`listId:entryId`; the first list's keeps the bare id of before lists).
	const value = objectButtonValue(record.list ?? MAIN_LIST_ID, entry.id);
	return { ...block, accessory: button(appId, OBJECT_ACTION, t(lang, 'announce_object_button'), value) };
}

export interface AnnouncementOptions {
	appId: string;
	objections: ObjectionProcedure;
	/** The command that files an objection to this list (`/subprocessors object github`; the text adds NAME): said when the list gives no address. */
	objectCommand?: string;
	marker: string;
	today: string;
	intro?: string;
}

export function announcement(record: ChangeRecord, lang: Lang, options: AnnouncementOptions): Reply {
	const { changes } = record;
	const blocks: LayoutBlock[] = [
		{
			...section(
				`${t(lang, 'announce_title', { company: markupSafe(record.company), date: formatDate(lang, record.toVersion) })}\n${summary(changes, lang)}`,
			),
			blockId: options.marker,
		},
	];
	if (options.intro) blocks.push(context(options.intro));
	let buttons = 0;
	const group = <T>(
		titleKey: 'announce_added' | 'announce_removed' | 'announce_changed',
		items: T[],
		line: (item: T) => string,
		entryOf?: (item: T) => Subprocessor,
	) => {
		if (items.length === 0) return;
		blocks.push(section(t(lang, titleKey, { count: items.length })));
		for (const item of items.slice(0, LISTED_PER_GROUP)) {
			const entry = entryOf?.(item);
			blocks.push(
				objectButtonSection(line(item), entry as Subprocessor, record, options.appId, lang, !!entry && buttons++ < OBJECT_BUTTONS),
			);
		}
		if (items.length > LISTED_PER_GROUP) blocks.push(context(t(lang, 'announce_more', { count: items.length - LISTED_PER_GROUP })));
	};
	group(
		'announce_added',
		changes.added,
		(e) => entryLine(e, lang, ANNOUNCED_PURPOSE),
		(e) => e,
	);
	group(
		'announce_changed',
		changes.changed,
		(c) => changeLine(c, lang),
		(c) => c.after,
	);
	group('announce_removed', changes.removed, (e) => entryLine(e, lang, ANNOUNCED_PURPOSE));

	const effective = formatDate(lang, record.effectiveDate);
	const deadline = formatDate(lang, record.objectionDeadline);
	blocks.push(
		context(
			t(lang, record.effectiveDate > options.today ? 'announce_dates' : 'announce_dates_past', { effective, deadline }),
			// A vendor's page may state no address and none may be set (issue 16): then the form is the way, and it
			// reaches this workspace's privacy team only (the e-mail waits for an address; routing.ts).
			options.objections.email
				? t(lang, 'announce_how_to_object', {
						email: markupSafe(options.objections.email),
						subject: markupSafe(options.objections.subject),
					})
				: t(lang, 'announce_how_to_object_none', {
						company: markupSafe(record.company),
						command: options.objectCommand ?? '/subprocessors object',
					}),
		),
	);
	return toReply(blocks);
}

/**
 * A reply about one of several watched lists, its first line naming the list (`*github* — …`). A list name is
 * lower-case letters, digits and `-` (features/lists/model.ts): nothing in it renders or mentions.
 */
export function namingList(reply: Reply, listName: string | undefined): Reply {
	if (!listName) return reply;
	const prefix = `*${listName}* — `;
	const [first, ...rest] = reply.blocks;
	if (first?.type !== 'section' || first.text?.type !== 'mrkdwn') return toReply([section(`*${listName}*`), ...reply.blocks]);
	return toReply([{ ...first, text: { ...first.text, text: prefix + first.text.text } }, ...rest]);
}

export function watchingNote(record: ChangeRecord, count: number, lang: Lang, marker: string): Reply {
	return toReply([
		{
			...section(t(lang, 'watching_note', { company: markupSafe(record.company), count, date: formatDate(lang, record.toVersion) })),
			blockId: marker,
		},
	]);
}

/**
 * Technical text for admins (a URL, a `file:line field: message` problem) as inline code: nothing in it
 * renders or mentions, and it stays copyable (no joiners).
 */
function code(text: string): string {
	const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/`/g, "'");
	return `\`${clean.length > 300 ? `${clean.slice(0, 299)}…` : clean}\``;
}

/** An admin alert; `list`: the name of the watched list it is about, when that is not the first list. */
export type Alert = AlertKind & { list?: string };

type AlertKind =
	| { kind: 'problem'; source: string; problem: string[]; version: string }
	| { kind: 'recovered'; source: string }
	| { kind: 'held'; source: string; removed: number; total: number }
	| { kind: 'held-older'; source: string; version: string; current: string }
	| { kind: 'no-room'; room: string }
	| { kind: 'room-refused'; purpose: 'announcements' | 'team'; room: string; readOnly: boolean; bot: string; error: string }
	| { kind: 'secret-too-short'; min: number }
	| { kind: 'team-room-public'; room: string }
	/** The delivery job gave a delivery up after its last attempt (its key names what and for whom). */
	| { kind: 'delivery-gave-up'; key: string; handler: string; attempts: number; error: string };

export function alertMessage(alert: Alert, lang: Lang): Reply {
	return namingList(alertText(alert, lang), alert.list);
}

function alertText(alert: Alert, lang: Lang): Reply {
	switch (alert.kind) {
		case 'problem': {
			// The source is named in full above; each line names it by its file name only (`list.yaml:139 …`), so a
			// long URL does not make an unbreakable token wider than a message (docs/screenshots, the render check).
			const file =
				alert.source
					.replace(/[?#].*$/, '')
					.split('/')
					.filter(Boolean)
					.pop() ?? alert.source;
			const details = alert.problem
				.slice(0, 10)
				.map((line) => `• ${code(line.startsWith(`${alert.source}:`) ? file + line.slice(alert.source.length) : line)}`);
			if (alert.problem.length > 10) details.push(t(lang, 'more_lines', { count: alert.problem.length - 10 }));
			return toReply([
				section(
					t(lang, 'alert_problem', { date: alert.version ? formatDate(lang, alert.version) : '—', source: code(alert.source) }),
				),
				section(details.join('\n')),
			]);
		}
		case 'recovered':
			return toReply([section(t(lang, 'alert_recovered', { source: code(alert.source) }))]);
		case 'held':
			return toReply([section(t(lang, 'alert_held', { removed: alert.removed, total: alert.total, source: code(alert.source) }))]);
		case 'held-older':
			return toReply([
				section(
					t(lang, 'alert_held_older', {
						version: formatDate(lang, alert.version),
						current: formatDate(lang, alert.current),
						source: code(alert.source),
					}),
				),
			]);
		case 'no-room':
			return toReply([section(t(lang, 'alert_no_room', { room: roomName(alert.room.slice(0, 100)) }))]);
		case 'room-refused': {
			const params = {
				room: roomName(alert.room.slice(0, 100)),
				bot: code(`@${alert.bot}`),
				what: t(lang, `room_purpose_${alert.purpose}`),
				error: code(alert.error),
			};
			return toReply([section(t(lang, alert.readOnly ? 'alert_room_read_only' : 'alert_room_refused', params))]);
		}
		case 'secret-too-short':
			return toReply([section(t(lang, 'alert_secret_too_short', { min: alert.min }))]);
		case 'team-room-public':
			return toReply([section(t(lang, 'alert_team_room_public', { room: roomName(alert.room.slice(0, 100)) }))]);
		case 'delivery-gave-up':
			return toReply([
				section(t(lang, 'alert_delivery_gave_up', { what: code(alert.key), attempts: alert.attempts, error: code(alert.error) })),
			]);
	}
}

export function changesHistory(records: ChangeRecord[], company: string, lang: Lang, since?: string): Reply {
	if (records.length === 0) {
		return toReply([section(since ? t(lang, 'changes_none_since', { date: formatDate(lang, since) }) : t(lang, 'changes_none'))]);
	}
	const lines = records.map((r) => {
		const date = formatDate(lang, r.detectedAt.slice(0, 10));
		const version = formatDate(lang, r.toVersion);
		if (r.kind === 'baseline') return t(lang, 'changes_baseline', { date, version, count: r.entryCount });
		const names = [...r.changes.added, ...r.changes.changed.map((c) => c.after), ...r.changes.removed].map((e) => e.name);
		const shown = names.slice(0, 6).map((n) => markupSafeTruncated(n, 80));
		const more = names.length > 6 ? ` ${t(lang, 'more_lines', { count: names.length - 6 })}` : '';
		return `${t(lang, 'changes_entry', { date, version, summary: summary(r.changes, lang) })}\n   ${shown.join(', ')}${more}`;
	});
	const blocks: LayoutBlock[] = [section(t(lang, 'changes_title', { company: markupSafe(company) }))];
	let current = '';
	for (const line of lines) {
		if (current.length + line.length > 2500) {
			blocks.push(section(current));
			current = '';
			if (blocks.length >= 12) break;
		}
		current = current ? `${current}\n${line}` : line;
	}
	if (current) blocks.push(section(current));
	return toReply(blocks);
}

export interface StatusInfo {
	source?: string;
	version?: string;
	count?: number;
	lastCheckAt?: string;
	lastResult?: 'baseline' | 'unchanged' | 'changed' | 'held' | 'error';
	problem?: string[];
	lastChange?: ChangeRecord;
	intervalMinutes: number;
	/** When the recurring check is next due (the last scheduled run plus the interval), as an ISO time. */
	nextCheckAt?: string;
	room?: string;
	/** The privacy team's room, or the public room refused for it (objection cards would expose personal data). */
	teamRoom?: { name: string; refused: boolean };
	subscribers: number;
	pending: number;
	/** Today (YYYY-MM-DD): a list whose version date is over a year older is flagged. */
	today: string;
	/** Several lists: only what they share (each list's own lines are `listStatusSection`s). */
	shared?: boolean;
}

/** One watched list in `status` when there are several (docs/lists.md 3). */
export interface ListStatusInfo {
	name: string;
	company?: string;
	/** Undefined: the list bundled with the app. */
	source?: string;
	version?: string;
	count?: number;
	lastCheckAt?: string;
	lastResult?: StatusInfo['lastResult'];
	problem?: string[];
	lastChange?: ChangeRecord;
	nextCheckAt?: string;
	/** The list's own announcements room, when it has one. */
	room?: string;
	/** Where objections to the list go. */
	objections?: ObjectionAddress;
	today: string;
}

/** The lines every list has in `status`: its source, version (and the stale warning), checks and last change. */
function listStatusLines(info: Omit<ListStatusInfo, 'name' | 'room'>, lang: Lang, withNextCheck: boolean): string[] {
	const lines = [t(lang, 'status_source', { source: info.source ? code(info.source) : t(lang, 'status_bundled') })];
	if (info.version) lines.push(t(lang, 'status_version', { date: formatDate(lang, info.version), count: info.count ?? 0 }));
	const years = info.version ? yearsSince(info.version, info.today) : 0;
	if (years >= 1) lines.push(t(lang, 'status_stale', { count: years }));
	lines.push(
		info.lastCheckAt && info.lastResult
			? t(lang, 'status_last_check', {
					when: `${formatDate(lang, info.lastCheckAt.slice(0, 10))} ${info.lastCheckAt.slice(11, 16)} UTC`,
					result: t(lang, `status_result_${info.lastResult}`),
				})
			: t(lang, 'status_never'),
	);
	if (info.lastChange && info.lastChange.kind === 'change') {
		lines.push(
			t(lang, 'status_last_change', {
				date: formatDate(lang, info.lastChange.detectedAt.slice(0, 10)),
				summary: summary(info.lastChange.changes, lang),
			}),
		);
	}
	if (withNextCheck && info.nextCheckAt)
		lines.push(
			t(lang, 'status_lists_next', {
				when: `${formatDate(lang, info.nextCheckAt.slice(0, 10))} ${info.nextCheckAt.slice(11, 16)} UTC`,
			}),
		);
	return lines;
}

const problemLines = (problem: string[]) =>
	problem
		.slice(0, 10)
		.map((line) => `• ${code(line)}`)
		.join('\n');

/** One list's part of `status` when the workspace watches several. */
export function listStatusSection(info: ListStatusInfo, lang: Lang): Reply {
	const head = info.company ? `*${info.name}* — ${markupSafeTruncated(info.company, 80)}` : `*${info.name}*`;
	const lines = [head, ...listStatusLines(info, lang, true).map((line) => `   ${line}`)];
	if (info.room) lines.push(`   ${t(lang, 'status_room', { room: roomName(info.room) })}`);
	if (info.objections) lines.push(`   ${objectionLine(info.objections, lang)}`);
	const blocks: LayoutBlock[] = [section(lines.join('\n'))];
	if (info.lastResult === 'error' && info.problem?.length) blocks.push(section(problemLines(info.problem)));
	return toReply(blocks);
}

/** Whole years from the list's version date to today (0 when less than a year, or either date is unreadable). */
export function yearsSince(version: string, today: string): number {
	const [from, to] = [Date.parse(version.slice(0, 10)), Date.parse(today.slice(0, 10))];
	if (Number.isNaN(from) || Number.isNaN(to) || to <= from) return 0;
	const a = new Date(from);
	const b = new Date(to);
	const years = b.getUTCFullYear() - a.getUTCFullYear();
	const beforeAnniversary = b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate());
	return Math.max(0, years - (beforeAnniversary ? 1 : 0));
}

/**
 * When the recurring check is next due: its last start plus the interval (`sync` runs are not the recurring job).
 * Overdue or never run: in about a minute (the scheduler runs a due job at once; the watchdog restarts a lost one).
 */
export function nextCheckAt(lastRunAt: string | undefined, intervalMinutes: number, now: Date): string {
	const last = lastRunAt ? Date.parse(lastRunAt) : NaN;
	let next = Number.isNaN(last) ? NaN : last + intervalMinutes * 60_000;
	if (!(next > now.getTime())) next = now.getTime() + 60_000;
	return new Date(next).toISOString();
}

export function statusAnswer(info: StatusInfo, lang: Lang): Reply {
	const lines = [t(lang, 'status_title')];
	// Several lists: the lists' own lines are in their sections, between the title and what they share.
	const shared: string[] = [];
	if (!info.shared) lines.push(...listStatusLines(info, lang, false));
	(info.shared ? shared : lines).push(t(lang, 'status_next_run', { minutes: info.intervalMinutes }));
	if (info.nextCheckAt && !info.shared)
		lines.push(
			t(lang, 'status_next_check', {
				when: `${formatDate(lang, info.nextCheckAt.slice(0, 10))} ${info.nextCheckAt.slice(11, 16)} UTC`,
			}),
		);
	const rest = info.shared ? shared : lines;
	rest.push(info.room ? t(lang, 'status_room', { room: roomName(info.room) }) : t(lang, 'status_no_room'));
	if (!info.teamRoom) rest.push(t(lang, 'status_no_team_room'));
	else rest.push(t(lang, info.teamRoom.refused ? 'status_team_room_public' : 'status_team_room', { room: roomName(info.teamRoom.name) }));
	rest.push(t(lang, 'status_subscribers', { count: info.subscribers }));
	if (info.pending > 0) rest.push(t(lang, 'status_pending', { count: info.pending }));
	const blocks: LayoutBlock[] = [section(lines.join('\n'))];
	if (info.shared) blocks.push(section(shared.join('\n')));
	if (info.lastResult === 'error' && info.problem?.length) blocks.push(section(problemLines(info.problem)));
	return toReply(blocks);
}

/** A reply followed by the problem lines, for an admin who asked for a check. */
export function alertDetails(reply: Reply, problem: string[]): Reply {
	return toReply([
		...reply.blocks,
		section(
			problem
				.slice(0, 10)
				.map((line) => `• ${code(line)}`)
				.join('\n'),
		),
	]);
}
