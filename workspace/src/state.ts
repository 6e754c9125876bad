// The in-memory "server" every bridge reads and writes: users, rooms, messages, what each user saw.
// Bridges stay thin; the facade (Workspace.ts) queries this state.
import { randomUUID } from 'crypto';

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
	/** settings.preferences.language; null means the user has no language preference at all. */
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
}

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
	general: { type: 'channel', members: ['alice', 'bob', 'admin', 'dpo'], isDefault: true },
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
			...(spec.language === null ? { settings: { preferences: {} } as any } : { settings: { preferences: { language: spec.language ?? 'en' } } as any }),
			...extra,
		};
		this.users.set(user.id, user);
		return user;
	}

	addRoom(name: string, spec: RoomSpec): IRoom {
		const creator = this.userByName('admin') ?? [...this.users.values()][0];
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
		return room;
	}

	userByName(username: string): IUser | undefined {
		const name = username.replace(/^@/, '');
		for (const u of this.users.values()) if (u.username === name) return u;
		return undefined;
	}

	requireUser(usernameOrId: string): IUser {
		const user = this.users.get(usernameOrId) ?? this.userByName(usernameOrId);
		if (!user) throw new Error(`No user "${usernameOrId}" in the workspace (known: ${[...this.users.values()].map((u) => u.username).join(', ')})`);
		return user;
	}

	roomByName(name: string): IRoom | undefined {
		const n = name.replace(/^#/, '');
		for (const r of this.rooms.values()) if (r.slugifiedName === n) return r;
		return undefined;
	}

	requireRoom(nameOrId: string): IRoom {
		const room = this.rooms.get(nameOrId) ?? this.roomByName(nameOrId);
		if (!room) throw new Error(`No room "${nameOrId}" in the workspace (known: ${[...this.rooms.values()].map((r) => r.slugifiedName).join(', ')})`);
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
			plain: e.plain ?? [e.text && (e.kind === 'message' || e.kind === 'notification') ? shownMarkdown(e.text) : e.text, e.blocks?.length ? renderBlocks(e.blocks) : ''].filter(Boolean).join('\n'),
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
