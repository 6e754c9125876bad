/**
 * A small HTML reader for sub-processor pages: headings, tables and paragraph text, nothing else. It only
 * ever turns markup into text: no script runs, no resource is fetched, unknown tags are dropped.
 * (Hand-written: an HTML parser library with full entity tables would add 30–100 KB to the app for a
 * job that needs a dozen tags.) Pure: no engine imports.
 */
import type { Block, Cell } from './blocks';

const NAMED: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ensp: ' ',
	emsp: ' ',
	thinsp: ' ',
	ndash: '–',
	mdash: '—',
	hyphen: '-',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	laquo: '«',
	raquo: '»',
	hellip: '…',
	middot: '·',
	bull: '•',
	copy: '©',
	reg: '®',
	trade: '™',
	sect: '§',
	deg: '°',
	times: '×',
	dagger: '†',
	Dagger: '‡',
	sup1: '¹',
	sup2: '²',
	sup3: '³',
	shy: '',
	zwj: '',
	zwnj: '',
	auml: 'ä',
	ouml: 'ö',
	uuml: 'ü',
	Auml: 'Ä',
	Ouml: 'Ö',
	Uuml: 'Ü',
	szlig: 'ß',
	eacute: 'é',
	Eacute: 'É',
	egrave: 'è',
	aacute: 'á',
	agrave: 'à',
	iacute: 'í',
	oacute: 'ó',
	uacute: 'ú',
	ccedil: 'ç',
	atilde: 'ã',
	otilde: 'õ',
	ntilde: 'ñ',
	acirc: 'â',
	ecirc: 'ê',
	ocirc: 'ô',
	aring: 'å',
	oslash: 'ø',
	aelig: 'æ',
};

/** Decodes character references; an unknown named one stays as written. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});?/gi, (whole, ref: string) => {
		if (ref[0] === '#') {
			const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
			return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
		}
		return NAMED[ref] ?? whole;
	});
}

/** Tags whose content is never text. */
const SKIPPED = new Set([
	'script',
	'style',
	'template',
	'noscript',
	'svg',
	'math',
	'head',
	'iframe',
	'object',
	'select',
	'button',
	'nav',
	'footer',
]);
/** Tags that break a line inside a cell or end a paragraph outside one. */
const BREAKS = new Set([
	'br',
	'p',
	'div',
	'li',
	'ul',
	'ol',
	'dd',
	'dt',
	'dl',
	'tr',
	'section',
	'article',
	'blockquote',
	'details',
	'summary',
	'hr',
	'main',
	'header',
	'figure',
	'caption',
	'pre',
]);

interface Token {
	kind: 'open' | 'close' | 'text';
	name: string;
	text: string;
	href?: string;
}

/** A linear scan into tags and text: comments, doctype and skipped elements are dropped on the way. */
function* tokenize(html: string): Generator<Token> {
	let i = 0;
	const n = html.length;
	while (i < n) {
		const lt = html.indexOf('<', i);
		if (lt < 0) {
			yield { kind: 'text', name: '', text: html.slice(i) };
			return;
		}
		if (lt > i) yield { kind: 'text', name: '', text: html.slice(i, lt) };
		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			i = end < 0 ? n : end + 3;
			continue;
		}
		const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b/.exec(html.slice(lt, lt + 40));
		if (!m) {
			if (html[lt + 1] === '!' || html[lt + 1] === '?') {
				const end = html.indexOf('>', lt);
				i = end < 0 ? n : end + 1;
			} else {
				yield { kind: 'text', name: '', text: '<' };
				i = lt + 1;
			}
			continue;
		}
		const end = tagEnd(html, lt + m[0].length);
		const name = m[2].toLowerCase();
		const attrs = html.slice(lt + m[0].length, end);
		i = end + 1;
		if (m[1]) {
			yield { kind: 'close', name, text: '' };
			continue;
		}
		if (SKIPPED.has(name) && !/\/\s*$/.test(attrs)) {
			// Skip to the matching close tag (content of these elements is never shown as text).
			const close = html.toLowerCase().indexOf(`</${name}`, i);
			i = close < 0 ? n : tagEnd(html, close) + 1;
			continue;
		}
		const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
		yield { kind: 'open', name, text: '', href: href ? decodeEntities(href[1] ?? href[2] ?? href[3] ?? '') : undefined };
	}
}

/** The index of the `>` closing a tag, skipping quoted attribute values. */
function tagEnd(html: string, from: number): number {
	let quote = '';
	for (let i = from; i < html.length; i++) {
		const ch = html[i];
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") {
			quote = ch;
		} else if (ch === '>') {
			return i;
		}
	}
	return html.length - 1;
}

/** Collapses HTML whitespace (incl. no-break spaces and tabs) but keeps the line breaks markup made. */
export function cleanText(text: string): string {
	return text
		.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffd\u200b\u2060\ufeff]/g, '')
		.replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.replace(/\n{2,}/g, '\n')
		.trim();
}

