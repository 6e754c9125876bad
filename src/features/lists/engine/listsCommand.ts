/**
 * `/subprocessors lists …` (admins, answered privately; docs/lists.md 2): the watched lists, and adding, renaming,
 * re-pointing, routing and removing them. Every outcome answers; a bad word gets a message that says what to type.
 */
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms/RoomType';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { notice } from '../../list/answers';
import type { Reply } from '../../../kernel/blocks';
import { formatDate, t, type Lang } from '../../../kernel/i18n';
import { markupSafe, markupSafeTruncated } from '../../../kernel/text';
import { alertDetails } from '../../watch/announcement';
import { ListingSync } from '../../watch/engine/listingSync';
import { listCatalog } from '../../list/engine/currentList';
import type { SubprocessorList } from '../../list/model';
import type { AppDeps } from '../../../platform/deps';
import { requestDelivery } from '../../../platform/delivery/deliverer';
import { appBotUser } from '../../../platform/reply';
import { isAdmin } from '../../../platform/server';
import { Settings } from '../../../platform/settings';
import { CheckStatusStore, ListStateStore } from '../../../platform/storage/stores';
import { listAnnouncementsRoom } from '../../watch/engine/announcing';
import { isSourceUrl, listsOverview, readListsRequest, removalPrompt, type ListLine, type ObjectionAction } from '../messages';
import { MAX_OBJECTION_SUBJECT, objectionAddressOf } from '../objectionAddress';
import { AuditStore } from '../../objections/engine/audit';
import { listScope, MAIN_LIST_ID, nameProblem, newListId, type WatchedList } from '../model';
import { nextListCheckAt } from '../schedule';
import { ListRegistry } from './ListRegistry';

export class ListsCommand {
	private readonly registry: ListRegistry;

	/** `reserved`: the subcommand words (no list may be called `in` or `status`). */
	constructor(
		private readonly deps: AppDeps,
		private readonly user: IUser,
		private readonly lang: Lang,
		private readonly reserved: ReadonlySet<string>,
	) {
		this.registry = new ListRegistry(deps, deps.persis);
	}

	async answer(args: string[]): Promise<Reply> {
		const request = readListsRequest(args);
		switch (request.kind) {
			case 'overview':
				return this.overview();
			case 'add':
				return this.add(request.name, request.url);
			case 'rename':
				return this.withList(request.name, (list) => this.rename(list, request.to));
			case 'source':
				return this.withList(request.name, (list) => this.source(list, request.url));
			case 'channel':
				return this.withList(request.name, (list) => this.channel(list, request.room));
			case 'remove':
				return this.withList(request.name, async (list) => removalPrompt(list.id, list.name, this.lang, this.deps.appId));
			case 'objection':
				return this.withList(request.name, (list) => this.objection(list, request.action));
			case 'usage':
				return notice(t(this.lang, 'lists_usage'));
		}
	}

	private async withList(name: string, work: (list: WatchedList) => Promise<Reply>): Promise<Reply> {
		const list = await this.registry.byName(name);
		return list ? work(list) : notice(t(this.lang, 'lists_unknown', { name: markupSafeTruncated(name, 40) }));
	}

	private async overview(): Promise<Reply> {
		const settings = new Settings(this.deps.read);
		const [interval, url] = await Promise.all([settings.checkIntervalMinutes(), settings.sourceUrl()]);
		const now = new Date();
		const lines: ListLine[] = [];
		for (const list of await this.registry.active()) lines.push(await listLine(this.deps, list, interval, url, now));
		return listsOverview(lines, this.lang);
	}

	private problemWithName(name: string, others: WatchedList[]): Reply | undefined {
		const problem = nameProblem(name, this.reserved, others);
		return problem ? notice(t(this.lang, problem, { name: markupSafeTruncated(name, 40), list: name })) : undefined;
	}

