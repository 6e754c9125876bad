// Builds a Rocket.Chat App zip the way the engine installs it: app.json, ONE bundled CommonJS file (the
// engine's sandbox can only `require` Node built-ins and @rocket.chat/apps-engine/*, so npm dependencies are
// bundled in; with several JS files the engine re-bundles at install, its legacy path), i18n/*.json and the
// icon. Shared by `npm run package`, the engine tests, the local workspace and the benchmark. CommonJS so
// that both the .mjs scripts and the TypeScript tests can load it.
const { spawn } = require('node:child_process');
const { build } = require('esbuild');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');
const { deflateRawSync, inflateRawSync } = require('node:zlib');

/**
 * @param {object} options
 * @param {string} options.root        folder with app.json, the entry file, i18n/ and the icon
 * @param {string} [options.entry]     the main class file (TypeScript), relative to root; default: app.json's classFile as .ts
 * @param {string} [options.outDir]    where to write the zip (not written when omitted)
 * @param {object} [options.appJson]   overrides merged into app.json (e.g. a test version)
 * @param {boolean} [options.minify]
 * @returns {Promise<{ zipPath?: string, zip: Buffer, info: object, jsBytes: number }>}
 */
async function buildAppZip({ root, entry, outDir, appJson = {}, minify = true }) {
	const info = { ...JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')), ...appJson };
	const classFile = info.classFile.replace(/\.ts$/, '.js');
	const result = await build({
		entryPoints: [path.join(root, entry ?? classFile.replace(/\.js$/, '.ts'))],
		bundle: true,
		write: false,
		format: 'cjs',
		// The browser builds: yaml's Node build requires `process`, which the Deno sandbox refuses.
		platform: 'browser',
		// Engines before 1.55 reject syntax newer than ES2017; 1.55+ (the app requires ^1.55.0, and
		// `npm run test:engines` runs it in 1.55.1 to 1.62.0) parse with acorn's 'latest' and run it in Deno.
		target: 'es2022',
		minify,
		// Non-ASCII text as written, not as \uXXXX escapes: the Russian, Japanese and Chinese catalogs are 3–6×
		// smaller so, and the engine reads the bundle as UTF-8 (AppPackageParser: the zip entry's text).
		charset: 'utf8',
		keepNames: false,
		legalComments: 'none',
		// Node built-ins the engine's sandbox provides to apps (crypto for the update endpoint's HMAC).
		external: ['@rocket.chat/apps-engine', '@rocket.chat/apps-engine/*', 'crypto'],
		loader: { '.yaml': 'text' },
		plugins: [dataAsJsonText(root)],
		logLevel: 'silent',
	});
	const js = result.outputFiles[0].contents;

	const files = {
		'app.json': new TextEncoder().encode(JSON.stringify({ ...info, classFile }, null, 4)),
		[classFile]: js,
	};
	const i18nDir = path.join(root, 'i18n');
	if (existsSync(i18nDir)) {
		for (const name of readdirSync(i18nDir).filter((n) => n.endsWith('.json'))) {
			// Compact: the server parses them; their indentation is bytes of the zip's limit.
			files[`i18n/${name}`] = new TextEncoder().encode(JSON.stringify(JSON.parse(readFileSync(path.join(i18nDir, name), 'utf8'))));
		}
	}
	if (info.iconFile && existsSync(path.join(root, info.iconFile))) {
		files[info.iconFile] = readFileSync(path.join(root, info.iconFile));
	}
	const zip = await zipFiles(files, new Date('2020-01-01T00:00:00Z'), path.join(root, '.workspace-cache', 'deflated'));
	let zipPath;
	if (outDir) {
		mkdirSync(outDir, { recursive: true });
		zipPath = path.join(outDir, `${info.nameSlug}_${info.version}.zip`);
		writeFileSync(zipPath, zip);
	}
	return { zipPath, zip, info, jsBytes: js.length };
}

/**
 * A zip archive of the files, each deflated by zopfli (`deflateAll`; 5.3 % smaller than zlib's level 9 for
 * the bundle, and zlib's 2.1 % smaller than fflate's level 9, which built the zip before), dated `mtime` (local
 * time, as zip has it). Any zip reader inflates it: it is plain deflate, only searched harder.
 */
async function zipFiles(files, mtime, cacheDir) {
	const deflated = await deflateCached(Object.values(files), cacheDir);
	const time = (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
	const date = ((mtime.getFullYear() - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate();
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const [n, [name, data]] of Object.entries(files).entries()) {
		const nameBytes = Buffer.from(name, 'utf8');
		const body = deflated[n];
		// The fields a local header (from byte 4) and a central directory header (from byte 6) share.
		const common = Buffer.alloc(26);
		common.writeUInt16LE(20, 0); // version needed: 2.0, deflate
		common.writeUInt16LE(nameBytes.length === name.length ? 0 : 0x800, 2); // flags: UTF-8 names
		common.writeUInt16LE(8, 4); // deflated
		common.writeUInt16LE(time, 6);
		common.writeUInt16LE(date, 8);
		common.writeUInt32LE(crc32(data), 10);
		common.writeUInt32LE(body.length, 14);
		common.writeUInt32LE(data.length, 18);
		common.writeUInt16LE(nameBytes.length, 22);
		const local = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), common, nameBytes]);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4); // made by: 2.0
		common.copy(central, 6);
		central.writeUInt32LE(offset, 42);
		locals.push(local, body);
		centrals.push(central, nameBytes);
		offset += local.length + body.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/**
 * `deflateAll`, with each result kept in `cacheDir` under the SHA-256 of the file: the tests, the bench and the
 * workspace build the same bundle again and again (zopfli takes seconds). A cached stream is used only when it
 * inflates to the very file.
 */
async function deflateCached(files, cacheDir) {
	const cached = files.map((file) => {
		const where = path.join(cacheDir, `${createHash('sha256').update(file).digest('hex')}.${ZOPFLI_ITERATIONS}.deflate`);
		try {
			const stream = readFileSync(where);
			if (Buffer.from(file).equals(inflateRawSync(stream))) return { where, stream };
		} catch {
			// not cached, or not readable: deflated again below
		}
		return { where };
	});
	const missing = cached.filter((entry) => !entry.stream);
	const deflated = missing.length > 0 ? await deflateAll(missing.map((entry) => files[cached.indexOf(entry)])) : [];
	missing.forEach((entry, i) => {
		entry.stream = deflated[i];
		try {
			mkdirSync(cacheDir, { recursive: true });
			const temporary = `${entry.where}.${process.pid}`;
			writeFileSync(temporary, entry.stream);
			renameSync(temporary, entry.where);
		} catch {
			// a cache that cannot be written is only slower
		}
	});
	return cached.map((entry) => entry.stream);
}

/**
 * Zopfli's iterations (part of the cache key). One: 11.8 KB smaller than zlib's level 9 for the app's bundle in
 * ~4 s; 15 (zopfli's default): 0.7 KB smaller again in twice the time, paid once per bundle thanks to the cache —
 * taken when the page reader's languages brought the zip within 1 KB of its 250,000-byte target.
 */
const ZOPFLI_ITERATIONS = 15;

/**
 * Deflates the files with zopfli in a Node process of its own: @gfx/zopfli's Emscripten runtime adds process-wide
 * 'uncaughtException' and 'unhandledRejection' handlers when it loads, which a test runner or the bench must not
 * get. (A script text, not a file beside this one: the bench and the workspace bundle this module elsewhere.)
 */
function deflateAll(files) {
	const script = `const { deflateAsync } = require(${JSON.stringify(require.resolve('@gfx/zopfli'))});
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
	const out = [];
	for (const text of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
		out.push(Buffer.from(await deflateAsync(Buffer.from(text, 'base64'), { numiterations: ${ZOPFLI_ITERATIONS} })).toString('base64'));
	}
	process.stdout.write(JSON.stringify(out));
});`;
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
		const out = [];
		child.stdout.on('data', (chunk) => out.push(chunk));
		child.stdin.on('error', reject);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`zopfli: the deflate process exited with ${code}`));
			resolve(JSON.parse(Buffer.concat(out).toString('utf8')).map((text) => Buffer.from(text, 'base64')));
		});
		child.stdin.end(JSON.stringify(files.map((file) => Buffer.from(file).toString('base64'))));
	});
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
	for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
	return n;
});

