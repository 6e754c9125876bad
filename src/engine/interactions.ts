/** Button presses, routed through one table by action id; each handler is a plain async function. */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IUIKitResponse, UIKitBlockInteractionContext } from '@rocket.chat/apps-engine/definition/uikit';
import { notice } from '../format/answers';
import { OBJECT_ACTION, objectExplanation } from '../format/announcement';
import { t, type Lang } from '../i18n';
import { currentCatalog } from './currentList';
import { userLang } from './language';
import { notifyReply } from './reply';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';

export interface BlockAction {
    user: IUser;
    room?: IRoom;
    value?: string;
    lang: Lang;
    read: IRead;
    modify: IModify;
    http: IHttp;
    persis: IPersistence;
}

type ActionHandler = (action: BlockAction) => Promise<void>;

const ACTIONS: Record<string, ActionHandler> = {
    // The announcement's "Object" button: how to object to that sub-processor.
    [OBJECT_ACTION]: async ({ user, room, value, lang, read, modify }) => {
        const catalog = await currentCatalog(read.getPersistenceReader());
        const entry = value ? catalog.get(value) : undefined;
        const reply = objectExplanation(entry?.name ?? value ?? '', catalog.list.objections, lang);
        if (room) await notifyReply(read, modify, { user, room }, reply);
    },
};

export async function handleBlockAction(
    context: UIKitBlockInteractionContext,
    accessors: { read: IRead; modify: IModify; http: IHttp; persis: IPersistence },
    logger: ILogger,
): Promise<IUIKitResponse> {
    const data = context.getInteractionData();
    const handler = ACTIONS[data.actionId];
    const lang = userLang(data.user);
    const action: BlockAction = { user: data.user, room: data.room, value: data.value, lang, ...accessors };
    try {
        if (!handler) {
            logger.warn(`unknown action ${data.actionId}`);
            if (data.room) await notifyReply(accessors.read, accessors.modify, { user: data.user, room: data.room }, notice(t(lang, 'error_generic')));
        } else {
            await handler(action);
        }
    } catch (error) {
        logger.error(`action ${data.actionId} failed`, error);
        if (data.room) await notifyReply(accessors.read, accessors.modify, { user: data.user, room: data.room }, notice(t(lang, 'error_generic')));
    }
    return context.getInteractionResponder().successResponse();
}