	/**
	 * Fetches the list once under a fresh id: a good list is stored as its baseline, then the list record (so no
	 * record ever points at nothing); a bad fetch is answered with the source's problem and stores nothing.
	 */
	private async add(name: string, url: string): Promise<Reply> {
		const refused = this.problemWithName(name, await this.registry.everyList());
		if (refused) return refused;
		if (!isSourceUrl(url)) return notice(t(this.lang, 'lists_bad_url', { url: markupSafeTruncated(url, 200) }));
		const list: WatchedList = { id: newListId(), name, url, createdAt: new Date().toISOString(), createdBy: this.user.username };
		const outcome = await new ListingSync(this.deps, list).check({ trial: true });
		if (outcome.result === 'error') return alertDetails(notice(t(this.lang, 'lists_add_failed', { list: name })), outcome.problem);
		await this.registry.put(list);
		// The baseline's "now watching" note was recorded by the check: it goes out now that the list has its name.
		await requestDelivery(this.deps.modify, this.deps.logger);
		const catalog = await listCatalog(this.deps, list.id);
		const state = 'state' in outcome ? outcome.state : undefined;
		return notice(
			t(this.lang, 'lists_added', {
				list: name,
				count: state?.count ?? 0,
				company: markupSafeTruncated(catalog?.list.company ?? '', 80),
				date: state ? formatDate(this.lang, state.version) : '—',
			}),
		);
	}

	private async rename(list: WatchedList, to: string): Promise<Reply> {
		if (to === list.name) return notice(t(this.lang, 'lists_renamed', { old: list.name, list: to }));
		const refused = this.problemWithName(
			to,
			(await this.registry.everyList()).filter((other) => other.id !== list.id),
		);
		if (refused) return refused;
		await this.registry.put({ ...list, name: to });
		return notice(t(this.lang, 'lists_renamed', { old: list.name, list: to }));
	}

	private async source(list: WatchedList, url: string): Promise<Reply> {
		if (list.id === MAIN_LIST_ID) return notice(t(this.lang, 'lists_source_first', { list: list.name }));
		if (!isSourceUrl(url)) return notice(t(this.lang, 'lists_bad_url', { url: markupSafeTruncated(url, 200) }));
		await this.registry.put({ ...list, url });
		return notice(t(this.lang, 'lists_source_set', { list: list.name, url: `\`${url.replace(/`/g, "'")}\`` }));
	}

	/**
	 * `lists objection NAME [ADDRESS ["SUBJECT"] | clear]`: where objections to the list go. The first list's address
	 * is the `objection_email` setting (as before lists), so it is not set here: one value, in one place. A change is
	 * stored on the list record with who made it and when, and written to the objection audit (objections carry
	 * personal data, and this decides where they are e-mailed).
	 */
	private async objection(list: WatchedList, action: ObjectionAction): Promise<Reply> {
		switch (action.kind) {
			case 'show':
				return notice(await this.objectionNow(list));
			case 'bad-address':
				return notice(t(this.lang, 'lists_objection_bad_address', { address: markupSafeTruncated(action.address, 80) }));
			case 'bad-subject':
				return notice(t(this.lang, 'lists_objection_bad_subject', { max: MAX_OBJECTION_SUBJECT }));
			case 'set': {
				if (list.id === MAIN_LIST_ID) return notice(t(this.lang, 'lists_objection_first', { list: list.name }));
				const { objectionSubject: _subject, ...rest } = list;
				const changed: WatchedList = {
					...rest,
					objectionTo: action.email,
					...(action.subject ? { objectionSubject: action.subject } : {}),
					objectionSetAt: new Date().toISOString(),
					objectionSetBy: this.user.username,
				};
				await this.registry.put(changed);
				await this.audit('objection-address-set', list, action.email);
				// Objections of this list waiting for an address (or for a corrected one) go out now.
				await requestDelivery(this.deps.modify, this.deps.logger);
				return notice(`${t(this.lang, 'lists_objection_set', { list: list.name })} ${await this.objectionNow(changed)}`);
			}
			case 'clear': {
				const { objectionTo, objectionSubject, ...rest } = list;
				if (objectionTo || objectionSubject) {
					await this.registry.put({ ...rest, objectionSetAt: new Date().toISOString(), objectionSetBy: this.user.username });
					await this.audit('objection-address-cleared', list);
				}
				const now = await this.objectionNow(rest);
				return notice(
					objectionTo || objectionSubject ? `${t(this.lang, 'lists_objection_cleared', { list: list.name })} ${now}` : now,
				);
			}
		}
	}

	/** What applies now for the list, and where it came from (`lists objection NAME`). */
	private async objectionNow(list: WatchedList): Promise<string> {
		const catalog = await listCatalog(this.deps, list.id);
		const first = list.id === MAIN_LIST_ID;
		const to = objectionAddressOf(list, catalog?.list, first ? await new Settings(this.deps.read).objectionEmailSetting() : undefined);
		const company = markupSafeTruncated(catalog?.list.company ?? list.name, 80);
		const now = to.email
			? t(this.lang, 'lists_objection_now', {
					list: list.name,
					company,
					email: markupSafe(to.email),
					subject: markupSafe(to.subject),
					from: t(this.lang, `objection_from_${to.from ?? 'list'}`),
				})
			: t(this.lang, first ? 'lists_objection_none_first' : 'lists_objection_none', { list: list.name, company });
		return first && to.from !== 'setting' ? `${now} ${t(this.lang, 'lists_objection_first', { list: list.name })}` : now;
	}

	private async audit(kind: 'objection-address-set' | 'objection-address-cleared', list: WatchedList, email?: string): Promise<void> {
		await new AuditStore(this.deps.read.getPersistenceReader(), this.deps.persis).add({
			kind,
			by: this.user.username,
			list: list.name,
			...(email ? { email } : {}),
		});
	}

	private async channel(list: WatchedList, roomName: string): Promise<Reply> {
		const room = await this.deps.read.getRoomReader().getByName(roomName);
		const shown = markupSafeTruncated(roomName, 80);
		if (!room) return notice(t(this.lang, 'lists_room_unknown', { room: shown }));
		const refusal = await postRefusal(this.deps, room);
		if (refusal) return notice(t(this.lang, refusal, { room: shown }));
		await this.registry.put({ ...list, channel: room.id });
		return notice(t(this.lang, 'lists_channel_set', { list: list.name, room: room.slugifiedName || shown }));
	}
}

