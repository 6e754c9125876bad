/** The app's settings: ids, definitions and a typed reader. Ids are constants so a typo can't compile. */
import type { IConfigurationExtend, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { SettingType } from '@rocket.chat/apps-engine/definition/settings/SettingType';
import { objectionAddress } from '../kernel/text';

export const SETTING = {
	sourceUrl: 'list_source_url',
	checkInterval: 'check_interval',
	announcementsRoom: 'announcements_room',
	objectionWindowDays: 'objection_window_days',
	privacyTeamRoom: 'privacy_team_room',
	objectionEmail: 'objection_email',
	publicFeeds: 'public_feeds',
	updateSecret: 'update_secret',
	alertRecipients: 'admin_alert_recipients',
	objectionFilerRoles: 'objection_filer_roles',
	objectionApproval: 'objection_approval',
	objectionRetentionDays: 'objection_retention_days',
} as const;

export const DEFAULT_ANNOUNCEMENTS_ROOM = 'subprocessor-updates';
export const DEFAULT_PRIVACY_TEAM_ROOM = 'privacy-team';
export const CHECK_INTERVALS = ['15', '60', '360', '1440'] as const;
export const DEFAULT_CHECK_MINUTES = 60;
export const DEFAULT_OBJECTION_WINDOW_DAYS = 30;
export const OBJECTION_APPROVAL = ['at-once', 'after-approval'] as const;
export type ObjectionApproval = (typeof OBJECTION_APPROVAL)[number];
export const DEFAULT_RETENTION_DAYS = 365;
/** The push endpoint's shared secret must be at least this long; a shorter one is refused when it is set. */
export const MIN_SECRET_LENGTH = 16;

export const DEFINITIONS: ISetting[] = [
	{
		id: SETTING.sourceUrl,
		type: SettingType.STRING,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_source_url',
		i18nDescription: 'setting_source_url_description',
		i18nPlaceholder: 'https://raw.githubusercontent.com/your-org/privacy/main/subprocessors.yaml',
	},
	{
		id: SETTING.checkInterval,
		type: SettingType.SELECT,
		packageValue: String(DEFAULT_CHECK_MINUTES),
		values: CHECK_INTERVALS.map((key) => ({ key, i18nLabel: `setting_check_interval_${key}` })),
		required: true,
		public: false,
		i18nLabel: 'setting_check_interval',
		i18nDescription: 'setting_check_interval_description',
	},
	{
		id: SETTING.announcementsRoom,
		type: SettingType.ROOM_PICK,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_announcements_room',
		i18nDescription: 'setting_announcements_room_description',
	},
	{
		id: SETTING.objectionWindowDays,
		type: SettingType.NUMBER,
		packageValue: DEFAULT_OBJECTION_WINDOW_DAYS,
		required: true,
		public: false,
		i18nLabel: 'setting_objection_window_days',
		i18nDescription: 'setting_objection_window_days_description',
	},
	{
		id: SETTING.privacyTeamRoom,
		type: SettingType.ROOM_PICK,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_privacy_team_room',
		i18nDescription: 'setting_privacy_team_room_description',
	},
	{
		id: SETTING.objectionEmail,
		type: SettingType.STRING,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_objection_email',
		i18nDescription: 'setting_objection_email_description',
		i18nPlaceholder: 'privacy@example.com',
	},
	{
		id: SETTING.publicFeeds,
		type: SettingType.BOOLEAN,
		packageValue: false,
		required: false,
		public: false,
		i18nLabel: 'setting_public_feeds',
		i18nDescription: 'setting_public_feeds_description',
	},
	{
		id: SETTING.updateSecret,
		type: SettingType.PASSWORD,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_update_secret',
		i18nDescription: 'setting_update_secret_description',
	},
	{
		id: SETTING.alertRecipients,
		type: SettingType.STRING,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_alert_recipients',
		i18nDescription: 'setting_alert_recipients_description',
		i18nPlaceholder: '@dpo, @it-admin',
	},
	{
		id: SETTING.objectionFilerRoles,
		type: SettingType.STRING,
		packageValue: '',
		required: false,
		public: false,
		i18nLabel: 'setting_objection_filer_roles',
		i18nDescription: 'setting_objection_filer_roles_description',
		i18nPlaceholder: 'user, privacy-filer',
	},
	{
		id: SETTING.objectionApproval,
		type: SettingType.SELECT,
		packageValue: 'at-once',
		values: OBJECTION_APPROVAL.map((key) => ({ key, i18nLabel: `setting_objection_approval_${key.replace('-', '_')}` })),
		required: true,
		public: false,
		i18nLabel: 'setting_objection_approval',
		i18nDescription: 'setting_objection_approval_description',
	},
	{
		id: SETTING.objectionRetentionDays,
		type: SettingType.NUMBER,
		packageValue: DEFAULT_RETENTION_DAYS,
		required: true,
		public: false,
		i18nLabel: 'setting_objection_retention_days',
		i18nDescription: 'setting_objection_retention_days_description',
	},
];

export async function provideSettings(configuration: IConfigurationExtend): Promise<void> {
	for (const setting of DEFINITIONS) {
		await configuration.settings.provideSetting(setting);
	}
}

/** Typed reads of the settings, with the defaults applied and bad values tolerated. */
export class Settings {
	constructor(private readonly read: IRead) {}

	private async value(id: string): Promise<unknown> {
		return this.read.getEnvironmentReader().getSettings().getValueById(id);
	}

	async sourceUrl(): Promise<string | undefined> {
		const value = await this.value(SETTING.sourceUrl);
		return typeof value === 'string' && value.trim() ? value.trim() : undefined;
	}

	async checkIntervalMinutes(): Promise<number> {
		return checkIntervalMinutes(await this.value(SETTING.checkInterval));
	}

	async objectionWindowDays(): Promise<number> {
		const days = Number(await this.value(SETTING.objectionWindowDays));
		return Number.isInteger(days) && days >= 0 && days <= 365 ? days : DEFAULT_OBJECTION_WINDOW_DAYS;
	}

	/** The announcements room: the picked one, else #subprocessor-updates if it exists. */
	async announcementsRoom(): Promise<IRoom | undefined> {
		return this.pickedRoom(SETTING.announcementsRoom, DEFAULT_ANNOUNCEMENTS_ROOM);
	}

	async publicFeeds(): Promise<boolean> {
		return (await this.value(SETTING.publicFeeds)) === true;
	}

	/** The shared secret for pushed updates; undefined (push disabled) when not set or too short to be a secret. */
	async updateSecret(): Promise<string | undefined> {
		const value = await this.value(SETTING.updateSecret);
		return typeof value === 'string' && value.length >= MIN_SECRET_LENGTH ? value : undefined;
	}

	/** Usernames that receive admin alerts instead of the default recipients; empty: the default (none set). */
	async alertRecipients(): Promise<string[]> {
		return usernamesOf(await this.value(SETTING.alertRecipients));
	}

	/** The privacy team's room: the picked one, else #privacy-team if it exists — only if it is private. */
	async privacyTeamRoom(): Promise<IRoom | undefined> {
		return (await this.privacyTeamRoomChoice()).room;
	}

	/**
	 * The privacy team's room, or the room refused for it. Cards carry the objector's name, e-mail and grounds, and
	 * every member of the room may work them: a public channel (#general, say) would show that to anyone who joins.
	 * Only a private group qualifies (RoomType.PRIVATE_GROUP, 'p': private channels, private teams and discussions).
	 */
	async privacyTeamRoomChoice(): Promise<{ room?: IRoom; refused?: IRoom }> {
		const room = await this.pickedRoom(SETTING.privacyTeamRoom, DEFAULT_PRIVACY_TEAM_ROOM);
		if (!room) return {};
		return isPrivateGroup(room) ? { room } : { refused: room };
	}

	/** Where objections are e-mailed: the setting when set, else the list's objection address. */
	async objectionEmail(listAddress: string): Promise<string> {
		return (await this.objectionEmailSetting()) ?? listAddress;
	}

	/** The `objection_email` setting when it holds an address (kernel/text.ts objectionAddress), else undefined. */
	async objectionEmailSetting(): Promise<string | undefined> {
		return objectionAddress(await this.value(SETTING.objectionEmail));
	}

	/**
	 * The global roles that may file objections; empty: everyone. Roles as the server gives them on the user object
	 * (`roles: user.roles` in apps/meteor/app/apps/server/converters/users.ts): global roles only, not a room's
	 * owner or moderator (those are on the subscription).
	 */
	async objectionFilerRoles(): Promise<string[]> {
		return rolesOf(await this.value(SETTING.objectionFilerRoles));
	}

	/** Whether objections are e-mailed to the vendor at once (the default) or after the privacy team approves. */
	async objectionApproval(): Promise<ObjectionApproval> {
		return (await this.value(SETTING.objectionApproval)) === 'after-approval' ? 'after-approval' : 'at-once';
	}

	/** Days after an objection is closed until its personal fields are erased; 0: kept. */
	async objectionRetentionDays(): Promise<number> {
		return retentionDays(await this.value(SETTING.objectionRetentionDays));
	}

	protected async pickedRoom(id: string, fallbackName: string): Promise<IRoom | undefined> {
		const picked = await this.value(id);
		const roomId = roomIdOf(picked);
		const rooms = this.read.getRoomReader();
		if (roomId) {
			const room = await rooms.getById(roomId);
			if (room) return room;
		}
		return rooms.getByName(fallbackName);
	}
}

/** Rooms only invited members can read: private channels, private teams and their discussions. */
export function isPrivateGroup(room: IRoom): boolean {
	return (room.type as string) === 'p';
}

/**
 * A setting the app refuses as it is set: a push secret shorter than MIN_SECRET_LENGTH. The engine lets an app
 * change a value on its way in (`onPreSettingUpdate`) but not reject it, so the value is replaced by '' (push off:
 * never the short secret, nor a previous one the admin meant to replace) and the admins are told at once.
 */
export function refusedSetting(setting: ISetting): ISetting | undefined {
	if (setting.id !== SETTING.updateSecret) return undefined;
	const value = setting.value;
	return typeof value === 'string' && value.length > 0 && value.length < MIN_SECRET_LENGTH ? { ...setting, value: '' } : undefined;
}

/** "@dpo, it-admin  @bob" → ['dpo', 'it-admin', 'bob']: separated by commas, semicolons or spaces, '@' optional. */
export function usernamesOf(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	const names = value
		.split(/[\s,;]+/)
		.map((name) => name.replace(/^@/, ''))
		.filter((name) => /^[\w.-]{1,100}$/u.test(name));
	return [...new Set(names)].slice(0, 50);
}

/** "user, privacy-filer" → ['user', 'privacy-filer']: role names separated by commas, semicolons or spaces. */
export function rolesOf(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return [...new Set(value.split(/[\s,;]+/).filter((role) => /^[\w.-]{1,100}$/u.test(role)))].slice(0, 50);
}

/** A retention period in whole days (0 = keep); the default when unusable (a negative or fractional value). */
export function retentionDays(value: unknown): number {
	const days = Number(value);
	return Number.isInteger(days) && days >= 0 && days <= 36500 ? days : DEFAULT_RETENTION_DAYS;
}

/** Whether a user may file: everyone when no role is set, else a user holding one of the roles. */
export const mayFileWith = (roles: string[], userRoles: string[] | undefined): boolean =>
	roles.length === 0 || (userRoles ?? []).some((role) => roles.includes(role));

/** The check interval a setting value stands for (at least 5 minutes; the default when unusable). */
export function checkIntervalMinutes(value: unknown): number {
	const minutes = Number(value);
	return Number.isFinite(minutes) && minutes >= 5 ? minutes : DEFAULT_CHECK_MINUTES;
}

/** A room-pick value is `[{ _id }]` (or a bare id from older clients / the REST API). */
function roomIdOf(value: unknown): string | undefined {
	if (typeof value === 'string' && value) return value;
	if (Array.isArray(value)) return roomIdOf(value[0]);
	if (value && typeof value === 'object') {
		const record = value as { _id?: unknown; id?: unknown };
		if (typeof record._id === 'string') return record._id;
		if (typeof record.id === 'string') return record.id;
	}
	return undefined;
}
