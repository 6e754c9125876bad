// `npm start` / `npm run workspace -- ...`: bundles the workspace CLI (workspace/cli.ts) and runs it in this
// process. The CLI packages the app (no type-check), installs it in the engine workspace and runs the script or
// the interactive prompt. Usage: `npm run workspace -- --help`.
import { createRequire } from 'node:module';
import buildCliLib from './lib/build-cli.js';

const require = createRequire(import.meta.url);
// npm runs scripts in the package root; file arguments are meant relative to where the user typed the command.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
let cli;
try {
    cli = await buildCliLib.buildCli();
} catch (error) {
    console.error(`workspace: could not build the CLI: ${error.message ?? error}`);
    process.exit(1);
}
await require(cli).main(process.argv.slice(2));
