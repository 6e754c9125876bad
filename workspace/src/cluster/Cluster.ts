// A multi-instance (HA) workspace: N server instances, each a separate Node process (cluster/instance.ts) with its
// own AppManager and Deno runtime, over ONE shared state held here — the "database": users, rooms, subscriptions,
// messages, the app's persistence records, app and server settings, the mail outbox, HTTP fixtures, the clock and
// the scheduler collection. Instances reach it over IPC, one round trip per MongoDB-like operation. Handlers
// (commands, clicks, submits, endpoints) run on the instance a caller picks; jobs on whichever instance's Agenda
// locks them (cluster/agenda.ts, cluster/scheduler.ts). See docs/multi-instance.md section 4.
import { fork } from 'child_process';
import type { ChildProcess } from 'child_process';
import { readFileSync, renameSync } from 'fs';
import * as path from 'path';

import { WorkspaceBridges } from '../bridges';
import { DEFAULT_SERVER_SETTINGS } from '../bridges/environment';
import type { HttpFixtures } from '../bridges/http';
import { errorMessage } from '../bridges/scheduler';
import { prepareDenoEnvironment } from '../deno';
import type { IAppStorageItem, IMessage, IRoom, IUser } from '../engine';
import { blockActionInteraction, Workspace, WorkspaceError } from '../Workspace';
import type { WorkspaceEvent, WorkspaceOptions } from '../Workspace';
import { Clock, DEFAULT_ROOMS, DEFAULT_USERS, WorldState } from '../state';
import type { ModalState } from '../state';
import { appBotUser, appRecords, commandTarget, openModal, viewClosedInteraction, viewSubmitInteraction, type AppRecord } from '../views';
import { clone } from '../clone';
import { AgendaCollection } from './agenda';
import { Channel } from './channel';
import type { InstanceInit } from './instance';
import { mulberry32 } from '../random';

export interface ClusterOptions extends Omit<WorkspaceOptions, 'makeBridges' | 'preload'> {
	/** How many instances (default 2). */
	instances?: number;
	/** Seed of the order in which instances scan for jobs at each tick (default 1). */
	seed?: number;
}

/** Which instance handles a call: 1-based, or 'random' (a live one, drawn from the seeded PRNG); default 1. */
export interface On {
	on?: number | 'random';
}

/** Side effects an instance can be killed after (the "dies mid-delivery" fault). */
const EFFECTS = new Set(['messages.create', 'messages.update', 'email.sendEmail']);

interface Instance {
	index: number;
	child: ChildProcess;
	channel: Channel;
	alive: boolean;
	effects: number;
	dieAfterEffects?: number;
	exited: Promise<void>;
}

let bundle: Promise<string> | undefined;
/** The instance program, bundled once per process with the CLI's esbuild setup (~0.1 s). */
function instanceBundle(): Promise<string> {
	// A computed path: esbuild (bundling the CLI) leaves this require to run time.
	const lib = path.join(__dirname, '..', '..', '..', 'scripts', 'lib', 'build-cli.js');
	const { buildCli, DEFAULT_OUTFILE } = require(lib);
	// Built under a name of this process, then renamed (atomic): parallel test workers never fork a half-written file.
	const outfile = path.join(path.dirname(DEFAULT_OUTFILE), 'instance.cjs');
	bundle ??= (
		buildCli({
			entry: path.join(__dirname, 'instance.ts'),
			outfile: outfile.replace(/\.cjs$/, `-${process.pid}.cjs`),
		}) as Promise<string>
	).then((built) => {
		const final = built.replace(`-${process.pid}`, '');
		renameSync(built, final);
		return final;
	});
	return bundle;
}

