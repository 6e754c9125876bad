/**
 * The list file format (YAML or JSON) and its validation. Every error names the file, the line and the
 * field, and says what was expected: a privacy team edits this file by hand.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { findLocation } from '../../kernel/places';
import type { Subprocessor, SubprocessorList } from './model';
import { fold, slugify } from '../../kernel/text';
import { parseYamlSubset } from './yamlSubset';

const MAX_TEXT = 2000;

const isoDate = z.preprocess(
	// YAML 1.1 parsers turn 2023-01-05 into a Date; YAML 1.2 (ours) keeps it a string. Accept both.
	(value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
	z
		.string({ invalid_type_error: 'expected a date as YYYY-MM-DD' })
		.refine(isValidIsoDate, (value) => ({ message: `${JSON.stringify(value)} is not a date as YYYY-MM-DD` })),
);

const text = (what: string, max = MAX_TEXT) =>
	z
		.string({ invalid_type_error: `expected ${what} as text`, required_error: `${what} is required` })
		.trim()
		.min(1, `${what} must not be empty`)
		.max(max, `${what} is longer than ${max} characters`);

const textList = (what: string) => z.array(text(what, 200), { invalid_type_error: `expected a list of ${what}s, e.g. [A, B]` }).max(100);

const email = z
	.string({ invalid_type_error: 'expected an e-mail address', required_error: 'an e-mail address is required' })
	.trim()
	.email('expected an e-mail address such as privacy@example.com');

const url = z.string({ invalid_type_error: 'expected a URL' }).trim().url('expected a URL such as https://example.com');

const slug = z
	.string({ invalid_type_error: 'expected an id (letters, digits and dashes)' })
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an id of lower-case letters, digits and dashes, e.g. "mongodb-cloud"')
	.max(80);

const entrySchema = z
	.object({
		name: text('a name', 200),
		id: slug.optional(),
		aliases: textList('alias').optional(),
		category: z.string({ required_error: 'category is required', invalid_type_error: 'expected a category id' }),
		purpose: text('a purpose').optional(),
		locations: z
			.array(z.string({ invalid_type_error: 'expected a country or region name' }), {
				invalid_type_error: 'expected a list of countries, e.g. [United States, Brazil]',
			})
			.max(250)
			.nullish(),
		locationNote: text('a location note').optional(),
		data: textList('data category').optional(),
		website: url.optional(),
		since: isoDate.optional(),
		listedWith: z.array(slug, { invalid_type_error: 'expected a list of entry ids' }).max(20).optional(),
	})
	.strict();

const listObject = z
	.object({
		company: text('the company name', 200),
		updated: isoDate,
		policyUrl: url.optional(),
		description: text('a description', 4000).optional(),
		dueDiligence: text('a due diligence statement', 4000).optional(),
		contact: email.optional(),
		services: textList('service').optional(),
		objections: z
			.object({
				email,
				subject: text('a subject line', 200),
				requirements: textList('requirement').optional(),
				note: text('a note').optional(),
				noticeDays: z
					.number({ invalid_type_error: 'expected a number of days' })
					.int('expected a whole number of days')
					.min(0)
					.max(365)
					.optional(),
			})
			.strict(),
		categories: z
			.array(z.object({ id: slug, name: text('a category name', 200), description: text('a description', 4000).optional() }).strict())
			.min(1, 'at least one category is required'),
		subprocessors: z.array(entrySchema).max(20000, 'more than 20,000 entries'),
	})
	.strict();

const listSchema = listObject.superRefine(checkList);
/** Everything but the entries: the head of a list file, validated alone on the fast path. */
const headSchema = listObject.omit({ subprocessors: true });

type RawList = z.infer<typeof listObject>;
type RawEntry = z.infer<typeof entrySchema>;

/** What checkList reads of an entry: the file's entry (RawEntry), or on the fast path the normalized one. */
interface CheckedEntry {
	id?: string;
	name: string;
	aliases?: string[];
	category: string;
	locations?: unknown[] | null;
	listedWith?: string[];
}

