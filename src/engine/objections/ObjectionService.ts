/**
 * Filing, routing and working objections. The objection is stored FIRST; then it is routed: the privacy
 * team's card, the e-mail, the objector's confirmation. Each route is a tracked delivery: one that fails is
 * retried by the delivery job until done, and a card post is checked for before it is posted again.
 */
import type { IEmail } from '@rocket.chat/apps-engine/definition/email';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import type { Catalog } from '../../domain/catalog';
import { isoDay } from '../../domain/changes';
import {
    MAX_PER_HOUR,
    MIN_GROUNDS,
    canTransition,
    contentKey,
    formatReference,
    validateObjectionForm,
    type FieldErrors,
    type Objection,
    type ObjectionDelivery,
    type ObjectionEvent,
} from '../../domain/objection';
import type { Reply } from '../../format/blocks';
import { cardMarker, objectionEmail, objectorConfirmation, statusNotice, teamCard } from '../../format/objections';
import { resolveLang, t, type Lang } from '../../i18n';
import { currentCatalog } from '../currentList';
import { serialQueue, type AppDeps } from '../deps';
import { workspaceLang } from '../language';
import { MailerSlots } from '../mailer';
import { appBotUser, findMarkedMessage, postReply, sendDirect } from '../reply';
import { fitText, messageMaxSize } from '../messageSize';
import { RoomRefusals } from '../roomRefusals';
import { Settings } from '../settings';
import { ChangeStore, ObjectionCounterStore, ObjectionFormStore, ObjectionStore } from '../storage/stores';
import { OBJECTION_VIEW_PREFIX, objectionModal } from '../ui/objectionModal';
import { requestDelivery } from '../delivery/deliverer';
import { alertHash, raiseAlert } from '../watch/alerts';

export type ObjectionDeps = AppDeps;

export type SubmitResult = { ok: true; objection: Objection; duplicate: boolean } | { ok: false; errors: FieldErrors };

const HOUR = 3600_000;
/** After this many failed attempts the card says to forward the e-mail by hand… */
const MAX_EMAIL_ATTEMPTS = 5;
/** …and a route that keeps failing is tried only on every this-many-th delivery run (about hourly), never dropped. */
const SLOW_RETRY_EVERY = 6;
/**
 * A trigger id is good for 5 s from the user's action (the client's ActionManager.TRIGGER_TIMEOUT), counted on the
 * client, before the request even reached the app: a form opened later than this after it arrived likely never showed.
 */
export const FORM_OPEN_BUDGET_MS = 4000;

export interface OpenFormOptions {
    subprocessorId?: string;
    /** The list already read for this request, if any. */
    catalog?: Catalog;
    /** When the user's action reached the app (Date.now()); defaults to now. */
    receivedAt?: number;
}

/** Filing and acting run one at a time in an app instance: the reference counter and dedupe rely on it. */
const serialized = serialQueue();

export class ObjectionService {
    private readonly settings: Settings;
    private readonly objections: ObjectionStore;
    private readonly forms: ObjectionFormStore;

    constructor(private readonly deps: ObjectionDeps) {
        const reader = deps.read.getPersistenceReader();
        this.settings = new Settings(deps.read);
        this.objections = new ObjectionStore(reader, deps.persis);
        this.forms = new ObjectionFormStore(reader, deps.persis);
    }

    get store(): ObjectionStore {
        return this.objections;
    }

