import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { resolveLang, type Lang } from '../i18n';

/** The language the user chose in their Rocket.Chat preferences; English when they chose none we speak. */
export function userLang(user: IUser | undefined): Lang {
    return resolveLang(user?.settings?.preferences?.language);
}

/** The workspace's default language (for posts in shared rooms); English when it can't be read. */
export async function workspaceLang(read: IRead): Promise<Lang> {
    try {
        const value = await read.getEnvironmentReader().getServerSettings().getValueById('Language');
        return resolveLang(typeof value === 'string' ? value : undefined);
    } catch {
        return 'en';
    }
}
