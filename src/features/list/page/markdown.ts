/**
 * A markdown reader for sub-processor pages (CommonMark/GFM as docs sites write it, with GitBook and Liquid
 * tags): front matter, headings, pipe tables, HTML blocks (read by the HTML reader) and paragraph text.
 * Only what a list needs; everything else becomes text or is dropped. (Hand-written: a markdown library
 * would add 30+ KB to the app and still leave the HTML in cells and the Liquid tags to us.) Pure.
 */
import { parse as parseYaml } from 'yaml';
import type { Block, PageDoc } from './blocks';
import { cleanText, htmlBlocks } from './html';

/** More columns than any sub-processor table has; the rest of a wider row is dropped. */
const MAX_COLUMNS = 64;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function markdownDoc(source: string): PageDoc {
	let text = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
	const meta: Record<string, string> = {};
	const front = /^---\n([\s\S]*?)\n---[ \t]*(\n|$)/.exec(text);
	if (front) {
		text = text.slice(front[0].length);
		try {
			const data: unknown = parseYaml(front[1], { maxAliasCount: 0 });
			if (data && typeof data === 'object' && !Array.isArray(data)) {
				for (const [key, value] of Object.entries(data)) {
					if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) meta[key] = String(value);
				}
			}
		} catch {
			// Front matter that is not YAML is no reason to refuse the page.
		}
	}
	// Liquid/GitBook tags ({% hint %}, {% endhint %}, {% file src=… %}) carry no list content.
	text = text.replace(/\{%-?[\s\S]*?-?%\}/g, '');

	const lines = text.split('\n');
	const blocks: Block[] = [];
	let paragraph: string[] = [];
	let item = false;
	const flush = () => {
		if (paragraph.length > 0) {
			// An item whose first line is only a bold or linked name, its description on the lines below
			// ("* **Plausible**\n  We use this service to …"): the name, a dash, the description. A line that goes on
			// ("* [Stripe](…)\n  for payments.") continues the name's sentence.
			const nameLine =
				item &&
				paragraph.length > 1 &&
				/^\s*(\*\*[^*]+\*\*|__[^_]+__|\[[^\]]+\]\([^)]*\))\s*$/.test(paragraph[0]) &&
				/^\s*[A-Z]/.test(paragraph[1]);
			const joined = nameLine ? `${paragraph[0].trim()} — ${paragraph.slice(1).join('\n')}` : paragraph.join('\n');
			const { text: para, mailtos } = inline(joined);
			const clean = para.replace(/\n/g, ' ').trim();
			if (clean) blocks.push({ kind: 'text', text: clean, mailtos, ...(item ? { item: true as const } : {}) });
			paragraph = [];
		}
		item = false;
	};

	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const fence = /^\s*(```|~~~)/.exec(line);
		if (fence) {
			flush();
			while (++i < lines.length && !lines[i].trim().startsWith(fence[1]));
			continue;
		}
		const atx = /^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/.exec(line);
		if (atx) {
			flush();
			const heading = inlineText(atx[2] ?? '').replace(/\n/g, ' ');
			if (heading) blocks.push({ kind: 'heading', level: atx[1].length, text: heading });
			continue;
		}
		if (line.includes('|') && i + 1 < lines.length && DELIMITER_ROW.test(lines[i + 1]) && lines[i + 1].includes('-')) {
			flush();
			const header = splitRow(line).map(inlineText);
			const rows: string[][] = [];
			i += 2;
			for (; i < lines.length && lines[i].trim() && lines[i].includes('|'); i++) {
				if (DELIMITER_ROW.test(lines[i])) continue; // a re-flowed table repeats its delimiter
				rows.push(splitRow(lines[i]).map(inlineText));
			}
			i--;
			blocks.push({ kind: 'table', header, rows });
			continue;
		}
		if (/^\s{0,3}<(table|div|section|details|summary|p|ul|ol|h[1-6]|figure|thead|tbody)\b/i.test(line)) {
			flush();
			// An HTML block: up to its closing </table> if it is a table, else up to a blank line.
			const isTable = /<table\b/i.test(line);
			const start = i;
			if (isTable) {
				while (i < lines.length && !/<\/table>/i.test(lines[i])) i++;
			} else {
				while (i + 1 < lines.length && lines[i + 1].trim()) i++;
			}
			blocks.push(...htmlBlocks(lines.slice(start, i + 1).join('\n')));
			continue;
		}
		if (
			i + 1 < lines.length &&
			line.trim() &&
			!/^\s*[-*+]\s/.test(line) &&
			/^\s{0,3}(=+|-+)\s*$/.test(lines[i + 1]) &&
			paragraph.length === 0
		) {
			// A setext heading ("Title" over "====").
			blocks.push({ kind: 'heading', level: lines[i + 1].includes('=') ? 1 : 2, text: inlineText(line) });
			i++;
			continue;
		}
		if (!line.trim() || /^\s{0,3}([-*_]\s*){3,}$/.test(line)) {
			flush();
			continue;
		}
		// Each list item is a paragraph of its own, with the lines that continue it ("* [Stripe](…)\n  for payments.").
		const startsItem = /^\s*(>\s?)*([-*+]|\d+[.)])\s+/.test(line);
		if (startsItem) {
			flush();
			item = true;
		}
		paragraph.push(line.replace(/^\s{0,3}(>\s?)+/, '').replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
	}
	flush();
	return { blocks, meta };
}

/** The cells of a pipe-table row: outer pipes optional, `\|` and pipes in code spans are no separators. */
function splitRow(line: string): string[] {
	const cells: string[] = [];
	let cell = '';
	let code = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (ch === '\\' && line[i + 1] === '|') {
			cell += '|';
			i++;
		} else if (ch === '`') {
			code = !code;
			cell += ch;
		} else if (ch === '|' && !code) {
			cells.push(cell);
			cell = '';
		} else {
			cell += ch;
		}
	}
	cells.push(cell);
	if (cells.length > 1 && !cells[0].trim()) cells.shift();
	if (cells.length > MAX_COLUMNS) cells.length = MAX_COLUMNS;
	if (cells.length > 1 && !cells[cells.length - 1].trim()) cells.pop();
	return cells.map((c) => c.trim());
}

