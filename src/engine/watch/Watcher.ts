/**
 * The watcher: fetch → validate → compare → store → announce. Every step is safe to repeat:
 * - a change record has a deterministic id (old fingerprint → new fingerprint) and is written before the
 *   list it leads to, so a run that dies half-way redoes the same record, never a second one;
 * - each delivery (the channel post, each subscriber's DM) is logged as "attempted" before the post and
 *   "done" after it; a retry that finds "attempted" first looks for the marked message in the room, so a
 *   post that happened is never repeated and one that didn't is never lost;
 * - runs inside one app instance are serialized (the job, `sync` and later the push endpoint share it);
 *   across a cluster the scheduler runs a recurring job once, and the marker check covers the rest.
 */
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { looksLikeMassRemoval, newChangeRecord, isoDay, type ChangeRecord } from '../../domain/changes';
import { countChanges, diffLists, fingerprint } from '../../domain/diff';
import type { SubprocessorList } from '../../domain/model';
import { formatProblem, parseList } from '../../domain/schema';
import { inert } from '../../domain/text';
import type { Reply } from '../../format/blocks';
import { alertMessage, announcement, announcementMarker, watchingNote, type Alert } from '../../format/announcement';
import { resolveLang, t, type Lang } from '../../i18n';
import { bundledList, recheckCatalog, rememberCatalog } from '../currentList';
import { serialQueue, type AppDeps } from '../deps';
import { workspaceLang } from '../language';
import { directRoom, findMarkedMessage, postReply, sendDirect } from '../reply';
import { PostRefused, RoomRefusals } from '../roomRefusals';
import { DEFAULT_ANNOUNCEMENTS_ROOM, Settings } from '../settings';
import {
    AdminContactStore,
    ChangeStore,
    CheckStatusStore,
    HeldListStore,
    ListStateStore,
    SubscriberStore,
    type CheckStatus,
    type ListPointer,
    type ListState,
} from '../storage/stores';
import { BUNDLED_SOURCE, fetchList, PUSHED_SOURCE, sourceName, type Fetched } from './listSource';
import { readSource } from '../../domain/page/source';
import type { ParseResult } from '../../domain/schema';

export type WatcherDeps = AppDeps;

export type CheckOutcome =
    | { result: 'baseline'; state: ListPointer }
    | { result: 'unchanged'; state: ListPointer }
    | { result: 'changed'; state: ListPointer; record: ChangeRecord; room?: IRoom }
    | { result: 'held'; removed: number; total: number; olderThan?: { version: string; current: string } }
    | { result: 'error'; problem: string[]; state?: ListPointer };

/** After this many failed DMs a subscriber is skipped for that announcement (the channel post still stands). */
const MAX_DM_FAILURES = 5;

/** One check at a time in this app instance: the job, `sync` and later the push endpoint share it. */
const serialized = serialQueue();

export class Watcher {
    private readonly settings: Settings;
    private readonly lists: ListStateStore;
    private readonly status: CheckStatusStore;
    private readonly held: HeldListStore;
    private readonly changes: ChangeStore;
    private readonly subscribers: SubscriberStore;
    private readonly admins: AdminContactStore;
    private readonly refusals: RoomRefusals;

    constructor(private readonly deps: WatcherDeps) {
        const reader = deps.read.getPersistenceReader();
        this.settings = new Settings(deps.read);
        this.lists = new ListStateStore(reader, deps.persis);
        this.status = new CheckStatusStore(reader, deps.persis);
        this.held = new HeldListStore(reader, deps.persis);
        this.changes = new ChangeStore(reader, deps.persis);
        this.subscribers = new SubscriberStore(reader, deps.persis);
        this.admins = new AdminContactStore(reader, deps.persis);
        this.refusals = new RoomRefusals(deps);
    }

    /**
     * One check of the source. `confirmHeld`: an admin accepts the list that was held back. `pushed`: a list
     * the company's CI posted to the update endpoint, taken instead of fetching (same validation and path).
     */
    check(options: { confirmHeld?: boolean; pushed?: string } = {}): Promise<CheckOutcome> {
        return serialized(async () => {
            try {
                const outcome = await this.checkOnce(options);
                await this.deliverPending();
                return outcome;
            } finally {
                // Whatever happened (a write may have failed half-way), commands read the stored list again.
                recheckCatalog();
            }
        });
    }