/** A footnote marker in `<sup>`: a digit, a star, a dagger — not text worth keeping. */
const FOOTNOTE = /^[\s\d*†‡§,()[\]a-z]{0,4}$/i;

interface OpenTable {
	rows: Array<{ cells: Cell[]; header: boolean }>;
	row?: { cells: Cell[]; header: boolean; inHead: boolean };
	cell?: { parts: string[]; header: boolean };
	inHead: boolean;
}

/**
 * Reads HTML (a page or a fragment) into blocks: headings, tables (cells as text with line breaks) and text
 * paragraphs with the mailto addresses they link to. Nested tables are read as text of their cell.
 */
export function htmlBlocks(html: string): Block[] {
	const blocks: Block[] = [];
	let paragraph: string[] = [];
	let mailtos: string[] = [];
	let heading: { level: number; parts: string[] } | undefined;
	let table: OpenTable | undefined;
	let nested = 0;
	let sup: string[] | undefined;
	/** Open <li>s: a list item's text is one block, its <br>s and <p>s line breaks in it. */
	let items = 0;

	const flushParagraph = () => {
		const text = cleanText(decodeEntities(paragraph.join('')));
		if (text) blocks.push({ kind: 'text', text, mailtos, ...(items > 0 ? { item: true as const } : {}) });
		paragraph = [];
		mailtos = [];
	};
	const write = (text: string) => {
		if (sup) sup.push(text);
		else if (heading) heading.parts.push(text);
		else if (table?.cell) table.cell.parts.push(text);
		else if (!table) paragraph.push(text);
	};
	const endCell = () => {
		if (table?.cell && table.row) {
			table.row.cells.push({ text: cleanText(decodeEntities(table.cell.parts.join(''))), header: table.cell.header });
		}
		if (table) table.cell = undefined;
	};
	const endRow = () => {
		endCell();
		if (table?.row) {
			const { cells, inHead } = table.row;
			if (cells.length > 0) table.rows.push({ cells, header: inHead || cells.every((c) => c.header) });
		}
		if (table) table.row = undefined;
	};
	const endTable = () => {
		endRow();
		if (table && table.rows.length > 0) {
			// The first row is the header, marked (<thead>, <th>) or not: tables without markup mostly bold it.
			const [first, ...rest] = table.rows;
			blocks.push({ kind: 'table', header: first.cells.map((c) => c.text), rows: rest.map((r) => r.cells.map((c) => c.text)) });
		}
		table = undefined;
	};

	for (const token of tokenize(html)) {
		if (token.kind === 'text') {
			write(token.text);
			continue;
		}
		const { name } = token;
		if (token.kind === 'open' && name === 'a' && token.href && /^mailto:/i.test(token.href)) {
			const address = token.href.slice(7).split('?')[0].trim();
			if (address) mailtos.push(decodeURIComponentSafe(address));
		}
		if (name === 'sup') {
			if (token.kind === 'open') sup = [];
			else if (sup) {
				const text = sup.join('');
				sup = undefined;
				if (!FOOTNOTE.test(decodeEntities(text))) write(text);
			}
			continue;
		}
		if (/^h[1-6]$/.test(name) && !table) {
			if (token.kind === 'open') {
				flushParagraph();
				heading = { level: Number(name[1]), parts: [] };
			} else if (heading) {
				const text = cleanText(decodeEntities(heading.parts.join(''))).replace(/\n/g, ' ');
				if (text) blocks.push({ kind: 'heading', level: heading.level, text });
				heading = undefined;
			}
			continue;
		}
		if (name === 'table') {
			if (token.kind === 'open') {
				if (table) nested++;
				else {
					flushParagraph();
					table = { rows: [], inHead: false };
				}
			} else if (nested > 0) nested--;
			else if (table) endTable();
			continue;
		}
		if (table && nested === 0) {
			if (name === 'thead') table.inHead = token.kind === 'open';
			else if (name === 'tr') {
				endRow();
				if (token.kind === 'open') table.row = { cells: [], header: false, inHead: table.inHead };
			} else if (name === 'td' || name === 'th') {
				endCell();
				if (token.kind === 'open') {
					if (!table.row) table.row = { cells: [], header: false, inHead: table.inHead };
					table.cell = { parts: [], header: name === 'th' };
				}
			} else if (BREAKS.has(name)) write('\n');
			continue;
		}
		if (name === 'li') {
			flushParagraph();
			items = Math.max(0, items + (token.kind === 'open' ? 1 : -1));
			continue;
		}
		if (BREAKS.has(name) || name === 'table') {
			if (table) write('\n');
			else if (items > 0 && (name === 'br' || name === 'p' || name === 'div')) write('\n');
			else if (!heading) flushParagraph();
		}
	}
	if (heading) blocks.push({ kind: 'heading', level: heading.level, text: cleanText(decodeEntities(heading.parts.join(''))) });
	if (table) endTable();
	flushParagraph();
	return blocks;
}

function decodeURIComponentSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
