// Reads a vendor's sub-processor page (markdown or HTML, a file or a URL) and prints it as a list in the
// app's format, with comments for what it could not map: `npm run import -- FILE_OR_URL [> list.yaml]`.
// A user's mistake (no such file, a page with no table) is one line on stderr and a non-zero exit.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildApp from './lib/build-app.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const USAGE = 'usage: npm run import -- FILE_OR_URL   (a markdown or HTML sub-processor page; prints the list as YAML)';

class UserError extends Error {}

async function load(target) {
	if (/^https?:\/\//i.test(target)) {
		let response;
		try {
			response = await fetch(target, {
				headers: { Accept: 'text/markdown, text/html;q=0.9, */*;q=0.5' },
				signal: AbortSignal.timeout(15_000),
			});
		} catch (error) {
			throw new UserError(`${target}: unreachable (${error.cause?.message ?? error.message})`);
		}
		if (!response.ok) throw new UserError(`${target}: the server answered HTTP ${response.status}`);
		const bytes = new Uint8Array(await response.arrayBuffer());
		return {
			text: new TextDecoder('utf-8').decode(bytes),
			contentType: response.headers.get('content-type') ?? undefined,
			lastModified: response.headers.get('last-modified') ?? undefined,
			url: target,
			bytes: bytes.length,
		};
	}
	let stat;
	try {
		stat = statSync(target);
	} catch {
		throw new UserError(`${target}: no such file`);
	}
	if (!stat.isFile()) throw new UserError(`${target}: not a file`);
	const bytes = readFileSync(target);
	// Decoded as a server's bytes would be: a stray invalid byte is a replacement character, never an error.
	return { text: new TextDecoder('utf-8').decode(bytes), url: target, bytes: bytes.length };
}

export async function importPage(target) {
	const [{ readSource }, { listToYaml }, { formatProblem, MAX_SOURCE_BYTES }] = await Promise.all([
		buildApp.importTs(path.join(root, 'src/features/list/page/source.ts')),
		buildApp.importTs(path.join(root, 'src/features/list/page/toYaml.ts')),
		buildApp.importTs(path.join(root, 'src/features/list/schema.ts')),
	]);
	const page = await load(target);
	if (page.bytes > MAX_SOURCE_BYTES) throw new UserError(`${target}: larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`);
	const result = readSource(page.text, {
		file: target,
		contentType: page.contentType,
		url: page.url,
		lastModified: page.lastModified,
		now: new Date(),
		expectPage: true,
	});
	if (!result.ok) throw new UserError(result.problems.map(formatProblem).join('\n'));
	return listToYaml(result.list, target);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const target = process.argv[2];
	if (!target || target === '--help' || target === '-h') {
		console.error(USAGE);
		process.exit(target ? 0 : 2);
	}
	try {
		process.stdout.write(await importPage(target));
	} catch (error) {
		if (!(error instanceof UserError)) throw error;
		console.error(`import: ${error.message}`);
		process.exit(1);
	}
}
