// The packaged bundle as the engine installs it (scripts/lib/build-app.js).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import * as path from 'path';
import { build } from 'esbuild';
import { strFromU8, unzipSync } from 'fflate';
import { buildAppZip, dataAsJsonText } from '../../scripts/lib/build-app';
import * as source from '../../src/kernel/i18n';
import * as places from '../../src/kernel/places';

const ROOT = path.join(__dirname, '..', '..');
const COUNTRY_LANGS = ['en', 'pt', 'de', 'es', 'fr', 'it', 'pl', 'ru', 'ja', 'zh', 'tr'];

/** Bundles `entry` (a file, or module text resolved from `root`) with the build's data plugin, minified as the app is, and runs it. */
async function bundled(root: string, entry: { file: string } | { contents: string }): Promise<Record<string, any> & { js: string }> {
	const result = await build({
		...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' } }),
		bundle: true,
		write: false,
		format: 'cjs',
		platform: 'browser',
		target: 'es2022',
		minify: true,
		charset: 'utf8',
		loader: { '.yaml': 'text' },
		plugins: [dataAsJsonText(root)],
		logLevel: 'silent',
	});
	const js = result.outputFiles[0].text;
	const module = { exports: {} as Record<string, any> };
	new Function('module', 'exports', 'require', js)(module, module.exports, createRequire(path.join(root, 'x.js')));
	return { ...module.exports, js };
}

