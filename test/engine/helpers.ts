import * as path from 'path';
import { spawn } from 'child_process';
import { readFileSync } from 'fs';

import { buildAppZip } from '../../scripts/lib/build-app';
import { ENGINE_VERSION } from '../../workspace/src/engine';
import { shownMarkdown } from '../../workspace/src/render';
import type { Workspace } from '../../workspace/src/Workspace';

export const NOOP_APP_DIR = path.join(__dirname, 'fixtures', 'noop-app');

const cache = new Map<string, Promise<Buffer>>();

/** The noop fixture app as an installable zip (built once per test file and version). */
export function noopZip(version = '1.0.0'): Promise<Buffer> {
	if (!cache.has(version))
		cache.set(
			version,
			buildAppZip({ root: NOOP_APP_DIR, appJson: { version }, minify: false }).then((built) => built.zip),
		);
	return cache.get(version) as Promise<Buffer>;
}

/** The app's own zip, packaged once per test run by global-setup.js. */
export function appZip(): Buffer {
	const zipPath = process.env.SUBPROCESSORS_APP_ZIP;
	if (!zipPath) throw new Error('SUBPROCESSORS_APP_ZIP is not set: run the engine tests through jest (global-setup.js packages the app)');
	return readFileSync(zipPath);
}

/** What a user sees, with the zero-width joiners that keep mentions inert taken out, for readable assertions. */
/** What a reader sees of markdown: no zero-width joiners, and the escapes `markupSafe` adds shown as Rocket.Chat's parser shows them. */
export const visible = (text: string): string => shownMarkdown(text.replace(/\u200d/g, ''));

/** The private answers (notifications, as seen) `user` got to a command typed in #general, one text. */
export async function privateAnswers(ws: Workspace, user: string, text: string): Promise<string> {
	const mark = ws.mark();
	await ws.command(user, 'general', text);
	return ws
		.seen(user, mark)
		.filter((e) => e.kind === 'notification')
		.map((e) => visible(e.text))
		.join('\n');
}

/** The status of an app the engine enabled at install or update: 1.59+ record it as enabled by the admin, 1.55 and
 *  1.57 as auto_enabled. */
export const ENABLED_AT_INSTALL = Number(ENGINE_VERSION.split('.')[1]) >= 59 ? 'manually_enabled' : 'auto_enabled';

/** Runs a built Node script (the workspace CLI) from the project root; resolves with its exit code and output. */
export function runScript(script: string, args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [script, ...args], {
			cwd: path.resolve(__dirname, '../..'),
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(input);
	});
}

/** Grounds long enough for the form, and a valid filled-in objection form (values by the inputs' action ids). */
export const OBJECTION_GROUNDS =
	'Stripe processes card data in the United States; our contract requires EU-only processing of customer data.';
export const VALID_OBJECTION = {
	name: 'Alice Example',
	company: 'ACME GmbH',
	service: 'Marketplace',
	subprocessor: 'stripe',
	grounds: OBJECTION_GROUNDS,
	email: 'alice@acme.example',
};