/**
 * The checks across entries (ids, names, categories, places, links): the same on both parse paths. `known`:
 * the fast path's cached entries, whose ids, folded names and places were worked out when they were parsed (the
 * fast path passes their normalized entries as the list's; it only needs to know whether anything is wrong).
 */
function checkList(
	list: { categories: RawList['categories']; subprocessors: CheckedEntry[] },
	ctx: z.RefinementCtx,
	known?: CachedEntry[],
): void {
	const categoryIds = list.categories.map((c) => c.id);
	reportDuplicates(categoryIds, (i) => ['categories', i, 'id'], 'category id', ctx);

	const ids = known ? known.map((k) => k.entry.id) : list.subprocessors.map((e) => e.id ?? slugify(e.name));
	reportDuplicates(ids, (i) => ['subprocessors', i, list.subprocessors[i].id ? 'id' : 'name'], 'id', ctx);

	// Names and aliases share one namespace: each must point at exactly one entry.
	const nameOwners = new Map<string, number>();
	list.subprocessors.forEach((entry, i) => {
		const names: Array<[string, (string | number)[]]> = [[entry.name, ['subprocessors', i, 'name']]];
		(entry.aliases ?? []).forEach((alias, j) => names.push([alias, ['subprocessors', i, 'aliases', j]]));
		for (const [n, [name, path]] of names.entries()) {
			const key = known ? known[i].keys[n] : fold(name);
			const owner = nameOwners.get(key);
			if (owner !== undefined && owner !== i) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path,
					message: `${JSON.stringify(name)} is already the name or alias of subprocessors[${owner}] (${list.subprocessors[owner].name})`,
				});
			} else {
				nameOwners.set(key, i);
			}
		}
	});

	const idSet = new Set(ids);
	list.subprocessors.forEach((entry, i) => {
		if (!categoryIds.includes(entry.category)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['subprocessors', i, 'category'],
				message: `${JSON.stringify(entry.category)} is not one of ${categoryIds.join(', ')}`,
			});
		}
		(entry.locations ?? []).forEach((location, j) => {
			if (known ? known[i].entry.locations[j].code === undefined : !findLocation(location as string)) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['subprocessors', i, 'locations', j],
					message: `${JSON.stringify(location)} is not a country name, ISO code or region (e.g. United States, US, Brazil, EU, EEA, EMEA, Worldwide)`,
				});
			}
		});
		(entry.listedWith ?? []).forEach((other, j) => {
			if (!idSet.has(other) || other === ids[i]) {
				ctx.addIssue({
					code: z.ZodIssueCode.custom,
					path: ['subprocessors', i, 'listedWith', j],
					message: `${JSON.stringify(other)} is not the id of another entry`,
				});
			}
		});
	});
}

export interface ListProblem {
	file: string;
	line?: number;
	/** The field as a path, e.g. `subprocessors[7].category`; empty for the whole file. */
	field: string;
	message: string;
}

export class ListError extends Error {
	constructor(public readonly problems: ListProblem[]) {
		super(problems.map(formatProblem).join('\n'));
		this.name = 'ListError';
	}
}

export function formatProblem(problem: ListProblem): string {
	const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
	return problem.field ? `${where} ${problem.field}: ${problem.message}` : `${where}: ${problem.message}`;
}

export type ParseResult = { ok: true; list: SubprocessorList } | { ok: false; problems: ListProblem[] };

/** Limits that keep a hostile or broken source from costing more than a real list ever would. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/**
 * The last list text that loaded, and what it loaded as. A scheduled check fetches the same text over and
 * over; parsing and validating it again would cost more than everything else the check does (≈ 1 s for
 * 5,000 entries in the engine). The result is shared: lists are never changed once loaded.
 */
let lastLoaded: { source: string; file: string; result: ParseResult } | undefined;

/**
 * The entries of the last list that loaded on the fast path, by their source text (the lines of one `- …`
 * item): a new version of a list changes a few entries, and only those are parsed and validated again.
 * Replaced by each list that loads, so it never holds more than one list's entries.
 */
let entryCache = new Map<string, CachedEntry>();

