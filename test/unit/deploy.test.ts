// `npm run deploy` against a local stand-in for a Rocket.Chat workspace (127.0.0.1 only) that answers as the
// server's handlers do: the apps REST API in apps/meteor/ee/server/apps/communication/rest.ts (POST /api/apps,
// GET and POST /api/apps/:id; `API.v1.failure` is 400 {success:false, error}, `API.v1.internalError(msg)` 500,
// `API.v1.notFound(msg)` 404) and the login route (POST /api/v1/login: 200 {status:'success', data:{userId,
// authToken}}; 401 {status:'error', error:'Unauthorized' | 'totp-required' | 'totp-invalid', message}).
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { unzipSync } from 'fflate';

// Each test runs the CLI as child processes (the usage test seven times): on a loaded two-core machine a spawn can
// take seconds, so jest's 5-second default failed tests that were right. A limit, not a timed assertion.
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..');
const APP = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8'));

interface Seen {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
}

type Mode = 'ok' | 'private-disabled' | 'limit' | 'installed';

let server: Server;
let base: string;
let seen: Seen[];
let mode: Mode;

const json = (status: number, body: unknown) => ({ status, body });

function answer(req: Seen): { status: number; body: unknown } {
	const authed = req.headers['x-auth-token'] === 'token-1' && req.headers['x-user-id'] === 'user-1';
	if (req.method === 'POST' && req.url === '/api/v1/login') {
		const { username, password, code } = JSON.parse(req.body.toString('utf8'));
		if (password !== 'right') return json(401, { status: 'error', error: 'Unauthorized', message: 'Unauthorized' });
		if (username === 'twofa' && !code)
			return json(401, { status: 'error', error: 'totp-required', message: 'TOTP Required', details: { method: 'totp' } });
		if (username === 'twofa' && code !== '123456')
			return json(401, { status: 'error', error: 'totp-invalid', message: 'TOTP Invalid [totp-invalid]' });
		return json(200, { status: 'success', data: { userId: 'user-1', authToken: 'token-1', me: { username } } });
	}
	if (req.method === 'GET' && req.url === '/api/v1/me') {
		return authed
			? json(200, { success: true, _id: 'user-1' })
			: json(401, { status: 'error', message: 'You must be logged in to do this.' });
	}
	if (!req.url.startsWith('/api/apps')) return json(404, { success: false, error: 'Not found' });
	if (!authed) return json(401, { status: 'error', message: 'You must be logged in to do this.' });
	if (req.method === 'GET' && req.url === `/api/apps/${APP.id}`) {
		return mode === 'installed'
			? json(200, { success: true, app: { id: APP.id, status: 'manually_enabled' } })
			: json(404, { success: false, error: `No App found by the id of: ${APP.id}` });
	}
	if (req.method === 'POST' && (req.url === '/api/apps' || req.url === `/api/apps/${APP.id}`)) {
		if (mode === 'private-disabled') return json(500, { success: false, error: 'private_app_install_disabled' });
		// Over the private-app limit the server installs the app but canEnableApp refuses to enable it: success anyway.
		const status = mode === 'limit' ? 'initialized' : 'manually_enabled';
		return json(200, {
			success: true,
			app: { id: APP.id, version: APP.version, status },
			implemented: {},
			licenseValidation: { errors: {}, warnings: {} },
		});
	}
	return json(404, { success: false, error: 'Not found' });
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
			seen.push(request);
			const { status, body } = answer(request);
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	seen = [];
	mode = 'ok';
});

function deploy(...args: string[]): Promise<{ code: number; out: string; err: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[path.join(root, 'scripts/deploy.mjs'), '--no-typecheck', ...args],
			{ cwd: root, timeout: 60_000 },
			(error, stdout, stderr) => {
				resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout.trim(), err: stderr.trim() });
			},
		);
	});
}

const byPassword = (user = 'admin', password = 'right') => ['--url', base, '--username', user, '--password', password];

