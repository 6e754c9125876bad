// The local workspace CLI (workspace/cli.ts) as users and scripts run it: a child process on the bundled CLI
// (not through npm, to stay fast), against the app packaged once for the whole file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { buildAppZip } from '../../scripts/lib/build-app';
import { buildCli } from '../../scripts/lib/build-cli';
import { LineError, parseAssignments, parseDuration, parseLine, settingValue } from '../../workspace/src/cli/parse';
import { NOOP_APP_DIR, runScript } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

let tmp: string;
let cli: string;
let appZip: string;
let noopZip: string;

interface Run {
	code: number | null;
	stdout: string;
	stderr: string;
}

const runCli = (args: string[], input?: string): Promise<Run> => runScript(cli, args, input);

const records = (run: Run) =>
	run.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));

beforeAll(async () => {
	tmp = mkdtempSync(path.join(tmpdir(), 'workspace-cli-test-'));
	cli = await buildCli({ outfile: path.join(ROOT, '.workspace-cache', 'cli-test.cjs') });
	// One packaging per run (no type-check, like `npm start`); WORKSPACE_CLI_TEST_ZIP runs the tests on a given zip.
	appZip =
		process.env.WORKSPACE_CLI_TEST_ZIP ??
		((await buildAppZip({ root: ROOT, entry: 'SubprocessorApp.ts', outDir: tmp })).zipPath as string);
	noopZip = (await buildAppZip({ root: NOOP_APP_DIR, outDir: tmp, minify: false })).zipPath as string;
});

afterAll(() => {
	rmSync(tmp, { recursive: true, force: true });
});

describe('line parser', () => {
	test('prefixes, comments and line kinds', () => {
		expect(parseLine('  # a comment')).toBeUndefined();
		expect(parseLine('#')).toBeUndefined();
		expect(parseLine('')).toBeUndefined();
		expect(parseLine('@bob #general /subprocessors share categories')).toEqual({
			user: 'bob',
			room: 'general',
			command: { kind: 'slash', text: '/subprocessors share categories' },
			source: '@bob #general /subprocessors share categories',
		});
		expect(parseLine('#privacy-team @dpo')?.command).toEqual({ kind: 'switch' });
		expect(parseLine('click object:acme "a b"')?.command).toEqual({ kind: 'click', actionId: 'object:acme', value: 'a b' });
		expect(parseLine('set digest_rooms #general')?.command).toEqual({ kind: 'set', id: 'digest_rooms', value: '#general' });
		expect(parseLine('in #privacy-team')?.command).toEqual({ kind: 'in', room: 'privacy-team' });
		expect(() => parseLine('frobnicate')).toThrow(/unknown line "frobnicate"/);
		expect(parseLine('^2 @alice #general /subprocessors in EU')).toEqual({
			instance: 2,
			user: 'alice',
			room: 'general',
			command: { kind: 'slash', text: '/subprocessors in EU' },
			source: '^2 @alice #general /subprocessors in EU',
		});
		expect(parseLine('@bob ^3')).toMatchObject({ instance: 3, user: 'bob', command: { kind: 'switch' } });
		expect(parseLine('kill ^2')?.command).toEqual({ kind: 'kill', instance: 2 });
		expect(parseLine('restart ^2')?.command).toEqual({ kind: 'restart', instance: 2 });
		expect(() => parseLine('kill')).toThrow(/kill needs an instance: kill \^N/);
		expect(() => parseLine('^2 kill ^1')).toThrow(/kill takes no prefix/);
		expect(() => parseLine('^1 ^2 /subprocessors')).toThrow(/two instance prefixes/);
		expect(() => parseLine('@bob @alice /x')).toThrow(LineError);
	});

	test('durations, modal values and setting values', () => {
		expect(parseDuration('45s')).toBe(45_000);
		expect(parseDuration('90m')).toBe(5_400_000);
		expect(parseDuration('31d')).toBe(31 * 86_400_000);
		expect(parseDuration('1h30m')).toBe(5_400_000);
		expect(() => parseDuration('5x')).toThrow('bad duration "5x"');
		expect(() => parseDuration('h')).toThrow(LineError);
		expect(parseAssignments('reason="too \\"far\\" away" name=Ada empty=""')).toEqual({
			reason: 'too "far" away',
			name: 'Ada',
			empty: '',
		});
		expect(() => parseAssignments('reason')).toThrow('submit expects FIELD=VALUE pairs');
		expect(() => parseAssignments('a="open')).toThrow('unterminated quote');
		const roomId = (name: string) => `room-${name}`;
		expect(settingValue('42', 'int', roomId)).toBe(42);
		expect(settingValue('true', 'boolean', roomId)).toBe(true);
		expect(settingValue('["a","b"]', 'multiSelect', roomId)).toEqual(['a', 'b']);
		expect(settingValue('hello there', 'string', roomId)).toBe('hello there');
		expect(settingValue('#general #privacy-team', 'roomPick', roomId)).toEqual([{ _id: 'room-general' }, { _id: 'room-privacy-team' }]);
	});

	test('get and post lines: path, file, "quoted" headers, --sign', () => {
		expect(parseLine('get /subprocessors.json?location=EU If-None-Match="\\"abc\\""')?.command).toEqual({
			kind: 'http',
			method: 'GET',
			path: '/subprocessors.json?location=EU',
			headers: { 'if-none-match': '"abc"' },
		});
		expect(parseLine('get changes.atom')?.command).toMatchObject({ method: 'GET', path: '/changes.atom', headers: {} });
		expect(parseLine('post /update list.yaml --sign "a long secret" x-trace=1')?.command).toEqual({
			kind: 'http',
			method: 'POST',
			path: '/update',
			file: 'list.yaml',
			headers: { 'x-trace': '1' },
			sign: 'a long secret',
		});
		expect(parseLine('post /update "my list.json" x-subprocessors-signature=sha256=00')?.command).toMatchObject({
			file: 'my list.json',
			headers: { 'x-subprocessors-signature': 'sha256=00' },
		});
		expect(() => parseLine('get')).toThrow('get needs a path');
		expect(() => parseLine('post /update')).toThrow('post needs a file to send');
		expect(() => parseLine('post /update a=b')).toThrow('post needs a file to send');
		expect(() => parseLine('post /update list.yaml --sign')).toThrow('--sign needs the shared secret');
		expect(() => parseLine('get /x --sign s')).toThrow('use it with post');
		expect(() => parseLine('get /x --frob')).toThrow('unknown option --frob');
		expect(() => parseLine('get /x accept')).toThrow('HEADER=VALUE pairs');
		expect(() => parseLine('post /update l.yaml --sign s x-subprocessors-signature=sha256=00')).toThrow('not both');
		expect(() => parseLine('post /update l.yaml --sign s x-subprocessors-timestamp=1')).toThrow('not both');
		expect(parseLine('post /update l.yaml --json-list --sign s')?.command).toMatchObject({ file: 'l.yaml', jsonList: true, sign: 's' });
		expect(() => parseLine('get /x --json-list')).toThrow('use it with post');
		expect(() => parseLine('@bob get /x')).toThrow('anonymous HTTP request');
	});
});