interface CachedEntry {
	entry: Subprocessor;
	/** What checkList needs of the entry and would compute on every parse: its name and aliases folded. */
	keys: string[];
}

/**
 * Parses and validates list text (YAML, or JSON, which is YAML too). Never throws for bad input. The same
 * text as the last list that loaded gives the same result object without parsing again; entries whose text
 * is unchanged since the last list that loaded are not parsed again.
 */
export function parseList(source: string, file: string): ParseResult {
	if (lastLoaded && lastLoaded.file === file && lastLoaded.source === source) {
		return lastLoaded.result;
	}
	const result = precheck(source, file) ?? parseByEntry(source) ?? parseWhole(source, file);
	// Only lists worth keeping: a bad or small text costs little to parse again.
	if (result.ok && source.length >= 16 * 1024) {
		lastLoaded = { source, file, result };
	}
	return result;
}

/** Forgets what earlier lists loaded as (for tests: the next parse starts from nothing). */
export function clearListCaches(): void {
	lastLoaded = undefined;
	entryCache = new Map();
}

/** Parses without the caches, the whole text at once: what every cached result must equal. */
export function parseListFresh(source: string, file: string): ParseResult {
	return precheck(source, file) ?? parseWhole(source, file);
}

/** Refusals that need no parse: too big, empty, or nested deeper than any list (a hostile file). */
function precheck(source: string, file: string): ParseResult | undefined {
	if (source.length * 3 > MAX_SOURCE_BYTES && new TextEncoder().encode(source).length > MAX_SOURCE_BYTES) {
		return { ok: false, problems: [{ file, field: '', message: `the file is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB` }] };
	}
	if (!source.trim()) {
		return { ok: false, problems: [{ file, field: '', message: 'the file is empty' }] };
	}
	const tooDeep = flowDepthProblem(source);
	if (tooDeep) {
		return {
			ok: false,
			problems: [{ file, line: tooDeep.line, field: '', message: `not valid YAML: nested more than ${MAX_FLOW_DEPTH} levels deep` }],
		};
	}
	return undefined;
}

/**
 * The fast path for the usual file: a top-level `subprocessors:` key whose value is a block sequence. The
 * head (everything else) and each entry's lines are parsed alone, entries found in the cache not at all.
 * Only a list that is valid on every count loads this way; anything else (a YAML error, a bad field, an
 * alias, a directive, a file not laid out like this) gives undefined, and the whole text is parsed as one
 * document, so problems and their lines are exactly those of the full parse.
 */
function parseByEntry(source: string): ParseResult | undefined {
	const split = splitEntries(source);
	if (!split) return undefined;
	const head = parseHead(split.head, split.keyAt);
	if (!head || split.entries.length > 20000) return undefined;
	const found = split.entries.map((text) => entryCache.get(text));
	const fresh = split.entries.filter((_, i) => !found[i]);
	const parsed = new Map<string, CachedEntry>();
	// New entries are parsed a batch at a time: one document per entry costs more than the entry itself.
	for (let i = 0; i < fresh.length; i += ENTRY_BATCH) {
		const batch = fresh.slice(i, i + ENTRY_BATCH);
		const entries = parseEntries(batch);
		if (!entries) return undefined;
		batch.forEach((text, j) => parsed.set(text, entries[j]));
	}
	const next = new Map<string, CachedEntry>();
	const cached = split.entries.map((text, i) => {
		const entry = (found[i] ?? parsed.get(text)) as CachedEntry;
		next.set(text, entry);
		return entry;
	});
	const entries = cached.map((c) => c.entry);
	const issues: z.IssueData[] = [];
	checkList({ categories: head.categories, subprocessors: entries }, { addIssue: (issue) => issues.push(issue), path: [] }, cached);
	if (issues.length > 0) return undefined;
	entryCache = next;
	return { ok: true, list: normalizeWith(head, entries) };
}

