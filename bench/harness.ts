// What the benchmark's sections share: both apps installed in one workspace with their jobs timed, and the
// small statistics. A benchmark helper, not a test.
import { performance } from 'perf_hooks';

import type { IUser } from '../workspace/src/engine';
import type { Workspace } from '../workspace/src/Workspace';
import { installApp, runCommand, type AppPackage } from './engine-steps';

export const median = (xs: number[]): number => {
	if (xs.length === 0) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

export function fail(message: string): never {
	throw new Error(`bench: ${message}`);
}

export interface Harness {
	appPid: number;
	noopPid: number;
	/** The last run's milliseconds of each job, by name without the app id. */
	jobTimes: Map<string, number>;
	/** One slash command through the engine, as the server runs it; returns ms and checks one answer arrived. */
	command: (text: string, user?: IUser) => Promise<number>;
	lastAnswer: (user?: string) => string;
	/** The no-op app's one-off job that only GETs the URL: the bare fetch a check is compared with. */
	bareFetch: (url: string) => Promise<number>;
	/** Runs the check-list job at its next run; returns its milliseconds and the event mark before it. */
	nextCheck: () => Promise<{ ms: number; mark: number }>;
}

/** Installs both apps in `ws` (the Subprocessors app last, so the facade drives it) and times their jobs. */
export async function harness(ws: Workspace, app: AppPackage, noop: AppPackage): Promise<Harness> {
	const admin = ws.user('admin');
	await installApp(ws, noop, admin);
	await installApp(ws, app, admin);
	// The facade drives one app; the Subprocessors app is that one (settings, advance, events).
	(ws as unknown as { appIdValue: string }).appIdValue = app.info.id;
	const appPid: number = (ws.app.getRuntimeController() as any).deno.pid;
	const noopPid: number = (ws.manager.getOneById(noop.info.id).getRuntimeController() as any).deno.pid;

	// Times of each job run, taken around the processor the engine registered (it runs the app's code in Deno).
	const jobTimes = new Map<string, number>();
	const processors = (ws.bridges.scheduler as unknown as { processors: Map<string, { processor: (...a: any[]) => Promise<void> }> })
		.processors;
	for (const [name, p] of processors) {
		const original = p.processor;
		p.processor = async (...args: any[]) => {
			const t0 = performance.now();
			try {
				return await original(...args);
			} finally {
				jobTimes.set(name.replace(/_[0-9a-f-]{36}$/, ''), performance.now() - t0);
			}
		};
	}
	const alice = ws.user('alice');
	const command = async (text: string, user = alice): Promise<number> => {
		const before = ws.world.events.length;
		const dt = await runCommand(ws, text, user, 'general');
		const answers = ws.world.events.slice(before).filter((e) => e.kind === 'notification' && e.user === user.username);
		if (answers.length !== 1)
			fail(`/${text} gave ${answers.length} answers: ${JSON.stringify(ws.world.events.slice(before)).slice(0, 400)}`);
		return dt;
	};
	const lastAnswer = (user = 'alice') =>
		[...ws.world.events].reverse().find((e) => e.kind === 'notification' && e.user === user)?.text ?? '';
	const bareFetch = async (url: string): Promise<number> => {
		jobTimes.delete('benchfetch');
		// Schedules the job due now (answers nothing), which the scheduler runs on the fly, as the server does.
		await command(`benchfetch ${url}`).catch(() => undefined);
		await ws.jobsOnTheFly();
		const ran = await ws.advance(0);
		if (ran.some((r) => r.error)) fail(`benchfetch failed: ${JSON.stringify(ran)}`);
		const ms = jobTimes.get('benchfetch');
		if (ms === undefined) fail('the benchfetch job did not run');
		return ms;
	};
	const nextCheck = async (): Promise<{ ms: number; mark: number }> => {
		const job = ws.bridges.scheduler.jobs.find((j) => j.name.startsWith('check-list_'));
		if (!job) fail('no check-list job is scheduled');
		const mark = ws.mark();
		jobTimes.delete('check-list');
		const ran = await ws.advance(Math.max(0, job.nextRunAt - ws.now.getTime()));
		const failed = ran.filter((r) => r.error);
		if (failed.length) fail(`a job failed: ${JSON.stringify(failed)}`);
		const ms = jobTimes.get('check-list');
		if (ms === undefined) fail('the check-list job did not run');
		return { ms, mark };
	};
	return { appPid, noopPid, jobTimes, command, lastAnswer, bareFetch, nextCheck };
}
