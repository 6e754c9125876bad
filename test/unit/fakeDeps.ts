/**
 * In-memory accessors for unit tests of engine code (the delivery job): persistence with the server's
 * association semantics (docs/multi-instance.md 1.3: reads match ALL given associations, updateByAssociations
 * the exact array, removeByAssociations every match), rooms with messages, the message creator and updater,
 * the mailer and the scheduler. Faults are injected by the test (a post that throws, a crash after it).
 */
import type { ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import type { AppDeps } from '../../src/platform/deps';
import { AppRuntime, type Accessors } from '../../src/platform/runtime';

interface Assoc {
	model: string;
	id: string;
}
interface Doc {
	id: number;
	assocs: Assoc[];
	data: object;
}
export interface FakeMessage {
	id: string;
	roomId: string;
	text: string;
	blocks: Array<{ blockId?: string }>;
	createdAt: Date;
	editedAt?: Date;
}
export interface FakeRoom {
	id: string;
	slugifiedName: string;
	isReadOnly?: boolean;
}

/** Stored data is a copy, as a database's is. */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const plain = (a: { getModel(): string; getID(): string }): Assoc => ({ model: a.getModel(), id: a.getID() });
const same = (a: Assoc, b: Assoc) => a.model === b.model && a.id === b.id;

export class FakeWorld {
	docs: Doc[] = [];
	appSettings: Record<string, unknown> = {};
	/** The app process's state; a test that needs a restarted process sets it to undefined. */
	runtime?: AppRuntime;
	private nextDoc = 1;
	rooms = new Map<string, FakeRoom>();
	messages: FakeMessage[] = [];
	emails: object[] = [];
	onceJobs: Array<{ id: string; when: unknown }> = [];
	cancelledJobs: string[] = [];
	/** Called before a message is stored: throw to make the post fail. */
	beforePost?: (room: FakeRoom, text: string) => void;
	/** Called after a message is stored: throw to simulate a crash after the post landed. */
	afterPost?: (message: FakeMessage) => void;
	beforeEmail?: () => void;
	logs: Array<{ level: string; args: unknown[] }> = [];
	/** The message clock: each message is a millisecond after the previous one. */
	clock = Date.parse('2026-11-30T10:00:00Z');
	bot = { id: 'bot', username: 'subprocessors.bot', name: 'Bot' };
	/** The server's Message_MaxAllowedSize. */
	messageMaxSize = 5000;
	persistenceCalls = 0;

	addRoom(id: string, slugifiedName = id): FakeRoom {
		const room = { id, slugifiedName };
		this.rooms.set(id, room);
		return room;
	}

	/** Messages of other users, e.g. a busy room that moved on since an attempt. */
	chatter(roomId: string, count: number): void {
		for (let i = 0; i < count; i++) this.store(roomId, `chatter ${i}`, []);
	}

	store(roomId: string, text: string, blocks: Array<{ blockId?: string }>): FakeMessage {
		const message = { id: `m${this.messages.length + 1}`, roomId, text, blocks, createdAt: new Date(this.clock++) };
		this.messages.push(message);
		return message;
	}

	withMarker(blockId: string): FakeMessage[] {
		return this.messages.filter((m) => m.blocks.some((b) => b.blockId === blockId));
	}

	deps(): AppDeps {
		// The accessors below are object literals whose methods have their own `this`.
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const world = this;
		const persistence = {
			async readByAssociations(assocs: Array<{ getModel(): string; getID(): string }>) {
				world.persistenceCalls++;
				const wanted = assocs.map(plain);
				return world.docs.filter((d) => wanted.every((w) => d.assocs.some((a) => same(a, w)))).map((d) => clone(d.data));
			},
		};
		const writer = {
			async createWithAssociations(data: object, assocs: Array<{ getModel(): string; getID(): string }>) {
				world.persistenceCalls++;
				const doc = { id: world.nextDoc++, assocs: assocs.map(plain), data: clone(data) };
				world.docs.push(doc);
				return String(doc.id);
			},
			async updateByAssociations(assocs: Array<{ getModel(): string; getID(): string }>, data: object, upsert?: boolean) {
				world.persistenceCalls++;
				const exact = assocs.map(plain);
				const doc = world.docs.find((d) => d.assocs.length === exact.length && d.assocs.every((a, i) => same(a, exact[i])));
				if (doc) doc.data = clone(data);
				else if (upsert) world.docs.push({ id: world.nextDoc++, assocs: exact, data: clone(data) });
				return '';
			},
			async removeByAssociations(assocs: Array<{ getModel(): string; getID(): string }>) {
				world.persistenceCalls++;
				const wanted = assocs.map(plain);
				const gone = world.docs.filter((d) => wanted.every((w) => d.assocs.some((a) => same(a, w))));
				world.docs = world.docs.filter((d) => !gone.includes(d));
				return gone.map((d) => d.data);
			},
		};
		const messageBuilder = () => {
			const message: { room?: FakeRoom; text?: string; blocks?: Array<{ blockId?: string }> } = {};
			const builder = {
				setRoom: (room: FakeRoom) => ((message.room = room), builder),
				setText: (text: string) => ((message.text = text), builder),
				setBlocks: (blocks: Array<{ blockId?: string }>) => ((message.blocks = blocks), builder),
				setParseUrls: () => builder,
				setGroupable: () => builder,
				setSender: () => builder,
				setThreadId: () => builder,
				setEditor: () => builder,
				getMessage: () => message,
				message,
			};
			return builder;
		};
		const read = {
			getPersistenceReader: () => persistence,
			getRoomReader: () => ({
				getById: async (id: string) => world.rooms.get(id),
				getMessages: async (roomId: string, options: { limit?: number; skip?: number; sort?: { createdAt?: string } }) => {
					const all = world.messages.filter((m) => m.roomId === roomId).sort((a, b) => +a.createdAt - +b.createdAt);
					if (options.sort?.createdAt === 'desc') all.reverse();
					const skip = options.skip ?? 0;
					return all
						.slice(skip, skip + Math.min(options.limit ?? 100, 100))
						.map((m) => ({ ...m, blocks: m.blocks.map((b) => ({ ...b })) }));
				},
				getOwners: async () => [],
				getByName: async (name: string) => [...world.rooms.values()].find((room) => room.slugifiedName === name),
			}),
			getUserReader: () => ({
				getAppUser: async () => world.bot,
				getById: async () => undefined,
				getByUsername: async () => undefined,
			}),
			getEnvironmentReader: () => ({
				getServerSettings: () => ({ getValueById: async () => world.messageMaxSize }),
				// The app's own settings: unset unless a test sets them.
				getSettings: () => ({ getValueById: async (id: string) => world.appSettings[id] }),
			}),
		};
		const modify = {
			getCreator: () => ({
				startMessage: () => messageBuilder(),
				finish: async (builder: ReturnType<typeof messageBuilder>) => {
					const { room, text = '', blocks = [] } = builder.message;
					if (!room) throw new Error('no room');
					world.beforePost?.(room, text);
					const stored = world.store(room.id, text, blocks);
					world.afterPost?.(stored);
					return stored.id;
				},
				getEmailCreator: () => ({
					send: async (email: object) => {
						world.beforeEmail?.();
						world.emails.push(email);
					},
				}),
			}),
			getUpdater: () => ({
				message: async (id: string) => ({ ...messageBuilder(), id }),
				finish: async (builder: ReturnType<typeof messageBuilder> & { id: string }) => {
					const stored = world.messages.find((m) => m.id === builder.id);
					if (!stored) throw new Error(`no message ${builder.id}`);
					Object.assign(stored, { text: builder.message.text, blocks: builder.message.blocks, editedAt: new Date() });
				},
			}),
			getScheduler: () => ({
				scheduleOnce: async (job: { id: string; when: unknown }) => {
					world.onceJobs.push(job);
					return 'job';
				},
				cancelJob: async (id: string) => void world.cancelledJobs.push(id),
			}),
		};
		const log =
			(level: string) =>
			(...args: unknown[]) =>
				void world.logs.push({ level, args });
		const logger = {
			debug: log('debug'),
			info: log('info'),
			warn: log('warn'),
			error: log('error'),
			log: log('log'),
			success: log('success'),
		};
		// One app process per world, as the engine has: every deps() of it shares the queues and what it remembered.
		world.runtime ??= new AppRuntime('app', logger as unknown as ILogger);
		return world.runtime.deps({ read, modify, persis: writer, http: {} } as unknown as Accessors);
	}
}
