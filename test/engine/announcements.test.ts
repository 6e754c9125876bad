// The watcher in the real engine: baseline, announcements of real changes, bad sources, held lists,
// subscriptions, history and status.
import { readFileSync } from 'fs';
import * as path from 'path';

import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from './helpers';

const LISTS = path.join(__dirname, 'fixtures', 'lists');
const list = (name: string) => readFileSync(path.join(LISTS, name), 'utf8');
const URL = 'https://privacy.example/subprocessors.yaml';
const HOUR = 3600_000;

let ws: Workspace;

beforeEach(async () => {
	ws = await Workspace.start({ zip: appZip() });
	await ws.advance(0); // the first check runs when the app is enabled: the baseline
});

afterEach(async () => {
	await ws?.stop();
});

function serve(name: string, headers: Record<string, string> = {}) {
	ws.http.on(URL, { status: 200, headers: { 'content-type': 'application/yaml', ...headers }, body: list(name) });
}

/** Room messages in the announcements channel since `mark`. */
const announcements = (mark: number) =>
	ws
		.seen('admin', mark)
		.filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates')
		.map((e) => ({ ...e, text: visible(e.text) }));
/** Direct messages the bot sent to a user since `mark`. */
const dms = (user: string, mark: number) =>
	ws
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));

async function useSource(name: string) {
	serve(name);
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
}

test('first run: a baseline and a short "now watching" note, nothing else', async () => {
	const notes = announcements(0);
	expect(notes).toHaveLength(1);
	expect(notes[0].text).toContain('*Now watching the* Rocket.Chat *sub-processor list* (15 sub-processors, version of 5 January 2023)');
	await ws.advance(3 * HOUR);
	expect(announcements(0)).toHaveLength(1);
	expect(ws.errors).toEqual([]);
});

test('a changed list is announced once, listing exactly the differences, with dates and Object buttons', async () => {
	await useSource('v1.yaml');
	let mark = ws.mark();
	expect(announcements(0)).toHaveLength(1); // the same list from the URL: nothing to announce

	serve('v2.yaml');
	mark = ws.mark();
	await ws.advance(HOUR);
	const posted = announcements(mark);
	expect(posted).toHaveLength(1);
	const text = posted[0].text;
	expect(text).toContain('Rocket.Chat *updated its sub-processor list* (version of 1 March 2024)');
	expect(text).toContain('1 added · 1 removed · 1 changed');
	expect(text).toContain('*Added (1)*\n• Müller Datenverarbeitung GmbH — Translation of support tickets · Germany');
	expect(text).toContain('*Removed (1)*\n• PRVolt — email marketing');
	expect(text).toContain(
		'• Stripe — purpose: Billing platform → Billing and invoicing platform; locations: _none_ → United States, Ireland',
	);
	expect(text).toMatch(/Deadline to object: \*\d{1,2} \w+ \d{4}\*/);
	expect(text).toContain('To object, e-mail privacy@rocket.chat with the subject “Subprocessor Objection” before the deadline.');
	expect(posted[0].plain).toContain('[Object] {object}');

	// Later checks of the same list announce nothing more.
	await ws.advance(5 * HOUR);
	expect(announcements(mark)).toHaveLength(1);

	// Answers now come from the new list.
	const before = ws.mark();
	await ws.command('alice', 'general', '/subprocessors muller');
	expect(visible(ws.seen('alice', before)[0].text)).toContain('Müller Datenverarbeitung GmbH\n*Purpose:*');

	// The Object button opens the objection form for that sub-processor.
	await ws.click('alice', 'object', 'mueller');
	expect(ws.modal('alice')?.text).toContain('(selected: mueller) {subprocessor}');
});

test('whitespace and ordering alone are no change', async () => {
	await useSource('v1.yaml');
	const reordered = list('v1.yaml').replace(/\n {2}- name: Stripe\n/, '\n\n  - name:    Stripe\n');
	ws.http.on(URL, { status: 200, body: reordered });
	const mark = ws.mark();
	await ws.advance(HOUR);
	expect(announcements(mark)).toEqual([]);
});

