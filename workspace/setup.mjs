#!/usr/bin/env node
// Prepares the local engine workspace: the real Apps-Engine 1.62.0 runtime + Deno, runnable offline.
// Runs as the root package's postinstall, so a fresh clone + `npm ci` needs nothing else.
// Idempotent: a stamp records what was prepared; a second run only checks it (a few ms).
//
// Why each step (see /work/shared/docs/engine.md):
//  - the runtime lives in its own package folder (workspace/engine) under its real name, because the Deno
//    sandbox resolves `@rocket.chat/apps-engine/...` by name and the root holds the definitions;
//  - deno.jsonc imports three tiny functions from JSR, which is unreachable here -> local shims;
//  - one value import points into `src/`, which the npm package doesn't ship -> compiled JS;
//  - the engine runs `deno run --cached-only`, so Deno's cache must be filled at install time, from the
//    npm registry npm itself uses, and without letting Deno adopt a node_modules folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const engineDir = join(here, 'engine');
export const denoDir = join(engineDir, '.deno-cache');
export const runtimeDir = join(engineDir, 'node_modules', '@rocket.chat', 'apps-engine', 'deno-runtime');
const stampFile = join(denoDir, 'workspace-setup.json');
const SHIM_DIR = '_workspace_shims';

// Bump when the patching below changes, so existing checkouts re-prepare.
const SETUP_VERSION = 1;

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

const IMPORT_MAP_PATCH = {
	'@std/cli': `./${SHIM_DIR}/cli.ts`,
	'@std/cli/parse-args': `./${SHIM_DIR}/cli.ts`,
	'@std/io': `./${SHIM_DIR}/io.ts`,
	'@std/streams': `./${SHIM_DIR}/streams.ts`,
};

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

/** Path of the deno executable shipped by the `deno` npm package (works even if its postinstall was skipped). */
export function denoBinary() {
	const req = createRequire(join(engineDir, 'package.json'));
	return req('deno/install_api.cjs').runInstall();
}

function wantedStamp() {
	return {
		setupVersion: SETUP_VERSION,
		engineLock: sha(readFileSync(join(engineDir, 'package-lock.json'))),
	};
}

function isPrepared() {
	if (!existsSync(stampFile) || !existsSync(join(runtimeDir, 'deno.jsonc'))) return false;
	try {
		const have = JSON.parse(readFileSync(stampFile, 'utf8'));
		const want = wantedStamp();
		return have.setupVersion === want.setupVersion && have.engineLock === want.engineLock;
	} catch {
		return false;
	}
}

function installEngine() {
	log('npm ci in workspace/engine');
	// The env of a running npm lifecycle carries npm_config_* of the outer install (e.g. --omit, --prefix);
	// the nested install must see only the user's own npm config.
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config|package|lifecycle)_/i.test(k)));
	execFileSync(npmCommand(), ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: engineDir, env, stdio: 'inherit' });
}

function npmCommand() {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function stripJsonComments(text) {
	return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function patchRuntime() {
	mkdirSync(join(runtimeDir, SHIM_DIR), { recursive: true });
	for (const [name, body] of Object.entries(SHIMS)) writeFileSync(join(runtimeDir, SHIM_DIR, name), body);

	const configPath = join(runtimeDir, 'deno.jsonc');
	const config = JSON.parse(stripJsonComments(readFileSync(configPath, 'utf8')));
	Object.assign(config.imports, IMPORT_MAP_PATCH);
	// Without this Deno would create/adopt a node_modules folder next to the nearest package.json.
	config.nodeModulesDir = 'none';
	writeFileSync(configPath, `${JSON.stringify(config, null, '\t')}\n`);

	const srcPath = join(runtimeDir, SRC_IMPORT.file);
	const src = readFileSync(srcPath, 'utf8');
	if (src.includes(SRC_IMPORT.from)) writeFileSync(srcPath, src.replace(SRC_IMPORT.from, SRC_IMPORT.to));
	else if (!src.includes(SRC_IMPORT.to)) throw new Error(`unexpected content in ${srcPath}; the src/ import fix no longer applies`);
}

function npmRegistry() {
	try {
		return execFileSync(npmCommand(), ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
	} catch {
		return 'https://registry.npmjs.org/';
	}
}

function fillDenoCache(deno) {
	const registry = npmRegistry();
	log(`deno install (cache: ${denoDir}, registry: ${registry})`);
	mkdirSync(denoDir, { recursive: true });
	// Explicit --config: Deno does not discover a config file inside node_modules.
	execFileSync(deno, ['install', `--config=${join(runtimeDir, 'deno.jsonc')}`, '--entrypoint', 'main.ts'], {
		cwd: runtimeDir,
		env: {
			...process.env,
			DENO_DIR: denoDir,
			NPM_CONFIG_REGISTRY: registry,
			DENO_NO_PACKAGE_JSON: '1',
			DENO_NO_UPDATE_CHECK: '1',
		},
		stdio: 'inherit',
	});
}

export function setup({ force = false } = {}) {
	if (!force && isPrepared()) return false;
	const started = Date.now();
	installEngine();
	const deno = denoBinary();
	patchRuntime();
	fillDenoCache(deno);
	writeFileSync(stampFile, `${JSON.stringify(wantedStamp(), null, 2)}\n`);
	log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	try {
		setup({ force: process.argv.includes('--force') });
	} catch (err) {
		console.error('[workspace setup] failed:', err?.message ?? err);
		process.exit(1);
	}
}
