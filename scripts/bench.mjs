// `npm run bench [-- --quick]`: bundles bench/bench.ts (and the workspace facade it drives) with esbuild, like
// scripts/workspace.mjs does for the CLI, and runs it in this process. A benchmark, not a test: never in `npm test`.
// Prints a table and, as its last line, one JSON object with every figure. See docs/performance.md.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildCliLib from './lib/build-cli.js';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// `--profile install|command "<text>"…` runs bench/profile.ts instead: the time of one install or command,
// engine round trip by round trip.
const program = process.argv.includes('--profile') ? 'profile' : 'bench';
let bench;
try {
	bench = await buildCliLib.buildCli({
		entry: path.join(root, 'bench', `${program}.ts`),
		outfile: path.join(root, '.workspace-cache', `${program}.cjs`),
	});
} catch (error) {
	console.error(`bench: could not build the benchmark: ${error.message ?? error}`);
	process.exit(1);
}
try {
	await require(bench).main(process.argv.slice(2));
} catch (error) {
	console.error(error?.stack ?? error);
	process.exit(1);
}
