/**
 * Which reader a fetched source needs: the app's own list format (YAML/JSON), a markdown page or an HTML
 * page — told from the content type, the URL and the text itself, the text winning where it is clear
 * (raw markdown is often served as text/plain, and our own workspace serves everything as YAML). Pure.
 */
import type { SubprocessorList } from '../model';
import { parseList, type ParseResult } from '../schema';
import { readPage, type PageFormat } from './read';

export type SourceKind = 'list' | PageFormat;

export function detectKind(text: string, contentType = '', url = ''): SourceKind {
	const body = text.replace(/^\ufeff/, '').replace(/^\s+/, '');
	const path = url.split(/[?#]/)[0].toLowerCase();
	if (/^[{[]/.test(body)) return 'list';
	// The app's format has a top-level `subprocessors:` key; a page's front matter never lists them.
	const afterFrontMatter = body.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/, '');
	if (/^subprocessors\s*:/m.test(afterFrontMatter.slice(0, 5 * 1024 * 1024))) return 'list';
	if (/html/i.test(contentType) || /^<(!doctype\s+html|html|head|body)\b/i.test(body)) return 'html';
	if (/markdown/i.test(contentType) || /\.(md|markdown|mdx)$/.test(path)) return 'markdown';
	if (/^\s{0,3}#{1,6}\s+\S/m.test(body) || /^\s*\|?\s*:?-{3,}:?\s*\|/m.test(body) || /^---\r?\n/.test(body)) return 'markdown';
	if (/\.(html?|xhtml)$/.test(path) || /<table\b/i.test(body)) return 'html';
	return 'list';
}

export interface SourceOptions {
	file: string;
	contentType?: string;
	url?: string;
	lastModified?: string;
	now: Date;
	previous?: SubprocessorList;
	objectionEmail?: string;
	/** Read as a page unless the text is clearly the app's own format (`npm run import`). */
	expectPage?: boolean;
}

/** Reads a fetched source of any kind; never throws for bad input. */
export function readSource(text: string, options: SourceOptions): ParseResult {
	let kind = detectKind(text, options.contentType, options.url);
	if (kind === 'list' && options.expectPage && !/^\s*[{[]|^subprocessors\s*:/m.test(text)) kind = 'markdown';
	if (kind === 'list') return parseList(text, options.file);
	return readPage(text, { ...options, format: kind });
}