test('--json --exec: a private answer, a shared room message and help, one JSON object per thing seen', async () => {
	const run = await runCli([
		'--zip',
		appZip,
		'--json',
		'--exec',
		'/subprocessors in Brazil',
		'--exec',
		'@bob #general /subprocessors share categories',
		'--exec',
		'/subprocessors help',
	]);
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	const out = records(run);

	const brazil = out.filter((r) => r.step === 1);
	expect(brazil).toHaveLength(1);
	expect(brazil[0]).toMatchObject({ kind: 'notification', room: 'general', user: 'alice' });
	expect(brazil[0].text).toContain('Rocketchat Tecnologia LTDA');
	expect(brazil[0].blocks.length).toBeGreaterThan(0);

	// A room message is printed once (not once per member), with its sender.
	const shared = out.filter((r) => r.step === 2);
	expect(shared).toHaveLength(1);
	expect(shared[0]).toMatchObject({ kind: 'message', room: 'general' });
	expect(shared[0].user).toMatch(/\.bot$/);
	expect(shared[0].text).toContain('Bob Member');

	const help = out.filter((r) => r.step === 3);
	expect(help).toHaveLength(1);
	expect(help[0]).toMatchObject({ kind: 'notification', user: 'alice' });
	expect(help[0].text).toContain('/subprocessors in PLACE');
});

