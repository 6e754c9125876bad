/**
 * Announcing a change: one delivery for the channel post and one per subscriber's DM, recorded with the change
 * (keys `chg:<changeId>:channel`, `chg:<changeId>:dm:<userId>`); the 'announcement' handler renders and
 * addresses them when the delivery job sends them. A list's channel posts share a lane, so its announcements keep
 * their order, and a channel that refuses or is not set holds up only that list's channel posts: never the DMs, never
 * another list's channel (each list may have its own room).
 */
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { isoDay, type ChangeRecord } from '../changes';
import type { SubprocessorList } from '../../list/model';
import { markupSafe } from '../../../kernel/text';
import type { Reply } from '../../../kernel/blocks';
import { announcement, namingList, watchingNote } from '../announcement';
import { t, type Lang } from '../../../kernel/i18n';
import { listCatalog } from '../../list/engine/currentList';
import { ListRegistry } from '../../lists/engine/ListRegistry';
import { MAIN_LIST_ID, type WatchedList } from '../../lists/model';
import { objectionAddressOf } from '../../lists/objectionAddress';
import type { AppDeps } from '../../../platform/deps';
import { DeliveryStore } from '../../../platform/delivery/DeliveryStore';
import type { DeliveryAction, DeliveryHandler } from '../../../platform/delivery/handlers';
import { newDelivery, type Delivery } from '../../../platform/delivery/model';
import { workspaceLang } from '../../../platform/language';
import { directRoom } from '../../../platform/reply';
import { RoomRefusals } from '../../../platform/roomRefusals';
import { DEFAULT_ANNOUNCEMENTS_ROOM, Settings } from '../../../platform/settings';
import { ChangeStore, SubscriberStore } from '../../../platform/storage/stores';
import { alertHash, raiseAlert } from './alerts';

export const ANNOUNCEMENT_HANDLER = 'announcement';
export const ANNOUNCEMENTS_LANE = 'announcements';

/** The lane of a list's channel posts: the first list keeps the lane of the one-list versions. */
export const announcementsLane = (listId: string): string =>
	listId === MAIN_LIST_ID ? ANNOUNCEMENTS_LANE : `${ANNOUNCEMENTS_LANE}:${listId}`;
const NO_ROOM = 'no announcements channel is set';

interface AnnouncementData {
	changeId: string;
	target: 'channel' | 'dm';
	userId?: string;
}

/** The deliveries of one change: the channel post, and for a change (not the baseline) each subscriber's DM. */
export function announcementDeliveries(record: ChangeRecord, subscriberIds: string[], now: Date): Delivery[] {
	const source = `chg:${record.id}`;
	const data = (target: AnnouncementData['target'], userId?: string): AnnouncementData => ({
		changeId: record.id,
		target,
		...(userId ? { userId } : {}),
	});
	const channel = newDelivery(
		{
			key: `${source}:channel`,
			handler: ANNOUNCEMENT_HANDLER,
			source,
			data: { ...data('channel') },
			lane: announcementsLane(record.list ?? MAIN_LIST_ID),
			order: Date.parse(record.detectedAt),
		},
		now,
	);
	if (record.kind === 'baseline') return [channel];
	const dms = subscriberIds.map((userId) =>
		newDelivery({ key: `${source}:dm:${userId}`, handler: ANNOUNCEMENT_HANDLER, source, data: { ...data('dm', userId) } }, now),
	);
	return [channel, ...dms];
}

/** Each list's room is told of on its own, under its lane: one list's room accepting says nothing of another's. */
const refusalId = (delivery: Delivery): string => delivery.lane ?? ANNOUNCEMENTS_LANE;

/** Whether a subscriber wants a list's announcements: no `lists` is every list, lists added later too. */
export const subscribedTo = (subscriber: { lists?: string[] }, listId: string): boolean =>
	subscriber.lists === undefined || subscriber.lists.includes(listId);

/** Where a list's announcements go: its own room (while it exists), else the shared announcements room. */
export async function listAnnouncementsRoom(deps: Pick<AppDeps, 'read'>, list?: WatchedList): Promise<IRoom | undefined> {
	const own = list?.channel ? await deps.read.getRoomReader().getById(list.channel) : undefined;
	return own ?? new Settings(deps.read).announcementsRoom();
}

/** Records the announcement of `record` for the channel and the subscribers as of now (idempotent by key). */
export async function recordAnnouncement(deps: AppDeps, record: ChangeRecord, now = new Date()): Promise<number> {
	const reader = deps.read.getPersistenceReader();
	const listId = record.list ?? MAIN_LIST_ID;
	const subscribers =
		record.kind === 'change'
			? (await new SubscriberStore(reader).all()).filter((s) => subscribedTo(s, listId)).map((s) => s.userId)
			: [];
	const added = await new DeliveryStore(reader, deps.persis).enqueue(announcementDeliveries(record, subscribers, now));
	return added.length;
}

/** Renders and addresses announcements. One instance per delivery run: the change and the list are read once. */
export class AnnouncementHandler implements DeliveryHandler {
	private readonly records = new Map<string, ChangeRecord | undefined>();
	private readonly lists = new Map<string, Promise<SubprocessorList | undefined>>();
	private watched?: Promise<WatchedList[]>;
	private setting?: Promise<string | undefined>;
	private lang?: Promise<Lang>;

