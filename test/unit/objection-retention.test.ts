/** The retention pass works off a backlog in bounded batches, and an erasure that crashed halfway shows no personal data. */
import type { Objection, ObjectionAction } from '../../src/features/objections/model';
import { eraseObjections, retentionPass } from '../../src/features/objections/engine/erasure';
import { Objections } from '../../src/features/objections/engine/stores';
import { FakeWorld } from './fakeDeps';

const DAY = 86_400_000;
const now = new Date('2026-11-30T12:00:00.000Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

function objection(n: number): Objection {
	const ref = `OBJ-2026-00${String(n).padStart(2, '0')}`;
	return {
		ref,
		dedupeKey: `u${n}:stripe:${n}`,
		objector: { id: `u${n}`, username: `user${n}`, lang: 'en' },
		name: `Person ${n}`,
		company: 'ACME',
		service: '',
		subprocessor: { id: 'stripe', name: 'Stripe' },
		grounds: `Grounds of person ${n} that are long enough.`,
		email: `person${n}@acme.example`,
		listVersion: '2023-01-05',
		filedAt: ago(400),
		status: 'open',
		history: [{ action: 'filed', by: { id: `u${n}`, username: `user${n}` }, at: ago(400) }],
	};
}

async function seed(world: FakeWorld, closed: number, open: number): Promise<Objections> {
	const deps = world.deps();
	const objections = new Objections(deps.read.getPersistenceReader(), deps.persis);
	for (let n = 1; n <= closed + open; n++) {
		await objections.records.put(objection(n));
		if (n > closed) continue;
		const action: ObjectionAction = {
			id: `a${n}`,
			ref: objection(n).ref,
			action: 'resolved',
			by: { id: 'dpo', username: 'dpo' },
			at: ago(30),
		};
		await objections.actions.put(action);
	}
	return objections;
}

test('a backlog is erased in batches, run after run, until none is left; then once a day', async () => {
	const world = new FakeWorld();
	world.appSettings.objection_retention_days = 7;
	const objections = await seed(world, 7, 2);
	const deps = world.deps();
	const runs = [];
	for (let i = 0; i < 4; i++) runs.push((await retentionPass(deps, now, 3)).length);
	expect(runs).toEqual([3, 3, 1, 0]);
	const all = await objections.all();
	expect(all.filter((o) => o.erased).map((o) => o.ref)).toHaveLength(7);
	expect(all.filter((o) => !o.erased).map((o) => o.status)).toEqual(['open', 'open']);
	// Only the batches' records: one audit line per run that erased.
	const audit = world.docs.filter((d) => d.assocs.some((a) => a.id === 'objection-audit')).map((d) => d.data as { count: number });
	expect(audit.map((a) => a.count)).toEqual([3, 3, 1]);
	expect(JSON.stringify(world.docs.map((d) => d.data))).not.toMatch(/person[1-7]@|Person [1-7]\b/);
});

test('0 keeps everything; a period not over yet keeps the objection', async () => {
	const world = new FakeWorld();
	const deps = world.deps();
	await seed(world, 1, 0);
	world.appSettings.objection_retention_days = 0;
	expect(await retentionPass(deps, now)).toEqual([]);
	world.appSettings.objection_retention_days = 60;
	expect(await retentionPass(deps, now)).toEqual([]);
	world.appSettings.objection_retention_days = 30;
	expect(await retentionPass(deps, now)).toEqual(['OBJ-2026-0001']);
});

test('an erasure that crashed before removing the old copy: readers see the erased one; the next erasure removes the old', async () => {
	const world = new FakeWorld();
	const objections = await seed(world, 1, 0);
	const deps = world.deps();
	const before = world.docs.find((d) => d.assocs.some((a) => a.id === 'objection:OBJ-2026-0001'))!;
	const leftover = JSON.parse(JSON.stringify(before));
	expect(await eraseObjections(deps, ['OBJ-2026-0001'], 'request', now)).toEqual(['OBJ-2026-0001']);
	world.docs.push(leftover); // as if the removal never happened
	expect(await objections.get('OBJ-2026-0001')).toMatchObject({ name: '[erased]', erased: { reason: 'request' } });
	expect(await eraseObjections(deps, ['OBJ-2026-0001'], 'request', now)).toEqual(['OBJ-2026-0001']);
	expect(world.docs.filter((d) => d.assocs.some((a) => a.id === 'objection:OBJ-2026-0001'))).toHaveLength(1);
	expect(JSON.stringify(world.docs.map((d) => d.data))).not.toContain('person1@acme.example');
});
