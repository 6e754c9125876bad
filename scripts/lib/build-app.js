// Builds a Rocket.Chat App zip the way the engine installs it: app.json, ONE bundled CommonJS file (the
// engine's sandbox can only `require` Node built-ins and @rocket.chat/apps-engine/*, so npm dependencies are
// bundled in; with several JS files the engine re-bundles at install, its legacy path), i18n/*.json and the
// icon. Shared by `npm run package`, the engine tests, the local workspace and the benchmark. CommonJS so
// that both the .mjs scripts and the TypeScript tests can load it.
const { build } = require('esbuild');
const { zipSync } = require('fflate');
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

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
			files[`i18n/${name}`] = readFileSync(path.join(i18nDir, name));
		}
	}
	if (info.iconFile && existsSync(path.join(root, info.iconFile))) {
		files[info.iconFile] = readFileSync(path.join(root, info.iconFile));
	}
	const zip = Buffer.from(zipSync(files, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') }));
	let zipPath;
	if (outDir) {
		mkdirSync(outDir, { recursive: true });
		zipPath = path.join(outDir, `${info.nameSlug}_${info.version}.zip`);
		writeFileSync(zipPath, zip);
	}
	return { zipPath, zip, info, jsBytes: js.length };
}

/**
 * Data modules as JSON text: the runtime language catalogs (`src/kernel/i18n/<lang>.ts`, object literals of strings) and
 * the JSON files the code imports (i18n-iso-countries' country names). At install the engine's Deno runtime parses
 * the whole bundle with acorn (`fixBrokenSynchronousAPICalls`, deno-runtime/lib/ast/mod.ts) and then V8 compiles
 * it; as object literals these ~400 KB are thousands of properties to both, as `JSON.parse("…")` one string literal
 * each, which V8's JSON parser reads faster than its JavaScript parser. The values are the same: each module is
 * evaluated here and its exports serialized.
 */
function dataAsJsonText(root) {
	const catalogs = path.join(root, 'src', 'kernel', 'i18n');
	const literal = (value) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;
	return {
		name: 'data-as-json-text',
		setup(b) {
			b.onLoad({ filter: /\.json$/ }, ({ path: file }) => ({
				contents: `module.exports = ${literal(JSON.parse(readFileSync(file, 'utf8')))};`,
				loader: 'js',
			}));
			b.onLoad({ filter: /[\\/]src[\\/]kernel[\\/]i18n[\\/][^\\/]+\.ts$/ }, async ({ path: file }) => {
				if (path.dirname(file) !== catalogs || path.basename(file) === 'index.ts') return undefined;
				const exports = await importTs(file);
				const names = Object.keys(exports);
				if (!names.every((name) => isStrings(exports[name]))) return undefined; // not a catalog: bundled as written
				return { contents: names.map((name) => `export const ${name} = ${literal(exports[name])};`).join('\n'), loader: 'js' };
			});
		},
	};
}

const isStrings = (value) =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

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

module.exports = { buildAppZip, importTs };
