// Bundles the local workspace CLI (workspace/cli.ts and the facade it drives) into one CommonJS file with
// esbuild, in ~0.1 s and offline. The engine stays where `npm ci` prepared it: imports into workspace/engine/
// become absolute requires, npm packages stay external (resolved from the repository's node_modules), and
// __dirname/__filename keep meaning each source file's own folder/file (deno.ts finds the engine that way).
// CommonJS so that both scripts/workspace.mjs and the TypeScript tests can load it.
// The engine: the newest of workspace/engines.json, or the one `engine` (default: SUBPROCESSORS_ENGINE) names;
// imports into workspace/engine/ then point at that engine's folder, and the bundle gets its own file.
const { build } = require('esbuild');
const { readFile } = require('node:fs/promises');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const DEFAULT_OUTFILE = path.join(root, '.workspace-cache', 'cli.cjs');
const { ENGINES, engineDir, missingBridges, STAND_IN } = require('../../workspace/engine-compat');
const NEWEST_DIR = engineDir();

/** The engine named `version` (default: the newest), with its absolute folder. */
function engineFor(version) {
	const dir = engineDir(version);
	return { ...ENGINES.find((e) => path.join(root, 'workspace', e.dir) === dir), dir };
}

const keepPaths = (engine) => {
	const missing = new Set(
		missingBridges(engine.version).map((name) =>
			path.join(engine.dir, 'node_modules', '@rocket.chat', 'apps-engine', 'server', 'bridges', name),
		),
	);
	return {
		name: 'workspace-paths',
		setup(b) {
			b.onResolve({ filter: /[\\/]engine[\\/]node_modules[\\/]/ }, (args) => {
				const resolved = path.resolve(args.resolveDir, args.path);
				const inNewest = path.relative(NEWEST_DIR, resolved);
				const redirected = inNewest.startsWith('..') || path.isAbsolute(inNewest) ? resolved : path.join(engine.dir, inNewest);
				// A bridge this engine doesn't ship: a stand-in (it never asks for that bridge).
				return { path: missing.has(redirected.replace(/\.js$/, '')) ? STAND_IN : redirected, external: true };
			});
			b.onLoad({ filter: /\.ts$/ }, async (args) => {
				const source = await readFile(args.path, 'utf8');
				const contents = source
					.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path)))
					.replace(/\b__filename\b/g, JSON.stringify(args.path));
				return { contents, loader: 'ts' };
			});
		},
	};
};

/**
 * @param {{ outfile?: string, entry?: string, engine?: string }} [options] entry: the program to bundle (default
 *   workspace/cli.ts; the benchmark passes bench/bench.ts); engine: an apps-engine version from workspace/engines.json
 *   (default SUBPROCESSORS_ENGINE, else the newest) — the process that runs the bundle must have the same
 *   SUBPROCESSORS_ENGINE (workspace/src/deno.ts checks)
 * @returns {Promise<string>} the bundle's path (run it with `node <path> [args]`, or require it and call main(argv))
 */
async function buildCli({ outfile, entry = path.join(root, 'workspace', 'cli.ts'), engine = process.env.SUBPROCESSORS_ENGINE } = {}) {
	const selected = engineFor(engine);
	const newest = selected.version === ENGINES[0].version;
	if (!outfile) outfile = newest ? DEFAULT_OUTFILE : DEFAULT_OUTFILE.replace(/\.cjs$/, `-${selected.version}.cjs`);
	else if (!newest) outfile = outfile.replace(/(\.c?js)?$/, `-${selected.version}$1`);
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		sourcemap: 'inline',
		logLevel: 'silent',
		plugins: [keepPaths(selected)],
	});
	return outfile;
}

module.exports = { buildCli, engineFor, DEFAULT_OUTFILE };
