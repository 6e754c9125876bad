// UIKit blocks as readable plain text, so tests and the CLI can assert on what a person would see.
// Interactive elements show their action id in braces, e.g. `[Object] {object:acme}`, because that is what
// `click(user, actionId)` needs.

type Any = any; // blocks come from the app as plain JSON; their shapes vary by element type

/**
 * Markdown as Rocket.Chat's message parser shows it: the backslash of an escape (`\*`, `\_`, `\~`, `\``, `\#`, `\.`)
 * is not shown, and word joiners are invisible. The markup itself stays, so `*bold*` still reads as bold.
 */
export function shownMarkdown(markdown: string): string {
	return markdown.replace(/\u2060/g, '').replace(/\\([*_~`#.])/g, '$1');
}

function text(t: Any): string {
	if (t == null) return '';
	if (typeof t === 'string') return t;
	if (t.type === 'mrkdwn' && typeof t.text === 'string') return shownMarkdown(t.text);
	if (typeof t.text === 'string') return t.text;
	if (t.type === 'image') return `[image: ${t.altText ?? t.alt_text ?? ''}]`;
	return '';
}

function options(opts: Any[] | undefined): string {
	return (opts ?? []).map((o) => `${text(o.text)}=${o.value}`).join(' | ');
}

export function renderElement(el: Any): string {
	if (!el) return '';
	const id = el.actionId ? ` {${el.actionId}}` : '';
	switch (el.type) {
		case 'button':
			return `[${text(el.text)}]${id}${el.style ? ` (${el.style})` : ''}`;
		case 'overflow':
			return `[⋯ ${options(el.options)}]${id}`;
		case 'static_select':
		case 'multi_static_select':
		case 'radio_button':
		case 'checkbox':
		case 'toggle_switch':
		case 'linear_scale': {
			const initial = el.initialValue ?? el.initialOption?.value;
			const init = initial !== undefined ? ` (selected: ${Array.isArray(initial) ? initial.join(', ') : initial})` : '';
			const ph = el.placeholder ? `${text(el.placeholder)}: ` : '';
			return `<${ph}${options(el.options)}>${init}${id}`;
		}
		case 'plain_text_input': {
			const init = el.initialValue ? ` "${el.initialValue}"` : '';
			const ph = el.placeholder ? ` (${text(el.placeholder)})` : '';
			return `<text${el.multiline ? ', multiline' : ''}${ph}>${init}${id}`;
		}
		case 'datepicker':
			return `<date${el.initialDate ? ` ${el.initialDate}` : ''}>${id}`;
		case 'image':
			return `[image: ${el.altText ?? ''}]`;
		case 'plain_text':
		case 'mrkdwn':
			return text(el);
		default:
			return `<${el.type}>${id}`;
	}
}

export function renderBlock(block: Any): string {
	switch (block?.type) {
		case 'section': {
			const lines: string[] = [];
			if (block.text) lines.push(text(block.text));
			for (const f of block.fields ?? []) lines.push(`  • ${text(f)}`);
			if (block.accessory) lines.push(`  ${renderElement(block.accessory)}`);
			return lines.join('\n');
		}
		case 'context':
			return (block.elements ?? []).map(renderElement).join(' · ');
		case 'divider':
			return '---';
		case 'actions':
			return (block.elements ?? []).map(renderElement).join('  ');
		case 'input': {
			const label = text(block.label);
			const optional = block.optional ? ' (optional)' : '';
			const hint = block.hint ? `\n  ${text(block.hint)}` : '';
			return `${label}${optional}: ${renderElement(block.element)}${hint}`;
		}
		case 'image':
			return `[image: ${block.altText ?? ''}]${block.title ? ` ${text(block.title)}` : ''}`;
		case 'preview':
			return [block.title, block.description].flat().map(text).filter(Boolean).join('\n');
		case 'header':
			return `# ${text(block.text)}`;
		default:
			return block?.type ? `<${block.type} block>` : '';
	}
}

export function renderBlocks(blocks: Any[] | undefined): string {
	return (blocks ?? [])
		.map(renderBlock)
		.filter((s) => s !== '')
		.join('\n');
}

/** A modal (IUIKitSurface) as text: title, blocks, submit/close buttons, and any field errors. */
export function renderView(view: Any, errors?: Record<string, string>): string {
	const lines = [`== ${text(view?.title)} ==`, renderBlocks(view?.blocks)];
	const buttons = [view?.close && `[${text(view.close.text)}] {close}`, view?.submit && `[${text(view.submit.text)}] {submit}`].filter(
		Boolean,
	);
	if (buttons.length) lines.push(buttons.join('  '));
	for (const [field, msg] of Object.entries(errors ?? {})) lines.push(`! ${field}: ${msg}`);
	return lines.filter(Boolean).join('\n');
}
