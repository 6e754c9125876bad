/**
 * Listing sync: fetch → validate → decide → store. A check (the scheduled job, `sync`, `sync confirm`, a push)
 * records what it decided — the new list, the change record with its deterministic id, the deliveries that
 * announce it, admin alerts — then asks for a delivery run and returns; it never posts (the delivery job does).
 * Every step is safe to repeat: the change record id is the same for the same transition and delivery keys
 * derive from it, so a run that dies half-way, or two checks deciding the same change on two instances, record
 * one change and one announcement (docs/multi-instance.md).
 */
import { nodeCrypto } from '../../../kernel/nodeCrypto';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { changeRecordId, looksLikeMassRemoval, newChangeRecord, type ChangeRecord } from '../changes';
import { countChanges, diffLists, fingerprint, isFingerprintOf, isLegacyFingerprint, legacyFingerprint, type ListChanges } from '../diff';
import type { SubprocessorList } from '../../list/model';
import { readSource } from '../../list/page/source';
import { formatProblem, parseList, type ParseResult } from '../../list/schema';
import type { Alert } from '../announcement';
import { bundledList, recheckCatalog, rememberCatalog } from '../../list/engine/currentList';
import { listScope, MAIN_LIST_ID, type WatchedList } from '../../lists/model';
import type { AppDeps } from '../../../platform/deps';
import { requestDelivery } from '../../../platform/delivery/deliverer';
import { Settings } from '../../../platform/settings';
import {
	ChangeStore,
	CheckStatusStore,
	HeldListStore,
	ListStateStore,
	type CheckStatus,
	type ListPointer,
	type ListState,
} from '../../../platform/storage/stores';
import { alertHash, raiseAlert } from './alerts';
import { listAnnouncementsRoom, recordAnnouncement } from './announcing';
import { BUNDLED_SOURCE, fetchList, PUSHED_SOURCE, sourceName, type Fetched } from './listSource';

export type CheckOutcome =
	| { result: 'baseline'; state: ListPointer }
	| { result: 'unchanged'; state: ListPointer }
	| { result: 'changed'; state: ListPointer; record: ChangeRecord; room?: IRoom }
	| { result: 'held'; removed: number; total: number; olderThan?: { version: string; current: string } }
	| { result: 'error'; problem: string[]; state?: ListPointer };

export interface CheckOptions {
	/** An admin accepts the list that was held back. */
	confirmHeld?: boolean;
	/** A list the company's CI posted to the update endpoint, taken instead of fetching (same validation and path). */
	pushed?: string;
	/**
	 * `lists add`: a first fetch of a list that is not stored yet. A failure is only answered — no check status, no
	 * admin alert — so a bad URL leaves nothing behind.
	 */
	trial?: boolean;
}

/** The first list as a check sees it before any record of it is read: only its id matters (its source is the setting). */
const FIRST_LIST: WatchedList = { id: MAIN_LIST_ID, name: MAIN_LIST_ID, createdAt: '1970-01-01T00:00:00.000Z' };

/** What a check found before deciding: the list read and where it came from. */
interface Found {
	list: SubprocessorList;
	fingerprint: string;
	meta: { source: string; etag?: string; lastModified?: string; textKey?: string };
	state?: ListPointer;
	now: Date;
}

export class ListingSync {
	private readonly settings: Settings;
	private readonly lists: ListStateStore;
	private readonly status: CheckStatusStore;
	private readonly held: HeldListStore;
	private readonly changes: ChangeStore;
	/** Whether this check recorded anything to deliver (an announcement, an alert). */
	private recorded = false;
	private readonly listId: string;
	private readonly first: boolean;

	/**
	 * `list`: the watched list to check (docs/lists.md); the first list by default. The first list's source is the
	 * `list_source_url` setting (empty: the bundled list), another list's is its URL.
	 */
	constructor(
		private readonly deps: AppDeps,
		private readonly list: WatchedList = FIRST_LIST,
	) {
		const reader = deps.read.getPersistenceReader();
		this.listId = list.id;
		this.first = list.id === MAIN_LIST_ID;
		this.settings = new Settings(deps.read);
		this.lists = new ListStateStore(deps.runtime, reader, deps.persis, deps.logger, list.id);
		this.status = new CheckStatusStore(reader, deps.persis, listScope(list.id));
		this.held = new HeldListStore(reader, deps.persis, listScope(list.id));
		this.changes = new ChangeStore(reader, deps.persis);
	}

	/** This list's source URL: the setting for the first list (undefined: bundled), the record's for the others. */
	private async sourceUrl(): Promise<string | undefined> {
		return this.first ? this.settings.sourceUrl() : this.list.url;
	}