function crc32(bytes) {
	let crc = -1;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 255] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

/**
 * Data modules as JSON text: the runtime language catalogs (`src/kernel/i18n/<lang>.ts`, object literals of strings) and
 * the JSON files the code imports (i18n-iso-countries' country names). At install the engine's Deno runtime parses
 * the whole bundle with acorn (`fixBrokenSynchronousAPICalls`, deno-runtime/lib/ast/mod.ts) and then V8 compiles
 * it; as object literals these ~400 KB are thousands of properties to both, as `JSON.parse('…')` one string literal
 * each, which V8's JSON parser reads faster than its JavaScript parser. The values are the same: each module is
 * evaluated here and its exports serialized (esbuild quotes each string with whichever of ' " ` needs the fewest
 * escapes: JSON text has many ", so mostly ').
 *
 * Keys once, for the zip: every catalog repeats the same 300-odd keys, every country file the same 249 codes. The
 * catalogs live in one virtual module: their keys once (English's order, each other catalog's extra plural forms
 * after the key they follow there), then each catalog as one JSON text of its keys as runs of that list
 * ([first, count, …]: a few runs for a catalog in English's order, which skip the others' extra plural forms) and
 * its values in its own order, built back at load into the same object: the same keys in the same order and the same values; a key a
 * catalog lacks stays absent, so `t()` falls back to English as before. They are written in the order that
 * deflates smallest (greedy, pairwise: ~2.4 KB of the zip); each catalog module exports its entry. A country file
 * (`{ locale, countries: { code: name or [names] } }`) becomes its names as an array over its folder's codes, kept
 * once in a virtual module in the order of the folder's en.json (so each map lists its codes in that order; the
 * library reads them by code only). Anything else stays one JSON text. `test/unit/build.test.ts` evaluates them.
 */
