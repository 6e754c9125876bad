/** Shared helpers for the unit tests: the bundled list, line look-ups in it, and small lists built in a test. */
import * as fs from 'fs';
import * as path from 'path';
import { Catalog } from '../../src/features/list/catalog';
import type { SubprocessorList } from '../../src/features/list/model';
import { loadList, parseList, type ListProblem } from '../../src/features/list/schema';
import type { Reply } from '../../src/kernel/blocks';
import type { Objection } from '../../src/features/objections/model';
import type { ListState } from '../../src/platform/storage/stores';

export const BUNDLED_FILE = 'data/subprocessors.yaml';
const BUNDLED_PATH = path.join(__dirname, '..', '..', BUNDLED_FILE);

let text: string | undefined;
let list: SubprocessorList | undefined;

/** The bundled list's text, read from disk exactly as a privacy team edits it. */
export function bundledText(): string {
	text ??= fs.readFileSync(BUNDLED_PATH, 'utf8');
	return text;
}

export function bundledList(): SubprocessorList {
	list ??= loadList(bundledText(), BUNDLED_FILE);
	return list;
}

export function bundledCatalog(): Catalog {
	return Catalog.of(bundledList());
}

/**
 * The 1-based line of `source` that contains `needle`. `after` (a string) narrows the search to lines after
 * the first line containing it. A RegExp needle is tested against each line. Throws unless exactly one line matches, so a test can never silently point
 * at the wrong line.
 */
export function lineOf(source: string, needle: string | RegExp, after?: string): number {
	const matches = (line: string) => (typeof needle === 'string' ? line.includes(needle) : needle.test(line));
	const lines = source.split('\n');
	let start = 0;
	if (after !== undefined) {
		start = lines.findIndex((line) => line.includes(after)) + 1;
		if (start === 0) throw new Error(`no line contains ${JSON.stringify(after)}`);
	}
	const found: number[] = [];
	lines.forEach((line, i) => {
		if (i >= start && matches(line)) found.push(i + 1);
	});
	if (found.length === 0) throw new Error(`no line contains ${String(needle)}`);
	if (after === undefined && found.length > 1) {
		throw new Error(`${found.length} lines contain ${String(needle)}: ${found.join(', ')}`);
	}
	return found[0];
}

/** `source` with the one occurrence of `from` replaced; throws when `from` is missing or not unique. */
export function edit(source: string, from: string, to: string): string {
	const first = source.indexOf(from);
	if (first < 0) throw new Error(`the text does not contain ${JSON.stringify(from)}`);
	if (source.indexOf(from, first + 1) >= 0) throw new Error(`${JSON.stringify(from)} occurs more than once`);
	return source.slice(0, first) + to + source.slice(first + from.length);
}

/** The problems of a source that must fail validation (fails the test if it parses). */
export function problemsOf(source: string, file = BUNDLED_FILE): ListProblem[] {
	const result = parseList(source, file);
	if (result.ok) throw new Error('expected the list to be rejected, but it parsed');
	return result.problems;
}

/** A list built in a test: a YAML or JSON text that must be valid. */
export function catalogFrom(source: string, file = 'test.yaml'): Catalog {
	const result = parseList(source, file);
	if (!result.ok) throw new Error(`invalid test list:\n${result.problems.map((p) => `${p.line}: ${p.field}: ${p.message}`).join('\n')}`);
	return Catalog.of(result.list);
}

/** The header of a small valid list; append `subprocessors:` entries to it. */
export const SMALL_LIST_HEADER = `company: Example GmbH
updated: 2024-03-01
objections:
  email: privacy@example.com
  subject: Objection
categories:
  - id: infrastructure
    name: Infrastructure
  - id: service
    name: Services
`;

/** Every text a reply carries: its fallback text and the text of every block (sections, fields, contexts). */
export function blockTexts(reply: Reply): string[] {
	const out: string[] = [];
	for (const block of reply.blocks) {
		if (block.type === 'section') {
			if (block.text) out.push(block.text.text);
			for (const field of block.fields ?? []) out.push(field.text);
		} else if (block.type === 'context') {
			for (const element of block.elements) if ('text' in element) out.push(element.text);
		}
	}
	return out;
}

export function blockTypes(reply: Reply): string[] {
	return reply.blocks.map((block) => block.type);
}

/** Text without the zero-width joiners `markupSafe` inserts, for asserting on what a reader sees. */
export function visible(text: string): string {
	// Rocket.Chat's parser drops the backslash of the escapes `markupSafe` adds; word joiners are invisible.
	return text.replace(/[\u200d\u2060]/g, '').replace(/\\([*_~`#.])/g, '$1');
}

/** The reply as a reader sees it: its text and block texts without the escapes and joiners `markupSafe` adds. */
export function readable(reply: Reply): Reply {
	const strip = (value: unknown): unknown =>
		typeof value === 'string'
			? visible(value)
			: Array.isArray(value)
				? value.map(strip)
				: value && typeof value === 'object'
					? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
					: value;
	return { text: visible(reply.text), blocks: strip(reply.blocks) as Reply['blocks'] };
}

/** An objection as filing stores it: open, filed by alice, to Stripe. */
export const FILED_OBJECTION: Objection = {
	ref: 'OBJ-2026-K7Q2XM',
	dedupeKey: 'u1:stripe:abc',
	objector: { id: 'u1', username: 'alice', lang: 'en' },
	name: 'Alice',
	company: 'ACME',
	service: '',
	subprocessor: { id: 'stripe', name: 'Stripe' },
	grounds: 'x'.repeat(40),
	email: 'alice@acme.example',
	listVersion: '2023-01-05',
	filedAt: '2026-11-30T10:00:00.000Z',
	status: 'open',
	history: [{ action: 'filed', by: { id: 'u1', username: 'alice' }, at: '2026-11-30T10:00:00.000Z' }],
};
/** A list as a check accepts it (the stored state of a list store), under the given fingerprint. */
export const listState = (list: SubprocessorList, fingerprint: string): ListState => ({
	list,
	fingerprint,
	version: list.updated,
	count: list.subprocessors.length,
	source: 'test',
	acceptedAt: '2026-01-01T00:00:00Z',
});
