/** Delivering replies: privately to one user, as a room message, or by direct message from the app's bot. */
import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IMessageBuilder } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms/RoomType';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { Reply } from '../kernel/blocks';
import type { AppDeps } from './deps';
import { fitText, isSizeRefusal, messageMaxSize, messageSizeChanged } from './messageSize';

export interface ReplyTarget {
	user: IUser;
	room: IRoom;
	threadId?: string;
}

/** How long the app's bot user is reused before it is read again (an admin may rename it meanwhile). */
const BOT_USER_TTL_MS = 60_000;

/** What sending a reply needs: the accessors, and this process's caches (the bot user, the size limit). */
export type ReplyDeps = Pick<AppDeps, 'read' | 'modify' | 'runtime'>;

/**
 * The app's bot user, the sender of every reply. Reading it is a round trip to the server (a database read there)
 * on every answer, and it almost never changes: it is kept for a minute in this app process.
 */
export async function appBotUser({ read, runtime }: Pick<AppDeps, 'read' | 'runtime'>): Promise<IUser | undefined> {
	const now = Date.now();
	const botUser = runtime.caches.botUser;
	if (botUser && now - botUser.readAt < BOT_USER_TTL_MS) return botUser.user;
	const user = await read.getUserReader().getAppUser();
	runtime.caches.botUser = user ? { user, readAt: now } : undefined;
	return user;
}

async function buildMessage(
	deps: ReplyDeps,
	builder: IMessageBuilder,
	room: IRoom,
	reply: Reply,
	threadId?: string,
): Promise<IMessageBuilder> {
	// The text is what the server measures against Message_MaxAllowedSize; the blocks carry the whole answer.
	const text = fitText(reply.text, await messageMaxSize(deps));
	builder.setRoom(room).setText(text).setBlocks(reply.blocks).setParseUrls(false).setGroupable(false);
	const appUser = await appBotUser(deps);
	if (appUser) builder.setSender(appUser);
	if (threadId) builder.setThreadId(threadId);
	return builder;
}

/** Shows the reply to the user alone (an ephemeral notification from the app's bot). */
export async function notifyReply(deps: ReplyDeps, target: ReplyTarget, reply: Reply): Promise<void> {
	const { modify } = deps;
	const builder = await buildMessage(deps, modify.getNotifier().getMessageBuilder(), target.room, reply, target.threadId);
	await modify.getNotifier().notifyUser(target.user, builder.getMessage());
}

/** Posts the reply in the room for everyone, as the app's bot; returns the message id. */
export async function postReply(deps: ReplyDeps, room: IRoom, reply: Reply, threadId?: string): Promise<string> {
	const { modify } = deps;
	const post = async () =>
		modify.getCreator().finish(await buildMessage(deps, modify.getCreator().startMessage(), room, reply, threadId));
	try {
		return await post();
	} catch (error) {
		if (!isSizeRefusal(error)) throw error;
		// Refused for its size: an admin lowered Message_MaxAllowedSize since it was read. Once more, cut to the new value.
		messageSizeChanged(deps.runtime);
		return post();
	}
}

/** The direct-message room between the app's bot and the user, created when it doesn't exist yet. */
export async function directRoom(deps: ReplyDeps, user: IUser): Promise<IRoom> {
	const { read, modify } = deps;
	const bot = await appBotUser(deps);
	if (!bot) throw new Error('the app has no bot user');
	const usernames = [bot.username, user.username];
	const existing = await read.getRoomReader().getDirectByUsernames(usernames);
	if (existing) return existing;
	const builder = modify
		.getCreator()
		.startRoom()
		.setType(RoomType.DIRECT_MESSAGE)
		.setCreator(bot)
		.setMembersToBeAddedByUsernames(usernames);
	const roomId = await modify.getCreator().finish(builder);
	const room = await read.getRoomReader().getById(roomId);
	if (!room) throw new Error(`the direct message room ${roomId} was created but can't be read`);
	return room;
}

/** Sends the reply to the user as a direct message from the app's bot; returns the message id. */
export async function sendDirect(deps: ReplyDeps, user: IUser, reply: Reply): Promise<string> {
	return postReply(deps, await directRoom(deps, user), reply);
}

/** The id of a recent message in the room whose first block carries `blockId`, if any. */
export async function findMarkedMessage(read: IRead, room: IRoom, blockId: string): Promise<string | undefined> {
	const recent = await read.getRoomReader().getMessages(room.id, { limit: 100, sort: { createdAt: 'desc' } });
	const found = recent.find((message) => (message.blocks ?? []).some((block) => (block as { blockId?: string }).blockId === blockId));
	return found?.id;
}
