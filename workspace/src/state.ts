// The in-memory "server" every bridge reads and writes: users, rooms, messages, what each user saw.
// Bridges stay thin; the facade (Workspace.ts) queries this state.
import { randomUUID } from 'crypto';
import { performance } from 'perf_hooks';

import { RoomType, UserStatusConnection, UserType } from './engine';
import type { IMessage, IRoom, IUser } from './engine';
import { renderBlocks, shownMarkdown } from './render';

export type EventKind = 'message' | 'notification' | 'modal' | 'email' | 'error' | 'file';

export interface WorkspaceEvent {
	seq: number;
	kind: EventKind;
	/** Room name ('general', 'privacy-team', or 'dm:bot,alice' style for direct messages). */
	room?: string;
	/** message: sender; notification/modal/error: the user it was for; email: first recipient's username when known. */
	user?: string;
	text: string;
	blocks?: unknown[];
	/** text + blocks as readable plain text (see render.ts). */
	plain: string;
	at: Date;
	messageId?: string;
	threadId?: string;
	viewId?: string;
	/** message: true when this event is an edit of an earlier message. modal: 'open' | 'update' | 'close' | 'errors'. */
	edited?: boolean;
	action?: string;
	errors?: Record<string, string>;
	to?: string[];
	subject?: string;
}

export interface UserSpec {
	name?: string;
	/**
	 * settings.preferences.language. Left out (or null): the user never chose one, and the server hands the app
	 * `settings.preferences: {}` (apps/meteor/app/apps/server/converters/users.ts copies the language only when set).
	 */
	language?: string | null;
	roles?: string[];
	email?: string;
	utcOffset?: number;
}

export interface RoomSpec {
	type?: 'channel' | 'private';
	members: string[];
	isDefault?: boolean;
	readOnly?: boolean;
	/** Who created it (default admin). The server gives the creator the `owner` role in the room. */
	creator?: string;
	/** Members whose subscription has the `owner` role (default: the creator, when a member). */
	owners?: string[];
	/** Members whose subscription has the `moderator` role. */
	moderators?: string[];
}

/**
 * Permissions the workspace checks, with the server's default roles (upsertPermissions.ts). A user holds a
 * permission in a room through their global roles or their subscription's roles in that room.
 */
export const DEFAULT_PERMISSIONS: Record<string, string[]> = {
	'post-readonly': ['admin', 'owner', 'moderator'],
};

export interface ModalState {
	viewId: string;
	appId: string;
	view: any;
	/** the room the modal was opened from, when known (view submits do not carry a room). */
	room?: string;
	errors?: Record<string, string>;
}

export const DEFAULT_USERS: Record<string, UserSpec> = {
	alice: { name: 'Alice Member', language: 'en', roles: ['user'] },
	bob: { name: 'Bob Member', language: 'de', roles: ['user'] },
	admin: { name: 'Ada Admin', language: 'en', roles: ['user', 'admin'] },
	dpo: { name: 'Dana DPO', language: null, roles: ['user'] },
};

export const DEFAULT_ROOMS: Record<string, RoomSpec> = {
	'general': { type: 'channel', members: ['alice', 'bob', 'admin', 'dpo'], isDefault: true },
	'subprocessor-updates': { type: 'channel', members: ['alice', 'admin', 'dpo'] },
	'privacy-team': { type: 'private', members: ['dpo', 'admin'] },
};

/** A controllable clock: nothing in the workspace moves time except advance(). */
export class Clock {
	constructor(private current: number) {}
	now(): number {
		return this.current;
	}
	date(): Date {
		return new Date(this.current);
	}
	set(ms: number): void {
		if (ms > this.current) this.current = ms;
	}
}

export class WorldState {
	readonly users = new Map<string, IUser>(); // by id
	readonly rooms = new Map<string, IRoom>(); // by id
	readonly messages = new Map<string, IMessage>(); // by id
	readonly events: WorkspaceEvent[] = [];
	readonly modals = new Map<string, ModalState>(); // open modal by username
	/**
	 * Trigger ids the "client" generated, as Rocket.Chat's client ActionManager keeps them: a server interaction
	 * (modal open/update/close, errors) with a trigger id it doesn't know, already used, or older than the
	 * timeout is dropped without a word (apps/meteor/app/ui-message/client/ActionManager.ts).
	 */
	readonly triggers = new Map<string, { user: string; issuedAt: number }>();
	/** ActionManager.TRIGGER_TIMEOUT: 5000 ms of real time (the app's own work, not the workspace clock). */
	triggerTimeoutMs = 5000;
	/** Subscription roles (owner, moderator, leader) by room id, then username: the server keeps them on the subscription. */
	readonly roomRoles = new Map<string, Map<string, string[]>>();
	/** Permission id → roles that hold it. */
	readonly permissions = new Map<string, string[]>(Object.entries(DEFAULT_PERMISSIONS).map(([id, roles]) => [id, [...roles]]));
	/** Who is acting right now (set by the facade around each call), so a modal remembers the room it came from. */
	context: { user?: string; room?: string } = {};
	private seq = 0;
	private listeners: Array<(e: WorkspaceEvent) => void> = [];

