import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { resolveLang, type Lang } from '../kernel/i18n';
import type { AppDeps } from './deps';
import { serverSetting } from './server';

type Reads = Pick<AppDeps, 'read' | 'logger'>;

/**
 * The language to answer a user in: the one they chose in their preferences (English when we don't speak it);
 * without a choice, the workspace's Language setting; else English. The server hands the app a language only
 * when the user chose one (its users converter copies `settings.preferences.language` only when set).
 */
export async function userLang(user: IUser | undefined, deps: Reads): Promise<Lang> {
	const chosen = user?.settings?.preferences?.language;
	if (typeof chosen === 'string' && chosen.trim() !== '') return resolveLang(chosen);
	return workspaceLang(deps);
}

/** The workspace's language, for everything posted to a room (`share`, announcements, the team's cards): the server's `Language` setting; English when it has none or it can't be read. */
export async function workspaceLang(deps: Reads): Promise<Lang> {
	const value = await serverSetting(deps, 'Language');
	return resolveLang(typeof value === 'string' ? value : undefined);
}
