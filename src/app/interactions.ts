/** Button clicks, routed through one table by action id; each handler is a plain async function. */
import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUIKitResponse, UIKitBlockInteractionContext } from '@rocket.chat/apps-engine/definition/uikit';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { parseObjectButtonValue, REFERENCE_PATTERN } from '../features/objections/model';
import { objectionTarget } from '../features/objections/engine/target';
import { markupSafeTruncated } from '../kernel/text';
import { notice } from '../features/list/answers';
import { OBJECT_ACTION } from '../features/watch/announcement';
import type { Reply } from '../kernel/blocks';
import { ACK_ACTION, APPROVE_ACTION, ERASE_CONFIRM_ACTION, REJECT_ACTION, RESOLVE_ACTION } from '../features/objections/messages';
import { t, type Lang } from '../kernel/i18n';
import { userLang } from '../platform/language';
import { confirmErasure } from '../features/objections/engine/erasureCommand';
import type { AppRuntime } from '../platform/runtime';
import { FORM_OPEN_BUDGET_MS, ObjectionService } from '../features/objections/engine/ObjectionService';
import { notifyReply, sendDirect } from '../platform/reply';
import { noteModal, type NoteAction } from '../features/objections/noteModal';
import { REMOVE_LIST_ACTION } from '../features/lists/messages';
import { confirmListRemoval } from '../features/lists/engine/listsCommand';

export interface BlockAction {
	user: IUser;
	room?: IRoom;
	value?: string;
	triggerId: string;
	/** When the click reached the app (Date.now()): a modal opened much later never shows. */
	receivedAt: number;
	lang: Lang;
	appId: string;
	service: ObjectionService;
	read: IRead;
	modify: IModify;
}

type ActionHandler = (action: BlockAction) => Promise<void>;

/** Answers the user who clicked the button, where they clicked it (or by DM when there is no room). */
async function answerUser({ user, room, service }: BlockAction, reply: Reply): Promise<void> {
	if (room) await notifyReply(service.deps, { user, room }, reply);
	else await sendDirect(service.deps, user, reply);
}

const openNote =
	(closing: NoteAction): ActionHandler =>
	async (action) => {
		const ref = action.value ?? '';
		if (!REFERENCE_PATTERN.test(ref))
			return answerUser(action, notice(t(action.lang, 'objection_not_found', { ref: markupSafeTruncated(ref, 40) })));
		// Checked before opening, so someone who may not never sees the modal; the check reads the team room's
		// members, and when that took longer than the trigger id lives the modal likely never showed: say so.
		if (!(await action.service.mayWork(action.user))) return answerUser(action, notice(t(action.lang, 'objection_not_allowed')));
		await action.modify
			.getUiController()
			.openSurfaceView(
				noteModal(action.appId, closing, ref.toUpperCase(), action.lang),
				{ triggerId: action.triggerId },
				action.user,
			);
		if (Date.now() - action.receivedAt > FORM_OPEN_BUDGET_MS) await answerUser(action, notice(t(action.lang, 'form_too_slow')));
	};

const ACTIONS: Record<string, ActionHandler> = {
	// The "Object" button of an announcement or an entry's card opens the form of its list (`listId:entryId`; the
	// entry's id alone on the first list's buttons, and on every button posted before lists) with the entry chosen.
	[OBJECT_ACTION]: async (action) => {
		if (!(await action.service.mayFile(action.user))) return answerUser(action, notice(t(action.lang, 'object_not_allowed')));
		const { listId, entryId } = parseObjectButtonValue(action.value);
		const target = await objectionTarget(action.service.deps, listId);
		if (!target.catalog) return answerUser(action, notice(t(action.lang, 'object_list_gone')));
		const opened = await action.service.openForm(action.user, action.room, action.triggerId, action.lang, {
			subprocessorId: entryId,
			target,
			receivedAt: action.receivedAt,
		});
		if (!opened) await answerUser(action, notice(t(action.lang, 'form_too_slow')));
	},
	[ACK_ACTION]: async (action) => {
		const outcome = await action.service.takeAction(action.value ?? '', 'acknowledged', action.user, action.lang);
		await answerUser(action, notice(outcome.message));
	},
	// Sends an objection that waited for the team's approval (the e-mail is enqueued then, once per objection).
	[APPROVE_ACTION]: async (action) => {
		const outcome = await action.service.takeAction(action.value ?? '', 'approved', action.user, action.lang);
		await answerUser(action, notice(outcome.message));
	},
	[ERASE_CONFIRM_ACTION]: async (action) =>
		answerUser(action, await confirmErasure(action.service.deps, action.user, action.value ?? '', action.lang)),
	// `lists remove NAME`'s private prompt: the button removes the list (admins only; soft: its history stays).
	[REMOVE_LIST_ACTION]: async (action) =>
		answerUser(action, await confirmListRemoval(action.service.deps, action.user, action.value ?? '', action.lang)),
	[RESOLVE_ACTION]: openNote('resolved'),
	[REJECT_ACTION]: openNote('rejected'),
};

export async function handleBlockAction(
	context: UIKitBlockInteractionContext,
	accessors: { read: IRead; modify: IModify; http: IHttp; persis: IPersistence },
	runtime: AppRuntime,
): Promise<IUIKitResponse> {
	const { appId, logger } = runtime;
	const receivedAt = Date.now();
	const data = context.getInteractionData();
	const lang = await userLang(data.user, { read: accessors.read, logger });
	const action: BlockAction = {
		user: data.user,
		room: data.room,
		value: data.value,
		triggerId: data.triggerId,
		receivedAt,
		lang,
		appId,
		service: new ObjectionService(runtime.deps(accessors)),
		read: accessors.read,
		modify: accessors.modify,
	};
	const handler = Object.prototype.hasOwnProperty.call(ACTIONS, data.actionId) ? ACTIONS[data.actionId] : undefined;
	try {
		if (!handler) {
			logger.warn(`unknown action ${data.actionId}`);
			await answerUser(action, notice(t(lang, 'error_generic')));
		} else {
			await handler(action);
		}
	} catch (error) {
		logger.error(`action ${data.actionId} failed`, error);
		await answerUser(action, notice(t(lang, 'error_generic'))).catch((e) => logger.error('could not tell the user', e));
	}
	return context.getInteractionResponder().successResponse();
}