    /**
     * Opens the objection form for the user, then remembers where it was opened (a submit doesn't say). The form
     * opens before anything that can wait: its trigger id runs out within seconds, and the client then drops the
     * form without telling anyone. False when opening took so long that the form most likely never showed.
     */
    async openForm(user: IUser, room: IRoom | undefined, triggerId: string, lang: Lang, options: OpenFormOptions = {}): Promise<boolean> {
        const receivedAt = options.receivedAt ?? Date.now();
        const catalog = options.catalog ?? (await currentCatalog(this.deps.read.getPersistenceReader()));
        const emailTo = await this.settings.objectionEmail(catalog.list.objections.email);
        const viewId = `${OBJECTION_VIEW_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
        const view = objectionModal(viewId, this.deps.appId, catalog, lang, emailTo, {
            name: user.name,
            email: user.emails?.find((e) => e.address)?.address,
            subprocessorId: options.subprocessorId,
        });
        await this.deps.modify.getUiController().openSurfaceView(view, { triggerId }, user);
        const inTime = Date.now() - receivedAt <= FORM_OPEN_BUDGET_MS;
        // Stored after opening: nobody can submit a form in the moment it takes (a submit without it is refused).
        await this.forms.put({ viewId, userId: user.id, roomId: room?.id, openedAt: new Date().toISOString() });
        return inTime;
    }

    /** Validates and stores the objection, then routes it. Field errors are message keys already translated. */
    submit(viewId: string, user: IUser, values: Record<string, unknown>, lang: Lang): Promise<SubmitResult> {
        return serialized(async () => {
            const catalog = await currentCatalog(this.deps.read.getPersistenceReader());
            const form = await this.forms.get(viewId);
            // Only the form this user opened: a made-up view id or another user's form files nothing.
            if (!form || form.userId !== user.id) {
                return { ok: false, errors: { grounds: t(lang, 'form_expired') } };
            }
            if (form.ref) {
                const existing = await this.objections.get(form.ref);
                if (existing) return { ok: true, objection: existing, duplicate: true };
            }
            const checked = validateObjectionForm(values, { services: catalog.list.services, subprocessorIds: catalog.entries.map((e) => e.id) });
            if (!checked.ok) {
                const errors: FieldErrors = {};
                for (const [field, key] of Object.entries(checked.errors)) errors[field as keyof FieldErrors] = t(lang, key as string, { min: MIN_GROUNDS });
                return { ok: false, errors };
            }
            const value = checked.value;
            const dedupeKey = contentKey(user.id, value.subprocessor, value.grounds);
            const [same] = await this.objections.byDedupeKey(dedupeKey);
            if (same) return { ok: true, objection: same, duplicate: true };

            const now = new Date();
            const recent = (await this.objections.byObjector(user.id)).filter((o) => now.getTime() - Date.parse(o.filedAt) < HOUR);
            if (recent.length >= MAX_PER_HOUR) {
                return { ok: false, errors: { grounds: t(lang, 'form_rate_limited', { max: MAX_PER_HOUR }) } };
            }

            const entry = catalog.get(value.subprocessor);
            const objection: Objection = {
                ref: await this.nextReference(now),
                dedupeKey,
                objector: { id: user.id, username: user.username, lang },
                name: value.name,
                company: value.company,
                service: value.service,
                subprocessor: { id: value.subprocessor, name: entry?.name ?? value.subprocessor },
                grounds: value.grounds,
                email: value.email,
                listVersion: catalog.version,
                filedAt: now.toISOString(),
                timing: await this.timing(value.subprocessor, now),
                status: 'open',
                history: [{ action: 'filed', by: { id: user.id, username: user.username }, at: now.toISOString() }],
                deliveries: {},
            };
            await this.objections.put(objection);
            await this.forms.put({ ...form, ref: objection.ref });
            await this.route(objection, catalog);
            return { ok: true, objection, duplicate: false };
        });
    }

    private async nextReference(now: Date): Promise<string> {
        const counter = new ObjectionCounterStore(this.deps.read.getPersistenceReader(), this.deps.persis);
        // Another instance may have used a number meanwhile: skip numbers already taken.
        for (;;) {
            const ref = formatReference(now.getUTCFullYear(), await counter.next(now.getUTCFullYear()));
            if (!(await this.objections.get(ref))) return ref;
        }
    }

    /** On time if filed before the deadline of the latest announced change that added or changed this entry. */
    private async timing(subprocessorId: string, now: Date): Promise<Objection['timing']> {
        const records = await new ChangeStore(this.deps.read.getPersistenceReader()).all();
        const change = records.find(
            (r) => r.kind === 'change' && (r.changes.added.some((e) => e.id === subprocessorId) || r.changes.changed.some((c) => c.after.id === subprocessorId)),
        );
        return change ? { onTime: isoDay(now) <= change.objectionDeadline, deadline: change.objectionDeadline, changeId: change.id } : undefined;
    }

    /** Every route not yet done: the team's card, the e-mail, the objector's confirmation, status messages. */
    async route(objection: Objection, catalog?: Catalog): Promise<void> {
        const list = (catalog ?? (await currentCatalog(this.deps.read.getPersistenceReader()))).list;
        const emailTo = await this.settings.objectionEmail(list.objections.email);
        const teamLang = await workspaceLang(this.deps.read);
        const emailBefore = objection.deliveries.email?.state;
        await this.attempt(objection, 'email', () => this.sendEmail(objection, emailTo, list.company, list.objections.subject));
        if (objection.deliveries.email?.state !== emailBefore && objection.deliveries.team?.state === 'done') {
            // The card shows the e-mail's state: update it in place.
            objection.deliveries.team = { ...objection.deliveries.team, state: 'pending', attempts: 0 };
        }
        await this.attempt(objection, 'team', () => this.postCard(objection, teamLang, emailTo));
        await this.attempt(objection, 'confirmation', () =>
            this.dm(objection, objectorConfirmation(objection, resolveLang(objection.objector.lang), list.company, emailTo)),
        );
        for (const [index, event] of objection.history.entries()) {
            if (event.action === 'filed') continue;
            await this.attempt(objection, `status:${index}`, () => this.dm(objection, statusNotice(objection, event, resolveLang(objection.objector.lang))));
        }
    }

    /** Runs one route unless done; records the outcome on the objection (stored after each route). */
    private async attempt(objection: Objection, route: string, send: () => Promise<Partial<ObjectionDelivery> | void>): Promise<void> {
        const current = objection.deliveries[route];
        if (current?.state === 'done') return;
        if (current && current.state !== 'pending' && current.attempts >= MAX_EMAIL_ATTEMPTS) {
            const waited = (current.waited ?? 0) + 1;
            if (waited < SLOW_RETRY_EVERY) {
                objection.deliveries[route] = { ...current, waited };
                await this.objections.put(objection);
                return;
            }
        }
        const attempts = (current?.attempts ?? 0) + 1;
        try {
            const result = (await send()) ?? {};
            objection.deliveries[route] = { state: 'done', at: new Date().toISOString(), attempts, ...result };
        } catch (error) {
            const message = (error as Error)?.message ?? String(error);
            this.deps.logger.error(`objection ${objection.ref}: ${route} failed`, message);
            const { permanent, code } = (error ?? {}) as { permanent?: boolean; code?: string };
            const giveUp = permanent === true || (route === 'email' && attempts >= MAX_EMAIL_ATTEMPTS);
            objection.deliveries[route] = {
                state: giveUp ? 'unavailable' : 'failed',
                at: new Date().toISOString(),
                attempts,
                error: message.slice(0, 300),
                ...(typeof code === 'string' ? { code } : {}),
            };
        }
        await this.objections.put(objection);
    }

    /**
     * Hands the e-mail to the server's mailer. That is all the app can know: the server sends it later and an SMTP
     * failure only reaches the server's log (apps/meteor/app/mailer/server/api.ts), so "done" means "handed over".
     */
    private async sendEmail(objection: Objection, to: string, company: string, subject: string): Promise<Partial<ObjectionDelivery> | void> {
        const smtp = await this.serverSetting('SMTP_Host');
        if (smtp === '' || smtp === null) {
            // Nothing to retry: without SMTP_Host the server only prints mail to its log. The card asks to forward it.
            throw Object.assign(new Error('no mail server (SMTP) is configured in this workspace'), { permanent: true, code: 'no-smtp' });
        }
        const workspace = String((await this.serverSetting('Site_Url')) ?? 'Rocket.Chat');
        const slots = new MailerSlots();
        const mail = objectionEmail(objection, company, workspace, subject, (text) => slots.slot(text));
        // `data` is not in IEmail: the server's app bridge passes the whole e-mail to Mailer.send, which uses it.
        const email: IEmail & { data: Record<string, string> } = { to, subject: mail.subject, text: mail.text, replyTo: objection.email, data: slots.data };
        try {
            await this.deps.modify.getCreator().getEmailCreator().send(email);
        } catch (error) {
            const message = (error as Error)?.message ?? String(error);
            // Mailer.send throws Meteor.Error('invalid email') for a `to` it can't parse: retrying won't help
            // until someone corrects the address; the card says so, and a retry picks up the corrected one.
            if (/invalid email/i.test(message)) {
                throw Object.assign(new Error(`the mailer refused the address: ${message}`), { permanent: true, code: 'address-refused' });
            }
            throw error;
        }
    }

    /** Posts the card in the privacy team's room, or updates it in place when it was posted before. */
    private async postCard(objection: Objection, lang: Lang, emailTo: string): Promise<Partial<ObjectionDelivery>> {
        const room = await this.settings.privacyTeamRoom();
        if (!room) throw new Error('no privacy team room: set "Privacy team room" in the app settings or create #privacy-team');
        const card = teamCard(objection, lang, this.deps.appId, emailTo);
        const posted = objection.deliveries.team?.messageId ?? (objection.deliveries.team ? await findMarkedMessage(this.deps.read, room, cardMarker(objection.ref)) : undefined);
        if (posted) {
            await this.updateMessage(posted, card);
            return { messageId: posted };
        }
        // Logged before posting, so a retry after a crash looks for the card instead of posting a second one.
        objection.deliveries.team = { state: 'pending', attempts: objection.deliveries.team?.attempts ?? 0 };
        await this.objections.put(objection);
        const refusals = new RoomRefusals(this.deps);
        let messageId: string;
        try {
            messageId = await postReply(this.deps.read, this.deps.modify, room, card);
        } catch (error) {
            // A read-only team room, say: the card waits for the delivery job; admins hear of it once.
            const alert = await refusals.refused('team', room, error);
            if (alert && (await raiseAlert(this.deps, alert, `room-refused:${alertHash(`${objection.ref}:${Date.now()}`)}`, room)) > 0) {
                await requestDelivery(this.deps.modify, this.deps.logger);
            }
            throw error;
        }
        await refusals.accepted('team');
        return { messageId };
    }

    private async updateMessage(messageId: string, reply: Reply): Promise<void> {
        const bot = await appBotUser(this.deps.read);
        if (!bot) throw new Error('the app has no bot user');
        const builder = await this.deps.modify.getUpdater().message(messageId, bot);
        builder.setEditor(bot).setText(fitText(reply.text, await messageMaxSize(this.deps.read))).setBlocks(reply.blocks);
        await this.deps.modify.getUpdater().finish(builder);
    }

    private async dm(objection: Objection, reply: Reply): Promise<void> {
        const user = await this.deps.read.getUserReader().getById(objection.objector.id);
        if (!user) throw new Error(`the objector ${objection.objector.username} no longer exists`);
        await sendDirect(this.deps.read, this.deps.modify, user, reply);
    }

    /** A privacy team member's action on an objection; returns the text to show them. */
    act(ref: string, action: 'acknowledged' | 'resolved' | 'rejected', user: IUser, lang: Lang, note?: string): Promise<{ ok: boolean; message: string }> {
        return serialized(async () => {
            if (!(await this.mayWork(user))) return { ok: false, message: t(lang, 'objection_not_allowed') };
            const objection = await this.objections.get(ref);
            if (!objection) return { ok: false, message: t(lang, 'objection_not_found', { ref }) };
            if (!canTransition(objection.status, action)) {
                return { ok: false, message: t(lang, 'objection_already_closed', { ref: objection.ref, status: t(lang, `objection_status_${objection.status}`) }) };
            }
            const event: ObjectionEvent = { action, by: { id: user.id, username: user.username }, at: new Date().toISOString(), ...(note ? { note } : {}) };
            objection.status = action;
            objection.history.push(event);
            // The team card must show the new state: mark it for an update in place.
            if (objection.deliveries.team?.state === 'done') objection.deliveries.team = { ...objection.deliveries.team, state: 'pending', attempts: 0 };
            await this.objections.put(objection);
            await this.route(objection);
            return { ok: true, message: t(lang, 'objection_done', { ref: objection.ref, status: t(lang, `objection_status_${action}`), objector: objection.objector.username }) };
        });
    }

    /** Members of the privacy team's room and admins work objections. */
    async mayWork(user: IUser): Promise<boolean> {
        if ((user.roles ?? []).includes('admin')) return true;
        const room = await this.settings.privacyTeamRoom();
        if (!room) return false;
        const members = await this.deps.read.getRoomReader().getMembers(room.id);
        return members.some((member) => member.id === user.id);
    }

    /** The delivery job: retries every route not done yet. */
    async retryPending(): Promise<number> {
        const pending = (await this.objections.all()).filter(
            (o) => Object.values(o.deliveries).some((d) => d.state !== 'done') || !o.deliveries.team || !o.deliveries.email || !o.deliveries.confirmation,
        );
        for (const { ref } of pending) {
            // Read again inside the queue: an action taken meanwhile must not be overwritten by a stale copy.
            await serialized(async () => {
                const fresh = await this.objections.get(ref);
                if (fresh) await this.route(fresh);
            }).catch((error) => this.deps.logger.error(`objection ${ref}: retry failed`, error));
        }
        return pending.length;
    }

    private async serverSetting(id: string): Promise<unknown> {
        try {
            return await this.deps.read.getEnvironmentReader().getServerSettings().getValueById(id);
        } catch {
            return undefined;
        }
    }

}