export class Cluster {
	readonly world: WorldState;
	/** The server side of every bridge, over the shared world: what instances' forwarded calls run against. */
	readonly bridges: WorkspaceBridges;
	readonly agenda: AgendaCollection;
	private readonly instancesList: Instance[] = [];
	private appIdValue?: string;
	/** The app as stored in the shared database: what a (re)starting instance loads. */
	private stored?: { item: IAppStorageItem; zip: Buffer };
	/** Persistence operations the instances sent, by kind (insert, find, findById, deleteMany, updateOne, …). */
	readonly dbOperations: Record<string, number> = {};
	/** Fault: the next N persistence upserts that find nothing insert two records (two racing upserts). */
	upsertInsertsTwice = 0;
	private random: () => number;
	private stopped = false;

	private constructor(private readonly options: ClusterOptions) {
		const now = options.now === undefined ? Date.now() : +options.now;
		this.world = new WorldState(new Clock(now), { ...DEFAULT_USERS, ...options.users }, { ...DEFAULT_ROOMS, ...options.rooms });
		if (options.triggerTimeoutMs !== undefined) this.world.triggerTimeoutMs = options.triggerTimeoutMs;
		this.bridges = new WorkspaceBridges(this.world, {
			env: options.env,
			serverSettings: { ...DEFAULT_SERVER_SETTINGS, ...options.serverSettings },
		});
		this.agenda = new AgendaCollection(this.world.clock);
		this.random = mulberry32(options.seed ?? 1);
	}

	/** Starts N instances; the first installs the app (when `zip` is given), the others load it as a server instance starting up does. */
	static async start(options: ClusterOptions = {}): Promise<Cluster> {
		prepareDenoEnvironment();
		const cluster = new Cluster(options);
		const n = options.instances ?? 2;
		if (n < 1) throw new WorkspaceError('A cluster needs at least one instance');
		try {
			const zip = options.zip === undefined ? undefined : typeof options.zip === 'string' ? readFileSync(options.zip) : options.zip;
			// The first installs; the others then start together, as instances booting against one database.
			await cluster.spawn(1, zip ? { zip } : undefined);
			await Promise.all(Array.from({ length: n - 1 }, (_, i) => cluster.spawn(i + 2)));
		} catch (e) {
			await cluster.stop();
			throw e;
		}
		return cluster;
	}

	get size(): number {
		return this.instancesList.length;
	}

	get appId(): string {
		if (!this.appIdValue) throw new WorkspaceError('No app installed in this cluster');
		return this.appIdValue;
	}

	get http(): HttpFixtures {
		return this.bridges.http;
	}

	get outbox() {
		return this.bridges.email.outbox;
	}

	get events(): WorkspaceEvent[] {
		return this.world.events;
	}

	get errors(): WorkspaceEvent[] {
		return this.world.events.filter((e) => e.kind === 'error');
	}

	get now(): Date {
		return this.world.clock.date();
	}

	isAlive(index: number): boolean {
		return !!this.instancesList[index - 1]?.alive;
	}

	seen(user: string, since = 0): WorkspaceEvent[] {
		return this.world.seen(user).filter((e) => e.seq > since);
	}

	mark(): number {
		return this.world.events.length ? this.world.events[this.world.events.length - 1].seq : 0;
	}

	user(username: string): IUser {
		return this.world.requireUser(username);
	}

	botUser(): IUser {
		return appBotUser(this.world, this.appId);
	}

	modal(user: string): (ModalState & { text: string }) | undefined {
		return openModal(this.world, user);
	}

	records(): AppRecord[] {
		return appRecords(this.bridges.persistence.records, this.appId);
	}

	/** Every stored message (edits are in place), for ledger counts such as messages per marker blockId. */
	messages(): IMessage[] {
		return [...this.world.messages.values()];
	}

	// ---- handlers, on a chosen instance ----------------------------------------------------------------------

