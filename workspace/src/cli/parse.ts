// The workspace CLI's line language: pure parsing, no engine. See docs/workspace.md.
//
//   [@user] [#room] LINE        LINE is one of:
//   /command ARGS               submit FIELD=VALUE ...      click ACTION_ID [VALUE]      close
//   source FILE                 advance DURATION            set SETTING_ID VALUE         server-set SETTING VALUE
//   as USER                     in ROOM                     help                         quit
//   readonly ROOM on|off        serve URL FILE              kill ^N                      restart ^N
//   get PATH [HEADER=VALUE ...] post PATH FILE [HEADER=VALUE ...] [--json-list] [--sign SECRET]
//
// A prefix applies to its line only; a line that is only a prefix (`@bob #general`) switches the current user
// and/or room, like `as` / `in`. With `--instances N`, a `^N` prefix runs the line on instance N (default 1). The same rules hold in scripts and in the interactive prompt. A comment is a
// line whose first character is `#` followed by a space or nothing (`#general` is a room prefix).

export class LineError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LineError';
	}
}

export type Command =
	| { kind: 'slash'; text: string }
	| { kind: 'submit'; values: Record<string, string> }
	| { kind: 'click'; actionId: string; value?: string }
	| { kind: 'close' }
	| { kind: 'source'; file: string }
	| { kind: 'serve'; url: string; file: string }
	| { kind: 'advance'; ms: number; duration: string }
	| { kind: 'set'; id: string; value: string }
	| { kind: 'server-set'; id: string; value: string }
	| { kind: 'readonly'; room: string; on: boolean }
	| { kind: 'http'; method: 'GET' | 'POST'; path: string; file?: string; headers: Record<string, string>; sign?: string; jsonList?: true }
	| { kind: 'as'; user: string }
	| { kind: 'in'; room: string }
	| { kind: 'switch' }
	| { kind: 'kill'; instance: number }
	| { kind: 'restart'; instance: number }
	| { kind: 'help' }
	| { kind: 'quit' };

