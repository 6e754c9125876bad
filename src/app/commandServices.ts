/** The engine side of the subcommands the table in src/app/router.ts marks `run: 'engine'`: they read or change stored state. */
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { SUBCOMMANDS, type CommandServices, type ServiceRequest } from './router';
import { notice } from '../features/list/answers';
import type { Reply } from '../kernel/blocks';
import {
	alertDetails,
	changesHistory,
	listStatusSection,
	namingList,
	nextCheckAt,
	statusAnswer,
	summary,
} from '../features/watch/announcement';
import { formatDate, t, type Lang } from '../kernel/i18n';
import { Settings } from '../platform/settings';
import { AdminContactStore, ChangeStore, CheckStatusStore, ListStateStore, SubscriberStore } from '../platform/storage/stores';
import type { AppDeps } from '../platform/deps';
import { DeliveryStore } from '../platform/delivery/DeliveryStore';
import { ANNOUNCEMENT_HANDLER } from '../features/watch/engine/announcing';
import { ListingSync, type CheckOutcome } from '../features/watch/engine/listingSync';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { REFERENCE_PATTERN } from '../features/objections/model';
import { markupSafeTruncated, slugify } from '../kernel/text';
import { listsCsv, listsJson, namedListJson, type ListDocument } from '../features/feeds/lists';
import { withPageStatus } from '../features/watch/pageStatus';
import { appBotUser, directRoom } from '../platform/reply';
import { auditList, myObjections, objectionDetail, objectionList } from '../features/objections/messages';
import { AuditStore } from '../features/objections/engine/audit';
import { requestErasure } from '../features/objections/engine/erasureCommand';
import type { Catalog } from '../features/list/catalog';
import { currentCatalog, listCatalog } from '../features/list/engine/currentList';
import { ListRegistry } from '../features/lists/engine/ListRegistry';
import { listLine, ListsCommand } from '../features/lists/engine/listsCommand';
import { listScope, MAIN_LIST_ID, type WatchedList } from '../features/lists/model';
import { readChangesArgs } from '../features/lists/messages';
import { toReply } from '../features/list/answers';
import { ObjectionService } from '../features/objections/engine/ObjectionService';
import { listLabels, objectionTarget } from '../features/objections/engine/target';
import { listOfObjection } from '../features/objections/model';
import { activeCatalogs } from '../features/lists/engine/ListRegistry';
import type { ListCatalog } from '../features/lists/model';
import { isAdmin, publicBaseUrl } from '../platform/server';

/** Where the command was typed: objection forms open from it (the trigger) and remember the room. */
export interface CommandOrigin {
	room?: IRoom;
	triggerId?: string;
	/** When the command reached the app (Date.now()): a form opened much later never shows. */
	receivedAt?: number;
	/** The list the command is answered from, already read: opening a form needn't read it again. */
	catalog?: Catalog;
}

export class EngineCommandServices implements CommandServices {
	readonly 'isAdmin': boolean;

	'constructor'(
		private readonly deps: AppDeps,
		private readonly user: IUser,
		private readonly lang: Lang,
		private readonly origin: CommandOrigin = {},
	) {
		this.isAdmin = isAdmin(user);
	}

	private 'objectionService'(): ObjectionService {
		return new ObjectionService(this.deps);
	}

