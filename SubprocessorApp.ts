import type {
	IAppAccessors,
	IConfigurationExtend,
	IConfigurationModify,
	IEnvironmentRead,
	IHttp,
	ILogger,
	IModify,
	IPersistence,
	IRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import type { IAppInstallationContext } from '@rocket.chat/apps-engine/definition/accessors/IAppInstallationContext';
import { App } from '@rocket.chat/apps-engine/definition/App';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { ISettingUpdateContext } from '@rocket.chat/apps-engine/definition/settings/ISettingUpdateContext';
import type {
	IUIKitResponse,
	UIKitBlockInteractionContext,
	UIKitViewSubmitInteractionContext,
} from '@rocket.chat/apps-engine/definition/uikit';
import { api } from './src/app/endpoints';
import { rememberAdmin } from './src/app/commandServices';
import { handleBlockAction } from './src/app/interactions';
import { AppRuntime } from './src/platform/runtime';
import { checkSoon, deliverSoon, processors, registerChecks, teamRoomChanged, tellSecretRefused } from './src/app/jobs';
import { userLang } from './src/platform/language';
import { checkIntervalMinutes, refusedSetting, SETTING, Settings, provideSettings } from './src/platform/settings';
import { SubprocessorsCommand } from './src/app/SubprocessorsCommand';
import { handleViewSubmit } from './src/app/views';

/** Wires the app's pieces into the engine; the pieces live in src/. */
export class SubprocessorApp extends App {
	/** This app process's state and identity, handed to every piece of work with the accessors. */
	private readonly runtime: AppRuntime;

	constructor(info: IAppInfo, logger: ILogger, accessors: IAppAccessors) {
		super(info, logger, accessors);
		this.runtime = new AppRuntime(this.getID(), this.getLogger());
	}

	protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
		await provideSettings(configuration);
		await configuration.scheduler.registerProcessors(processors(this.runtime));
		await configuration.api.provideApi(api(this.runtime));
		// Last, and tolerant: on re-enable the engine (1.62) runs this again while it still holds the command
		// from before the disable, and refuses to provide it twice. The kept command is ours and works.
		try {
			await configuration.slashCommands.provideSlashCommand(new SubprocessorsCommand(this.runtime));
		} catch (error) {
			if (!/already exists/i.test(String((error as Error)?.message))) throw error;
			this.getLogger().debug('the /subprocessors command is still registered from before the app was disabled');
		}
	}

	public async onEnable(environment: IEnvironmentRead, configurationModify: IConfigurationModify): Promise<boolean> {
		const minutes = checkIntervalMinutes(await environment.getSettings().getValueById(SETTING.checkInterval));
		// On every instance's start: the check job's one document keeps its next run (a new one is due now).
		await registerChecks(configurationModify.scheduler, minutes, this.getLogger(), { moveNextRun: false });
		return true;
	}

	public async onInstall(
		context: IAppInstallationContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify: IModify,
	): Promise<void> {
		// The installing admin hears about source problems from the start.
		const deps = this.runtime.deps({ read, modify, http, persis: persistence });
		await rememberAdmin(deps, context.user, await userLang(context.user, deps));
	}

	/** A push secret that is too short is never stored: push stays off and the admins are told at once by DM. */
	public async onPreSettingUpdate(context: ISettingUpdateContext, configurationModify: IConfigurationModify): Promise<ISetting> {
		const refused = refusedSetting(context.newSetting);
		if (!refused) return context.newSetting;
		this.getLogger().warn(`${context.newSetting.id}: refused, shorter than the minimum; stored empty (push off)`);
		await tellSecretRefused(configurationModify.scheduler);
		return refused;
	}

	public async onSettingUpdated(setting: ISetting, configurationModify: IConfigurationModify, read: IRead): Promise<void> {
		// Runs on every instance (the server broadcasts the change): the same upsert everywhere, and one prompt check
		// whichever instances ask for it (src/app/jobs.ts promptCheck).
		if (setting.id === SETTING.checkInterval) {
			const minutes = await new Settings(read).checkIntervalMinutes();
			await registerChecks(configurationModify.scheduler, minutes, this.getLogger(), { moveNextRun: true });
			await checkSoon(configurationModify.scheduler);
		} else if (setting.id === SETTING.sourceUrl) {
			await checkSoon(configurationModify.scheduler);
		} else if (setting.id === SETTING.announcementsRoom) {
			// Announcements waiting for a channel go out now.
			await deliverSoon(configurationModify.scheduler);
		} else if (setting.id === SETTING.privacyTeamRoom) {
			await teamRoomChanged(configurationModify.scheduler);
		} else if (setting.id === SETTING.objectionEmail) {
			// Answers say where objections go (ListRegistry activeCatalogs): read the new address at the next question.
			this.runtime.caches.objectionSetting = undefined;
		}
	}

	public async executeBlockActionHandler(
		context: UIKitBlockInteractionContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify: IModify,
	): Promise<IUIKitResponse> {
		return handleBlockAction(context, { read, modify, http, persis: persistence }, this.runtime);
	}

	public async executeViewSubmitHandler(
		context: UIKitViewSubmitInteractionContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify: IModify,
	): Promise<IUIKitResponse> {
		return handleViewSubmit(context, { read, modify, http, persis: persistence }, this.runtime);
	}
}
