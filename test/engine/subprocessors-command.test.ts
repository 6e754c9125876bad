// Every /subprocessors subcommand through Rocket.Chat's real Apps-Engine, against the packaged app zip.
import { strFromU8, unzipSync } from 'fflate';
import { createRequire } from 'module';

import { Workspace } from '../../workspace/src/Workspace';
import { injectFault } from '../../workspace/src/faults';
import { appZip, ENABLED_AT_INSTALL, visible } from './helpers';

let ws: Workspace;

beforeAll(async () => {
	ws = await Workspace.start({ zip: appZip() });
});

afterAll(async () => {
	await ws?.stop();
});

/** Runs the command and returns what the asker saw, checking nobody else saw anything. */
async function ask(user: string, args: string, room = 'general') {
	const mark = ws.mark();
	await ws.command(user, room, `/subprocessors ${args}`.trim());
	const seen = ws.seen(user, mark);
	expect(seen).toHaveLength(1);
	expect(seen[0]).toMatchObject({ kind: 'notification', user, room });
	for (const other of ['alice', 'bob', 'admin', 'dpo'].filter((u) => u !== user)) {
		expect(ws.seen(other, mark)).toEqual([]);
	}
	return { ...seen[0], text: visible(seen[0].text), plain: visible(seen[0].plain) };
}

const FOOTER = 'From the Rocket.Chat sub-processor list of 5 January 2023.';

test('the app installs enabled, with the slash command and only the App class exported', async () => {
	expect(await ws.status()).toBe(ENABLED_AT_INSTALL);
	expect([...ws.bridges.commands.commands.keys()]).toContain('subprocessors');
	// The engine constructs the first export: the bundle must export exactly the App class.
	const source = strFromU8(unzipSync(new Uint8Array(appZip()))['SubprocessorApp.js']);
	const exported = new Function('module', 'exports', 'require', `${source}; return module.exports;`);
	const mod = { exports: {} as Record<string, unknown> };
	const engineRequire = createRequire(require.resolve('../../workspace/engine/package.json'));
	const required: string[] = [];
	// Errors built while the bundle loads: the engine's Deno runtime then collects source positions for the
	// bundle's whole top-level function, ~40 ms of every install (docs/performance.md, "Install, again").
	const BuiltinError = globalThis.Error;
	let errorsBuilt = 0;
	globalThis.Error = new Proxy(BuiltinError, {
		construct: (target, args, newTarget) => (errorsBuilt++, Reflect.construct(target, args, newTarget)),
	});
	try {
		exported(mod, mod.exports, (id: string) => (required.push(id), engineRequire(id)));
	} finally {
		globalThis.Error = BuiltinError;
	}
	expect(Object.keys(mod.exports)).toEqual(['SubprocessorApp']);
	expect(errorsBuilt).toBe(0);
	// The engine loads what the bundle requires on every start. The `definition/api`, `definition/uikit` and
	// `definition/rooms` index modules drag in most of the engine (~35 ms of install + enable in Deno); the app
	// imports leaf modules. `crypto` (8–15 ms in Deno) loads at its first use.
	const engineModules = required.filter((id) => id.startsWith('@rocket.chat/apps-engine'));
	expect(engineModules.length).toBeGreaterThan(0);
	for (const id of engineModules) expect(id).not.toMatch(/\/definition\/(api|uikit|accessors|rooms)$/);
	expect(required).not.toContain('crypto');
	// The engine's Deno runtime parses a bundle with acorn (and regenerates it) before running it only when it
	// holds one of these (deno-runtime/lib/sanitizeDeprecatedUsage.ts): ours must not, or every install pays for it.
	for (const trigger of ['.usernames', '.isOnline(', '.createToken(']) expect(source).not.toContain(trigger);
});

test('no arguments: the whole list by category, only to the asker', async () => {
	const answer = await ask('alice', '');
	expect(answer.text).toContain('Rocket.Chat *sub-processors* — 15 in 5 categories');
	for (const heading of [
		'Infrastructure Sub-processors – Service Data Storage and Processing',
		'Service Specific Sub-processors',
		'Innovation Service Specific Sub-processors',
		'Rocket.Chat Affiliates',
		'Partners Joint Processors or Sub-processors',
	]) {
		expect(answer.text).toContain(`\n${heading}\n`);
	}
	expect(answer.text).toContain('• Stripe — Billing platform · _location not stated_');
	expect(answer.text).toContain('• Rocketchat Tecnologia LTDA — _no purpose stated_ · Brazil');
	expect(answer.text).toContain(FOOTER);
	expect(answer.blocks?.length).toBeGreaterThan(3);
});

test('`list` is the same answer as no arguments', async () => {
	expect((await ask('alice', 'list')).text).toBe((await ask('alice', '')).text);
});

test('`show Stripe` and a bare name give the card', async () => {
	const card = await ask('alice', 'show Stripe');
	expect(card.text).toContain('Stripe\n*Purpose:* Billing platform');
	expect(card.text).toContain('*Data processed in*\n_location not stated_');
	expect(card.text).toContain('To object to this sub-processor, e-mail privacy@rocket.chat with the subject “Subprocessor Objection”.');
	expect((await ask('alice', 'stripe')).text).toBe(card.text);
});

test('typos, accents and words in the purpose', async () => {
	expect((await ask('bob', 'mailchmp')).text).toContain('Mailchimp');
	const marketing = await ask('alice', 'email marketing');
	expect(marketing.text).toMatch(/^\*4 sub-processors match\* “email marketing”/);
	for (const name of ['ZOHO', 'Yesware', 'PRVolt', 'Mailchimp']) expect(marketing.text).toContain(`• ${name} — `);
});

