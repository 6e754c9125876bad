// The local workspace CLI: `npm start` (interactive) and `npm run workspace -- [options] [SCRIPT | --exec LINE ...]`.
// Packages the app, installs it in the engine workspace (real Apps-Engine 1.62, Deno runtime, in-memory server)
// and runs lines typed by a person or read from a script. See docs/workspace.md.
//
// scripts/workspace.mjs bundles this file with esbuild (scripts/lib/build-cli.js) and runs it.
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { pathToFileURL } from 'url';

import { Workspace } from './src/Workspace';
import { Cluster } from './src/cluster/Cluster';
import type { ClusterView } from './src/cluster/Cluster';
import { DEFAULT_ROOMS, DEFAULT_USERS } from './src/state';
import { LINE_HELP, LineError, parseLine } from './src/cli/parse';
import type { ParsedLine } from './src/cli/parse';
import { Output } from './src/cli/output';
import { Session } from './src/cli/session';

const USAGE = `Usage: npm run workspace -- [--instances N] [--source FILE] [--json] [--zip APP_ZIP] [SCRIPT_FILE | --exec LINE ...]
       npm start                      (the same, interactive)

  --instances N   N server instances (separate processes, each with its own app runtime) over one shared state,
                  as a multi-instance (HA) server; a line prefixed ^N runs on instance N (default ^1), jobs run on
                  whichever instance locks them; kill ^N / restart ^N stop and start one (see docs/workspace.md)
  --source FILE   the app's list source (setting list_source_url) serves FILE; a sync runs before the script
  --json          print one JSON object per line for each thing someone saw
  --exec LINE     run LINE (repeatable; instead of a script file)
  --zip APP_ZIP   install this app package instead of packaging the sources (dist/subprocessors_<version>.zip)
  SCRIPT_FILE     run the lines of this file; without a script or --exec, an interactive prompt opens

Exit status: 0 when the script ran, 1 when a step failed (app error, unknown action or setting), 2 for a bad
command line or script line (unknown line kind, bad duration, unknown user or room, a post FILE that is missing).
An HTTP status of 400 or more from get/post is a result, shown like any other, not a failure.

${LINE_HELP}`;

interface Options {
	json: boolean;
	source?: string;
	zip?: string;
	script?: string;
	exec: string[];
	help: boolean;
	instances?: number;
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): Options {
	const o: Options = { json: false, exec: [], help: false };
	const value = (i: number, flag: string) => {
		if (i >= argv.length) throw new UsageError(`${flag} needs a value`);
		return argv[i];
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--json') o.json = true;
		else if (a === '--source') o.source = value(++i, a);
		else if (a.startsWith('--source=')) o.source = a.slice(9);
		else if (a === '--instances' || a.startsWith('--instances=')) {
			const n = a === '--instances' ? value(++i, a) : a.slice('--instances='.length);
			if (!/^[1-9]\d?$/.test(n)) throw new UsageError(`--instances needs a number from 1 to 99, not "${n}"`);
			o.instances = Number(n);
		} else if (a === '--zip') o.zip = value(++i, a);
		else if (a.startsWith('--zip=')) o.zip = a.slice(6);
		else if (a === '--exec' || a === '-e') o.exec.push(value(++i, a));
		else if (a.startsWith('--exec=')) o.exec.push(a.slice(7));
		else if (a === '--help' || a === '-h') o.help = true;
		else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
		else if (o.script !== undefined) throw new UsageError(`one script file only (got ${o.script} and ${a})`);
		else o.script = a;
	}
	if (o.script !== undefined && o.exec.length) throw new UsageError('give a script file or --exec lines, not both');
	return o;
}

interface Step {
	step: number;
	line: ParsedLine;
}

