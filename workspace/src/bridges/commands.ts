import { CommandBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/CommandBridge';
import type { ISlashCommand } from '../engine';

/** The server's slash-command registry; the core commands exist so an app can't shadow them unnoticed. */
export class WorkspaceCommandBridge extends CommandBridge {
	readonly commands = new Map<string, { appId: string; command: ISlashCommand; enabled: boolean }>();
	private readonly core = new Set([
		'help',
		'join',
		'leave',
		'invite',
		'kick',
		'msg',
		'me',
		'status',
		'topic',
		'archive',
		'unarchive',
		'create',
		'mute',
		'unmute',
	]);

	protected async doesCommandExist(command: string): Promise<boolean> {
		return this.core.has(command) || this.commands.has(command);
	}

	protected async enableCommand(command: string): Promise<void> {
		const entry = this.commands.get(command);
		if (entry) entry.enabled = true;
	}

	protected async disableCommand(command: string): Promise<void> {
		const entry = this.commands.get(command);
		if (entry) entry.enabled = false;
	}

	protected async modifyCommand(command: ISlashCommand, appId: string): Promise<void> {
		this.commands.set(command.command, { appId, command, enabled: this.commands.get(command.command)?.enabled ?? true });
	}

	protected async registerCommand(command: ISlashCommand, appId: string): Promise<void> {
		this.commands.set(command.command, { appId, command, enabled: true });
	}

	protected async unregisterCommand(command: string): Promise<void> {
		this.commands.delete(command);
	}
}