test("installs: logs in, finds no installed app, POSTs the bundled zip and app.json's permissions to /api/apps", async () => {
	const result = await deploy(...byPassword());
	expect(result).toMatchObject({ code: 0, err: '' });
	expect(result.out).toContain(`Installed Subprocessors ${APP.version} on ${base} (manually_enabled)`);
	expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/login', `GET /api/apps/${APP.id}`, 'POST /api/apps']);
	const post = seen[2];
	expect(post.headers).toMatchObject({ 'x-auth-token': 'token-1', 'x-user-id': 'user-1' });
	// Node 20's own multipart parser (the typings here are Node 16's, without it).
	const { Response } = globalThis as unknown as {
		Response: new (body: Buffer, init: object) => { formData(): Promise<{ get(name: string): unknown }> };
	};
	const form = await new Response(post.body, { headers: { 'content-type': String(post.headers['content-type']) } }).formData();
	expect(JSON.parse(String(form.get('permissions')))).toEqual(APP.permissions);
	const files = unzipSync(new Uint8Array(await (form.get('app') as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer()));
	// The bundled package: one JS file and the app.json that names it.
	expect(Object.keys(files).filter((name) => name.endsWith('.js'))).toEqual(['SubprocessorApp.js']);
	expect(JSON.parse(Buffer.from(files['app.json']).toString('utf8'))).toMatchObject({ id: APP.id, classFile: 'SubprocessorApp.js' });
});

test('an installed app is updated (POST /api/apps/:id), with a personal access token', async () => {
	mode = 'installed';
	const result = await deploy('--url', `${base}/`, '--userid', 'user-1', '--token', 'token-1');
	expect(result).toMatchObject({ code: 0, err: '' });
	expect(result.out).toContain('Updated Subprocessors');
	expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/me', `GET /api/apps/${APP.id}`, `POST /api/apps/${APP.id}`]);
});

test.each([
	['wrong password', () => byPassword('admin', 'wrong'), 'deploy: login: wrong username or password'],
	[
		'2FA required',
		() => byPassword('twofa'),
		'deploy: login: this account has two-factor authentication: add --code with the current code (or use --userid and --token)',
	],
	[
		'2FA code wrong',
		() => [...byPassword('twofa'), '--code', '000000'],
		'deploy: login: the two-factor code (--code) was not accepted; use the current one',
	],
	[
		'token refused',
		() => ['--url', base, '--userid', 'user-1', '--token', 'nope'],
		'deploy: login: the server refused --userid/--token (a personal access token of a user with the manage-apps permission)',
	],
])('%s: one line, exit 1, nothing uploaded', async (_name, args, line) => {
	const result = await deploy(...args());
	expect(result.code).toBe(1);
	expect(result.err).toBe(line);
	expect(seen.filter((r) => r.url.startsWith('/api/apps'))).toEqual([]);
});

test("private apps disabled: the server's 500 private_app_install_disabled is said plainly", async () => {
	mode = 'private-disabled';
	const result = await deploy(...byPassword());
	expect(result.code).toBe(1);
	expect(result.err).toBe(
		'deploy: install: this workspace does not allow private apps (Administration → Settings → Apps, or its plan); ask its admin',
	);
});

test("over the workspace's app limit: installed but not enabled is a failure that says why", async () => {
	mode = 'limit';
	const result = await deploy(...byPassword());
	expect(result.code).toBe(1);
	expect(result.err).toBe(
		'deploy: install: uploaded, but the workspace did not enable it (status initialized): its app limit may be reached; see Administration → Apps',
	);
});

test('a wrong URL: nothing listening, or a server that is not Rocket.Chat', async () => {
	const closed = createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	const port = (closed.address() as AddressInfo).port;
	await new Promise((resolve) => closed.close(resolve));
	const nothing = await deploy('--url', `http://127.0.0.1:${port}`, '--username', 'a', '--password', 'b');
	expect(nothing.code).toBe(1);
	expect(nothing.err).toMatch(/^deploy: login: could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); check --url$/);

	const html = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
	await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
	const other = await deploy('--url', `http://127.0.0.1:${(html.address() as AddressInfo).port}`, '--username', 'a', '--password', 'b');
	await new Promise((resolve) => html.close(resolve));
	expect(other.code).toBe(1);
	expect(other.err).toMatch(/answered HTTP 200 with no JSON: is --url a Rocket.Chat workspace\?$/);
});

test('usage mistakes: one line, exit 2, no request', async () => {
	for (const args of [
		[],
		['--url', 'chat.example'],
		['--url', base],
		['--url', base, '--username', 'a'],
		['--url', base, '--userid', 'u', '--token', 't', '--code', '1'],
		['--bogus'],
	]) {
		const result = await deploy(...args);
		expect(result.code).toBe(2);
		expect(result.err.split('\n')).toHaveLength(1);
		expect(result.err).toMatch(/^deploy: .+ \(usage: npm run deploy -- --url URL/);
	}
	expect(seen).toEqual([]);
	expect(await deploy('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^usage: npm run deploy/) });
});