test('an invalid list never replaces the last good one: one alert per distinct problem, then "works again"', async () => {
	await useSource('v2.yaml');
	serve('v3-invalid.yaml');
	const mark = ws.mark();
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	const alerts = dms('admin', mark);
	expect(alerts).toHaveLength(1);
	expect(alerts[0]).toContain('*The sub-processor list source has a problem.*');
	expect(alerts[0]).toMatch(
		/subprocessors\.yaml:\d+ subprocessors\[13\]\.category: "partner" is not one of infrastructure, service, innovation, affiliates, partners/,
	);
	expect(announcements(mark)).toEqual([]);

	// Users still get answers from the last good list.
	const ask = ws.mark();
	await ws.command('bob', 'general', '/subprocessors show Müller');
	expect(visible(ws.seen('bob', ask)[0].text)).toContain('Translation of support tickets');

	// A different problem is told again; recovery is told once.
	ws.http.on(URL, { status: 500, body: 'oops' });
	await ws.advance(HOUR);
	expect(dms('admin', mark)).toHaveLength(2);
	expect(dms('admin', mark)[1]).toContain('the server answered HTTP 500');
	serve('v2.yaml');
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	expect(dms('admin', mark)).toHaveLength(3);
	expect(dms('admin', mark)[2]).toContain('*The sub-processor list source works again.*');
	expect(announcements(mark)).toEqual([]);
});

