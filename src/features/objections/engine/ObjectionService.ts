/**
 * Objections, as the command, button and form handlers use them: filing (filing.ts), the team's workflow
 * (workflow.ts) and what is read back (stores.ts). Handlers only record; the delivery job routes (routing.ts).
 */
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { Objection, WorkAction } from '../model';
import type { ObjectionRoutes } from '../messages';
import type { Lang } from '../../../kernel/i18n';
import type { AppDeps } from '../../../platform/deps';
import { mayFile, openForm, submit, type OpenFormOptions, type SubmitResult } from './filing';
import { routeStates } from './routing';
import { Objections } from './stores';
import { mayWork, takeAction, type ActionOutcome } from './workflow';

export { FORM_OPEN_BUDGET_MS, type OpenFormOptions, type SubmitResult } from './filing';

const newestFirst = (objections: Objection[]) => objections.sort((a, b) => (a.filedAt < b.filedAt ? 1 : -1));

export class ObjectionService {
	/** Read through the service only, so the handlers never write around its workflow. */
	private readonly objections: Objections;

	constructor(readonly deps: AppDeps) {
		this.objections = new Objections(deps.read.getPersistenceReader(), deps.persis);
	}

	/** One objection by its reference (any case). */
	get(ref: string): Promise<Objection | undefined> {
		return this.objections.get(ref);
	}

	/** Every objection, newest first. */
	async all(): Promise<Objection[]> {
		return newestFirst(await this.objections.all());
	}

	/** The user's own objections, newest first. */
	async byObjector(userId: string): Promise<Objection[]> {
		return newestFirst(await this.objections.byObjector(userId));
	}

	openForm(user: IUser, room: IRoom | undefined, triggerId: string, lang: Lang, options: OpenFormOptions = {}): Promise<boolean> {
		return openForm(this.deps, user, room, triggerId, lang, options);
	}

	submit(viewId: string, user: IUser, values: Record<string, unknown>, lang: Lang): Promise<SubmitResult> {
		return submit(this.deps, viewId, user, values, lang);
	}

	takeAction(ref: string, action: WorkAction, user: IUser, lang: Lang, note?: string): Promise<ActionOutcome> {
		return takeAction(this.deps, ref, action, user, lang, note);
	}

	/** Whether the user may file objections (the role setting); a refusal is audited. */
	mayFile(user: IUser): Promise<boolean> {
		return mayFile(this.deps, user);
	}

	mayWork(user: IUser): Promise<boolean> {
		return mayWork(this.deps, user);
	}

	/** The card's, e-mail's and confirmation's delivery states. */
	routes(ref: string): Promise<ObjectionRoutes> {
		return routeStates(this.deps, ref);
	}
}