/** The file cut into its head (with `subprocessors: []` in place of the entries) and each entry's lines. */
function splitEntries(source: string): { head: string; keyAt: number; entries: string[] } | undefined {
	const start = /^subprocessors:[ \t]*(#.*)?\r?$/m.exec(source);
	if (!start) return undefined;
	// Directives and document markers change how everything after them reads, and a lone CR breaks a line for
	// YAML but not for the cutting below: not for the fast path.
	if (/^(%|---|\.\.\.)/m.test(source) || /\r(?!\n)/.test(source)) return undefined;
	const entries: string[] = [];
	let indent = -1;
	let itemStart = -1;
	let pos = source.indexOf('\n', start.index);
	let end = source.length;
	while (pos >= 0 && pos < source.length) {
		const lineStart = pos + 1;
		const newline = source.indexOf('\n', lineStart);
		const lineEnd = newline < 0 ? source.length : newline;
		let spaces = 0;
		while (source.charCodeAt(lineStart + spaces) === 32) spaces++;
		const first = source[lineStart + spaces];
		// Blank (spaces, tabs, a CR) or a comment: part of the entry before it, never a boundary.
		// Only a tab, a CR or the line's end after the spaces can start a blank line (no slice of every line).
		const blank =
			first === '#' ||
			((first === undefined || first === '\t' || first === '\r' || first === '\n') &&
				/^[ \t\r]*$/.test(source.slice(lineStart + spaces, lineEnd)));
		if (!blank) {
			const after = source.charCodeAt(lineStart + spaces + 1);
			// "-" then a space, the line's end or the file's end (NaN): an item, as YAML reads it.
			const item = first === '-' && (after === 32 || after === 13 || after === 10 || Number.isNaN(after));
			if (indent < 0) {
				if (!item) return undefined;
				indent = spaces;
			}
			if (item && spaces === indent) {
				if (itemStart >= 0) entries.push(source.slice(itemStart, lineStart));
				itemStart = lineStart;
			} else if (spaces < indent || (spaces === indent && !item)) {
				// The next top-level key ends the entries; anything else this far left is not a list we can cut.
				if (spaces > 0 || !/[A-Za-z0-9_"']/.test(first)) return undefined;
				end = lineStart;
				break;
			}
		}
		pos = newline;
	}
	if (itemStart < 0) return undefined;
	entries.push(source.slice(itemStart, end));
	const head = `${source.slice(0, start.index)}subprocessors: []\n${source.slice(end)}`;
	return { head, keyAt: start.index, entries };
}

function parseHead(text: string, keyAt: number): z.infer<typeof headSchema> | undefined {
	const read = readAlone(text);
	// The entries' key must be the one put there: a key of the top-level mapping, not text inside a scalar.
	if (!read || read.rootKeys.get('subprocessors') !== keyAt) return undefined;
	const data = read.value;
	if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const { subprocessors, ...rest } = data as Record<string, unknown>;
	if (!Array.isArray(subprocessors) || subprocessors.length > 0) return undefined;
	const parsed = headSchema.safeParse(rest);
	return parsed.success ? parsed.data : undefined;
}

/** Entries parsed in one document, alone or a batch at a time alike: each `- …` item is a whole entry. */
const ENTRY_BATCH = 10;

function parseEntries(texts: string[]): CachedEntry[] | undefined {
	const lines = texts.map((text) => (text.endsWith('\n') ? text : `${text}\n`));
	const data = eachAlone(lines) ?? readAlone(lines.join(''))?.value;
	if (!Array.isArray(data) || data.length !== texts.length) return undefined;
	const entries: CachedEntry[] = [];
	for (const item of data) {
		const parsed = entrySchema.safeParse(item);
		if (!parsed.success) return undefined;
		entries.push({
			entry: normalizeEntry(parsed.data),
			keys: [parsed.data.name, ...(parsed.data.aliases ?? [])].map(fold),
		});
	}
	return entries;
}

/**
 * Each entry by the list format's own reader, alone: as cheap as a batch for it, and the texts it gives are then pieces
 * of the fetched text (which the entry cache keeps) instead of pieces of a batch's copy of it, which every entry kept
 * alive (at 5,000 entries, a second copy of the list in memory). Undefined when an entry is outside what it reads.
 */
function eachAlone(texts: string[]): unknown[] | undefined {
	const items: unknown[] = [];
	for (const text of texts) {
		const value = parseYamlSubset(text)?.value;
		if (!Array.isArray(value) || value.length !== 1) return undefined;
		items.push(value[0]);
	}
	return items;
}

/**
 * A part of the file read alone, with the offsets of its top-level keys: by the list format's own reader when the
 * part is inside the YAML it reads (it allocates a fraction of what `yaml`'s documents do: at 5,000 new entries,
 * the heap V8 grows and keeps), else by `yaml`. Undefined on any error, or when it has aliases (they may reach
 * across parts).
 */
function readAlone(text: string): { value: unknown; rootKeys: Map<string, number> } | undefined {
	const fast = parseYamlSubset(text);
	if (fast) return fast;
	const doc = parseAlone(text);
	if (!doc) return undefined;
	const data = toData(doc);
	if (data === undefined) return undefined;
	const rootKeys = new Map<string, number>();
	if (isMap(doc.contents)) {
		for (const pair of doc.contents.items) {
			if (isScalar(pair.key) && typeof pair.key.value === 'string' && pair.key.range) rootKeys.set(pair.key.value, pair.key.range[0]);
		}
	}
	return { value: data, rootKeys };
}

function parseAlone(text: string): Document.Parsed | undefined {
	const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length > 0) return undefined;
	if (text.includes('*')) {
		let alias = false;
		visit(doc, {
			Alias() {
				alias = true;
				return visit.BREAK;
			},
		});
		if (alias) return undefined;
	}
	return doc;
}

function toData(doc: Document.Parsed): unknown {
	try {
		return doc.toJS({ maxAliasCount: 50 });
	} catch {
		return undefined;
	}
}

/** The whole text as one document: the path that reports problems, each with its line. */
function parseWhole(source: string, file: string): ParseResult {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length > 0) {
		return {
			ok: false,
			problems: doc.errors.slice(0, 20).map((error) => ({
				file,
				line: lineCounter.linePos(error.pos[0]).line,
				field: '',
				message: `not valid YAML: ${error.message.split('\n')[0]}`,
			})),
		};
	}
	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: 50 });
	} catch (error) {
		// An alias bomb: point at the first alias, where the expansion starts.
		let line: number | undefined;
		visit(doc, {
			Alias(_key, node) {
				line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
				return visit.BREAK;
			},
		});
		return { ok: false, problems: [{ file, line: line ?? 1, field: '', message: `not valid YAML: ${(error as Error).message}` }] };
	}
	if (data === null || data === undefined) {
		return { ok: false, problems: [{ file, field: '', message: 'the file is empty' }] };
	}
	if (typeof data !== 'object' || Array.isArray(data)) {
		return {
			ok: false,
			problems: [
				{ file, line: 1, field: '', message: 'expected a mapping with company, updated, objections, categories and subprocessors' },
			],
		};
	}
	const parsed = listSchema.safeParse(data);
	if (!parsed.success) {
		const problems = parsed.error.issues.slice(0, 50).map((issue) => {
			// zod reports an unknown key at its object; point at the key itself.
			const path = issue.code === z.ZodIssueCode.unrecognized_keys ? [...issue.path, issue.keys[0]] : issue.path;
			return { file, line: lineOf(doc.contents, path, lineCounter), field: formatPath(path), message: describeIssue(issue) };
		});
		problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
		return { ok: false, problems };
	}
	return { ok: true, list: normalize(parsed.data) };
}

