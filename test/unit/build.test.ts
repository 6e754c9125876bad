// The packaged bundle as the engine installs it (scripts/lib/build-app.js).
import { readdirSync } from 'fs';
import * as path from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { buildAppZip } from '../../scripts/lib/build-app';
import { en } from '../../src/kernel/i18n/en';

const ROOT = path.join(__dirname, '..', '..');

test('every runtime language catalog is bundled as one JSON text, not as object literals (install time)', async () => {
	const { zip } = await buildAppZip({ root: ROOT, entry: 'SubprocessorApp.ts' });
	const js = strFromU8(unzipSync(new Uint8Array(zip))['SubprocessorApp.js']);
	const catalogs = readdirSync(path.join(ROOT, 'src', 'kernel', 'i18n')).filter((file) => file !== 'index.ts');
	expect(catalogs).toHaveLength(11);
	// A catalog as JSON text starts with its first key; one that the build missed (a moved folder) is an object literal.
	const first = Object.keys(en)[0];
	const asText = js.match(new RegExp(`JSON\\.parse\\([\`'"]\\{\\\\?"${first}\\\\?"`, 'g')) ?? [];
	expect(asText).toHaveLength(catalogs.length);
}, 60_000);
