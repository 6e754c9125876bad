/** The `/subprocessors` slash command: turns the engine's context into a routed answer and delivers it. */
import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type {
	ISlashCommand,
	ISlashCommandPreview,
	ISlashCommandPreviewItem,
	SlashCommandContext,
} from '@rocket.chat/apps-engine/definition/slashcommands';
import { postsToRoom, previewAnswer, previewEntry, previewMatches, route, splitArgs } from './router';
import { markupSafe } from '../kernel/text';
import { notice } from '../features/list/answers';
import { context as contextBlock, withAppId } from '../kernel/blocks';
import { t } from '../kernel/i18n';
import { EngineCommandServices, rememberAdmin } from './commandServices';
import { activeCatalogs } from '../features/lists/engine/ListRegistry';
import { userLang, workspaceLang } from '../platform/language';
import { messageMaxSize } from '../platform/messageSize';
import type { AppRuntime } from '../platform/runtime';
import { notifyReply, postReply, type ReplyDeps, type ReplyTarget } from '../platform/reply';

export class SubprocessorsCommand implements ISlashCommand {
	public command = 'subprocessors';
	public i18nParamsExample = 'subprocessors_params';
	public i18nDescription = 'subprocessors_description';
	public providesPreview = true;

	private readonly appId: string;
	private readonly logger: ILogger;

	constructor(private readonly runtime: AppRuntime) {
		this.appId = runtime.appId;
		this.logger = runtime.logger;
	}

	public async executor(context: SlashCommandContext, read: IRead, modify: IModify, http: IHttp, persis: IPersistence): Promise<void> {
		// A form must open within seconds of the user's command (the client drops it after that): time from here.
		const receivedAt = Date.now();
		const target = targetOf(context);
		const lang = await userLang(target.user, { read, logger: this.logger });
		const deps = this.runtime.deps({ read, modify, http, persis });
		await this.answering(deps, target, async () => {
			// Every active list, in list order; the first answers when no list name narrows the question.
			const lists = await activeCatalogs(deps);
			const words = splitArgs(context.getArguments());
			// A post to the room is for everyone in it: in the workspace's language; a private answer in the asker's.
			const answerLang = postsToRoom(words, lists) ? await workspaceLang(deps) : lang;
			const services = new EngineCommandServices(deps, target.user, answerLang, {
				room: target.room,
				triggerId: context.getTriggerId(),
				receivedAt,
				catalog: lists[0].catalog,
			});
			const routed = await route(words, lists, answerLang, services, await messageMaxSize(deps));
			const { share, silent } = routed;
			const reply = withAppId(routed.reply, this.appId);
			// Bookkeeping after the answer, so it never delays a form.
			await rememberAdmin(deps, target.user, lang);
			if (silent) return;
			if (share) {
				const name = markupSafe(target.user.name || target.user.username || '');
				reply.blocks.push(contextBlock(t(answerLang, 'shared_by', { name })));
				await postReply(deps, target.room, reply, target.threadId);
			} else {
				await notifyReply(deps, target, reply);
			}
		});
	}

	public async previewer(context: SlashCommandContext, read: IRead): Promise<ISlashCommandPreview> {
		try {
			const lists = await activeCatalogs({ read, runtime: this.runtime });
			const items = previewMatches(splitArgs(context.getArguments()), lists).map(
				({ id, label }) => ({ id, type: 'text', value: label }) as ISlashCommandPreviewItem,
			);
			return { i18nTitle: 'subprocessors_preview_title', items };
		} catch (error) {
			this.logger.error('preview failed', error);
			return { i18nTitle: 'subprocessors_preview_title', items: [] };
		}
	}

	public async executePreviewItem(
		item: ISlashCommandPreviewItem,
		context: SlashCommandContext,
		read: IRead,
		modify: IModify,
	): Promise<void> {
		const target = targetOf(context);
		const lang = await userLang(target.user, { read, logger: this.logger });
		const deps = { read, modify, runtime: this.runtime };
		await this.answering(deps, target, async () => {
			const lists = await activeCatalogs(deps);
			// `listId:entryId` with several lists, the entry id with one; an entry gone since: its name asked instead.
			const byName = lists.length === 1 ? lists[0].catalog.findByName(item.value) : undefined;
			const found = previewEntry(lists, item.id) ?? (byName && { list: lists[0], entry: byName });
			const reply = withAppId(found ? previewAnswer(lists, found, lang) : (await route([item.value], lists, lang)).reply, this.appId);
			await notifyReply(deps, target, reply);
		});
	}

	/** Runs an answer; any failure is logged and the user is told, never left in silence. */
	private async answering(deps: ReplyDeps, target: ReplyTarget, work: () => Promise<void>): Promise<void> {
		try {
			await work();
		} catch (error) {
			this.logger.error('/subprocessors failed', error);
			try {
				await notifyReply(
					deps,
					target,
					notice(t(await userLang(target.user, { read: deps.read, logger: this.logger }), 'error_generic')),
				);
			} catch (notifyError) {
				this.logger.error('could not tell the user about the failure', notifyError);
			}
		}
	}
}

function targetOf(context: SlashCommandContext): ReplyTarget {
	return { user: context.getSender(), room: context.getRoom(), threadId: context.getThreadId() };
}
