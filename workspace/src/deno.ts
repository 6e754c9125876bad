import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

import { ENGINE_VERSION } from './engine';

const WORKSPACE_DIR = path.resolve(__dirname, '..');

export interface EngineInfo {
	/** The apps-engine version, e.g. 1.62.0. */
	version: string;
	/** The Rocket.Chat release that ships it. */
	rocketChat: string;
	/** Its package folder (workspace/engine for the newest, workspace/engines/<version> for the others). */
	dir: string;
}

/** Every engine of the matrix (workspace/engines.json), newest first. */
export function engines(): EngineInfo[] {
	const list = JSON.parse(readFileSync(path.join(WORKSPACE_DIR, 'engines.json'), 'utf8')).engines as EngineInfo[];
	return list.map((e) => ({ ...e, dir: path.join(WORKSPACE_DIR, e.dir) }));
}

/**
 * The engine this process runs: SUBPROCESSORS_ENGINE (a version from engines.json), else the newest. The runtime
 * classes follow the same variable: workspace files import workspace/engine/... and jest's moduleNameMapper or
 * the CLI's esbuild alias send those imports to the selected engine's folder.
 */
export function selectedEngine(): EngineInfo {
	const all = engines();
	const wanted = process.env.SUBPROCESSORS_ENGINE;
	if (!wanted) return all[0];
	const found = all.find((e) => e.version === wanted);
	if (!found) throw new Error(`unknown engine ${wanted} (SUBPROCESSORS_ENGINE); known: ${all.map((e) => e.version).join(', ')}`);
	return found;
}

/**
 * Apps-Engine (1.55-1.62) spawns plain `deno` found through PATH, passing only PATH and DENO_DIR on. So the Node
 * process itself must have the npm-installed deno first on PATH and DENO_DIR pointing at the cache setup.mjs
 * filled for the selected engine (the engine runs `deno run --cached-only`).
 */
export function prepareDenoEnvironment(): void {
	const engine = selectedEngine();
	if (!existsSync(stampPath(engine))) {
		throw new Error(
			`The engine workspace for apps-engine ${engine.version} is not set up: run \`npm ci\` (or \`node workspace/setup.mjs\`) at the repository root.`,
		);
	}
	if (ENGINE_VERSION !== engine.version) {
		throw new Error(
			`apps-engine ${engine.version} is selected, but the runtime classes loaded come from ${ENGINE_VERSION}: run through jest (moduleNameMapper) or scripts/lib/build-cli.js, which redirect workspace/engine/ to the selected engine`,
		);
	}
	// Engines before 1.62 get setup.mjs's wrapper, which adds the --config they don't pass.
	const wrapper = path.join(engine.dir, '.deno-bin', 'deno');
	const dir = existsSync(wrapper) ? path.dirname(wrapper) : path.dirname(denoBinary());
	const entries = (process.env.PATH ?? '').split(path.delimiter);
	if (entries[0] !== dir) process.env.PATH = [dir, ...entries.filter((e) => e !== dir)].join(path.delimiter);
	process.env.DENO_DIR = path.join(engine.dir, '.deno-cache');
}

/** The deno binary every engine uses: the one installed with the newest engine (workspace/engine). */
export function denoBinary(): string {
	const newest = engines()[0].dir;
	const local = path.join(newest, 'node_modules', 'deno', process.platform === 'win32' ? 'deno.exe' : 'deno');
	if (existsSync(local)) return local;
	// The deno package's postinstall (which places the binary above) may be skipped by npm's allowScripts policy;
	// its own resolver finds the platform package instead.
	return require(path.join(newest, 'node_modules', 'deno', 'install_api.cjs')).runInstall();
}

function stampPath(engine: EngineInfo): string {
	return path.join(engine.dir, '.deno-cache', 'workspace-setup.json');
}

export function setupStamp(): unknown {
	return JSON.parse(readFileSync(stampPath(selectedEngine()), 'utf8'));
}
