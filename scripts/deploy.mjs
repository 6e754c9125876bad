// `npm run deploy -- --url URL (--username U --password P [--code 2FA] | --userid ID --token T) [--update]`:
// packages the app (`npm run package`) and uploads the bundled zip through the REST calls `rc-apps deploy` makes
// (@rocket.chat/apps-cli lib/misc/deployHelpers.js): log in (`POST /api/v1/login`, or check a personal access
// token with `GET /api/v1/me`), `GET /api/apps/<id>` to see whether it is installed, then `POST /api/apps`
// (install) or `POST /api/apps/<id>` (update), multipart with the fields `app` (the zip) and `permissions`
// (app.json's, as JSON). `rc-apps deploy` itself can't be used: it recompiles from source and drops the bundle.
// Its helper isn't called either: it says "Invalid username and password or missing 2FA code" for both cases,
// reads no HTTP status, and reports the server's refusals as `Error: Error: Deployment error: …`.
// Server side (shapes and status codes): Rocket.Chat apps/meteor/ee/server/apps/communication/rest.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageApp } from './package.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const USAGE =
	'usage: npm run deploy -- --url URL (--username U --password P [--code 2FA] | --userid ID --token T) [--update] [--no-typecheck]';

class DeployError extends Error {}
class UsageError extends Error {}

