import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

const ENGINE_DIR = path.resolve(__dirname, '../engine');
const DENO_DIR = path.join(ENGINE_DIR, '.deno-cache');
const STAMP = path.join(DENO_DIR, 'workspace-setup.json');

/**
 * Apps-Engine 1.62 spawns plain `deno` found through PATH, passing only PATH and DENO_DIR on. So the Node
 * process itself must have the npm-installed deno first on PATH and DENO_DIR pointing at the cache setup.mjs
 * filled (the engine runs `deno run --cached-only`).
 */
export function prepareDenoEnvironment(): void {
	if (!existsSync(STAMP)) {
		throw new Error('The engine workspace is not set up: run `npm ci` (or `node workspace/setup.mjs`) at the repository root.');
	}
	const deno = denoBinary();
	const dir = path.dirname(deno);
	const entries = (process.env.PATH ?? '').split(path.delimiter);
	if (entries[0] !== dir) process.env.PATH = [dir, ...entries.filter((e) => e !== dir)].join(path.delimiter);
	process.env.DENO_DIR = DENO_DIR;
}

export function denoBinary(): string {
	const local = path.join(ENGINE_DIR, 'node_modules', 'deno', process.platform === 'win32' ? 'deno.exe' : 'deno');
	if (existsSync(local)) return local;
	// The deno package's postinstall (which places the binary above) may be skipped by npm's allowScripts policy;
	// its own resolver finds the platform package instead.
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	return require(path.join(ENGINE_DIR, 'node_modules', 'deno', 'install_api.cjs')).runInstall();
}

export function setupStamp(): unknown {
	return JSON.parse(readFileSync(STAMP, 'utf8'));
}