	/** One check of the source; what it recorded is delivered by the delivery job, asked to run now. */
	check(options: CheckOptions = {}): Promise<CheckOutcome> {
		// One check at a time in this app process (the job, `sync`, the push endpoint). Across instances, ids make repeats harmless.
		return this.deps.runtime.checks(async () => {
			try {
				return await this.checkOnce(options);
			} finally {
				// Whatever happened (a write may have failed half-way), commands read the stored list again.
				recheckCatalog(this.deps.runtime, this.listId);
				// A trial (`lists add`) asks for deliveries once the list record is stored: its baseline note names it.
				if (this.recorded && !options.trial) await requestDelivery(this.deps.modify, this.deps.logger);
			}
		});
	}

	/** Confirms the held list: a pushed one as pushed, a fetched one only if the source still serves it. */
	async confirmHeld(): Promise<CheckOutcome | undefined> {
		const held = await this.held.get();
		if (!held) return undefined;
		return this.check({ confirmHeld: true, pushed: held.source === PUSHED_SOURCE ? held.text : undefined });
	}

	private async checkOnce({ confirmHeld = false, pushed, trial = false }: CheckOptions): Promise<CheckOutcome> {
		const now = new Date();
		const url = await this.sourceUrl();
		const source = pushed !== undefined ? PUSHED_SOURCE : sourceName(url);
		// The small pointer is enough unless the list changed: the body (the whole list) is read only then.
		const state = await this.lists.pointer();
		if (state?.announced === false) await this.announce(state.changeId, now);
		if (pushed === undefined && !url && state?.source === PUSHED_SOURCE && (await this.keepPushed())) {
			await this.ok(now, 'unchanged', source);
			return { result: 'unchanged', state };
		}
		const fetched: Fetched =
			pushed !== undefined
				? { kind: 'fetched', text: pushed }
				: await fetchList(this.deps.http, url, state?.source === source ? state : undefined);
		if (fetched.kind === 'failed')
			return trial
				? { result: 'error', problem: fetched.problem }
				: this.problem(fetched.problem, source, state, now, fetched.transient);
		if (fetched.kind === 'unchanged' && state) {
			await this.ok(now, 'unchanged', source);
			return { result: 'unchanged', state };
		}
		const text = fetched.kind === 'fetched' ? fetched.text : '';
		// The very text the last good list was read from (and the same fallback address): unchanged, without parsing —
		// a check round over many lists whose servers send no ETag costs a hash per list, not a parse.
		const textKey = pushed === undefined ? await this.textKey(text) : undefined;
		if (textKey !== undefined && state?.textKey === textKey && state.source === source) {
			await this.ok(now, 'unchanged', source);
			return { result: 'unchanged', state };
		}
		const parsed = pushed !== undefined ? parseList(text, source) : await this.readFetched(text, source, url, fetched, state, now);
		if (!parsed.ok) {
			const problem = parsed.problems.map(formatProblem);
			return trial ? { result: 'error', problem } : this.problem(problem, source, state, now);
		}
		const meta = {
			source,
			etag: fetched.kind === 'fetched' ? fetched.etag : undefined,
			lastModified: fetched.kind === 'fetched' ? fetched.lastModified : undefined,
			textKey,
		};
		return this.decide({ list: parsed.list, fingerprint: fingerprint(parsed.list), meta, state, now }, confirmHeld, pushed);
	}

	/** The last list was pushed and no URL is set: the bundled list counts again only when a new app version changed it. */
	private async keepPushed(): Promise<boolean> {
		const bundled = bundledList(this.deps.runtime);
		const status = await this.status.get();
		if (status.lastBundledFingerprint !== undefined && !isFingerprintOf(status.lastBundledFingerprint, bundled.list)) return false;
		await this.status.update({ lastBundledFingerprint: bundled.fingerprint });
		return true;
	}