    private async checkOnce({ confirmHeld = false, pushed }: { confirmHeld?: boolean; pushed?: string }): Promise<CheckOutcome> {
        const now = new Date();
        const url = await this.settings.sourceUrl();
        const source = pushed !== undefined ? PUSHED_SOURCE : sourceName(url);
        // The small pointer is enough unless the list changed: the body (the whole list) is read only then.
        const state = await this.lists.pointer();
        const sameSource = state?.source === source;

        if (pushed === undefined && !url && state?.source === PUSHED_SOURCE) {
            // The last list was pushed: the bundled list counts again only when a new app version changed it.
            const bundled = bundledList();
            const status = await this.status.get();
            if (status.lastBundledFingerprint === undefined || status.lastBundledFingerprint === bundled.fingerprint) {
                await this.status.update({ lastBundledFingerprint: bundled.fingerprint });
                await this.ok(now, 'unchanged', source);
                return { result: 'unchanged', state };
            }
        }
        const fetched: Fetched = pushed !== undefined ? { kind: 'fetched', text: pushed } : await fetchList(this.deps.http, url, sameSource ? state : undefined);
        if (fetched.kind === 'failed') {
            return this.problem(fetched.problem, source, state, now, fetched.transient);
        }
        if (fetched.kind === 'unchanged' && state) {
            await this.ok(now, 'unchanged', source);
            return { result: 'unchanged', state };
        }
        const text = fetched.kind === 'fetched' ? fetched.text : '';
        const parsed = pushed !== undefined ? parseList(text, source) : await this.readFetched(text, source, url, fetched, state, now);
        if (!parsed.ok) {
            return this.problem(parsed.problems.map(formatProblem), source, state, now);
        }
        const list = parsed.list;
        const listFingerprint = fingerprint(list);
        const meta = {
            source,
            etag: fetched.kind === 'fetched' ? fetched.etag : undefined,
            lastModified: fetched.kind === 'fetched' ? fetched.lastModified : undefined,
        };

        if (!state) {
            const record = newChangeRecord(undefined, { list, fingerprint: listFingerprint }, now, await this.settings.objectionWindowDays());
            await this.recordOnce(record);
            const accepted = await this.accept(list, listFingerprint, { ...meta, changeId: record.id }, now);
            await this.ok(now, 'baseline', source);
            return { result: 'baseline', state: accepted };
        }
        if (listFingerprint === state.fingerprint) {
            if (meta.etag !== state.etag || meta.lastModified !== state.lastModified || source !== state.source) {
                await this.lists.updatePointer(meta);
            }
            await this.ok(now, 'unchanged', source);
            return { result: 'unchanged', state };
        }

        const previous = await this.lists.body(state.fingerprint);
        if (!previous) {
            // The stored body is gone (should not happen): take the new list as a fresh baseline.
            const accepted = await this.accept(list, listFingerprint, meta, now);
            await this.ok(now, 'baseline', source);
            return { result: 'baseline', state: accepted };
        }
        if (list.updated < previous.updated) {
            // An older list than the current one (ISO dates compare as text): a rollback, a stale mirror or a
            // replayed push. Announcing it would report its missing entries as removals, so an admin decides.
            const held = await this.held.get();
            if (!(confirmHeld && held?.fingerprint === listFingerprint)) {
                return this.hold(list, listFingerprint, source, 0, state, now, pushed, previous.updated);
            }
        }
        const before = { ...state, list: previous };
        const changes = diffLists(previous, list);
        if (countChanges(changes) === 0) {
            // Only the file's metadata changed (its date, say): keep the new version without announcing.
            const accepted = await this.accept(list, listFingerprint, { ...meta, changeId: state.changeId }, now);
            await this.ok(now, 'unchanged', source);
            return { result: 'unchanged', state: accepted };
        }
        if (looksLikeMassRemoval(previous, changes)) {
            const held = await this.held.get();
            if (!(confirmHeld && held?.fingerprint === listFingerprint)) {
                return this.hold(list, listFingerprint, source, changes.removed.length, state, now, pushed);
            }
        }
        const record = newChangeRecord(before, { list, fingerprint: listFingerprint }, now, await this.settings.objectionWindowDays());
        await this.recordOnce(record);
        const accepted = await this.accept(list, listFingerprint, { ...meta, changeId: record.id }, now);
        await this.held.clear();
        await this.ok(now, 'changed', source);
        return { result: 'changed', state: accepted, record, room: await this.settings.announcementsRoom() };
    }

    /**
     * Counts a run of the delivery job since the last check (the watchdog's clock). In the same queue as
     * the checks: the status record is read-modify-written, and a write from outside the queue could
     * undo a check's (losing its pending announcements).
     */
    countDeliveryRun(): Promise<number> {
        return serialized(async () => {
            const runs = ((await this.status.get()).deliveryRunsSinceCheck ?? 0) + 1;
            await this.status.update({ deliveryRunsSinceCheck: runs });
            return runs;
        });
    }