	async 'object'({ args, list }: ServiceRequest): Promise<Reply | undefined> {
		if (!this.origin.triggerId) return notice(t(this.lang, 'object_no_trigger'));
		if (!(await this.objectionService().mayFile(this.user))) return notice(t(this.lang, 'object_not_allowed'));
		const lists = await activeCatalogs(this.deps);
		// `object LIST [NAME]`: a first word that is a list's name narrows to that list; so does a name before the
		// subcommand (`/subprocessors github object stripe`), which the router has taken off already.
		const typed = list ? undefined : lists.find((candidate) => candidate.list.name === args[0]?.toLowerCase());
		const named = list ?? typed;
		const query = (typed ? args.slice(1) : args).join(' ').trim();
		const candidates = named ? [named] : lists;
		if (candidates.length <= 1) {
			const opened = await this.objectIn(named ?? lists[0], query);
			// `object github` where another list has an entry called GitHub: the list's form, and how to reach that entry.
			const others =
				typed && !query && !opened
					? lists.filter((other) => other.list.id !== typed.list.id && other.catalog.findByName(args[0]))
					: [];
			return typed && others.length > 0
				? notice(t(this.lang, 'object_list_also_entry', { list: typed.list.name, commands: objectCommands(others, args[0]) }))
				: opened;
		}
		// Several lists: the one list whose entry the words name, or the choices as commands to type.
		if (!query) return notice(t(this.lang, 'object_which_list', { commands: objectCommands(candidates, '') }));
		const found = candidates.filter(({ catalog }) => namedEntry(catalog, query));
		if (found.length === 1) return this.objectIn(found[0], query);
		const key = found.length > 1 ? 'object_in_several' : 'object_not_found_lists';
		return notice(
			t(this.lang, key, {
				query: markupSafeTruncated(query, 80),
				commands: objectCommands(found.length > 1 ? found : candidates, found.length > 1 ? query : ''),
			}),
		);
	}

	/** Opens one list's form, with the entry the words name selected (or none, and a notice saying so). */
	private async 'objectIn'(target: ListCatalog<Catalog> | undefined, query: string): Promise<Reply | undefined> {
		const catalog = target?.catalog ?? this.origin.catalog ?? (await currentCatalog(this.deps));
		const entry = query ? namedEntry(catalog, query) : undefined;
		const opened = await this.objectionService().openForm(this.user, this.origin.room, this.origin.triggerId as string, this.lang, {
			subprocessorId: entry?.id,
			list: target?.list,
			catalog,
			receivedAt: this.origin.receivedAt,
		});
		if (!opened) return notice(t(this.lang, 'form_too_slow'));
		return query && !entry ? notice(t(this.lang, 'object_not_found', { query: markupSafeTruncated(query, 80) })) : undefined;
	}

	async 'objections'({ args }: ServiceRequest): Promise<Reply> {
		const service = this.objectionService();
		if (!(await service.mayWork(this.user))) return notice(t(this.lang, 'objection_not_allowed'));
		const arg = (args[0] ?? 'open').toLowerCase();
		if (REFERENCE_PATTERN.test(arg)) {
			const objection = await service.get(arg);
			if (!objection) return notice(t(this.lang, 'objection_not_found', { ref: arg.toUpperCase() }));
			const { route } = await objectionTarget(this.deps, listOfObjection(objection));
			return objectionDetail(objection, await service.routes(objection.ref), this.lang, route);
		}
		if (arg === 'audit') return auditList(await new AuditStore(this.deps.read.getPersistenceReader()).recent(30), this.lang);
		if (arg !== 'open' && arg !== 'all') return notice(t(this.lang, 'objections_bad_arg'));
		const all = await service.all();
		const shown =
			arg === 'all' ? all : all.filter((o) => o.status === 'awaiting' || o.status === 'open' || o.status === 'acknowledged');
		return objectionList(shown, this.lang, arg, await listLabels(this.deps, shown));
	}