	/** Compares the list found with the last good one: baseline, unchanged, held for an admin, or a change. */
	private async decide(found: Found, confirmHeld: boolean, pushed?: string): Promise<CheckOutcome> {
		const { list, meta, state, now } = found;
		if (!state) {
			const record = await this.recordChange(undefined, found);
			const accepted = await this.accept(found, record.id);
			await this.announce(record.id, now, record);
			await this.ok(now, 'baseline', meta.source);
			return { result: 'baseline', state: accepted };
		}
		if (isFingerprintOf(state.fingerprint, list)) {
			// (A pointer stored without `textKey`, before it existed, gets it with the next write, not a write of its own.)
			// Stored absent values come back as null (the engine's msgpack): compared as equal, so an unchanged check writes nothing.
			const same = (a?: string | null, b?: string | null) => (a ?? null) === (b ?? null);
			if (!same(meta.etag, state.etag) || !same(meta.lastModified, state.lastModified) || meta.source !== state.source)
				await this.lists.updatePointer(meta);
			await this.ok(now, 'unchanged', meta.source);
			return { result: 'unchanged', state };
		}
		const previous = await this.lists.body(state.fingerprint);
		if (!previous) {
			// The stored body is gone (should not happen): take the new list as a fresh baseline.
			const accepted = await this.accept(found, undefined);
			await this.ok(now, 'baseline', meta.source);
			return { result: 'baseline', state: accepted };
		}
		const confirmed = confirmHeld && isFingerprintOf((await this.held.get())?.fingerprint, list);
		// An older list than the current one (ISO dates compare as text): a rollback, a stale mirror or a replayed
		// push. Announcing it would report its missing entries as removals, so an admin decides.
		if (list.updated < previous.updated && !confirmed) return this.hold(found, 0, state, pushed, previous.updated);
		const changes = diffLists(previous, list);
		if (countChanges(changes) === 0) {
			// Only the file's metadata changed (its date, say): keep the new version without announcing.
			const accepted = await this.accept(found, state.changeId, true);
			await this.ok(now, 'unchanged', meta.source);
			return { result: 'unchanged', state: accepted };
		}
		if (looksLikeMassRemoval(previous, changes) && !confirmed) return this.hold(found, changes.removed.length, state, pushed);
		const record = await this.recordChange({ ...state, list: previous }, found, changes);
		const accepted = await this.accept(found, record.id);
		await this.announce(record.id, now, record);
		await this.held.clear();
		await this.ok(now, 'changed', meta.source);
		return { result: 'changed', state: accepted, record, room: await this.announcementsRoom() };
	}

	/** Stores the change record once (its id is deterministic), before the list it leads to. */
	private async recordChange(before: ListState | undefined, found: Found, changes?: ListChanges): Promise<ChangeRecord> {
		const fresh = newChangeRecord(
			before,
			{ list: found.list, fingerprint: found.fingerprint },
			found.now,
			await this.settings.objectionWindowDays(),
			changes,
			this.listId,
		);
		// A record written just before an upgrade (from a list with a legacy fingerprint) has the legacy fingerprint
		// in its id: the same change, not a new one.
		const legacy = before && isLegacyFingerprint(before.fingerprint);
		const legacyId = legacy ? changeRecordId(before.fingerprint, legacyFingerprint(found.list), before.changeId) : undefined;
		const record = (await this.changes.get(fresh.id)) ?? (legacyId ? await this.changes.get(legacyId) : undefined) ?? fresh;
		if (record === fresh) await this.changes.put(record);
		return record;
	}

	/**
	 * Records the announcement deliveries of the change that led to the accepted list, then marks the list
	 * announced. After the list: what is announced is what the app answers from. A check that dies in between
	 * leaves `announced: false`, and the next one records them (the same keys: never twice).
	 */
	private async announce(changeId: string | undefined, now: Date, known?: ChangeRecord): Promise<void> {
		const record = known ?? (changeId ? await this.changes.get(changeId) : undefined);
		if (record && (await recordAnnouncement(this.deps, record, now)) > 0) this.recorded = true;
		await this.lists.updatePointer({ announced: true });
	}

	private async accept(found: Found, changeId: string | undefined, announced = changeId === undefined): Promise<ListState> {
		const { list, now } = found;
		const state: ListState = {
			list,
			fingerprint: found.fingerprint,
			version: list.updated,
			count: list.subprocessors.length,
			...found.meta,
			changeId,
			announced,
			acceptedAt: now.toISOString(),
		};
		await this.lists.accept(state);
		rememberCatalog(this.deps.runtime, list, found.fingerprint, this.listId);
		return state;
	}

	private async ok(now: Date, result: CheckStatus['lastResult'], source: string): Promise<void> {
		const before = await this.status.get();
		const bundled = source === BUNDLED_SOURCE ? { lastBundledFingerprint: bundledList(this.deps.runtime).fingerprint } : {};
		await this.status.update({
			lastCheckAt: now.toISOString(),
			lastResult: result,
			problem: undefined,
			alertedProblem: undefined,
			...bundled,
		});
		if (before.lastResult === 'error' && before.alertedProblem)
			await this.alert({ kind: 'recovered', source }, `recovered:${alertHash(before.alertedProblem)}`, before);
	}

