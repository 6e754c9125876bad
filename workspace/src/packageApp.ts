import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';

/**
 * Builds an app folder (app.json, the TS main class named like app.json's classFile, i18n/*.json) into an
 * installable zip: ONE CommonJS file with everything bundled except `@rocket.chat/apps-engine/*`, which the
 * engine provides. One file matters: with several, the engine re-bundles at install (its legacy path).
 */
export async function buildAppZip(
	appDir: string,
	options: { entry?: string; minify?: boolean; /** overrides merged into app.json, e.g. { version: '2.0.0' } */ info?: Record<string, unknown> } = {},
): Promise<Buffer> {
	// Loaded lazily: esbuild is a root devDependency, adm-zip comes with the workspace engine.
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const esbuild = require('esbuild') as typeof import('esbuild');
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const AdmZip = require(path.resolve(__dirname, '../engine/node_modules/adm-zip'));

	const info = { ...JSON.parse(readFileSync(path.join(appDir, 'app.json'), 'utf8')), ...options.info } as { classFile: string; iconFile?: string };
	const appJson = JSON.stringify(info, null, 2);
	const classFile = info.classFile.replace(/\.ts$/, '.js');
	const entry = options.entry ?? path.join(appDir, classFile.replace(/\.js$/, '.ts'));
	const result = await esbuild.build({
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'es2020',
		external: ['@rocket.chat/apps-engine', '@rocket.chat/apps-engine/*'],
		minify: options.minify ?? false,
		write: false,
		logLevel: 'silent',
	});

	const zip = new AdmZip();
	zip.addFile('app.json', Buffer.from(appJson));
	zip.addFile(classFile, Buffer.from(result.outputFiles[0].text));
	const i18nDir = path.join(appDir, 'i18n');
	if (existsSync(i18nDir)) {
		for (const file of readdirSync(i18nDir).filter((f) => f.endsWith('.json'))) zip.addFile(`i18n/${file}`, readFileSync(path.join(i18nDir, file)));
	}
	if (info.iconFile && existsSync(path.join(appDir, info.iconFile))) zip.addFile(info.iconFile, readFileSync(path.join(appDir, info.iconFile)));
	return zip.toBuffer();
}
