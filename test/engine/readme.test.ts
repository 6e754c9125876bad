// The README's examples are what the app really prints: the examples script runs in the local workspace
// (the packaged app in the real engine) and its transcript must be the README's, to the character.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

test('README examples match a fresh run of docs/readme-examples.txt', () => {
	const transcript = execFileSync(
		process.execPath,
		[path.join(ROOT, 'scripts/workspace.mjs'), path.join(ROOT, 'docs/readme-examples.txt')],
		{
			cwd: ROOT,
			encoding: 'utf8',
			env: { ...process.env, INIT_CWD: ROOT },
		},
	);
	// The examples moved with the `/subprocessors` section from the README to docs/commands.md.
	const readme = readFileSync(path.join(ROOT, 'docs/commands.md'), 'utf8');
	const start = readme.indexOf('<!-- examples:start');
	const end = readme.indexOf('<!-- examples:end -->');
	expect(start).toBeGreaterThan(0);
	const shown = readme.slice(readme.indexOf('```text\n', start) + '```text\n'.length, readme.lastIndexOf('\n```', end));
	expect(transcript.trimEnd()).toBe(shown);
	// And the examples cover every subcommand a member uses.
	for (const sub of ['help', 'show', 'in', 'outside', 'categories', 'share']) expect(shown).toContain(`/subprocessors ${sub}`);
});
