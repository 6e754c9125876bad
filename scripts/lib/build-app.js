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
		keepNames: false,
		legalComments: 'none',
		// Node built-ins the engine's sandbox provides to apps (crypto for the update endpoint's HMAC).
		external: ['@rocket.chat/apps-engine', '@rocket.chat/apps-engine/*', 'crypto'],
		loader: { '.yaml': 'text' },
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
