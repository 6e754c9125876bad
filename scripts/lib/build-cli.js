// Bundles the local workspace CLI (workspace/cli.ts and the facade it drives) into one CommonJS file with
// esbuild, in ~0.1 s and offline. The engine stays where `npm ci` prepared it: imports into workspace/engine/
// become absolute requires, npm packages stay external (resolved from the repository's node_modules), and
// __dirname/__filename keep meaning each source file's own folder/file (deno.ts finds the engine that way).
// CommonJS so that both scripts/workspace.mjs and the TypeScript tests can load it.
const { build } = require('esbuild');
const { readFile } = require('node:fs/promises');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const DEFAULT_OUTFILE = path.join(root, '.workspace-cache', 'cli.cjs');

const keepPaths = {
    name: 'workspace-paths',
    setup(b) {
        b.onResolve({ filter: /[\\/]engine[\\/]node_modules[\\/]/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), external: true }));
        b.onLoad({ filter: /\.ts$/ }, async (args) => {
            const source = await readFile(args.path, 'utf8');
            const contents = source
                .replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path)))
                .replace(/\b__filename\b/g, JSON.stringify(args.path));
            return { contents, loader: 'ts' };
        });
    },
};

/**
 * @param {{ outfile?: string, entry?: string }} [options] entry: the program to bundle (default workspace/cli.ts; the benchmark passes bench/bench.ts)
 * @returns {Promise<string>} the bundle's path (run it with `node <path> [args]`, or require it and call main(argv))
 */
async function buildCli({ outfile = DEFAULT_OUTFILE, entry = path.join(root, 'workspace', 'cli.ts') } = {}) {
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
        plugins: [keepPaths],
    });
    return outfile;
}

module.exports = { buildCli, DEFAULT_OUTFILE };