export function inlineText(markdown: string): string {
	return inline(markdown).text;
}

/**
 * Markdown inline markup to text: links keep their text (a `mailto:` target is remembered), emphasis,
 * code marks, images and footnote references go, HTML in the text is read by the HTML reader.
 */
export function inline(markdown: string): { text: string; mailtos: string[] } {
	const mailtos: string[] = [];
	// Every pattern's span is bounded: a hostile page can't make one cell cost quadratic time.
	let text = markdown
		.replace(/!\[[^\][]{0,500}\]\([^()]{0,2000}\)/g, '')
		.replace(/\[\^[^\][]{1,40}\]/g, '')
		.replace(/\[([^\][]{0,500})\]\(\s*<?([^()\s>]{0,2000})>?(?:\s+"[^"]{0,500}")?\s*\)/g, (_, label: string, target: string) => {
			if (/^mailto:/i.test(target)) mailtos.push(target.slice(7).split('?')[0]);
			return label;
		})
		.replace(/\[([^\][]{1,500})\]\[[^\][]{0,100}\]/g, '$1')
		.replace(/<((?:https?|mailto):[^>\s]+)>/gi, (_, target: string) => {
			if (/^mailto:/i.test(target)) mailtos.push(target.slice(7));
			return target.replace(/^mailto:/i, '');
		})
		// An e-mail autolink (CommonMark): `<privacy@github.com>` is the address, not an HTML tag.
		.replace(/<([A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})>/g, (_, address: string) => {
			mailtos.push(address);
			return address;
		})
		.replace(/\*\*(?=[^\s*])([^*]{0,500}?\S)\*\*/g, '$1')
		.replace(/__(?=[^\s_])([^_]{0,500}?\S)__/g, '$1')
		.replace(/(^|[^\w*])\*(?=\S)([^*]{0,500}?\S)\*(?!\w)/g, '$1$2')
		.replace(/(^|[^\w])_(?=\S)([^_]{0,500}?\S)_(?!\w)/g, '$1$2')
		.replace(/~~(?=[^\s~])([^~]{0,500}?\S)~~/g, '$1')
		.replace(/`([^`]{0,500})`/g, '$1')
		.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
	if (/[<&]/.test(text)) {
		const html = htmlBlocks(text);
		for (const block of html) if (block.kind === 'text') mailtos.push(...block.mailtos);
		text = html.map((b) => (b.kind === 'table' ? [b.header, ...b.rows].map((r) => r.join(' ')).join('\n') : b.text)).join('\n');
	}
	return { text: cleanText(text), mailtos };
}
