// The page `npm run screenshots` loads in headless Chromium: Rocket.Chat's own UIKit renderer
// (@rocket.chat/fuselage-ui-kit on @rocket.chat/fuselage) draws one surface at a time, and `window.renderSurface`
// reports what the render check needs (a throw, blocks that rendered nothing, anything wider than the surface).
import React from 'react';
import ReactDOM from 'react-dom';
import { Box, MessageBlock, Modal, Button, ButtonGroup } from '@rocket.chat/fuselage';
import { UiKitMessage, UiKitModal, kitContext, defaultContext, messageParser, modalParser } from '@rocket.chat/fuselage-ui-kit';
import { parse } from '@rocket.chat/message-parser';

// fuselage-ui-kit prints `mrkdwn` text as it is; the Rocket.Chat client overrides it with its markdown renderer, which
// reads the text with @rocket.chat/message-parser. The same parser here, drawn with plain elements.
function md(node, key) {
	if (node == null) return null;
	if (typeof node === 'string') return node;
	if (Array.isArray(node)) return node.map((n, i) => md(n, i));
	const kids = () => md(node.value);
	switch (node.type) {
		case 'PLAIN_TEXT':
			return node.value;
		case 'PARAGRAPH':
			return <div key={key}>{kids()}</div>;
		case 'BOLD':
			return <strong key={key}>{kids()}</strong>;
		case 'ITALIC':
			return <em key={key}>{kids()}</em>;
		case 'STRIKE':
			return <del key={key}>{kids()}</del>;
		case 'INLINE_CODE':
			return (
				<code
					key={key}
					className="rcx-box--with-inline-elements"
					style={{ fontFamily: 'monospace', background: '#f2f3f5', padding: '0 2px', borderRadius: 2 }}
				>
					{md(node.value.value ?? node.value)}
				</code>
			);
		case 'LINK':
			return (
				<a key={key} href={node.value.src.value} style={{ color: '#095ad2' }}>
					{md(node.value.label)}
				</a>
			);
		case 'UNORDERED_LIST':
			return (
				<ul key={key} style={{ margin: 0, paddingInlineStart: 20 }}>
					{kids()}
				</ul>
			);
		case 'ORDERED_LIST':
			return (
				<ol key={key} style={{ margin: 0, paddingInlineStart: 20 }}>
					{kids()}
				</ol>
			);
		case 'LIST_ITEM':
			return <li key={key}>{kids()}</li>;
		case 'LINE_BREAK':
			return <br key={key} />;
		case 'QUOTE':
			return (
				<blockquote key={key} style={{ margin: 0, paddingInlineStart: 8, borderInlineStart: '2px solid #cbced1' }}>
					{kids()}
				</blockquote>
			);
		case 'CODE':
			return (
				<pre key={key} style={{ whiteSpace: 'pre-wrap' }}>
					{node.value.map((l) => md(l.value)).join('\n')}
				</pre>
			);
		case 'EMOJI':
			return node.unicode ?? `:${node.shortCode}:`;
		case 'BIG_EMOJI':
			return node.value.map((e, i) => md(e, i));
		case 'MENTION_USER':
			return `@${node.value.value}`;
		case 'MENTION_CHANNEL':
			return `#${node.value.value}`;
		case 'HEADING':
			return <strong key={key}>{kids()}</strong>;
		default:
			return node.value !== undefined ? <span key={key}>{md(node.value)}</span> : null;
	}
}
const mrkdwn = ({ text = '' }, context, index) =>
	context === 0 /* BlockContext.BLOCK */ || !text ? null : (
		<Box key={index} is="span">
			{md(parse(text))}
		</Box>
	);
messageParser.mrkdwn = mrkdwn;
modalParser.mrkdwn = mrkdwn;

class Boundary extends React.Component {
	constructor(props) {
		super(props);
		this.state = { error: null };
	}
	static getDerivedStateFromError(error) {
		return { error };
	}
	componentDidCatch(error) {
		window.__renderErrors.push(String((error && error.stack) || error));
	}
	render() {
		return this.state.error ? <div data-error>{String(this.state.error)}</div> : this.props.children;
	}
}