/** Like parseList, but throws a ListError: for the bundled list, which the build has already checked. */
export function loadList(source: string, file: string): SubprocessorList {
	const result = parseList(source, file);
	if (!result.ok) {
		throw new ListError(result.problems);
	}
	return result.list;
}

function normalize(raw: RawList): SubprocessorList {
	return normalizeWith(raw, raw.subprocessors.map(normalizeEntry));
}

function normalizeEntry(entry: RawEntry): Subprocessor {
	return {
		id: entry.id ?? slugify(entry.name),
		name: entry.name,
		aliases: entry.aliases ?? [],
		category: entry.category,
		purpose: entry.purpose,
		locations: (entry.locations ?? []).map((name) => ({ code: findLocation(name)?.code as string, name: name.trim() })),
		locationNote: entry.locationNote,
		data: entry.data ?? [],
		website: entry.website,
		since: entry.since,
		listedWith: entry.listedWith ?? [],
	};
}

function normalizeWith(raw: Omit<RawList, 'subprocessors'>, subprocessors: Subprocessor[]): SubprocessorList {
	return {
		company: raw.company,
		updated: raw.updated,
		policyUrl: raw.policyUrl,
		description: raw.description,
		dueDiligence: raw.dueDiligence,
		contact: raw.contact,
		services: raw.services ?? [],
		objections: { ...raw.objections, requirements: raw.objections.requirements ?? [] },
		categories: raw.categories,
		subprocessors,
	};
}