	async command(user: string, room: string, text: string, options: On & { threadId?: string } = {}): Promise<void> {
		const { name, sender, room: roomObj, params } = commandTarget(this.world, () => this.botUser(), user, room, text);
		const arg = {
			name,
			sender,
			room: this.world.roomView(roomObj),
			params,
			threadId: options.threadId,
			triggerId: this.world.issueTrigger(sender.username),
		};
		await this.act(options.on, user, roomObj, `/${name}`, 'command', arg);
	}

	async click(user: string, actionId: string, value?: string, options: On = {}): Promise<any> {
		const u = this.user(user);
		const target = this.facade().findAction(u.username, actionId);
		if (!target) throw this.fail(user, undefined, `${user} saw nothing with action "${actionId}"`);
		const roomObj = target.room ? this.world.roomByName(target.room) : undefined;
		const result = await this.act(
			options.on,
			user,
			roomObj,
			`click on ${actionId}`,
			'listener',
			blockActionInteraction(this.world, target, u, roomObj, actionId, value, this.appId),
		);
		this.facade().applyResponse(u.username, result, { closeOnSuccess: false, room: target.room });
		return result;
	}

	async submitView(user: string, values: Record<string, unknown> = {}, options: On = {}): Promise<any> {
		const u = this.user(user);
		const modal = this.world.modals.get(u.username);
		if (!modal) throw this.fail(user, undefined, `${user} has no open modal to submit`);
		const state = this.facade().viewState(modal.view, values);
		const roomObj = modal.room ? this.world.roomByName(modal.room) : undefined;
		const submit = viewSubmitInteraction(this.world, modal, u, roomObj, state, this.appId);
		const result = await this.act(options.on, user, roomObj, `submit of modal ${modal.viewId}`, 'listener', submit);
		this.facade().applyResponse(u.username, result, { closeOnSuccess: true, room: modal.room });
		return result;
	}

	async closeView(user: string, options: On = {}): Promise<any> {
		const u = this.user(user);
		const modal = this.world.modals.get(u.username);
		if (!modal) throw this.fail(user, undefined, `${user} has no open modal to close`);
		const close = viewClosedInteraction(modal, u, this.appId);
		const result = await this.act(options.on, user, undefined, `close of modal ${modal.viewId}`, 'listener', close);
		this.facade().applyResponse(u.username, undefined, { closeOnSuccess: true });
		return result;
	}

	/** An app endpoint, answered by the chosen instance (as a load balancer would route the request). */
	async endpoint(
		method: string,
		pathAndQuery: string,
		headers: Record<string, string> = {},
		body?: unknown,
		options: On = {},
	): Promise<{ status: number; headers?: Record<string, string>; content?: any }> {
		return this.act(options.on, undefined, undefined, `${method.toUpperCase()} ${pathAndQuery}`, 'endpoint', {
			method,
			path: pathAndQuery,
			headers,
			body,
		});
	}

	/**
	 * An app setting changed by an admin on instance `on`: that instance saves it and runs the app's hooks; the
	 * server then broadcasts it, and every other instance's `AppServerListener.onAppSettingUpdated` calls
	 * `updateAppSetting` too, which runs the app's hooks there as well
	 * (apps/meteor/ee/server/apps/communication/websockets.ts).
	 */
	async setSetting(id: string, value: unknown, options: On = {}): Promise<void> {
		const first = this.pick(options.on);
		for (const inst of [first, ...this.instancesList.filter((i) => i.alive && i !== first)]) {
			const item = await this.act<IAppStorageItem | undefined>(inst.index, 'admin', undefined, `setting ${id}`, 'setting', {
				id,
				value,
			});
			// The first instance's save is the database's: an instance (re)started later loads the new value.
			if (inst === first && item && this.stored) this.stored.item = clone(item);
		}
	}

	setServerSetting(id: string, value: unknown): void {
		this.bridges.serverSettings.set(id, value);
	}

	/** Makes a room read-only or not, as a room owner would. */
	setReadOnly(room: string, readOnly: boolean): void {
		const stored = this.world.requireRoom(room);
		stored.isReadOnly = readOnly;
		stored.updatedAt = this.world.clock.date();
	}

