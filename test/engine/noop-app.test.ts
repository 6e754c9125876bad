// The engine workspace end to end, with the tiny fixture app in test/engine/fixtures/noop-app.
// One workspace (one Deno child) for the whole file; tests read only what happened after their own mark().
import { Workspace, WorkspaceError } from '../../workspace/src/Workspace';
import { ENABLED_AT_INSTALL, noopZip } from './helpers';

let ws: Workspace;

beforeAll(async () => {
	ws = await Workspace.start({ zip: await noopZip(), now: new Date('2025-03-03T09:00:00Z') });
});

afterAll(async () => {
	await ws?.stop();
});

test('installs and enables the app in the real engine', async () => {
	expect(await ws.status()).toBe(ENABLED_AT_INSTALL);
	expect(ws.botUser().username).toBe('noop-fixture.bot');
	expect([...ws.bridges.commands.commands.keys()].sort()).toEqual(['boom', 'noop']);
});

test('/noop answers the caller only', async () => {
	const mark = ws.mark();
	await ws.command('alice', 'general', '/noop hello there');

	const [answer, ...rest] = ws.seen('alice', mark);
	expect(rest).toHaveLength(0);
	expect(answer).toMatchObject({ kind: 'notification', room: 'general', user: 'alice' });
	expect(answer.text).toMatch(/^Hello alice: noop #\d+ \(hello there\)$/);
	expect(answer.plain).toContain('[Again] {noop-again}');
	expect(ws.seen('bob', mark)).toEqual([]);
	expect(ws.seen('admin', mark)).toEqual([]);
});

test('/boom surfaces the app error as a rejected promise and an error event', async () => {
	const mark = ws.mark();
	await expect(ws.command('bob', 'general', '/boom')).rejects.toThrow('/boom failed: boom: the fixture failed on purpose');
	expect(ws.seen('bob', mark)).toEqual([expect.objectContaining({ kind: 'error', user: 'bob', room: 'general' })]);
	expect(ws.seen('alice', mark)).toEqual([]);
});

test('a command the app does not provide is an error, not silence', async () => {
	await expect(ws.command('alice', 'general', '/nope')).rejects.toBeInstanceOf(WorkspaceError);
	expect(ws.errors[ws.errors.length - 1].text).toContain('/nope is not a command of the app');
});

test('the recurring job runs only when the clock reaches it', async () => {
	const mark = ws.mark();
	expect(await ws.advance(59 * 60_000)).toEqual([]);
	const runs = await ws.advance(60_000);
	expect(runs).toEqual([expect.objectContaining({ processor: expect.stringMatching(/^tick_/) })]);
	expect(runs[0].error).toBeUndefined();
	expect(ws.now.toISOString()).toBe('2025-03-03T10:00:00.000Z');

	// Posted to #general by the bot: every member sees it, the private group's view is unaffected.
	expect(ws.seen('bob', mark)).toEqual([
		expect.objectContaining({ kind: 'message', room: 'general', user: 'noop-fixture.bot', text: 'tick #1 hourly' }),
	]);
	expect(ws.seen('dpo', mark).map((e) => e.text)).toEqual(['tick #1 hourly']);

	const twoHours = await ws.advance(2 * 3600_000);
	expect(twoHours.map((r) => r.at.toISOString())).toEqual(['2025-03-03T11:00:00.000Z', '2025-03-03T12:00:00.000Z']);
});

test('buttons in what the user saw can be clicked', async () => {
	await ws.command('alice', 'general', '/noop');
	const mark = ws.mark();
	await ws.click('alice', 'noop-again');
	expect(ws.seen('alice', mark)).toEqual([
		expect.objectContaining({ kind: 'notification', text: expect.stringMatching(/^again from alice \(\d+\)$/) }),
	]);
	await expect(ws.click('bob', 'noop-again')).rejects.toThrow('bob saw nothing with action "noop-again"');
});

test('modals open, show field errors and close on a successful submit', async () => {
	await ws.command('dpo', 'privacy-team', '/noop modal');
	expect(ws.modal('dpo')).toMatchObject({ room: 'privacy-team' });
	expect(ws.modal('dpo')?.text).toBe('== Noop modal ==\nName: <text> {name}\n[Save] {submit}');

	const rejected = await ws.submitView('dpo', { name: '' });
	expect(rejected).toMatchObject({ success: false, errors: { name: 'Name is required' } });
	expect(ws.modal('dpo')?.errors).toEqual({ name: 'Name is required' });

	await expect(ws.submitView('dpo', { nmae: 'x' })).rejects.toThrow('The modal has no input(s) nmae (inputs: name)');

	await ws.submitView('dpo', { name: 'Dana' });
	expect(ws.modal('dpo')).toBeUndefined();
	const logged = ws.logs.flatMap((l) => l.entries).map((e: any) => e.args?.[0]);
	expect(logged).toContain('modal saved by dpo: Dana');
});

test('app settings change what the app does', async () => {
	await ws.setSetting('greeting', 'Hoi');
	const mark = ws.mark();
	await ws.command('bob', 'dm', '/noop');
	expect(ws.seen('bob', mark)[0].text).toMatch(/^Hoi bob: noop #\d+$/);
	await expect(ws.setSetting('nope', 1)).rejects.toThrow('The app has no setting "nope"');
});

test('endpoints answer like HTTP requests, and persistence holds the counters', async () => {
	const res = await ws.endpoint('GET', 'counter');
	expect(res.status).toBe(200);
	expect(res.content).toEqual({ noop: 4, ticks: 3, version: '1.0.0' });
	expect((await ws.endpoint('GET', `/api/apps/public/${ws.appId}/counter?x=1`)).status).toBe(200);
	expect((await ws.endpoint('GET', 'missing')).status).toBe(404);

	expect(ws.records().map((r) => r.data)).toEqual(expect.arrayContaining([{ count: 4 }, { count: 3 }]));
	expect(ws.records()[0].associations).toEqual([{ model: 'misc', id: 'noop-counter' }]);
});