test.each([
	[
		'HTML instead of a list',
		{ status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><p>login</p>' },
		'no table of sub-processors found on the page',
		false,
	],
	['an empty document', { status: 200, body: '   ' }, 'empty document', true],
	['a server error', { status: 503, body: '' }, 'HTTP 503', true],
	['a network failure', { error: 'connect ECONNREFUSED' }, 'unreachable', true],
	[
		'a list with one bad entry',
		{ status: 200, body: list('v1.yaml').replace('[Brazil]', '[Brazill]') },
		'"Brazill" is not a country name',
		false,
	],
])(
	'%s: the last good list stays, admins are told (a transient failure only when it persists)',
	async (_name, response, expected, transient) => {
		await useSource('v1.yaml');
		ws.http.on(URL, response as never);
		const mark = ws.mark();
		await ws.advance(HOUR);
		expect(dms('admin', mark).join('\n').includes(expected)).toBe(!transient);
		await ws.advance(HOUR);
		expect(dms('admin', mark)).toHaveLength(1);
		expect(dms('admin', mark)[0]).toContain(expected);
		expect(announcements(mark)).toEqual([]);
		const ask = ws.mark();
		await ws.command('alice', 'general', '/subprocessors in Brazil');
		expect(visible(ws.seen('alice', ask)[0].text)).toContain('Rocketchat Tecnologia LTDA');
	},
);

test('a source that fails now and then (one check, then fine) tells nobody: no alert storm', async () => {
	await useSource('v1.yaml');
	const mark = ws.mark();
	for (let i = 0; i < 10; i++) {
		ws.http.on(URL, { status: 502, body: '' });
		await ws.advance(HOUR);
		ws.http.on(URL, { status: 200, body: list('v1.yaml') });
		await ws.advance(HOUR);
	}
	expect(dms('admin', mark)).toEqual([]);
	expect(announcements(mark)).toEqual([]);
});

test('an unchanged list costs a 304 with its ETag', async () => {
	serve('v1.yaml', { etag: '"v1"' });
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
	ws.http.on(URL, (request: { headers?: Record<string, string> }) =>
		request.headers?.['If-None-Match'] === '"v1"' ? { status: 304, body: '' } : { status: 200, body: list('v2.yaml') },
	);
	const mark = ws.mark();
	await ws.advance(HOUR);
	expect(announcements(mark)).toEqual([]);
	// The same list with a new ETag is no change either.
	serve('v1.yaml', { etag: '"v1-again"' });
	await ws.advance(HOUR);
	expect(announcements(mark)).toEqual([]);
	expect(dms('admin', mark)).toEqual([]);
});

test('a list that drops most entries is held for an admin to confirm', async () => {
	await useSource('v1.yaml');
	const tiny = list('v1.yaml').replace(
		/subprocessors:\n[\s\S]*$/,
		'subprocessors:\n  - name: Stripe\n    category: service\n    purpose: Billing platform\n',
	);
	ws.http.on(URL, { status: 200, body: tiny });
	const mark = ws.mark();
	await ws.advance(HOUR);
	await ws.advance(HOUR);
	expect(announcements(mark)).toEqual([]);
	const alerts = dms('admin', mark);
	expect(alerts).toHaveLength(1);
	expect(alerts[0]).toContain('it removes 14 of 15 sub-processors');

	// A member can't confirm; an admin can, and then it is announced once.
	let ask = ws.mark();
	await ws.command('alice', 'general', '/subprocessors sync confirm');
	expect(ws.seen('alice', ask)[0].text).toContain('Only workspace admins');
	ask = ws.mark();
	await ws.command('admin', 'general', '/subprocessors sync confirm');
	expect(ws.seen('admin', ask).find((e) => e.kind === 'notification')?.text).toContain('14 removed');
	expect(announcements(mark)).toHaveLength(1);
	expect(announcements(mark)[0].text).toContain('*Removed (14)*');
});

test('subscribers get the announcement by direct message, in their language; unsubscribing stops it', async () => {
	await useSource('v1.yaml');
	await ws.command('bob', 'general', '/subprocessors subscribe');
	await ws.command('alice', 'general', '/subprocessors subscribe');
	await ws.command('alice', 'general', '/subprocessors unsubscribe');
	serve('v2.yaml');
	const mark = ws.mark();
	await ws.advance(HOUR);
	expect(dms('alice', mark)).toEqual([]);
	const bob = dms('bob', mark);
	expect(bob).toHaveLength(1);
	expect(bob[0]).toContain('Unterauftragsverarbeiter');
	await ws.advance(HOUR);
	expect(dms('bob', mark)).toHaveLength(1);
});

test('`changes` shows the history newest first; `status` is for admins', async () => {
	await useSource('v2.yaml');
	let ask = ws.mark();
	await ws.command('alice', 'general', '/subprocessors changes');
	const history = visible(ws.seen('alice', ask)[0].text);
	expect(history).toContain('*Changes to the* Rocket.Chat *sub-processor list*');
	expect(history.indexOf('version of 1 March 2024')).toBeLessThan(history.indexOf('started watching'));
	expect(history).toContain('Müller Datenverarbeitung GmbH');

	ask = ws.mark();
	await ws.command('alice', 'general', '/subprocessors changes since 2999-01-01');
	expect(ws.seen('alice', ask)[0].text).toContain('No changes recorded since');

	ask = ws.mark();
	await ws.command('alice', 'general', '/subprocessors status');
	expect(ws.seen('alice', ask)[0].text).toContain('Only workspace admins');

	await ws.command('bob', 'general', '/subprocessors subscribe');
	ask = ws.mark();
	await ws.command('admin', 'general', '/subprocessors status');
	const status = visible(ws.seen('admin', ask)[0].text);
	expect(status).toContain(`Source: \`${URL}\``);
	expect(status).toContain('Current list: version of 1 March 2024, 15 sub-processors');
	expect(status).toContain('Announcements channel: #subprocessor-updates');
	expect(status).toContain('Subscribers: 1');
	expect(status).toContain('Last change:');
});

test('`sync` runs a check at once for admins; the delivery job it asks for posts the announcement', async () => {
	// Setting the URL runs a check on the fly (a once-job due now, as on the server): v1, the baseline's list.
	await useSource('v1.yaml');
	serve('v2.yaml');
	const ask = ws.mark();
	await ws.command('admin', 'general', '/subprocessors sync');
	const answer = ws.seen('admin', ask).find((e) => e.kind === 'notification')?.text;
	expect(answer).toContain('Checked: 1 added · 1 removed · 1 changed.');
	expect(answer).toContain('The announcement is on its way to #subprocessor-updates');
	expect(announcements(ask)).toHaveLength(1);
	await ws.advance(HOUR); // the scheduled check and every delivery run since: nothing more to announce
	expect(announcements(ask)).toHaveLength(1);
});

test('no announcements channel: admins are told once, and pending announcements are posted when one is set', async () => {
	await ws.stop();
	ws = await Workspace.start({ zip: appZip(), rooms: { 'subprocessor-updates': null } });
	await ws.advance(0);
	const mark = ws.mark();
	expect(dms('admin', 0).join('\n')).toContain('no announcements channel is set');
	serve('v2.yaml');
	await ws.setSetting('list_source_url', URL);
	await ws.advance(HOUR);
	expect(dms('admin', mark)).toEqual([]); // told once only
	await ws.setSetting('announcements_room', [{ _id: ws.room('general').id }]);
	await ws.advance(0);
	const posted = ws
		.seen('alice', mark)
		.filter((e) => e.kind === 'message' && e.room === 'general')
		.map((e) => visible(e.text));
	expect(posted).toHaveLength(2);
	expect(posted[0]).toContain('Now watching');
	expect(posted[1]).toContain('1 added · 1 removed · 1 changed');
});

test('`status` shows when the next scheduled check is due (an interval after the recurring job last ran)', async () => {
	await ws.advance(0);
	const ask = ws.mark();
	await ws.command('admin', 'general', '/subprocessors status');
	const status = visible(ws.seen('admin', ask)[0].text);
	expect(status).toContain('Checks every 60 minutes');
	const [, hh, mm] = /Next check: about \d{1,2} \w+ \d{4} (\d\d):(\d\d) UTC/.exec(status) ?? [];
	const due = new Date(Date.now() + 3600_000);
	const minutesApart = Math.abs(Number(hh) * 60 + Number(mm) - (due.getUTCHours() * 60 + due.getUTCMinutes()));
	expect(Math.min(minutesApart, 1440 - minutesApart)).toBeLessThanOrEqual(2);
});
