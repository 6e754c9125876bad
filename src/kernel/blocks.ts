/** A small typed builder over @rocket.chat/ui-kit block types (the engine's BlockBuilder is deprecated). */
import type {
	ButtonElement,
	ContextBlock,
	DividerBlock,
	InputBlock,
	LayoutBlock,
	Markdown,
	PlainText,
	PlainTextInputElement,
	SectionBlock,
	StaticSelectElement,
} from '@rocket.chat/ui-kit';
import { plainText } from './text';

/** Rocket.Chat shows a section's text up to about this length; longer text is cut by us, not by the client. */
export const MAX_SECTION_TEXT = 2900;

export const markdown = (text: string): Markdown => ({ type: 'mrkdwn', text });
export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });

export const section = (text: string, fields?: string[]): SectionBlock => ({
	type: 'section',
	text: markdown(text),
	...(fields && fields.length > 0 ? { fields: fields.map(markdown) } : {}),
});

/** A section of text the app did not write: plain_text, which no client parses (`toReply` escapes it for the message text). */
export const plainSection = (text: string): SectionBlock => ({
	type: 'section',
	text: { type: 'plain_text', text: plainText(text), emoji: false },
});

export const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(markdown) });

export const divider = (): DividerBlock => ({ type: 'divider' });

export const button = (appId: string, actionId: string, text: string, value?: string, style?: ButtonElement['style']): ButtonElement => ({
	type: 'button',
	appId,
	blockId: actionId,
	actionId,
	text: plain(text),
	...(value !== undefined ? { value } : {}),
	...(style ? { style } : {}),
});

/** The action id of every "Object" button (announcements, cards): it opens the objection form for the entry in its value. */
export const OBJECT_ACTION = 'object';

/**
 * Pure formatters don't know the app's id: their buttons carry '' and the engine layer stamps the id in before
 * sending (`withAppId`).
 */
export function withAppId(reply: Reply, appId: string): Reply {
	for (const block of reply.blocks) {
		if (block.type === 'section' && block.accessory?.type === 'button' && !block.accessory.appId) block.accessory.appId = appId;
	}
	return reply;
}

/** What the app says: blocks to render, and the same content as text for notifications and old clients. */
export interface Reply {
	text: string;
	blocks: LayoutBlock[];
}

/** A form input (modal), its block id the same as its action id so submitted values are easy to find. */
export const input = (label: string, element: InputBlock['element'], options: { optional?: boolean; hint?: string } = {}): InputBlock => ({
	type: 'input',
	blockId: element.actionId,
	label: plain(label),
	element,
	...(options.optional ? { optional: true } : {}),
	...(options.hint ? { hint: plain(options.hint) } : {}),
});

export const textInput = (
	appId: string,
	actionId: string,
	options: { initialValue?: string; placeholder?: string; multiline?: boolean; minLength?: number; maxLength?: number } = {},
): PlainTextInputElement => ({
	type: 'plain_text_input',
	appId,
	blockId: actionId,
	actionId,
	...(options.initialValue ? { initialValue: options.initialValue } : {}),
	...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
	...(options.multiline ? { multiline: true } : {}),
	...(options.minLength ? { minLength: options.minLength } : {}),
	...(options.maxLength ? { maxLength: options.maxLength } : {}),
});

export const select = (
	appId: string,
	actionId: string,
	placeholder: string,
	choices: Array<{ value: string; label: string }>,
	initialValue?: string,
): StaticSelectElement => {
	const options = choices.map((c) => ({ text: plain(c.label), value: c.value }));
	const initial = options.find((o) => o.value === initialValue);
	return {
		type: 'static_select',
		appId,
		blockId: actionId,
		actionId,
		placeholder: plain(placeholder),
		options,
		...(initial ? { initialOption: initial, initialValue: initial.value } : {}),
	};
};

/** The values of a submitted view's inputs by action id (`state` is keyed by block id, then action id). */
export function submittedValues(state: unknown): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	if (state && typeof state === 'object') {
		for (const block of Object.values(state as Record<string, unknown>)) {
			if (block && typeof block === 'object') Object.assign(values, block);
		}
	}
	return values;
}
