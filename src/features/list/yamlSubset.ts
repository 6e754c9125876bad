/**
 * A reader for the part of YAML that list files use: block mappings and sequences, one-line plain and quoted
 * scalars, one-line flow sequences of scalars, `{}`, folded and literal block scalars (`>`, `>-`, `|`, `|-`) and
 * comments. For that part it gives what the `yaml` library's `parseDocument(text).toJS()` gives (YAML 1.2, core
 * schema), without building its document model: parsing a 5,000-entry list with `yaml` grows the engine's heap to
 * several times the list's size, and V8 keeps that heap. Anything else, and anything it cannot be sure of (numbers,
 * tabs, anchors, tags, multi-line plain or quoted scalars, odd indentation, …), gives undefined: the caller then
 * parses with `yaml`, which also reports the errors. Pure: no engine imports.
 */

export interface SubsetDocument {
	value: unknown;
	/** The offset in the text of each key of the top-level mapping (empty when the top level is not a mapping). */
	rootKeys: Map<string, number>;
}

/**
 * Thrown when the text leaves the subset: one plain object, caught in `parseYamlSubset`. Not an Error: an Error
 * built while the bundle loads makes the engine's Deno runtime collect source positions for the whole bundle's
 * top-level function (~40 ms of every install, measured in docs/performance.md).
 */
class OutsideSubset {
	readonly reason = 'outside the YAML subset';
}
const GIVE_UP = new OutsideSubset();

