// `npm run bench -- --profile install` / `npm run bench -- --profile command "subprocessors list" …` (`lists "…"`: the
// same over the benchmark's 20 lists of 500 entries): where the
// time of an install or of a slash command goes, one engine round trip at a time. It hooks the engine's Deno
// runtime controller (requests the engine sends to the app's Deno process, and the accessor/bridge calls the app
// makes back) and prints, for the app and for the no-op app, a timeline of the last repetition and the median of
// each gap. A tool for finding causes, next to the benchmark that measures ratios; it asserts nothing.
//
// Found with it: the `definition/api` and `definition/uikit` index modules cost ~35 ms of every install
// (app:construct); every reply read the bot user from the server (one round trip per answer).
import { readFileSync } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { buildAppZip } from '../scripts/lib/build-app';
import { Workspace } from '../workspace/src/Workspace';
import { installApp, removeApp, runCommand } from './engine-steps';
import { evolve, generateList, seedList, toYaml } from './lists';
import { harness } from './harness';
import { addLists20 } from './lists20';

const DAY = 24 * 60 * 60 * 1000;

const ROOT = path.resolve(__dirname, '..');
const {
	DenoRuntimeSubprocessController,
} = require('../workspace/engine/node_modules/@rocket.chat/apps-engine/server/runtime/deno/AppsEngineDenoRuntime');

/** One step seen by the hooks: what, when it started (ms from the start of the measured action), how long. */
type Step = { what: string; at: number; ms: number };

class Timeline {
	steps: Step[] = [];
	private origin = performance.now();

	restart(): void {
		this.steps = [];
		this.origin = performance.now();
	}

	async time<T>(what: string, run: () => Promise<T>): Promise<T> {
		const at = performance.now() - this.origin;
		try {
			return await run();
		} finally {
			this.steps.push({ what, at, ms: performance.now() - this.origin - at });
		}
	}

	print(title: string): void {
		console.log(`--- ${title}`);
		for (const s of [...this.steps].sort((a, b) => a.at - b.at))
			console.log(`${s.at.toFixed(2).padStart(8)} ms  +${s.ms.toFixed(2).padStart(7)}  ${s.what}`);
	}
}

