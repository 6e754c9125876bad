// `npm run package`: type-check, validate the bundled list, bundle the app into one JS file and write
// dist/<slug>_<version>.zip, ready to upload to a workspace (Administration → Apps → Private apps → Upload).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildApp from './lib/build-app.js';

const { buildAppZip } = buildApp;
import { validateListFile } from './validate-data.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quiet = process.argv.includes('--quiet');
const log = (line) => quiet || console.log(line);

/**
 * app.json against the schema `rc-apps package` checks it with (@rocket.chat/apps-cli's appJsonSchema, with the
 * same validator, tv4); returns the problems as `app.json /path: message` lines.
 */
export function appJsonProblems(info = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8'))) {
	const cli = createRequire(createRequire(import.meta.url).resolve('@rocket.chat/apps-cli/package.json'));
	const { appJsonSchema } = cli('./lib/misc/appJsonSchema.js');
	const result = cli('tv4').validateMultiple(info, appJsonSchema);
	return [
		...result.errors.map((e) => `app.json ${e.dataPath || '/'}: ${e.message}`),
		...result.missing.map((m) => `app.json: schema ${m} missing`),
	];
}

export async function packageApp({ typecheck = true } = {}) {
	const problems = appJsonProblems();
	if (problems.length > 0) {
		throw new Error(`app.json does not match the Rocket.Chat App schema:\n${problems.join('\n')}`);
	}
	if (typecheck) {
		execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { stdio: 'inherit' });
	}
	const listFile = path.join(root, 'data/subprocessors.yaml');
	const list = await validateListFile(listFile);
	if (!list.ok) {
		throw new Error(`The bundled list is invalid:\n${list.messages.join('\n')}`);
	}
	return buildAppZip({ root, entry: 'SubprocessorApp.ts', outDir: path.join(root, 'dist') });
}

const USAGE = 'usage: npm run package [-- --no-typecheck] [--quiet]';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	// A user's mistake gets one clear line, never a stack trace: exit 2 for usage, 1 for a failure.
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		console.log(USAGE);
		process.exit(0);
	}
	const unknown = args.filter((a) => a !== '--quiet' && a !== '--no-typecheck');
	if (unknown.length > 0) {
		console.error(`package: unexpected ${unknown.join(' ')} (${USAGE})`);
		process.exit(2);
	}
	try {
		const { zipPath, zip, jsBytes } = await packageApp({ typecheck: !process.argv.includes('--no-typecheck') });
		log(`${path.relative(process.cwd(), zipPath)}: ${zip.length} bytes (app code ${jsBytes} bytes)`);
	} catch (error) {
		console.error(`package: ${error?.message ?? error}`);
		process.exit(1);
	}
}
