// Bad list files: random mutations of the real data/subprocessors.yaml. Each one either loads with the same
// meaning (the meaning-preserving mutations) or loads as a valid list, or fails with problems that name a line
// and a field; none throws or takes over 1 s. In the real engine, served from the source URL, the last good list
// is always what users see afterwards.
import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';

import { Catalog } from '../../src/features/list/catalog';
import { looksLikeMassRemoval } from '../../src/features/watch/changes';
import { countChanges, diffLists, fingerprint } from '../../src/features/watch/diff';
import type { SubprocessorList } from '../../src/features/list/model';
import { parseList, type ParseResult } from '../../src/features/list/schema';
import { listAnswer } from '../../src/features/list/answers';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { HOUR, report, ROOT, SEED, size } from './support';

const ORIGINAL = readFileSync(path.join(ROOT, 'data', 'subprocessors.yaml'), 'utf8');
const ORIGINAL_JS = parse(ORIGINAL) as Record<string, unknown>;
const ORIGINAL_LIST = (parseList(ORIGINAL, 'list.yaml') as { ok: true; list: SubprocessorList }).list;
const ORIGINAL_FP = fingerprint(ORIGINAL_LIST);
const FILE = 'list.yaml';

interface Mutation {
	kind: string;
	/** The mutation keeps the list's meaning: it must load with the same fingerprint. */
	same: boolean;
	text: string;
}

type Path = Array<string | number>;