function Surface({ surface }) {
	const values = Object.fromEntries(Object.entries(surface.values ?? {}).map(([k, value]) => [k, { value }]));
	const context = {
		...defaultContext,
		action: () => undefined,
		state: () => undefined,
		appId: 'app',
		errors: surface.errors ?? {},
		values,
	};
	if (surface.kind === 'modal') {
		return (
			<Box id="shot" width={600} p={16} bg="#e4e7ea">
				<Modal>
					<Modal.Header>
						<Modal.Title>{surface.title}</Modal.Title>
						<Modal.Close />
					</Modal.Header>
					<Modal.Content>
						<div id="blocks">
							<kitContext.Provider value={context}>{UiKitModal(surface.blocks)}</kitContext.Provider>
						</div>
					</Modal.Content>
					<Modal.Footer>
						<ButtonGroup align="end">
							{surface.close ? <Button>{surface.close}</Button> : null}
							{surface.submit ? <Button primary>{surface.submit}</Button> : null}
						</ButtonGroup>
					</Modal.Footer>
				</Modal>
			</Box>
		);
	}
	return (
		<Box id="shot" width={368 + 32} p={16} bg="white">
			<Box fontScale="p2b" mbe={4}>
				{surface.sender}
				<Box is="span" fontScale="c1" color="hint" mis={8}>
					{surface.note}
				</Box>
			</Box>
			<MessageBlock fixedWidth>
				<div id="blocks">
					<kitContext.Provider value={context}>{UiKitMessage(surface.blocks)}</kitContext.Provider>
				</div>
			</MessageBlock>
		</Box>
	);
}

/** What inside `container` is drawn to the right of `limit`: text lines, controls, icons. */
function beyond(container, limit) {
	const found = [];
	const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		if (!node.textContent.trim()) continue;
		const range = document.createRange();
		range.selectNodeContents(node);
		for (const r of range.getClientRects())
			if (r.width > 0 && r.right > limit)
				found.push(`"${node.textContent.slice(0, 50)}" ends at ${Math.round(r.right)} > ${Math.round(limit)}`);
	}
	for (const el of container.querySelectorAll('input, textarea, button, select, img, svg, i, [class*="rcx-icon"]')) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && r.right > limit)
			found.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round(r.right)} > ${Math.round(limit)}`);
	}
	return found;
}

window.__renderErrors = [];
window.addEventListener('error', (e) => window.__renderErrors.push(String(e.message)));

/** Renders one surface and reports what the check looks at. */
window.renderSurface = (surface) =>
	new Promise((resolve) => {
		window.__renderErrors = [];
		const root = document.getElementById('root');
		ReactDOM.unmountComponentAtNode(root);
		ReactDOM.render(
			<Boundary>
				<Surface surface={surface} />
			</Boundary>,
			root,
			() =>
				requestAnimationFrame(() =>
					requestAnimationFrame(() => {
						const problems = [...window.__renderErrors];
						if (root.querySelector('[data-error]')) problems.push(`threw: ${root.querySelector('[data-error]').textContent}`);
						const blocks = root.querySelector('#blocks');
						if (blocks) {
							// The surface adds no element of its own: #blocks holds one element per block.
							const rendered = [...blocks.children];
							if (rendered.length !== surface.blocks.length)
								problems.push(`${surface.blocks.length} blocks gave ${rendered.length} elements`);
							rendered.forEach((el, i) => {
								const type = surface.blocks[i]?.type;
								const box = el.getBoundingClientRect();
								const filled =
									type === 'divider'
										? box.width > 0
										: el.innerText.trim() !== '' || el.querySelector('input, textarea, button, img, select');
								if (box.height === 0 || !filled) problems.push(`block ${i} (${type}) rendered empty`);
							});
							// Nothing drawn beyond the surface's width — no line of text, control or icon — and nothing cut off by
							// an element that clips (overflow hidden or scrolling). Layout wrappers such as fuselage's Grid reach past
							// their box by design (negative gutters), so only what they draw is measured.
							const limit = blocks.getBoundingClientRect().right + 0.5;
							problems.push(...beyond(blocks, limit).map((what) => `wider than the surface: ${what}`));
							for (const el of blocks.querySelectorAll('*')) {
								if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) continue;
								const style = getComputedStyle(el);
								if (
									el.scrollWidth > el.clientWidth + 1 &&
									style.overflowX !== 'visible' &&
									!/ellipsis/.test(style.textOverflow)
								) {
									problems.push(
										...beyond(el, el.getBoundingClientRect().right + 0.5).map(
											(what) => `cut off by <${el.tagName.toLowerCase()} class="${el.className}">: ${what}`,
										),
									);
								}
							}
						} else problems.push('no surface rendered');
						resolve({ problems: [...new Set(problems)] });
					}),
				),
		);
	});
