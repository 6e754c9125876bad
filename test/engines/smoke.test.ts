// The smoke suite for the older engines of workspace/engines.json (jest.config.js runs this file once per engine,
// each in its own project: `smoke@<version>`): the workspace bridges cover the engine's bridge methods, the packaged
// app installs, every /subprocessors subcommand answers, a list change is announced, and an objection reaches the
// privacy team. The full suite runs in the newest engine;
// `npm run test:engines` runs it in each.
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

import { SUBCOMMANDS } from '../../src/app/router';
import { AppStatusUtils, ENGINE_VERSION } from '../../workspace/src/engine';
import { selectedEngine } from '../../workspace/src/deno';
import { WorkspaceBridges } from '../../workspace/src/bridges';
import { Clock, DEFAULT_ROOMS, DEFAULT_USERS, WorldState } from '../../workspace/src/state';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from '../engine/helpers';

const URL = 'https://privacy.example/subprocessors.yaml';
const HOUR = 3600_000;
const list = (name: string) => readFileSync(path.join(__dirname, '..', 'engine', 'fixtures', 'lists', name), 'utf8');
const VALID = {
	name: 'Alice Example',
	company: 'ACME GmbH',
	service: 'Marketplace',
	subprocessor: 'stripe',
	grounds: 'Stripe processes card data in the United States; our contract requires EU-only processing of customer data.',
	email: 'alice@acme.example',
};

let ws: Workspace;

beforeAll(async () => {
	ws = await Workspace.start({ zip: appZip(), serverSettings: { SMTP_Host: 'smtp.example' } });
	await ws.advance(0); // the first check: the baseline
});

afterAll(async () => {
	await ws?.stop();
});

/** The one thing `user` saw after running `/subprocessors args`, as text. */
async function ask(user: string, room: string, args: string): Promise<string> {
	const mark = ws.mark();
	await ws.command(user, room, `/subprocessors ${args}`);
	const seen = ws.seen(user, mark).filter((e) => e.kind === 'notification' || e.kind === 'message');
	expect(seen.length).toBeGreaterThan(0);
	return visible(seen.map((e) => e.text).join('\n'));
}

test('the engine under test is the one this project selected, and the packaged app installs enabled', async () => {
	expect(ENGINE_VERSION).toBe(selectedEngine().version);
	expect(ENGINE_VERSION).toBe(process.env.SUBPROCESSORS_ENGINE ?? selectedEngine().version);
	// 1.59+ report an app enabled at install as manually_enabled, 1.55/1.57 as auto_enabled.
	expect(AppStatusUtils.isEnabled(await ws.status())).toBe(true);
	expect([...ws.bridges.commands.commands.keys()]).toContain('subprocessors');
});

// Methods this engine declares that the workspace's bridges lack: calls would fail with "not a function" instead of
// an honest "not supported". The app calls none of them.
const KNOWN_GAPS: Record<string, string[]> = { '1.57.2': ['ExperimentalBridge.getUserRoomIds'] };