test.each([
	[['--exec', '@carol /subprocessors help'], /--exec 1: unknown user "carol" \(users: alice, bob, admin, dpo\)/],
	[['--exec', '/subprocessors help', '--exec', '#random /subprocessors'], /--exec 2: unknown room "random"/],
	[['--exec', 'frobnicate'], /--exec 1: unknown line "frobnicate"/],
	[['--exec', 'advance 5x'], /--exec 1: bad duration "5x"/],
	[['--frob'], /unknown option --frob/],
	[['--exec', '^2 /subprocessors help'], /--exec 1: \^2, kill and restart need --instances N/],
	[['--instances', '2', '--exec', 'kill ^3'], /--exec 1: no instance \^3 \(--instances 2\)/],
	[['--instances', '0'], /--instances needs a number from 1 to 99/],
	[['--exec', '^x /subprocessors help'], /bad instance prefix "\^x"/],
])('a bad command line or line fails before the engine starts: %j', async (args, message) => {
	const run = await runCli(['--zip', appZip, ...args]);
	expect(run.code).toBe(2);
	expect(run.stderr).toMatch(message);
	expect(run.stdout).toBe('');
});

test.each([
	[['--exec', 'post /update no/such/list.yaml --sign a-long-shared-secret'], /--exec 1: no such file: no\/such\/list\.yaml/],
	[['--exec', 'post /update'], /--exec 1: post needs a file to send/],
	[['--exec', 'get /subprocessors.json accept'], /--exec 1: get expects HEADER=VALUE pairs/],
])('a bad get/post line fails before the engine starts: %j', async (args, message) => {
	const run = await runCli(['--zip', appZip, ...args]);
	expect(run.code).toBe(2);
	expect(run.stderr).toMatch(message);
	expect(run.stdout).toBe('');
});

