/**
 * A check that fetches the very text the last good list was read from answers "unchanged" without reading it again:
 * a round over many lists whose servers send no ETag costs a hash per list, not a parse. What the read depends on
 * besides the text (the fallback objection address) is part of the key.
 */
import { FakeWorld } from './fakeDeps';
import { ListingSync } from '../../src/features/watch/engine/listingSync';
import { ListStateStore } from '../../src/platform/storage/stores';
import * as source from '../../src/features/list/page/source';

jest.mock('../../src/features/list/page/source', () => {
	const actual = jest.requireActual('../../src/features/list/page/source');
	return { ...actual, readSource: jest.fn(actual.readSource) };
});
const reads = source.readSource as jest.Mock;

test('the same text is unchanged without a read; another fallback address reads it again; a pointer is not rewritten', async () => {
	const world = new FakeWorld();
	const deps = world.deps();
	const pointer = () => new ListStateStore(deps.runtime, deps.read.getPersistenceReader()).pointer();
	expect((await new ListingSync(deps).check()).result).toBe('baseline');
	expect(reads).toHaveBeenCalledTimes(1);
	const first = await pointer();
	expect(first?.textKey).toMatch(/^[0-9a-f]{64}$/);

	expect((await new ListingSync(deps).check()).result).toBe('unchanged');
	expect(reads).toHaveBeenCalledTimes(1);
	expect(await pointer()).toEqual(first);

	// The address a page without one would get changed: the text is read again (and is still the same list).
	world.appSettings.objection_email = 'privacy@acme.example';
	expect((await new ListingSync(deps).check()).result).toBe('unchanged');
	expect(reads).toHaveBeenCalledTimes(2);
});
