// What a test sees of the shared state and what a client sends the app, the same whether one instance (Workspace)
// or several (cluster/Cluster.ts) run the app: both facades call these, so they cannot drift apart.
import type { IRoom, IUser } from './engine';
import { WorkspaceError } from './errors';
import { renderView } from './render';
import type { ModalState, WorldState } from './state';

/** The bot user the engine created for the app. */
export function appBotUser(world: WorldState, appId: string): IUser {
	const bot = [...world.users.values()].find((u) => u.appId === appId);
	if (!bot) throw new WorkspaceError('The app has no bot user (is it installed?)');
	return bot;
}

/**
 * A slash command as a user types it in a room ('dm': their direct messages with the app's bot, read only then),
 * as the server parses it.
 */
export function commandTarget(
	world: WorldState,
	bot: () => IUser,
	user: string,
	room: string,
	text: string,
): { name: string; sender: IUser; room: IRoom; params: string[] } {
	const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(text.trim());
	if (!match) throw new WorkspaceError(`Not a slash command: "${text}"`);
	const sender = world.requireUser(user);
	const roomObj = room === 'dm' ? world.directRoom([bot().username, user]) : world.requireRoom(room);
	return { name: match[1].toLowerCase(), sender, room: roomObj, params: parseParameters(match[2]) };
}

/** Splits command arguments like the server: on whitespace, keeping "quoted phrases" together. */
export function parseParameters(text: string): string[] {
	return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** The modal currently open for `user`, if any, with its text as the client shows it. */
export function openModal(world: WorldState, user: string): (ModalState & { text: string }) | undefined {
	const modal = world.modals.get(world.requireUser(user).username);
	return modal && { ...modal, text: renderView(modal.view, modal.errors) };
}

export type AppRecord = { id: string; data: object; associations: Array<{ model: string; id: string }> };

/** The app's persistence records (data and associations), for assertions. */
export function appRecords(records: Array<AppRecord & { appId: string }>, appId: string): AppRecord[] {
	return records.filter((r) => r.appId === appId).map(({ id, data, associations }) => ({ id, data, associations }));
}

/** What a client's submit of the open modal sends the app (the server's UIKit interaction, type viewSubmit). */
export function viewSubmitInteraction(
	world: WorldState,
	modal: ModalState,
	user: IUser,
	room: IRoom | undefined,
	state: object,
	appId: string,
): object {
	return {
		type: 'viewSubmit',
		appId: modal.appId ?? appId,
		actionId: modal.view.submit?.actionId ?? '',
		triggerId: world.issueTrigger(user.username),
		user,
		room: room && world.roomView(room),
		payload: { view: { ...modal.view, state } },
	};
}

/** What a client's close button on the open modal sends the app (type viewClosed). */
export function viewClosedInteraction(modal: ModalState, user: IUser, appId: string): object {
	return {
		type: 'viewClosed',
		appId: modal.appId ?? appId,
		actionId: modal.view.close?.actionId ?? '',
		user,
		payload: { view: modal.view, isCleared: false },
	};
}
