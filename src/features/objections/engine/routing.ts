/**
 * Where an objection goes, as delivery records: the team card (a post, then edits), the e-mail, the objector's
 * confirmation and a DM per status change. Filing and the workflow only enqueue these; the delivery job sends them
 * through the `objection` handler below (docs/multi-instance.md 3.2, 3.4).
 */
import type { IModify } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { listOfObjection, mayBeSent, type Objection, type ObjectionEvent, type WorkAction } from '../model';
import type { Reply } from '../../../kernel/blocks';
import {
	isAddressRefused,
	objectionEmail,
	objectorConfirmation,
	statusNotice,
	teamCard,
	type ObjectionRoute,
	type ObjectionRoutes,
} from '../messages';
import { notice } from '../../list/answers';
import { resolveLang, t } from '../../../kernel/i18n';
import type { AppDeps } from '../../../platform/deps';
import { requestDelivery } from '../../../platform/delivery/deliverer';
import { DeliveryStore } from '../../../platform/delivery/DeliveryStore';
import { PermanentFailure, type DeliveryAction, type DeliveryHandler } from '../../../platform/delivery/handlers';
import { markerFor, newDelivery, type Delivery } from '../../../platform/delivery/model';
import { workspaceLang } from '../../../platform/language';
import { MailerSlots } from '../../../platform/mailer';
import { directRoom } from '../../../platform/reply';
import { RoomRefusals } from '../../../platform/roomRefusals';
import { serverSetting } from '../../../platform/server';
import { Settings } from '../../../platform/settings';
import { alertHash, raiseAlert } from '../../watch/engine/alerts';
import { ObjectionCardStore, Objections } from './stores';
import { objectionTarget } from './target';

export const OBJECTION_HANDLER = 'objection';

type Part = 'card' | 'edit' | 'email' | 'confirmation' | 'status' | 'duplicate';

interface RouteData extends Record<string, unknown> {
	ref: string;
	part: Part;
	/** edit: the content version (ms) it was asked for; status: which step; duplicate: the submitter's language. */
	version?: number;
	step?: StatusStep;
	lang?: string;
}

export const objectionSource = (ref: string): string => `obj:${ref}`;
const keyOf = (ref: string, part: string): string => `obj:${ref}:${part}`;

function objectionDelivery(ref: string, part: Part, key: string, now: Date, extra: Partial<RouteData> = {}, order?: number): Delivery {
	const data: RouteData = { ref, part, ...extra };
	return newDelivery(
		{ key, handler: OBJECTION_HANDLER, data, source: objectionSource(ref), ...(order !== undefined ? { order } : {}) },
		now,
	);
}

/** The e-mail to the vendor: one key per objection, so an approval clicked twice (on two instances) is one e-mail. */
export const emailDelivery = (ref: string, now: Date): Delivery => objectionDelivery(ref, 'email', keyOf(ref, 'email'), now, {}, 0);

/**
 * A filed objection's deliveries. The e-mail goes first in a run, so the card and the confirmation can say it went;
 * an objection awaiting the team's approval has no e-mail record until it is approved (workflow.ts).
 */
export function filingDeliveries(ref: string, now: Date, awaiting = false): Delivery[] {
	return [
		...(awaiting ? [] : [emailDelivery(ref, now)]),
		objectionDelivery(ref, 'card', keyOf(ref, 'card'), now, {}, 1),
		objectionDelivery(ref, 'confirmation', keyOf(ref, 'confirmation'), now, {}, 2),
	];
}

/**
 * An update of the card, for content as of `now`; its key carries the version, so each change is one edit, and
 * what caused it, so two changes in one millisecond (on two instances) are two edits, not one.
 */
export function cardEdit(ref: string, now: Date, cause: string): Delivery {
	return objectionDelivery(ref, 'edit', keyOf(ref, `card@${now.getTime()}:${cause}`), now, { version: now.getTime() });
}

/**
 * The workflow has two steps an objector hears of: acknowledged, and closed (resolved or rejected). The transition
 * rules let each happen once, so the DM is keyed by the step, not by the action: two racing closes enqueue the same
 * key (insert-if-absent), and the one DM says what the fold holds when it is sent — the winning close.
 */
export type StatusStep = 'approved' | 'acknowledged' | 'closed';

export const statusStep = (action: WorkAction): StatusStep => (action === 'acknowledged' || action === 'approved' ? action : 'closed');

export function statusDm(ref: string, step: StatusStep, now: Date): Delivery {
	return objectionDelivery(ref, 'status', keyOf(ref, `status:${step}`), now, { step });
}

/** "You already filed this objection", once per form submitted again (to the objector: dedupe is per user). */
export function duplicateNotice(ref: string, viewId: string, lang: string, now: Date): Delivery {
	return objectionDelivery(ref, 'duplicate', keyOf(ref, `duplicate:${viewId}`), now, { lang });
}

/** Stores the deliveries (insert-if-absent by key) and asks for a prompt run: handlers never send themselves. */
export async function enqueue(deps: AppDeps, deliveries: Delivery[]): Promise<void> {
	await new DeliveryStore(deps.read.getPersistenceReader(), deps.persis).enqueue(deliveries);
	await requestDelivery(deps.modify as IModify);
}

