import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { resolveLang, type Lang } from '../i18n';

/** The language the user chose in their Rocket.Chat preferences; English when they chose none we speak. */
export function userLang(user: IUser | undefined): Lang {
    return resolveLang(user?.settings?.preferences?.language);
}