test('the workspace bridges have every method this engine declares, but for the known gaps', () => {
	const dir = path.join(selectedEngine().dir, 'node_modules', '@rocket.chat', 'apps-engine', 'server', 'bridges');
	const appBridges = readFileSync(path.join(dir, 'AppBridges.d.ts'), 'utf8');
	const files = new Map([...appBridges.matchAll(/import type \{ (\w+) \} from '\.\/(\w+)'/g)].map((m) => [m[1], m[2]]));
	const bridges = new WorkspaceBridges(
		new WorldState(new Clock(Date.parse('2025-01-01T00:00:00Z')), DEFAULT_USERS, DEFAULT_ROOMS),
	) as unknown as Record<string, () => Record<string, unknown>>;
	const missing: string[] = [];
	let checked = 0;
	for (const [, getter, type] of appBridges.matchAll(/abstract (get\w+)\(\): (\w+);/g)) {
		const file = path.join(dir, `${files.get(type) ?? type}.d.ts`);
		expect(existsSync(file)).toBe(true);
		const bridge = bridges[getter]();
		for (const [, method] of readFileSync(file, 'utf8').matchAll(/^\s+(?:(?:public|protected|abstract)\s+)*(\w+)\(/gm)) {
			if (method === 'constructor') continue;
			checked++;
			if (typeof bridge[method] !== 'function') missing.push(`${type}.${method}`);
		}
	}
	expect(checked).toBeGreaterThan(200);
	expect(missing).toEqual(KNOWN_GAPS[selectedEngine().version] ?? []);
});

test('every subcommand answers', async () => {
	const answers: Record<string, [string, string, string, RegExp | string]> = {
		'list': ['alice', 'general', 'list', 'Rocket.Chat *sub-processors* — 15 in 5 categories'],
		'show': ['alice', 'general', 'show Stripe', 'Stripe\n*Purpose:* Billing platform'],
		'in': ['alice', 'general', 'in Brazil', '*1 sub-processor processes data in* Brazil'],
		'outside': ['alice', 'general', 'outside EU', '*7 sub-processors process data outside* EU'],
		'categories': ['alice', 'general', 'categories', '• Partners Joint Processors or Sub-processors — 1 sub-processor'],
		'help': ['alice', 'general', 'help', '/subprocessors categories'],
		'changes': ['alice', 'general', 'changes', '*Changes to the* Rocket.Chat *sub-processor list*'],
		'subscribe': ['alice', 'general', 'subscribe', /subscri/i],
		'unsubscribe': ['alice', 'general', 'unsubscribe', /subscri/i],
		'objections': ['dpo', 'privacy-team', 'objections', /objection/i],
		'my-objections': ['alice', 'general', 'my-objections', /objection/i],
		'export': ['alice', 'general', 'export csv', 'rocket-chat-subprocessors-2023-01-05.csv'],
		'sync': ['admin', 'general', 'sync', /Checked/],
		'status': ['admin', 'general', 'status', 'Announcements channel: #subprocessor-updates'],
		'erase-objections': ['admin', 'general', 'erase-objections nobody@example.test', 'No objection holds personal data of that person'],
		'lists': ['admin', 'general', 'lists', 'rocketchat'],
	};
	// `object` opens a form instead of answering: the objection test below covers it.
	expect(Object.keys(SUBCOMMANDS).sort()).toEqual([...Object.keys(answers), 'object'].sort());
	for (const [sub, [user, room, args, expected]] of Object.entries(answers)) {
		const text = await ask(user, room, args);
		if (typeof expected === 'string') expect({ sub, text }).toEqual({ sub, text: expect.stringContaining(expected) });
		else expect({ sub, text }).toEqual({ sub, text: expect.stringMatching(expected) });
	}
	expect(ws.seen('alice').some((e) => e.kind === 'file')).toBe(true); // export uploaded the file
	expect(ws.errors).toEqual([]);
});

test('a changed list is announced in the announcements channel', async () => {
	ws.http.on(URL, { status: 200, headers: { 'content-type': 'application/yaml' }, body: list('v1.yaml') });
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
	ws.http.on(URL, { status: 200, headers: { 'content-type': 'application/yaml' }, body: list('v2.yaml') });
	const mark = ws.mark();
	await ws.advance(HOUR);
	const posted = ws.seen('admin', mark).filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates');
	expect(posted).toHaveLength(1);
	expect(visible(posted[0].text)).toContain('Rocket.Chat *updated its sub-processor list* (version of 1 March 2024)');
	expect(visible(posted[0].text)).toContain('1 added · 1 removed · 1 changed');
});

test('an objection: the form opens, the submit files it, the privacy team gets the card', async () => {
	await ws.command('alice', 'general', '/subprocessors object Stripe');
	expect(ws.modal('alice')?.text).toContain('(selected: stripe) {subprocessor}');
	const mark = ws.mark();
	await ws.submitView('alice', VALID);
	expect(ws.modal('alice')).toBeUndefined();
	const cards = ws
		.seen('dpo', mark)
		.filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-'));
	expect(cards).toHaveLength(1);
	expect(visible(cards[0].text)).toMatch(/\*Objection OBJ-\d{4}-[2-9A-HJKMNP-TV-Z]{6}\* to Stripe — open/);
	expect(ws.outbox).toHaveLength(1);
	expect(ws.errors).toEqual([]);
});
