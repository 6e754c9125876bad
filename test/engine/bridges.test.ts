// Bridge and helper behaviour that needs no Deno child.
import { readFileSync } from 'fs';
import * as path from 'path';

import { WorkspaceBridges } from '../../workspace/src/bridges';
import { UNSUPPORTED_METHODS } from '../../workspace/src/bridges/unsupported';
import { renderBlocks, renderView } from '../../workspace/src/render';
import { parseHumanInterval, parseInterval, nextRun, parseWhen } from '../../workspace/src/schedule';
import { Clock, DEFAULT_ROOMS, DEFAULT_USERS, WorldState } from '../../workspace/src/state';

const BRIDGES_DIR = path.join(__dirname, '../../workspace/engine/node_modules/@rocket.chat/apps-engine/server/bridges');
const FILES: Record<string, string> = { OutboundMessageBridge: 'OutboundMessagesBridge' };

const world = () => new WorldState(new Clock(Date.parse('2025-01-01T00:00:00Z')), DEFAULT_USERS, DEFAULT_ROOMS);

test('unsupported bridges cover exactly the abstract methods of engine 1.62 and fail clearly', async () => {
	for (const [bridge, methods] of Object.entries(UNSUPPORTED_METHODS)) {
		const dts = readFileSync(path.join(BRIDGES_DIR, `${FILES[bridge] ?? bridge}.d.ts`), 'utf8');
		expect([...dts.matchAll(/abstract (\w+)\(/g)].map((m) => m[1])).toEqual([...methods]);
	}
	const bridges = new WorkspaceBridges(world());
	await expect(bridges.getLivechatBridge().doFindRooms({} as any, null, 'app')).rejects.toThrow(
		'LivechatBridge.findRooms is not supported in the local workspace',
	);
	const getters = [...readFileSync(path.join(BRIDGES_DIR, 'AppBridges.d.ts'), 'utf8').matchAll(/abstract (get\w+)\(/g)].map((m) => m[1]);
	expect(getters).toHaveLength(28);
	for (const getter of getters) expect(typeof (bridges as any)[getter]()).toBe('object');
});

test('persistence: the plural read matches records carrying ALL associations', async () => {
	const p = new WorkspaceBridges(world()).getPersistenceBridge();
	const a = { model: 'misc', id: 'a' } as any;
	const b = { model: 'user', id: 'b' } as any;
	await p.doCreateWithAssociations({ n: 1 }, [a], 'app');
	await p.doCreateWithAssociations({ n: 2 }, [a, b], 'app');
	await p.doCreateWithAssociations({ n: 3 }, [a, b], 'other-app');
	expect(await p.doReadByAssociations([a], 'app')).toEqual([{ n: 1 }, { n: 2 }]);
	expect(await p.doReadByAssociations([a, b], 'app')).toEqual([{ n: 2 }]);
	await p.doUpdateByAssociations([a, b], { n: 4 }, true, 'app');
	expect(await p.doRemoveByAssociations([a, b], 'app')).toEqual([{ n: 4 }]);
	expect(await p.doReadByAssociations([a], 'app')).toEqual([{ n: 1 }]);
});

// apps/meteor/app/apps/server/bridges/persistence.ts: updateByAssociations is updateOne({ appId, associations }, …),
// an exact match of the association array; update(id) throws.
test('persistence: an update matches the exact association array, as the server query does; update by id is not implemented', async () => {
	const p = new WorkspaceBridges(world()).getPersistenceBridge();
	const a = { model: 'misc', id: 'a' } as any;
	const b = { model: 'user', id: 'b' } as any;
	await p.doCreateWithAssociations({ n: 1 }, [a, b], 'app');
	await p.doUpdateByAssociations([a, b], { n: 2 }, true, 'app');
	expect(await p.doReadByAssociations([a, b], 'app')).toEqual([{ n: 2 }]);
	// A subset or another order is not the same array: the upsert inserts a second record.
	await p.doUpdateByAssociations([b, a], { n: 3 }, true, 'app');
	await p.doUpdateByAssociations([a], { n: 4 }, true, 'app');
	expect(await p.doReadByAssociations([a], 'app')).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
	await expect(p.doUpdateByAssociations([b], { n: 5 }, false, 'app')).rejects.toThrow('no matching record');
	await expect(p.doUpdate('any', { n: 6 }, true, 'app')).rejects.toThrow('Not implemented.');
});

test('schedule expressions as the engine passes them', () => {
	expect(parseHumanInterval('1 hour')).toBe(3_600_000);
	expect(parseHumanInterval('one day and 2 hours')).toBe(93_600_000);
	expect(parseHumanInterval('every monday')).toBeUndefined();
	const t = Date.parse('2025-01-01T10:17:00Z');
	expect(new Date(nextRun(parseInterval('0 9 * * 1'), t)).toISOString()).toBe('2025-01-06T09:00:00.000Z');
	expect(new Date(nextRun(parseInterval('*/15 * * * *'), t)).toISOString()).toBe('2025-01-01T10:30:00.000Z');
	expect(parseWhen('in 5 minutes', t)).toBe(t + 300_000);
	expect(() => parseInterval('whenever')).toThrow('Unsupported schedule interval "whenever"');
});

test('http fixtures answer, fail and time out on demand', async () => {
	const bridges = new WorkspaceBridges(world());
	const http = bridges.getHttpBridge();
	bridges.http
		.on('https://api.test/items*', { body: { ok: true } })
		.fail('https://down.test/', 'ECONNRESET')
		.on('https://slow.test/', { delay: 50 });
	const res = await http.doCall({ appId: 'app', method: 'get' as any, url: 'https://api.test/items', request: { params: { q: 'x' } } });
	expect(res).toMatchObject({ statusCode: 200, data: { ok: true }, url: 'https://api.test/items?q=x' });
	await expect(http.doCall({ appId: 'app', method: 'get' as any, url: 'https://down.test/', request: {} })).rejects.toThrow('ECONNRESET');
	await expect(http.doCall({ appId: 'app', method: 'get' as any, url: 'https://slow.test/', request: { timeout: 10 } })).rejects.toThrow(
		'timeout',
	);
	await expect(http.doCall({ appId: 'app', method: 'post' as any, url: 'https://nowhere.test/', request: {} })).rejects.toThrow(
		'No HTTP fixture for POST https://nowhere.test/',
	);
	expect(bridges.http.calls).toHaveLength(4);
});

test('UIKit blocks render as readable text', () => {
	expect(
		renderBlocks([
			{
				type: 'section',
				text: { type: 'mrkdwn', text: '*Acme*' },
				fields: [{ type: 'plain_text', text: 'US' }],
				accessory: {
					type: 'overflow',
					actionId: 'more',
					options: [{ text: { type: 'plain_text', text: 'Object' }, value: 'obj' }],
				},
			},
			{ type: 'divider' },
			{
				type: 'context',
				elements: [
					{ type: 'plain_text', text: 'since 2021' },
					{ type: 'mrkdwn', text: 'hosting' },
				],
			},
			{
				type: 'actions',
				elements: [
					{ type: 'button', actionId: 'ok', text: { type: 'plain_text', text: 'OK' }, style: 'primary' },
					{
						type: 'static_select',
						actionId: 'lang',
						options: [{ text: { type: 'plain_text', text: 'English' }, value: 'en' }],
						initialValue: 'en',
					},
				],
			},
		]),
	).toBe('*Acme*\n  • US\n  [⋯ Object=obj] {more}\n---\nsince 2021 · hosting\n[OK] {ok} (primary)  <English=en> (selected: en) {lang}');
	expect(
		renderView(
			{
				title: { text: 'Object' },
				blocks: [
					{
						type: 'input',
						label: { text: 'Reason' },
						element: { type: 'plain_text_input', actionId: 'reason', multiline: true },
					},
				],
				submit: { text: { text: 'Send' } },
			},
			{ reason: 'Required' },
		),
	).toBe('== Object ==\nReason: <text, multiline> {reason}\n[Send] {submit}\n! reason: Required');
});