/** Flags as `--name value` or `--name=value`; booleans `--update`, `--no-typecheck`, `--help`. */
export function parseArgs(argv) {
	const valued = new Set(['url', 'username', 'password', 'code', 'userid', 'token']);
	const flags = {};
	for (let i = 0; i < argv.length; i++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!match) throw new UsageError(`unexpected argument ${argv[i]}`);
		const [, name, inline] = match;
		if (name === 'update' || name === 'no-typecheck' || name === 'help') flags[name] = true;
		else if (valued.has(name)) {
			const value = inline ?? argv[++i];
			if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
			flags[name] = value;
		} else throw new UsageError(`unknown option --${name}`);
	}
	if (flags.help) return flags;
	if (!flags.url) throw new UsageError('--url is required');
	let url;
	try {
		url = new URL(flags.url);
	} catch {
		throw new UsageError(`--url ${flags.url} is not a URL (e.g. https://chat.example.com)`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--url ${flags.url}: http or https only`);
	flags.url = url.href.replace(/\/+$/, '');
	const byPassword = flags.username !== undefined || flags.password !== undefined;
	const byToken = flags.userid !== undefined || flags.token !== undefined;
	if (byPassword === byToken) throw new UsageError('log in with either --username and --password or --userid and --token');
	if (byPassword && (flags.username === undefined || flags.password === undefined))
		throw new UsageError('--username and --password go together');
	if (byToken && (flags.userid === undefined || flags.token === undefined)) throw new UsageError('--userid and --token go together');
	if (flags.code && !byPassword) throw new UsageError('--code goes with --username and --password');
	return flags;
}

async function call(url, init, what) {
	let response;
	try {
		response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
	} catch (error) {
		const cause = error?.cause?.code ?? error?.name ?? 'no answer';
		throw new DeployError(`${what}: could not reach ${new URL(url).origin} (${cause}); check --url`);
	}
	const text = await response.text();
	let body;
	try {
		body = text ? JSON.parse(text) : {};
	} catch {
		throw new DeployError(
			`${what}: ${new URL(url).origin} answered HTTP ${response.status} with no JSON: is --url a Rocket.Chat workspace?`,
		);
	}
	return { status: response.status, body };
}

/** Logs in; returns the auth headers. Rocket.Chat answers a failed login 401 `{status:'error', error, message}`. */
export async function login(flags) {
	if (flags.token) {
		const { body } = await call(
			`${flags.url}/api/v1/me`,
			{ headers: { 'X-User-Id': flags.userid, 'X-Auth-Token': flags.token } },
			'login',
		);
		if (body.success !== true)
			throw new DeployError(
				'login: the server refused --userid/--token (a personal access token of a user with the manage-apps permission)',
			);
		return { 'X-User-Id': flags.userid, 'X-Auth-Token': flags.token };
	}
	const credentials = { username: flags.username, password: flags.password, ...(flags.code ? { code: flags.code } : {}) };
	const { body } = await call(
		`${flags.url}/api/v1/login`,
		{ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials) },
		'login',
	);
	if (body.status === 'success' && body.data?.authToken) return { 'X-User-Id': body.data.userId, 'X-Auth-Token': body.data.authToken };
	if (body.error === 'totp-required')
		throw new DeployError(
			'login: this account has two-factor authentication: add --code with the current code (or use --userid and --token)',
		);
	if (body.error === 'totp-invalid') throw new DeployError('login: the two-factor code (--code) was not accepted; use the current one');
	if (body.error === 'error-too-many-requests' || /too many/i.test(body.message ?? ''))
		throw new DeployError(`login: too many attempts; the server says: ${body.message ?? body.error}`);
	throw new DeployError('login: wrong username or password');
}

/** What a refusal means, from the handler's answers (rest.ts) and the API's own (401/403). */
function refusal(status, body, action) {
	const error = String(body.error ?? body.message ?? '');
	if (error === 'private_app_install_disabled')
		return `${action}: this workspace does not allow private apps (Administration → Settings → Apps, or its plan); ask its admin`;
	if (error === 'Cannot_Update_Exempt_App')
		return `${action}: this workspace (Community, no licence) keeps the installed version of a private app and refuses updates; remove the app and install it again`;
	if (/limit|maximum|max.*apps/i.test(error))
		return `${action}: the workspace's app limit is reached (${error}); disable or remove another private app, or upgrade the plan`;
	if (status === 401) return `${action}: the session was refused (401); log in again`;
	if (status === 403) return `${action}: this user may not manage apps (the manage-apps permission, e.g. the admin role)`;
	if (body.status === 'compiler_error' || body.status === 'storage_error' || body.status === 'app_user_error')
		return `${action}: the server refused the app (${body.status}): ${JSON.stringify(body.messages ?? [])}`;
	return `${action}: the server answered HTTP ${status}: ${error || JSON.stringify(body)}`;
}

const ENABLED = new Set(['auto_enabled', 'manually_enabled']);

/** Uploads the zip: an install, or an update when the app is installed (or `update`). Returns what happened. */
export async function upload(flags, headers, zip, info) {
	const installed = await call(`${flags.url}/api/apps/${info.id}`, { headers }, 'looking for the installed app');
	if (installed.status === 401 || installed.status === 403)
		throw new DeployError(refusal(installed.status, installed.body, 'looking for the installed app'));
	const update = flags.update === true || installed.body.success === true;
	const form = new FormData();
	form.append('app', new Blob([zip], { type: 'application/zip' }), `${info.nameSlug}_${info.version}.zip`);
	form.append('permissions', JSON.stringify(info.permissions ?? []));
	const action = update ? 'update' : 'install';
	const { status, body } = await call(
		`${flags.url}/api/apps${update ? `/${info.id}` : ''}`,
		{ method: 'POST', headers, body: form },
		action,
	);
	if (body.success !== true) throw new DeployError(refusal(status, body, action));
	const state = body.app?.status;
	// An install the workspace can't enable (its private-app limit, canEnableApp in rest.ts) still answers success.
	const enabled = state === undefined || ENABLED.has(state);
	return { action, status: state, enabled };
}

export async function deploy(flags, log = console.log) {
	const { zip, info, zipPath } = await packageApp({ typecheck: !flags['no-typecheck'] });
	log(`${path.relative(process.cwd(), zipPath)}: ${zip.length} bytes`);
	const headers = await login(flags);
	const result = await upload(flags, headers, zip, info);
	if (!result.enabled) {
		throw new DeployError(
			`${result.action}: uploaded, but the workspace did not enable it (status ${result.status}): its app limit may be reached; see Administration → Apps`,
		);
	}
	log(
		`${result.action === 'update' ? 'Updated' : 'Installed'} ${info.name} ${info.version} on ${flags.url} (${result.status ?? 'enabled'})`,
	);
	return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	// One clear line for a user's mistake, never a stack trace: exit 2 for usage, 1 for a failure.
	let flags;
	try {
		flags = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`deploy: ${error.message} (${USAGE})`);
		process.exit(2);
	}
	if (flags.help) {
		console.log(USAGE);
		process.exit(0);
	}
	try {
		await deploy(flags);
	} catch (error) {
		console.error(error instanceof DeployError ? `deploy: ${error.message}` : `deploy: ${error?.message ?? error}`);
		process.exit(1);
	}
}
