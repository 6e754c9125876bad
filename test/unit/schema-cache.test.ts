/**
 * parseList's per-entry cache and fast path: whatever was loaded before, the result equals a fresh parse of
 * the whole text (parseListFresh) — the same list for a good file, the same problems (file, line, field,
 * message) for a bad one — and entries whose text did not change are not parsed again.
 */
import fc from 'fast-check';
import { clearListCaches, parseList, parseListFresh, type ParseResult } from '../../src/features/list/schema';
import { evolve, generateList, seedList, toYaml } from '../../bench/lists';
import { BUNDLED_FILE, bundledText, edit } from './helpers';

const FILE = 'list.yaml';

/** Plain data of a result, so that equal results compare equal whatever objects they share. */
const plain = (result: ParseResult) => JSON.parse(JSON.stringify(result));

function expectSameAsFresh(source: string, file = FILE): ParseResult {
	const result = parseList(source, file);
	expect(plain(result)).toEqual(plain(parseListFresh(source, file)));
	return result;
}

beforeEach(() => clearListCaches());

describe('a list loaded after another', () => {
	const seed = seedList(bundledText());
	const v1 = generateList(seed, 300);
	const v2 = evolve(v1, 0);

	test('equals a fresh parse, and its unchanged entries are the ones already loaded', () => {
		const first = expectSameAsFresh(toYaml(v1));
		const second = expectSameAsFresh(toYaml(v2));
		if (!first.ok || !second.ok) throw new Error('the generated lists must load');
		const before = new Map(first.list.subprocessors.map((e) => [e.id, e]));
		const same = second.list.subprocessors.filter((e) => before.get(e.id) === e);
		const changed = second.list.subprocessors.filter((e) => before.get(e.id) !== e);
		// evolve() changes 1 % (3 entries) and adds at least one: the rest come from the cache as they were.
		expect(changed.length).toBeGreaterThanOrEqual(4);
		expect(changed.length).toBeLessThan(10);
		expect(same.length).toBe(second.list.subprocessors.length - changed.length);
		for (const entry of changed) {
			const old = before.get(entry.id);
			if (old) expect(entry).not.toEqual(old);
		}
	});

	test('the bundled list loads the same way through the fast path and the full parse', () => {
		expectSameAsFresh(bundledText(), BUNDLED_FILE);
		// and once more, now all from the cache
		expectSameAsFresh(`# again\n${bundledText()}`, BUNDLED_FILE);
	});

	const BAD: Array<[string, (text: string) => string]> = [
		[
			'an unknown category',
			(t) => edit(t, 'category: service\n    purpose: Billing platform', 'category: infra\n    purpose: Billing platform'),
		],
		['a YAML error inside one entry', (t) => t.replace('  - name: Stripe', '  - name: Stripe\n    purpose: [unclosed')],
		['an unknown field', (t) => t.replace('  - name: Stripe', '  - name: Stripe\n    color: red')],
		['a duplicate name', (t) => t.replace('  - name: Stripe', '  - name: Stripe\n  - name: Stripe\n    category: service')],
		['a bad place', (t) => t.replace('  - name: Stripe', '  - name: Stripe\n    locations: [Atlantis]')],
		[
			'an alias across entries',
			(t) => t.replace('  - name: Stripe', '  - name: &s Stripe').replace('  - name: ZOHO', '  - name: ZOHO\n    aliases: [*s]'),
		],
		['an entry indented wrongly', (t) => t.replace('  - name: Stripe', '    - name: Stripe')],
		['a second document', (t) => `${t}\n---\ncompany: X\n`],
		['a YAML 1.1 directive', (t) => `%YAML 1.1\n---\n${t}`],
		['a tab for indentation', (t) => t.replace('  - name: Stripe', '\t- name: Stripe')],
		['entries as a flow sequence', (t) => t.replace(/^subprocessors:[\s\S]*$/m, 'subprocessors: [{name: A, category: service}]\n')],
		['no entries', (t) => t.replace(/^subprocessors:[\s\S]*$/m, 'subprocessors:\n')],
		['a second subprocessors key', (t) => `${t}\nsubprocessors: []\n`],
		[
			'the key inside a quoted text',
			(t) => t.replace(/^subprocessors:/m, 'note: "x\nsubprocessors:').replace(/$/, '"\nsubprocessors: []\n'),
		],
		['CRLF line ends', (t) => t.replace(/\n/g, '\r\n')],
		['a bad head', (t) => t.replace('updated: 2023-01-05', 'updated: 2023-02-30')],
	];

	test.each(BAD)('%s: the same result as a fresh parse, before and after a good list loaded', (_name, change) => {
		const text = change(toYaml(v1));
		const cold = expectSameAsFresh(text);
		parseList(toYaml(v1), FILE);
		const warm = expectSameAsFresh(text);
		expect(plain(warm)).toEqual(plain(cold));
	});

	test('random edits of a loaded list give what a fresh parse gives', () => {
		const base = toYaml(generateList(seed, 60));
		const pieces = [
			'\n',
			' ',
			'  - ',
			'- ',
			':',
			'#',
			'"',
			"'",
			'[',
			']',
			'{',
			'}',
			'&a ',
			'*a',
			'---\n',
			'\t',
			'name: X',
			'category: service',
			'\n  - name: Q\n    category: service\n',
			'subprocessors:\n',
		];
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 40 }), fc.constantFrom(...pieces)), {
					minLength: 1,
					maxLength: 3,
				}),
				(edits) => {
					let text = base;
					for (const [at, remove, insert] of edits) {
						const pos = Math.min(at, text.length);
						text = text.slice(0, pos) + insert + text.slice(pos + (remove % 4 === 0 ? remove : 0));
					}
					parseList(base, FILE);
					const result = parseList(text, FILE);
					expect(plain(result)).toEqual(plain(parseListFresh(text, FILE)));
				},
			),
			{ numRuns: 80, seed: 14 },
		);
	});
});

describe('the nesting pre-scan', () => {
	/** The scan as it was, one character at a time: the faster one must refuse the same files at the same line. */
	function reference(source: string): number | undefined {
		let depth = 0;
		let line = 1;
		let quote: string | undefined;
		for (let i = 0; i < source.length; i++) {
			const ch = source[i];
			if (ch === '\n') {
				line++;
				if (quote === "'") quote = undefined;
				continue;
			}
			if (quote) {
				if (ch === quote && source[i - 1] !== '\\') quote = undefined;
				continue;
			}
			if (ch === '#' && (i === 0 || /\s/.test(source[i - 1]))) {
				const end = source.indexOf('\n', i);
				i = end < 0 ? source.length : end - 1;
				continue;
			}
			if (ch === '"' || ch === "'") quote = ch;
			else if (ch === '[' || ch === '{') {
				if (++depth > 64) return line;
			} else if ((ch === ']' || ch === '}') && depth > 0) depth--;
		}
		return undefined;
	}

	test('refuses exactly what the character-by-character scan refused, at the same line', () => {
		const piece = fc.constantFrom('[', '{', ']', '}', '"', "'", '\\', '#', ' #', '\n', 'a', ' ', '[[[[[[[[', '{{{{{{{{');
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
				const text = `company: X\nnote: ${pieces.join('')}\n`;
				const line = reference(text);
				const problems =
					(parseListFresh(text, FILE) as { ok: false; problems: Array<{ line?: number; message: string }> }).problems ?? [];
				const deep = problems.filter((p) => p.message.includes('levels deep'));
				if (line === undefined) expect(deep).toEqual([]);
				else expect(deep).toEqual([expect.objectContaining({ line })]);
			}),
			{ numRuns: 400, seed: 7 },
		);
	});
});
