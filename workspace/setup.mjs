#!/usr/bin/env node
// Prepares the local engine workspace: the real Apps-Engine runtimes listed in engines.json (Deno), runnable
// offline. Runs as the root package's postinstall, so a fresh clone + `npm ci` needs nothing else.
// Idempotent: a stamp per engine records what was prepared; a second run only checks them (a few ms).
//
// Why each step (see /work/shared/docs/engine.md):
//  - each runtime lives in its own package folder (workspace/engine for the newest, workspace/engines/<version>
//    for the others) under its real name, because the Deno sandbox resolves `@rocket.chat/apps-engine/...` by
//    name and the root holds the definitions; the deno binary is the one in workspace/engine;
//  - deno.jsonc imports tiny functions from JSR (1.62: @std/cli, io, streams; 1.55-1.59: @std/cli only), which
//    is unreachable here -> local shims, for whichever of them a runtime imports;
//  - 1.62 has one value import into `src/`, which the npm package doesn't ship -> compiled JS (older runtimes
//    have no such import);
//  - engines before 1.62 run `deno run main.ts` without `--config`, relying on Deno 1.x finding deno.jsonc next to
//    main.ts; Deno 2 doesn't (and refuses TypeScript under node_modules without it) -> a `deno` wrapper that adds
//    `--config`, first on PATH for those engines only (workspace/src/deno.ts);
//  - the engine runs `deno run --cached-only`, so Deno's cache must be filled at install time, from the
//    npm registry npm itself uses, and without letting Deno adopt a node_modules folder.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
/** Every engine of the matrix, newest first: { version, dir (absolute), rocketChat }. */
export const ENGINES = JSON.parse(readFileSync(join(here, 'engines.json'), 'utf8')).engines.map((e) => ({ ...e, dir: join(here, e.dir) }));
// The newest engine's folder also holds the deno binary every engine uses.
export const engineDir = ENGINES[0].dir;
const SHIM_DIR = '_workspace_shims';

// Bump when the patching below changes, so existing checkouts re-prepare.
const SETUP_VERSION = 2;

const SHIMS = {
	// Only what main.ts & co. call: parseArgs(args) for `--key value` / `--flag`, numbers as numbers.
	'cli.ts': `export function parseArgs(args: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = { _: [] };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('--')) {
			(out._ as unknown[]).push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		const key = arg.slice(2, eq === -1 ? undefined : eq);
		let value: unknown = true;
		if (eq !== -1) value = arg.slice(eq + 1);
		else if (i + 1 < args.length && !args[i + 1].startsWith('--')) value = args[++i];
		out[key] = typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value)) ? Number(value) : value;
	}
	return out;
}
`,
	'io.ts': `export async function writeAll(writer: { write(p: Uint8Array): Promise<number> }, data: Uint8Array): Promise<void> {
	let written = 0;
	while (written < data.length) written += await writer.write(data.subarray(written));
}
`,
	'streams.ts': `export async function toArrayBuffer(readable: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of readable) {
		chunks.push(chunk);
		size += chunk.length;
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out.buffer;
}
`,
};

// The JSR imports each runtime may have, and the shim that stands in for each.
const JSR_SHIMS = {
	'@std/cli': `./${SHIM_DIR}/cli.ts`,
	'@std/cli/parse-args': `./${SHIM_DIR}/cli.ts`,
	'@std/io': `./${SHIM_DIR}/io.ts`,
	'@std/streams': `./${SHIM_DIR}/streams.ts`,
};

// Runtimes before 1.62 import writeAll straight from deno.land (unreachable too): the import map sends it to the shim.
const URL_SHIMS = [{ pattern: /^https:\/\/deno\.land\/std@[^/]+\/io\/write_all\.ts$/, shim: `./${SHIM_DIR}/io.ts` }];

const SRC_IMPORT = {
	file: join('handlers', 'app', 'handleUploadEvents.ts'),
	from: "import { AppsEngineException } from '@rocket.chat/apps-engine/definition/exceptions/AppsEngineException.ts';",
	// The same require() the rest of the runtime uses for apps-engine values (it strips `src/`).
	to: "import { require as __require } from '../../lib/require.ts';\nconst { AppsEngineException } = __require('@rocket.chat/apps-engine/definition/exceptions/AppsEngineException.js');",
};

const log = (msg) => console.log(`[workspace setup] ${msg}`);

function sha(...parts) {
	const h = createHash('sha256');
	for (const p of parts) h.update(p);
	return h.digest('hex').slice(0, 16);
}