	async 'export'({ args, share, list: before }: ServiceRequest): Promise<Reply | undefined> {
		const lists = await activeCatalogs(this.deps);
		// `export [LIST] csv|json`: a first word that is a list's name (and no format) exports that list only; so does a
		// name typed before the subcommand (`/subprocessors github export`).
		const typed = before || isFormat(args[0]) ? undefined : lists.find(({ list }) => list.name === args[0]?.toLowerCase());
		const named = before ?? typed;
		const format = ((typed ? args[1] : args[0]) ?? 'csv').toLowerCase();
		if (!isFormat(format)) return notice(t(this.lang, 'export_bad_arg'));
		const docs: ListDocument[] = (named ? [named] : lists).map(({ list, catalog }) => ({ name: list.name, list: catalog.list }));
		const content =
			format === 'csv' ? listsCsv(docs) : `${JSON.stringify(named ? namedListJson(docs[0]) : listsJson(docs), null, 2)}\n`;
		const newest = docs.map((doc) => doc.list.updated).sort()[docs.length - 1];
		const filename =
			docs.length === 1
				? `${slugify(docs[0].list.company) || 'company'}-subprocessors-${docs[0].list.updated}.${format}`
				: `subprocessors-${docs.length}-lists-${newest}.${format}`;
		const room = share ? this.origin.room : await directRoom(this.deps, this.user);
		if (!room) return notice(t(this.lang, 'error_generic'));
		const bot = await appBotUser(this.deps);
		await this.deps.modify
			.getCreator()
			.getUploadCreator()
			.uploadBuffer(Buffer.from(content, 'utf8'), { filename, room, user: bot ?? this.user });
		return share ? undefined : notice(t(this.lang, 'export_sent', { file: filename }));
	}

	async 'feedsUrl'(): Promise<string | undefined> {
		return (await new Settings(this.deps.read).publicFeeds()) ? publicBaseUrl(this.deps) : undefined;
	}

	async 'my-objections'(): Promise<Reply> {
		const mine = await this.objectionService().byObjector(this.user.id);
		return myObjections(mine, this.lang, await listLabels(this.deps, mine));
	}

	async 'erase-objections'({ args }: ServiceRequest): Promise<Reply> {
		return requestErasure(this.deps, this.user, args, this.lang);
	}

	private 'stores'() {
		const reader = this.deps.read.getPersistenceReader();
		return {
			lists: new ListStateStore(this.deps.runtime, reader, this.deps.persis),
			status: new CheckStatusStore(reader, this.deps.persis),
			changes: new ChangeStore(reader, this.deps.persis),
			subscribers: new SubscriberStore(reader, this.deps.persis),
		};
	}

	async 'lists'({ args }: ServiceRequest): Promise<Reply> {
		// The words after a list name (`sync NAME confirm`, `changes NAME since …`) can't name a list either.
		const reserved = new Set([...Object.keys(SUBCOMMANDS), 'confirm', 'since']);
		return new ListsCommand(this.deps, this.user, this.lang, reserved).answer(args);
	}

	/**
	 * The lists a command names by its first word (`changes github`, `sync github`): the named one and the rest of
	 * the words, or every active list and all the words. `removed`: a removed list's name counts too (its history
	 * stays readable).
	 */
	private async 'namedList'(
		args: string[],
		removed = false,
		before?: ListCatalog<Catalog>,
	): Promise<{ named?: WatchedList; lists: WatchedList[]; rest: string[] }> {
		const registry = new ListRegistry(this.deps);
		const every = await registry.everyList();
		const lists = every.filter((list) => !list.removedAt);
		// A name typed before the subcommand (`/subprocessors github changes`): the router took it off the words.
		if (before) return { named: before.list, lists, rest: args };
		const word = args[0]?.toLowerCase();
		const named =
			word === undefined
				? undefined
				: (lists.find((list) => list.name === word) ??
					(removed ? [...every].reverse().find((list) => list.name === word && list.removedAt) : undefined));
		return named ? { named, lists, rest: args.slice(1) } : { lists, rest: args };
	}

	/** Whether answers must say which list they are about: more than one list, or the one left is not the first. */
	private 'manyLists'(lists: WatchedList[]): boolean {
		return lists.length !== 1 || lists[0].id !== MAIN_LIST_ID;
	}