/** Wraps the controller's two message paths so every round trip lands on the timeline. */
function hookEngine(timeline: Timeline): void {
	const proto = DenoRuntimeSubprocessController.prototype;
	const send = proto.sendRequest;
	proto.sendRequest = function (this: unknown, message: { method: string }, ...rest: unknown[]) {
		return timeline.time(`engine → app  ${message.method}`, () => send.call(this, message, ...rest));
	};
	const incoming = proto.handleIncomingMessage;
	proto.handleIncomingMessage = function (this: unknown, message: { payload: { method: string; params?: unknown } }) {
		const size = JSON.stringify(message.payload.params ?? null).length;
		return timeline.time(`app → engine  ${message.payload.method} (${size} B of params)`, () => incoming.call(this, message));
	};
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;

/** Median start and duration of each step (by name and order of appearance) over the repetitions. */
function summarize(title: string, runs: Step[][], totals: number[]): void {
	console.log(`=== ${title}: median total ${median(totals).toFixed(2)} ms over ${totals.length} runs`);
	const keys = runs[0]?.map((s, i) => `${i}:${s.what}`) ?? [];
	keys.forEach((key, i) => {
		const same = runs.filter((r) => r[i] && `${i}:${r[i].what}` === key).map((r) => r[i]);
		console.log(
			`${median(same.map((s) => s.at))
				.toFixed(2)
				.padStart(8)} ms  +${median(same.map((s) => s.ms))
				.toFixed(2)
				.padStart(7)}  ${key.slice(key.indexOf(':') + 1)}`,
		);
	});
}

export async function main(argv: string[]): Promise<void> {
	const [mode = 'install', ...texts] = argv.filter((a) => a !== '--profile');
	if (mode !== 'install' && mode !== 'command' && mode !== 'check' && mode !== 'lists')
		throw new Error('profile: `install`, `check`, `command "<text>" …` or `lists "<text>" …`');
	const app = await buildAppZip({ root: ROOT, entry: 'SubprocessorApp.ts' });
	const noop = await buildAppZip({ root: path.join(ROOT, 'bench', 'noop-app') });
	const timeline = new Timeline();
	hookEngine(timeline);
	const ws = await Workspace.start({ now: new Date('2025-03-03T09:00:00Z') });
	const admin = ws.user('admin');
	const runs: Record<string, { steps: Step[][]; totals: number[] }> = {};
	const keep = (title: string, total: number) => {
		const r = (runs[title] ??= { steps: [], totals: [] });
		r.steps.push([...timeline.steps].sort((a, b) => a.at - b.at));
		r.totals.push(total);
	};
	try {
		if (mode === 'install') {
			for (let i = 0; i < 11; i++) {
				for (const [title, pkg] of [
					['no-op app', noop],
					['app', app],
				] as const) {
					timeline.restart();
					const ms = await installApp(ws, pkg, admin);
					if (i > 0) keep(title, ms); // the first round warms the engine
					if (i === 10) timeline.print(`${title}: install + enable, last run`);
					await removeApp(ws, pkg.info.id, admin);
				}
			}
		} else if (mode === 'check') {
			// The scheduled check of a 1 % change at 5,000 entries (the benchmark's check_ms_5000_1pct).
			await installApp(ws, app, admin);
			(ws as unknown as { appIdValue: string }).appIdValue = app.info.id;
			await ws.advance(0);
			const url = 'https://privacy.example/subprocessors.yaml';
			let current = generateList(seedList(readFileSync(path.join(ROOT, 'data', 'subprocessors.yaml'), 'utf8')), 500);
			let body = toYaml(current);
			ws.http.on(url, () => ({ status: 200, headers: { 'content-type': 'application/yaml' }, body }));
			await ws.setSetting('list_source_url', url);
			await ws.advance(0);
			current = generateList(current, 5000);
			body = toYaml(current);
			await ws.advance(DAY);
			for (let i = 0; i < 6; i++) {
				current = evolve(current, i);
				body = toYaml(current);
				timeline.restart();
				const t0 = performance.now();
				const ran = await ws.advance(DAY);
				if (!ran.some((r) => r.processor.startsWith('check-list_')) || ran.some((r) => r.error))
					throw new Error(`the check did not run cleanly: ${JSON.stringify(ran).slice(0, 300)}`);
				if (i > 0) keep('check, 1 % of 5,000 changed', performance.now() - t0);
				if (i === 5) timeline.print('check, 1 % of 5,000 changed, last run');
			}
		} else {
			if (mode === 'lists') {
				// The benchmark's 20 lists of 500 entries (bench/lists20.ts): questions across them all.
				const h = await harness(ws, app, noop);
				await addLists20(ws, h, seedList(readFileSync(path.join(ROOT, 'data', 'subprocessors.yaml'), 'utf8')));
			} else {
				await installApp(ws, noop, admin);
				await installApp(ws, app, admin);
				(ws as unknown as { appIdValue: string }).appIdValue = app.info.id;
				await ws.advance(0); // the first check of the bundled list
			}
			const alice = ws.user('alice');
			const defaults = mode === 'lists' ? ['subprocessors email', 'subprocessors in germany'] : ['subprocessors list'];
			const commands = ['benchnoop', ...(texts.length ? texts : defaults)];
			for (let i = 0; i < 250; i++) {
				for (const text of commands) {
					timeline.restart();
					const ms = await runCommand(ws, text, alice, 'general');
					if (i >= 50) keep(`/${text}`, ms);
					if (i === 249) timeline.print(`/${text}, last run`);
				}
			}
		}
	} finally {
		await ws.stop();
	}
	for (const [title, r] of Object.entries(runs)) summarize(title, r.steps, r.totals);
}
