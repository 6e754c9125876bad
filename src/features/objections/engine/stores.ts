/**
 * The objection records. Who writes what (docs/multi-instance.md 3.1): an objection is written once, by the submit
 * that files it; each team action is a record of its own, written once by the handler that took it; the card's
 * shown version only by the delivery job. Nothing here is read-modify-written by two instances.
 */
import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { foldObjection, type Objection, type ObjectionAction } from '../model';
import { misc, recordStore, userAssoc } from '../../../platform/storage/RecordStore';

/**
 * Two racing upserts of one missing record can both insert (no unique index, docs/multi-instance.md 1.3): readers
 * keep one per reference, the same one everywhere (an erased copy first, then the earliest filed, then by content).
 * An erasure inserts the erased copy before removing the old one, so a crash in between never shows personal data again.
 */
function onePerRef(records: Objection[]): Objection[] {
	const byRef = new Map<string, Objection>();
	const before = (a: Objection, b: Objection) =>
		!!a.erased !== !!b.erased
			? !!a.erased
			: a.filedAt < b.filedAt || (a.filedAt === b.filedAt && JSON.stringify(a) < JSON.stringify(b));
	for (const record of records) {
		const kept = byRef.get(record.ref);
		if (!kept || before(record, kept)) byRef.set(record.ref, record);
	}
	return [...byRef.values()];
}

/** Objections by reference; also findable by objector, by content (dedupe) and by the form that filed them. */
export class ObjectionStore extends recordStore<Objection>(
	'objection',
	(objection) => objection.ref,
	// These never change, so a rewrite (the migration) updates the one record.
	(objection) => [
		userAssoc(objection.objector.id),
		misc(`objection-content:${objection.dedupeKey}`),
		...(objection.viewId ? [misc(`objection-form:${objection.viewId}`)] : []),
	],
) {
	override get = async (ref: string): Promise<Objection | undefined> =>
		onePerRef(await this.store.where([misc(`objection:${ref.toUpperCase()}`)]))[0];
	override all = async () => onePerRef(await this.store.all());
	byObjector = async (userId: string) => onePerRef(await this.store.where([userAssoc(userId)]));
	byDedupeKey = async (key: string) => onePerRef(await this.store.where([misc(`objection-content:${key}`)]));
	byForm = async (viewId: string) => onePerRef(await this.store.where([misc(`objection-form:${viewId}`)]))[0];

	/**
	 * Stores the erased form of an objection without the associations that tie it to the person (their account, the
	 * content key), then removes every copy that has them. Reads match all associations given ($all), so removing by
	 * the old user association never touches the erased copy; a crash in between leaves both, and readers prefer the
	 * erased one (onePerRef) until the next erasure pass removes the other.
	 */
	async putErased(erased: Objection, objectorId: string): Promise<void> {
		await this.store.put(erased.ref, erased, [misc('objection-erased')]);
		if (objectorId) await this.store.removeTagged(erased.ref, [userAssoc(objectorId)]);
	}

	/** Every stored copy, not merged per reference: an erasure looks at copies a crash may have left behind. */
	copies = () => this.store.all();
}

/** Team actions, one record each (random id), findable by objection. */
export class ObjectionActionStore extends recordStore<ObjectionAction>(
	'objection-action',
	(action) => action.id,
	(action) => [misc(`objection-actions:${action.ref}`)],
) {
	forRef = (ref: string) => this.store.where([misc(`objection-actions:${ref.toUpperCase()}`)]);
}

/** An objection form a user opened: only its opener may submit it. */
export interface ObjectionForm {
	viewId: string;
	userId: string;
	roomId?: string;
	openedAt: string;
	/** The list it was opened for; absent: the first list. */
	list?: string;
}

export class ObjectionFormStore extends recordStore<ObjectionForm>('objection-form', (form) => form.viewId) {}

/** The newest content version the team card shows; written only by the delivery job (its edits' `settled`). */
export class ObjectionCardStore extends recordStore<{ ref: string; shown: number }>('objection-card', (card) => card.ref) {
	shown = async (ref: string): Promise<number> => (await this.get(ref))?.shown ?? 0;
}

/** Objections as their actions leave them (every reader folds the same way: see foldObjection). */
export class Objections {
	readonly records: ObjectionStore;
	readonly actions: ObjectionActionStore;
	constructor(read: IPersistenceRead, write?: IPersistence) {
		this.records = new ObjectionStore(read, write);
		this.actions = new ObjectionActionStore(read, write);
	}

	async get(ref: string): Promise<Objection | undefined> {
		const stored = await this.records.get(ref);
		return stored && foldObjection(stored, await this.actions.forRef(stored.ref)).objection;
	}

	async all(): Promise<Objection[]> {
		return this.withActions(await this.records.all());
	}

	async byObjector(userId: string): Promise<Objection[]> {
		return this.withActions(await this.records.byObjector(userId));
	}

	private async withActions(stored: Objection[]): Promise<Objection[]> {
		if (stored.length === 0) return [];
		const actions = await this.actions.all();
		return stored.map(
			(o) =>
				foldObjection(
					o,
					actions.filter((a) => a.ref === o.ref),
				).objection,
		);
	}
}