	async 'sync'({ args, list }: ServiceRequest): Promise<Reply> {
		const { named, lists, rest } = await this.namedList(args, false, list);
		const confirm = rest[0]?.toLowerCase() === 'confirm';
		if (rest.length > (confirm ? 1 : 0)) return notice(t(this.lang, 'lists_unknown', { name: markupSafeTruncated(rest[0], 40) }));
		// `sync confirm` is the first list's, as before lists; one list named, or every active list.
		const first = lists.find((list) => list.id === MAIN_LIST_ID);
		const chosen = named ? [named] : confirm ? (first ? [first] : []) : lists;
		const replies: Reply[] = [];
		for (const list of chosen) {
			const watcher = new ListingSync(this.deps, list);
			const outcome = confirm ? await watcher.confirmHeld() : await watcher.check();
			const reply = outcome ? this.syncAnswer(outcome) : notice(t(this.lang, 'sync_nothing_held'));
			replies.push(this.manyLists(lists) ? namingList(reply, list.name) : reply);
		}
		if (replies.length === 0) return notice(t(this.lang, 'sync_nothing_held'));
		return replies.length === 1 ? replies[0] : toReply(replies.flatMap((reply) => reply.blocks));
	}

	private 'syncAnswer'(outcome: CheckOutcome): Reply {
		const lang = this.lang;
		switch (outcome.result) {
			case 'baseline':
				return notice(t(lang, 'sync_baseline', { date: formatDate(lang, outcome.state.version), count: outcome.state.count }));
			case 'unchanged':
				return notice(t(lang, 'sync_unchanged', { date: formatDate(lang, outcome.state.version) }));
			case 'changed':
				return notice(
					outcome.room
						? t(lang, 'sync_changed', { summary: summary(outcome.record.changes, lang), room: outcome.room.slugifiedName })
						: t(lang, 'sync_changed_no_room', { summary: summary(outcome.record.changes, lang) }),
				);
			case 'held':
				if (outcome.olderThan) {
					return notice(
						t(lang, 'sync_held_older', {
							version: formatDate(lang, outcome.olderThan.version),
							current: formatDate(lang, outcome.olderThan.current),
						}),
					);
				}
				return notice(t(lang, 'sync_held', { removed: outcome.removed, total: outcome.total }));
			case 'error': {
				const reply = notice(t(lang, 'sync_error', { date: outcome.state ? formatDate(lang, outcome.state.version) : '—' }));
				return alertDetails(reply, outcome.problem);
			}
		}
	}

	async 'status'(): Promise<Reply> {
		const active = await new ListRegistry(this.deps).active();
		return this.manyLists(active) ? this.listsStatus(active) : this.firstListStatus();
	}

	/** `status` with several lists: one section per list (source, checks, version, the stale warning), then what they share. */
	private async 'listsStatus'(active: WatchedList[]): Promise<Reply> {
		const settings = new Settings(this.deps.read);
		const reader = this.deps.read.getPersistenceReader();
		const [interval, url, records, room, subs, open, team] = await Promise.all([
			settings.checkIntervalMinutes(),
			settings.sourceUrl(),
			new ChangeStore(reader).all(),
			settings.announcementsRoom(),
			new SubscriberStore(reader).all(),
			new DeliveryStore(reader).open(),
			settings.privacyTeamRoomChoice(),
		]);
		const now = new Date();
		const today = now.toISOString().slice(0, 10);
		const sections: Reply[] = [];
		for (const list of active) {
			const line = await listLine(this.deps, list, interval, url, now);
			const status = await new CheckStatusStore(reader, undefined, listScope(list.id)).get();
			// A list read from a vendor's page says where its date and objection address came from, as for one list.
			sections.push(
				withPageStatus(
					listStatusSection(
						{
							...line,
							problem: status.problem,
							lastChange: records.find((r) => (r.list ?? MAIN_LIST_ID) === list.id && r.kind === 'change'),
							today,
						},
						this.lang,
					),
					line.body,
					this.lang,
					list.id !== MAIN_LIST_ID,
				),
			);
		}
		const teamRoom = team.room ?? team.refused;
		const shared = statusAnswer(
			{
				intervalMinutes: interval,
				room: room?.slugifiedName,
				teamRoom: teamRoom && { name: teamRoom.slugifiedName, refused: !team.room },
				subscribers: subs.length,
				pending: open.filter((d) => d.handler === ANNOUNCEMENT_HANDLER && d.key.endsWith(':channel')).length,
				today,
				shared: true,
			},
			this.lang,
		);
		return toReply([shared.blocks[0], ...sections.flatMap((s) => s.blocks), ...shared.blocks.slice(1)]);
	}

