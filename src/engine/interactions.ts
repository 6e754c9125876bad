/** Button presses, routed through one table by action id; each handler is a plain async function. */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUIKitResponse, UIKitBlockInteractionContext } from '@rocket.chat/apps-engine/definition/uikit';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { REFERENCE_PATTERN } from '../domain/objection';
import { inertTruncated } from '../domain/text';
import { notice } from '../format/answers';
import { OBJECT_ACTION } from '../format/announcement';
import type { Reply } from '../format/blocks';
import { ACK_ACTION, APPROVE_ACTION, ERASE_CONFIRM_ACTION, REJECT_ACTION, RESOLVE_ACTION } from '../format/objections';
import { t, type Lang } from '../i18n';
import { userLang } from './language';
import { confirmErasure } from './objections/erasureCommand';
import { FORM_OPEN_BUDGET_MS, ObjectionService } from './objections/ObjectionService';
import { notifyReply, sendDirect } from './reply';
import { noteModal, type NoteAction } from './ui/noteModal';

export interface BlockAction {
	user: IUser;
	room?: IRoom;
	value?: string;
	triggerId: string;
	/** When the press reached the app (Date.now()): a modal opened much later never shows. */
	receivedAt: number;
	lang: Lang;
	appId: string;
	service: ObjectionService;
	read: IRead;
	modify: IModify;
}

type ActionHandler = (action: BlockAction) => Promise<void>;

/** Tells the user who pressed the button, where they pressed it (or by DM when there is no room). */
async function tell({ user, room, read, modify }: BlockAction, reply: Reply): Promise<void> {
	if (room) await notifyReply(read, modify, { user, room }, reply);
	else await sendDirect(read, modify, user, reply);
}

const openNote =
	(action: NoteAction): ActionHandler =>
	async (press) => {
		const ref = press.value ?? '';
		if (!REFERENCE_PATTERN.test(ref))
			return tell(press, notice(t(press.lang, 'objection_not_found', { ref: inertTruncated(ref, 40) })));
		// Checked before opening, so someone who may not never sees the modal; the check reads the team room's
		// members, and when that took longer than the trigger id lives the modal likely never showed: say so.
		if (!(await press.service.mayWork(press.user))) return tell(press, notice(t(press.lang, 'objection_not_allowed')));
		await press.modify
			.getUiController()
			.openSurfaceView(noteModal(press.appId, action, ref.toUpperCase(), press.lang), { triggerId: press.triggerId }, press.user);
		if (Date.now() - press.receivedAt > FORM_OPEN_BUDGET_MS) await tell(press, notice(t(press.lang, 'form_too_slow')));
	};

const ACTIONS: Record<string, ActionHandler> = {
	// The announcement's "Object" button opens the form for that sub-processor.
	[OBJECT_ACTION]: async (press) => {
		if (!(await press.service.mayFile(press.user))) return tell(press, notice(t(press.lang, 'object_not_allowed')));
		const opened = await press.service.openForm(press.user, press.room, press.triggerId, press.lang, {
			subprocessorId: press.value,
			receivedAt: press.receivedAt,
		});
		if (!opened) await tell(press, notice(t(press.lang, 'form_too_slow')));
	},
	[ACK_ACTION]: async (press) => {
		const outcome = await press.service.act(press.value ?? '', 'acknowledged', press.user, press.lang);
		await tell(press, notice(outcome.message));
	},
	// Sends an objection that waited for the team's approval (the e-mail is enqueued then, once per objection).
	[APPROVE_ACTION]: async (press) => {
		const outcome = await press.service.act(press.value ?? '', 'approved', press.user, press.lang);
		await tell(press, notice(outcome.message));
	},
	[ERASE_CONFIRM_ACTION]: async (press) =>
		tell(press, await confirmErasure(press.service.deps, press.user, press.value ?? '', press.lang)),
	[RESOLVE_ACTION]: openNote('resolved'),
	[REJECT_ACTION]: openNote('rejected'),
};

export async function handleBlockAction(
	context: UIKitBlockInteractionContext,
	accessors: { read: IRead; modify: IModify; http: IHttp; persis: IPersistence },
	appId: string,
	logger: ILogger,
): Promise<IUIKitResponse> {
	const receivedAt = Date.now();
	const data = context.getInteractionData();
	const lang = await userLang(data.user, accessors.read);
	const press: BlockAction = {
		user: data.user,
		room: data.room,
		value: data.value,
		triggerId: data.triggerId,
		receivedAt,
		lang,
		appId,
		service: new ObjectionService({ ...accessors, appId, logger }),
		read: accessors.read,
		modify: accessors.modify,
	};
	const handler = Object.prototype.hasOwnProperty.call(ACTIONS, data.actionId) ? ACTIONS[data.actionId] : undefined;
	try {
		if (!handler) {
			logger.warn(`unknown action ${data.actionId}`);
			await tell(press, notice(t(lang, 'error_generic')));
		} else {
			await handler(press);
		}
	} catch (error) {
		logger.error(`action ${data.actionId} failed`, error);
		await tell(press, notice(t(lang, 'error_generic'))).catch((e) => logger.error('could not tell the user', e));
	}
	return context.getInteractionResponder().successResponse();
}
