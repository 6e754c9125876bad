import { generateKeyPairSync } from 'crypto';

import { AppActivationBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/AppActivationBridge';
import { AppDetailChangesBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/AppDetailChangesBridge';
import type { IInternalFederationBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/IInternalFederationBridge';
import { InternalBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/InternalBridge';
import type { AppStatus, ISetting, ProxiedApp } from '../engine';
import type { WorldState } from '../state';

let keyPair: { privateKey: string; publicKey: string } | undefined;

// The engine signs every installed app record with this key; RSA generation costs ~50-100 ms, so once per process.
function workspaceKeys(): { privateKey: string; publicKey: string } {
	keyPair ??= generateKeyPairSync('rsa', {
		modulusLength: 2048,
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
		publicKeyEncoding: { type: 'spki', format: 'pem' },
	});
	return keyPair;
}

export class WorkspaceFederationBridge implements IInternalFederationBridge {
	async getPrivateKey(): Promise<string | null> {
		return workspaceKeys().privateKey;
	}

	async getPublicKey(): Promise<string | null> {
		return workspaceKeys().publicKey;
	}
}

export class WorkspaceInternalBridge extends InternalBridge {
	constructor(private readonly world: WorldState) {
		super();
	}

	protected async getUsernamesOfRoomById(roomId: string): Promise<string[]> {
		return this.getUsernamesOfRoomByIdSync(roomId);
	}

	protected getUsernamesOfRoomByIdSync(roomId: string): string[] {
		return [...(this.world.rooms.get(roomId)?.usernames ?? [])];
	}

	protected async getWorkspacePublicKey(): Promise<ISetting> {
		return {
			id: 'Cloud_Workspace_PublicKey',
			value: workspaceKeys().publicKey,
			packageValue: '',
			type: 'string',
			required: false,
			public: false,
			i18nLabel: '',
		} as unknown as ISetting;
	}
}

export interface ActivationEntry {
	change: 'added' | 'updated' | 'removed' | 'status' | 'actions';
	appId?: string;
	status?: AppStatus;
}

/** The server reacts to app lifecycle changes (UI refresh, cluster sync); here they are only recorded. */
export class WorkspaceActivationBridge extends AppActivationBridge {
	readonly log: ActivationEntry[] = [];

	protected async appAdded(app: ProxiedApp): Promise<void> {
		this.log.push({ change: 'added', appId: app.getID() });
	}

	protected async appUpdated(app: ProxiedApp): Promise<void> {
		this.log.push({ change: 'updated', appId: app.getID() });
	}

	protected async appRemoved(app: ProxiedApp): Promise<void> {
		this.log.push({ change: 'removed', appId: app.getID() });
	}

	protected async appStatusChanged(app: ProxiedApp, status: AppStatus): Promise<void> {
		this.log.push({ change: 'status', appId: app.getID(), status });
	}

	protected async actionsChanged(): Promise<void> {
		this.log.push({ change: 'actions' });
	}
}

export class WorkspaceDetailChangesBridge extends AppDetailChangesBridge {
	readonly settingChanges: Array<{ appId: string; setting: ISetting }> = [];

	protected onAppSettingsChange(appId: string, setting: ISetting): void {
		this.settingChanges.push({ appId, setting });
	}
}
