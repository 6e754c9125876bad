// The change feeds' own writer (src/features/feeds/feedWriter.ts): the documents the `feed` library wrote for the same
// inputs (fixtures/feeds/), well-formed XML 1.0 whatever the text, and text that reads back as written.
import * as fs from 'fs';
import * as path from 'path';
import { SaxesParser } from 'saxes';
import { changesFeed } from '../../src/features/feeds/feeds';
import { writeFeed, type FeedDocument, type FeedFormat } from '../../src/features/feeds/feedWriter';
import { FEED_CASES } from './feed-cases';

const FIXTURES = path.join(__dirname, 'fixtures', 'feeds');
const FORMATS: FeedFormat[] = ['atom', 'rss', 'json'];
const fixture = (name: string, format: FeedFormat) =>
	fs.readFileSync(path.join(FIXTURES, `${name}.${format === 'json' ? 'json' : `${format}.xml`}`), 'utf8');

interface XmlNode {
	name: string;
	attributes: Record<string, string>;
	children: XmlNode[];
	text: string;
}

/** A strict XML 1.0 parse (saxes: well-formedness, namespaces, XML 1.0's characters); throws on any error. */
function parseXml(xml: string): XmlNode {
	const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
	const stack = [root];
	const parser = new SaxesParser({ xmlns: true });
	parser.on('error', (error) => {
		throw error;
	});
	parser.on('opentag', (tag) => {
		const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([name, a]) => [name, a.value]));
		const node: XmlNode = { name: tag.name, attributes, children: [], text: '' };
		stack[stack.length - 1].children.push(node);
		stack.push(node);
	});
	parser.on('text', (text) => (stack[stack.length - 1].text += text));
	parser.on('cdata', (text) => (stack[stack.length - 1].text += text));
	parser.on('closetag', () => stack.pop());
	parser.write(xml).close();
	return root.children[0];
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name)!;
const unescapeHtml = (html: string) =>
	html.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ 'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"', '#39': "'" })[e] as string);

describe('the same documents as the feed library wrote', () => {
	for (const c of FEED_CASES) {
		for (const format of FORMATS) {
			test(`${c.name} ${format}`, () => {
				let expected = fixture(c.name, format);
				// The library's two differences, on purpose: it declared JSON Feed 1 (the items are valid 1.1, which
				// adds optional fields only), and it escaped the Atom self link's "&" twice ("&amp;amp;").
				expected = expected.replace('"version": "https://jsonfeed.org/version/1"', '"version": "https://jsonfeed.org/version/1.1"');
				if (c.name === 'tricky' && format === 'atom') expected = expected.replace('?a=1&amp;amp;b=2', '?a=1&amp;b=2');
				expect(writeFeed(changesFeed(c.records(), c.options), format)).toBe(expected);
			});
		}
	}
});

