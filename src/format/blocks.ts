/** A small typed builder over @rocket.chat/ui-kit block types (the engine's BlockBuilder is deprecated). */
import type { ButtonElement, ContextBlock, DividerBlock, LayoutBlock, Markdown, PlainText, SectionBlock } from '@rocket.chat/ui-kit';

/** Rocket.Chat shows a section's text up to about this length; longer text is cut by us, not by the client. */
export const MAX_SECTION_TEXT = 2900;

export const markdown = (text: string): Markdown => ({ type: 'mrkdwn', text });
export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });

export const section = (text: string, fields?: string[]): SectionBlock => ({
    type: 'section',
    text: markdown(text),
    ...(fields && fields.length > 0 ? { fields: fields.map(markdown) } : {}),
});

export const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(markdown) });

export const divider = (): DividerBlock => ({ type: 'divider' });

export const button = (
    appId: string,
    actionId: string,
    text: string,
    value?: string,
    style?: ButtonElement['style'],
): ButtonElement => ({
    type: 'button',
    appId,
    blockId: actionId,
    actionId,
    text: plain(text),
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
});

/** What the app says: blocks to render, and the same content as text for notifications and old clients. */
export interface Reply {
    text: string;
    blocks: LayoutBlock[];
}
