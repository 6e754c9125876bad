/** The engine side of the subcommands the table in src/app/router.ts marks `run: 'engine'`: they read or change stored state. */
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { CommandServices, ServiceRequest } from './router';
import { notice } from '../features/list/answers';
import type { Reply } from '../kernel/blocks';
import { alertDetails, changesHistory, nextCheckAt, statusAnswer, summary } from '../features/watch/announcement';
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
import { currentCatalog } from '../features/list/engine/currentList';
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

	async 'export'({ args, share }: ServiceRequest): Promise<Reply | undefined> {
		const lists = await activeCatalogs(this.deps);
		// `export [LIST] csv|json`: a first word that is a list's name (and no format) exports that list only.
		const named = isFormat(args[0]) ? undefined : lists.find(({ list }) => list.name === args[0]?.toLowerCase());
		const format = ((named ? args[1] : args[0]) ?? 'csv').toLowerCase();
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

	async 'sync'({ args }: ServiceRequest): Promise<Reply> {
		const watcher = new ListingSync(this.deps);
		if (args[0]?.toLowerCase() === 'confirm') {
			const outcome = await watcher.confirmHeld();
			return outcome ? this.syncAnswer(outcome) : notice(t(this.lang, 'sync_nothing_held'));
		}
		return this.syncAnswer(await watcher.check());
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

	async 'changes'({ args }: ServiceRequest): Promise<Reply> {
		const { changes, lists } = this.stores();
		let records = await changes.all();
		let since: string | undefined;
		let limit = 10;
		if (args[0]?.toLowerCase() === 'since' && /^\d{4}-\d{2}-\d{2}$/.test(args[1] ?? '') && !Number.isNaN(Date.parse(args[1]))) {
			since = args[1];
			records = records.filter((r) => r.detectedAt.slice(0, 10) >= (since as string));
			limit = 50;
		} else if (/^\d{1,3}$/.test(args[0] ?? '') && Number(args[0]) > 0) {
			limit = Number(args[0]);
		} else if (args.length > 0) {
			return notice(t(this.lang, 'changes_bad_arg'));
		}
		const company = (await lists.get())?.list.company ?? records[0]?.company ?? '';
		return changesHistory(records.slice(0, limit), company, this.lang, since);
	}

	async 'subscribe'(): Promise<Reply> {
		const { subscribers } = this.stores();
		if (await subscribers.get(this.user.id)) return notice(t(this.lang, 'subscribe_already'));
		await subscribers.put({ userId: this.user.id, username: this.user.username, lang: this.lang, since: new Date().toISOString() });
		return notice(t(this.lang, 'subscribe_done'));
	}

	async 'unsubscribe'(): Promise<Reply> {
		const { subscribers } = this.stores();
		if (!(await subscribers.get(this.user.id))) return notice(t(this.lang, 'unsubscribe_not'));
		await subscribers.remove(this.user.id);
		return notice(t(this.lang, 'unsubscribe_done'));
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
