/**
 * The workspace's message size limit. The server refuses a message whose text is longer than the server setting
 * Message_MaxAllowedSize (executeSendMessage, "error-message-size-exceeded"; the blocks are not measured), so
 * answers are paged and cut by the setting's value, not by a constant.
 */
import type { AppDeps } from './deps';
import { serverSetting } from './server';
import type { AppRuntime } from './runtime';
import { truncate } from '../kernel/text';

export const MESSAGE_SIZE_SETTING = 'Message_MaxAllowedSize';
/** The server's default for the setting. */
export const DEFAULT_MESSAGE_SIZE = 5000;
/**
 * Read again after this long: reading is a round trip on every answer, and an admin rarely changes it. A post
 * refused for its size reads it again at once (messageSizeChanged).
 */
const TTL_MS = 60_000;

/** Kept per app process (AppRuntime.caches). */
export async function messageMaxSize({ read, runtime }: Pick<AppDeps, 'read' | 'runtime'>): Promise<number> {
	const now = Date.now();
	const cached = runtime.caches.messageSize;
	if (cached && now - cached.readAt < TTL_MS) return cached.value;
	// Not readable (no permission, an old server): logged, and the server's default.
	const raw = Number(await serverSetting({ read, logger: runtime.logger }, MESSAGE_SIZE_SETTING));
	const value = Number.isFinite(raw) ? Math.max(0, Math.floor(raw)) : DEFAULT_MESSAGE_SIZE;
	runtime.caches.messageSize = { value, readAt: now };
	return value;
}

/** The server refused a post for its size: the setting was lowered since it was read. */
export function isSizeRefusal(error: unknown): boolean {
	return /error-message-size-exceeded|Message_MaxAllowedSize/.test((error as Error)?.message ?? String(error));
}

export function messageSizeChanged(runtime: AppRuntime): void {
	runtime.caches.messageSize = undefined;
}

/** The text cut to the limit; none at all when the limit is 0 (the server checks only a non-empty text). */
export function fitText(text: string, max: number): string {
	return max > 0 ? truncate(text, max) : '';
}
