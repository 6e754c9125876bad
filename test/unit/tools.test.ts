// The admin tools answer a user's mistake with one clear line, never a stack trace (issue 19, point 5):
// exit 2 for a usage mistake, 1 for a failure.
import { spawnSync } from 'child_process';
import path from 'path';

const root = path.resolve(__dirname, '..', '..');

function run(script: string, ...args: string[]) {
	const result = spawnSync(process.execPath, [path.join(root, 'scripts', script), ...args], {
		cwd: root,
		encoding: 'utf8',
		timeout: 60_000,
	});
	return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node:internal/);

test('validate-data with a file that is not there: one line, exit 1', () => {
	const { code, err, out } = run('validate-data.mjs', 'missing.yaml');
	expect(code).toBe(1);
	expect(err).toBe('validate-data: missing.yaml: no such file');
	expect(out).toBe('');
});

test('validate-data --help prints its usage; an unknown option is a usage mistake (exit 2)', () => {
	expect(run('validate-data.mjs', '--help')).toMatchObject({
		code: 0,
		out: expect.stringMatching(/^usage: npm run validate-data/),
		err: '',
	});
	const wrong = run('validate-data.mjs', '--strict');
	expect(wrong.code).toBe(2);
	expect(wrong.err.split('\n')).toHaveLength(1);
	expect(wrong.err).toContain('unexpected option --strict');
	noStack(wrong.err);
});

test('package --help prints its usage and builds nothing; an unknown option is exit 2', () => {
	expect(run('package.mjs', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: npm run package/), err: '' });
	const wrong = run('package.mjs', '--fast');
	expect(wrong).toMatchObject({ code: 2, out: '' });
	expect(wrong.err.split('\n')).toHaveLength(1);
	noStack(wrong.err);
});
