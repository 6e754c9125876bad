import type { Plugin } from 'esbuild';

export interface BuiltApp {
	zipPath?: string;
	zip: Buffer;
	info: { id: string; version: string; nameSlug: string; classFile: string; [key: string]: unknown };
	jsBytes: number;
}
export function buildAppZip(options: {
	root: string;
	entry?: string;
	outDir?: string;
	appJson?: Record<string, unknown>;
	minify?: boolean;
}): Promise<BuiltApp>;
export function importTs(file: string): Promise<any>;
/** The build's esbuild plugin for data modules (catalogs and imported JSON as JSON text); `root` as in buildAppZip. */
export function dataAsJsonText(root: string): Plugin;