	/** The app's settings as stored in the shared database (id → setting). */
	appSettings(): Record<string, any> {
		return (this.stored?.item.settings ?? {}) as Record<string, any>;
	}

	/**
	 * The single-instance facade's shape, with every handler sent to instance `view.on` (the CLI's `^N`): what
	 * cli/session.ts drives. Only the members the session uses.
	 */
	view(): ClusterView {
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const cluster = this;
		// A line's output includes the jobs it set off on the fly (a job saved due now runs at once).
		const settled = async <T>(p: Promise<T>): Promise<T> => {
			try {
				return await p;
			} finally {
				await cluster.settle();
			}
		};
		const view: ClusterView = {
			on: 1,
			cluster,
			get world() {
				return cluster.world;
			},
			get events() {
				return cluster.events;
			},
			get now() {
				return cluster.now;
			},
			get http() {
				return cluster.http;
			},
			get appId() {
				return cluster.appId;
			},
			bridges: cluster.bridges,
			app: { getName: () => String(cluster.stored?.item.info.name), getVersion: () => String(cluster.stored?.item.info.version) },
			manager: { getSettingsManager: () => ({ getAppSettings: () => cluster.appSettings() }) },
			mark: () => cluster.mark(),
			modal: (user: string) => cluster.modal(user),
			room: (name: string) => cluster.world.requireRoom(name),
			command: (user: string, room: string, text: string) => settled(cluster.command(user, room, text, { on: view.on })),
			submitView: (user: string, values?: Record<string, unknown>) => settled(cluster.submitView(user, values, { on: view.on })),
			click: (user: string, actionId: string, value?: string) => settled(cluster.click(user, actionId, value, { on: view.on })),
			closeView: (user: string) => settled(cluster.closeView(user, { on: view.on })),
			endpoint: (method: string, p: string, headers?: Record<string, string>, body?: unknown) =>
				settled(cluster.endpoint(method, p, headers, body, { on: view.on })),
			setSetting: (id: string, value: unknown) => settled(cluster.setSetting(id, value, { on: view.on })),
			advance: (ms: number) => cluster.advance(ms),
			setServerSetting: (id: string, value: unknown) => cluster.setServerSetting(id, value),
			serverSettingIds: () => [...cluster.bridges.serverSettings.settings.keys()],
			setReadOnly: (room: string, on: boolean) => cluster.setReadOnly(room, on),
			stop: () => cluster.stop(),
		};
		return view;
	}

	// ---- the scheduler ---------------------------------------------------------------------------------------

	/**
	 * Moves the clock by `ms`: at each time a job falls due (or a dead instance's lock expires), every live
	 * instance scans, in a seeded order, and runs what its Agenda locked; jobs saved due now have already run on
	 * the fly on the instance that saved them. `scanners`: only these instances scan during this advance (as if the
	 * others' 5-s scan timers fired later), to pin a job to an instance in a test.
	 */
	async advance(ms: number, options: { scanners?: number[] } = {}): Promise<void> {
		const until = this.world.clock.now() + ms;
		await this.settle();
		let floor = -Infinity;
		for (let guard = 0; guard < 10_000; guard++) {
			const live = this.live().filter((i) => !options.scanners || options.scanners.includes(i.index));
			const names = new Set((await Promise.all(live.map((i) => i.channel.request<string[]>('jobNames').catch(() => [])))).flat());
			const due = this.agenda.nextDue(names, floor);
			if (due === undefined || due > until) break;
			this.world.clock.set(due);
			const ran = (await Promise.all(this.shuffle(live).map((i) => i.channel.request<number>('scan').catch(() => 0)))).reduce(
				(a, b) => a + b,
				0,
			);
			await this.settle();
			if (!ran) floor = due;
		}
		this.world.clock.set(until);
	}

