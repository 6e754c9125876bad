// The HTTP endpoints under stress: a push racing the scheduled check, a push while persistence fails, and fuzzed
// query strings and push bodies. Nothing answers 500; a list changes only when a valid one was pushed; every change
// is announced exactly once.
import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';

import { signedHeaders } from '../../src/features/watch/signature';
import { injectFault } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { HOUR, report, SEED, size } from './support';

const LISTS = path.join(__dirname, '..', 'engine', 'fixtures', 'lists');
const V1 = readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8');
const V2 = readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8');
const URL = 'https://lists.example/subprocessors.yaml';
const SECRET = 'endpoints-reliability-shared-secret';

const figures = {
	inputs_tried: 0,
	endpoint_requests_fuzzed: 0,
	endpoint_500s: 0,
	fault_scenarios: 0,
	faults_injected: 0,
	announcements_lost: 0,
	announcements_duplicated: 0,
	pushes_changed_list_when_invalid: 0,
};
afterAll(() => report(__filename, { sum: figures }));

/** A push as the README sends it: JSON {"list": …}, signed over "<timestamp>.<list>" (`at`: the signing time). */
const push = (ws: Workspace, list: string, at = Date.now()) =>
	ws.endpoint('POST', '/update', { 'content-type': 'application/json', ...signedHeaders(list, SECRET, at) }, JSON.stringify({ list }));
const announcements = (ws: Workspace, mark = 0) =>
	ws
		.seen('admin', mark)
		.filter(
			(e) =>
				e.kind === 'message' && e.room === 'subprocessor-updates' && e.text.includes('updated its sub-processor list') && !e.edited,
		);
const listNow = async (ws: Workspace) =>
	JSON.parse((await ws.endpoint('GET', '/subprocessors.json')).content) as { updated: string; subprocessors: Array<{ id: string }> };

function countAnnouncements(n: number): void {
	figures.announcements_lost += Math.max(0, 1 - n);
	figures.announcements_duplicated += Math.max(0, n - 1);
}

// ---- races and faults ------------------------------------------------------------------------------------------

describe('a push and the scheduled check', () => {
	test.each([
		['the bundled list (no source URL)', false],
		['a source serving the same new list', true],
	])('at the same moment, the check reading %s: exactly one announcement', async (_name, source) => {
		const ws = await Workspace.start({ zip: appZip() });
		try {
			if (source) {
				ws.http.on(URL, { status: 200, body: V1 });
				await ws.setSetting('list_source_url', URL);
			}
			await ws.advance(0);
			await ws.setSetting('update_secret', SECRET);
			await ws.setSetting('public_feeds', true);
			if (source) ws.http.on(URL, { status: 200, body: V2 });
			const [response] = await Promise.all([push(ws, V2), ws.advance(HOUR)]);
			expect(response.status).toBe(200);
			await ws.advance(3 * HOUR);
			figures.fault_scenarios++;
			countAnnouncements(announcements(ws).length);
			expect({ announced: announcements(ws).length, errors: ws.errors, updated: (await listNow(ws)).updated }).toEqual({
				announced: 1,
				errors: [],
				updated: '2024-03-01',
			});
		} finally {
			await ws.stop();
		}
	});
});

describe('a push while a persistence write fails', () => {
	test.each([
		['updateByAssociations', 'first call', false],
		['updateByAssociations', 'first call, after the effect', true],
		['removeByAssociations', 'first call', false],
		['removeByAssociations', 'first call, after the effect', true],
	] as const)('%s fails (%s): an answer, then exactly one announcement and the pushed list', async (method, _mode, after) => {
		const ws = await Workspace.start({ zip: appZip() });
		try {
			await ws.advance(0);
			await ws.setSetting('update_secret', SECRET);
			await ws.setSetting('public_feeds', true);
			const fault = injectFault(ws.bridges.persistence, method, { times: 1, after });
			let response = await push(ws, V2);
			fault.restore();
			figures.fault_scenarios++;
			figures.faults_injected += fault.failed;
			expect([200, 500]).toContain(response.status);
			// CI retries a push that answered an error, as it would any failed deploy step, signed anew.
			if (response.status !== 200) response = await push(ws, V2, Date.now() + 1000);
			expect(response.status).toBe(200);
			await ws.advance(3 * HOUR);
			countAnnouncements(announcements(ws).length);
			expect({
				announced: announcements(ws).length,
				errors: ws.errors.filter((e) => !/injected fault/.test(String(e))),
				updated: (await listNow(ws)).updated,
			}).toEqual({
				announced: 1,
				errors: [],
				updated: '2024-03-01',
			});
		} finally {
			await ws.stop();
		}
	});
});

// ---- fuzz ------------------------------------------------------------------------------------------------------

