// `npm start` / `npm run workspace -- ...`: bundles the workspace CLI (workspace/cli.ts) and runs it in this
// process. The CLI packages the app (no type-check), installs it in the engine workspace and runs the script or
// the interactive prompt. Usage: `npm run workspace -- --help`.
// `--engine VERSION` (handled here, before the CLI sees its options) picks the Apps-Engine runtime from
// workspace/engines.json; the default is the newest.
import { createRequire } from 'node:module';
import buildCliLib from './lib/build-cli.js';

const require = createRequire(import.meta.url);
const { engines } = require('../workspace/engines.json');
// npm runs scripts in the package root; file arguments are meant relative to where the user typed the command.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

const argv = process.argv.slice(2);
let engine = process.env.SUBPROCESSORS_ENGINE;
for (let i = 0; i < argv.length; i++) {
	if (argv[i] === '--') break;
	if (argv[i] === '--engine' || argv[i].startsWith('--engine=')) {
		const [value] = argv[i] === '--engine' ? argv.splice(i, 2).slice(1) : [argv.splice(i, 1)[0].slice('--engine='.length)];
		if (!value) {
			console.error('workspace: --engine needs a VERSION');
			process.exit(2);
		}
		engine = value;
		i--;
	}
}
const known = engines.map((e) => `${e.version} (Rocket.Chat ${e.rocketChat})`).join(', ');
if (engine !== undefined && !engines.some((e) => e.version === engine)) {
	console.error(`workspace: --engine ${engine}: not an engine of the workspace; known: ${known}`);
	process.exit(2);
}
if (engine) process.env.SUBPROCESSORS_ENGINE = engine;
if (argv.includes('--help') || argv.includes('-h')) {
	// The CLI prints its usage and exits; this option is ours, so it goes after.
	process.on('exit', () =>
		process.stdout.write(
			`\nEngine (scripts/workspace.mjs):\n  --engine VERSION   run in this Apps-Engine runtime instead of the newest: ${known}\n`,
		),
	);
}
let cli;
try {
	cli = await buildCliLib.buildCli({ engine });
} catch (error) {
	console.error(`workspace: could not build the CLI: ${error.message ?? error}`);
	process.exit(1);
}
await require(cli).main(argv);