	private async 'firstListStatus'(): Promise<Reply> {
		const { lists, status, changes, subscribers } = this.stores();
		const settings = new Settings(this.deps.read);
		const [pointer, check, records, subs, room, interval, url, open, team] = await Promise.all([
			lists.pointer(),
			status.get(),
			changes.all(),
			subscribers.all(),
			settings.announcementsRoom(),
			settings.checkIntervalMinutes(),
			settings.sourceUrl(),
			new DeliveryStore(this.deps.read.getPersistenceReader()).open(),
			settings.privacyTeamRoomChoice(),
		]);
		const teamRoom = team.room ?? team.refused;
		return withPageStatus(
			statusAnswer(
				{
					source: url,
					version: pointer?.version,
					count: pointer?.count,
					lastCheckAt: check.lastCheckAt,
					lastResult: check.lastResult,
					problem: check.problem,
					lastChange: records.find((r) => r.kind === 'change'),
					intervalMinutes: interval,
					nextCheckAt: nextCheckAt(check.lastScheduledCheckAt ?? check.lastCheckAt, interval, new Date()),
					room: room?.slugifiedName,
					teamRoom: teamRoom && { name: teamRoom.slugifiedName, refused: !team.room },
					subscribers: subs.length,
					// Announcements whose channel post is still to go out (the delivery job's open records).
					pending: open.filter((d) => d.handler === ANNOUNCEMENT_HANDLER && d.key.endsWith(':channel')).length,
					today: new Date().toISOString().slice(0, 10),
				},
				this.lang,
			),
			(await lists.get())?.list,
			this.lang,
		);
	}

	async 'changes'({ args: words, list }: ServiceRequest): Promise<Reply> {
		const { named, lists: active, rest: args } = await this.namedList(words, true, list);
		const { changes, lists } = this.stores();
		if (named || this.manyLists(active)) return this.listsChanges(named ? [named] : active, args);
		const reading = readChangesArgs(args);
		if (!reading) return notice(t(this.lang, 'changes_bad_arg'));
		const { since, limit } = reading;
		const records = (await changes.all()).filter((r) => !since || r.detectedAt.slice(0, 10) >= since);
		const company = (await lists.get())?.list.company ?? records[0]?.company ?? '';
		return changesHistory(records.slice(0, limit), company, this.lang, since);
	}

	/** The history of each list asked about, named, in list order (`changes github since 2024-01-31`). */
	private async 'listsChanges'(lists: WatchedList[], args: string[]): Promise<Reply> {
		const reading = readChangesArgs(args);
		if (!reading) return notice(t(this.lang, 'changes_bad_arg'));
		const all = await new ChangeStore(this.deps.read.getPersistenceReader()).all();
		const blocks = [];
		for (const list of lists) {
			const records = all.filter(
				(r) => (r.list ?? MAIN_LIST_ID) === list.id && (!reading.since || r.detectedAt.slice(0, 10) >= reading.since),
			);
			const catalog = await listCatalog(this.deps, list.id);
			const company = catalog?.list.company ?? records[0]?.company ?? list.name;
			blocks.push(
				...namingList(changesHistory(records.slice(0, reading.limit), company, this.lang, reading.since), list.name).blocks,
			);
		}
		return toReply(blocks);
	}