function dataAsJsonText(root) {
	const catalogDir = path.resolve(root, 'src', 'kernel', 'i18n');
	let catalogData;
	const loadCatalogs = () => (catalogData ??= catalogModule(catalogDir));
	return {
		name: 'data-as-json-text',
		setup(b) {
			b.onResolve({ filter: /^data-as-json-text:/ }, ({ path: id }) => ({ path: id, namespace: 'data-as-json-text' }));
			b.onLoad({ filter: /^data-as-json-text:catalogs$/, namespace: 'data-as-json-text' }, async () => ({
				contents: (await loadCatalogs()).source,
				loader: 'js',
			}));
			b.onLoad({ filter: /^data-as-json-text:codes:/, namespace: 'data-as-json-text' }, ({ path: id }) => ({
				contents: `const codes = ${literal(countryCodes(id.slice('data-as-json-text:codes:'.length)))};
module.exports = (locale, names) => { const countries = {}; names.forEach((name, i) => { countries[codes[i]] = name; }); return { locale, countries }; };`,
				loader: 'js',
			}));
			b.onLoad({ filter: /\.json$/ }, ({ path: file }) => {
				const value = JSON.parse(readFileSync(file, 'utf8'));
				const codes = isCountryNames(value) ? countryCodes(path.dirname(file)) : undefined;
				if (codes && sameKeys(Object.keys(value.countries), codes)) {
					const id = JSON.stringify(`data-as-json-text:codes:${path.dirname(file)}`);
					const names = literal(codes.map((code) => value.countries[code]));
					return { contents: `module.exports = require(${id})(${JSON.stringify(value.locale)}, ${names});`, loader: 'js' };
				}
				return { contents: `module.exports = ${literal(value)};`, loader: 'js' };
			});
			b.onLoad({ filter: /[\\/]src[\\/]kernel[\\/]i18n[\\/][^\\/]+\.ts$/ }, async ({ path: file }) => {
				if (path.dirname(file) !== catalogDir) return undefined;
				const exports = (await loadCatalogs()).modules.get(path.basename(file));
				if (!exports) return undefined; // not a catalog: bundled as written
				const lines = exports.map(([name, i]) => `export const ${name} = catalogs[${i}];`);
				return { contents: [`import { catalogs } from 'data-as-json-text:catalogs';`, ...lines].join('\n'), loader: 'js' };
			});
		},
	};
}

const literal = (value) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

const isStrings = (value) =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