	/** Until every job run started on any live instance has finished. */
	async settle(): Promise<void> {
		await Promise.all(this.live().map((i) => i.channel.request('settle').catch(() => undefined)));
	}

	// ---- faults and restarts ---------------------------------------------------------------------------------

	/** Real milliseconds instance `index` waits before each persistence operation (forces interleavings). */
	async delayPersistence(index: number, ms: number): Promise<void> {
		await this.instance(index).channel.request('faults', { persistenceDelayMs: ms });
	}

	/** Kills instance `index` right after its next `n`-th side effect (a post, an edit, an e-mail) went through. */
	dieAfterEffects(index: number, n: number): void {
		const inst = this.instance(index);
		inst.dieAfterEffects = inst.effects + n;
	}

	/** kill -9: the process and its Deno child die at once; locks its Agenda held stay until they expire (10 min). */
	async kill(index: number): Promise<void> {
		const inst = this.instance(index);
		if (!inst.alive) return;
		inst.alive = false;
		inst.channel.close(new WorkspaceError(`instance ${index} was killed`));
		try {
			process.kill(-(inst.child.pid as number), 'SIGKILL');
		} catch {
			/* already gone */
		}
		await inst.exited;
	}

	/** Starts a killed instance again: a fresh process that loads the app from the shared database. */
	async restart(index: number): Promise<void> {
		const inst = this.instance(index);
		if (inst.alive) await this.kill(index);
		await this.spawn(index);
	}

	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await Promise.all(
			this.instancesList.map(async (inst) => {
				if (!inst.alive) return;
				let timer: NodeJS.Timeout | undefined;
				// A graceful stop (the engine unloads, Deno exits), but never wait long for it.
				await Promise.race([
					inst.channel.request('stop').catch(() => undefined),
					new Promise((r) => (timer = setTimeout(r, 5000))),
				]);
				clearTimeout(timer);
				await this.kill(inst.index);
			}),
		);
	}

	// ----------------------------------------------------------------------------------------------------------

	private instance(index: number): Instance {
		const inst = this.instancesList[index - 1];
		if (!inst) throw new WorkspaceError(`No instance ^${index} (instances: 1–${this.instancesList.length})`);
		return inst;
	}

	private pick(on: number | 'random' | undefined): Instance {
		if (on === 'random') {
			const live = this.live();
			if (!live.length) throw new WorkspaceError('No instance is running');
			return live[Math.floor(this.random() * live.length)];
		}
		const inst = this.instance(on ?? 1);
		if (!inst.alive) throw new WorkspaceError(`Instance ^${inst.index} is not running (restart it first)`);
		return inst;
	}

	private live(): Instance[] {
		return this.instancesList.filter((i) => i.alive);
	}

	private shuffle<T>(items: T[]): T[] {
		const out = [...items];
		for (let i = out.length - 1; i > 0; i--) {
			const j = Math.floor(this.random() * (i + 1));
			[out[i], out[j]] = [out[j], out[i]];
		}
		return out;
	}

	private async spawn(index: number, install?: { zip: Buffer }): Promise<void> {
		const file = await instanceBundle();
		// Its own process group, so a kill takes the instance's Deno child with it.
		const child = fork(file, [], {
			serialization: 'advanced',
			detached: true,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			env: { ...process.env },
		});
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		let ready!: () => void;
		const isReady = new Promise<void>((resolve) => (ready = resolve));
		const inst: Instance = { index, child, alive: true, effects: 0, exited, channel: undefined as unknown as Channel };
		inst.channel = new Channel(child, (op, arg) => this.serve(inst, op, arg, ready));
		child.once('exit', () => {
			if (inst.alive && !this.stopped) this.world.record({ kind: 'error', text: `instance ${index} exited` });
			inst.alive = false;
			inst.channel.close(new WorkspaceError(`instance ${index} is gone`));
		});
		this.instancesList[index - 1] = inst;
		await Promise.race([isReady, exited.then(() => Promise.reject(new WorkspaceError(`instance ${index} exited while starting`)))]);
		const { env, users, rooms, installer, permissions, appSettings, triggerTimeoutMs } = this.options;
		const init: InstanceInit = {
			index,
			// Users and rooms for the instance's own facade; everything it reads or writes goes to the shared state.
			options: {
				env,
				users,
				rooms,
				now: this.world.clock.now(),
				installer,
				permissions,
				appSettings: install ? appSettings : undefined,
				triggerTimeoutMs,
			},
			install,
			preload: install ? undefined : this.stored && { item: clone(this.stored.item), zip: this.stored.zip },
		};
		const { appId, item } = await inst.channel.request<{ appId: string; item: IAppStorageItem }>('init', init);
		this.appIdValue = appId;
		if (install) this.stored = { item, zip: install.zip };
	}

	/** Requests from an instance: its bridges' calls into the shared state. */
	private async serve(inst: Instance, op: string, arg: any, ready: () => void): Promise<unknown> {
		switch (op) {
			case 'ready':
				ready();
				return undefined;
			case 'record':
				this.world.record(arg);
				return undefined;
			case 'db':
				return this.db(arg.op, arg.args);
			case 'agenda':
				return (this.agenda as any)[arg.op](...arg.args);
			case 'bridge': {
				const key = `${arg.bridge}.${arg.method}`;
				if (key === 'users.create') {
					// Every instance that loads the app asks for its bot user; the server keeps one per app.
					const existing = [...this.world.users.values()].find((u) => u.appId && u.appId === (arg.args[0]?.appId ?? arg.args[1]));
					if (existing) return existing.id;
				}
				const result = await (this.bridges as any)[arg.bridge][arg.method](...arg.args);
				if (EFFECTS.has(key)) {
					inst.effects++;
					if (inst.dieAfterEffects !== undefined && inst.effects >= inst.dieAfterEffects) {
						inst.dieAfterEffects = undefined;
						this.world.record({ kind: 'error', text: `instance ${inst.index} killed after its side effect ${key} (fault)` });
						await this.kill(inst.index);
					}
				}
				return result;
			}
			default:
				throw new Error(`state process: unknown request "${op}"`);
		}
	}

	/**
	 * The `apps_persistence` collection, one MongoDB operation per call (packages/models/src/models/AppsPersistence.ts,
	 * apps/meteor/app/apps/server/bridges/persistence.ts): reads match with `$all`, updateOne matches the exact
	 * association array, an upsert without a unique index.
	 */
	private db(op: string, args: any[]): unknown {
		this.dbOperations[op] = (this.dbOperations[op] ?? 0) + 1;
		const records = this.bridges.persistence.records;
		const key = (a: { model: string; id: string }) => `${a.model}:${a.id}`;
		const all = (appId: string, assocs: Array<{ model: string; id: string }>) => {
			const wanted = assocs.map(key);
			return records.filter((r) => r.appId === appId && wanted.every((w) => r.associations.some((a) => key(a) === w)));
		};
		const insert = (appId: string, data: object, associations: Array<{ model: string; id: string }>) => {
			const id = this.world.newId('rec');
			records.push({ id, appId, data: clone(data), associations: clone(associations) });
			return id;
		};
		switch (op) {
			case 'purge': {
				for (let i = records.length - 1; i >= 0; i--) if (records[i].appId === args[0]) records.splice(i, 1);
				return undefined;
			}
			case 'insert':
				return insert(args[0], args[1], args[2]);
			case 'findById':
				return clone(records.find((r) => r.appId === args[0] && r.id === args[1])?.data);
			case 'find':
				return all(args[0], args[1]).map((r) => clone(r.data));
			case 'deleteById': {
				const i = records.findIndex((r) => r.appId === args[0] && r.id === args[1]);
				if (i !== -1) records.splice(i, 1);
				return undefined;
			}
			case 'deleteMany': {
				for (const r of all(args[0], args[1])) records.splice(records.indexOf(r), 1);
				return undefined;
			}
			case 'updateOne': {
				const [appId, assocs, data, upsert] = args as [string, Array<{ model: string; id: string }>, object, boolean];
				const wanted = JSON.stringify(assocs.map(key));
				const record = records.find((r) => r.appId === appId && JSON.stringify(r.associations.map(key)) === wanted);
				if (record) {
					record.data = clone(data);
					return record.id;
				}
				if (!upsert) throw new Error('PersistenceBridge.updateByAssociations: no matching record');
				if (this.upsertInsertsTwice > 0) {
					this.upsertInsertsTwice--;
					insert(appId, data, assocs);
				}
				return insert(appId, data, assocs);
			}
			default:
				throw new Error(`state process: unknown persistence operation "${op}"`);
		}
	}

	private async act<T>(
		on: number | 'random' | undefined,
		user: string | undefined,
		room: IRoom | undefined,
		what: string,
		op: string,
		arg: unknown,
	): Promise<T> {
		const inst = this.pick(on);
		const username = user === undefined ? undefined : this.user(user).username;
		this.world.context = { user: username, room: room?.slugifiedName };
		try {
			return await inst.channel.request<T>(op, arg);
		} catch (e) {
			throw this.fail(user, room, `${what} failed on instance ${inst.index}: ${errorMessage(e)}`, e);
		} finally {
			this.world.context = {};
		}
	}

	private fail(user: string | undefined, room: IRoom | undefined, message: string, cause?: unknown): WorkspaceError {
		this.world.record({ kind: 'error', user: user && this.world.userByName(user)?.username, room: room?.slugifiedName, text: message });
		return new WorkspaceError(message, cause);
	}

	/** The single-instance facade's client-side helpers (action lookup, view state, responses), over the shared world. */
	private facade(): {
		findAction(username: string, actionId: string): any;
		viewState(view: any, values: Record<string, unknown>): any;
		applyResponse(username: string, result: any, options: { closeOnSuccess: boolean; room?: string }): void;
	} {
		const proto = Workspace.prototype as any;
		const self = { world: this.world, bridges: this.bridges };
		return {
			findAction: (u, a) => proto.findAction.call(self, u, a),
			viewState: (v, values) => proto.viewState.call(self, v, values),
			applyResponse: (u, r, o) => proto.applyResponse.call(self, u, r, o),
		};
	}
}

