// Runs parsed CLI lines against a Workspace and prints what each step made people see.
import { existsSync, readFileSync, statSync } from 'fs';
import { STATUS_CODES } from 'http';
import * as path from 'path';

import { signedHeaders } from '../../../src/features/watch/signature';

import { findElement, type Workspace } from '../Workspace';
import type { ClusterView } from '../cluster/Cluster';
import { LINE_HELP, settingValue } from './parse';
import type { ParsedLine } from './parse';
import { type Output, toRecord } from './output';
import type { OutputRecord } from './output';

/** Where `--source` / `source FILE` serve the list from (an HTTP fixture; nothing leaves the process). */
export const SOURCE_URL = 'https://lists.example/subprocessors.yaml';
export const SOURCE_SETTING = 'list_source_url';
export const NO_SOURCE_SETTING = `this app version has no list source setting (no app setting "${SOURCE_SETTING}"), so --source and "source" cannot be used`;

/** A problem with a line (unknown user/room/setting, no modal...) rather than an app error. */
export class CliError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CliError';
	}
}

export type StepResult = 'ok' | 'failed' | 'quit';

type HttpCommand = Extract<ParsedLine['command'], { kind: 'http' }>;

/** The content-type a `post FILE` gets by default, from the file's extension. */
export function contentTypeFor(file: string): string {
	const ext = path.extname(file).toLowerCase();
	return ext === '.yaml' || ext === '.yml' ? 'application/yaml' : ext === '.json' ? 'application/json' : 'text/plain';
}

/**
 * The list text `/update` verifies a signature over: a JSON body's `list` (empty for a ping, a JSON object without
 * one), else the text as sent (which a server does not hand over: the app answers 415).
 */
function signedListText(body: string, contentType: string): string {
	if (/^application\/json\s*(;|$)/i.test(contentType)) {
		try {
			const parsed = JSON.parse(body);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return typeof parsed.list === 'string' ? parsed.list : '';
		} catch {
			// Malformed JSON: the server answers 400 before the app sees it; the signature doesn't matter.
		}
	}
	return body;
}