	constructor(
		readonly clock: Clock,
		users: Record<string, UserSpec>,
		rooms: Record<string, RoomSpec | null>,
	) {
		for (const [username, spec] of Object.entries(users)) this.addUser(username, spec);
		// A room spec of null removes a default room (e.g. a workspace without #subprocessor-updates).
		for (const [name, spec] of Object.entries(rooms)) if (spec) this.addRoom(name, spec);
	}

	addUser(username: string, spec: UserSpec = {}, extra: Partial<IUser> = {}): IUser {
		const now = this.clock.date();
		const user: IUser = {
			id: extra.id ?? `user-${username}`,
			username,
			name: spec.name ?? username,
			emails: [{ address: spec.email ?? `${username}@example.test`, verified: true }],
			type: UserType.USER,
			isEnabled: true,
			roles: spec.roles ?? ['user'],
			status: 'online',
			statusConnection: UserStatusConnection.ONLINE,
			utcOffset: spec.utcOffset ?? 0,
			createdAt: now,
			updatedAt: now,
			lastLoginAt: now,
			settings: { preferences: spec.language ? { language: spec.language } : {} } as any,
			...extra,
		};
		this.users.set(user.id, user);
		return user;
	}

	addRoom(name: string, spec: RoomSpec): IRoom {
		const creator = spec.creator ? this.requireUser(spec.creator) : (this.userByName('admin') ?? [...this.users.values()][0]);
		const now = this.clock.date();
		const room: IRoom = {
			id: `room-${name}`,
			slugifiedName: name,
			displayName: name,
			type: spec.type === 'private' ? RoomType.PRIVATE_GROUP : RoomType.CHANNEL,
			creator,
			usernames: [...spec.members],
			userIds: spec.members.map((u) => this.requireUser(u).id),
			isDefault: spec.isDefault ?? false,
			isReadOnly: spec.readOnly ?? false,
			displaySystemMessages: true,
			messageCount: 0,
			createdAt: now,
			updatedAt: now,
			lastModifiedAt: now,
		};
		this.rooms.set(room.id, room);
		const owners = spec.owners ?? (spec.members.includes(creator.username) ? [creator.username] : []);
		for (const username of owners) this.addRoomRole(room.id, username, 'owner');
		for (const username of spec.moderators ?? []) this.addRoomRole(room.id, username, 'moderator');
		return room;
	}

	/** The roles of `username`'s subscription to the room (none for a non-member). */
	roomRolesOf(roomId: string, username: string): string[] {
		return this.roomRoles.get(roomId)?.get(username) ?? [];
	}

	/** Replaces the subscription roles of a member of the room. */
	setRoomRoles(roomId: string, username: string, roles: string[]): void {
		const room = this.requireRoom(roomId);
		const user = this.requireUser(username);
		if (!this.isMember(room, user.username))
			throw new Error(`${user.username} is not a member of #${room.slugifiedName}: only members have room roles`);
		let byUser = this.roomRoles.get(room.id);
		if (!byUser) this.roomRoles.set(room.id, (byUser = new Map()));
		byUser.set(user.username, [...new Set(roles)]);
	}

	addRoomRole(roomId: string, username: string, role: string): void {
		this.setRoomRoles(roomId, username, [...this.roomRolesOf(roomId, this.requireUser(username).username), role]);
	}

	/** The members whose subscription has `role`, as the server's Subscriptions.findByRoomIdAndRoles. */
	usersWithRoomRole(roomId: string, role: string): IUser[] {
		const room = this.requireRoom(roomId);
		return room.usernames
			.filter((username) => this.roomRolesOf(room.id, username).includes(role))
			.map((username) => this.userByName(username))
			.filter((user): user is IUser => !!user);
	}

	/** As the server's hasPermission(uid, permission, rid): global roles and the subscription's roles in the room. */
	hasPermission(user: IUser, permission: string, roomId?: string): boolean {
		const roles = [...(user.roles ?? []), ...(roomId ? this.roomRolesOf(roomId, user.username) : [])];
		return roles.some((role) => (this.permissions.get(permission) ?? []).includes(role));
	}

	userByName(username: string): IUser | undefined {
		const name = username.replace(/^@/, '');
		for (const u of this.users.values()) if (u.username === name) return u;
		return undefined;
	}

	requireUser(usernameOrId: string): IUser {
		const user = this.users.get(usernameOrId) ?? this.userByName(usernameOrId);
		if (!user)
			throw new Error(
				`No user "${usernameOrId}" in the workspace (known: ${[...this.users.values()].map((u) => u.username).join(', ')})`,
			);
		return user;
	}