	/** `subscribe`: every list, lists added later too; `subscribe NAME`: that list (added to the ones chosen before). */
	async 'subscribe'({ args, list }: ServiceRequest): Promise<Reply> {
		const { subscribers } = this.stores();
		const before = await subscribers.get(this.user.id);
		const me = {
			userId: this.user.id,
			username: this.user.username,
			lang: this.lang,
			since: before?.since ?? new Date().toISOString(),
		};
		if (args.length === 0) {
			if (before && !before.lists) return notice(t(this.lang, 'subscribe_already'));
			await subscribers.put(me);
			return notice(t(this.lang, 'subscribe_done'));
		}
		const { named, rest } = await this.namedList(args, false, list);
		if (!named || rest.length > 0) return notice(t(this.lang, 'lists_unknown', { name: markupSafeTruncated(args.join(' '), 40) }));
		if (before && (!before.lists || before.lists.includes(named.id)))
			return notice(t(this.lang, 'subscribe_list_already', { list: named.name }));
		await subscribers.put({ ...me, lists: [...(before?.lists ?? []), named.id] });
		return notice(t(this.lang, 'subscribe_list_done', { list: named.name }));
	}

	/** `unsubscribe`: no more DMs at all; `unsubscribe NAME`: none about that list (the others stay). */
	async 'unsubscribe'({ args, list }: ServiceRequest): Promise<Reply> {
		const { subscribers } = this.stores();
		const before = await subscribers.get(this.user.id);
		if (args.length === 0) {
			if (!before) return notice(t(this.lang, 'unsubscribe_not'));
			await subscribers.remove(this.user.id);
			return notice(t(this.lang, 'unsubscribe_done'));
		}
		const { named, lists, rest } = await this.namedList(args, false, list);
		if (!named || rest.length > 0) return notice(t(this.lang, 'lists_unknown', { name: markupSafeTruncated(args.join(' '), 40) }));
		const chosen = before && (before.lists ?? lists.map((list) => list.id));
		if (!before || !chosen?.includes(named.id)) return notice(t(this.lang, 'unsubscribe_list_not', { list: named.name }));
		const left = chosen.filter((id) => id !== named.id);
		if (left.length === 0) await subscribers.remove(this.user.id);
		else await subscribers.put({ ...before, lists: left });
		return notice(t(this.lang, 'unsubscribe_list_done', { list: named.name }));
	}
}

const isFormat = (word: string | undefined): word is 'csv' | 'json' => word === 'csv' || word === 'json';

/** The entry the words name in a list: by name or alias, or the only match (as `object NAME` always read it). */
function namedEntry(catalog: Catalog, query: string) {
	const found = catalog.search(query);
	return found.exact ?? (found.total === 1 ? found.hits[0].entry : undefined);
}

/**
 * `/subprocessors object LIST [WORDS]` for each list, as commands to type: in a code span, where markup escapes
 * would show, so the words keep only letters, digits, spaces, `.` and `-` (what names are searched by anyway).
 */
function objectCommands(lists: Array<ListCatalog<Catalog>>, query: string): string {
	const words = query
		.replace(/[^\p{L}\p{N}\s.-]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 80);
	return lists.map(({ list }) => `\`/subprocessors object ${list.name}${words ? ` ${words}` : ''}\``).join(', ');
}

/** Admins who use the app are remembered, so source problems reach someone who can fix them. */
export async function rememberAdmin(deps: AppDeps, user: IUser, lang: Lang): Promise<void> {
	// Once per admin and app process: this runs on every command.
	const { rememberedAdmins } = deps.runtime;
	if (!isAdmin(user) || rememberedAdmins.has(user.id)) return;
	const store = new AdminContactStore(deps.read.getPersistenceReader(), deps.persis);
	if (!(await store.get(user.id))) {
		await store.put({ userId: user.id, username: user.username, lang, seenAt: new Date().toISOString() });
	}
	rememberedAdmins.add(user.id);
}
