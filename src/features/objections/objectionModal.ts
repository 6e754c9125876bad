/** The objection form: the five things the procedure asks for, plus a contact e-mail. */
import type { IUIKitSurfaceViewParam } from '@rocket.chat/apps-engine/definition/accessors';
import { UIKitSurfaceType } from '@rocket.chat/apps-engine/definition/uikit/IUIKitSurface';
import type { Catalog } from '../list/catalog';
import { MAX_GROUNDS, MIN_GROUNDS } from './model';
import type { ObjectionRoute } from './messages';
import { markupSafe } from '../../kernel/text';
import { button, context, input, plain, select, textInput } from '../../kernel/blocks';
import { t, type Lang } from '../../kernel/i18n';

export const OBJECTION_VIEW_PREFIX = 'objection-form:';
export const OBJECTION_SUBMIT = 'objection-submit';

export interface ObjectionFormDefaults {
	name?: string;
	email?: string;
	subprocessorId?: string;
}

export function objectionModal(
	viewId: string,
	appId: string,
	catalog: Catalog,
	lang: Lang,
	to: ObjectionRoute,
	defaults: ObjectionFormDefaults,
): IUIKitSurfaceViewParam {
	const { services } = catalog.list;
	const company = to.company;
	const blocks = [
		// No address known (the list states none and none is set): the e-mail waits for one, so the team alone gets it.
		context(
			to.email
				? t(lang, 'form_intro', { company: markupSafe(company), email: markupSafe(to.email), subject: markupSafe(to.subject) })
				: t(lang, 'form_intro_no_address', { company: markupSafe(company) }),
		),
		input(t(lang, 'form_name'), textInput(appId, 'name', { initialValue: defaults.name, maxLength: 120 })),
		input(t(lang, 'form_company'), textInput(appId, 'company', { maxLength: 200 })),
		// A list without `services:` can't offer a choice: the objector names the service (never an empty "—").
		services.length > 0
			? input(
					t(lang, 'form_service', { company }),
					select(
						appId,
						'service',
						t(lang, 'form_choose'),
						services.map((s) => ({ value: s, label: s })),
					),
				)
			: input(
					t(lang, 'form_service_free', { company }),
					textInput(appId, 'service', { maxLength: 200, placeholder: t(lang, 'form_service_free_placeholder') }),
				),
		input(
			t(lang, 'form_subprocessor'),
			select(
				appId,
				'subprocessor',
				t(lang, 'form_choose'),
				catalog.entries.map((e) => ({ value: e.id, label: e.name })),
				defaults.subprocessorId,
			),
		),
		input(
			t(lang, 'form_grounds'),
			textInput(appId, 'grounds', {
				multiline: true,
				minLength: MIN_GROUNDS,
				maxLength: MAX_GROUNDS,
				placeholder: t(lang, 'form_grounds_placeholder'),
			}),
		),
		input(t(lang, 'form_email'), textInput(appId, 'email', { initialValue: defaults.email, maxLength: 254 })),
	];
	return {
		id: viewId,
		type: UIKitSurfaceType.MODAL,
		title: plain(t(lang, 'form_title')),
		blocks,
		submit: button(appId, OBJECTION_SUBMIT, t(lang, 'form_submit'), undefined, 'primary'),
		close: button(appId, 'objection-cancel', t(lang, 'form_cancel')),
		clearOnClose: true,
	};
}