function describeIssue(issue: z.ZodIssue): string {
	switch (issue.code) {
		case z.ZodIssueCode.invalid_type:
			return issue.received === 'undefined' ? `is required (${issue.message})` : `${issue.message}, got ${issue.received}`;
		case z.ZodIssueCode.unrecognized_keys:
			return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
		case z.ZodIssueCode.invalid_enum_value:
			return `${JSON.stringify(issue.received)} is not one of ${issue.options.join(', ')}`;
		default:
			return issue.message;
	}
}

function formatPath(path: (string | number)[]): string {
	return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

function isValidIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		return false;
	}
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The line of the deepest node along `path` that exists: the field itself, or its parent when it is missing. */
function lineOf(root: unknown, path: (string | number)[], lineCounter: LineCounter): number | undefined {
	let node: unknown = root;
	let offset = (root as YamlNode | null)?.range?.[0];
	for (const key of path) {
		if (isMap(node)) {
			const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
			if (!pair) {
				break;
			}
			offset = (pair.key as YamlNode).range?.[0] ?? offset;
			node = pair.value;
		} else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
			node = node.items[key];
			offset = (node as YamlNode).range?.[0] ?? offset;
		} else {
			break;
		}
	}
	return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function reportDuplicates(values: string[], pathOf: (index: number) => (string | number)[], what: string, ctx: z.RefinementCtx): void {
	const first = new Map<string, number>();
	values.forEach((value, i) => {
		const earlier = first.get(value);
		if (earlier === undefined) {
			first.set(value, i);
		} else {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: pathOf(i),
				message: `duplicate ${what} ${JSON.stringify(value)} (already used at index ${earlier})`,
			});
		}
	});
}

/** Deeper flow nesting than any real list needs; the YAML parser's cost grows badly with depth. */
const MAX_FLOW_DEPTH = 64;

/** A linear pre-scan for `[`/`{` nesting, so a hostile file is refused in milliseconds, with its line. */
function flowDepthProblem(source: string): { line: number } | undefined {
	// Only these characters change anything: jump from one to the next (a file can be megabytes).
	const special = /[\n"'#[\]{}]/g;
	let depth = 0;
	let line = 1;
	let quote = 0;
	for (let found = special.exec(source); found; found = special.exec(source)) {
		const i = found.index;
		const ch = source.charCodeAt(i);
		if (ch === 10) {
			line++;
			if (quote === 39) quote = 0; // single-quoted scalars rarely span lines; don't let one hide the rest
			continue;
		}
		if (quote) {
			if (ch === quote && source.charCodeAt(i - 1) !== 92) quote = 0;
			continue;
		}
		if (ch === 35 && (i === 0 || /\s/.test(source[i - 1]))) {
			const end = source.indexOf('\n', i);
			special.lastIndex = end < 0 ? source.length : end;
			continue;
		}
		if (ch === 34 || ch === 39) quote = ch;
		else if (ch === 91 || ch === 123) {
			if (++depth > MAX_FLOW_DEPTH) return { line };
		} else if ((ch === 93 || ch === 125) && depth > 0) depth--;
	}
	return undefined;
}