/** Parses every line up front, so a bad line fails before the engine starts. */
function parseScript(lines: string[], locate: (step: number) => string, cwd: string, instances: number | undefined): Step[] {
	const steps: Step[] = [];
	const users = Object.keys(DEFAULT_USERS);
	const rooms = [...Object.keys(DEFAULT_ROOMS), 'dm'];
	lines.forEach((text, i) => {
		const step = i + 1;
		let line: ParsedLine | undefined;
		try {
			line = parseLine(text);
		} catch (e) {
			throw new UsageError(`${locate(step)}: ${(e as Error).message}`);
		}
		if (!line) return;
		const c = line.command;
		for (const u of [line.user, c.kind === 'as' ? c.user : undefined]) {
			if (u !== undefined && !users.includes(u))
				throw new UsageError(`${locate(step)}: unknown user "${u}" (users: ${users.join(', ')})`);
		}
		for (const r of [line.room, c.kind === 'in' ? c.room : undefined]) {
			if (r !== undefined && !rooms.includes(r))
				throw new UsageError(`${locate(step)}: unknown room "${r}" (rooms: ${rooms.join(', ')}; comments start with "# ")`);
		}
		for (const n of [line.instance, c.kind === 'kill' || c.kind === 'restart' ? c.instance : undefined]) {
			if (n === undefined || (n === 1 && c.kind !== 'kill' && c.kind !== 'restart')) continue;
			if (instances === undefined) throw new UsageError(`${locate(step)}: ^${n}, kill and restart need --instances N`);
			if (n > instances) throw new UsageError(`${locate(step)}: no instance ^${n} (--instances ${instances})`);
		}
		if (c.kind === 'http' && c.file !== undefined && !Session.postFile(c.file, cwd)) {
			throw new UsageError(`${locate(step)}: no such file: ${c.file} (post sends a file, read relative to ${cwd})`);
		}
		steps.push({ step, line });
	});
	return steps;
}

function findRoot(): string {
	let dir = __dirname;
	for (;;) {
		const pkg = path.join(dir, 'package.json');
		if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'subprocessors-rocketchat-app') return dir;
		const up = path.dirname(dir);
		if (up === dir) throw new Error('cannot find the repository root (package.json of subprocessors-rocketchat-app)');
		dir = up;
	}
}

/** `packageApp({ typecheck: false })` from scripts/package.mjs (an ES module, so imported at run time). */
async function packageSources(): Promise<string> {
	const url = pathToFileURL(path.join(findRoot(), 'scripts', 'package.mjs')).href;
	const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
	const { packageApp } = await dynamicImport(url);
	const { zipPath } = await packageApp({ typecheck: false });
	return zipPath;
}

let workspace: Workspace | ClusterView | undefined;
let exiting = false;

async function shutdown(code: number): Promise<never> {
	if (!exiting) {
		exiting = true;
		try {
			await workspace?.stop();
		} catch (e) {
			process.stderr.write(`workspace: stopping the engine failed: ${(e as Error).message}\n`);
		}
		await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
		process.exit(code);
	}
	return new Promise<never>(() => undefined);
}

