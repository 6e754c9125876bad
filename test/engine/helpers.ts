import * as path from 'path';

import { buildAppZip } from '../../workspace/src/packageApp';

export const NOOP_APP_DIR = path.join(__dirname, 'fixtures', 'noop-app');

const cache = new Map<string, Promise<Buffer>>();

/** The noop fixture app as an installable zip (built once per test file and version). */
export function noopZip(version = '1.0.0'): Promise<Buffer> {
	if (!cache.has(version)) cache.set(version, buildAppZip(NOOP_APP_DIR, { info: { version } }));
	return cache.get(version) as Promise<Buffer>;
}
