import { MessageBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/MessageBridge';
import type { ITypingDescriptor } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/MessageBridge';
import { ThreadBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/ThreadBridge';
import type { Reaction } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/messages';
import type { IMessage, IRoom, IUser } from '../engine';
import type { WorldState } from '../state';

/** Ephemeral notifications keep a synthetic id so a button in them can still be clicked. */
export class WorkspaceMessageBridge extends MessageBridge {
	readonly ephemeral = new Map<string, IMessage>();

	constructor(
		private readonly world: WorldState,
		/** A server setting's value (Message_MaxAllowedSize), read on every post as the server does. */
		private readonly serverSetting: (id: string) => unknown = () => undefined,
	) {
		super();
	}

	private roomName(room: IRoom | undefined): string | undefined {
		if (!room) return undefined;
		return this.world.rooms.get(room.id)?.slugifiedName ?? room.slugifiedName;
	}

	/**
	 * The apps bridge posts through the server's executeSendMessage (app/lib/server/methods/sendMessage.ts): first the
	 * size of the text (`msg`; blocks are not measured), then canSendMessage — for the app's user (type `app`) no
	 * access check, but a read-only room refuses anyone without `post-readonly` there, unless unmuted.
	 */
	protected async create(message: IMessage): Promise<string> {
		const max = Number(this.serverSetting('Message_MaxAllowedSize') ?? 0);
		if (message.text && message.text.length > max) {
			throw Object.assign(new Error('Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]'), {
				error: 'error-message-size-exceeded',
			});
		}
		const room = this.world.requireRoom(message.room.id);
		const sender = message.sender && (this.world.users.get(message.sender.id) ?? this.world.userByName(message.sender.username));
		if (room.isReadOnly && !(sender && this.world.hasPermission(sender, 'post-readonly', room.id))) {
			throw new Error("You can't send messages because the room is readonly.");
		}
		const id = message.id ?? this.world.newId('msg');
		const stored: IMessage = { ...message, id, room: this.world.roomView(room), createdAt: this.world.clock.date() };
		this.world.messages.set(id, stored);
		room.messageCount = (room.messageCount ?? 0) + 1;
		this.world.record({
			kind: 'message',
			room: room.slugifiedName,
			user: message.sender?.username,
			text: message.text ?? '',
			blocks: message.blocks,
			messageId: id,
			threadId: message.threadId,
		});
		return id;
	}

	protected async update(message: IMessage): Promise<void> {
		if (!message.id || !this.world.messages.has(message.id)) throw new Error(`MessageBridge.update: no message "${message.id}"`);
		const previous = this.world.messages.get(message.id) as IMessage;
		const stored: IMessage = { ...previous, ...message, updatedAt: this.world.clock.date(), editedAt: this.world.clock.date() };
		this.world.messages.set(message.id, stored);
		this.world.record({
			kind: 'message',
			room: this.roomName(stored.room),
			user: stored.sender?.username,
			text: stored.text ?? '',
			blocks: stored.blocks,
			messageId: message.id,
			threadId: stored.threadId,
			edited: true,
		});
	}

	protected async notifyUser(user: IUser, message: IMessage): Promise<void> {
		const id = message.id ?? this.world.newId('ephemeral');
		this.ephemeral.set(id, { ...message, id });
		this.world.record({
			kind: 'notification',
			room: this.roomName(message.room),
			user: user.username,
			text: message.text ?? '',
			blocks: message.blocks,
			messageId: id,
			threadId: message.threadId,
		});
	}

	protected async notifyRoom(room: IRoom, message: IMessage): Promise<void> {
		const stored = this.world.requireRoom(room.id);
		// One event per member: every member sees an ephemeral room notification.
		for (const username of stored.usernames) {
			const user = this.world.userByName(username);
			if (user && !user.appId) await this.notifyUser(user, { ...message, id: undefined, room: stored });
		}
	}

	protected async typing(_options: ITypingDescriptor): Promise<void> {
		// Typing indicators have no observable effect here.
	}

	protected async getById(messageId: string): Promise<IMessage> {
		return (this.world.messages.get(messageId) ?? this.ephemeral.get(messageId)) as IMessage;
	}

	protected async delete(message: IMessage): Promise<void> {
		if (message.id) this.world.messages.delete(message.id);
	}

	protected async addReaction(messageId: string, userId: string, reaction: Reaction): Promise<void> {
		const message = this.world.messages.get(messageId);
		if (!message) throw new Error(`MessageBridge.addReaction: no message "${messageId}"`);
		const username = this.world.requireUser(userId).username;
		const reactions = (message.reactions ??= {});
		const [entry] = (reactions[reaction] ??= [{ usernames: [] }]);
		entry.usernames ??= [];
		if (!entry.usernames.includes(username)) entry.usernames.push(username);
	}

	protected async removeReaction(messageId: string, userId: string, reaction: Reaction): Promise<void> {
		const username = this.world.requireUser(userId).username;
		for (const entry of this.world.messages.get(messageId)?.reactions?.[reaction] ?? []) {
			entry.usernames = (entry.usernames ?? []).filter((u) => u !== username);
		}
	}
}

export class WorkspaceThreadBridge extends ThreadBridge {
	constructor(private readonly world: WorldState) {
		super();
	}

	protected async getById(messageId: string): Promise<IMessage[]> {
		const root = this.world.messages.get(messageId);
		const replies = [...this.world.messages.values()].filter((m) => m.threadId === messageId);
		return root ? [root, ...replies] : replies;
	}
}
