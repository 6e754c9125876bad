// The server's Message_MaxAllowedSize as the app reads it (src/platform/messageSize.ts): kept for a minute, read
// again at once after a post refused for its size, the server's default when it can't be read.
import type { ILogger, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import { DEFAULT_MESSAGE_SIZE, fitText, isSizeRefusal, messageMaxSize, messageSizeChanged } from '../../src/platform/messageSize';
import { AppRuntime } from '../../src/platform/runtime';

function reader(values: unknown[]) {
	const calls = { count: 0 };
	const read = {
		getEnvironmentReader: () => ({
			getServerSettings: () => ({
				getValueById: async (id: string) => {
					expect(id).toBe('Message_MaxAllowedSize');
					const value = values[Math.min(calls.count++, values.length - 1)];
					if (value instanceof Error) throw value;
					return value;
				},
			}),
		}),
	} as unknown as IRead;
	const logger = { warn: jest.fn() } as unknown as ILogger & { warn: jest.Mock };
	return { deps: { read, runtime: new AppRuntime('app', logger) }, calls, logger };
}

test('read once a minute; at once after a size refusal; the default when unreadable or not a number', async () => {
	let now = 5_000_000;
	const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
	try {
		const { deps, calls, logger } = reader([1200, 800, new Error('no permission'), 'lots']);
		expect(await messageMaxSize(deps)).toBe(1200);
		now += 59_000;
		expect(await messageMaxSize(deps)).toBe(1200);
		expect(calls.count).toBe(1);
		messageSizeChanged(deps.runtime);
		expect(await messageMaxSize(deps)).toBe(800);
		now += 61_000;
		expect(await messageMaxSize(deps)).toBe(DEFAULT_MESSAGE_SIZE);
		now += 61_000;
		expect(await messageMaxSize(deps)).toBe(DEFAULT_MESSAGE_SIZE);
		expect(calls.count).toBe(4);
		// The refusal is logged (once: it is read again a minute later at most), the value that is no number is not an error.
		expect(logger.warn).toHaveBeenCalledTimes(1);
		expect(logger.warn.mock.calls[0][0]).toBe('could not read the server setting Message_MaxAllowedSize');
	} finally {
		clock.mockRestore();
	}
});

test('text is cut to the limit; a limit of 0 sends no text (the server measures only a non-empty text)', () => {
	expect(fitText('short', 100)).toBe('short');
	expect(fitText('a'.repeat(50), 10)).toHaveLength(10);
	expect(fitText('anything', 0)).toBe('');
});

test('the server’s size refusal is recognised, other errors are not', () => {
	expect(isSizeRefusal(new Error('Message size exceeds Message_MaxAllowedSize [error-message-size-exceeded]'))).toBe(true);
	expect(isSizeRefusal(new Error("You can't send messages because the room is readonly."))).toBe(false);
});
