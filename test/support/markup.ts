// What Rocket.Chat makes of a text the app produces, read with Rocket.Chat's own message parser
// (@rocket.chat/message-parser, the version Rocket.Chat 8.x servers ship) with the options the server and
// the UIKit renderer pass. Shared by the unit and reliability tests of issue 13.
import { parse, type Options, type Root } from '@rocket.chat/message-parser';

/**
 * Message text (`msg`): the server parses it with HexColorPreview_Enabled → colors, emoticons always on, the
 * workspace's auto-link domains, and KaTeX with both syntaxes when enabled. Everything is on here, the worst case.
 */
export const MESSAGE_OPTIONS: Options = {
	colors: true,
	emoticons: true,
	customDomains: ['intranet', 'corp'],
	katex: { dollarSyntax: true, parenthesisSyntax: true },
};
/** `mrkdwn` text objects in blocks: fuselage-ui-kit's MarkdownTextElement calls `parse(text, { emoticons: false })`. */
export const BLOCK_OPTIONS: Options = { emoticons: false };
/** Both ways a text of the app is read. */
export const PARSES: Array<[string, Options]> = [
	['message text', MESSAGE_OPTIONS],
	['mrkdwn block', BLOCK_OPTIONS],
];

/** One sample per markup class the parser knows; each must come out as plain text. */
export const MARKUP_CLASSES: Record<string, string[]> = {
	'angle-bracket link with label': ['<https://example.org/login|Verify your account>', '<mailto:a|mail>', '<javascript:alert(1)|x>'],
	'bare URL': ['https://evil.com/path?q=1', 'http://localhost/x', 'ftp://files.com'],
	'bare domain and IP': ['evil.com', 'Rocket.Chat', 'tool.intranet', '10.0.0.1'],
	'e-mail address': ['alice@acme.com', 'mailto:bob@evil.com'],
	'phone number': ['+49 170 1234567', '+1-555-0100'],
	'markdown link': ['[click](http://evil.com)', '[x](javascript:alert(1))', '[](https://evil.com)'],
	'markdown image': ['![img](https://evil.com/a.png)'],
	'mention': ['@all', '@here', '@alice', '#general', '@alice:server.example', '@@all'],
	'emoji code': [':smile:', ':+1:', ':rocket:'],
	'big emoji': ['😀', '😀 🚀 🎉', ':smile: :smile:', '👍🏽', '🇩🇪 ☀️'],
	'emoticon': [':)', ':-D', 'B)', 'D:', '<3', '(y)', '-_-', ':P', ';)', 'X)'],
	'bold': ['*bold*', '**bold**', '*a **b** c*'],
	'italic': ['_italic_', '__italic__', 'snake_case_name'],
	'strike': ['~strike~', '~~strike~~'],
	'inline code': ['`code`', '``x``'],
	'code fence': ['```\ncode\n```', '```js\nalert(1)\n```'],
	'quote': ['> quoted', '>quoted', '> a\n> b'],
	'heading': ['# Heading', '## H2', '#### H4'],
	'unordered list': ['- item', '* item', '- a\n- b'],
	'ordered list': ['1. item', '2. a\n3. b'],
	'task list': ['- [x] done', '- [ ] todo'],
	'spoiler': ['||secret||', '||\nblock\n||'],
	'katex': ['$x^2$', '$$x$$', '\\[x\\]', '\\(x\\)', '$5 and $6'],
	'color': ['color:#ff0000', 'color:#f00', 'color:#ff000080'],
	'timestamp': ['<t:1700000000:R>', '<t:1700000000>', '<t:2025-07-22T10:00:00.000Z:f>'],
	'html and entities': ['<b>HTML</b>', '&amp; &lt;', '<script>alert(1)</script>'],
	'backslash escapes': ['\\*not bold\\*', '\\\\*x*', '\\#x', 'a\\'],
};

/** Separators that put a class at a line start, after a word, after a space, or glued to another class. */
export const SEPARATORS = ['', ' ', '\n', '\n\n', 'x', ' x ', '\t', '\r\n'];

/** Every sample of every class, each also after a line break (line starts make quotes, lists, headings, fences). */
export const HOSTILE_SAMPLES: Array<[string, string]> = Object.entries(MARKUP_CLASSES).flatMap(([name, samples]) =>
	samples.flatMap((s) => [[name, s] as [string, string], [`${name} after a line break`, `words\n${s}`] as [string, string]]),
);

type Node = { type: string; value?: unknown; [k: string]: unknown };

/** The node types that are not plain text: each is live markup a user would see rendered (or be notified by). */
export function liveNodes(root: Root): Node[] {
	const live: Node[] = [];
	const walk = (node: Node) => {
		if (node.type === 'PLAIN_TEXT' || node.type === 'LINE_BREAK') return;
		if (node.type !== 'PARAGRAPH') live.push(node);
		if (Array.isArray(node.value)) for (const child of node.value as Node[]) walk(child);
	};
	for (const node of root as unknown as Node[]) walk(node);
	return live;
}

/** What a reader sees: plain text values, one line per paragraph, invisible word joiners left out. */
export function visibleText(root: Root): string {
	const inline = (nodes: Node[]): string =>
		nodes.map((n) => (n.type === 'PLAIN_TEXT' ? String(n.value) : Array.isArray(n.value) ? inline(n.value as Node[]) : '')).join('');
	return (root as unknown as Node[])
		.map((block) => (block.type === 'PARAGRAPH' ? inline(block.value as Node[]) : block.type === 'LINE_BREAK' ? '' : inline([block])))
		.join('\n')
		.replace(/\u2060/g, '');
}

/** Spacing a reader cannot tell apart (runs of blanks, blanks at line ends, \r\n) made equal on both sides. */
export const sameSpacing = (text: string) =>
	text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.trim();

/** Parses `text` as Rocket.Chat reads it. */
export const parsed = (text: string, options: Options): Root => (text === '' ? ([] as unknown as Root) : parse(text, options));

/**
 * Why `text` (something the app showed) is not as intended, or undefined: every node must be plain text except
 * the app's own markup, given as the allowed node types (e.g. BOLD for the app's labels) whose text must not
 * contain `tag` (the marker of the outsider's text, so outsider text never sits inside them).
 */
export function markupProblem(text: string, options: Options, allowed: string[] = [], tag?: string): string | undefined {
	if (text === '') return undefined; // the server does not parse an empty text
	let root: Root;
	try {
		root = parse(text, options);
	} catch (error) {
		return `the parser failed: ${String(error)}`;
	}
	for (const node of liveNodes(root)) {
		if (!allowed.includes(node.type)) return `a live ${node.type} node ${JSON.stringify(node).slice(0, 160)}`;
		if (tag && JSON.stringify(node).includes(tag))
			return `outsider text inside the app's ${node.type} ${JSON.stringify(node).slice(0, 160)}`;
	}
	return undefined;
}