/** Every path into a value (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
	const children: Array<[string | number, unknown]> = Array.isArray(value)
		? value.map((v, i) => [i, v])
		: value && typeof value === 'object'
			? Object.entries(value)
			: [];
	for (const [key, child] of children) {
		out.push([...prefix, key]);
		pathsOf(child, [...prefix, key], out);
	}
	return out;
}
const PATHS = pathsOf(ORIGINAL_JS);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function setAt(root: any, p: Path, value: unknown, remove = false): any {
	const copy = clone(root);
	let node = copy;
	for (const key of p.slice(0, -1)) node = node[key];
	const last = p[p.length - 1];
	if (remove) {
		if (Array.isArray(node)) node.splice(last as number, 1);
		else delete node[last];
	} else node[last] = value;
	return copy;
}

const pathArb = fc.nat({ max: PATHS.length - 1 }).map((i) => PATHS[i]);
const position = fc.double({ min: 0, max: 1, noNaN: true }).map((f) => Math.floor(f * ORIGINAL.length));
const wrongValue = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant([]),
	fc.constant({}),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 4 }),
	fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
	fc.constant('2023-02-30'),
	fc.constant('Atlantis'),
	fc.constant('not-an-email'),
);

function billionLaughs(levels: number, width: number): string {
	const lines = [`l0: &l0 "${'lol'.repeat(4)}"`];
	for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]`);
	return lines.join('\n');
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	// --- destructive: must load as a valid list or fail naming line and field ---
	pathArb.map((p) => ({ kind: 'deleted key', same: false, text: stringify(setAt(ORIGINAL_JS, p, undefined, true)) })),
	fc.tuple(pathArb, wrongValue).map(([p, v]) => ({ kind: 'wrong type', same: false, text: stringify(setAt(ORIGINAL_JS, p, v)) })),
	fc.tuple(fc.nat(14), fc.nat(14)).map(([i, j]) => {
		const list = clone(ORIGINAL_JS) as any;
		if (i === j) list.subprocessors.push(clone(list.subprocessors[i]));
		else
			list.subprocessors[i].id =
				list.subprocessors[j].id ??
				list.subprocessors[j].name
					.toLowerCase()
					.replace(/[^a-z0-9]+/g, '-')
					.replace(/-$/, '');
		return { kind: 'duplicate id', same: false, text: stringify(list) };
	}),
	position.map((at) => ({ kind: 'truncated', same: false, text: ORIGINAL.slice(0, at) })),
	fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, bytes]) => ({
		kind: 'binary garbage',
		same: false,
		text: ORIGINAL.slice(0, at) + Buffer.from(bytes).toString('latin1') + ORIGINAL.slice(at),
	})),
	fc.tuple(position, fc.string({ unit: 'binary', minLength: 1, maxLength: 32 }), fc.nat(200)).map(([at, junk, cut]) => ({
		kind: 'unicode garbage',
		same: false,
		text: ORIGINAL.slice(0, at) + junk + ORIGINAL.slice(at + cut),
	})),
	fc
		.tuple(
			fc.integer({ min: 100, max: size(5_000, 60_000) }),
			fc.constantFrom('flow', 'map', 'block'),
			fc.constantFrom('updated: 2023-01-05', '  subject: Subprocessor Objection', '    category: service', 'x: 1'),
		)
		.map(([depth, style, at]) => {
			if (style === 'block') {
				// "- - - - x": a block sequence nested deep, as the value of a top-level key
				return {
					kind: 'deep nesting (block)',
					same: false,
					text: `${ORIGINAL}\nextra:\n${Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n')} x\n`,
				};
			}
			const nested = style === 'flow' ? '['.repeat(depth) + ']'.repeat(depth) : '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
			const key = at.slice(0, at.indexOf(':') + 1);
			const text = at === 'x: 1' ? `${ORIGINAL}\nx: ${nested}\n` : ORIGINAL.replace(at, `${key} ${nested}`);
			return { kind: `deep nesting (${style})`, same: false, text };
		}),
	fc.tuple(pathArb, fc.integer({ min: 2_001, max: size(400_000, 4_000_000) })).map(([p, n]) => ({
		kind: 'huge string',
		same: false,
		text: stringify(setAt(ORIGINAL_JS, p, 'x'.repeat(n))),
	})),
	fc
		.integer({ min: 5 * 1024 * 1024 + 1, max: 6 * 1024 * 1024 })
		.map((n) => ({ kind: 'over 5 MiB', same: false, text: `${ORIGINAL}\n# ${'z'.repeat(n)}\n` })),
	fc
		.tuple(
			fc.integer({ min: 3, max: 9 }),
			fc.integer({ min: 2, max: 10 }),
			fc.constantFrom('unknown key', 'description', 'inside an entry'),
		)
		.map(([levels, width, where]) => {
			const bomb = billionLaughs(levels, width);
			if (where === 'unknown key') return { kind: 'alias bomb', same: false, text: `${bomb}\n${ORIGINAL}` };
			if (where === 'description')
				return {
					kind: 'alias bomb',
					same: false,
					text: ORIGINAL.replace(/^company:/m, `bomb:\n${bomb.replace(/^/gm, '  ')}\ncompany:`).replace(
						/^description: >-/m,
						`description: *l${levels}\nx: >-`,
					),
				};
			return {
				kind: 'alias bomb',
				same: false,
				text: ORIGINAL.replace(/^company:/m, `${bomb}\ncompany:`).replace(
					'    category: service\n',
					`    category: service\n    data: *l${levels}\n`,
				),
			};
		}),
	// --- meaning-preserving: must load with the same fingerprint ---
	fc.constant({ kind: 'as JSON', same: true, text: JSON.stringify(ORIGINAL_JS, null, 1) }),
	fc.constant({
		kind: 'flow style',
		same: true,
		text: new (require('yaml').Document)(ORIGINAL_JS).toString({ collectionStyle: 'flow', lineWidth: 0 }),
	}),
	fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
		// Keys in another order (mappings only: sequence order is the page's order).
		const shuffle = (v: any, seed: number): any =>
			Array.isArray(v)
				? v.map((x, i) => shuffle(x, seed + i))
				: v && typeof v === 'object'
					? Object.fromEntries(
							Object.entries(v)
								.map(([k, x], i) => [k, shuffle(x, seed * 31 + i)] as [string, unknown])
								.sort((x, y) => ((x[0].length * (seed % 7) + y[0].charCodeAt(0) * (b % 5)) % 3) - 1),
						)
					: v;
		return { kind: 'keys reordered', same: true, text: stringify(shuffle(ORIGINAL_JS, a)) };
	}),
	fc
		.array(fc.tuple(position, fc.constantFrom('\n# a comment: with @all and [x](http://evil.example)\n', '\n\n', '\n   \n')), {
			minLength: 1,
			maxLength: 6,
		})
		.map((edits) => {
			// Comments and blank lines between lines.
			const lines = ORIGINAL.split('\n');
			for (const [at, extra] of edits) {
				const i = Math.floor((at / ORIGINAL.length) * lines.length);
				if (/^\s*(-|\w)/.test(lines[i] ?? '') && !/>-\s*$/.test(lines[i - 1] ?? ''))
					lines.splice(i, 0, extra.replace(/^\n|\n$/g, '').replace(/^ +$/, ''));
			}
			return { kind: 'comments and blank lines', same: true, text: lines.join('\n') };
		}),
	fc.constant({
		kind: 'anchors and aliases',
		same: true,
		text: ORIGINAL.replace('category: infrastructure\n', 'category: &infra infrastructure\n').replace(
			/( {2}- name: MongoDB Cloud[\s\S]*?)category: infrastructure/,
			'$1category: *infra',
		),
	}),
);

/** Problems that named no line or no field, by kind and message, with one input that produced each. */
const unplaced = new Map<string, string>();