    /** Confirms the held list: accepted only if the source still serves it. */
    async confirmHeld(): Promise<CheckOutcome | undefined> {
        const held = await this.held.get();
        if (!held) return undefined;
        // A pushed list is confirmed as pushed; a fetched one only if the source still serves it.
        return this.check({ confirmHeld: true, pushed: held.source === PUSHED_SOURCE ? held.text : undefined });
    }

    /** Stores the change record once. Its id joins the pending list first, so no record waits unnoticed. */
    private async recordOnce(record: ChangeRecord): Promise<void> {
        const status = await this.status.get();
        if (!(status.pendingChanges ?? []).includes(record.id)) {
            await this.status.update({ pendingChanges: [...(status.pendingChanges ?? []), record.id] });
        }
        if (!(await this.changes.get(record.id))) {
            await this.changes.put(record);
        }
    }

    private async accept(
        list: SubprocessorList,
        listFingerprint: string,
        meta: { source: string; etag?: string; lastModified?: string; changeId?: string },
        now: Date,
    ): Promise<ListState> {
        const state: ListState = {
            list,
            fingerprint: listFingerprint,
            version: list.updated,
            count: list.subprocessors.length,
            ...meta,
            acceptedAt: now.toISOString(),
        };
        await this.lists.accept(state);
        rememberCatalog(list, listFingerprint);
        return state;
    }

    private async ok(now: Date, result: CheckStatus['lastResult'], source: string, extra: Partial<CheckStatus> = {}): Promise<void> {
        const before = await this.status.get();
        const bundled = source === BUNDLED_SOURCE ? { lastBundledFingerprint: bundledList().fingerprint } : {};
        await this.status.update({ lastCheckAt: now.toISOString(), lastResult: result, problem: undefined, alertedProblem: undefined, deliveryRunsSinceCheck: 0, ...bundled, ...extra });
        if (before.lastResult === 'error' && before.alertedProblem) {
            await this.alertAdmins({ kind: 'recovered', source });
        }
    }

    /**
     * A failed check. Admins hear of each distinct problem once — a transient one (network, server error)
     * only when the next check fails too, so a source that flaps now and then causes no alert storm.
     */
    private async problem(problem: string[], source: string, state: ListPointer | undefined, now: Date, transient = false): Promise<CheckOutcome> {
        const key = `problem:${problem.join('\n')}`;
        const before = await this.status.get();
        const tell = before.alertedProblem !== key && (!transient || before.lastResult === 'error');
        await this.status.update({
            lastCheckAt: now.toISOString(),
            lastResult: 'error',
            problem,
            deliveryRunsSinceCheck: 0,
            ...(tell ? { alertedProblem: key } : {}),
        });
        if (tell) {
            await this.alertAdmins({ kind: 'problem', source, problem, version: state?.version ?? '' });
        }
        return { result: 'error', problem, state };
    }

    private async hold(list: SubprocessorList, listFingerprint: string, source: string, removed: number, state: ListPointer, now: Date, pushedText?: string, olderThan?: string): Promise<CheckOutcome> {
        const key = `held:${listFingerprint}`;
        const before = await this.status.get();
        await this.held.put({ list, fingerprint: listFingerprint, source, removed, heldAt: now.toISOString(), ...(pushedText !== undefined ? { text: pushedText } : {}), ...(olderThan ? { olderThan } : {}) });
        await this.status.update({ lastCheckAt: now.toISOString(), lastResult: 'held', problem: undefined, alertedProblem: key, deliveryRunsSinceCheck: 0 });
        if (before.alertedProblem !== key) {
            await this.alertAdmins(olderThan ? { kind: 'held-older', source, version: list.updated, current: olderThan } : { kind: 'held', source, removed, total: state.count });
        }
        return { result: 'held', removed, total: state.count, ...(olderThan ? { olderThan: { version: list.updated, current: olderThan } } : {}) };
    }

