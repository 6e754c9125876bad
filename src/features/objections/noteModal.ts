/** The small modal that asks the privacy team for a note when resolving or rejecting an objection. */
import type { IUIKitSurfaceViewParam } from '@rocket.chat/apps-engine/definition/accessors';
import { UIKitSurfaceType } from '@rocket.chat/apps-engine/definition/uikit/IUIKitSurface';
import { REFERENCE_BODY } from './model';
import { button, input, plain, textInput } from '../../kernel/blocks';
import { t, type Lang } from '../../kernel/i18n';

export const NOTE_VIEW_PREFIX = 'objection-note:';

export type NoteAction = 'resolved' | 'rejected';

/** The view id carries what the note is for: `objection-note:<action>:<ref>`. */
export const noteViewId = (action: NoteAction, ref: string): string => `${NOTE_VIEW_PREFIX}${action}:${ref}`;

export function parseNoteViewId(viewId: string): { action: NoteAction; ref: string } | undefined {
	const match = new RegExp(`^objection-note:(resolved|rejected):(OBJ-${REFERENCE_BODY})$`, 'i').exec(viewId);
	return match ? { action: match[1] as NoteAction, ref: match[2].toUpperCase() } : undefined;
}

export function noteModal(appId: string, action: NoteAction, ref: string, lang: Lang): IUIKitSurfaceViewParam {
	return {
		id: noteViewId(action, ref),
		type: UIKitSurfaceType.MODAL,
		title: plain(t(lang, `note_title_${action}`, { ref })),
		blocks: [
			input(
				t(lang, 'note_label'),
				textInput(appId, 'note', { multiline: true, maxLength: 2000, placeholder: t(lang, 'note_placeholder') }),
			),
		],
		submit: button(
			appId,
			'objection-note-submit',
			t(lang, `note_submit_${action}`),
			undefined,
			action === 'rejected' ? 'danger' : 'primary',
		),
		close: button(appId, 'objection-note-cancel', t(lang, 'form_cancel')),
	};
}