/** Every `JSON.parse(<string literal>)` in a bundle, parsed. */
function jsonTexts(js: string): unknown[] {
	const literals = js.match(/JSON\.parse\(('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)\)/gs) ?? [];
	return literals.map((call) => JSON.parse(new Function(`return ${call.slice('JSON.parse('.length, -1)}`)() as string));
}

test('every runtime language catalog is bundled as one JSON text, not as object literals (install time)', async () => {
	const { zip } = await buildAppZip({ root: ROOT, entry: 'SubprocessorApp.ts' });
	const js = strFromU8(unzipSync(new Uint8Array(zip))['SubprocessorApp.js']);
	const files = readdirSync(path.join(ROOT, 'src', 'kernel', 'i18n')).filter((file) => file !== 'index.ts');
	expect(files).toHaveLength(11);
	expect(Object.keys(source.CATALOGS)).toHaveLength(files.length);
	// Each catalog is one JSON text: [its keys as runs of the shared key list, its values in its own order].
	const texts = jsonTexts(js);
	for (const [lang, messages] of Object.entries(source.CATALOGS)) {
		const asText = texts.filter((value) => Array.isArray(value) && value.length === 2 && isEqual(value[1], Object.values(messages)));
		expect([lang, asText.length]).toEqual([lang, 1]);
	}
	// The keys once, and no catalog left as an object literal (a moved folder: `version_footer:"…"` in the code).
	expect(texts.filter((value) => isEqual(value, keysOfAll()))).toHaveLength(1);
	expect(js).not.toMatch(/[{,]version_footer:/);
	// The country names: their codes once, each language's names as an array.
	const codes = Object.keys(
		(createRequire(path.join(ROOT, 'x.js'))('i18n-iso-countries/langs/en.json') as { countries: object }).countries,
	);
	expect(texts.filter((value) => isEqual(value, codes))).toHaveLength(1);
	expect(js).not.toMatch(/"AF":"Afghanistan"/);
}, 60_000);

const isEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** English's keys, each other catalog's extra keys after the key they follow there. */
function keysOfAll(): string[] {
	const keys: string[] = [];
	for (const messages of [source.CATALOGS.en, ...Object.values(source.CATALOGS)]) {
		let at = 0;
		for (const key of Object.keys(messages)) {
			const i = keys.indexOf(key);
			if (i === -1) keys.splice(at, 0, key);
			at = (i === -1 ? at : i) + 1;
		}
	}
	return keys;
}

test('the bundled catalogs are the source catalogs: same keys in the same order, same values, and the same texts from t()', async () => {
	const built = await bundled(ROOT, { file: path.join(ROOT, 'src', 'kernel', 'i18n', 'index.ts') });
	expect(Object.keys(built.CATALOGS)).toEqual(Object.keys(source.CATALOGS));
	for (const lang of source.LANGUAGES) {
		const [mine, theirs] = [built.CATALOGS[lang] as Record<string, string>, source.CATALOGS[lang] as Record<string, string>];
		expect(Object.entries(mine)).toEqual(Object.entries(theirs));
		for (const key of Object.keys(source.CATALOGS.en) as source.TextKey[]) {
			for (const params of [{}, { count: 1 }, { count: 3 }, { count: 22 }] as source.Params[]) {
				expect(built.t(lang, key, params)).toBe(source.t(lang, key, params));
			}
		}
	}
}, 60_000);

test('a catalog that lacks a key still lacks it when bundled, one in another order keeps its order, extra plural forms stay', async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'catalogs-'));
	try {
		const dir = path.join(root, 'src', 'kernel', 'i18n');
		mkdirSync(dir, { recursive: true });
		const catalogs = {
			en: { hello: 'Hello', bye: 'Bye', item_one: '1 item', item_other: '{count} items', last: 'Last' },
			xx: {
				hello: 'Hallo',
				item_one: '{count} Ding',
				item_few: '{count} Dinge',
				item_many: '{count} Dinger',
				item_other: '{count} D.',
			},
			yy: { last: 'Ostatni', item_other: '{count} y', item_few: '{count} yy', hello: 'Cześć', bye: 'Pa' },
			zz: {},
		};
		for (const [name, messages] of Object.entries(catalogs)) {
			writeFileSync(path.join(dir, `${name}.ts`), `export const ${name} = ${JSON.stringify(messages)};\n`);
		}
		writeFileSync(
			path.join(dir, 'index.ts'),
			`export { en } from './en';\nexport { xx } from './xx';\nexport { yy } from './yy';\nexport { zz } from './zz';\n`,
		);
		const built = await bundled(root, { file: path.join(dir, 'index.ts') });
		for (const [name, messages] of Object.entries(catalogs)) {
			expect([name, Object.entries(built[name])]).toEqual([name, Object.entries(messages)]);
		}
		expect(built.js).not.toMatch(/[{,]hello:/); // as JSON text, not as written
		expect('bye' in built.xx).toBe(false);
		expect('last' in built.xx).toBe(false);
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
}, 60_000);

test('country names are the same when bundled: the data, and every name the app looks up in every language', async () => {
	const imports = COUNTRY_LANGS.map((lang) => `${lang}: require('i18n-iso-countries/langs/${lang}.json')`).join(', ');
	const built = await bundled(ROOT, { contents: `module.exports = { ${imports} };` });
	const files = createRequire(path.join(ROOT, 'x.js'));
	for (const lang of COUNTRY_LANGS) {
		const file = files(`i18n-iso-countries/langs/${lang}.json`) as { locale: string; countries: Record<string, unknown> };
		expect(built[lang]).toEqual(file);
		expect(Object.keys(built[lang].countries).sort()).toEqual(Object.keys(file.countries).sort());
	}
	// places.ts bundled with them: names shown and names recognized, as from the source.
	const app = await bundled(ROOT, { file: path.join(ROOT, 'src', 'kernel', 'places.ts') });
	const codes = Object.keys(files('i18n-iso-countries/langs/en.json').countries as object);
	for (const lang of ['en', 'de', 'pt-BR', 'fr', 'pl', 'ru', 'ja', 'zh-CN', 'tr']) {
		expect(codes.map((code) => app.countryName(code, lang))).toEqual(codes.map((code) => places.countryName(code, lang)));
	}
	for (const name of [
		'Deutschland',
		'Allemagne',
		'Германия',
		'ドイツ',
		'德国',
		'Niemcy',
		'Estados Unidos',
		'Vereinigte Staaten',
		'Türkiye',
	]) {
		expect([name, app.findCountry(name)]).toEqual([name, places.findCountry(name)]);
	}
	expect(app.findCountry('Германия')).toBe('DE');
}, 60_000);

test('the zip deflates each file as a standard zip reader inflates it, and a damaged cache of deflated files is not used', async () => {
	const root = mkdtempSync(path.join(tmpdir(), 'zip-'));
	try {
		const app = path.join(ROOT, 'bench', 'noop-app');
		// Not a cache a local bench run left there: this test fills its own.
		for (const file of readdirSync(app).filter((f) => f !== '.workspace-cache'))
			cpSync(path.join(app, file), path.join(root, file), { recursive: true });
		const first = await buildAppZip({ root, minify: false });
		const cache = path.join(root, '.workspace-cache', 'deflated');
		const cached = readdirSync(cache);
		expect(cached.length).toBe(Object.keys(unzipSync(new Uint8Array(first.zip))).length);
		for (const file of cached) writeFileSync(path.join(cache, file), 'not a deflate stream');
		const second = await buildAppZip({ root, minify: false });
		expect(second.zip.equals(first.zip)).toBe(true);
		const files = unzipSync(new Uint8Array(second.zip));
		expect(Object.keys(files).sort()).toEqual(
			['BenchNoopApp.js', 'app.json', ...readdirSync(path.join(app, 'i18n')).map((f) => `i18n/${f}`)].sort(),
		);
		expect(JSON.parse(strFromU8(files['app.json'])).classFile).toBe('BenchNoopApp.js');
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
}, 60_000);