// The core schema's non-string plain scalars, as yaml 2's schema/core and schema/common/null test them.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const NUMBER = [
	/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
	/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
	/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
	/^0o[0-7]+$/,
	/^[-+]?[0-9]+$/,
	/^0x[0-9a-fA-F]+$/,
];
/** A key this reader takes: plain, one word (the list format's keys), then `:` and a space or the line's end. */
const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?= |$)/;
/** What may follow a quoted scalar or a flow sequence on its line: nothing, or a comment after a space. */
const TAIL = /^(?: +(?:#.*)?)?$/;
const BLOCK_HEADER = /^([|>])(-?)(?: +(?:#.*)?)?$/;
/** Characters this reader leaves to `yaml`: tabs, lone CRs, controls, BOM, non-ASCII line breaks. */
const REFUSED = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;
/** Directives and document markers: more than one document, or a different YAML version. */
const MARKERS = /^(?:%|---|\.\.\.)/m;
const HEX = /^[0-9a-fA-F]+$/;
const ESCAPES: Record<string, string> = {
	'\\': '\\',
	'"': '"',
	'/': '/',
	'n': '\n',
	't': '\t',
	'r': '\r',
	'b': '\b',
	'f': '\f',
	'0': '\0',
};

/** The text's data as `yaml` would read it, or undefined when the text is not in the subset (or not valid YAML). */
export function parseYamlSubset(text: string): SubsetDocument | undefined {
	if (REFUSED.test(text) || MARKERS.test(text)) return undefined;
	try {
		return new SubsetReader(text).document();
	} catch (error) {
		if (error === GIVE_UP) return undefined;
		throw error;
	}
}

class SubsetReader {
	private readonly lines: string[];
	/** Each line's indentation; a compact `- key: …` item's line is re-read from its key (see sequence). */
	private readonly indents: number[];
	private readonly starts: number[];
	private pos = 0;
	private readonly rootKeys = new Map<string, number>();

	constructor(text: string) {
		this.lines = text.split('\n');
		this.indents = new Array<number>(this.lines.length);
		this.starts = new Array<number>(this.lines.length);
		let offset = 0;
		for (let i = 0; i < this.lines.length; i++) {
			let line = this.lines[i];
			this.starts[i] = offset;
			offset += line.length + 1;
			if (line.endsWith('\r')) line = this.lines[i] = line.slice(0, -1);
			let spaces = 0;
			while (line.charCodeAt(spaces) === 32) spaces++;
			this.indents[i] = spaces;
			this.lines[i] = line.slice(spaces);
		}
	}

	document(): SubsetDocument {
		const first = this.nextContent();
		if (first < 0) throw GIVE_UP;
		const value = this.block(this.indents[first], true);
		if (this.nextContent() >= 0) throw GIVE_UP;
		return { value, rootKeys: this.rootKeys };
	}

	/** The next line that is neither blank nor a comment (pos moves to it), or -1. */
	private nextContent(): number {
		while (this.pos < this.lines.length) {
			const line = this.lines[this.pos];
			if (line !== '' && line[0] !== '#') return this.pos;
			this.pos++;
		}
		return -1;
	}

	/** A block node whose first line is the current one, at `indent`. */
	private block(indent: number, root = false): unknown {
		const line = this.lines[this.pos];
		if (isItem(line)) return this.sequence(indent);
		if (KEY.test(line)) return this.mapping(indent, root);
		throw GIVE_UP;
	}

	private mapping(indent: number, root: boolean): Record<string, unknown> {
		const map: Record<string, unknown> = {};
		for (let i = this.nextContent(); i >= 0 && this.indents[i] >= indent; i = this.nextContent()) {
			if (this.indents[i] > indent) throw GIVE_UP;
			const line = this.lines[i];
			const match = KEY.exec(line);
			if (!match) throw GIVE_UP;
			const key = match[1];
			if (key.length > 1024 || key === '__proto__' || BOOL.test(key) || NULL.test(key) || hasOwn(map, key)) throw GIVE_UP;
			if (root) this.rootKeys.set(key, this.starts[i] + indent);
			const rest = line.slice(match[0].length).trimStart();
			if (rest === '' || rest[0] === '#') {
				this.pos = i + 1;
				const next = this.nextContent();
				if (next >= 0 && this.indents[next] > indent) map[key] = this.block(this.indents[next]);
				else if (next >= 0 && this.indents[next] === indent && isItem(this.lines[next])) map[key] = this.sequence(indent);
				else map[key] = null;
			} else {
				map[key] = this.inline(rest, indent, i);
			}
		}
		return map;
	}

	private sequence(indent: number): unknown[] {
		const items: unknown[] = [];
		for (let i = this.nextContent(); i >= 0 && this.indents[i] >= indent; i = this.nextContent()) {
			if (this.indents[i] > indent) throw GIVE_UP;
			const line = this.lines[i];
			// A line at this indentation that is no item ends a sequence that is a mapping's value at the same indentation.
			if (!isItem(line)) break;
			let spaces = 1;
			while (line.charCodeAt(spaces) === 32) spaces++;
			const content = line.slice(spaces);
			if (content === '') {
				this.pos = i + 1;
				const next = this.nextContent();
				items.push(next >= 0 && this.indents[next] > indent ? this.block(this.indents[next]) : null);
			} else if (content[0] === '#') {
				throw GIVE_UP;
			} else if (KEY.test(content) || isItem(content)) {
				// `- name: …`: a mapping (or a sequence) whose first line is this one, from its own column on.
				this.lines[i] = content;
				this.indents[i] = indent + spaces;
				items.push(this.block(indent + spaces));
			} else {
				items.push(this.inline(content, indent, i));
			}
		}
		return items;
	}

	/** A scalar or flow sequence starting at `text` on line `at`, in a node at `indent`; moves past its lines. */
	private inline(text: string, indent: number, at: number): unknown {
		this.pos = at + 1;
		let value: unknown;
		const first = text[0];
		if (first === '"') value = tailed(text, doubleQuoted(text, 0));
		else if (first === "'") value = tailed(text, singleQuoted(text, 0));
		else if (first === '[') value = tailed(text, flowSequence(text));
		else if (text.startsWith('{}')) value = tailed(text, [{}, 2]);
		else if (first === '|' || first === '>') value = this.blockScalar(text, indent);
		else value = plain(text, false);
		// A deeper line next would continue the scalar over lines (or be an error): `yaml` reads that.
		const next = this.nextContent();
		if (next >= 0 && this.indents[next] > indent) throw GIVE_UP;
		return value;
	}

	/** `>`/`>-`/`|`/`|-` and its lines, all at one indentation (a more-indented line: give up). */
	private blockScalar(header: string, indent: number): string {
		const match = BLOCK_HEADER.exec(header);
		if (!match) throw GIVE_UP;
		const contentIndent = this.pos < this.lines.length ? this.indents[this.pos] : 0;
		if (contentIndent <= indent || this.lines[this.pos] === '') throw GIVE_UP;
		const folded = match[1] === '>';
		let out = '';
		let breaks = 0;
		let end = this.pos;
		for (let i = this.pos; i < this.lines.length; i++) {
			const line = this.lines[i];
			if (line === '') {
				// A blank line; one with more spaces than the indentation holds content (spaces): give up.
				if (this.indents[i] > contentIndent) throw GIVE_UP;
				breaks++;
				continue;
			}
			if (this.indents[i] < contentIndent) {
				if (this.indents[i] > indent) throw GIVE_UP;
				break;
			}
			if (this.indents[i] > contentIndent || line.endsWith(' ')) throw GIVE_UP;
			if (i === this.pos) out = line;
			else out += (folded ? (breaks ? '\n'.repeat(breaks) : ' ') : '\n'.repeat(breaks + 1)) + line;
			breaks = 0;
			end = i + 1;
		}
		this.pos = end;
		return match[2] === '-' ? out : `${out}\n`;
	}
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

function isItem(line: string): boolean {
	return line[0] === '-' && (line.length === 1 || line[1] === ' ');
}

/** A value whose text ends at `end`: only spaces and a comment may follow. */
function tailed<T>(text: string, [value, end]: [T, number]): T {
	if (!TAIL.test(text.slice(end))) throw GIVE_UP;
	return value;
}

/** A one-line plain scalar, resolved as the core schema does (numbers are left to `yaml`). */
function plain(text: string, inFlow: boolean): unknown {
	const c = text[0];
	if ('-?:,[]{}#&*!|>\'"%@`'.includes(c)) throw GIVE_UP;
	const comment = text.indexOf(' #');
	const value = (comment < 0 ? text : text.slice(0, comment)).trimEnd();
	if (value.includes(': ') || value.endsWith(':') || (inFlow && /[[\]{}:]/.test(value))) throw GIVE_UP;
	if (NULL.test(value)) return null;
	if (BOOL.test(value)) return c === 't' || c === 'T';
	if (NUMBER.some((re) => re.test(value))) throw GIVE_UP;
	return value;
}

function doubleQuoted(text: string, start: number): [string, number] {
	let out = '';
	let from = start + 1;
	for (let i = from; i < text.length; i++) {
		const c = text[i];
		if (c === '"') return [out + text.slice(from, i), i + 1];
		if (c !== '\\') continue;
		out += text.slice(from, i);
		const e = text[++i];
		const hex = e === 'x' ? 2 : e === 'u' ? 4 : 0;
		if (hex) {
			const digits = text.slice(i + 1, i + 1 + hex);
			if (digits.length !== hex || !HEX.test(digits)) throw GIVE_UP;
			out += String.fromCodePoint(parseInt(digits, 16));
			i += hex;
		} else if (hasOwn(ESCAPES, e)) {
			out += ESCAPES[e];
		} else {
			throw GIVE_UP;
		}
		from = i + 1;
	}
	throw GIVE_UP; // no closing quote on this line
}

function singleQuoted(text: string, start: number): [string, number] {
	let out = '';
	let from = start + 1;
	for (let i = from; i < text.length; i++) {
		if (text[i] !== "'") continue;
		if (text[i + 1] !== "'") return [out + text.slice(from, i), i + 1];
		out += text.slice(from, i + 1);
		from = ++i + 1;
	}
	throw GIVE_UP;
}

/** `[a, "b", 'c']` on one line: scalars only, no empty or trailing item. */
function flowSequence(text: string): [unknown[], number] {
	const items: unknown[] = [];
	let i = 1;
	const skipSpaces = () => {
		while (text[i] === ' ') i++;
	};
	skipSpaces();
	if (text[i] === ']') return [items, i + 1];
	for (;;) {
		skipSpaces();
		const c = text[i];
		if (c === '"' || c === "'") {
			const [value, end] = c === '"' ? doubleQuoted(text, i) : singleQuoted(text, i);
			items.push(value);
			i = end;
			skipSpaces();
		} else {
			let end = i;
			while (end < text.length && text[end] !== ',' && text[end] !== ']') end++;
			const item = text.slice(i, end);
			if (item.trim() === '' || item.includes(' #')) throw GIVE_UP;
			items.push(plain(item.trim(), true));
			i = end;
		}
		if (text[i] === ']') return [items, i + 1];
		if (text[i] !== ',') throw GIVE_UP;
		i++;
		skipSpaces();
		if (text[i] === ']' || i >= text.length) throw GIVE_UP;
	}
}
