// `npm run bench -- --only memory --heap`: V8's own heap figures from inside each app's Deno child, for finding
// what holds memory (docs/performance.md). A benchmark tool, never on in a figure's run: the engine spawns plain
// `deno` from PATH, so this puts a wrapper first on PATH that adds `--preload` of a small probe (and
// `--v8-flags=--expose-gc`, `--allow-write` of its own folder) to every `deno run`. On SIGUSR2 the probe writes
// the heap's figures to `<dir>/<pid>.json`; on SIGWINCH it first runs a full GC (what is live); on SIGPWR it also
// writes a heap snapshot (`<dir>/<pid>-<n>.heapsnapshot`, for Chrome's memory tab). The probe loads `node:v8`,
// which costs both children the same few MiB: RSS figures of a `--heap` run are not the benchmark's.
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'fs';
import * as path from 'path';

import { denoBinary } from '../workspace/src/deno';

const PROBE = (dir: string) => `
import v8 from 'node:v8';
const dir = ${JSON.stringify(dir)};
const mib = (b) => Math.round((b / 1048576) * 10) / 10;
let n = 0;
let snaps = 0;
const write = (kind) => {
	const h = v8.getHeapStatistics();
	const spaces = {};
	for (const s of v8.getHeapSpaceStatistics()) if (s.space_size > 0) spaces[s.space_name.replace(/_space$/, '')] = [mib(s.space_size), mib(s.space_used_size)];
	const m = Deno.memoryUsage();
	Deno.writeTextFileSync(dir + '/' + Deno.pid + '.json', JSON.stringify({ n: ++n, kind, rss: mib(m.rss), heapTotal: mib(m.heapTotal), heapUsed: mib(m.heapUsed), external: mib(m.external), malloced: mib(h.malloced_memory), peakMalloced: mib(h.peak_malloced_memory), spaces }));
};
Deno.addSignalListener('SIGUSR2', () => write('now'));
Deno.addSignalListener('SIGWINCH', () => { globalThis.gc(); write('gc'); });
Deno.addSignalListener('SIGPWR', () => { globalThis.gc(); v8.writeHeapSnapshot(dir + '/' + Deno.pid + '-' + ++snaps + '.heapsnapshot'); write('snapshot'); });
`;

/** Puts the wrapper first on PATH (before any app is installed); returns the folder the probes write to. */
export function installHeapProbe(dir: string): string {
	mkdirSync(path.join(dir, 'bin'), { recursive: true });
	writeFileSync(path.join(dir, 'probe.js'), PROBE(dir));
	const deno = denoBinary();
	const wrapper = path.join(dir, 'bin', 'deno');
	writeFileSync(
		wrapper,
		`#!/bin/sh\nif [ "$1" = run ]; then shift; exec ${JSON.stringify(deno)} run --v8-flags=--expose-gc --allow-write=${JSON.stringify(dir)} --preload=${JSON.stringify(path.join(dir, 'probe.js'))} "$@"; fi\nexec ${JSON.stringify(deno)} "$@"\n`,
	);
	chmodSync(wrapper, 0o755);
	process.env.PATH = [path.join(dir, 'bin'), process.env.PATH].join(path.delimiter);
	return dir;
}

export interface HeapFigures {
	n: number;
	kind: string;
	rss: number;
	heapTotal: number;
	heapUsed: number;
	external: number;
	malloced: number;
	peakMalloced: number;
	/** MiB committed and used per V8 space (new, old, code, large_object, …). */
	spaces: Record<string, [number, number]>;
}

/** Asks the probe in `pid` for its figures: 'now' as they are, 'gc' after a full GC, 'snapshot' with a heap snapshot too. */
export async function heapFigures(dir: string, pid: number, kind: 'now' | 'gc' | 'snapshot' = 'now'): Promise<HeapFigures> {
	const file = path.join(dir, `${pid}.json`);
	const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as HeapFigures).n : 0;
	process.kill(pid, kind === 'now' ? 'SIGUSR2' : kind === 'gc' ? 'SIGWINCH' : 'SIGPWR');
	for (let i = 0; i < 600; i++) {
		await new Promise((r) => setTimeout(r, 50));
		try {
			const figures = JSON.parse(readFileSync(file, 'utf8')) as HeapFigures;
			if (figures.n > before) return figures;
		} catch {
			// not written yet, or being written
		}
	}
	throw new Error(`bench: the heap probe in ${pid} did not answer`);
}

export function heapLine(f: HeapFigures): string {
	const spaces = Object.entries(f.spaces)
		.map(([name, [size, used]]) => `${name} ${size}/${used}`)
		.join(', ');
	return `RSS ${f.rss}, heap ${f.heapTotal} committed / ${f.heapUsed} used, external ${f.external}, malloc ${f.malloced} (peak ${f.peakMalloced}); spaces (MiB committed/used): ${spaces}`;
}
