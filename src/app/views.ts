/** Modal submits, routed through one table by view id prefix; each handler is a plain async function. */
import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IUIKitResponse, UIKitViewSubmitInteractionContext } from '@rocket.chat/apps-engine/definition/uikit';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { notice } from '../features/list/answers';
import { submittedValues } from '../kernel/blocks';
import { t, type Lang } from '../kernel/i18n';
import { userLang } from '../platform/language';
import type { AppRuntime } from '../platform/runtime';
import { ObjectionService } from '../features/objections/engine/ObjectionService';
import { notifyReply } from '../platform/reply';
import { Settings } from '../platform/settings';
import { NOTE_VIEW_PREFIX, parseNoteViewId } from '../features/objections/noteModal';
import { OBJECTION_VIEW_PREFIX } from '../features/objections/objectionModal';

export interface ViewSubmit {
	viewId: string;
	values: Record<string, unknown>;
	user: IUser;
	lang: Lang;
	context: UIKitViewSubmitInteractionContext;
	service: ObjectionService;
	read: IRead;
	modify: IModify;
}

type ViewHandler = (submit: ViewSubmit) => Promise<IUIKitResponse>;

const VIEWS: Array<[prefix: string, handler: ViewHandler]> = [
	[
		OBJECTION_VIEW_PREFIX,
		async ({ viewId, values, user, lang, context, service }) => {
			const result = await service.submit(viewId, user, values, lang);
			const responder = context.getInteractionResponder();
			// Stored with its deliveries (a repeat: with a notice to the user): the form closes at once.
			if (!result.ok) return responder.viewErrorResponse({ viewId, errors: result.errors as Record<string, string> });
			return responder.successResponse();
		},
	],
	[
		NOTE_VIEW_PREFIX,
		async ({ viewId, values, user, lang, context, service, read }) => {
			const responder = context.getInteractionResponder();
			const target = parseNoteViewId(viewId);
			const note = typeof values.note === 'string' ? values.note.trim() : '';
			if (!target) return responder.viewErrorResponse({ viewId, errors: { note: t(lang, 'error_generic') } });
			if (!note) return responder.viewErrorResponse({ viewId, errors: { note: t(lang, 'note_required') } });
			const outcome = await service.takeAction(target.ref, target.action, user, lang, note.slice(0, 2000));
			if (!outcome.ok) return responder.viewErrorResponse({ viewId, errors: { note: outcome.message } });
			const room = await new Settings(read).privacyTeamRoom();
			if (room) await notifyReply(service.deps, { user, room }, notice(outcome.message));
			return responder.successResponse();
		},
	],
];

export async function handleViewSubmit(
	context: UIKitViewSubmitInteractionContext,
	accessors: { read: IRead; modify: IModify; http: IHttp; persis: IPersistence },
	runtime: AppRuntime,
): Promise<IUIKitResponse> {
	const { logger } = runtime;
	const data = context.getInteractionData();
	const viewId = data.view.id;
	const lang = await userLang(data.user, { read: accessors.read, logger });
	const route = VIEWS.find(([prefix]) => viewId.startsWith(prefix));
	if (!route) {
		logger.warn(`submit of an unknown view ${viewId}`);
		return context.getInteractionResponder().errorResponse();
	}
	const service = new ObjectionService(runtime.deps(accessors));
	try {
		return await route[1]({ viewId, values: submittedValues(data.view.state), user: data.user, lang, context, service, ...accessors });
	} catch (error) {
		logger.error(`submit of ${viewId} failed`, error);
		// Keep the modal open, the reason on its text field (grounds or note), rather than losing what the user typed.
		return context
			.getInteractionResponder()
			.viewErrorResponse({ viewId, errors: { grounds: t(lang, 'error_generic'), note: t(lang, 'error_generic') } });
	}
}
