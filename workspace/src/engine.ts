// The runtime classes must come from workspace/engine (the copy whose Deno runtime was prepared by setup.mjs):
// the engine checks bridges with `instanceof` against its own classes, and the root's apps-engine is only there
// for type definitions. Which engine folder these paths reach is selected at run time (SUBPROCESSORS_ENGINE; see
// deno.ts): jest's moduleNameMapper and the CLI's esbuild alias redirect `workspace/engine/...` to it.
import { AsyncLocalStorage } from 'async_hooks';

import { ProxiedApp as ProxiedAppClass } from '../engine/node_modules/@rocket.chat/apps-engine/server/ProxiedApp';
import { LivenessManager } from '../engine/node_modules/@rocket.chat/apps-engine/server/runtime/deno/LivenessManager';

/** The version of the engine these classes really come from (checked against the selected one in deno.ts). */
export const ENGINE_VERSION: string = require('../engine/node_modules/@rocket.chat/apps-engine/package.json').version;
export { AppManager } from '../engine/node_modules/@rocket.chat/apps-engine/server/AppManager';
export { AppBridges } from '../engine/node_modules/@rocket.chat/apps-engine/server/bridges/AppBridges';
export { AppMetadataStorage } from '../engine/node_modules/@rocket.chat/apps-engine/server/storage/AppMetadataStorage';
export { AppLogStorage } from '../engine/node_modules/@rocket.chat/apps-engine/server/storage/AppLogStorage';
export { AppSourceStorage } from '../engine/node_modules/@rocket.chat/apps-engine/server/storage/AppSourceStorage';
export type { IAppStorageItem } from '../engine/node_modules/@rocket.chat/apps-engine/server/storage/IAppStorageItem';
export type { ProxiedApp } from '../engine/node_modules/@rocket.chat/apps-engine/server/ProxiedApp';
export { AppStatus, AppStatusUtils } from '../engine/node_modules/@rocket.chat/apps-engine/definition/AppStatus';
export { SlashCommandContext } from '../engine/node_modules/@rocket.chat/apps-engine/definition/slashcommands/SlashCommandContext';
export { SlashCommandPreviewItemType } from '../engine/node_modules/@rocket.chat/apps-engine/definition/slashcommands/ISlashCommandPreview';
export type {
	ISlashCommandPreview,
	ISlashCommandPreviewItem,
} from '../engine/node_modules/@rocket.chat/apps-engine/definition/slashcommands/ISlashCommandPreview';
export type { ISlashCommand } from '../engine/node_modules/@rocket.chat/apps-engine/definition/slashcommands/ISlashCommand';
export { RoomType } from '../engine/node_modules/@rocket.chat/apps-engine/definition/rooms/RoomType';
export type { IRoom } from '../engine/node_modules/@rocket.chat/apps-engine/definition/rooms/IRoom';
export { UserType } from '../engine/node_modules/@rocket.chat/apps-engine/definition/users/UserType';
export { UserStatusConnection } from '../engine/node_modules/@rocket.chat/apps-engine/definition/users/UserStatusConnection';
export type { IUser } from '../engine/node_modules/@rocket.chat/apps-engine/definition/users/IUser';
export type { IMessage } from '../engine/node_modules/@rocket.chat/apps-engine/definition/messages/IMessage';
export type { ISetting } from '../engine/node_modules/@rocket.chat/apps-engine/definition/settings/ISetting';
export type { IPermission } from '../engine/node_modules/@rocket.chat/apps-engine/definition/permissions/IPermission';
export type { ILoggerStorageEntry } from '../engine/node_modules/@rocket.chat/apps-engine/server/logging/ILoggerStorageEntry';

// Older engines lack two accessors the workspace uses on the runtime (never the engine itself): give them the
// same meaning, so the facade stays one code path. See docs/server-fidelity.md "Engine versions".

const proxiedApp = ProxiedAppClass.prototype as any;
// 1.55 names the app's runtime getDenoRuntime() (1.57 renamed it getRuntimeController()).
if (typeof proxiedApp.getRuntimeController !== 'function' && typeof proxiedApp.getDenoRuntime === 'function') {
	proxiedApp.getRuntimeController = function getRuntimeController(this: any) {
		return this.getDenoRuntime();
	};
}
const liveness = LivenessManager.prototype as any;
// Before 1.59 the watchdog is a ping loop that an 'abort' event ends (the engine sends it when the process exits),
// and its timers keep Node running for up to 10 s after the last workspace stopped. 1.59+ unref their watchdog;
// here the loop's own timers (those set while ping() and its promise chain run) are unref'd the same way.
if (typeof liveness.stop !== 'function') {
	liveness.stop = function stop(this: any) {
		this.pingAbortController?.emit('abort');
	};
	const inPing = new AsyncLocalStorage<true>();
	const ping = liveness.ping;
	liveness.ping = function pingUnref(this: any, ...args: unknown[]) {
		return inPing.run(true, () => ping.apply(this, args));
	};
	const realSetTimeout = globalThis.setTimeout;
	globalThis.setTimeout = Object.assign((...args: Parameters<typeof setTimeout>) => {
		const timer = realSetTimeout(...args);
		if (inPing.getStore()) timer.unref?.();
		return timer;
	}, realSetTimeout) as typeof setTimeout;
}