describe("get and post: the app's HTTP endpoints as a client calls them", () => {
	const SECRET = 'a-long-shared-secret-for-tests';
	const V2 = 'test/engine/fixtures/lists/v2.yaml'; // relative to where the CLI runs (ROOT)

	test('--json: one http object per request, with status, sorted headers and the complete body', async () => {
		const run = await runCli([
			'--zip',
			appZip,
			'--json',
			'--exec',
			'get /subprocessors.json',
			'--exec',
			'set public_feeds true',
			'--exec',
			'get /subprocessors.json accept=application/json',
		]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const out = records(run);
		expect(out.map((r) => [r.step, r.kind, r.status])).toEqual([
			[1, 'http', 404],
			[3, 'http', 200],
		]);
		const ok = out[1];
		expect(Object.keys(ok)).toEqual(['step', 'kind', 'room', 'user', 'text', 'blocks', 'status', 'headers', 'body', 'at']);
		expect(ok).toMatchObject({ room: null, user: null, blocks: [] });
		expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(Object.keys(ok.headers)).toEqual([...Object.keys(ok.headers)].sort());
		expect(ok.body).toContain('"format":"subprocessors/v1"');
		expect(JSON.parse(ok.body).subprocessors).toHaveLength(15); // complete, not cut short
		expect(ok.text).toMatch(/^HTTP 200 OK\ncache-control: public, max-age=300\ncontent-type: application\/json; charset=utf-8\n/);
		expect(ok.text).toContain('\n  "format": "subprocessors/v1",\n'); // pretty-printed
	});

	test('transcript: 404 while feeds are off, a long body cut short, a signed push that announces, a wrong signature, a YAML body', async () => {
		const run = await runCli([
			'--zip',
			appZip,
			'--exec',
			'get /subprocessors.json',
			'--exec',
			'set public_feeds true',
			'--exec',
			'get /subprocessors.json',
			'--exec',
			'advance 1s',
			'--exec',
			`set update_secret "${SECRET}"`,
			'--exec',
			`post /update ${V2} --json-list --sign ${SECRET}`,
			'--exec',
			`post /update ${V2} --json-list --sign not-the-shared-secret`,
			'--exec',
			`post /update ${V2} --sign ${SECRET}`,
		]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0); // statuses of 400 and more are results, not failures
		const steps = run.stdout.split(/^(?=alice@general> )/m);
		expect(steps[0]).toBe(
			'alice@general> get /subprocessors.json\n  HTTP 404 Not Found\n      content-type: text/plain; charset=utf-8\n\n      Not found\n',
		);
		expect(steps[2]).toContain('  HTTP 200 OK\n      cache-control: public, max-age=300\n');
		expect(steps[2]).toMatch(/ {6}… \(\d+ more lines; --json prints the whole body\)\n$/);
		expect(steps[2].split('\n').length).toBeLessThan(100);

		const push = steps[5];
		expect(push).toMatch(/^alice@general> post \/update \S+v2\.yaml --json-list --sign \S+\n {2}HTTP 200 OK\n/);
		expect(push).toContain('"result": "changed"');
		expect(push).toMatch(/ {2}#subprocessor-updates · \S+\.bot:\n {6}Rocket\.Chat \*updated its sub-processor list\*/);
		expect(push.indexOf('HTTP 200 OK')).toBeLessThan(push.indexOf('#subprocessor-updates')); // the response, then what it caused

		expect(steps[6]).toContain('  HTTP 401 Unauthorized\n');
		expect(steps[6]).toContain('missing or wrong x-subprocessors-signature');
		expect(steps[6]).not.toContain('#subprocessor-updates');
		// The YAML file as it is: a server never hands that body to the app.
		expect(steps[7]).toContain('  HTTP 415 Unsupported Media Type\n');
		expect(steps[7]).toContain('{\\"list\\": \\"<the list text>\\"}');
	});

	test('a method the endpoint does not answer fails the step (exit 1)', async () => {
		const run = await runCli(['--zip', appZip, '--exec', 'get /update', '--exec', 'get /subprocessors.csv']);
		expect(run.code).toBe(1);
		expect(run.stderr).toContain("--exec 1: error: the app's endpoint /update does not answer GET (it answers POST)");
		expect(run.stdout).not.toContain('subprocessors.csv');
	});
});

test('--source fails clearly when the app has no list source setting (the noop fixture has none)', async () => {
	const run = await runCli(['--zip', noopZip, '--source', 'data/subprocessors.yaml', '--exec', '/noop']);
	expect(run.code).toBe(1);
	expect(run.stderr).toContain('setup: error: this app version has no list source setting (no app setting "list_source_url")');
	expect(run.stdout).not.toContain('noop #1');
	const line = await runCli(['--zip', noopZip, '--exec', 'source data/subprocessors.yaml']);
	expect(line.code).toBe(1);
	expect(line.stderr).toContain('--exec 1: error: this app version has no list source setting');
});

test('--source with the app: its list source serves the file, and answers come from it', async () => {
	const list = path.join(tmp, 'renamed.yaml');
	writeFileSync(
		list,
		readFileSync(path.join(ROOT, 'data/subprocessors.yaml'), 'utf8').replace(
			'Rocketchat Tecnologia LTDA',
			'Rocketchat Tecnologia Renamed',
		),
	);
	const run = await runCli(['--zip', appZip, '--json', '--source', list, '--exec', '/subprocessors in Brazil']);
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	const brazil = records(run).filter((r) => r.step === 1);
	expect(brazil[0].text).toContain('Rocketchat Tecnologia Renamed');
});

test('serve URL FILE: a second source, read at each request, and pointed at by a setting', async () => {
	expect(parseLine('serve https://vendor.example/list.yaml lists/v1.yaml')?.command).toEqual({
		kind: 'serve',
		url: 'https://vendor.example/list.yaml',
		file: 'lists/v1.yaml',
	});
	expect(() => parseLine('serve lists/v1.yaml')).toThrow(LineError);
	const list = path.join(tmp, 'vendor.yaml');
	writeFileSync(
		list,
		readFileSync(path.join(ROOT, 'data/subprocessors.yaml'), 'utf8').replace('Rocketchat Tecnologia LTDA', 'Served Vendor LTDA'),
	);
	const run = await runCli([
		'--zip',
		appZip,
		'--json',
		'--exec',
		`serve https://vendor.example/list.yaml ${list}`,
		'--exec',
		'set list_source_url https://vendor.example/list.yaml',
		'--exec',
		'advance 0s',
		'--exec',
		'/subprocessors in Brazil',
	]);
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	expect(records(run).filter((r) => r.step === 4)[0].text).toContain('Served Vendor LTDA');
	const missing = await runCli(['--zip', appZip, '--exec', 'serve https://vendor.example/x.yaml no-such-file.yaml']);
	expect(missing.code).toBe(1);
	expect(missing.stderr).toContain('--exec 1: error: no such file: no-such-file.yaml');
});

test('a script file with comments: steps are line numbers, the transcript says who saw what', async () => {
	const script = path.join(tmp, 'demo.txt');
	writeFileSync(
		script,
		[
			'# A demo script',
			'',
			'/subprocessors show stripe',
			'#   indented comments too',
			'@bob #general /subprocessors share in Brazil',
			'',
		].join('\n'),
	);
	const json = await runCli(['--zip', appZip, '--json', script]);
	expect(json.stderr).toBe('');
	expect(json.code).toBe(0);
	expect(records(json).map((r) => [r.step, r.kind, r.room, r.user])).toEqual([
		[3, 'notification', 'general', 'alice'],
		[5, 'message', 'general', expect.stringMatching(/\.bot$/)],
	]);

	const text = await runCli(['--zip', appZip, script]);
	expect(text.code).toBe(0);
	expect(text.stdout).toContain('alice@general> /subprocessors show stripe\n  #general · only visible to alice:\n      Stripe');
	expect(text.stdout).toMatch(/bob@general> \/subprocessors share in Brazil\n {2}#general · \S+\.bot:\n/);
});

test('interactive: prompt, answers, switching user and room, an error that does not end the session, EOF quits', async () => {
	const started = Date.now();
	const run = await runCli(
		['--zip', appZip],
		['/subprocessors categories', 'nonsense', '@dpo #privacy-team', '/subprocessors in Brazil', ''].join('\n'),
	);
	expect(run.code).toBe(0);
	expect(run.stdout).toContain('alice@general> /subprocessors categories\n  #general · only visible to alice:');
	expect(run.stdout).toContain('dpo@privacy-team> /subprocessors in Brazil\n  #privacy-team · only visible to dpo:');
	expect(run.stdout).toContain('Rocketchat Tecnologia LTDA');
	expect(run.stderr).toMatch(/line 2: error: unknown line "nonsense"/);
	expect(Date.now() - started).toBeLessThan(15_000);
});

test('modals, clicks, settings, time and app errors (the noop fixture app)', async () => {
	const script = path.join(tmp, 'noop.txt');
	writeFileSync(
		script,
		[
			'/noop modal',
			'submit name=""',
			'submit name="Ada \\"the\\" Admin"',
			'click noop-again',
			'set greeting "Olá"',
			'@bob /noop',
			'advance 90m',
			'set nothing 1',
		].join('\n'),
	);
	const run = await runCli(['--zip', noopZip, '--json', script]);
	const out = records(run);
	const at = (step: number) => out.filter((r) => r.step === step);
	expect(at(1).map((r) => r.kind)).toEqual(['notification', 'modal']);
	expect(at(1)[1]).toMatchObject({ user: 'alice', action: 'open' });
	expect(at(1)[1].text).toContain('Name: <text> {name}');
	expect(at(2)[0]).toMatchObject({ kind: 'modal', action: 'errors' });
	expect(at(2)[0].text).toContain('! name: Name is required');
	expect(at(3)[0]).toMatchObject({ kind: 'modal', action: 'close' });
	expect(at(4)[0]).toMatchObject({ kind: 'notification', user: 'alice', text: 'again from alice (1)' });
	expect(at(6)[0].text).toContain('noop #2');
	expect(at(7)).toMatchObject([{ kind: 'message', room: 'general', text: 'tick #1 hourly' }]);
	expect(at(8)).toMatchObject([{ kind: 'error', text: 'the app has no setting "nothing" (settings: greeting)' }]);
	expect(run.code).toBe(1);
	expect(run.stderr).toContain('noop.txt:8: error: the app has no setting "nothing"');

	const boom = await runCli(['--zip', noopZip, '--exec', '/noop', '--exec', '/boom', '--exec', '/noop']);
	expect(boom.code).toBe(1);
	expect(boom.stderr).toContain('--exec 2: error in #general (alice): /boom failed: boom: the fixture failed on purpose');
	expect(boom.stdout).not.toContain('noop #2'); // a script stops at the first failing line
});

test('--instances 2: ^N runs a line on instance N over one shared state; kill ^N and restart ^N', async () => {
	const run = await runCli([
		'--zip',
		appZip,
		'--json',
		'--instances',
		'2',
		'--exec',
		'^2 @bob /subprocessors subscribe',
		'--exec',
		'^1 @bob /subprocessors subscribe',
		'--exec',
		'kill ^2',
		'--exec',
		'restart ^2',
		'--exec',
		'^2 /subprocessors show stripe',
	]);
	expect(run.stderr).not.toMatch(/error/i);
	expect(run.code).toBe(0);
	const seen = records(run);
	expect(
		seen
			.filter((r) => r.step === 1)
			.map((r) => r.text)
			.join('\n'),
	).toMatch(/^Abonniert/);
	// Instance 1 sees the subscription instance 2 stored.
	expect(
		seen
			.filter((r) => r.step === 2)
			.map((r) => r.text)
			.join('\n'),
	).toMatch(/bereits abonniert/);
	expect(
		seen
			.filter((r) => r.step === 5)
			.map((r) => r.text)
			.join('\n'),
	).toContain('Stripe');
});
