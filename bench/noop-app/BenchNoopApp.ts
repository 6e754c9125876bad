// The benchmark's baseline app (packaged by bench/bench.ts, never shipped): what the engine costs with no app work.
// - /benchnoop answers the caller with one notification, built the way the real app builds a minimal answer
//   (message builder, the app's bot as sender, notifyUser);
// - /benchfetch <url> schedules the one-off job `benchfetch`, which only GETs the URL through the engine's HTTP
//   accessor: the same scheduler → processor → HTTP path as the app's list check, minus validate/compare/store.
import type {
	IAppAccessors,
	IConfigurationExtend,
	IHttp,
	ILogger,
	IModify,
	IPersistence,
	IRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import { App } from '@rocket.chat/apps-engine/definition/App';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { IJobContext } from '@rocket.chat/apps-engine/definition/scheduler';
import type { ISlashCommand, SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';

const FETCH_JOB = 'benchfetch';

class NoopCommand implements ISlashCommand {
	public command = 'benchnoop';
	public i18nParamsExample = '';
	public i18nDescription = 'benchnoop_description';
	public providesPreview = false;

	public async executor(context: SlashCommandContext, read: IRead, modify: IModify): Promise<void> {
		const builder = modify.getNotifier().getMessageBuilder();
		builder.setRoom(context.getRoom()).setText('ok').setParseUrls(false).setGroupable(false);
		const bot = await read.getUserReader().getAppUser();
		if (bot) builder.setSender(bot);
		await modify.getNotifier().notifyUser(context.getSender(), builder.getMessage());
	}
}

class FetchCommand implements ISlashCommand {
	public command = 'benchfetch';
	public i18nParamsExample = '';
	public i18nDescription = 'benchfetch_description';
	public providesPreview = false;

	public async executor(context: SlashCommandContext, _read: IRead, modify: IModify): Promise<void> {
		const [url] = context.getArguments();
		await modify.getScheduler().scheduleOnce({ id: FETCH_JOB, when: 'now', data: { url } });
	}
}

export class BenchNoopApp extends App {
	constructor(info: IAppInfo, logger: ILogger, accessors: IAppAccessors) {
		super(info, logger, accessors);
	}

	protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
		await configuration.scheduler.registerProcessors([
			{
				id: FETCH_JOB,
				processor: async (job: IJobContext, _read: IRead, _modify: IModify, http: IHttp, _persis: IPersistence) => {
					// The same request the app's list check makes (headers, timeout), and nothing after it.
					const response = await http.get(String(job.url), {
						headers: { Accept: 'application/yaml, application/json, text/yaml, text/plain;q=0.9, */*;q=0.1' },
						timeout: 15_000,
					});
					if (!response || response.statusCode !== 200 || !response.content) {
						throw new Error(`benchfetch: HTTP ${response?.statusCode} for ${job.url}`);
					}
				},
			},
		]);
		await configuration.slashCommands.provideSlashCommand(new NoopCommand());
		await configuration.slashCommands.provideSlashCommand(new FetchCommand());
	}
}