	/**
	 * A failed check. Admins hear of each distinct problem once — a transient one (network, server error) only
	 * when the next check fails too, so a source that flaps now and then causes no alert storm.
	 */
	private async problem(
		problem: string[],
		source: string,
		state: ListPointer | undefined,
		now: Date,
		transient = false,
	): Promise<CheckOutcome> {
		const key = `problem:${problem.join('\n')}`;
		const before = await this.status.get();
		const tell = before.alertedProblem !== key && (!transient || before.lastResult === 'error');
		await this.status.update({
			lastCheckAt: now.toISOString(),
			lastResult: 'error',
			problem,
			...(tell ? { alertedProblem: key } : {}),
		});
		if (tell)
			await this.alert({ kind: 'problem', source, problem, version: state?.version ?? '' }, `problem:${alertHash(key)}`, before);
		return { result: 'error', problem, state };
	}

	private async hold(found: Found, removed: number, state: ListPointer, pushedText?: string, olderThan?: string): Promise<CheckOutcome> {
		const { list, now, meta } = found;
		const key = `held:${found.fingerprint}`;
		const before = await this.status.get();
		await this.held.put({
			list,
			fingerprint: found.fingerprint,
			source: meta.source,
			removed,
			heldAt: now.toISOString(),
			...(pushedText !== undefined ? { text: pushedText } : {}),
			...(olderThan ? { olderThan } : {}),
		});
		await this.status.update({ lastCheckAt: now.toISOString(), lastResult: 'held', problem: undefined, alertedProblem: key });
		// Held before an upgrade: the key has the legacy fingerprint, and the admins were told already.
		if (before.alertedProblem !== key && before.alertedProblem !== `held:${legacyFingerprint(list)}`) {
			const alert: Alert = olderThan
				? { kind: 'held-older', source: meta.source, version: list.updated, current: olderThan }
				: { kind: 'held', source: meta.source, removed, total: state.count };
			await this.alert(alert, `held:${found.fingerprint}`, before);
		}
		return {
			result: 'held',
			removed,
			total: state.count,
			...(olderThan ? { olderThan: { version: list.updated, current: olderThan } } : {}),
		};
	}

	/**
	 * Records an admin alert. Its key names the status it was decided from, so two checks deciding it from the
	 * same status (two instances) record it once, and the same problem after a recovery is news again.
	 */
	private async alert(alert: Alert, key: string, before: CheckStatus): Promise<void> {
		// Another list's alerts name it, and their keys carry its id: two lists' identical problems are two alerts.
		const named: Alert = this.first ? alert : { ...alert, list: this.list.name };
		const scoped = this.first ? key : `${this.listId}/${key}`;
		if ((await raiseAlert(this.deps, named, `${scoped}:${alertHash(before.lastCheckAt ?? '')}`)) > 0) this.recorded = true;
	}

	/** Where this list's announcements go: its own room, else the shared announcements room. */
	private async announcementsRoom(): Promise<IRoom | undefined> {
		return listAnnouncementsRoom(this.deps, this.list);
	}

	/** The address a page that states none gets: the setting for the first list, the list's own for the others. */
	private async pageObjectionEmail(): Promise<string | undefined> {
		return (this.first ? await this.settings.objectionEmail('') : this.list.objectionTo) || undefined;
	}

	/** SHA-256 of the fetched text and what else a read of it depends on (the fallback objection address). */
	private async textKey(text: string): Promise<string> {
		return nodeCrypto()
			.createHash('sha256')
			.update(`${(await this.pageObjectionEmail()) ?? ''}\n`)
			.update(text)
			.digest('hex');
	}

	/**
	 * The source may be a vendor's markdown or HTML page. A page's rows keep their ids from the last list (same
	 * names on two rows), and the objection address falls back to the setting.
	 */
	private async readFetched(
		text: string,
		source: string,
		url: string | undefined,
		fetched: Fetched,
		state: ListPointer | undefined,
		now: Date,
	): Promise<ParseResult> {
		const meta = fetched.kind === 'fetched' ? fetched : undefined;
		// The first list's fallback is the setting; another list's is its own objection address.
		const objectionEmail = await this.pageObjectionEmail();
		const read = (previous?: SubprocessorList) =>
			readSource(text, {
				file: source,
				url,
				contentType: meta?.contentType,
				lastModified: meta?.lastModified,
				now,
				previous,
				objectionEmail,
			});
		const first = read();
		if (!first.ok || !first.list.page || !state || state.source !== source || isFingerprintOf(state.fingerprint, first.list))
			return first;
		// Ids of a name on two rows and an undated page's version depend on the last list: read again with it
		// (only when the page seems changed, so an unchanged page costs no read of the stored list).
		return read(await this.lists.body(state.fingerprint));
	}
}