describe('fuzzed requests', () => {
	let ws: Workspace;
	beforeAll(async () => {
		ws = await Workspace.start({ zip: appZip() });
		await ws.advance(0);
		await ws.setSetting('update_secret', SECRET);
		await ws.setSetting('public_feeds', true);
	});
	afterAll(async () => ws?.stop());

	const value = fc.oneof(
		fc.string({ unit: 'binary', maxLength: 60 }),
		fc.string({ unit: 'grapheme', maxLength: 60 }),
		fc.constantFrom('EU', 'eea', 'United States', 'us', 'infrastructure', 'service', '', ' ', '%', '%zz', 'constructor', 'toString'),
		fc.nat(200_000).map((n) => 'x'.repeat(n)),
	);
	// Repeated keys become arrays and brackets arrays or objects in the server's query parser (qs).
	const query = fc.array(
		fc.tuple(
			fc.constantFrom(
				'location',
				'category',
				'location',
				'category',
				'other',
				'category[]',
				'location[0]',
				'location[x]',
				'category[a][b]',
				'__proto__[x]',
			),
			value,
		),
		{ maxLength: 5 },
	);

	test('query strings on every read endpoint: 200 or 400, never 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('/subprocessors.json', '/subprocessors.csv', '/changes.atom', '/changes.rss', '/changes.json'),
				query,
				async (p, pairs) => {
					const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
					const response = await ws.endpoint('GET', `${p}?${qs}`);
					figures.endpoint_requests_fuzzed++;
					figures.inputs_tried++;
					if (response.status === 500) figures.endpoint_500s++;
					expect([200, 400]).toContain(response.status);
				},
			),
			{ seed: SEED, numRuns: size(40, 500) },
		);
	});

	const yamlBomb = [
		'a: &a ["x","x","x","x","x","x","x","x","x"]',
		...Array.from(
			{ length: 9 },
			(_, i) =>
				`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
		),
	].join('\n');
	const wrongType = fc.oneof(
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
		fc.constant([]),
		fc.constant({}),
		fc.string({ maxLength: 20 }),
		fc.array(fc.integer(), { maxLength: 3 }),
	);
	/** A list text (sent as JSON {"list": text}), or a JSON body (signed over its `list` when that is text). */
	const body: fc.Arbitrary<{ kind: string; text?: string; json?: unknown }> = fc.oneof(
		fc.string({ unit: 'binary', maxLength: 400 }).map((text) => ({ kind: 'random text', text })),
		fc.uint8Array({ maxLength: 400 }).map((bytes) => ({ kind: 'random bytes', text: Buffer.from(bytes).toString('latin1') })),
		fc
			.tuple(fc.constantFrom('company', 'updated', 'subprocessors', 'categories', 'objections', 'contact'), wrongType)
			.map(([key, v]) => {
				const list = JSON.parse(JSON.stringify(require('yaml').parse(V2)));
				list[key] = v;
				return { kind: `JSON list, ${key} of a wrong type`, text: JSON.stringify(list) };
			}),
		wrongType.map((json) => ({ kind: 'JSON body without a list text', json: { list: json } })),
		fc.constantFrom(
			{ kind: 'YAML alias bomb', text: yamlBomb },
			{ kind: 'YAML alias bomb under a list', text: `${V2}\nbomb:\n  ${yamlBomb.split('\n').join('\n  ')}\n` },
			{ kind: 'deep nesting', text: `${'['.repeat(5000)}${']'.repeat(5000)}` },
			{ kind: 'HTML page', text: '<!doctype html><html><body>Not found</body></html>' },
			{ kind: 'empty', text: '' },
			{ kind: 'V1 with a NUL', text: `${V1}\u0000` },
		),
	);

	test('signed push bodies: never 500, the list changes only when a valid list was pushed', async () => {
		await fc.assert(
			fc.asyncProperty(body, async (b) => {
				const before = JSON.stringify(await listNow(ws));
				const response =
					b.text !== undefined
						? await push(ws, b.text)
						: await ws.endpoint(
								'POST',
								'/update',
								{
									'content-type': 'application/json',
									...signedHeaders(typeof (b.json as any).list === 'string' ? (b.json as any).list : '', SECRET),
								},
								b.json,
							);
				figures.endpoint_requests_fuzzed++;
				figures.inputs_tried++;
				if (response.status === 500) figures.endpoint_500s++;
				const changed = JSON.stringify(await listNow(ws)) !== before;
				const accepted = response.status === 200 && ['changed', 'baseline'].includes(JSON.parse(response.content).result);
				if (changed && !accepted) figures.pushes_changed_list_when_invalid++;
				expect({ kind: b.kind, changedWhenInvalid: changed && !accepted }).toEqual({ kind: b.kind, changedWhenInvalid: false });
				expect(response.status).not.toBe(500);
				// 409: the same body signed in the same second is the same request (fast-check repeats bodies).
				expect([200, 202, 400, 409, 413, 422]).toContain(response.status);
			}),
			{ seed: SEED, numRuns: size(40, 400) },
		);
		expect(ws.errors).toEqual([]);
	});
});