	roomByName(name: string): IRoom | undefined {
		const n = name.replace(/^#/, '');
		for (const r of this.rooms.values()) if (r.slugifiedName === n) return r;
		return undefined;
	}

	requireRoom(nameOrId: string): IRoom {
		const room = this.rooms.get(nameOrId) ?? this.roomByName(nameOrId);
		if (!room)
			throw new Error(
				`No room "${nameOrId}" in the workspace (known: ${[...this.rooms.values()].map((r) => r.slugifiedName).join(', ')})`,
			);
		return room;
	}

	/** The direct-message room between these users, created on first use (as the server does). */
	directRoom(usernames: string[]): IRoom {
		const members = [...new Set(usernames.map((u) => this.requireUser(u).username))].sort();
		for (const r of this.rooms.values()) {
			if (r.type === RoomType.DIRECT_MESSAGE && [...r.usernames].sort().join(',') === members.join(',')) return r;
		}
		const now = this.clock.date();
		const room: IRoom = {
			id: `dm-${members.join('-')}`,
			slugifiedName: `dm:${members.join(',')}`,
			type: RoomType.DIRECT_MESSAGE,
			creator: this.requireUser(members[0]),
			usernames: members,
			userIds: members.map((u) => this.requireUser(u).id),
			messageCount: 0,
			createdAt: now,
			updatedAt: now,
			lastModifiedAt: now,
		};
		this.rooms.set(room.id, room);
		return room;
	}

	/** Fresh room object as the server would hand it out (members/users resolved). */
	roomView(room: IRoom): IRoom {
		const stored = this.rooms.get(room.id) ?? room;
		return { ...stored, usernames: [...stored.usernames], userIds: [...(stored.userIds ?? [])] };
	}

	isMember(room: IRoom, username: string): boolean {
		return room.usernames.includes(username);
	}

	/** A fresh trigger id for `username`'s next interaction (slash command, click, submit), as the client makes. */
	issueTrigger(username: string): string {
		const id = randomUUID();
		const now = performance.now();
		// Long-expired ids are dropped, as the client's timers do, so a long session doesn't keep them all.
		for (const [old, t] of this.triggers) if (now - t.issuedAt > 2 * this.triggerTimeoutMs) this.triggers.delete(old);
		this.triggers.set(id, { user: username, issuedAt: now });
		return id;
	}

	/**
	 * Uses a trigger id as the client does when a server interaction arrives: the first use within the timeout
	 * passes (undefined); afterwards, or once expired, the reason the client would drop the interaction.
	 */
	useTrigger(triggerId: string | undefined): { reason: string; expired: boolean } | undefined {
		const trigger = triggerId === undefined ? undefined : this.triggers.get(triggerId);
		if (!trigger) {
			return {
				reason: triggerId
					? `its trigger id ${triggerId.slice(0, 8)}… was already used, or never issued`
					: 'it carries no trigger id',
				expired: false,
			};
		}
		this.triggers.delete(triggerId as string);
		const age = performance.now() - trigger.issuedAt;
		if (age <= this.triggerTimeoutMs) return undefined;
		return {
			reason: `its trigger id expired: ${(age / 1000).toFixed(1)} s after the user's action (the client waits ${this.triggerTimeoutMs / 1000} s)`,
			expired: true,
		};
	}

	newId(prefix: string): string {
		return `${prefix}-${randomUUID().slice(0, 8)}`;
	}

	onEvent(listener: (e: WorkspaceEvent) => void): () => void {
		this.listeners.push(listener);
		return () => {
			this.listeners = this.listeners.filter((l) => l !== listener);
		};
	}

	record(e: Omit<WorkspaceEvent, 'seq' | 'at' | 'plain'> & { plain?: string }): WorkspaceEvent {
		const event: WorkspaceEvent = {
			...e,
			seq: ++this.seq,
			at: this.clock.date(),
			// Message text is markdown: shown as Rocket.Chat's parser shows it (no escape backslashes).
			plain:
				e.plain ??
				[
					e.text && (e.kind === 'message' || e.kind === 'notification') ? shownMarkdown(e.text) : e.text,
					e.blocks?.length ? renderBlocks(e.blocks) : '',
				]
					.filter(Boolean)
					.join('\n'),
		};
		this.events.push(event);
		for (const l of this.listeners) l(event);
		return event;
	}

	/** What this user saw: messages in rooms they are in, and everything addressed to them. */
	seen(username: string): WorkspaceEvent[] {
		const user = this.requireUser(username);
		const address = user.emails.map((e) => e.address);
		return this.events.filter((e) => {
			switch (e.kind) {
				case 'message':
				case 'file': {
					const room = e.room ? this.roomByName(e.room) : undefined;
					return !!room && this.isMember(room, user.username);
				}
				case 'email':
					return (e.to ?? []).some((t) => address.includes(t)) || e.user === user.username;
				default:
					return e.user === user.username;
			}
		});
	}
}
