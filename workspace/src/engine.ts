// The runtime classes must come from workspace/engine (the copy whose Deno runtime was prepared by setup.mjs):
// the engine checks bridges with `instanceof` against its own classes, and the root's apps-engine is only there
// for type definitions.
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
export type { ISlashCommandPreview, ISlashCommandPreviewItem } from '../engine/node_modules/@rocket.chat/apps-engine/definition/slashcommands/ISlashCommandPreview';
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