test('no match suggests the closest names', async () => {
	const answer = await ask('alice', 'stryp');
	expect(answer.text).toContain('No sub-processor matches “stryp”.');
	expect(answer.text).toContain('Did you mean Stripe');
});

test('`in` and `outside` a country or region, with "not stated" apart', async () => {
	const brazil = await ask('alice', 'in Brazil');
	expect(brazil.text).toContain('*1 sub-processor processes data in* Brazil');
	expect(brazil.text).toContain('Rocketchat Tecnologia LTDA');
	expect(brazil.text).toContain('7 sub-processors don’t state where they process data');

	const eu = await ask('alice', 'in EU');
	expect(eu.text).toContain('*1 sub-processor processes data in* EU');
	expect(eu.text).toContain('Fabulor.eu');

	const outside = await ask('alice', 'outside EU');
	expect(outside.text).toContain('*7 sub-processors process data outside* EU');
	expect(outside.text).not.toMatch(/Fabulor/);

	const us = await ask('alice', 'in US');
	expect(us.text).toContain('*6 sub-processors process data in* United States');

	expect((await ask('alice', 'in Atlantis')).text).toContain('I don’t know the place “Atlantis”');
	expect((await ask('alice', 'in')).text).toContain('Which country or region?');
});

test('`categories` with counts', async () => {
	const answer = await ask('alice', 'categories');
	expect(answer.text).toContain('• Infrastructure Sub-processors – Service Data Storage and Processing — 4 sub-processors');
	expect(answer.text).toContain('• Partners Joint Processors or Sub-processors — 1 sub-processor');
});

test('`help`, and a mistyped subcommand gets the help', async () => {
	const help = await ask('alice', 'help');
	for (const sub of ['list', 'show', 'in', 'outside', 'categories', 'share', 'help'])
		expect(help.text).toContain(`/subprocessors ${sub}`);
	const typo = await ask('alice', 'catgories');
	expect(typo.text).toContain('I don’t know the subcommand “catgories”.');
	expect(typo.text).toContain('/subprocessors help');
});

test("`share` posts the answer in the room for everyone, saying who shared it, in the workspace's language", async () => {
	const mark = ws.mark();
	await ws.command('bob', 'general', '/subprocessors share in Brazil');
	const bob = ws.seen('bob', mark);
	expect(bob).toEqual([expect.objectContaining({ kind: 'message', room: 'general' })]);
	expect(bob[0].text).toContain('Rocketchat Tecnologia LTDA');
	// Bob reads German, but the room's post is for everyone: the workspace's language (none set here: English).
	expect(bob[0].plain).toContain('Shared by Bob Member');
	expect(ws.seen('alice', mark).map((e) => e.messageId)).toEqual([bob[0].messageId]);
	// Not a member of #general's answer in the private group.
	expect(ws.seen('dpo', mark).filter((e) => e.room === 'privacy-team')).toEqual([]);
});

test("answers in the user's language; no language set → English", async () => {
	// bob prefers German, dpo has no language preference at all.
	const german = await ask('bob', 'in Brasilien');
	expect(german.text).toContain('*1 Unterauftragsverarbeiter verarbeitet Daten in* Brasilien');
	expect(german.text).toContain('Aus der Unterauftragsverarbeiter-Liste von Rocket.Chat vom 5. Januar 2023.');
	const none = await ask('dpo', 'help', 'privacy-team');
	expect(none.text).toContain('ask about Rocket.Chat’s sub-processors');
});

test('previews offer matching vendors, and picking one shows its card', async () => {
	const preview = await ws.preview('alice', 'general', '/subprocessors str');
	expect(preview?.items.map((i) => i.value)).toContain('Stripe');
	const stripe = preview?.items.find((i) => i.value === 'Stripe');
	const mark = ws.mark();
	await ws.executePreview('alice', 'general', '/subprocessors str', stripe!.id);
	const seen = ws.seen('alice', mark);
	expect(seen).toHaveLength(1);
	expect(visible(seen[0].text)).toContain('Stripe\n*Purpose:* Billing platform');
	expect((await ws.preview('alice', 'general', '/subprocessors list'))?.items).toEqual([]);
});

test('hostile arguments get an answer, never an error', async () => {
	for (const args of ['@all', '*'.repeat(5000), '((((', '\u0000\u0007', 'in ' + 'x'.repeat(10_000), 'show [a](http://evil)']) {
		const answer = await ask('alice', args);
		expect(answer.text.length).toBeGreaterThan(0);
		expect(answer.text.length).toBeLessThanOrEqual(4000);
		expect(ws.seen('alice').filter((e) => e.kind === 'error')).toEqual([]);
	}
	expect(ws.errors).toEqual([]);
});

test('an answer in a thread stays in the thread', async () => {
	const mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors show OVH', { threadId: 'thread-1' });
	expect(ws.seen('alice', mark)).toEqual([expect.objectContaining({ kind: 'notification', threadId: 'thread-1' })]);
});

test("answers come from the app's bot, which is read from the server once, not on every reply", async () => {
	let reads = 0;
	const counter = injectFault(ws.bridges.users, 'getAppUser', { when: () => (reads++, false) });
	try {
		const mark = ws.mark();
		for (const args of ['list', 'stripe', 'in brazil']) await ws.command('alice', 'general', `/subprocessors ${args}`);
		const answers = ws.seen('alice', mark);
		expect(answers).toHaveLength(3);
		for (const answer of answers) {
			const sender = ws.bridges.messages.ephemeral.get(answer.messageId as string)?.sender;
			expect(sender).toMatchObject({ username: expect.stringMatching(/\.bot$/), type: 'app' });
		}
		expect(reads).toBeLessThanOrEqual(1);
	} finally {
		counter.restore();
	}
});