/** Where setup puts an engine's parts. */
export function enginePaths(engine) {
	const denoDir = join(engine.dir, '.deno-cache');
	return {
		denoDir,
		runtimeDir: join(engine.dir, 'node_modules', '@rocket.chat', 'apps-engine', 'deno-runtime'),
		stampFile: join(denoDir, 'workspace-setup.json'),
		// Only for engines that need it (see writeDenoWrapper); deno.ts puts it first on PATH when it exists.
		denoWrapper: join(engine.dir, '.deno-bin', 'deno'),
	};
}

/** Path of the deno executable shipped by the `deno` npm package (works even if its postinstall was skipped). */
export function denoBinary() {
	const req = createRequire(join(engineDir, 'package.json'));
	return req('deno/install_api.cjs').runInstall();
}

function wantedStamp(engine) {
	return {
		setupVersion: SETUP_VERSION,
		engine: engine.version,
		engineLock: sha(readFileSync(join(engine.dir, 'package-lock.json'))),
		// Every engine runs the deno of workspace/engine: a new deno means new caches.
		denoLock: sha(readFileSync(join(engineDir, 'package-lock.json'))),
		// The deno wrapper holds absolute paths: a moved checkout prepares again.
		dir: engine.dir,
	};
}

function isPrepared(engine) {
	const { stampFile, runtimeDir } = enginePaths(engine);
	if (!existsSync(stampFile) || !existsSync(join(runtimeDir, 'deno.jsonc'))) return false;
	try {
		const have = JSON.parse(readFileSync(stampFile, 'utf8'));
		const want = wantedStamp(engine);
		return Object.keys(want).every((k) => have[k] === want[k]);
	} catch {
		return false;
	}
}

