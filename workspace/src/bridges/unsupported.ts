// Bridges the workspace does not emulate. Each abstract method exists and fails loudly, so an app that starts
// using one of them gets a clear message instead of an undefined result.
import { CloudWorkspaceBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/CloudWorkspaceBridge';
import { ContactBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/ContactBridge';
import { ExperimentalBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/ExperimentalBridge';
import { LivechatBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/LivechatBridge';
import { ModerationBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/ModerationBridge';
import { OAuthAppsBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/OAuthAppsBridge';
import { OutboundMessageBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/OutboundMessagesBridge';
import { VideoConferenceBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/VideoConferenceBridge';
import type { IListenerBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/IListenerBridge';

/** The protected abstract methods of each 1.62 bridge (checked against the .d.ts files by test/engine/bridges.test.ts). */
export const UNSUPPORTED_METHODS = {
	CloudWorkspaceBridge: ['getWorkspaceToken'],
	ContactBridge: ['getById', 'verifyContact', 'addContactEmail'],
	ExperimentalBridge: [],
	LivechatBridge: [
		'isOnline',
		'isOnlineAsync',
		'createMessage',
		'getMessageById',
		'updateMessage',
		'createVisitor',
		'createAndReturnVisitor',
		'findVisitors',
		'findVisitorById',
		'findVisitorByEmail',
		'findVisitorByToken',
		'findVisitorByPhoneNumber',
		'resolveVisitor',
		'transferVisitor',
		'updateVisitorExternalId',
		'createRoom',
		'closeRoom',
		'countOpenRoomsByAgentId',
		'findOpenRoomsByAgentId',
		'findRooms',
		'findDepartmentByIdOrName',
		'findDepartmentsEnabledWithAgents',
		'_fetchLivechatRoomMessages',
		'setCustomFields',
	],
	ModerationBridge: ['report', 'dismissReportsByMessageId', 'dismissReportsByUserId'],
	OAuthAppsBridge: ['create', 'getById', 'getByName', 'update', 'delete', 'purge'],
	OutboundMessageBridge: ['registerPhoneProvider', 'registerEmailProvider', 'unRegisterProvider'],
	VideoConferenceBridge: ['create', 'getById', 'update', 'registerProvider', 'unRegisterProvider'],
} as const;

export function notSupported(bridge: string, method: string): Error {
	return new Error(`${bridge}.${method} is not supported in the local workspace`);
}

// Abstract classes can't be instantiated, and listing ~50 throwing methods by hand hides the point:
// subclass at runtime and give every abstract method the same honest failure.
function unsupported<T>(Base: abstract new () => T, name: keyof typeof UNSUPPORTED_METHODS): T {
	const Concrete = class extends (Base as unknown as new () => object) {};
	for (const method of UNSUPPORTED_METHODS[name]) {
		Object.defineProperty(Concrete.prototype, method, {
			value() {
				throw notSupported(name, method);
			},
		});
	}
	return new Concrete() as T;
}

export const createCloudWorkspaceBridge = () => unsupported(CloudWorkspaceBridge, 'CloudWorkspaceBridge');
export const createContactBridge = () => unsupported(ContactBridge, 'ContactBridge');
export const createExperimentalBridge = () => unsupported(ExperimentalBridge, 'ExperimentalBridge');
export const createLivechatBridge = () => unsupported(LivechatBridge, 'LivechatBridge');
export const createModerationBridge = () => unsupported(ModerationBridge, 'ModerationBridge');
export const createOAuthAppsBridge = () => unsupported(OAuthAppsBridge, 'OAuthAppsBridge');
export const createOutboundMessageBridge = () => unsupported(OutboundMessageBridge, 'OutboundMessageBridge');
export const createVideoConferenceBridge = () => unsupported(VideoConferenceBridge, 'VideoConferenceBridge');

/** The server uses this to feed its own events to the engine; nothing in the workspace calls it. */
export class UnsupportedListenerBridge implements IListenerBridge {
	async messageEvent(): Promise<void> {
		throw notSupported('ListenerBridge', 'messageEvent');
	}
	async roomEvent(): Promise<void> {
		throw notSupported('ListenerBridge', 'roomEvent');
	}
	async uiKitInteractionEvent(): Promise<void> {
		throw notSupported('ListenerBridge', 'uiKitInteractionEvent');
	}
}