/**
 * Why the app could not post in a room, known before trying. The server's check of an app's post
 * (apps/meteor/app/authorization/server/functions/canSendMessage.ts) skips room access for a user of type `app`
 * but refuses a read-only room to a sender without `post-readonly` there — which the app's user (role `app`) has
 * as the room's moderator or owner (src/platform/roomRefusals.ts). A direct conversation is no channel. Any other
 * refusal shows at the first post and is told to the admins as for the shared room.
 */
async function postRefusal(deps: AppDeps, room: IRoom): Promise<'lists_room_direct' | 'lists_room_read_only' | undefined> {
	if (room.type === RoomType.DIRECT_MESSAGE || room.type === RoomType.LIVE_CHAT) return 'lists_room_direct';
	if (!room.isReadOnly) return undefined;
	const bot = await appBotUser(deps);
	const rooms = deps.read.getRoomReader();
	const mayPost = [...(await rooms.getModerators(room.id)), ...(await rooms.getOwners(room.id))].some((user) => user.id === bot?.id);
	return mayPost ? undefined : 'lists_room_read_only';
}

/** One list as the overview and `status` show it. */
export async function listLine(
	deps: AppDeps,
	list: WatchedList,
	interval: number,
	settingUrl: string | undefined,
	now: Date,
): Promise<ListLine & { list: WatchedList; body?: SubprocessorList }> {
	const reader = deps.read.getPersistenceReader();
	const [pointer, status, catalog, room, setting] = await Promise.all([
		new ListStateStore(deps.runtime, reader, undefined, undefined, list.id).pointer(),
		new CheckStatusStore(reader, undefined, listScope(list.id)).get(),
		listCatalog(deps, list.id),
		list.channel ? listAnnouncementsRoom(deps, list) : Promise.resolve(undefined),
		list.id === MAIN_LIST_ID ? new Settings(deps.read).objectionEmailSetting() : Promise.resolve(undefined),
	]);
	return {
		list,
		body: catalog?.list,
		name: list.name,
		company: catalog?.list.company,
		source: list.id === MAIN_LIST_ID ? settingUrl : list.url,
		count: pointer?.count ?? catalog?.list.subprocessors.length,
		version: pointer?.version ?? catalog?.list.updated,
		lastCheckAt: status.lastCheckAt,
		lastResult: status.lastResult,
		nextCheckAt: nextListCheckAt(status.lastCheckAt, interval, now),
		room: room?.slugifiedName,
		objections: objectionAddressOf(list, catalog?.list, setting),
	};
}

/** The Remove button: removal is soft (the record stays, with who and when); only an admin, once. */
export async function confirmListRemoval(deps: AppDeps, user: IUser, listId: string, lang: Lang): Promise<Reply> {
	if (!isAdmin(user)) return notice(t(lang, 'admin_only', { command: 'lists remove' }));
	const registry = new ListRegistry(deps, deps.persis);
	const list = await registry.get(listId);
	if (!list || list.removedAt) return notice(t(lang, 'lists_remove_gone'));
	await registry.put({ ...list, removedAt: new Date().toISOString(), removedBy: user.username });
	return notice(t(lang, 'lists_removed', { list: list.name }));
}