describe('text is data, in every format', () => {
	const tricky = FEED_CASES.find((c) => c.name === 'tricky')!;
	const feed = changesFeed(tricky.records(), tricky.options);
	const entry = feed.entries[0];

	test('Atom: plain-text fields read back as written, HTML fields as the HTML-escaped text', () => {
		const doc = parseXml(writeFeed(feed, 'atom'));
		expect(doc.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
		expect(child(doc, 'title').text).toBe(feed.title);
		expect(child(doc, 'subtitle').text).toBe(feed.description);
		expect(doc.children.filter((c) => c.name === 'link').map((l) => l.attributes.href)).toEqual([feed.link, feed.feedLinks.atom]);
		const item = child(doc, 'entry');
		expect(child(item, 'title').attributes.type).toBe('html');
		expect(unescapeHtml(child(item, 'title').text)).toBe(entry.title);
		expect(unescapeHtml(child(item, 'summary').text)).toBe(entry.summary);
		expect(child(item, 'content').text).toBe(entry.contentHtml);
		expect(child(item, 'updated').text).toBe('2024-02-02T09:00:00.000Z');
	});

	test('RSS: the same, and RFC 822 dates', () => {
		const channel = child(parseXml(writeFeed(feed, 'rss')), 'channel');
		expect(child(channel, 'title').text).toBe(feed.title);
		expect(child(channel, 'description').text).toBe(feed.description);
		expect(child(channel, 'link').text).toBe(feed.link);
		expect(child(channel, 'atom:link').attributes.href).toBe(feed.feedLinks.rss);
		expect(child(channel, 'lastBuildDate').text).toBe('Fri, 02 Feb 2024 09:00:00 GMT');
		const item = child(channel, 'item');
		expect(unescapeHtml(child(item, 'title').text)).toBe(entry.title);
		expect(unescapeHtml(child(item, 'description').text)).toBe(entry.summary);
		expect(child(item, 'content:encoded').text).toBe(entry.contentHtml);
		expect(child(item, 'link').text).toBe(entry.link);
	});

	test('JSON Feed 1.1: plain text as written', () => {
		const json = JSON.parse(writeFeed(feed, 'json'));
		expect(json.version).toBe('https://jsonfeed.org/version/1.1');
		expect(json.title).toBe(feed.title);
		expect(json.items[0]).toMatchObject({ title: entry.title, summary: entry.summary, content_html: entry.contentHtml });
	});
});

describe('characters XML 1.0 cannot carry', () => {
	// C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF; astral characters (two UTF-16 units) are fine.
	const ILLEGAL = ['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF'];
	const dirty = (text: string) => ILLEGAL.map((ch, i) => `${text}${i}${ch}`).join('') + '\t😀\u0085\uE000';
	const clean = (text: string) => ILLEGAL.map((_, i) => `${text}${i}`).join('') + '\t😀\u0085\uE000';
	const url = 'https://chat.example/x?a=1&b=<2>&c="3"';
	const feed: FeedDocument = {
		title: dirty('title'),
		description: dirty('description'),
		// Joined with NUL (dropped too), or \uD800\uDFFF would be one valid astral character.
		link: `${url}${ILLEGAL.join('\u0000')}`,
		feedLinks: { atom: `${url}/atom`, rss: `${url}/rss`, json: `${url}/json` },
		updated: new Date('2024-05-06T07:08:09Z'),
		generator: 'test',
		entries: [
			{
				id: dirty('id'),
				title: dirty('entry <b>'),
				link: `${url}#1`,
				date: new Date('2024-05-06T07:08:09Z'),
				summary: dirty('summary ]]> and ]]> again'),
				contentHtml: dirty('<p>content ]]></p>'),
			},
		],
	};

	test('the checker itself rejects them', () => {
		expect(() => parseXml('<a>\u0001</a>')).toThrow();
		expect(() => parseXml('<a b="<"/>')).toThrow();
	});

	test('Atom and RSS drop them and stay well-formed; everything else reads back as written', () => {
		const atom = parseXml(writeFeed(feed, 'atom'));
		expect(child(atom, 'title').text).toBe(clean('title'));
		expect(child(atom, 'id').text).toBe(feed.feedLinks.atom);
		expect(child(atom, 'link').attributes.href).toBe(url);
		const atomEntry = child(atom, 'entry');
		expect(child(atomEntry, 'id').text).toBe(clean('id'));
		expect(unescapeHtml(child(atomEntry, 'title').text)).toBe(clean('entry <b>'));
		expect(unescapeHtml(child(atomEntry, 'summary').text)).toBe(clean('summary ]]> and ]]> again'));
		expect(child(atomEntry, 'content').text).toBe(clean('<p>content ]]></p>'));

		const channel = child(parseXml(writeFeed(feed, 'rss')), 'channel');
		expect(child(channel, 'description').text).toBe(clean('description'));
		expect(child(channel, 'link').text).toBe(url);
		expect(child(channel, 'atom:link').attributes.href).toBe(feed.feedLinks.rss);
		expect(child(child(channel, 'item'), 'content:encoded').text).toBe(clean('<p>content ]]></p>'));
	});

	test('JSON Feed carries them escaped, as JSON can', () => {
		const json = JSON.parse(writeFeed(feed, 'json'));
		expect(json.title).toBe(feed.title);
		expect(json.items[0].summary).toBe(feed.entries[0].summary);
	});
});
