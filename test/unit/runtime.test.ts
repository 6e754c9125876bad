/** The app process's state lives in one AppRuntime, handed over with the accessors: a fresh one forgets it all. */
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { rememberAdmin } from '../../src/app/commandServices';
import { bundledList, currentCatalog, rememberCatalog } from '../../src/features/list/engine/currentList';
import { parseList } from '../../src/features/list/schema';
import { fingerprint } from '../../src/features/watch/diff';
import { messageMaxSize } from '../../src/platform/messageSize';
import { appBotUser } from '../../src/platform/reply';
import { AdminContactStore, ListStateStore } from '../../src/platform/storage/stores';
import { generateList, seedList, toYaml } from '../../bench/lists';
import { FakeWorld } from './fakeDeps';
import { bundledText } from './helpers';

const admin = { id: 'a1', username: 'root', roles: ['admin'] } as unknown as IUser;

test('an admin is remembered once per app process; a new process (a fresh runtime) checks the store again', async () => {
	const world = new FakeWorld();
	const contacts = () => new AdminContactStore(world.deps().read.getPersistenceReader()).all();
	await rememberAdmin(world.deps(), admin, 'en');
	expect((await contacts()).map((c) => c.userId)).toEqual(['a1']);

	// Gone from the store (say, erased): the same process doesn't look again …
	world.docs = [];
	await rememberAdmin(world.deps(), admin, 'en');
	expect(await contacts()).toEqual([]);

	// … a restarted one does.
	world.runtime = undefined;
	await rememberAdmin(world.deps(), admin, 'en');
	expect((await contacts()).map((c) => c.userId)).toEqual(['a1']);

	// … and so does one that was reset.
	world.docs = [];
	world.deps().runtime.reset();
	await rememberAdmin(world.deps(), admin, 'en');
	expect((await contacts()).map((c) => c.userId)).toEqual(['a1']);
});

test('work queued on one runtime runs one at a time; two runtimes (two processes) do not wait for each other', async () => {
	const order: string[] = [];
	const slow = (name: string, ms: number) => async () => {
		order.push(`${name} start`);
		await new Promise((resolve) => setTimeout(resolve, ms));
		order.push(`${name} end`);
	};
	const one = new FakeWorld().deps().runtime;
	await Promise.all([one.checks(slow('a', 20)), one.checks(slow('b', 1))]);
	expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);

	order.length = 0;
	const other = new FakeWorld().deps().runtime;
	await Promise.all([one.checks(slow('a', 20)), other.checks(slow('b', 1))]);
	expect(order).toEqual(['a start', 'b start', 'b end', 'a end']);
});

describe('reset: the process forgets what it cached, as a restart would, without a new runtime', () => {
	test('the server reads it keeps: the bot user and the message size limit', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		expect((await appBotUser(deps))?.name).toBe('Bot');
		expect(await messageMaxSize(deps)).toBe(5000);
		world.bot = { ...world.bot, name: 'Renamed' };
		world.messageMaxSize = 800;
		expect((await appBotUser(deps))?.name).toBe('Bot');
		expect(await messageMaxSize(deps)).toBe(5000);
		deps.runtime.reset();
		expect((await appBotUser(deps))?.name).toBe('Renamed');
		expect(await messageMaxSize(deps)).toBe(800);
	});

	test('the list body it last wrote, and the list the commands answer from', async () => {
		const world = new FakeWorld();
		const deps = world.deps();
		const { runtime } = deps;
		const list = bundledList(runtime).list;
		const pushed = { ...list, subprocessors: list.subprocessors.slice(1) };
		const store = new ListStateStore(runtime, deps.read.getPersistenceReader(), deps.persis);
		await store.accept({
			list,
			fingerprint: 'v1',
			version: list.updated,
			count: 0,
			source: 'test',
			acceptedAt: '2026-11-30T00:00:00Z',
		});
		rememberCatalog(runtime, pushed, 'v2');
		// The records are gone (another instance, a cleanup): this process still has both in memory …
		world.docs = [];
		expect(await store.body('v1')).toBe(list);
		expect((await currentCatalog(deps)).list).toBe(pushed);
		const bundled = bundledList(runtime);
		expect(bundledList(runtime)).toBe(bundled);
		// … until it is reset: no body, and the bundled list (loaded again) with no pointer stored.
		runtime.reset();
		expect(await store.body('v1')).toBeUndefined();
		expect(bundledList(runtime)).not.toBe(bundled);
		expect(bundledList(runtime)).toEqual(bundled);
		expect((await currentCatalog(deps)).list).toBe(bundledList(runtime).list);
	});

	test("the pure code's memos: the last list parsed, its entries, the last sort order", () => {
		const runtime = new FakeWorld().deps().runtime;
		runtime.reset();
		const text = toYaml(generateList(seedList(bundledText()), 300));
		const first = parseList(text, 'list.yaml');
		expect(parseList(text, 'list.yaml')).toBe(first);
		// A new version of the text: its unchanged entries are the ones already loaded.
		const again = parseList(`# again\n${text}`, 'list.yaml');
		if (!first.ok || !again.ok) throw new Error('the generated list must load');
		expect(again.list.subprocessors[0]).toBe(first.list.subprocessors[0]);
		runtime.reset();
		const fresh = parseList(text, 'list.yaml');
		if (!fresh.ok) throw new Error('the generated list must load');
		expect(fresh).not.toBe(first);
		expect(fresh.list.subprocessors[0]).not.toBe(first.list.subprocessors[0]);
		expect(fresh.list.subprocessors[0]).toEqual(first.list.subprocessors[0]);

		// The fingerprint (kept per list object: a copy each time) sorts only the entries its last order lacks: all of
		// them the first time, none the second, all again after a reset.
		const entries = fresh.list.subprocessors.length;
		const sorted = () => sortsDuring(() => fingerprint({ ...fresh.list }));
		expect(sorted()).toContain(entries);
		const warm = sorted();
		expect(warm).toContain(0);
		expect(warm).not.toContain(entries);
		runtime.reset();
		expect(sorted()).toContain(entries);
	});
});

/** The lengths of the arrays sorted while `work` runs. */
function sortsDuring(work: () => unknown): number[] {
	const lengths: number[] = [];
	const sort = Array.prototype.sort;
	const spy = jest.spyOn(Array.prototype, 'sort').mockImplementation(function (this: unknown[], compare) {
		lengths.push(this.length);
		return sort.call(this, compare);
	});
	try {
		work();
	} finally {
		spy.mockRestore();
	}
	return lengths;
}