	async prepare(delivery: Delivery, marker: string, deps: AppDeps): Promise<DeliveryAction> {
		const { changeId, target, userId } = delivery.data as unknown as AnnouncementData;
		const record = await this.record(deps, changeId);
		if (!record) return { kind: 'skip', why: `the change record ${changeId} is gone` };
		const listId = record.list ?? MAIN_LIST_ID;
		const watched = await this.watchedList(deps, listId);
		// A removed list is announced no more, from the moment it is removed (docs/lists.md).
		if (listId !== MAIN_LIST_ID ? !watched || watched.removedAt : watched?.removedAt)
			return { kind: 'skip', why: `the list ${listId} was removed` };
		if (target === 'channel') return this.channel(delivery, record, marker, deps);
		return this.direct(record, userId ?? '', marker, deps);
	}

	private async channel(delivery: Delivery, record: ChangeRecord, marker: string, deps: AppDeps): Promise<DeliveryAction> {
		const room = await listAnnouncementsRoom(deps, await this.watchedList(deps, record.list ?? MAIN_LIST_ID));
		if (!room) {
			// Told once per waiting announcement: the first time it waits for this reason.
			if (delivery.lastError !== NO_ROOM)
				await raiseAlert(deps, { kind: 'no-room', room: DEFAULT_ANNOUNCEMENTS_ROOM }, `no-room:${alertHash(delivery.key)}`);
			return { kind: 'wait', why: NO_ROOM };
		}
		this.lang ??= workspaceLang(deps);
		return { kind: 'post', room, reply: await this.render(deps, record, await this.lang, marker) };
	}

	private async direct(record: ChangeRecord, userId: string, marker: string, deps: AppDeps): Promise<DeliveryAction> {
		const subscriber = await new SubscriberStore(deps.read.getPersistenceReader()).get(userId);
		const user = subscriber && (await deps.read.getUserReader().getById(userId));
		if (!subscriber || !user || !subscribedTo(subscriber, record.list ?? MAIN_LIST_ID))
			return { kind: 'skip', why: 'unsubscribed or gone since' };
		const room = await directRoom(deps, user);
		const intro = t(subscriber.lang, 'announce_dm_intro', { company: markupSafe(record.company) });
		return { kind: 'post', room, reply: await this.render(deps, record, subscriber.lang, marker, intro) };
	}

	async settled(delivery: Delivery, deps: AppDeps): Promise<void> {
		// A channel post went through: a later refusal of this list's room is news again.
		if (delivery.state === 'done' && (delivery.data as unknown as AnnouncementData).target === 'channel' && delivery.messageId) {
			await new RoomRefusals(deps).accepted(refusalId(delivery));
		}
	}

	/** The channel waits for a room that refuses (admins told once per room and reason); a failed DM is retried. */
	async refused(delivery: Delivery, room: IRoom, error: unknown, deps: AppDeps): Promise<boolean> {
		if ((delivery.data as unknown as AnnouncementData).target !== 'channel') return false;
		const alert = await new RoomRefusals(deps).refused('announcements', room, error, refusalId(delivery));
		if (alert) await raiseAlert(deps, alert, `room-refused:${alertHash(`${delivery.key}:${Date.now()}`)}`, room);
		return true;
	}

	private async render(deps: AppDeps, record: ChangeRecord, lang: Lang, marker: string, intro?: string): Promise<Reply> {
		const listId = record.list ?? MAIN_LIST_ID;
		const name = await this.shownName(deps, listId);
		if (record.kind === 'baseline') return namingList(watchingNote(record, record.entryCount, lang, marker), name);
		// The list in memory (this runtime's check just accepted it, or one small read to see it is current): the
		// whole stored list is not read again for its objection procedure.
		if (!this.lists.has(listId))
			this.lists.set(
				listId,
				listCatalog(deps, listId).then((catalog) => catalog?.list),
			);
		const list = await this.lists.get(listId);
		const objections = list?.objections ?? { email: '', subject: '', requirements: [] };
		const watched = (await this.watchedList(deps, listId)) ?? { id: listId, name: listId, createdAt: '' };
		// Where objections go, in routing's order (objectionAddressOf): the list's own, the setting, what the list says.
		const setting = listId === MAIN_LIST_ID ? await (this.setting ??= new Settings(deps.read).objectionEmailSetting()) : undefined;
		const { email, subject } = objectionAddressOf(watched, list, setting);
		const procedure = { ...objections, email, subject };
		const objectCommand = `/subprocessors object${listId === MAIN_LIST_ID ? '' : ` ${watched.name}`}`;
		return namingList(
			announcement(record, lang, {
				appId: deps.appId,
				objections: procedure,
				objectCommand,
				marker,
				today: isoDay(new Date()),
				intro,
			}),
			name,
		);
	}

	/** Every watched list, removed ones too: read once per delivery run. */
	private async watchedList(deps: AppDeps, listId: string): Promise<WatchedList | undefined> {
		this.watched ??= new ListRegistry(deps).everyList();
		return (await this.watched).find((list) => list.id === listId);
	}

	/**
	 * The list's name when announcements must say which list changed: the workspace watches more than one list, or
	 * it is not the first. The first list alone is announced exactly as before lists existed.
	 */
	private async shownName(deps: AppDeps, listId: string): Promise<string | undefined> {
		this.watched ??= new ListRegistry(deps).everyList();
		const active = (await this.watched).filter((list) => !list.removedAt);
		if (listId === MAIN_LIST_ID && active.length <= 1) return undefined;
		return (await this.watchedList(deps, listId))?.name;
	}

	private async record(deps: AppDeps, changeId: string): Promise<ChangeRecord | undefined> {
		if (!this.records.has(changeId)) this.records.set(changeId, await new ChangeStore(deps.read.getPersistenceReader()).get(changeId));
		return this.records.get(changeId);
	}
}