export interface ParsedLine {
	/** `@user` prefix (without the @). */
	user?: string;
	/** `#room` prefix (without the #). */
	room?: string;
	/** `^N` prefix: the instance (1-based) that handles the line, with --instances. */
	instance?: number;
	command: Command;
	/** The line as written (trimmed). */
	source: string;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `45s`, `90m`, `2h`, `31d`, `1w`, `500ms`, and sums such as `1h30m` → milliseconds. */
export function parseDuration(text: string): number {
	const t = text.trim();
	const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/y;
	let ms = 0;
	let at = 0;
	while (at < t.length) {
		part.lastIndex = at;
		const m = part.exec(t);
		if (!m) break;
		ms += Number(m[1]) * UNITS[m[2]];
		at = part.lastIndex;
	}
	if (!t || at !== t.length)
		throw new LineError(`bad duration "${text}" (use a number and a unit: 45s, 90m, 2h, 31d, 1w, or a sum like 1h30m)`);
	return Math.round(ms);
}

/** Reads one value: "double quoted" (with \" and \\ escapes) or up to the next whitespace. */
function readValue(text: string, at: number): { value: string; end: number } {
	if (text[at] !== '"') {
		const m = /\S*/y;
		m.lastIndex = at;
		const found = m.exec(text) as RegExpExecArray;
		return { value: found[0], end: m.lastIndex };
	}
	let value = '';
	for (let i = at + 1; i < text.length; i++) {
		const c = text[i];
		if (c === '\\' && i + 1 < text.length) value += text[++i];
		else if (c === '"') return { value, end: i + 1 };
		else value += c;
	}
	throw new LineError(`unterminated quote in: ${text.slice(at)}`);
}

/** `field=value other="a \"quoted\" value"` → { field: 'value', other: 'a "quoted" value' }. */
export function parseAssignments(text: string): Record<string, string> {
	const values: Record<string, string> = {};
	let at = 0;
	const field = /\s*([^=\s"]+)=/y;
	while (at < text.length) {
		if (/^\s*$/.test(text.slice(at))) break;
		field.lastIndex = at;
		const m = field.exec(text);
		if (!m) throw new LineError(`submit expects FIELD=VALUE pairs, not "${text.slice(at).trim()}"`);
		const { value, end } = readValue(text, field.lastIndex);
		if (end < text.length && !/\s/.test(text[end])) throw new LineError(`submit: put a space after the value of ${m[1]}`);
		values[m[1]] = value;
		at = end;
	}
	return values;
}

/** A possibly quoted single value taking the rest of the line. */
function restValue(text: string): string {
	const t = text.trim();
	if (!t.startsWith('"')) return t;
	const { value, end } = readValue(t, 0);
	if (end !== t.length) throw new LineError(`unexpected text after the quoted value: ${t.slice(end)}`);
	return value;
}

export function isComment(line: string): boolean {
	const t = line.trim();
	return t === '' || /^#(\s|$)/.test(t);
}

/** Parses one line; undefined for a blank line or a comment. Throws LineError with a readable message. */
export function parseLine(line: string): ParsedLine | undefined {
	if (isComment(line)) return undefined;
	let rest = line.trim();
	const parsed: Partial<ParsedLine> = { source: rest };
	// Prefixes, in either order, at most one of each.
	for (;;) {
		const caret = /^\^(\S*)(?:\s+|$)/.exec(rest);
		if (caret) {
			if (!/^[1-9]\d*$/.test(caret[1])) throw new LineError(`bad instance prefix "^${caret[1]}" (use ^1, ^2, …)`);
			if (parsed.instance !== undefined) throw new LineError('two instance prefixes in one line');
			parsed.instance = Number(caret[1]);
			rest = rest.slice(caret[0].length);
			continue;
		}
		const m = /^([@#])([^\s@#]+)(?:\s+|$)/.exec(rest);
		if (!m) break;
		const key = m[1] === '@' ? 'user' : 'room';
		if (parsed[key] !== undefined) throw new LineError(`two ${key} prefixes in one line`);
		parsed[key] = m[2];
		rest = rest.slice(m[0].length);
	}
	if (/^[@#]/.test(rest)) throw new LineError(`bad prefix "${rest.split(/\s/)[0]}" (use @user and #room)`);
	parsed.command = parseCommand(rest, parsed.user !== undefined || parsed.room !== undefined || parsed.instance !== undefined);
	if (
		(parsed.command.kind === 'kill' || parsed.command.kind === 'restart') &&
		(parsed.user !== undefined || parsed.room !== undefined || parsed.instance !== undefined)
	) {
		throw new LineError(`${parsed.command.kind} takes no prefix: ${parsed.command.kind} ^N`);
	}
	if (parsed.command.kind === 'http' && (parsed.user !== undefined || parsed.room !== undefined)) {
		throw new LineError(`${parsed.command.method.toLowerCase()} is an anonymous HTTP request: no @user or #room prefix`);
	}
	return parsed as ParsedLine;
}

function parseCommand(text: string, hasPrefix: boolean): Command {
	if (text === '') {
		if (hasPrefix) return { kind: 'switch' };
		throw new LineError('empty line');
	}
	if (text.startsWith('/')) {
		if (!/^\/\S/.test(text)) throw new LineError('a slash command needs a name, e.g. /subprocessors help');
		return { kind: 'slash', text };
	}
	const m = /^(\S+)\s*([\s\S]*)$/.exec(text) as RegExpExecArray;
	const word = m[1];
	const args = m[2].trim();
	const noArgs = (c: Command): Command => {
		if (args) throw new LineError(`${word} takes no arguments`);
		return c;
	};
	switch (word) {
		case 'submit':
			return { kind: 'submit', values: parseAssignments(args) };
		case 'click': {
			const a = /^(\S+)\s*([\s\S]*)$/.exec(args);
			if (!a) throw new LineError('click needs an action id: click ACTION_ID [VALUE]');
			return a[2] ? { kind: 'click', actionId: a[1], value: restValue(a[2]) } : { kind: 'click', actionId: a[1] };
		}
		case 'close':
			return noArgs({ kind: 'close' });
		case 'source':
			if (!args) throw new LineError('source needs a file: source FILE');
			return { kind: 'source', file: restValue(args) };
		case 'serve': {
			const a = /^(https?:\/\/\S+)\s+([\s\S]+)$/i.exec(args);
			if (!a) throw new LineError('serve needs an http(s) URL and a file: serve URL FILE');
			return { kind: 'serve', url: a[1], file: restValue(a[2]) };
		}
		case 'advance':
			if (!args) throw new LineError('advance needs a duration, e.g. advance 2h');
			return { kind: 'advance', ms: parseDuration(args), duration: args };
		case 'set': {
			const a = /^(\S+)\s+([\s\S]+)$/.exec(args);
			if (!a) throw new LineError('set needs a setting id and a value: set SETTING_ID VALUE');
			return { kind: 'set', id: a[1], value: a[2].trim() };
		}
		case 'server-set': {
			const a = /^(\S+)\s+([\s\S]+)$/.exec(args);
			if (!a)
				throw new LineError(
					'server-set needs a server setting id and a value: server-set SETTING VALUE (e.g. server-set Language de)',
				);
			return { kind: 'server-set', id: a[1], value: a[2].trim() };
		}
		case 'readonly': {
			const a = /^#?(\S+)\s+(on|off)$/i.exec(args);
			if (!a) throw new LineError('readonly needs a room and on or off: readonly ROOM on|off');
			return { kind: 'readonly', room: a[1], on: a[2].toLowerCase() === 'on' };
		}
		case 'get':
		case 'post':
			return parseHttp(word, args);
		case 'as':
			if (!/^@?\S+$/.test(args)) throw new LineError('as needs one user name: as bob');
			return { kind: 'as', user: args.replace(/^@/, '') };
		case 'in':
			if (!/^#?\S+$/.test(args)) throw new LineError('in needs one room name: in general');
			return { kind: 'in', room: args.replace(/^#/, '') };
		case 'kill':
		case 'restart': {
			const a = /^\^([1-9]\d*)$/.exec(args);
			if (!a) throw new LineError(`${word} needs an instance: ${word} ^N (e.g. ${word} ^2)`);
			return { kind: word, instance: Number(a[1]) };
		}
		case 'help':
			return { kind: 'help' };
		case 'quit':
		case 'exit':
			return noArgs({ kind: 'quit' });
		default:
			throw new LineError(
				`unknown line "${text}" (a line is /command, submit, click, close, source, serve, advance, set, readonly, get, post, as, in, kill, restart, help or quit; comments start with "# ")`,
			);
	}
}

/** Header names as HTTP allows them (RFC 9110 tokens). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const SIGNATURE_HEADER = 'x-subprocessors-signature';
const TIMESTAMP_HEADER = 'x-subprocessors-timestamp';

/** `get PATH [HEADER=VALUE ...]`, `post PATH FILE [HEADER=VALUE ...] [--json-list] [--sign SECRET]`. */
function parseHttp(word: 'get' | 'post', args: string): Command {
	const usage = word === 'get' ? 'get PATH [HEADER=VALUE ...]' : 'post PATH FILE [HEADER=VALUE ...] [--json-list] [--sign SECRET]';
	const first = /^(\S+)\s*([\s\S]*)$/.exec(args);
	if (!first) throw new LineError(`${word} needs a path: ${usage}`);
	const rawPath = first[1];
	if (/=/.test(rawPath.split('?')[0]) || rawPath.startsWith('"'))
		throw new LineError(`${word} needs a path first (e.g. /subprocessors.json): ${usage}`);
	const command: Extract<Command, { kind: 'http' }> = {
		kind: 'http',
		method: word === 'get' ? 'GET' : 'POST',
		path: rawPath.startsWith('/') ? rawPath : `/${rawPath}`,
		headers: {},
	};
	let rest = first[2];
	if (word === 'post') {
		if (!rest.trim() || /^[^\s"=]+=/.test(rest) || rest.startsWith('--')) throw new LineError(`post needs a file to send: ${usage}`);
		const { value, end } = readValue(rest, 0);
		if (!value) throw new LineError(`post needs a file to send: ${usage}`);
		if (end < rest.length && !/\s/.test(rest[end])) throw new LineError(`post: put a space after the file name`);
		command.file = value;
		rest = rest.slice(end);
	}
	// HEADER=VALUE pairs and (post only) `--json-list` and `--sign SECRET`, in any order.
	const field = /([^=\s"]+)=/y;
	let at = 0;
	for (;;) {
		while (at < rest.length && /\s/.test(rest[at])) at++;
		if (at >= rest.length) break;
		const token = /\S*/y;
		token.lastIndex = at;
		const word0 = (token.exec(rest) as RegExpExecArray)[0];
		if (word0 === '--sign') {
			if (word === 'get') throw new LineError('--sign signs a body: use it with post');
			if (command.sign !== undefined) throw new LineError('--sign given twice');
			at += word0.length;
			while (at < rest.length && /\s/.test(rest[at])) at++;
			const { value, end } = at < rest.length ? readValue(rest, at) : { value: '', end: at };
			if (!value) throw new LineError('--sign needs the shared secret: --sign SECRET');
			command.sign = value;
			at = end;
			continue;
		}
		if (word0 === '--json-list') {
			if (word === 'get') throw new LineError('--json-list wraps a body: use it with post');
			command.jsonList = true;
			at += word0.length;
			continue;
		}
		if (word0.startsWith('-') && !word0.includes('=')) throw new LineError(`${word}: unknown option ${word0} (${usage})`);
		field.lastIndex = at;
		const m = field.exec(rest);
		if (!m)
			throw new LineError(
				`${word} expects HEADER=VALUE pairs after the ${word === 'get' ? 'path' : 'file'}, not "${word0}" (${usage})`,
			);
		const { value, end } = readValue(rest, field.lastIndex);
		if (end < rest.length && !/\s/.test(rest[end])) throw new LineError(`${word}: put a space after the value of ${m[1]}`);
		const name = m[1];
		if (!HEADER_NAME.test(name)) throw new LineError(`${word}: "${name}" is not a header name`);
		const lower = name.toLowerCase();
		if (lower in command.headers) throw new LineError(`${word}: header ${lower} given twice`);
		command.headers[lower] = value;
		at = end;
	}
	if (command.sign !== undefined && (SIGNATURE_HEADER in command.headers || TIMESTAMP_HEADER in command.headers)) {
		throw new LineError(`post: give --sign or ${SIGNATURE_HEADER} / ${TIMESTAMP_HEADER} headers, not both`);
	}
	return command;
}

/** Converts a `set` value: JSON when it parses, `#room #room2` → [{ _id }] for room-pick settings, else the text. */
export function settingValue(raw: string, settingType: string | undefined, roomId: (name: string) => string): unknown {
	if (settingType === 'roomPick' && /^#/.test(raw)) {
		return raw
			.split(/[\s,]+/)
			.filter(Boolean)
			.map((name) => ({ _id: roomId(name.replace(/^#/, '')) }));
	}
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

export const LINE_HELP = `Lines (one per line; "# " starts a comment):
  /subprocessors ARGS        run a slash command of the app as the current user in the current room
  submit FIELD=VALUE ...     submit the open modal (FIELD = the input's action id, VALUE may be "quoted")
  click ACTION_ID [VALUE]    press the button / pick VALUE in the newest message or modal carrying ACTION_ID
                             (click submit / click close press a modal's own buttons)
  close                      close the open modal
  source FILE                from now on the list source URL serves FILE
  serve URL FILE             from now on URL answers with FILE's current content (another source, a vendor's
                             page: content-type from .yaml/.json/.html/.md); the app's settings are not changed
  advance DURATION           move the clock (45s, 90m, 2h, 31d, 1h30m) and run every job that falls due
  set SETTING_ID VALUE       change an app setting (JSON when it parses, else text; #room for a room pick)
  server-set SETTING VALUE   change a server setting: Language, Message_MaxAllowedSize, SMTP_Host, Site_Url, …
                             (JSON when it parses, else text: server-set SMTP_Host "" = no mail server)
  readonly ROOM on|off       make a room read-only (only admins, owners and moderators may post) or not
  get PATH [HEADER=VALUE ...]
                             call the app's HTTP endpoint PATH (e.g. /subprocessors.json?location=EU) as a client
  post PATH FILE [HEADER=VALUE ...] [--json-list] [--sign SECRET]
                             POST FILE's text (content-type from .yaml/.json unless a header says), parsed as a
                             server does (JSON and URL-encoded only, 100 KB); --json-list sends {"list": <text>}
                             as JSON; --sign SECRET adds x-subprocessors-timestamp (now) and -signature (sha256=
                             HMAC-SHA256 of "<timestamp>.<list text>" under SECRET)
  as USER / in ROOM          switch the current user / room (ROOM "dm" = the user's DM with the app's bot)
  @USER #ROOM LINE           run LINE as USER in ROOM (that line only); a prefix alone switches, like as/in
  ^N LINE                    with --instances: run LINE on instance N (without a prefix: instance 1)
  kill ^N                    with --instances: kill instance N at once (kill -9: its job locks stay 10 minutes)
  restart ^N                 with --instances: start instance N again (it loads the app from the shared state)
  help, quit                 this text; leave (Ctrl-D too)
Users: alice, bob (members), admin (admin role), dpo (privacy team). Rooms: general, subprocessor-updates,
privacy-team (private: dpo, admin), dm.`;
