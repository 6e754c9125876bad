// One server instance of a multi-instance workspace, in its own Node process (cluster/Cluster.ts forks it): its
// own AppManager (a process singleton) and Deno runtime, so the app's module-level caches and queues exist once per
// instance, as on an HA server. Everything the server keeps in MongoDB lives in the state process: the bridges that
// read or write it are forwarded there, one IPC round trip per operation; only registrations that are per
// instance on a server too (slash commands, endpoints, the scheduler's processors) stay here.
import { PersistenceBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/PersistenceBridge';
import type { RocketChatAssociationRecord } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/metadata';
import { WorkspaceBridges } from '../bridges';
import { DEFAULT_SERVER_SETTINGS } from '../bridges/environment';
import { errorMessage } from '../bridges/scheduler';
import { SlashCommandContext } from '../engine';
import { captureEngineErrors } from '../quiet';
import type { WorldState } from '../state';
import { Workspace } from '../Workspace';
import type { WorkspaceOptions } from '../Workspace';
import { Channel } from './channel';
import { ClusterSchedulerBridge } from './scheduler';

/** Bridge methods that read or write server state: they run in the state process. */
export const FORWARDED: Record<string, string[]> = {
	messages: ['create', 'update', 'notifyUser', 'notifyRoom', 'getById', 'delete', 'addReaction', 'removeReaction'],
	threads: ['getById'],
	rooms: [
		'create',
		'getById',
		'getByName',
		'getCreatorById',
		'getCreatorByName',
		'getDirectByUsernames',
		'getMembers',
		'getAllRooms',
		'update',
		'delete',
		'getModerators',
		'getOwners',
		'getLeaders',
		'getMessages',
		'removeUsers',
	],
	users: [
		'getById',
		'getByUsername',
		'getAppUser',
		'getActiveUserCount',
		'getUserRoomIds',
		'create',
		'remove',
		'update',
		'deleteUsersCreatedByApp',
		'deactivate',
	],
	email: ['sendEmail'],
	ui: ['notifyUser'],
	upload: ['getById', 'getBuffer', 'createUpload'],
	internal: ['getUsernamesOfRoomById', 'getWorkspacePublicKey'],
	// The workspace's key pair signs installed app records: one per workspace (a server setting), not per instance.
	federation: ['getPrivateKey', 'getPublicKey'],
	serverSettings: ['getAll', 'getOneById', 'hideGroup', 'hideSetting', 'isReadableById', 'updateOne', 'incrementValue'],
	httpBridge: ['call'],
};

export interface InstanceInit {
	index: number;
	options: Omit<WorkspaceOptions, 'makeBridges' | 'preload' | 'zip'>;
	/** Install this package (the first instance of a new cluster) … */
	install?: { zip: Buffer };
	/** … or load the app already installed in the shared database. */
	preload?: WorkspaceOptions['preload'];
}

/** Faults of this instance, set by the state process. */
interface InstanceFaults {
	/** real ms to wait before each persistence operation: widens the windows between an instance's operations */
	persistenceDelayMs: number;
}

type Assoc = { model: string; id: string };
const plain = (associations: RocketChatAssociationRecord[]): Assoc[] =>
	associations.map((a: any) => ({ model: a.model ?? a.getModel?.(), id: a.id ?? a.getID?.() }));

/**
 * The server's persistence bridge (apps/meteor/app/apps/server/bridges/persistence.ts) call by call: each MongoDB
 * operation is one round trip, so `remove`/`removeByAssociations` are a find and then a delete, with the window
 * between them that the server has too.
 */
class RemotePersistenceBridge extends PersistenceBridge {
	constructor(private readonly db: <T>(op: string, ...args: unknown[]) => Promise<T>) {
		super();
	}

	protected async purge(appId: string): Promise<void> {
		await this.db('purge', appId);
	}

	protected async create(data: object, appId: string): Promise<string> {
		return this.db('insert', appId, data, []);
	}

	protected async createWithAssociations(data: object, associations: RocketChatAssociationRecord[], appId: string): Promise<string> {
		return this.db('insert', appId, data, plain(associations));
	}

	protected async readById(id: string, appId: string): Promise<object> {
		return this.db('findById', appId, id);
	}

	protected async readByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[]> {
		return this.db('find', appId, plain(associations));
	}

	protected async remove(id: string, appId: string): Promise<object | undefined> {
		const found = await this.db<object | undefined>('findById', appId, id);
		if (found === undefined) return undefined;
		await this.db('deleteById', appId, id);
		return found;
	}

	protected async removeByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[] | undefined> {
		const found = await this.db<object[]>('find', appId, plain(associations));
		if (!found.length) return undefined;
		await this.db('deleteMany', appId, plain(associations));
		return found;
	}

	protected async update(): Promise<string> {
		throw new Error('Not implemented.');
	}

	protected async updateByAssociations(
		associations: RocketChatAssociationRecord[],
		data: object,
		upsert: boolean,
		appId: string,
	): Promise<string> {
		return this.db('updateOne', appId, plain(associations), data, upsert);
	}
}

async function main(): Promise<void> {
	const faults: InstanceFaults = { persistenceDelayMs: 0 };
	let ws: Workspace | undefined;
	let scheduler: ClusterSchedulerBridge | undefined;
	let label = 'instance';

	const channel: Channel = new Channel(process, async (op, arg) => {
		switch (op) {
			case 'init':
				return init(arg as InstanceInit);
			case 'faults':
				Object.assign(faults, arg);
				return undefined;
			case 'command':
				return exec(() =>
					ws!.manager
						.getCommandManager()
						.executeCommand(arg.name, new SlashCommandContext(arg.sender, arg.room, arg.params, arg.threadId, arg.triggerId)),
				);
			case 'listener':
				return exec(() => ws!.manager.getListenerManager().executeListener('IUIKitInteractionHandler' as any, arg));
			case 'endpoint':
				return ws!.endpoint(arg.method, arg.path, arg.headers, arg.body);
			case 'setting':
				await ws!.setSetting(arg.id, arg.value);
				// The app as now stored (its settings included): what a later-starting instance loads.
				return ws!.metadataStorage.items.get(ws!.appId);
			case 'scan':
				return scheduler!.scan();
			case 'settle':
				return scheduler!.settle();
			case 'jobNames':
				return scheduler!.names;
			case 'stop':
				await ws?.stop();
				setImmediate(() => process.exit(0));
				return undefined;
			default:
				throw new Error(`instance: unknown request "${op}"`);
		}
	});

	const ask = <T>(op: string, arg: unknown): Promise<T> => channel.request<T>(op, arg);
	const recordError = (text: string): void => void ask('record', { kind: 'error', text: `${label}: ${text}` }).catch(() => undefined);

	async function exec(fn: () => Promise<unknown>): Promise<unknown> {
		const { result, swallowed } = await captureEngineErrors(fn);
		if (swallowed.length) throw new Error(swallowed.join('; '));
		return result;
	}

	async function init(init: InstanceInit): Promise<{ appId: string; item: unknown }> {
		label = `instance ${init.index}`;
		const db = async <T>(op: string, ...args: unknown[]): Promise<T> => {
			if (faults.persistenceDelayMs > 0) await new Promise((r) => setTimeout(r, faults.persistenceDelayMs));
			return ask<T>('db', { op, args });
		};
		const makeBridges = (world: WorldState): WorkspaceBridges => {
			const bridges = new WorkspaceBridges(world, { env: init.options.env, serverSettings: { ...DEFAULT_SERVER_SETTINGS } });
			for (const [name, methods] of Object.entries(FORWARDED)) {
				const bridge = (bridges as any)[name];
				for (const method of methods) bridge[method] = (...args: unknown[]) => ask('bridge', { bridge: name, method, args });
			}
			scheduler = new ClusterSchedulerBridge((op, ...args) => ask('agenda', { op, args }), label, recordError);
			Object.assign(bridges, { persistence: new RemotePersistenceBridge(db), scheduler });
			return bridges;
		};
		ws = await Workspace.start({
			...init.options,
			makeBridges,
			preload: init.preload,
			...(init.install ? { zip: init.install.zip } : {}),
		});
		const item = ws.metadataStorage.items.get(ws.appId);
		return { appId: ws.appId, item };
	}

	process.on('unhandledRejection', (e) => recordError(`unhandled rejection: ${errorMessage(e)}`));
	process.on('disconnect', () => {
		// The state process is gone: nothing to serve any more.
		void (ws?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
	});
	await ask('ready', undefined);
}

void main();