    /**
     * Posts every announcement not yet delivered, oldest first. No target holds up another: a channel that
     * refuses the post (read-only, say) or is not set leaves the announcement pending there, and the
     * subscribers' DMs still go out; an announcement is forgotten only once it reached every target.
     */
    private async deliverPending(): Promise<void> {
        // Only the records still to deliver are read (the history grows; a check must not read all of it).
        const ids = (await this.status.get()).pendingChanges ?? [];
        if (ids.length === 0) return;
        const records = await Promise.all(ids.map((id) => this.changes.get(id)));
        const pending = records.filter((record): record is ChangeRecord => !!record && !isDelivered(record));
        const stale = ids.filter((id, i) => !records[i] || isDelivered(records[i] as ChangeRecord));
        if (stale.length > 0) await this.forgetPending(stale);
        if (pending.length === 0) return;
        const room = await this.settings.announcementsRoom();
        if (!room) {
            const status = await this.status.get();
            if (!status.noRoomAlerted) {
                await this.alertAdmins({ kind: 'no-room', room: DEFAULT_ANNOUNCEMENTS_ROOM });
                await this.status.update({ noRoomAlerted: true });
            }
        } else {
            await this.status.update({ noRoomAlerted: false });
        }
        const lang = await workspaceLang(this.deps.read);
        const list = (await this.lists.get())?.list;
        // Once the channel refuses a post, later announcements wait behind it there, so they keep their order.
        let channelOpen = !!room;
        for (const record of pending) {
            if (room && channelOpen) channelOpen = await this.deliverToChannel(record, room, lang, list);
            if (record.kind === 'change') {
                if (!record.subscribersToTell) {
                    record.subscribersToTell = (await this.subscribers.all()).map((s) => s.userId);
                    await this.changes.put(record);
                }
                for (const userId of record.subscribersToTell) {
                    // One subscriber who can't be reached must not hold up the others or later announcements.
                    await this.deliverToSubscriber(record, userId, list).catch((error) => this.subscriberFailed(record, userId, error));
                }
            }
            if (isDelivered(record)) await this.forgetPending([record.id]);
        }
    }

    /** The channel post; false when the channel refused it (admins are told once; it is tried on every check). */
    private async deliverToChannel(record: ChangeRecord, room: IRoom, lang: Lang, list: SubprocessorList | undefined): Promise<boolean> {
        try {
            await this.deliver(record, 'channel', room, (marker) => this.render(record, lang, marker, list));
        } catch (error) {
            if (!(error instanceof PostRefused)) throw error;
            this.deps.logger.error(`announcement ${record.id}: #${room.slugifiedName} refused the post`, error.message);
            const alert = await this.refusals.refused('announcements', room, error);
            if (alert) await this.alertAdmins(alert, room);
            return false;
        }
        await this.refusals.accepted('announcements');
        return true;
    }

    /** A failed DM is retried on later checks; after a few failures that subscriber is given up for this change. */
    private async subscriberFailed(record: ChangeRecord, userId: string, error: unknown): Promise<void> {
        const target = `dm:${userId}`;
        const failures = (record.deliveries[target]?.failures ?? 0) + 1;
        this.deps.logger.error(`announcement ${record.id}: DM to ${userId} failed (${failures})`, error);
        record.deliveries[target] = { ...record.deliveries[target], state: failures >= MAX_DM_FAILURES ? 'done' : 'attempted', at: new Date().toISOString(), failures };
        await this.changes.put(record);
    }

    private async forgetPending(ids: string[]): Promise<void> {
        const status = await this.status.get();
        await this.status.update({ pendingChanges: (status.pendingChanges ?? []).filter((id) => !ids.includes(id)) });
    }

    private render(record: ChangeRecord, lang: Lang, marker: string, list: SubprocessorList | undefined, intro?: string): Reply {
        if (record.kind === 'baseline') return watchingNote(record, record.entryCount, lang, marker);
        const objections = list?.objections ?? { email: '', subject: '', requirements: [] };
        return announcement(record, lang, { appId: this.deps.appId, objections, marker, today: isoDay(new Date()), intro });
    }

    private async deliverToSubscriber(record: ChangeRecord, userId: string, list: SubprocessorList | undefined): Promise<void> {
        const target = `dm:${userId}`;
        if (record.deliveries[target]?.state === 'done') return;
        const subscriber = await this.subscribers.get(userId);
        const user = subscriber && (await this.deps.read.getUserReader().getById(userId));
        if (!subscriber || !user) {
            // Unsubscribed or gone since: nothing to deliver.
            record.deliveries[target] = { state: 'done', at: new Date().toISOString() };
            await this.changes.put(record);
            return;
        }
        const room = await directRoom(this.deps.read, this.deps.modify, user);
        const intro = t(subscriber.lang, 'announce_dm_intro', { company: inert(record.company) });
        await this.deliver(record, target, room, (marker) => this.render(record, subscriber.lang, marker, list, intro));
    }

