import { RoomBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/RoomBridge';
import type {
	GetMessagesOptions,
	GetRoomsFilters,
	GetRoomsOptions,
} from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/RoomBridge';
import type { IMessageRaw } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/messages';
import type { IRoomRaw } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '../engine';
import type { IMessage, IRoom, IUser } from '../engine';
import type { WorldState } from '../state';
import { notSupported } from './unsupported';

export class WorkspaceRoomBridge extends RoomBridge {
	constructor(private readonly world: WorldState) {
		super();
	}

	private members(room: IRoom): IUser[] {
		return room.usernames.map((u) => this.world.userByName(u)).filter((u): u is IUser => !!u);
	}

	protected async create(room: IRoom, members: string[]): Promise<string> {
		const usernames = [...new Set([...(members ?? []), ...(room.usernames ?? [])])];
		if (room.type === RoomType.DIRECT_MESSAGE) {
			// The server reuses an existing DM between the same users instead of creating a second one.
			if (room.creator?.username && !usernames.includes(room.creator.username)) usernames.push(room.creator.username);
			return this.world.directRoom(usernames).id;
		}
		if (!room.slugifiedName) throw new Error('RoomBridge.create: a channel or group needs a name');
		if (this.world.roomByName(room.slugifiedName)) throw new Error(`RoomBridge.create: room "${room.slugifiedName}" already exists`);
		// The server's createRoom makes the creator a member (and its owner, below).
		if (room.creator?.username && this.world.userByName(room.creator.username) && !usernames.includes(room.creator.username))
			usernames.push(room.creator.username);
		const created = this.world.addRoom(room.slugifiedName, {
			type: room.type === RoomType.PRIVATE_GROUP ? 'private' : 'channel',
			members: usernames.filter((u) => this.world.userByName(u)),
			readOnly: room.isReadOnly,
			// The server makes the creator the room's owner (a subscription role; createRoom.ts addUserRoles).
			...(room.creator && this.world.userByName(room.creator.username) ? { creator: room.creator.username } : {}),
		});
		if (room.creator) created.creator = room.creator;
		return created.id;
	}

	protected async getById(roomId: string): Promise<IRoom> {
		const room = this.world.rooms.get(roomId);
		return (room && this.world.roomView(room)) as IRoom;
	}

	protected async getByName(roomName: string): Promise<IRoom> {
		const room = this.world.roomByName(roomName);
		return (room && this.world.roomView(room)) as IRoom;
	}

	protected async getCreatorById(roomId: string): Promise<IUser | undefined> {
		return this.world.rooms.get(roomId)?.creator;
	}

	protected async getCreatorByName(roomName: string): Promise<IUser | undefined> {
		return this.world.roomByName(roomName)?.creator;
	}

	protected async getDirectByUsernames(usernames: string[]): Promise<IRoom | undefined> {
		const wanted = [...new Set(usernames)].sort().join(',');
		const room = [...this.world.rooms.values()].find(
			(r) => r.type === RoomType.DIRECT_MESSAGE && [...r.usernames].sort().join(',') === wanted,
		);
		return room && this.world.roomView(room);
	}

	protected async getMembers(roomId: string): Promise<IUser[]> {
		return this.members(this.world.requireRoom(roomId));
	}

	protected async getAllRooms(filters: GetRoomsFilters, options: GetRoomsOptions): Promise<IRoomRaw[]> {
		const rooms = [...this.world.rooms.values()].filter((r) => !filters?.types?.length || filters.types.includes(r.type));
		const skip = options?.skip ?? 0;
		const page = rooms.slice(skip, options?.limit ? skip + options.limit : undefined);
		return page.map((r) => ({ id: r.id, name: r.slugifiedName, type: r.type, usernames: r.usernames }) as unknown as IRoomRaw);
	}

	protected async update(room: IRoom, members: string[]): Promise<void> {
		const stored = this.world.requireRoom(room.id);
		const { usernames: _ignored, userIds: _ids, creator: _c, ...fields } = room;
		Object.assign(stored, fields, { updatedAt: this.world.clock.date() });
		for (const username of members ?? []) {
			const user = this.world.requireUser(username);
			if (!stored.usernames.includes(user.username)) {
				stored.usernames.push(user.username);
				stored.userIds = [...(stored.userIds ?? []), user.id];
			}
		}
	}

	protected async createDiscussion(): Promise<string> {
		throw notSupported('RoomBridge', 'createDiscussion');
	}

	protected async delete(roomId: string): Promise<void> {
		this.world.rooms.delete(roomId);
	}

	// As the server's rooms bridge: the members whose subscription has the role (not the room's creator).
	protected async getModerators(roomId: string): Promise<IUser[]> {
		return this.world.usersWithRoomRole(roomId, 'moderator');
	}

	protected async getOwners(roomId: string): Promise<IUser[]> {
		return this.world.usersWithRoomRole(roomId, 'owner');
	}

	protected async getLeaders(roomId: string): Promise<IUser[]> {
		return this.world.usersWithRoomRole(roomId, 'leader');
	}

	protected async getMessages(roomId: string, options: GetMessagesOptions): Promise<IMessageRaw[]> {
		let messages: IMessage[] = [...this.world.messages.values()].filter((m) => m.room.id === roomId);
		if (options?.showThreadMessages === false) messages = messages.filter((m) => !m.threadId);
		const dir = options?.sort?.createdAt === 'desc' ? -1 : 1;
		messages.sort((a, b) => dir * (+new Date(a.createdAt as Date) - +new Date(b.createdAt as Date)));
		const skip = options?.skip ?? 0;
		return messages.slice(skip, skip + (options?.limit ?? 100)).map(
			(m) =>
				({
					id: m.id,
					roomId: m.room.id,
					sender: { _id: m.sender.id, username: m.sender.username, name: m.sender.name },
					text: m.text,
					threadId: m.threadId,
					createdAt: m.createdAt,
					blocks: m.blocks,
				}) as unknown as IMessageRaw,
		);
	}

	protected async removeUsers(roomId: string, usernames: string[]): Promise<void> {
		const room = this.world.requireRoom(roomId);
		room.usernames = room.usernames.filter((u) => !usernames.includes(u));
		room.userIds = room.usernames.map((u) => this.world.requireUser(u).id);
		// Leaving removes the subscription, and its roles with it.
		for (const username of usernames) this.world.roomRoles.get(room.id)?.delete(username);
	}

	protected async getUnreadByUser(): Promise<IMessageRaw[]> {
		throw notSupported('RoomBridge', 'getUnreadByUser');
	}

	protected async getUserUnreadMessageCount(): Promise<number> {
		throw notSupported('RoomBridge', 'getUserUnreadMessageCount');
	}
}
