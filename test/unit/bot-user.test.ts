// The app's bot user is reused for a minute: one server read instead of one per reply (see src/platform/reply.ts).
import type { ILogger, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { appBotUser } from '../../src/platform/reply';
import { AppRuntime } from '../../src/platform/runtime';

function reader(users: Array<Partial<IUser> | undefined>) {
	const calls = { count: 0 };
	const read = {
		getUserReader: () => ({ getAppUser: async () => users[Math.min(calls.count++, users.length - 1)] }),
	} as unknown as IRead;
	return { deps: { read, runtime: new AppRuntime('app', {} as ILogger) }, calls };
}

test('a missing bot user is not remembered; a found one is reused for a minute, then read again', async () => {
	let now = 1_000_000;
	const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
	try {
		const { deps, calls } = reader([
			undefined,
			{ username: 'subprocessors.bot', name: 'Subprocessors' },
			{ username: 'subprocessors.bot', name: 'Renamed' },
		]);
		expect(await appBotUser(deps)).toBeUndefined();
		expect((await appBotUser(deps))?.name).toBe('Subprocessors');
		expect(calls.count).toBe(2);
		now += 59_000;
		expect((await appBotUser(deps))?.name).toBe('Subprocessors');
		expect(calls.count).toBe(2);
		now += 2_000;
		expect((await appBotUser(deps))?.name).toBe('Renamed');
		expect(calls.count).toBe(3);
	} finally {
		clock.mockRestore();
	}
});
