/** Delivering replies: privately to one user, as a room message, or by direct message from the app's bot. */
import type { IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IMessageBuilder } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms/RoomType';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { Reply } from '../kernel/blocks';
import { fitText, isSizeRefusal, messageMaxSize, messageSizeChanged } from './messageSize';

export interface ReplyTarget {
	user: IUser;
	room: IRoom;
	threadId?: string;
}

/** How long the app's bot user is reused before it is read again (an admin may rename it meanwhile). */
const BOT_USER_TTL_MS = 60_000;
let botUser: { user: IUser; readAt: number } | undefined;

/**
 * The app's bot user, the sender of every reply. Reading it is a round trip to the server (a database read there)
 * on every answer, and it almost never changes: it is kept for a minute in this app process.
 */
export async function appBotUser(read: IRead): Promise<IUser | undefined> {
	const now = Date.now();
	if (botUser && now - botUser.readAt < BOT_USER_TTL_MS) return botUser.user;
	const user = await read.getUserReader().getAppUser();
	botUser = user ? { user, readAt: now } : undefined;
	return user;
}

async function buildMessage(read: IRead, builder: IMessageBuilder, room: IRoom, reply: Reply, threadId?: string): Promise<IMessageBuilder> {
	// The text is what the server measures against Message_MaxAllowedSize; the blocks carry the whole answer.
	const text = fitText(reply.text, await messageMaxSize(read));
	builder.setRoom(room).setText(text).setBlocks(reply.blocks).setParseUrls(false).setGroupable(false);
	const appUser = await appBotUser(read);
	if (appUser) builder.setSender(appUser);
	if (threadId) builder.setThreadId(threadId);
	return builder;
}

/** Shows the reply to the user alone (an ephemeral notification from the app's bot). */
export async function notifyReply(read: IRead, modify: IModify, target: ReplyTarget, reply: Reply): Promise<void> {
	const builder = await buildMessage(read, modify.getNotifier().getMessageBuilder(), target.room, reply, target.threadId);
	await modify.getNotifier().notifyUser(target.user, builder.getMessage());
}

/** Posts the reply in the room for everyone, as the app's bot; returns the message id. */
export async function postReply(read: IRead, modify: IModify, room: IRoom, reply: Reply, threadId?: string): Promise<string> {
	const post = async () =>
		modify.getCreator().finish(await buildMessage(read, modify.getCreator().startMessage(), room, reply, threadId));
	try {
		return await post();
	} catch (error) {
		if (!isSizeRefusal(error)) throw error;
		// Refused for its size: an admin lowered Message_MaxAllowedSize since it was read. Once more, cut to the new value.
		messageSizeChanged();
		return post();
	}
}

/** The direct-message room between the app's bot and the user, created when it doesn't exist yet. */
export async function directRoom(read: IRead, modify: IModify, user: IUser): Promise<IRoom> {
	const bot = await appBotUser(read);
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
export async function sendDirect(read: IRead, modify: IModify, user: IUser, reply: Reply): Promise<string> {
	return postReply(read, modify, await directRoom(read, modify, user), reply);
}

/** The id of a recent message in the room whose first block carries `blockId`, if any. */
export async function findMarkedMessage(read: IRead, room: IRoom, blockId: string): Promise<string | undefined> {
	const recent = await read.getRoomReader().getMessages(room.id, { limit: 100, sort: { createdAt: 'desc' } });
	const found = recent.find((message) => (message.blocks ?? []).some((block) => (block as { blockId?: string }).blockId === blockId));
	return found?.id;
}