/** What cli/session.ts needs of a workspace, for a cluster; `on` is the instance the next line runs on. */
export interface ClusterView {
	on: number;
	readonly cluster: Cluster;
	readonly world: WorldState;
	readonly events: WorkspaceEvent[];
	readonly now: Date;
	readonly http: HttpFixtures;
	readonly appId: string;
	readonly bridges: WorkspaceBridges;
	readonly app: { getName(): string; getVersion(): string };
	readonly manager: { getSettingsManager(): { getAppSettings(appId: string): Record<string, any> } };
	mark(): number;
	modal(user: string): (ModalState & { text: string }) | undefined;
	room(name: string): IRoom;
	command(user: string, room: string, text: string): Promise<void>;
	submitView(user: string, values?: Record<string, unknown>): Promise<any>;
	click(user: string, actionId: string, value?: string): Promise<any>;
	closeView(user: string): Promise<any>;
	endpoint(
		method: string,
		path: string,
		headers?: Record<string, string>,
		body?: unknown,
	): Promise<{ status: number; headers?: Record<string, string>; content?: any }>;
	setSetting(id: string, value: unknown): Promise<void>;
	advance(ms: number): Promise<void>;
	setServerSetting(id: string, value: unknown): void;
	serverSettingIds(): string[];
	setReadOnly(room: string, on: boolean): void;
	stop(): Promise<void>;
}
