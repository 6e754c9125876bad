import * as path from 'path';

import { buildAppZip } from '../../scripts/lib/build-app';

export const NOOP_APP_DIR = path.join(__dirname, 'fixtures', 'noop-app');

const cache = new Map<string, Promise<Buffer>>();

/** The noop fixture app as an installable zip (built once per test file and version). */
export function noopZip(version = '1.0.0'): Promise<Buffer> {
	if (!cache.has(version)) cache.set(version, buildAppZip({ root: NOOP_APP_DIR, appJson: { version }, minify: false }).then((built) => built.zip));
	return cache.get(version) as Promise<Buffer>;
}