/** Runs a program; its output is shown only if it fails (several run at once). */
function run(command, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${output}`)),
		);
	});
}

function installEngine(engine) {
	log(`npm ci in ${relative(root, engine.dir)} (apps-engine ${engine.version})`);
	// The env of a running npm lifecycle carries npm_config_* of the outer install (e.g. --omit, --prefix);
	// the nested install must see only the user's own npm config.
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config|package|lifecycle)_/i.test(k)));
	return run(npmCommand(), ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: engine.dir, env });
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function stripJsonComments(text) {
	return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function patchRuntime(engine) {
	const { runtimeDir } = enginePaths(engine);
	mkdirSync(join(runtimeDir, SHIM_DIR), { recursive: true });
	for (const [name, body] of Object.entries(SHIMS)) writeFileSync(join(runtimeDir, SHIM_DIR, name), body);

	const configPath = join(runtimeDir, 'deno.jsonc');
	const config = JSON.parse(stripJsonComments(readFileSync(configPath, 'utf8')));
	for (const [name, target] of Object.entries(config.imports)) {
		if (!String(target).startsWith('jsr:')) continue;
		if (!JSR_SHIMS[name]) throw new Error(`apps-engine ${engine.version} imports ${name} from JSR, which has no local shim here`);
		config.imports[name] = JSR_SHIMS[name];
		// Subpath imports (`@std/cli/parse-args`) go through the same shim.
		for (const [sub, shim] of Object.entries(JSR_SHIMS)) if (sub.startsWith(`${name}/`)) config.imports[sub] = shim;
	}
	for (const url of urlImports(runtimeDir)) {
		const shim = URL_SHIMS.find((u) => u.pattern.test(url))?.shim;
		if (!shim) throw new Error(`apps-engine ${engine.version} imports ${url}, which has no local shim here`);
		config.imports[url] = shim;
	}
	// Without this Deno would create/adopt a node_modules folder next to the nearest package.json.
	config.nodeModulesDir = 'none';
	writeFileSync(configPath, `${JSON.stringify(config, null, '\t')}\n`);

	// Only 1.62 has the upload-events handler and its value import into src/.
	const srcPath = join(runtimeDir, SRC_IMPORT.file);
	if (!existsSync(srcPath)) return;
	const src = readFileSync(srcPath, 'utf8');
	if (src.includes(SRC_IMPORT.from)) writeFileSync(srcPath, src.replace(SRC_IMPORT.from, SRC_IMPORT.to));
	else if (!src.includes(SRC_IMPORT.to)) throw new Error(`unexpected content in ${srcPath}; the src/ import fix no longer applies`);
}

/** The remote URLs the runtime's own modules (not its tests) import. */
function urlImports(dir) {
	const urls = new Set();
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'tests' && entry.name !== SHIM_DIR) for (const url of urlImports(path)) urls.add(url);
		} else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
			for (const m of readFileSync(path, 'utf8').matchAll(/\bfrom\s+['"](https?:\/\/[^'"]+)['"]/g)) urls.add(m[1]);
		}
	}
	return urls;
}

/**
 * Engines that spawn `deno run` without `--config` (1.55-1.59) get a wrapper that adds it: the deno.jsonc setup
 * patched, as Deno 1.x would have found it. Engines that pass `--config` (1.62) run deno as is.
 */
function writeDenoWrapper(engine, deno) {
	const { runtimeDir, denoWrapper } = enginePaths(engine);
	const runtime = readFileSync(
		join(engine.dir, 'node_modules', '@rocket.chat', 'apps-engine', 'server', 'runtime', 'deno', 'AppsEngineDenoRuntime.js'),
		'utf8',
	);
	rmSync(dirname(denoWrapper), { recursive: true, force: true });
	if (runtime.includes('--config=')) return;
	if (process.platform === 'win32')
		throw new Error(`apps-engine ${engine.version} needs a deno wrapper, which is a shell script: not on Windows`);
	mkdirSync(dirname(denoWrapper), { recursive: true });
	const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
	writeFileSync(
		denoWrapper,
		`#!/bin/sh
# Written by workspace/setup.mjs: apps-engine ${engine.version} runs \`deno run\` without --config.
if [ "$1" = run ]; then
	shift
	exec ${quote(deno)} run ${quote(`--config=${join(runtimeDir, 'deno.jsonc')}`)} "$@"
fi
exec ${quote(deno)} "$@"
`,
		{ mode: 0o755 },
	);
}

function npmRegistry() {
	try {
		return execFileSync(npmCommand(), ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
	} catch {
		return 'https://registry.npmjs.org/';
	}
}

function fillDenoCache(engine, deno, registry) {
	const { denoDir, runtimeDir } = enginePaths(engine);
	log(`deno install for apps-engine ${engine.version} (cache: ${relative(root, denoDir)}, registry: ${registry})`);
	mkdirSync(denoDir, { recursive: true });
	// Explicit --config: Deno does not discover a config file inside node_modules.
	return run(deno, ['install', `--config=${join(runtimeDir, 'deno.jsonc')}`, '--entrypoint', 'main.ts'], {
		cwd: runtimeDir,
		env: {
			...process.env,
			DENO_DIR: denoDir,
			NPM_CONFIG_REGISTRY: registry,
			DENO_NO_PACKAGE_JSON: '1',
			DENO_NO_UPDATE_CHECK: '1',
		},
	});
}

/**
 * Prepares the engines that are not prepared yet (all of engines.json by default; `versions` picks some).
 * Installs run in parallel: they mostly wait on the registry. Resolves to the versions it prepared.
 */
export async function setup({ force = false, versions } = {}) {
	const wanted = versions ? ENGINES.filter((e) => versions.includes(e.version)) : ENGINES;
	if (versions && wanted.length !== versions.length)
		throw new Error(`unknown engine version in ${versions.join(', ')}; known: ${ENGINES.map((e) => e.version).join(', ')}`);
	const todo = wanted.filter((e) => force || !isPrepared(e));
	if (!todo.length) return [];
	const started = Date.now();
	// The deno binary lives in the newest engine's folder: it must be installed even when only an older one is asked for.
	const needDeno = !existsSync(join(engineDir, 'node_modules', 'deno', 'package.json')) && !todo.includes(ENGINES[0]);
	await Promise.all([...todo, ...(needDeno ? [ENGINES[0]] : [])].map(installEngine));
	const deno = denoBinary();
	const registry = npmRegistry();
	for (const engine of todo) {
		patchRuntime(engine);
		writeDenoWrapper(engine, deno);
	}
	await Promise.all(todo.map((engine) => fillDenoCache(engine, deno, registry)));
	for (const engine of todo) writeFileSync(enginePaths(engine).stampFile, `${JSON.stringify(wantedStamp(engine), null, 2)}\n`);
	log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: apps-engine ${todo.map((e) => e.version).join(', ')}`);
	return todo.map((e) => e.version);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		await setup({ force: process.argv.includes('--force') });
	} catch (err) {
		console.error('[workspace setup] failed:', err?.message ?? err);
		process.exit(1);
	}
}
