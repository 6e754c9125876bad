// `npm run import -- FILE_OR_URL` (issue 16): a vendor's page printed as a list in the app's format.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { parseList } from '../../src/features/list/schema';

const ROOT = path.resolve(__dirname, '..', '..');
const run = (...args: string[]) =>
	spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'import.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
const FIXTURES = path.join('test', 'unit', 'fixtures', 'pages');

test('a messy markdown page comes out as a list the app accepts, with comments for what it could not map', () => {
	const out = run(path.join(FIXTURES, 'acme-v1.md'));
	expect(out.status).toBe(0);
	const parsed = parseList(out.stdout, 'imported.yaml');
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
	expect(parsed.list.subprocessors).toHaveLength(10);
	expect(parsed.list.objections.email).toBe('privacy@acme.example');
	expect(out.stdout).toContain('# Transfer mechanism: SCCs');
	expect(out.stdout).toContain('# Note: kept the place "Frankfurt" as written (not a country)');
});

test.each([
	['a missing file', 'no-such-page.md', /^import: no-such-page\.md: no such file\n$/],
	[
		'a page with no table',
		path.join(FIXTURES, 'prose-only.txt'),
		/^import: .*prose-only\.txt: no table of sub-processors found on the page \(read as markdown\)\n$/,
	],
])('%s: one clear line, a non-zero exit, no stack trace', (_name, target, message) => {
	const out = run(target);
	expect(out.status).not.toBe(0);
	expect(out.stderr).toMatch(message);
	expect(out.stderr).not.toMatch(/\n\s+at /);
	expect(out.stdout).toBe('');
});
