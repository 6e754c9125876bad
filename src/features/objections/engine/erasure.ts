/**
 * Erasing objections' personal fields (name, e-mail, company, grounds, a free-text service, notes): after the
 * retention period (a daily pass of the delivery job, in bounded batches) and on a person's request (GDPR Art. 17,
 * `/subprocessors erase-objections`, confirmed by a button). Reference, dates, status, entry and list version stay.
 * Each erasure writes one audit record (references and count, no personal data) and edits the team card to the
 * erased form through the delivery job, as every card change does.
 */
import { nodeCrypto } from '../../../kernel/nodeCrypto';
import {
	closedAt,
	ERASED,
	eraseObjection,
	foldObjection,
	listOfObjection,
	type ErasureReason,
	type Objection,
	type ObjectionAction,
} from '../model';
import type { AppDeps } from '../../../platform/deps';
import { RecordStore } from '../../../platform/storage/RecordStore';
import { Settings } from '../../../platform/settings';
import { AuditStore } from './audit';
import { cardEdit, enqueue } from './routing';
import { ObjectionFormStore, Objections } from './stores';
import { listCatalog } from '../../list/engine/currentList';

const DAY = 86_400_000;
/** Objections erased per run of the pass: the rest follow in the next runs (every 5 minutes) the same day. */
export const RETENTION_BATCH = 50;
/** A confirmation button is good for this long. */
const REQUEST_TTL_MS = 3600_000;

/** Erases the objections with these references (those not erased yet); returns the references it erased. */
export async function eraseObjections(deps: AppDeps, refs: string[], reason: ErasureReason, now = new Date()): Promise<string[]> {
	const reader = deps.read.getPersistenceReader();
	const objections = new Objections(reader, deps.persis);
	const forms = new ObjectionFormStore(reader, deps.persis);
	// A service chosen from its list's services is kept (no personal data): each list's, read once.
	const servicesOf = new Map<string, string[]>();
	const services = async (listId: string): Promise<string[]> => {
		if (!servicesOf.has(listId)) servicesOf.set(listId, (await listCatalog(deps, listId))?.list.services ?? []);
		return servicesOf.get(listId) as string[];
	};
	const wanted = new Set(refs.map((r) => r.toUpperCase()));
	const erased: string[] = [];
	for (const stored of await objections.records.copies()) {
		if (!wanted.has(stored.ref) || stored.erased) continue;
		// Every unerased copy goes (a leftover of a crashed erasure too); the record is erased once.
		await objections.records.putErased(
			eraseObjection(stored, now.toISOString(), reason, await services(listOfObjection(stored))),
			stored.objector.id,
		);
		if (stored.viewId) await forms.remove(stored.viewId);
		for (const action of await objections.actions.forRef(stored.ref)) {
			if (action.note) await objections.actions.put({ ...action, note: ERASED });
		}
		if (!erased.includes(stored.ref)) erased.push(stored.ref);
	}
	if (erased.length > 0)
		await enqueue(
			deps,
			erased.map((ref) => cardEdit(ref, now, `erased-${reason}`)),
		);
	return erased;
}

/**
 * The daily retention pass: closed objections whose retention period ran out are erased, at most RETENTION_BATCH
 * per run; the day is marked done only when none is left, so a backlog is worked off by the next runs.
 */
export async function retentionPass(deps: AppDeps, now = new Date(), batch = RETENTION_BATCH): Promise<string[]> {
	const reader = deps.read.getPersistenceReader();
	const marker = new RecordStore<{ day: string; days: number }>('objection-retention', reader, deps.persis);
	const day = now.toISOString().slice(0, 10);
	const days = await new Settings(deps.read).objectionRetentionDays();
	// Once a day, and again at once when the period was changed (a shorter one applies from the next run).
	const last = await marker.get('last');
	if (last?.day === day && last.days === days) return [];
	let erased: string[] = [];
	let rest = 0;
	if (days > 0) {
		const objections = new Objections(reader);
		// Grouped once: the pass reads every objection and action, and must stay linear in them.
		const actions = new Map<string, ObjectionAction[]>();
		for (const action of await objections.actions.all()) actions.set(action.ref, [...(actions.get(action.ref) ?? []), action]);
		const expired = (await objections.records.copies())
			.filter((stored) => !stored.erased)
			.filter((stored) => {
				const closed = closedAt(foldObjection(stored, actions.get(stored.ref) ?? []).objection);
				return closed !== undefined && Date.parse(closed) + days * DAY <= now.getTime();
			})
			.map((o) => o.ref);
		const refs = [...new Set(expired)];
		erased = await eraseObjections(deps, refs.slice(0, batch), 'retention', now);
		rest = refs.length - Math.min(refs.length, batch);
		if (erased.length > 0)
			await new AuditStore(reader, deps.persis).add({ kind: 'retention-erased', refs: erased, count: erased.length, days }, now);
	}
	if (rest === 0) await marker.put('last', { day, days });
	return erased;
}

/** An admin's erasure request waiting for its confirmation: the references only, never the address asked for. */
export interface ErasureRequest {
	id: string;
	refs: string[];
	by: { id: string; username: string };
	at: string;
	done?: boolean;
}

export class ErasureRequestStore {
	private readonly store: RecordStore<ErasureRequest>;
	constructor(read: AppDeps['read'], write?: AppDeps['persis']) {
		this.store = new RecordStore('objection-erasure', read.getPersistenceReader(), write);
	}
	get = (id: string) => this.store.get(id);
	put = (request: ErasureRequest) => this.store.put(request.id, request);
}

/** The objections holding a person's data, found by the contact e-mail they gave or by their username (`@name`). */
export async function objectionsOf(deps: AppDeps, who: string): Promise<Objection[]> {
	const objections = new Objections(deps.read.getPersistenceReader());
	const wanted = who.trim().toLowerCase();
	const byName = wanted.startsWith('@') ? wanted.slice(1) : undefined;
	const found = (await objections.records.copies()).filter(
		(o) => !o.erased && (byName ? o.objector.username.toLowerCase() === byName : o.email.trim().toLowerCase() === wanted),
	);
	return [...new Map(found.map((o) => [o.ref, o])).values()];
}

export function newErasureRequest(refs: string[], by: { id: string; username: string }, now = new Date()): ErasureRequest {
	return { id: `${now.getTime().toString(36)}${nodeCrypto().randomBytes(8).toString('hex')}`, refs, by, at: now.toISOString() };
}

export const requestExpired = (request: ErasureRequest, now = new Date()): boolean =>
	now.getTime() - Date.parse(request.at) > REQUEST_TTL_MS;