/** The routes' states as the card and the detail show them, from the objection's delivery records. */
export async function routeStates(deps: AppDeps, ref: string): Promise<ObjectionRoutes> {
	const all = await new DeliveryStore(deps.read.getPersistenceReader()).ofSource(objectionSource(ref));
	const find = (key: string) => all.find((d) => d.key === key);
	return { card: find(keyOf(ref, 'card')), email: find(keyOf(ref, 'email')), confirmation: find(keyOf(ref, 'confirmation')) };
}

/** The reply with `marker` as its first block's id (how the job finds a post again after a crash). */
function marked(reply: Reply, marker: string): Reply {
	const [first, ...rest] = reply.blocks;
	return first ? { ...reply, blocks: [{ ...first, blockId: marker }, ...rest] as Reply['blocks'] } : reply;
}

interface Context {
	objection: Objection;
	/** Where it goes: the vendor of the list it concerns, that list's address and subject (target.ts). */
	to: ObjectionRoute;
}

async function context(deps: AppDeps, ref: string): Promise<Context | undefined> {
	const objection = await new Objections(deps.read.getPersistenceReader()).get(ref);
	if (!objection) return undefined;
	const { route } = await objectionTarget(deps, listOfObjection(objection));
	return { objection, to: route };
}

async function renderCard(deps: AppDeps, { objection, to }: Context): Promise<Reply> {
	return teamCard(objection, await routeStates(deps, objection.ref), await workspaceLang(deps), deps.appId, to);
}

async function teamRoom(deps: AppDeps): Promise<IRoom> {
	const room = await new Settings(deps.read).privacyTeamRoom();
	// A failure, not a wait: retried with backoff, and given up only with an admin alert (never silently).
	if (!room) throw new Error('no privacy team room: set "Privacy team room" in the app settings or create #privacy-team');
	return room;
}

async function objectorRoom(deps: AppDeps, objection: Objection): Promise<IRoom | undefined> {
	const user = await deps.read.getUserReader().getById(objection.objector.id);
	return user ? directRoom(deps, user) : undefined;
}

/** The check Mailer.send makes on `to` (apps/meteor/app/mailer/server/api.ts with apps/meteor/lib/emailValidator.ts). */
const MAILER_ACCEPTS = /^[^@]+@[^@]+\.[a-zA-Z]{2,}$/;

/**
 * Hands the e-mail to the server's mailer (the job does the sending). That is all the app can know: the server
 * sends it later and an SMTP failure only reaches the server's log (apps/meteor/app/mailer/server/api.ts).
 */
async function email(deps: AppDeps, { objection, to }: Context): Promise<DeliveryAction> {
	const emailTo = to.email;
	const smtp = await serverSetting(deps, 'SMTP_Host');
	if (smtp === '' || smtp === null) {
		// Without SMTP_Host the server only prints mail to its log: nothing to retry. The card asks to forward it.
		throw new PermanentFailure('no mail server (SMTP) is configured in this workspace', 'no-smtp');
	}
	// No address known: the same wait, so an address set later (`lists objection`, the setting) sends it then.
	if (!emailTo) return { kind: 'wait', why: 'no objection address: the list states none and none is set' };
	if (!MAILER_ACCEPTS.test(emailTo)) {
		// Mailer.send would throw Meteor.Error('invalid email'). Not an attempt and not given up: each run looks
		// again, so an address corrected in the settings is used at once; the card shows the refusal meanwhile.
		return { kind: 'wait', why: `the mailer refused the address: [invalid email] ${emailTo}` };
	}
	const workspace = String((await serverSetting(deps, 'Site_Url')) ?? 'Rocket.Chat');
	const slots = new MailerSlots();
	const mail = objectionEmail(objection, to.company, workspace, to.subject, (text) => slots.slot(text));
	// `data` is not in IEmail: the server's app bridge passes the whole e-mail to Mailer.send, which uses it.
	return { kind: 'email', email: { to: emailTo, subject: mail.subject, text: mail.text, replyTo: objection.email, data: slots.data } };
}