const sameKeys = (keys, codes) => keys.length === codes.length && new Set([...keys, ...codes]).size === codes.length;

/** i18n-iso-countries' locale files: `{ locale, countries: { code: name or [names] } }` and nothing else. */
const isCountryNames = (value) =>
	typeof value === 'object' &&
	value !== null &&
	Object.keys(value).join() === 'locale,countries' &&
	typeof value.locale === 'string' &&
	isNames(value.countries);

const isNames = (value) =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	Object.values(value).every((name) => typeof name === 'string' || (Array.isArray(name) && name.every((n) => typeof n === 'string')));

/** The country codes of a folder of country files: its en.json's, in that order (none without one). */
function countryCodes(folder) {
	const en = path.join(folder, 'en.json');
	const value = existsSync(en) ? JSON.parse(readFileSync(en, 'utf8')) : undefined;
	return isCountryNames(value) ? Object.keys(value.countries) : undefined;
}

/**
 * The catalogs' virtual module (`source`) and, for each catalog file, its exports as [name, index in `catalogs`].
 */
async function catalogModule(dir) {
	const found = [];
	if (existsSync(dir)) {
		for (const file of readdirSync(dir)
			.filter((f) => f.endsWith('.ts') && f !== 'index.ts')
			.sort()) {
			const exports = await importTs(path.join(dir, file));
			const names = Object.keys(exports);
			if (names.length > 0 && names.every((name) => isStrings(exports[name]))) {
				found.push(...names.map((name) => ({ file, name, messages: exports[name] })));
			}
		}
	}
	found.sort((a, b) => (b.file === 'en.ts') - (a.file === 'en.ts')); // English first: its keys are the reference
	const keys = [];
	for (const { messages } of found) {
		let at = 0;
		for (const key of Object.keys(messages)) {
			const i = keys.indexOf(key);
			if (i === -1) keys.splice(at, 0, key);
			at = (i === -1 ? at : i) + 1;
		}
	}
	// Each catalog: its keys as runs of `keys` ([first, count, first, count, …]) and its values in its own order.
	const encoded = found.map(({ messages }) => {
		const runs = [];
		for (const i of Object.keys(messages).map((key) => keys.indexOf(key))) {
			if (runs.length > 0 && runs.at(-2) + runs.at(-1) === i) runs[runs.length - 1]++;
			else runs.push(i, 1);
		}
		return `messages(${literal([runs, Object.values(messages)])})`;
	});
	const order = deflateOrder(encoded);
	const modules = new Map();
	order.forEach((i, at) => modules.set(found[i].file, [...(modules.get(found[i].file) ?? []), [found[i].name, at]]));
	const source = [
		`const keys = ${literal(keys)};`,
		'const messages = ([runs, values]) => {',
		'	const m = {};',
		'	let v = 0;',
		'	for (let r = 0; r < runs.length; r += 2) for (let i = runs[r]; i < runs[r] + runs[r + 1]; i++) m[keys[i]] = values[v++];',
		'	return m;',
		'};',
		`export const catalogs = [${order.map((i) => encoded[i]).join(',\n')}];`,
	].join('\n');
	return { modules, source };
}

/** An order of the texts that deflates small: the first, then always the one that deflates smallest after the last. */
function deflateOrder(texts) {
	const order = texts.length > 0 ? [0] : [];
	const left = new Set(texts.keys());
	left.delete(0);
	while (left.size > 0) {
		const last = texts[order.at(-1)];
		let best;
		let smallest = Infinity;
		for (const i of left) {
			const size = deflateRawSync(`${last}\n${texts[i]}`, { level: 9 }).length;
			if (size < smallest) [best, smallest] = [i, size];
		}
		order.push(best);
		left.delete(best);
	}
	return order;
}

/** Bundles a TypeScript module for Node and loads it (build scripts use the app's own domain code this way). */
async function importTs(file) {
	const result = await build({
		entryPoints: [file],
		bundle: true,
		write: false,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		loader: { '.yaml': 'text' },
		logLevel: 'silent',
	});
	const module = { exports: {} };
	new Function('module', 'exports', 'require', result.outputFiles[0].text)(
		module,
		module.exports,
		require('node:module').createRequire(file),
	);
	return module.exports;
}

module.exports = { buildAppZip, importTs, dataAsJsonText };
