// The app's bot user is reused for a minute: one server read instead of one per reply (see src/platform/reply.ts).
import type { IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { appBotUser } from '../../src/platform/reply';

function reader(users: Array<Partial<IUser> | undefined>) {
	const calls = { count: 0 };
	const read = {
		getUserReader: () => ({ getAppUser: async () => users[Math.min(calls.count++, users.length - 1)] }),
	} as unknown as IRead;
	return { read, calls };
}

test('a missing bot user is not remembered; a found one is reused for a minute, then read again', async () => {
	let now = 1_000_000;
	const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
	try {
		const { read, calls } = reader([
			undefined,
			{ username: 'subprocessors.bot', name: 'Subprocessors' },
			{ username: 'subprocessors.bot', name: 'Renamed' },
		]);
		expect(await appBotUser(read)).toBeUndefined();
		expect((await appBotUser(read))?.name).toBe('Subprocessors');
		expect(calls.count).toBe(2);
		now += 59_000;
		expect((await appBotUser(read))?.name).toBe('Subprocessors');
		expect(calls.count).toBe(2);
		now += 2_000;
		expect((await appBotUser(read))?.name).toBe('Renamed');
		expect(calls.count).toBe(3);
	} finally {
		clock.mockRestore();
	}
});
