import { UiInteractionBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/UiInteractionBridge';
import type { IUIKitInteraction } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/uikit';
import type { IUser } from '../engine';
import { renderView } from '../render';
import type { WorldState } from '../state';

/**
 * What the client does with UIKit interactions: keeps the open modal (or contextual bar) per user, applies updates,
 * closes, and shows field errors. Also used for interaction *responses* returned by the app's handlers.
 */
export class WorkspaceUiInteractionBridge extends UiInteractionBridge {
	constructor(private readonly world: WorldState) {
		super();
	}

	protected async notifyUser(user: IUser, interaction: IUIKitInteraction): Promise<void> {
		// The server broadcasts without checking anything (apps/meteor/app/apps/server/bridges/uiInteraction.ts);
		// the client drops an interaction whose trigger id is used or expired, silently: the app never knows.
		const dropped = this.world.useTrigger((interaction as any).triggerId);
		if (dropped) return ignoreInteraction(this.world, user.username, interaction, dropped.reason);
		applyInteraction(this.world, user.username, interaction as any);
	}
}

/** What the client silently drops is still shown in the workspace's transcript, as "ignored", never as opened. */
export function ignoreInteraction(world: WorldState, username: string, interaction: any, reason: string): void {
	const type: string = interaction?.type ?? 'interaction';
	world.record({
		kind: 'modal',
		user: username,
		action: 'ignored',
		viewId: interaction?.view?.id ?? interaction?.viewId,
		text: '',
		plain: `(${type} not shown: the client ignores it because ${reason})`,
	});
}

export function applyInteraction(world: WorldState, username: string, interaction: any, room?: string): void {
	const type: string = interaction?.type ?? '';
	const open = world.modals.get(username);
	if (type.endsWith('.open') || type.endsWith('.update')) {
		const view = interaction.view;
		const action = type.endsWith('.open') ? 'open' : 'update';
		world.modals.set(username, {
			viewId: view.id,
			appId: interaction.appId ?? view.appId,
			view,
			room: room ?? (action === 'update' ? open?.room : world.context.room),
		});
		world.record({
			kind: 'modal',
			user: username,
			action,
			viewId: view.id,
			text: '',
			blocks: view.blocks,
			plain: renderView(view),
			room: world.modals.get(username)?.room,
		});
	} else if (type.endsWith('.close')) {
		world.modals.delete(username);
		world.record({
			kind: 'modal',
			user: username,
			action: 'close',
			viewId: interaction.view?.id ?? open?.viewId,
			text: '',
			plain: '(modal closed)',
		});
	} else if (type === 'errors') {
		if (open) open.errors = interaction.errors;
		world.record({
			kind: 'modal',
			user: username,
			action: 'errors',
			viewId: interaction.viewId,
			errors: interaction.errors,
			text: '',
			plain: renderView(open?.view, interaction.errors),
		});
	}
}
