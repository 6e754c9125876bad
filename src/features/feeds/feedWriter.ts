/**
 * Writes a feed as Atom 1.0 (RFC 4287), RSS 2.0 or JSON Feed 1.1: only the elements the change feed uses, laid out
 * as the `feed` npm library (4.2.2) wrote them before (its XML serializer cost ~42 KB of the app bundle). Pure.
 */

export interface FeedEntry {
	id: string;
	/** Plain text, as are `summary` and the feed's title and description: Atom and RSS carry it as HTML (escaped here). */
	title: string;
	link: string;
	date: Date;
	summary: string;
	contentHtml: string;
	/** JSON Feed only: extension objects by their key (`_name`, JSON Feed 1.1 "Extensions"). */
	extensions?: Record<`_${string}`, unknown>;
}

export interface FeedDocument {
	title: string;
	description: string;
	/** The page the feed is about. */
	link: string;
	/** Each format's own URL; the Atom one is also the Atom feed's id. */
	feedLinks: { atom: string; rss: string; json: string };
	updated: Date;
	generator: string;
	/** Newest first. */
	entries: FeedEntry[];
}

export type FeedFormat = 'atom' | 'rss' | 'json';

export function writeFeed(feed: FeedDocument, format: FeedFormat): string {
	return format === 'atom' ? atom(feed) : format === 'rss' ? rss(feed) : jsonFeed(feed);
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Code points XML 1.0 forbids even as references (most C0 controls, lone surrogates, U+FFFE/U+FFFF): dropped. */
const NOT_XML_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/gu;
const xmlChars = (text: string) => text.replace(NOT_XML_CHAR, '');

interface XmlElement {
	name: string;
	attrs?: Record<string, string>;
	/** Exactly one of text, cdata, children; none makes an empty element. */
	text?: string;
	cdata?: string;
	children?: XmlElement[];
}

const textElement = (name: string, text: string): XmlElement => ({ name, text });
const HTML = { type: 'html' };

function writeXml(element: XmlElement, depth = 0): string {
	const indent = '    '.repeat(depth);
	const attrs = Object.entries(element.attrs ?? {})
		.map(([key, value]) => ` ${key}="${xmlChars(value).replace(/[&<>"]/g, (ch) => HTML_ENTITIES[ch])}"`)
		.join('');
	const start = `${indent}<${element.name}${attrs}`;
	const end = `</${element.name}>`;
	if (element.children) return `${start}>\n${element.children.map((child) => writeXml(child, depth + 1)).join('\n')}\n${indent}${end}`;
	if (element.text !== undefined) return `${start}>${xmlChars(element.text).replace(/[&<>]/g, (ch) => HTML_ENTITIES[ch])}${end}`;
	// A CDATA section ends at the first "]]>": one inside the text is split across two sections.
	if (element.cdata !== undefined) return `${start}><![CDATA[${xmlChars(element.cdata).replace(/]]>/g, ']]]]><![CDATA[>')}]]>${end}`;
	return `${start}/>`;
}

const xmlDocument = (root: XmlElement) => `<?xml version="1.0" encoding="utf-8"?>\n${writeXml(root)}`;

/** RFC 4287: dates are RFC 3339 date-times (toISOString: UTC, with milliseconds). */
function atom(feed: FeedDocument): string {
	return xmlDocument({
		name: 'feed',
		attrs: { xmlns: 'http://www.w3.org/2005/Atom' },
		children: [
			textElement('id', feed.feedLinks.atom),
			textElement('title', feed.title),
			textElement('updated', feed.updated.toISOString()),
			textElement('generator', feed.generator),
			{ name: 'link', attrs: { rel: 'alternate', href: feed.link } },
			{ name: 'link', attrs: { rel: 'self', href: feed.feedLinks.atom } },
			textElement('subtitle', feed.description),
			...feed.entries.map((entry): XmlElement => ({
				name: 'entry',
				children: [
					{ name: 'title', attrs: HTML, cdata: escapeHtml(entry.title) },
					textElement('id', entry.id),
					{ name: 'link', attrs: { href: entry.link } },
					textElement('updated', entry.date.toISOString()),
					{ name: 'summary', attrs: HTML, cdata: escapeHtml(entry.summary) },
					{ name: 'content', attrs: HTML, cdata: entry.contentHtml },
				],
			})),
		],
	});
}

/** RSS 2.0: dates are RFC 822 date-times (toUTCString: "Fri, 01 Mar 2024 08:30:00 GMT"); item title and description are HTML. */
function rss(feed: FeedDocument): string {
	return xmlDocument({
		name: 'rss',
		attrs: {
			'version': '2.0',
			...(feed.entries.length
				? { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/', 'xmlns:content': 'http://purl.org/rss/1.0/modules/content/' }
				: {}),
			'xmlns:atom': 'http://www.w3.org/2005/Atom',
		},
		children: [
			{
				name: 'channel',
				children: [
					textElement('title', feed.title),
					textElement('link', feed.link),
					textElement('description', feed.description),
					textElement('lastBuildDate', feed.updated.toUTCString()),
					textElement('docs', 'https://validator.w3.org/feed/docs/rss2.html'),
					textElement('generator', feed.generator),
					{ name: 'atom:link', attrs: { href: feed.feedLinks.rss, rel: 'self', type: 'application/rss+xml' } },
					...feed.entries.map((entry): XmlElement => ({
						name: 'item',
						children: [
							{ name: 'title', cdata: escapeHtml(entry.title) },
							textElement('link', entry.link),
							textElement('guid', entry.id),
							textElement('pubDate', entry.date.toUTCString()),
							{ name: 'description', cdata: escapeHtml(entry.summary) },
							{ name: 'content:encoded', cdata: entry.contentHtml },
						],
					})),
				],
			},
		],
	});
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): title and summary are plain text, content_html HTML. */
function jsonFeed(feed: FeedDocument): string {
	const document = {
		version: 'https://jsonfeed.org/version/1.1',
		title: feed.title,
		home_page_url: feed.link,
		feed_url: feed.feedLinks.json,
		description: feed.description,
		items: feed.entries.map((entry) => ({
			id: entry.id,
			content_html: entry.contentHtml,
			url: entry.link,
			title: entry.title,
			summary: entry.summary,
			date_modified: entry.date.toISOString(),
			...entry.extensions,
		})),
	};
	return JSON.stringify(document, null, 4);
}
