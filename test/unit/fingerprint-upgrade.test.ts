/**
 * List fingerprints became SHA-256; versions before stored FNV ones (16 hex digits) in the list pointer, the check
 * status and change ids. An upgrade must neither re-announce nor miss a change because of it.
 */
import { newChangeRecord } from '../../src/features/watch/changes';
import { fingerprint, isFingerprintOf, legacyFingerprint } from '../../src/features/watch/diff';
import { bundledList } from '../../src/features/list/engine/currentList';
import { DeliveryStore } from '../../src/platform/delivery/DeliveryStore';
import { ChangeStore, CheckStatusStore, ListStateStore } from '../../src/platform/storage/stores';
import { ListingSync } from '../../src/features/watch/engine/listingSync';
import { BUNDLED_SOURCE, PUSHED_SOURCE } from '../../src/features/watch/engine/listSource';
import { FakeWorld } from './fakeDeps';

const bundled = bundledList(new FakeWorld().deps().runtime).list;
/** A pushed list: the bundled one without its last entry. */
const pushed = { ...bundled, subprocessors: bundled.subprocessors.slice(0, -1) };

describe('isFingerprintOf', () => {
	test('SHA-256 now; the legacy fingerprint of the same list still counts, of another list not', () => {
		expect(fingerprint(bundled)).toMatch(/^[0-9a-f]{64}$/);
		expect(legacyFingerprint(bundled)).toMatch(/^[0-9a-f]{16}$/);
		expect(isFingerprintOf(fingerprint(bundled), bundled)).toBe(true);
		expect(isFingerprintOf(legacyFingerprint(bundled), bundled)).toBe(true);
		expect(isFingerprintOf(legacyFingerprint(pushed), bundled)).toBe(false);
		expect(isFingerprintOf(fingerprint(pushed), bundled)).toBe(false);
		expect(isFingerprintOf(undefined, bundled)).toBe(false);
	});
});

describe('a check after the upgrade', () => {
	async function world(list: typeof bundled, source: string, lastBundledFingerprint?: string) {
		const w = new FakeWorld();
		const deps = w.deps();
		const reader = deps.read.getPersistenceReader();
		await new ListStateStore(deps.runtime, reader, deps.persis).accept({
			list,
			fingerprint: legacyFingerprint(list),
			version: list.updated,
			count: list.subprocessors.length,
			source,
			announced: true,
			acceptedAt: '2026-11-01T00:00:00.000Z',
		});
		if (lastBundledFingerprint) await new CheckStatusStore(reader, deps.persis).update({ lastBundledFingerprint });
		return { deps, changes: () => new ChangeStore(reader).all(), open: () => new DeliveryStore(reader).open() };
	}

	test('a pushed list stays when the stored bundled fingerprint is the legacy one of the same bundled list', async () => {
		const { deps, changes, open } = await world(pushed, PUSHED_SOURCE, legacyFingerprint(bundled));
		const outcome = await new ListingSync(deps).check();
		expect(outcome.result).toBe('unchanged');
		expect(await changes()).toEqual([]);
		expect(await open()).toEqual([]);
	});

	test('a bundled list stored with its legacy fingerprint is unchanged: nothing recorded, nothing announced', async () => {
		const { deps, changes, open } = await world(bundled, BUNDLED_SOURCE);
		expect((await new ListingSync(deps).check()).result).toBe('unchanged');
		expect(await changes()).toEqual([]);
		expect(await open()).toEqual([]);
	});

	test('a change recorded just before the upgrade (the check died before accepting it) is not recorded again', async () => {
		const { deps, changes } = await world(pushed, BUNDLED_SOURCE);
		const reader = deps.read.getPersistenceReader();
		// What the version before wrote: the record of pushed → bundled, under the legacy fingerprints.
		const before = newChangeRecord(
			{ list: pushed, fingerprint: legacyFingerprint(pushed) },
			{ list: bundled, fingerprint: legacyFingerprint(bundled) },
			new Date('2026-11-01T00:00:00Z'),
			30,
		);
		await new ChangeStore(reader, deps.persis).put(before);
		expect((await new ListingSync(deps).check()).result).toBe('changed');
		expect((await changes()).map((r) => r.id)).toEqual([before.id]);
		expect((await new ListStateStore(deps.runtime, reader).pointer())?.changeId).toBe(before.id);
	});

	test('a real change after the upgrade is still announced', async () => {
		// The stored list lacks an entry the bundled one has: the bundled list is a change (one added).
		const { deps, changes } = await world(pushed, BUNDLED_SOURCE);
		const outcome = await new ListingSync(deps).check();
		expect(outcome.result).toBe('changed');
		const [record] = await changes();
		expect(record.changes.added.map((e) => e.id)).toEqual([bundled.subprocessors[bundled.subprocessors.length - 1].id]);
		expect(record.fromFingerprint).toBe(legacyFingerprint(pushed));
		expect(record.toFingerprint).toBe(fingerprint(bundled));
	});
});
