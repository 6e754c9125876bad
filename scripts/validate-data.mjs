// Validates a list file with the app's own schema: `npm run validate-data [FILE]` (default: the bundled list).
// Exit 1 with every problem as FILE:LINE FIELD: MESSAGE.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildApp from './lib/build-app.js';

const { importTs } = buildApp;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function validateListFile(file) {
    const { parseList, formatProblem } = await importTs(path.join(root, 'src/domain/schema.ts'));
    const result = parseList(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
    return result.ok
        ? { ok: true, count: result.list.subprocessors.length, updated: result.list.updated }
        : { ok: false, messages: result.problems.map(formatProblem) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const file = path.resolve(process.argv[2] ?? path.join(root, 'data/subprocessors.yaml'));
    const result = await validateListFile(file);
    if (result.ok) {
        console.log(`${path.relative(process.cwd(), file)}: valid, ${result.count} sub-processors, updated ${result.updated}`);
    } else {
        console.error(result.messages.join('\n'));
        process.exit(1);
    }
}
