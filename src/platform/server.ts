/** What the app reads of the Rocket.Chat server and its HTTP traffic: settings, a user's admin role, headers. */
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { AppDeps } from './deps';

/** Workspace admins: the server's `admin` role (apps/meteor/app/apps/server/converters/users.ts passes `roles`). */
export const isAdmin = (user: IUser): boolean => (user.roles ?? []).includes('admin');

/** A server setting (Site_Url, SMTP_Host, …); undefined, logged, when the server refuses to say. */
export async function serverSetting(deps: Pick<AppDeps, 'read' | 'logger'>, id: string): Promise<unknown> {
	try {
		return await deps.read.getEnvironmentReader().getServerSettings().getValueById(id);
	} catch (error) {
		deps.logger.warn(`could not read the server setting ${id}`, error);
		return undefined;
	}
}

/** The app's public endpoints' base URL (`<Site_Url>/api/apps/public/<appId>`): the feeds and the help link to it. */
export async function publicBaseUrl(deps: Pick<AppDeps, 'read' | 'logger' | 'appId'>): Promise<string> {
	const site = String((await serverSetting(deps, 'Site_Url')) ?? '').replace(/\/$/, '');
	return `${site}/api/apps/public/${deps.appId}`;
}

/** A header's value whatever its case (the server and HTTP clients don't agree on one). */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const wanted = name.toLowerCase();
	const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
	return found ? String(found[1]) : undefined;
}
