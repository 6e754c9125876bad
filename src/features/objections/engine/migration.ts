/**
 * Objections filed before delivery records kept their routing in a `deliveries` map on the objection. The first
 * run of the delivery job turns every route of those into a delivery record (done ones too: the card and the
 * detail read the e-mail's state from there) and rewrites the objection without the map. Runs once; the job is the only writer then (docs/multi-instance.md 3.3).
 */
import type { Objection } from '../model';
import { cardMarker } from '../messages';
import type { AppDeps } from '../../../platform/deps';
import { DeliveryStore } from '../../../platform/delivery/DeliveryStore';
import type { Delivery } from '../../../platform/delivery/model';
import { RecordStore } from '../../../platform/storage/RecordStore';
import { cardEdit, filingDeliveries, statusDm, statusStep } from './routing';
import { ObjectionStore } from './stores';

/** A route as the earlier version recorded it. */
export interface LegacyRoute {
	state: 'pending' | 'done' | 'failed' | 'unavailable';
	at?: string;
	messageId?: string;
	error?: string;
	code?: string;
	attempts: number;
}

export type LegacyObjection = Objection & { deliveries?: Record<string, LegacyRoute> };

const MIGRATION = 'objection-routes-v2';
/** The earlier version's job that retried objection routes. */
const LEGACY_JOB = 'deliver-objections';

/** Migrates every objection that still has a `deliveries` map; a no-op after the first complete run. */
/** `tick` is the delivery job's tick now: a card attempt carried over settles by ticks as well as by time. */
export async function migrateLegacyObjections(deps: AppDeps, tick?: number): Promise<number> {
	const reader = deps.read.getPersistenceReader();
	const marker = new RecordStore<{ at: string; migrated: number }>('objection-migration', reader, deps.persis);
	if (await marker.get(MIGRATION)) return 0;
	const objections = new ObjectionStore(reader, deps.persis);
	const store = new DeliveryStore(reader, deps.persis);
	let migrated = 0;
	for (const legacy of (await objections.all()) as LegacyObjection[]) {
		if (!legacy.deliveries) continue;
		await migrateOne(legacy, legacy.deliveries, store, objections, tick);
		migrated++;
	}
	// The earlier version's retry job has no processor any more: its scheduler document goes (by name, docs/multi-instance.md 1.2).
	await deps.modify
		.getScheduler()
		.cancelJob(LEGACY_JOB)
		.catch((error) => deps.logger.warn(`could not cancel the ${LEGACY_JOB} job`, error));
	await marker.put(MIGRATION, { at: new Date().toISOString(), migrated });
	if (migrated > 0) deps.logger.info(`migrated the routes of ${migrated} objections to delivery records`);
	return migrated;
}

async function migrateOne(
	legacy: LegacyObjection,
	routes: Record<string, LegacyRoute>,
	store: DeliveryStore,
	objections: ObjectionStore,
	tick: number | undefined,
): Promise<void> {
	const now = new Date();
	const { deliveries: _dropped, ...rest } = legacy;
	const objection: Objection = rest;
	const [email, card, confirmation] = filingDeliveries(legacy.ref, now);
	const team = routes.team;
	const pending: Delivery[] = [
		{ ...email, ...closedIf(routes.email?.state === 'done', routes.email) },
		// A card the earlier version logged may have landed without being recorded: looked for by its old marker.
		{
			...card,
			legacyMarker: cardMarker(legacy.ref),
			...(team?.messageId
				? closedIf(true, team)
				: team
					? {
							state: 'attempted' as const,
							attempts: 1,
							attemptedAt: team.at ?? legacy.filedAt,
							firstAttemptAt: team.at ?? legacy.filedAt,
							...(tick === undefined ? {} : { attemptedTick: tick }),
						}
					: {}),
		},
		{ ...confirmation, ...closedIf(routes.confirmation?.state === 'done', routes.confirmation) },
	];
	// The earlier version marked a posted card "pending" again when it had to be updated.
	if (team?.messageId && team.state !== 'done') pending.push(cardEdit(legacy.ref, now, 'migration'));
	objection.history.forEach((event, index) => {
		if (event.action === 'filed' || routes[`status:${index}`]?.state === 'done') return;
		pending.push(statusDm(legacy.ref, statusStep(event.action), now));
	});
	// The deliveries first (insert-if-absent, closed ones stored closed): a crash before the objection is rewritten
	// leaves its map for the rerun.
	await store.enqueue(pending);
	await objections.put(objection);
}

function closedIf(done: boolean, route: LegacyRoute | undefined): Partial<Delivery> {
	if (!done || !route) return {};
	return {
		state: 'done',
		attempts: route.attempts,
		doneAt: route.at ?? new Date().toISOString(),
		...(route.messageId ? { messageId: route.messageId } : {}),
	};
}