/** A response body as text, and its readable form (JSON pretty-printed). */
function responseBody(content: unknown, contentType: string | undefined): { body: string; readable: string } {
	if (content === undefined || content === null) return { body: '', readable: '' };
	if (typeof content !== 'string') {
		const body = JSON.stringify(content);
		return { body, readable: JSON.stringify(content, null, 2) };
	}
	if (/json/i.test(contentType ?? '')) {
		try {
			return { body: content, readable: JSON.stringify(JSON.parse(content), null, 2) };
		} catch {
			// not JSON after all: shown as sent
		}
	}
	return { body: content, readable: content.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

export class Session {
	user = 'alice';
	room = 'general';
	private sourceFile?: string;
	private sourceRouted = false;

	constructor(
		/** A workspace, or with --instances a cluster's view (cluster/Cluster.ts), whose `on` a `^N` prefix sets. */
		readonly ws: Workspace | ClusterView,
		readonly out: Output,
		private readonly cwd = process.cwd(),
	) {}

	get prompt(): string {
		return `${this.user}@${this.room}> `;
	}

	/** The app's settings as the engine holds them (id → setting). */
	settings(): Record<string, any> {
		return this.ws.manager.getSettingsManager().getAppSettings(this.ws.appId) as Record<string, any>;
	}

	hasSourceSetting(): boolean {
		return SOURCE_SETTING in this.settings();
	}

	/** `--source FILE`: serve FILE at the source URL, point the setting at it, and sync. Output as step 0. */
	async setupSource(file: string): Promise<StepResult> {
		return this.step(0, async () => {
			await this.serveSource(file);
			await this.sync();
		});
	}

	/** Runs one parsed line as step `step` (line number / --exec index) and prints what it produced. */
	async run(line: ParsedLine, step: number): Promise<StepResult> {
		if (line.command.kind === 'quit') return 'quit';
		return this.step(step, () => this.execute(line));
	}

	/**
	 * Everything new since the step began is printed once: room messages once, notifications per user. A step's
	 * own result (an HTTP response) is printed first, then what it caused.
	 */
	private async step(step: number, work: () => Promise<Omit<OutputRecord, 'step'> | void>): Promise<StepResult> {
		const mark = this.ws.mark();
		let failure: unknown;
		try {
			const result = await work();
			if (result) this.out.record({ step, ...result });
		} catch (e) {
			failure = e;
		}
		const events = this.ws.events.filter((e) => e.seq > mark);
		for (const e of events) this.out.record(toRecord(e, step));
		const reported = events.filter((e) => e.kind === 'error');
		if (failure !== undefined) {
			const message = failure instanceof Error ? failure.message : String(failure);
			// The facade records an app failure as an error event and rejects with the same message.
			if (!reported.some((e) => e.text === message)) this.out.error(step, message);
			return 'failed';
		}
		return reported.length ? 'failed' : 'ok';
	}

	private async execute(line: ParsedLine): Promise<Omit<OutputRecord, 'step'> | void> {
		const user = line.user ? this.checkUser(line.user) : this.user;
		const room = line.room ? this.checkRoom(line.room) : this.room;
		const c = line.command;
		const cluster = 'cluster' in this.ws ? this.ws : undefined;
		if (cluster) {
			cluster.on = this.checkInstance(line.instance ?? 1);
		} else if ((line.instance !== undefined && line.instance !== 1) || c.kind === 'kill' || c.kind === 'restart') {
			throw new CliError('one instance only: start the workspace with --instances N for ^N, kill and restart');
		}
		switch (c.kind) {
			case 'kill':
				await cluster!.cluster.kill(this.checkInstance(c.instance));
				this.out.info(`  (instance ^${c.instance} killed; its job locks stay until they expire)`);
				return;
			case 'restart':
				await cluster!.cluster.restart(this.checkInstance(c.instance));
				this.out.info(`  (instance ^${c.instance} started again)`);
				return;
			case 'slash':
				this.checkMember(user, room);
				return this.ws.command(user, room, c.text);
			case 'submit': {
				const modal = this.ws.modal(user);
				if (!modal) throw new CliError(`${user} has no open modal to submit`);
				await this.ws.submitView(user, this.modalValues(modal.view, c.values));
				return;
			}
			case 'click': {
				const modal = this.ws.modal(user);
				const inModal = modal && findElement(modal.view.blocks, c.actionId);
				if (modal && !inModal && c.actionId === 'submit' && c.value === undefined) return void (await this.ws.submitView(user));
				if (modal && !inModal && c.actionId === 'close' && c.value === undefined) return void (await this.ws.closeView(user));
				await this.ws.click(user, c.actionId, c.value);
				return;
			}
			case 'close':
				if (!this.ws.modal(user)) throw new CliError(`${user} has no open modal to close`);
				await this.ws.closeView(user);
				return;
			case 'source':
				await this.serveSource(c.file);
				return;
			case 'serve':
				this.serveFile(c.url, c.file);
				return;
			case 'advance':
				await this.ws.advance(c.ms);
				this.out.info(`  (clock: ${this.ws.now.toISOString()})`);
				return;
			case 'set': {
				const settings = this.settings();
				const setting = settings[c.id];
				if (!setting) {
					const known = Object.keys(settings);
					throw new CliError(
						`the app has no setting "${c.id}" (${known.length ? `settings: ${known.join(', ')}` : 'it has no settings'})`,
					);
				}
				const value = settingValue(c.value, setting.type, (name) => this.ws.room(this.checkRoom(name)).id);
				await this.ws.setSetting(c.id, value);
				this.out.info(`  (setting ${c.id} = ${JSON.stringify(value)})`);
				return;
			}
			case 'server-set': {
				const known = this.ws.serverSettingIds();
				if (!known.includes(c.id))
					throw new CliError(`the workspace has no server setting "${c.id}" (server settings: ${known.join(', ')})`);
				const value = settingValue(c.value, undefined, (name) => name);
				this.ws.setServerSetting(c.id, value);
				this.out.info(`  (server setting ${c.id} = ${JSON.stringify(value)})`);
				return;
			}
			case 'readonly': {
				const name = this.checkRoom(c.room);
				this.ws.setReadOnly(name, c.on);
				this.out.info(`  (#${name} is ${c.on ? 'read-only' : 'no longer read-only'})`);
				return;
			}
			case 'http':
				return this.request(c);
			case 'as':
				this.user = this.checkUser(c.user);
				return;
			case 'in':
				this.room = this.checkRoom(c.room);
				return;
			case 'switch':
				this.user = user;
				this.room = room;
				return;
			case 'help':
				this.out.info(LINE_HELP);
				return;
			case 'quit':
				return;
		}
	}

	/** The file a `post` line sends, resolved where the user ran the command; undefined when it is missing. */
	static postFile(file: string, cwd: string): string | undefined {
		const abs = path.resolve(cwd, file);
		return existsSync(abs) && statSync(abs).isFile() ? abs : undefined;
	}

	/** `get` / `post`: calls the app's endpoint as an anonymous HTTP client; any status is a result, not an error. */
	private async request(c: HttpCommand): Promise<Omit<OutputRecord, 'step'>> {
		const headers = { ...c.headers };
		let body: string | undefined;
		if (c.file !== undefined) {
			const abs = Session.postFile(c.file, this.cwd);
			if (!abs) throw new CliError(`no such file: ${c.file}`);
			body = readFileSync(abs, 'utf8');
			if (c.jsonList) {
				// What `jq -Rs '{list: .}'` makes of the file: the form a server hands to the app.
				body = JSON.stringify({ list: body });
				headers['content-type'] ??= 'application/json';
			}
			headers['content-type'] ??= contentTypeFor(abs);
			// Malformed JSON is sent as is: the server's JSON parser answers it (400), as it would a real client.
			if (c.sign !== undefined) Object.assign(headers, signedHeaders(signedListText(body, headers['content-type']), c.sign));
		}
		this.checkMethod(c);
		const response = await this.ws.endpoint(c.method, c.path, headers, body);
		const responseHeaders: Record<string, string> = {};
		const raw = Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)] as const);
		for (const [k, v] of raw.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) responseHeaders[k] = v;
		const { body: text, readable } = responseBody(response.content, responseHeaders['content-type']);
		const statusLine = `HTTP ${response.status}${STATUS_CODES[response.status] ? ` ${STATUS_CODES[response.status]}` : ''}`;
		const head = Object.entries(responseHeaders).map(([k, v]) => `${k}: ${v}`);
		return {
			kind: 'http',
			room: null,
			user: null,
			text: [statusLine, ...head, ...(readable ? ['', readable] : [])].join('\n'),
			blocks: [],
			status: response.status,
			headers: responseHeaders,
			body: text,
			at: this.ws.now.toISOString(),
		};
	}

	/** An endpoint that exists but lacks the method makes the engine throw (a server answers 500): say so plainly. */
	private checkMethod(c: HttpCommand): void {
		const sub = c.path
			.split('?')[0]
			.replace(new RegExp(`^/?api/apps/(public|private)/${this.ws.appId}/(?:[^/]+/)?`), '')
			.replace(/^\//, '');
		const parts = sub.split('/').filter(Boolean);
		for (const api of this.ws.bridges.api.apis.get(this.ws.appId) ?? []) {
			const pattern = String((api as any).endpoint?.path ?? '')
				.split('/')
				.filter(Boolean);
			if (pattern.length !== parts.length || pattern.some((p, i) => !p.startsWith(':') && p !== parts[i])) continue;
			const methods: string[] = (api as any).implementedMethods ?? [];
			if (methods.length && !methods.includes(c.method.toLowerCase())) {
				throw new CliError(
					`the app's endpoint /${sub} does not answer ${c.method} (it answers ${methods.map((m) => m.toUpperCase()).join(', ')})`,
				);
			}
			return;
		}
	}

	/** Makes the source URL serve `file` (read at each request, so edits show) and points the setting at it. */
	/** URLs a `serve` line answers, with the file each serves now. */
	private readonly served = new Map<string, string>();

	private async serveSource(file: string): Promise<void> {
		if (!this.hasSourceSetting()) throw new CliError(NO_SOURCE_SETTING);
		const abs = path.resolve(this.cwd, file);
		if (!existsSync(abs) || !statSync(abs).isFile()) throw new CliError(`no such file: ${file}`);
		this.sourceFile = abs;
		if (!this.sourceRouted) {
			this.sourceRouted = true;
			this.ws.http.on(SOURCE_URL, () => ({
				headers: { 'content-type': 'text/yaml; charset=utf-8' },
				body: readFileSync(this.sourceFile as string, 'utf8'),
			}));
		}
		if (this.settings()[SOURCE_SETTING]?.value !== SOURCE_URL) await this.ws.setSetting(SOURCE_SETTING, SOURCE_URL);
		this.out.info(`  (${SOURCE_URL} serves ${file})`);
	}

	/** URL answers with the file's content as it is at each request, so a script can edit it between checks. */
	private serveFile(url: string, file: string): void {
		const abs = path.resolve(this.cwd, file);
		if (!existsSync(abs) || !statSync(abs).isFile()) throw new CliError(`no such file: ${file}`);
		const served = this.served.has(url);
		this.served.set(url, abs);
		if (!served) {
			this.ws.http.on(url, () => {
				const current = this.served.get(url) as string;
				return { headers: { 'content-type': contentTypeOf(current) }, body: readFileSync(current, 'utf8') };
			});
		}
		this.out.info(`  (${url} serves ${file})`);
	}

	/** A sync: run the jobs due now; if the app fetched nothing, `/subprocessors sync` as admin (in the admin's DM). */
	private async sync(): Promise<void> {
		const fetched = () => this.ws.http.calls.some((c) => c.url.startsWith(SOURCE_URL));
		if (!fetched()) await this.ws.advance(0);
		if (!fetched()) await this.ws.command('admin', 'dm', '/subprocessors sync');
		if (!fetched()) throw new CliError(`the app did not fetch ${SOURCE_URL} (neither a due job nor "/subprocessors sync" did)`);
	}

	private modalValues(view: any, values: Record<string, string>): Record<string, unknown> {
		const out: Record<string, unknown> = {};
		for (const [field, value] of Object.entries(values)) {
			const found = findElement(view.blocks, field);
			const multi = found && (/^multi_/.test(found.element.type) || found.element.type === 'checkbox');
			out[field] = multi
				? value
						.split(',')
						.map((v) => v.trim())
						.filter(Boolean)
				: value;
		}
		return out;
	}

	private checkInstance(n: number): number {
		const size = 'cluster' in this.ws ? this.ws.cluster.size : 1;
		if (n > size) throw new CliError(`no instance ^${n} (instances: ^1–^${size})`);
		return n;
	}

	checkUser(name: string): string {
		const user = this.ws.world.userByName(name);
		if (!user || user.appId) throw new CliError(`unknown user "${name}" (users: ${this.userNames().join(', ')})`);
		return user.username;
	}

	checkRoom(name: string): string {
		const n = name.replace(/^#/, '');
		if (n === 'dm') return 'dm';
		const room = this.ws.world.roomByName(n);
		if (!room || n.startsWith('dm:')) throw new CliError(`unknown room "${name}" (rooms: ${this.roomNames().join(', ')}, dm)`);
		return room.slugifiedName;
	}

	private checkMember(user: string, room: string): void {
		if (room === 'dm') return;
		if (!this.ws.world.isMember(this.ws.room(room), user))
			throw new CliError(`${user} is not a member of #${room} (members: ${this.ws.room(room).usernames.join(', ')})`);
	}

	userNames(): string[] {
		return [...this.ws.world.users.values()].filter((u) => !u.appId).map((u) => u.username);
	}

	roomNames(): string[] {
		return [...this.ws.world.rooms.values()].filter((r) => !r.slugifiedName.startsWith('dm:')).map((r) => r.slugifiedName);
	}
}

const CONTENT_TYPES: Array<[RegExp, string]> = [
	[/\.ya?ml$/i, 'text/yaml; charset=utf-8'],
	[/\.json$/i, 'application/json; charset=utf-8'],
	[/\.html?$/i, 'text/html; charset=utf-8'],
	[/\.(md|markdown)$/i, 'text/markdown; charset=utf-8'],
];

function contentTypeOf(file: string): string {
	return CONTENT_TYPES.find(([pattern]) => pattern.test(file))?.[1] ?? 'text/plain; charset=utf-8';
}
