// The facade tests and the CLI share: one real Apps-Engine 1.62 AppManager (Deno runtime) running one app
// package against in-memory bridges, driven the way users and the server would drive it.
import type { ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { WorkspaceBridges } from './bridges';
import type { OutboxEntry } from './bridges/email';
import { DEFAULT_SERVER_SETTINGS } from './bridges/environment';
import type { HttpFixtures } from './bridges/http';
import type { JobRun } from './bridges/scheduler';
import { errorMessage } from './bridges/scheduler';
import { applyInteraction, ignoreInteraction } from './bridges/ui';
import { prepareDenoEnvironment } from './deno';
import { captureEngineErrors } from './quiet';
import { AppManager, AppStatus, AppStatusUtils, RoomType, SlashCommandContext } from './engine';
import type { IAppStorageItem, ILoggerStorageEntry, IPermission, IRoom, ISlashCommandPreview, IUser, ProxiedApp } from './engine';
import { WorkspaceError } from './errors';
import {
	appBotUser,
	appRecords,
	commandTarget,
	openModal,
	parseParameters,
	viewClosedInteraction,
	viewSubmitInteraction,
	type AppRecord,
} from './views';
import { parseServerBody, parseServerQuery, serverError } from './serverRequest';
import { Clock, DEFAULT_ROOMS, DEFAULT_USERS, WorldState } from './state';
import type { ModalState, RoomSpec, UserSpec, WorkspaceEvent } from './state';
import { MemoryLogStorage, MemoryMetadataStorage, MemorySourceStorage } from './storage';

export type { WorkspaceEvent, UserSpec, RoomSpec } from './state';
export type { HttpFixture, HttpFixtureResponse, HttpCall } from './bridges/http';

export interface WorkspaceOptions {
	/** The app package: a zip Buffer or a path to one. Without it the workspace runs with no app. */
	zip?: Buffer | string;
	/** App setting values applied after install and before the app is enabled (e.g. ROOM_PICK: [{ _id: 'room-general' }]). */
	appSettings?: Record<string, unknown>;
	/** Merged over the default users alice, bob, admin, dpo (language null = no language preference). */
	users?: Record<string, UserSpec>;
	/** Merged over the default rooms general, subprocessor-updates, privacy-team. */
	rooms?: Record<string, RoomSpec | null>;
	/** Environment variables the app may read (nothing from the real environment leaks in). */
	env?: Record<string, string>;
	/** Server settings (Site_Url, Language, ...) merged over defaults. */
	serverSettings?: Record<string, unknown>;
	/** Start of the workspace clock (default: now). Only the scheduler follows it; the app's own Date is real time. */
	now?: Date | number;
	/** Who installs the app (default 'admin'). */
	installer?: string;
	/** Grant exactly these permissions instead of the app.json list. */
	permissions?: IPermission[];
	/** How long a trigger id stays good for a modal, in real ms (default 5000, the client's ActionManager.TRIGGER_TIMEOUT). */
	triggerTimeoutMs?: number;
	/** Cluster instances (cluster/instance.ts): bridges that reach a shared state over IPC instead of this process's. */
	makeBridges?: (world: WorldState) => WorkspaceBridges;
	/**
	 * Cluster instances: an app already installed in the shared database (its storage item and package). The
	 * workspace then loads it as a server instance does on startup (AppManager.load) instead of installing it.
	 */
	preload?: { item: IAppStorageItem; zip: Buffer };
}

export { WorkspaceError };

let running: Workspace | undefined;

export class Workspace {
	readonly world: WorldState;
	readonly bridges: WorkspaceBridges;
	readonly logStorage = new MemoryLogStorage();
	readonly metadataStorage = new MemoryMetadataStorage();
	readonly sourceStorage = new MemorySourceStorage();
	readonly manager: AppManager;
	private readonly tempDir: string;
	private appIdValue?: string;
	private stopped = false;

	private constructor(options: WorkspaceOptions) {
		const now = options.now === undefined ? Date.now() : +options.now;
		this.world = new WorldState(new Clock(now), { ...DEFAULT_USERS, ...options.users }, { ...DEFAULT_ROOMS, ...options.rooms });
		if (options.triggerTimeoutMs !== undefined) this.world.triggerTimeoutMs = options.triggerTimeoutMs;
		this.bridges =
			options.makeBridges?.(this.world) ??
			new WorkspaceBridges(this.world, {
				env: options.env,
				serverSettings: { ...DEFAULT_SERVER_SETTINGS, ...options.serverSettings },
			});
		// The engine symlinks its Deno runtime into this folder and lets Deno read it.
		this.tempDir = mkdtempSync(path.join(tmpdir(), 'rc-apps-workspace-'));
		this.manager = new AppManager({
			metadataStorage: this.metadataStorage,
			logStorage: this.logStorage,
			bridges: this.bridges,
			sourceStorage: this.sourceStorage,
			tempFilePath: this.tempDir,
		});
		this.logStorage.onEntry((entry) => this.onLog(entry));
	}

	/** Starts a fresh workspace (stopping one still running in this process: AppManager is a singleton). */
	static async start(options: WorkspaceOptions = {}): Promise<Workspace> {
		prepareDenoEnvironment();
		if (running) await running.stop();
		const ws = new Workspace(options);
		running = ws;
		try {
			if (options.preload) {
				ws.metadataStorage.items.set(options.preload.item.id, options.preload.item);
				ws.sourceStorage.zips.set(options.preload.item.id, options.preload.zip);
				ws.appIdValue = options.preload.item.id;
			}
			await ws.manager.load();
			if (options.preload) {
				// As the server's orchestrator starts an instance (apps/meteor/ee/server/apps/orchestrator.js `load`):
				// load() compiles every stored app, then loadOne(id, true) initializes and enables it.
				await ws.act(undefined, undefined, 'loading the app', () => (ws.manager as any).loadOne(options.preload?.item.id, true));
				await ws.assertEnabled('load');
			} else if (options.zip !== undefined) {
				await ws.install(options);
			}
		} catch (e) {
			await ws.stop();
			throw e;
		}
		return ws;
	}

	get appId(): string {
		if (!this.appIdValue) throw new WorkspaceError('No app installed in this workspace');
		return this.appIdValue;
	}

	get app(): ProxiedApp {
		return this.manager.getOneById(this.appId);
	}

	get http(): HttpFixtures {
		return this.bridges.http;
	}

	get outbox(): OutboxEntry[] {
		return this.bridges.email.outbox;
	}

	get events(): WorkspaceEvent[] {
		return this.world.events;
	}

	get errors(): WorkspaceEvent[] {
		return this.world.events.filter((e) => e.kind === 'error');
	}

	/** Log entries the app produced (its logger calls, per request). */
	get logs(): ILoggerStorageEntry[] {
		return this.logStorage.entries;
	}

	get now(): Date {
		return this.world.clock.date();
	}

	/** What `user` saw, optionally only after a mark() (an event sequence number). */
	seen(user: string, since = 0): WorkspaceEvent[] {
		return this.world.seen(user).filter((e) => e.seq > since);
	}

	/** Sequence number of the latest event; pass it to seen() to look only at what happens next. */
	mark(): number {
		return this.world.events.length ? this.world.events[this.world.events.length - 1].seq : 0;
	}

	/** seen() as readable text, one block per event. */
	transcript(user: string, since = 0): string {
		return this.seen(user, since)
			.map(
				(e) =>
					`[${e.kind}${e.action ? ` ${e.action}` : ''}${e.room ? ` #${e.room}` : ''}${e.kind === 'message' && e.user ? ` @${e.user}` : ''}] ${e.plain}`,
			)
			.join('\n');
	}

	user(username: string): IUser {
		return this.world.requireUser(username);
	}

	room(name: string): IRoom {
		return this.world.requireRoom(name);
	}

	/** The bot user the engine created for the app. */
	botUser(): IUser {
		return appBotUser(this.world, this.appId);
	}

	/** The direct-message room between `user` and the app's bot, created on first use. */
	dm(user: string): IRoom {
		return this.world.directRoom([this.botUser().username, user]);
	}

	/** The modal currently open for `user`, if any. */
	modal(user: string): (ModalState & { text: string }) | undefined {
		return openModal(this.world, user);
	}

	/** The app's persistence records (data and associations), for assertions. */
	records(): AppRecord[] {
		return appRecords(this.bridges.persistence.records, this.appId);
	}

	async status(): Promise<AppStatus> {
		return this.app.getStatus();
	}

	/** Runs a slash command as `user` in `room` ('general', or 'dm' for the user's DM with the bot). */
	async command(user: string, room: string, text: string, options: { threadId?: string } = {}): Promise<void> {
		const { name, context } = this.commandContext(user, room, text, options.threadId);
		await this.act(user, context.getRoom(), `/${name}`, () => this.manager.getCommandManager().executeCommand(name, context));
	}

	/** The preview items a command offers while `user` types it. */
	async preview(user: string, room: string, text: string): Promise<ISlashCommandPreview | undefined> {
		const { name, context } = this.commandContext(user, room, text);
		return this.act(user, context.getRoom(), `/${name} (preview)`, () => this.manager.getCommandManager().getPreviews(name, context));
	}

	/** Picks the preview item `itemId` of the command, as clicking it in the client does. */
	async executePreview(user: string, room: string, text: string, itemId: string): Promise<void> {
		const { name, context } = this.commandContext(user, room, text);
		const previews = await this.preview(user, room, text);
		const item = previews?.items.find((i) => i.id === itemId);
		if (!item) {
			const known = previews?.items.map((i) => i.id).join(', ') || 'none';
			throw this.fail(user, context.getRoom(), `/${name}: no preview item "${itemId}" (items: ${known})`);
		}
		await this.act(user, context.getRoom(), `/${name} (preview ${itemId})`, () =>
			this.manager.getCommandManager().executePreview(name, item, context),
		);
	}

	/**
	 * Submits the modal open for `user` with input values keyed by action id (unlisted inputs keep their initial
	 * value). Like the client: an `errors` response keeps the modal open with the errors, success closes it.
	 */
	async submitView(user: string, values: Record<string, unknown> = {}): Promise<any> {
		const u = this.user(user);
		const modal = this.world.modals.get(u.username);
		if (!modal) throw this.fail(user, undefined, `${user} has no open modal to submit`);
		const state = this.viewState(modal.view, values);
		const roomObj = modal.room ? this.world.roomByName(modal.room) : undefined;
		const result = await this.act(user, roomObj, `submit of modal ${modal.viewId}`, () =>
			this.manager
				.getListenerManager()
				.executeListener(
					'IUIKitInteractionHandler' as any,
					viewSubmitInteraction(this.world, modal, u, roomObj, state, this.appId) as any,
				),
		);
		this.applyResponse(u.username, result, { closeOnSuccess: true, room: modal.room });
		return result;
	}

	/** Closes the modal open for `user` with the close button (viewClosed interaction). */
	async closeView(user: string): Promise<any> {
		const u = this.user(user);
		const modal = this.world.modals.get(u.username);
		if (!modal) throw this.fail(user, undefined, `${user} has no open modal to close`);
		const result = await this.act(user, undefined, `close of modal ${modal.viewId}`, () =>
			this.manager
				.getListenerManager()
				.executeListener('IUIKitInteractionHandler' as any, viewClosedInteraction(modal, u, this.appId) as any),
		);
		applyInteraction(this.world, u.username, { type: 'modal.close', view: modal.view });
		return result;
	}

	/**
	 * Clicks (or selects `value` in) the element with `actionId` on the most recent thing `user` saw carrying it:
	 * their open modal first, then messages and notifications, newest first.
	 */
	async click(user: string, actionId: string, value?: string): Promise<any> {
		const u = this.user(user);
		const target = this.findAction(u.username, actionId);
		if (!target) throw this.fail(user, undefined, `${user} saw nothing with action "${actionId}"`);
		const roomObj = target.room ? this.world.roomByName(target.room) : undefined;
		const result = await this.act(user, roomObj, `click on ${actionId}`, () =>
			this.manager
				.getListenerManager()
				.executeListener(
					'IUIKitInteractionHandler' as any,
					blockActionInteraction(this.world, target, u, roomObj, actionId, value, this.appId) as any,
				),
		);
		this.applyResponse(u.username, result, { closeOnSuccess: false, room: target.room });
		return result;
	}

	/**
	 * A block action the user did NOT see: what a forged or replayed client request looks like (another user's
	 * button, a made-up action id or value). The app must refuse it on its own checks.
	 */
	async forgeAction(user: string, room: string | undefined, actionId: string, value?: string, blockId = actionId): Promise<any> {
		const u = this.user(user);
		const roomObj = room ? this.world.roomByName(room) : undefined;
		const result = await this.act(user, roomObj, `forged click on ${actionId}`, () =>
			this.manager.getListenerManager().executeListener(
				'IUIKitInteractionHandler' as any,
				{
					type: 'blockAction',
					appId: this.appId,
					actionId,
					triggerId: this.world.issueTrigger(u.username),
					user: u,
					room: roomObj && this.world.roomView(roomObj),
					container: { type: 'message', id: 'forged' },
					payload: { blockId, value },
				} as any,
			),
		);
		this.applyResponse(u.username, result, { closeOnSuccess: false, room });
		return result;
	}

	/** A view submit for a view the user may never have had open (forged view id, another user's form). */
	async forgeSubmit(user: string, viewId: string, values: Record<string, unknown>, room?: string): Promise<any> {
		const u = this.user(user);
		const roomObj = room ? this.world.roomByName(room) : undefined;
		const state: Record<string, Record<string, unknown>> = {};
		for (const [actionId, value] of Object.entries(values)) state[actionId] = { [actionId]: value };
		return this.act(user, roomObj, `forged submit of ${viewId}`, () =>
			this.manager.getListenerManager().executeListener(
				'IUIKitInteractionHandler' as any,
				{
					type: 'viewSubmit',
					appId: this.appId,
					actionId: 'submit',
					triggerId: this.world.issueTrigger(u.username),
					user: u,
					room: roomObj && this.world.roomView(roomObj),
					payload: {
						view: { appId: this.appId, id: viewId, type: 'modal', title: { type: 'plain_text', text: '' }, blocks: [], state },
					},
				} as any,
			),
		);
	}

	/** Moves the workspace clock by `ms`, running every job falling due on the way, in time order. */
	async advance(ms: number): Promise<JobRun[]> {
		const until = this.world.clock.now() + ms;
		await this.jobsOnTheFly();
		const { result: runs, swallowed } = await captureEngineErrors(() => this.bridges.scheduler.runDue(until));
		for (const message of swallowed) this.world.record({ kind: 'error', text: `app error while running jobs: ${message}` });
		this.world.clock.set(until);
		return runs;
	}

	/**
	 * Waits for the one-time jobs that run on the fly (a handler asked for delivery now): on the server they run
	 * within moments on the instance that saved them, so an action's effects include them. Their failures are
	 * recorded as error events, like a scheduled job's.
	 */
	async jobsOnTheFly(): Promise<void> {
		const { swallowed } = await captureEngineErrors(() => this.bridges.scheduler.idle());
		for (const message of swallowed) this.world.record({ kind: 'error', text: `app error while running jobs: ${message}` });
	}

	/** Changes an app setting as an admin would in the app's settings page. */
	async setSetting(id: string, value: unknown): Promise<void> {
		const settings = this.manager.getSettingsManager();
		let current;
		try {
			current = settings.getAppSetting(this.appId, id);
		} catch {
			throw new WorkspaceError(
				`The app has no setting "${id}" (settings: ${Object.keys(settings.getAppSettings(this.appId)).join(', ')})`,
			);
		}
		await this.act('admin', undefined, `setting ${id}`, () => settings.updateAppSetting(this.appId, { ...current, value } as any));
	}

	/** Turns a room's read-only flag on or off, as a room owner would in the room's settings. */
	setReadOnly(room: string, readOnly: boolean): void {
		const stored = this.world.requireRoom(room);
		stored.isReadOnly = readOnly;
		stored.updatedAt = this.world.clock.date();
	}

	/** Sets a member's roles in a room (owner, moderator, leader), as "Set as owner" / "Set as moderator" do. */
	setRoomRoles(room: string, user: string, roles: string[]): void {
		this.world.setRoomRoles(this.world.requireRoom(room).id, user, roles);
	}

	/**
	 * Changes a server setting as an admin would in Administration > Settings (Language, Message_MaxAllowedSize,
	 * SMTP_Host, Site_Url, …); the app reads the new value on its next read.
	 */
	setServerSetting(id: string, value: unknown): void {
		this.bridges.serverSettings.set(id, value);
	}

	/** The server settings this workspace has (the defaults and any given at start). */
	serverSettingIds(): string[] {
		return [...this.bridges.serverSettings.settings.keys()];
	}

	/** A server setting's current value (undefined when the workspace has no such setting). */
	serverSetting(id: string): unknown {
		return this.bridges.serverSettings.settings.get(id)?.value;
	}

	/**
	 * Calls an app endpoint as an HTTP request would: `path` is the endpoint path ('webhook', 'items/42') or the full
	 * '/api/apps/public/<appId>/...' URL, with an optional query string. `body` is what the client sends (text or
	 * bytes; anything else is sent as JSON), and it reaches the app as a server's parsers leave it
	 * (serverRequest.ts): JSON and URL-encoded bodies up to 100 KB parsed, any other body `{}`, a parser's error
	 * answered without calling the app.
	 */
	async endpoint(
		method: string,
		pathAndQuery: string,
		headers: Record<string, string> = {},
		body?: unknown,
	): Promise<{ status: number; headers?: Record<string, string>; content?: any }> {
		const at = pathAndQuery.indexOf('?');
		const [rawPath, query] = at === -1 ? [pathAndQuery, ''] : [pathAndQuery.slice(0, at), pathAndQuery.slice(at + 1)];
		const sub = rawPath.replace(new RegExp(`^/?api/apps/(public|private)/${this.appId}/(?:[^/]+/)?`), '').replace(/^\//, '');
		const apis = this.bridges.api.apis.get(this.appId) ?? [];
		for (const api of apis) {
			const params = matchPath((api as any).endpoint.path, sub);
			if (!params) continue;
			const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
			const raw = body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
			// A client sends the length of what it sends; Node hands the app every header, lower-case.
			if (raw !== undefined) lowerHeaders['content-length'] ??= String(Buffer.byteLength(raw));
			const parsed = parseServerBody(lowerHeaders, raw);
			if (!parsed.ok) return serverError(parsed.status);
			const request = {
				method: method.toLowerCase(),
				headers: lowerHeaders,
				query: parseServerQuery(query),
				params,
				content: parsed.content,
				privateHash: (api as any).hash,
			};
			return this.act(undefined, undefined, `${method.toUpperCase()} ${sub}`, () =>
				this.manager.getApiManager().executeApi(this.appId, (api as any).endpoint.path, request as any),
			);
		}
		return { status: 404 };
	}

	/**
	 * Restarts the app's Deno process the way the engine does after a crash (kill, spawn, initialize, onEnable):
	 * everything the server keeps (records, rooms, messages, jobs, settings) stays; the app's memory is gone.
	 */
	async restartRuntime(): Promise<void> {
		const runtime = this.app.getRuntimeController() as unknown as { restartApp(): Promise<void>; livenessManager?: { stop(): void } };
		// restartApp() starts a new liveness watchdog without stopping the old one, whose pings then keep Node alive.
		runtime.livenessManager?.stop();
		await this.act(undefined, undefined, 'restarting the app runtime', () => runtime.restartApp());
		await this.assertEnabled('restart');
	}

	async disable(): Promise<void> {
		await this.act('admin', undefined, 'disabling the app', () => this.manager.changeStatus(this.appId, AppStatus.MANUALLY_DISABLED));
	}

	async enable(): Promise<void> {
		await this.act('admin', undefined, 'enabling the app', () => this.manager.changeStatus(this.appId, AppStatus.MANUALLY_ENABLED));
		await this.assertEnabled('enable');
	}

	/** Installs a new version of the app over the current one; its stored data, settings and jobs are kept. */
	async update(zip: Buffer | string): Promise<void> {
		const buffer = readZip(zip);
		const info = await this.manager.getParser().unpackageApp(buffer);
		const aff = await this.act('admin', undefined, 'updating the app', () =>
			this.manager.update(buffer, (info.info.permissions as IPermission[]) ?? [], { loadApp: true, user: this.user('admin') }),
		);
		const problem = fulfillmentProblem(aff);
		if (problem) throw new WorkspaceError(`Updating the app failed: ${problem}`);
		await this.assertEnabled('update');
	}

	/** Unloads the engine, kills the Deno child and frees the AppManager singleton. Safe to call twice. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		// A job still running on the fly (an action that failed didn't wait for it) ends before the runtime does.
		await this.bridges.scheduler.idle().catch(() => undefined);
		// unload() kills the Deno children but doesn't wait for them to exit; keep hold of them to wait,
		// so no process outlives stop() (and jest sees no open handles).
		const children = (await this.manager.get())
			.map((app) => (app.getRuntimeController() as unknown as { deno?: ChildProcess }).deno)
			.filter((c): c is ChildProcess => !!c);
		// The liveness watchdog a restartRuntime() started pings on its own timers: stop it with the process.
		for (const app of await this.manager.get())
			(app.getRuntimeController() as unknown as { livenessManager?: { stop(): void } }).livenessManager?.stop();
		try {
			await this.manager.unload(true);
		} finally {
			await Promise.all(children.map((child) => exited(child)));
			(AppManager as unknown as { Instance?: AppManager }).Instance = undefined;
			if (running === this) running = undefined;
			rmSync(this.tempDir, { recursive: true, force: true });
		}
	}

	// ----------------------------------------------------------------------------------------------------------

	private async install(options: WorkspaceOptions): Promise<void> {
		const zip = readZip(options.zip as Buffer | string);
		const parsed = await this.manager.getParser().unpackageApp(zip);
		const permissions = options.permissions ?? (parsed.info.permissions as IPermission[] | undefined);
		const withSettings = options.appSettings && Object.keys(options.appSettings).length > 0;
		// Settings must be in place before onEnable runs, so install disabled, set them, then enable.
		const installer = options.installer ?? 'admin';
		const aff = await this.act(installer, undefined, 'installing the app', () =>
			this.manager.add(zip, { enable: !withSettings, user: this.user(installer), permissionsGranted: permissions }),
		);
		const problem = fulfillmentProblem(aff);
		if (problem) throw new WorkspaceError(`Installing the app failed: ${problem}`);
		this.appIdValue = parsed.info.id;
		if (withSettings) {
			for (const [id, value] of Object.entries(options.appSettings ?? {})) await this.setSetting(id, value);
			await this.act(installer, undefined, 'enabling the app', () =>
				this.manager.changeStatus(this.appId, AppStatus.MANUALLY_ENABLED),
			);
		}
		await this.assertEnabled('install');
	}

	private async assertEnabled(step: string): Promise<void> {
		const status = await this.status();
		if (!AppStatusUtils.isEnabled(status)) {
			const recent = this.logStorage.entries
				.slice(-5)
				.flatMap((e) =>
					e.entries.filter((l: any) => l.severity === 'error').map((l: any) => `${e.method}: ${JSON.stringify(l.args)}`),
				);
			const hint = recent.length ? `; recent app errors: ${recent.join(' | ')}` : '';
			throw new WorkspaceError(`After ${step} the app is "${status}", not enabled${hint}`);
		}
	}

	private commandContext(user: string, room: string, text: string, threadId?: string): { name: string; context: SlashCommandContext } {
		const { name, sender, room: roomObj, params } = commandTarget(this.world, () => this.botUser(), user, room, text);
		const registered = this.bridges.commands.commands.get(name);
		if (!registered || registered.appId !== this.appIdValue) {
			throw this.fail(
				user,
				roomObj,
				`/${name} is not a command of the app (app commands: ${[...this.bridges.commands.commands.keys()].map((c) => `/${c}`).join(', ') || 'none'})`,
			);
		}
		const context = new SlashCommandContext(
			sender,
			this.world.roomView(roomObj),
			params,
			threadId,
			this.world.issueTrigger(sender.username),
		);
		return { name, context };
	}

	/** Runs one engine call on behalf of `user`; a failure becomes an `error` event and a rejected promise. */
	private async act<T>(user: string | undefined, room: IRoom | undefined, what: string, fn: () => Promise<T>): Promise<T> {
		const username = user === undefined ? undefined : this.user(user).username;
		this.world.context = { user: username, room: room?.slugifiedName };
		let outcome: { result: T; swallowed: string[] };
		try {
			outcome = await captureEngineErrors(fn);
		} catch (e) {
			throw this.fail(user, room, `${what} failed: ${errorMessage(e)}`, e);
		} finally {
			this.world.context = {};
		}
		// The engine swallowed an app error here (see quiet.ts): the server would carry on, a test must not.
		if (outcome.swallowed.length) throw this.fail(user, room, `${what} failed: ${outcome.swallowed.join('; ')}`);
		await this.jobsOnTheFly();
		return outcome.result;
	}

	private fail(user: string | undefined, room: IRoom | undefined, message: string, cause?: unknown): WorkspaceError {
		this.world.record({ kind: 'error', user: user && this.world.userByName(user)?.username, room: room?.slugifiedName, text: message });
		return new WorkspaceError(message, cause);
	}

	// Interaction responses (openModalViewResponse, viewErrorResponse, ...) are what the client acts on, through the
	// same trigger id check as a pushed interaction.
	private applyResponse(username: string, result: any, options: { closeOnSuccess: boolean; room?: string }): void {
		if (result && typeof result.type === 'string') {
			const dropped = this.world.useTrigger(result.triggerId);
			if (!dropped) return applyInteraction(this.world, username, result, options.room);
			ignoreInteraction(this.world, username, result, dropped.reason);
			// A submit the client gave up on (no answer in time) has its modal disposed: the errors never show.
			if (dropped.expired && options.closeOnSuccess && this.world.modals.has(username)) {
				applyInteraction(this.world, username, { type: 'modal.close', view: this.world.modals.get(username)?.view });
			}
		} else if (options.closeOnSuccess && result?.success !== false && this.world.modals.has(username)) {
			applyInteraction(this.world, username, { type: 'modal.close', view: this.world.modals.get(username)?.view });
		}
	}

	private viewState(view: any, values: Record<string, unknown>): Record<string, Record<string, unknown>> {
		const state: Record<string, Record<string, unknown>> = {};
		const known: string[] = [];
		for (const block of view.blocks ?? []) {
			const elements =
				block.type === 'input'
					? [block.element]
					: block.type === 'actions'
						? (block.elements ?? [])
						: block.accessory
							? [block.accessory]
							: [];
			for (const el of elements) {
				if (!el?.actionId || el.type === 'button') continue;
				known.push(el.actionId);
				const blockId = block.blockId ?? el.blockId ?? block.type;
				const value = el.actionId in values ? values[el.actionId] : (el.initialValue ?? el.initialOption?.value);
				(state[blockId] ??= {})[el.actionId] = value;
			}
		}
		const unknown = Object.keys(values).filter((k) => !known.includes(k));
		if (unknown.length)
			throw new WorkspaceError(`The modal has no input(s) ${unknown.join(', ')} (inputs: ${known.join(', ') || 'none'})`);
		return state;
	}

	private findAction(username: string, actionId: string): ActionTarget | undefined {
		const modal = this.world.modals.get(username);
		const inModal = modal && findElement(modal.view.blocks, actionId);
		if (modal && inModal) return { ...inModal, room: modal.room, container: { type: 'view', id: modal.viewId } };
		const seen = this.world.seen(username).filter((e) => e.kind === 'message' || e.kind === 'notification');
		for (const event of seen.reverse()) {
			// A message may have been edited since it was seen: click on what it is now.
			const message = event.messageId
				? (this.world.messages.get(event.messageId) ?? this.bridges.messages.ephemeral.get(event.messageId))
				: undefined;
			const found = findElement(message?.blocks ?? event.blocks, actionId);
			if (found) return { ...found, room: event.room, message, container: { type: 'message', id: event.messageId ?? '' } };
		}
		return undefined;
	}

	private onLog(entry: ILoggerStorageEntry): void {
		// Crashes outside any request (unhandled rejections in the app) only reach the log storage.
		if (String(entry.method).startsWith('runtime:')) {
			const detail = entry.entries.map((l: any) => (typeof l.args?.[0] === 'string' ? l.args[0] : JSON.stringify(l.args))).join('; ');
			this.world.record({ kind: 'error', text: `app runtime error (${entry.method}): ${detail}` });
		}
	}
}

/** The interactive element with this action id in the blocks, and the block that holds it. */
export function findElement(blocks: any[] | undefined, actionId: string): { element: any; block: any } | undefined {
	for (const block of blocks ?? []) {
		const elements = [...(block.elements ?? []), block.accessory, block.element].filter(Boolean);
		const element = elements.find((el: any) => el.actionId === actionId);
		if (element) return { element, block };
	}
	return undefined;
}

function matchPath(pattern: string, actual: string): Record<string, string> | undefined {
	const p = pattern.split('/').filter(Boolean);
	const a = actual.split('/').filter(Boolean);
	if (p.length !== a.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < p.length; i++) {
		if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(a[i]);
		else if (p[i] !== a[i]) return undefined;
	}
	return params;
}

export { parseParameters };

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

function readZip(zip: Buffer | string): Buffer {
	return typeof zip === 'string' ? readFileSync(zip) : zip;
}

function fulfillmentProblem(aff: any): string | undefined {
	if (!aff) return 'the engine returned nothing';
	const parts = [
		aff.getStorageError?.(),
		aff.getAppUserError?.() && JSON.stringify(aff.getAppUserError()),
		aff.getLicenseValidationResult?.()?.hasErrors && 'license',
	].filter(Boolean);
	if (!aff.getApp?.()) parts.push('no app instance');
	return parts.length ? parts.join('; ') : undefined;
}

export { RoomType };

/** A block element a user saw: in a message (with its room) or in an open view. */
export interface ActionTarget {
	element: any;
	block: any;
	room?: string;
	message?: any;
	container: { type: string; id: string };
}

/** What a client's click on a block element sends the app (the server's UIKit interaction, type blockAction). */
export function blockActionInteraction(
	world: WorldState,
	target: ActionTarget,
	user: IUser,
	room: IRoom | undefined,
	actionId: string,
	value: string | undefined,
	appId: string,
): object {
	return {
		type: 'blockAction',
		appId: target.element.appId ?? target.block.appId ?? appId,
		actionId,
		triggerId: world.issueTrigger(user.username),
		user,
		room: room && world.roomView(room),
		message: target.message,
		container: target.container,
		payload: {
			blockId: target.element.blockId ?? target.block.blockId,
			value: value ?? target.element.value ?? target.element.initialValue,
		},
	};
}
