import { RoleBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/RoleBridge';
import { UserBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/UserBridge';
import type { IUserCreationOptions } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/users';
import type { IRole } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/roles';
import { UserType } from '../engine';
import type { IUser } from '../engine';
import type { WorldState } from '../state';

export class WorkspaceUserBridge extends UserBridge {
	constructor(private readonly world: WorldState) {
		super();
	}

	protected async getById(id: string): Promise<IUser> {
		return this.world.users.get(id) as IUser;
	}

	protected async getByUsername(username: string): Promise<IUser> {
		return this.world.userByName(username) as IUser;
	}

	protected async getAppUser(appId?: string): Promise<IUser | undefined> {
		return [...this.world.users.values()].find((u) => u.appId !== undefined && (appId === undefined || u.appId === appId));
	}

	protected async getActiveUserCount(): Promise<number> {
		return [...this.world.users.values()].filter((u) => u.isEnabled && u.type === UserType.USER).length;
	}

	protected async getUserUnreadMessageCount(): Promise<number> {
		return 0;
	}

	protected async getUserRoomIds(userId: string): Promise<string[]> {
		const user = this.world.requireUser(userId);
		return [...this.world.rooms.values()].filter((r) => r.usernames.includes(user.username)).map((r) => r.id);
	}

	protected async create(data: Partial<IUser>, appId: string, options?: IUserCreationOptions): Promise<string> {
		if (!data.username) throw new Error('UserBridge.create: username is required');
		const user = this.world.addUser(
			data.username,
			{ name: data.name, roles: data.roles },
			{
				id: this.world.newId('user'),
				type: data.type ?? UserType.BOT,
				appId: data.appId ?? appId,
			},
		);
		// The app user joins default channels, as the server does with joinDefaultChannels.
		if (options?.joinDefaultChannels !== false) {
			for (const room of this.world.rooms.values()) {
				if (room.isDefault && !room.usernames.includes(user.username)) {
					room.usernames.push(user.username);
					room.userIds = [...(room.userIds ?? []), user.id];
				}
			}
		}
		return user.id;
	}

	protected async remove(user: IUser): Promise<boolean> {
		return this.world.users.delete(user.id);
	}

	protected async update(user: IUser, updates: Partial<IUser>): Promise<boolean> {
		const stored = this.world.users.get(user.id);
		if (!stored) return false;
		Object.assign(stored, updates, { updatedAt: this.world.clock.date() });
		return true;
	}

	protected async deleteUsersCreatedByApp(appId: string, type: UserType.APP | UserType.BOT): Promise<boolean> {
		for (const u of [...this.world.users.values()]) if (u.appId === appId && u.type === type) this.world.users.delete(u.id);
		return true;
	}

	protected async deactivate(userId: string): Promise<boolean> {
		const user = this.world.requireUser(userId);
		user.isEnabled = false;
		return true;
	}
}

const SYSTEM_ROLES = ['admin', 'user', 'bot', 'app', 'guest', 'owner', 'moderator', 'leader', 'anonymous'];

export class WorkspaceRoleBridge extends RoleBridge {
	protected async getOneByIdOrName(idOrName: string): Promise<IRole | null> {
		if (!SYSTEM_ROLES.includes(idOrName)) return null;
		return { id: idOrName, name: idOrName, description: '', mandatory2fa: false, protected: true, scope: 'Users' } as IRole;
	}

	protected async getCustomRoles(): Promise<IRole[]> {
		return [];
	}
}
