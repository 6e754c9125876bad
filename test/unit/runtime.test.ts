/** The app process's state lives in one AppRuntime, handed over with the accessors: a fresh one forgets it all. */
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { rememberAdmin } from '../../src/app/commandServices';
import { AdminContactStore } from '../../src/platform/storage/stores';
import { FakeWorld } from './fakeDeps';

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