const PREPARE: Record<Part, (delivery: Delivery, marker: string, deps: AppDeps, ctx: Context) => Promise<DeliveryAction>> = {
	card: async (_delivery, marker, deps, ctx) => ({
		kind: 'post',
		room: await teamRoom(deps),
		reply: marked(await renderCard(deps, ctx), marker),
	}),

	edit: async (delivery, _marker, deps, ctx) => {
		const ref = ctx.objection.ref;
		const card = await new DeliveryStore(deps.read.getPersistenceReader()).get(keyOf(ref, 'card'));
		if (card?.state === 'gave-up') return { kind: 'skip', why: 'the card was never posted' };
		if (card?.state !== 'done' || !card.messageId) return { kind: 'wait', why: 'the card is not posted yet' };
		// Edits render the content as it is now, so one asked for before the newest shown one has nothing to add:
		// that one was rendered after this one's cause was stored.
		const version = Number((delivery.data as RouteData).version ?? 0);
		if (version < (await new ObjectionCardStore(deps.read.getPersistenceReader()).shown(ref)))
			return { kind: 'skip', why: 'a newer card is shown' };
		// The card keeps the marker it was posted with (the old one for a card of the earlier version).
		return {
			kind: 'edit',
			messageId: card.messageId,
			reply: marked(await renderCard(deps, ctx), card.legacyMarker ?? markerFor(card.key)),
		};
	},

	email: async (_delivery, _marker, deps, ctx) => {
		// Enqueued by an approval that lost to a racing reject, or erased meanwhile: nothing goes to the vendor.
		if (!mayBeSent(ctx.objection)) return { kind: 'skip', why: 'the objection was not approved' };
		if (ctx.objection.erased) return { kind: 'skip', why: 'the objection’s personal data was erased' };
		return email(deps, ctx);
	},

	confirmation: async (_delivery, marker, deps, ctx) => {
		const { email: sent } = await routeStates(deps, ctx.objection.ref);
		// The confirmation says whether the e-mail went out: it follows the e-mail's first try (unless the e-mail
		// waits for the team's approval, or for an address nobody has given: then it says so at once).
		const tried =
			!mayBeSent(ctx.objection) ||
			!ctx.to.email ||
			(sent && (sent.state === 'done' || sent.state === 'failed' || sent.state === 'gave-up' || isAddressRefused(sent.lastError)));
		if (!tried) return { kind: 'wait', why: 'the e-mail has not been tried yet' };
		const room = await objectorRoom(deps, ctx.objection);
		if (!room) return { kind: 'skip', why: `the objector ${ctx.objection.objector.username} no longer exists` };
		const reply = objectorConfirmation(ctx.objection, sent, resolveLang(ctx.objection.objector.lang), ctx.to);
		return { kind: 'post', room, reply: marked(reply, marker) };
	},

	status: async (delivery, marker, deps, { objection, to }) => {
		const step = (delivery.data as RouteData).step;
		const event = objection.history.find(
			(e): e is ObjectionEvent & { action: WorkAction } => e.action !== 'filed' && statusStep(e.action) === step,
		);
		if (!event) return { kind: 'skip', why: 'another action on this objection took effect instead' };
		const room = await objectorRoom(deps, objection);
		if (!room) return { kind: 'skip', why: `the objector ${objection.objector.username} no longer exists` };
		const label = to.list ? { list: to.list, company: to.company } : undefined;
		return { kind: 'post', room, reply: marked(statusNotice(objection, event, resolveLang(objection.objector.lang), label), marker) };
	},

	duplicate: async (delivery, marker, deps, { objection }) => {
		const room = await objectorRoom(deps, objection);
		if (!room) return { kind: 'skip', why: `the objector ${objection.objector.username} no longer exists` };
		const lang = resolveLang(String((delivery.data as RouteData).lang ?? objection.objector.lang));
		return { kind: 'post', room, reply: marked(notice(t(lang, 'objection_duplicate', { ref: objection.ref })), marker) };
	},
};

/** The `objection` delivery handler: builds each route's message from the objection as it is when sent. */
export const objectionHandler: DeliveryHandler = {
	async prepare(delivery, marker, deps) {
		const data = delivery.data as RouteData;
		const ctx = await context(deps, data.ref);
		if (!ctx) return { kind: 'skip', why: `objection ${data.ref} is gone` };
		return PREPARE[data.part](delivery, marker, deps, ctx);
	},

	async settled(delivery, deps) {
		const data = delivery.data as RouteData;
		const cards = new ObjectionCardStore(deps.read.getPersistenceReader(), deps.persis);
		if (data.part === 'card' && delivery.state === 'done') {
			// A lower bound of what the post shows: it was rendered after the objection was filed.
			await cards.put({ ref: data.ref, shown: Date.parse(delivery.createdAt) });
			await new RoomRefusals(deps).accepted('team');
		} else if (data.part === 'edit' && delivery.state === 'done') {
			const version = Number(data.version ?? 0);
			if (version > (await cards.shown(data.ref))) await cards.put({ ref: data.ref, shown: version });
		} else if (data.part === 'email') {
			// The card shows the e-mail's outcome. A card not posted yet will show it when it is.
			const card = await new DeliveryStore(deps.read.getPersistenceReader()).get(keyOf(data.ref, 'card'));
			if (card && card.state !== 'pending' && card.state !== 'failed') await enqueue(deps, [cardEdit(data.ref, new Date(), 'email')]);
		}
	},

	/**
	 * A post the server refused. The team card waits while the room is read-only (admins, and the room's owners,
	 * hear of it once per room and reason); any other refusal, and any DM, counts as a failed attempt: retried with
	 * backoff, given up only with an admin alert.
	 */
	async refused(delivery, room, error, deps) {
		if ((delivery.data as RouteData).part !== 'card') return false;
		const alert = await new RoomRefusals(deps).refused('team', room, error);
		if (alert) await raiseAlert(deps, alert, `room-refused:team:${alertHash(`${room.id}:${Date.now()}`)}`, room);
		return (await deps.read.getRoomReader().getById(room.id))?.isReadOnly === true;
	},
};