export async function main(argv: string[]): Promise<never> {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => void shutdown(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129));
	}
	// The engine and the app's console output must not mix into the transcript / JSON lines on stdout.
	const toStderr = (...args: unknown[]) => console.error(...args);
	console.log = toStderr;
	console.info = toStderr;
	console.debug = toStderr;
	console.warn = toStderr;

	let options: Options;
	let steps: Step[] | undefined;
	const cwd = process.cwd();
	let locate = (step: number) => (step ? `line ${step}` : 'setup');
	try {
		options = parseArgs(argv);
		if (options.help) {
			process.stdout.write(`${USAGE}\n`);
			return shutdown(0);
		}
		if (options.script !== undefined) {
			const file = options.script;
			if (!existsSync(file)) throw new UsageError(`no such script file: ${file}`);
			locate = (step) => (step ? `${file}:${step}` : 'setup');
			steps = parseScript(readFileSync(file, 'utf8').split(/\r?\n/), locate, cwd, options.instances);
		} else if (options.exec.length) {
			locate = (step) => (step ? `--exec ${step}` : 'setup');
			steps = parseScript(options.exec, locate, cwd, options.instances);
		}
		if (options.source !== undefined && !existsSync(path.resolve(cwd, options.source)))
			throw new UsageError(`--source: no such file: ${options.source}`);
		if (options.zip !== undefined && !existsSync(options.zip)) throw new UsageError(`--zip: no such file: ${options.zip}`);
	} catch (e) {
		if (!(e instanceof UsageError)) throw e;
		process.stderr.write(`workspace: ${e.message}\n${e.message.includes('option') ? 'Run with --help for the usage.\n' : ''}`);
		return shutdown(2);
	}

	const interactive = steps === undefined;
	const out = new Output(options.json);
	out.locate = locate;
	const progress = (text: string) => interactive && !options.json && process.stderr.write(`${text}\n`);
	try {
		const started = Date.now();
		const zip = options.zip ?? (await packageSources());
		progress(`${options.zip ? 'using' : 'packaged'} ${path.relative(cwd, zip)} (${Date.now() - started} ms); starting the engine…`);
		workspace =
			options.instances === undefined
				? await Workspace.start({ zip })
				: (await Cluster.start({ zip, instances: options.instances })).view();
		const where = options.instances === undefined ? '' : ` on ${options.instances} instance${options.instances > 1 ? 's' : ''}`;
		progress(`app ${workspace.app.getName()} ${workspace.app.getVersion()} installed and enabled${where} (${Date.now() - started} ms)`);
	} catch (e) {
		process.stderr.write(`workspace: could not start: ${(e as Error).message}\n`);
		return shutdown(1);
	}

	const session = new Session(workspace, out, cwd);
	if (options.source !== undefined) {
		out.info(`setup> --source ${options.source}`);
		const result = await session.setupSource(options.source);
		if (result !== 'ok') return shutdown(1);
	}

	if (!interactive) {
		for (const { step, line } of steps as Step[]) {
			if (!options.json)
				out.info(
					`${line.instance && options.instances ? `^${line.instance} ` : ''}${line.user ?? session.user}@${line.room ?? session.room}> ${stripPrefix(line)}`,
				);
			const result = await session.run(line, step);
			if (result === 'failed') return shutdown(1);
			if (result === 'quit') break;
		}
		return shutdown(0);
	}
	return shutdown(await interact(session, out));
}

function stripPrefix(line: ParsedLine): string {
	return line.source.replace(/^(?:(?:[@#][^\s@#]+|\^\d+)(?:\s+|$))+/, '');
}

async function interact(session: Session, out: Output): Promise<number> {
	const tty = !!process.stdin.isTTY;
	const words = [
		'/subprocessors ',
		'submit ',
		'click ',
		'close',
		'source ',
		'advance ',
		'set ',
		'get ',
		'post ',
		'as ',
		'in ',
		'help',
		'quit',
	];
	const rl = readline.createInterface({
		input: process.stdin,
		output: process.stdout,
		terminal: tty,
		completer: (line: string) => {
			const names = [...session.userNames().map((u) => `@${u} `), ...session.roomNames().map((r) => `#${r} `)];
			const last = line.split(/\s+/).pop() ?? '';
			const pool = line.trim() === last ? [...words, ...names] : names;
			const hits = pool.filter((w) => w.startsWith(last));
			return [hits.length ? hits : [], last];
		},
	});
	if (!out.json) {
		out.info('Local workspace: you are alice in #general. Type /subprocessors help, or help for the workspace lines; Ctrl-D leaves.');
	}
	const prompt = () => {
		if (out.json) return;
		rl.setPrompt(session.prompt);
		rl.prompt();
	};
	if (tty) rl.on('SIGINT', () => rl.close());
	let step = 0;
	prompt();
	for await (const text of rl) {
		step++;
		// Piped input is not echoed by a terminal: echo it after the prompt so the transcript reads like a session.
		if (!tty && !out.json) process.stdout.write(`${text}\n`);
		let line: ParsedLine | undefined;
		try {
			line = parseLine(text);
		} catch (e) {
			if (!(e instanceof LineError)) throw e;
			out.error(step, e.message);
		}
		if (line) {
			if ((await session.run(line, step)) === 'quit') break;
		}
		prompt();
	}
	rl.close();
	if (!out.json) process.stdout.write('\n');
	return 0;
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((e) => {
		process.stderr.write(`workspace: ${e?.stack ?? e}\n`);
		void shutdown(1);
	});
}