const WHOLE_FILE = /^(the file is empty|the file is larger than)/;

/** What must hold for every mutated file; returns the parse result and its time. */
function check(m: Mutation): { result: ParseResult; ms: number } {
	const started = performance.now();
	let result: ParseResult;
	try {
		result = parseList(m.text, FILE);
	} catch (error) {
		throw new Error(`parseList threw on a "${m.kind}" file (${m.text.length} chars): ${(error as Error)?.stack ?? error}`);
	}
	const ms = performance.now() - started;
	expect({ kind: m.kind, slow: ms > 1000 ? ms : false }).toEqual({ kind: m.kind, slow: false });
	if (result.ok) {
		if (m.same) expect({ kind: m.kind, fingerprint: fingerprint(result.list) }).toEqual({ kind: m.kind, fingerprint: ORIGINAL_FP });
		// A list that loads is usable: every entry's category exists, ids are unique.
		const ids = result.list.subprocessors.map((e) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
		Catalog.of(result.list);
	} else {
		expect({ kind: m.kind, same: m.same }).toEqual({ kind: m.kind, same: false });
		expect(result.problems.length).toBeGreaterThan(0);
		const lines = m.text.split('\n').length;
		for (const p of result.problems) {
			const yamlError = p.message.startsWith('not valid YAML');
			const wholeFile = WHOLE_FILE.test(p.message);
			const hasLine = wholeFile || (typeof p.line === 'number' && p.line >= 1 && p.line <= lines + 1);
			const hasField = wholeFile || yamlError || p.field.length > 0 || p.message.startsWith('expected a mapping');
			if (!hasLine || !hasField) {
				const key = `${m.kind}: ${p.message.replace(/"[^"]*"/g, '"…"').slice(0, 100)}${hasLine ? '' : ' [no line]'}${hasField ? '' : ' [no field]'}`;
				if (!unplaced.has(key)) unplaced.set(key, m.text.length < 2000 ? m.text : `${m.text.slice(0, 2000)}…`);
			}
		}
	}
	return { result, ms };
}

const figures = { inputs_tried: 0, list_files_tried: 0, list_files_loaded: 0, list_files_rejected: 0 };
let slowest = 0;
const kinds = new Map<string, number>();

afterAll(() => {
	report(__filename, { sum: figures, max: { max_parse_ms: Math.round(slowest) } });
});

test('mutated list files load with the same meaning or fail naming a line and a field; never throw, never over 1 s', () => {
	fc.assert(
		fc.property(mutation, (m) => {
			const { result, ms } = check(m);
			slowest = Math.max(slowest, ms);
			figures.inputs_tried++;
			figures.list_files_tried++;
			figures[result.ok ? 'list_files_loaded' : 'list_files_rejected']++;
			kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
		}),
		{ seed: SEED, numRuns: size(300, 5_000), endOnFailure: true },
	);
	// Every kind of mutation was tried.
	expect([...kinds.keys()].length).toBeGreaterThanOrEqual(14);
});

test.each([10_000, 100_000])('nesting %d deep is refused quickly, naming a line', (depth) => {
	const text = `${ORIGINAL}\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
	const { result, ms } = check({ kind: `depth ${depth}`, same: false, text });
	slowest = Math.max(slowest, ms);
	figures.inputs_tried++;
	figures.list_files_tried++;
	figures.list_files_rejected++;
	expect(result.ok).toBe(false);
});

test('a 2 MB file of nested brackets (under the 5 MiB limit) is refused within 1 s', () => {
	// Deep nesting costs the YAML parser time linear in depth; at this size, several seconds in the app's one
	// process, while every command waits. Expected: refused (too deep) within 1 s, with the line.
	const depth = 1_000_000;
	const text = `${ORIGINAL}\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
	const started = performance.now();
	const result = parseList(text, FILE);
	const ms = performance.now() - started;
	figures.inputs_tried++;
	expect(result.ok).toBe(false);
	expect(Math.round(ms)).toBeLessThan(1000);
});

test('every problem the mutations produced named a line (and, past YAML syntax, a field)', () => {
	// Runs after the property above; lists each distinct problem that didn't say where.
	expect([...unplaced.keys()]).toEqual([]);
});

test('an alias bomb is refused with the line of the alias (fixed case)', () => {
	const text = `a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n${ORIGINAL}`;
	const result = parseList(text, FILE);
	expect(result.ok).toBe(false);
	const [problem] = (result as { ok: false; problems: Array<{ line?: number; message: string }> }).problems;
	expect(problem.message).toMatch(/alias/i);
	// Expected: the line where the aliases explode (3, "c: &c [*b, …]"), as for every other problem.
	expect(problem.line).toBeGreaterThanOrEqual(1);
});

describe('in the real engine: the last good list is what users see', () => {
	let ws: Workspace;
	const URL = 'https://lists.example/subprocessors.yaml';
	afterAll(async () => ws?.stop());

	test('every mutated list served by the source', async () => {
		ws = await Workspace.start({ zip: appZip() });
		ws.http.on(URL, { status: 200, body: ORIGINAL });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);
		let current = ORIGINAL_LIST;
		let slowestCheck = 0;
		let served = 0;
		// Sources a real list editor produces are smaller than the hostile ones: cap sizes so a run stays quick.
		const engineMutation = mutation.filter((m) => m.text.length < size(300_000, 6_000_000));
		await fc.assert(
			fc.asyncProperty(engineMutation, fc.boolean(), async (m, restore) => {
				const text = restore ? ORIGINAL : m.text;
				const parsed = parseList(text, FILE);
				if (parsed.ok) {
					const changes = diffLists(current, parsed.list);
					if (!(countChanges(changes) > 0 && looksLikeMassRemoval(current, changes))) current = parsed.list;
				}
				ws.http.on(URL, { status: 200, body: text });
				const started = performance.now();
				const runs = await ws.advance(HOUR);
				slowestCheck = Math.max(slowestCheck, performance.now() - started);
				expect(runs.filter((r) => r.error)).toEqual([]);
				served++;
				// What users see: the stored pointer and the answer to `/subprocessors list` are the expected list.
				const pointer = ws.records().find((r) => r.associations.some((a) => a.id === 'list-pointer'))?.data as {
					fingerprint: string;
				};
				expect(pointer.fingerprint).toBe(fingerprint(current));
				const mark = ws.mark();
				await ws.command('alice', 'general', '/subprocessors list');
				const answer = ws.seen('alice', mark).filter((e) => e.kind === 'notification');
				expect(answer.map((e) => e.text)).toEqual([listAnswer(Catalog.of(current), 'en').text]);
			}),
			{ seed: SEED, numRuns: size(25, 300), endOnFailure: true },
		);
		expect(ws.errors).toEqual([]);
		figures.inputs_tried += served;
		report(__filename, { sum: { engine_list_sources_served: served }, max: { max_check_ms: Math.round(slowestCheck) } });
		// A check of any of these sources takes well under the engine's 30 s request limit.
		expect(slowestCheck).toBeLessThan(size(5_000, 15_000));
	});
});
