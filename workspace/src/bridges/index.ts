import { AppBridges } from '../engine';
import type { WorldState } from '../state';
import { WorkspaceApiBridge } from './api';
import { WorkspaceCommandBridge } from './commands';
import { WorkspaceEmailBridge } from './email';
import { WorkspaceUploadBridge } from './uploads';
import { WorkspaceEnvironmentBridge, WorkspaceServerSettingBridge } from './environment';
import { HttpFixtures, WorkspaceHttpBridge } from './http';
import { WorkspaceActivationBridge, WorkspaceDetailChangesBridge, WorkspaceFederationBridge, WorkspaceInternalBridge } from './internal';
import { WorkspaceMessageBridge, WorkspaceThreadBridge } from './messages';
import { WorkspacePersistenceBridge } from './persistence';
import { WorkspaceRoomBridge } from './rooms';
import { WorkspaceSchedulerBridge } from './scheduler';
import { WorkspaceUiInteractionBridge } from './ui';
import * as unsupported from './unsupported';
import { WorkspaceRoleBridge, WorkspaceUserBridge } from './users';

export interface BridgeOptions {
	env?: Record<string, string>;
	serverSettings?: Record<string, unknown>;
}

/** All 28 bridges of Apps-Engine 1.62, built once per workspace so state survives app updates and re-enables. */
export class WorkspaceBridges extends AppBridges {
	readonly http = new HttpFixtures();
	readonly api = new WorkspaceApiBridge();
	readonly activation = new WorkspaceActivationBridge();
	readonly commands = new WorkspaceCommandBridge();
	readonly detailChanges = new WorkspaceDetailChangesBridge();
	readonly federation = new WorkspaceFederationBridge();
	readonly roles = new WorkspaceRoleBridge();
	readonly email: WorkspaceEmailBridge;
	readonly env: WorkspaceEnvironmentBridge;
	readonly httpBridge: WorkspaceHttpBridge;
	readonly internal: WorkspaceInternalBridge;
	readonly messages: WorkspaceMessageBridge;
	readonly persistence: WorkspacePersistenceBridge;
	readonly rooms: WorkspaceRoomBridge;
	readonly scheduler: WorkspaceSchedulerBridge;
	readonly serverSettings: WorkspaceServerSettingBridge;
	readonly threads: WorkspaceThreadBridge;
	readonly ui: WorkspaceUiInteractionBridge;
	readonly users: WorkspaceUserBridge;
	private readonly listener = new unsupported.UnsupportedListenerBridge();
	private readonly contact = unsupported.createContactBridge();
	private readonly livechat = unsupported.createLivechatBridge();
	readonly upload: WorkspaceUploadBridge;
	private readonly cloud = unsupported.createCloudWorkspaceBridge();
	private readonly video = unsupported.createVideoConferenceBridge();
	private readonly oauth = unsupported.createOAuthAppsBridge();
	private readonly moderation = unsupported.createModerationBridge();
	private readonly outbound = unsupported.createOutboundMessageBridge();
	private readonly experimental = unsupported.createExperimentalBridge();

	constructor(world: WorldState, options: BridgeOptions = {}) {
		super();
		// The mailer reads server settings as it sends (SMTP_Host, Site_Name, From_Email…).
		this.email = new WorkspaceEmailBridge(world, (id) => this.serverSettings.settings.get(id)?.value);
		this.upload = new WorkspaceUploadBridge(world);
		this.env = new WorkspaceEnvironmentBridge(options.env ?? {});
		this.httpBridge = new WorkspaceHttpBridge(this.http);
		this.internal = new WorkspaceInternalBridge(world);
		this.messages = new WorkspaceMessageBridge(world, (id) => this.serverSettings.settings.get(id)?.value);
		this.persistence = new WorkspacePersistenceBridge(world);
		this.rooms = new WorkspaceRoomBridge(world);
		this.scheduler = new WorkspaceSchedulerBridge(world);
		this.serverSettings = new WorkspaceServerSettingBridge(options.serverSettings ?? {});
		this.threads = new WorkspaceThreadBridge(world);
		this.ui = new WorkspaceUiInteractionBridge(world);
		this.users = new WorkspaceUserBridge(world);
	}

	getCommandBridge() {
		return this.commands;
	}

	getContactBridge() {
		return this.contact;
	}

	getApiBridge() {
		return this.api;
	}

	getAppDetailChangesBridge() {
		return this.detailChanges;
	}

	getEnvironmentalVariableBridge() {
		return this.env;
	}

	getHttpBridge() {
		return this.httpBridge;
	}

	getListenerBridge() {
		return this.listener;
	}

	getLivechatBridge() {
		return this.livechat;
	}

	getMessageBridge() {
		return this.messages;
	}

	getPersistenceBridge() {
		return this.persistence;
	}

	getAppActivationBridge() {
		return this.activation;
	}

	getRoomBridge() {
		return this.rooms;
	}

	getInternalBridge() {
		return this.internal;
	}

	getInternalFederationBridge() {
		return this.federation;
	}

	getServerSettingBridge() {
		return this.serverSettings;
	}

	getUploadBridge() {
		return this.upload;
	}

	getEmailBridge() {
		return this.email;
	}

	getUserBridge() {
		return this.users;
	}

	getUiInteractionBridge() {
		return this.ui;
	}

	getSchedulerBridge() {
		return this.scheduler;
	}

	getCloudWorkspaceBridge() {
		return this.cloud;
	}

	getVideoConferenceBridge() {
		return this.video;
	}

	getOAuthAppsBridge() {
		return this.oauth;
	}

	getModerationBridge() {
		return this.moderation;
	}

	getThreadBridge() {
		return this.threads;
	}

	getRoleBridge() {
		return this.roles;
	}

	getOutboundMessageBridge() {
		return this.outbound;
	}

	getExperimentalBridge() {
		return this.experimental;
	}
}
