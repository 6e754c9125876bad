/**
 * Admin alerts: one delivery per (alert, recipient), keyed `alert:<alertKey>:<userId>`, so an alert raised twice
 * (a check and a `sync` on two instances deciding the same thing) is still sent once to each admin. Raising only
 * records; the delivery job sends (the 'alert' handler).
 */
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { fnv1a } from '../../../kernel/text';
import { alertMessage, type Alert } from '../announcement';
import { resolveLang, type Lang } from '../../../kernel/i18n';
import type { AppDeps } from '../../../platform/deps';
import { DeliveryStore } from '../../../platform/delivery/DeliveryStore';
import { marked, type DeliveryAction, type DeliveryHandler } from '../../../platform/delivery/handlers';
import { newDelivery, type Delivery } from '../../../platform/delivery/model';
import { directRoom } from '../../../platform/reply';
import { Settings } from '../../../platform/settings';
import { AdminContactStore } from '../../../platform/storage/stores';

export const ALERT_HANDLER = 'alert';

interface Recipient {
	user: IUser;
	lang: Lang;
}

/**
 * Records the alert for each recipient: the admin alert recipients setting, or without it the admins the app
 * knows and the announcements channel's owners; `alsoOwnersOf`: that room's owners too (a room refusing posts).
 */
export async function raiseAlert(deps: AppDeps, alert: Alert, alertKey: string, alsoOwnersOf?: IRoom, now = new Date()): Promise<number> {
	const recipients = await alertRecipients(deps, alsoOwnersOf);
	if (recipients.length === 0) deps.logger.warn('no admin to tell', alert);
	const source = `alert:${alertKey}`;
	const deliveries = recipients.map(({ user, lang }) =>
		newDelivery({ key: `${source}:${user.id}`, handler: ALERT_HANDLER, source, data: { alert, userId: user.id, lang } }, now),
	);
	const store = new DeliveryStore(deps.read.getPersistenceReader(), deps.persis);
	return (await store.enqueue(deliveries)).length;
}

/** A short stable hash for alert keys (a problem's text, the check it follows). */
export function alertHash(text: string): string {
	return fnv1a(text).toString(36);
}

async function alertRecipients(deps: AppDeps, alsoOwnersOf?: IRoom): Promise<Recipient[]> {
	const chosen = await chosenRecipients(deps);
	return [...(chosen.size > 0 ? chosen : await defaultRecipients(deps, alsoOwnersOf)).values()];
}

/** The users the admin alert recipients setting names (unknown names are logged and skipped). */
async function chosenRecipients(deps: AppDeps): Promise<Map<string, Recipient>> {
	const recipients = new Map<string, Recipient>();
	for (const username of await new Settings(deps.read).alertRecipients()) {
		const user = await deps.read.getUserReader().getByUsername(username);
		if (user) recipients.set(user.id, { user, lang: resolveLang(user.settings?.preferences?.language) });
		else deps.logger.warn(`admin alert recipients: no user @${username}`);
	}
	return recipients;
}

/** Without the setting: the admins the app knows (installer, admins who used it) and the rooms' owners. */
async function defaultRecipients(deps: AppDeps, alsoOwnersOf?: IRoom): Promise<Map<string, Recipient>> {
	const recipients = new Map<string, Recipient>();
	for (const contact of await new AdminContactStore(deps.read.getPersistenceReader()).all()) {
		const user = await deps.read.getUserReader().getById(contact.userId);
		if (user) recipients.set(user.id, { user, lang: resolveLang(user.settings?.preferences?.language ?? contact.lang) });
	}
	const room = await new Settings(deps.read).announcementsRoom();
	const rooms = [room, alsoOwnersOf].filter((r, i, all): r is IRoom => !!r && all.findIndex((o) => o?.id === r.id) === i);
	for (const { id } of rooms) {
		for (const owner of await deps.read.getRoomReader().getOwners(id)) {
			if (!recipients.has(owner.id))
				recipients.set(owner.id, { user: owner, lang: resolveLang(owner.settings?.preferences?.language) });
		}
	}
	return recipients;
}

/**
 * Sends one alert to one admin by DM. A delivery without a recipient (the delivery job's give-up alert, which
 * doesn't know the admins) is fanned out into one per recipient first.
 */
export const alertHandler: DeliveryHandler = {
	async prepare(delivery: Delivery, marker: string, deps: AppDeps): Promise<DeliveryAction> {
		const { alert, userId, lang } = delivery.data as { alert: Alert; userId?: string; lang?: Lang };
		if (!userId) {
			const count = await raiseAlert(deps, alert, delivery.key.replace(/^alert:/, ''));
			return { kind: 'skip', why: `fanned out to ${count} recipients` };
		}
		const user = await deps.read.getUserReader().getById(userId);
		if (!user) return { kind: 'skip', why: 'the recipient no longer exists' };
		const room = await directRoom(deps, user);
		return {
			kind: 'post',
			room,
			reply: marked(alertMessage(alert, resolveLang(lang ?? user.settings?.preferences?.language)), marker),
		};
	},
};