    /** Posts once: logged as attempted before, done after; a retry after "attempted" looks for the post first. */
    private async deliver(record: ChangeRecord, target: string, room: IRoom, build: (marker: string) => Reply): Promise<void> {
        const done = record.deliveries[target];
        if (done?.state === 'done') return;
        const marker = announcementMarker(record.id, target);
        if (done?.state === 'attempted') {
            const messageId = await findMarkedMessage(this.deps.read, room, marker);
            if (messageId) {
                record.deliveries[target] = { state: 'done', at: new Date().toISOString(), messageId };
                await this.changes.put(record);
                return;
            }
        }
        record.deliveries[target] = { ...record.deliveries[target], state: 'attempted', at: new Date().toISOString() };
        await this.changes.put(record);
        let messageId: string;
        try {
            messageId = await postReply(this.deps.read, this.deps.modify, room, build(marker));
        } catch (error) {
            throw new PostRefused(error);
        }
        record.deliveries[target] = { state: 'done', at: new Date().toISOString(), messageId };
        await this.changes.put(record);
    }

    /**
     * The source may be a vendor's markdown or HTML page. A page's rows keep their ids from the last
     * list (same names on two rows), and the objection address falls back to the setting.
     */
    private async readFetched(text: string, source: string, url: string | undefined, fetched: Fetched, state: ListPointer | undefined, now: Date): Promise<ParseResult> {
        const meta = fetched.kind === 'fetched' ? fetched : undefined;
        const objectionEmail = (await this.settings.objectionEmail('')) || undefined;
        const read = (previous?: SubprocessorList) =>
            readSource(text, { file: source, url, contentType: meta?.contentType, lastModified: meta?.lastModified, now, previous, objectionEmail });
        const first = read();
        if (!first.ok || !first.list.page || !state || state.source !== source || fingerprint(first.list) === state.fingerprint) return first;
        // Ids of a name on two rows and an undated page's version depend on the last list: read again with it
        // (only when the page seems changed, so an unchanged page costs no read of the stored list).
        return read(await this.lists.body(state.fingerprint));
    }

    /**
     * Tells the admins the app knows and the announcements channel's owners (members whose subscription has
     * the `owner` role), each in their language; `alsoOwnersOf`: that room's owners too (a room refusing posts).
     */
    async alertAdmins(alert: Alert, alsoOwnersOf?: IRoom): Promise<void> {
        const recipients = await this.chosenRecipients();
        if (recipients.size === 0) await this.defaultRecipients(recipients, alsoOwnersOf);
        if (recipients.size === 0) {
            this.deps.logger.warn('no admin to tell about the list source', alert);
        }
        for (const { user, lang } of recipients.values()) {
            try {
                await sendDirect(this.deps.read, this.deps.modify, user, alertMessage(alert, lang));
            } catch (error) {
                // An alert that can't be sent must not stop the check; it is in the status and the log.
                this.deps.logger.error(`could not alert ${user.username}`, error);
            }
        }
    }

    /** The users the admin alert recipients setting names (unknown names are logged and skipped). */
    private async chosenRecipients(): Promise<Map<string, { user: IUser; lang: Lang }>> {
        const recipients = new Map<string, { user: IUser; lang: Lang }>();
        for (const username of await this.settings.alertRecipients()) {
            const user = await this.deps.read.getUserReader().getByUsername(username);
            if (user) recipients.set(user.id, { user, lang: resolveLang(user.settings?.preferences?.language) });
            else this.deps.logger.warn(`admin alert recipients: no user @${username}`);
        }
        return recipients;
    }

    /** Without the setting: the admins the app knows (installer, admins who used it) and the rooms' owners. */
    private async defaultRecipients(recipients: Map<string, { user: IUser; lang: Lang }>, alsoOwnersOf?: IRoom): Promise<void> {
        for (const contact of await this.admins.all()) {
            const user = await this.deps.read.getUserReader().getById(contact.userId);
            if (user) recipients.set(user.id, { user, lang: resolveLang(user.settings?.preferences?.language ?? contact.lang) });
        }
        const room = await this.settings.announcementsRoom();
        const rooms = [room, alsoOwnersOf].filter((r, i, all): r is IRoom => !!r && all.findIndex((o) => o?.id === r.id) === i);
        for (const { id } of rooms) {
            for (const owner of await this.deps.read.getRoomReader().getOwners(id)) {
                if (!recipients.has(owner.id)) recipients.set(owner.id, { user: owner, lang: resolveLang(owner.settings?.preferences?.language) });
            }
        }
    }

}

function isDelivered(record: ChangeRecord): boolean {
    if (record.deliveries.channel?.state !== 'done') return false;
    if (record.kind === 'baseline') return true;
    return !!record.subscribersToTell && record.subscribersToTell.every((id) => record.deliveries[`dm:${id}`]?.state === 'done');
}
