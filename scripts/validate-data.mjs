// Validates a list file with the app's own schema: `npm run validate-data [FILE]` (default: the bundled list).
// Exit 1 with every problem as FILE:LINE FIELD: MESSAGE.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildApp from './lib/build-app.js';

const { importTs } = buildApp;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function validateListFile(file) {
	const { parseList, formatProblem } = await importTs(path.join(root, 'src/features/list/schema.ts'));
	const result = parseList(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
	return result.ok
		? { ok: true, count: result.list.subprocessors.length, updated: result.list.updated }
		: { ok: false, messages: result.problems.map(formatProblem) };
}

const USAGE = 'usage: npm run validate-data [-- FILE]   (default: data/subprocessors.yaml)';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	// A user's mistake gets one clear line, never a stack trace: exit 2 for usage, 1 for a failure.
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		console.log(USAGE);
		process.exit(0);
	}
	if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
		console.error(`validate-data: unexpected ${args.length > 1 ? `arguments: ${args.join(' ')}` : `option ${args[0]}`} (${USAGE})`);
		process.exit(2);
	}
	const file = path.resolve(args[0] ?? path.join(root, 'data/subprocessors.yaml'));
	let result;
	try {
		result = await validateListFile(file);
	} catch (error) {
		const reason =
			error?.code === 'ENOENT'
				? 'no such file'
				: error?.code === 'EISDIR'
					? 'is a folder, not a file'
					: (error?.message ?? String(error));
		console.error(`validate-data: ${path.relative(process.cwd(), file) || file}: ${reason}`);
		process.exit(1);
	}
	if (result.ok) {
		console.log(`${path.relative(process.cwd(), file)}: valid, ${result.count} sub-processors, updated ${result.updated}`);
	} else {
		console.error(result.messages.join('\n'));
		process.exit(1);
	}
}
