import type { IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { Reply } from '../format/blocks';

export interface ReplyTarget {
    user: IUser;
    room: IRoom;
    threadId?: string;
}

/** Shows the reply to the user alone (an ephemeral notification from the app's bot). */
export async function notifyReply(read: IRead, modify: IModify, target: ReplyTarget, reply: Reply): Promise<void> {
    const builder = modify
        .getNotifier()
        .getMessageBuilder()
        .setRoom(target.room)
        .setText(reply.text)
        .setBlocks(reply.blocks)
        .setParseUrls(false)
        .setGroupable(false);
    const appUser = await read.getUserReader().getAppUser();
    if (appUser) {
        builder.setSender(appUser);
    }
    if (target.threadId) {
        builder.setThreadId(target.threadId);
    }
    await modify.getNotifier().notifyUser(target.user, builder.getMessage());
}

/** Posts the reply in the room for everyone, as the app's bot. */
export async function postReply(read: IRead, modify: IModify, target: ReplyTarget, reply: Reply): Promise<void> {
    const builder = modify
        .getCreator()
        .startMessage()
        .setRoom(target.room)
        .setText(reply.text)
        .setBlocks(reply.blocks)
        .setParseUrls(false)
        .setGroupable(false);
    const appUser = await read.getUserReader().getAppUser();
    if (appUser) {
        builder.setSender(appUser);
    }
    if (target.threadId) {
        builder.setThreadId(target.threadId);
    }
    await modify.getCreator().finish(builder);
}
