// Issue 17's scale figures: 20 watched lists of 500 entries each in one workspace — the first list and 19 added
// with `/subprocessors lists add` — measured in a fresh workspace of their own (the main run's first list has grown
// to 5,000 entries by then):
//   - search_ratio_20x500, in_ratio_20x500: a question across all 20 lists ÷ the no-op command (target ≤ 1.5);
//   - check_round_ratio_20: one run of the check job over the 20 unchanged lists ÷ the 20 bare fetches of the same
//     sources by the no-op app (target ≤ 2).
import { Workspace } from '../workspace/src/Workspace';
import type { AppPackage } from './engine-steps';
import { fail, harness, median, round, type Harness } from './harness';
import { generateList, toYaml, type RawList } from './lists';

export const LISTS_20_TARGETS = { commandRatio: 1.5, checkRoundRatio: 2 };
export const LISTS = 20;
const ENTRIES = 500;
const url = (i: number) => `https://vendor-${i}.example/subprocessors.yaml`;

export async function measureLists20(
	app: AppPackage,
	noop: AppPackage,
	seed: RawList,
	reps: { warm: number; commands: number; checks: number },
	figures: Record<string, unknown>,
	log: (line: string) => void,
): Promise<void> {
	const ws = await Workspace.start({ now: new Date('2025-03-03T09:00:00Z') });
	try {
		const h = await harness(ws, app, noop);
		await addLists20(ws, h, seed);

		// -- questions across all lists, each right after a no-op command
		const questions = { search: 'subprocessors email', in: 'subprocessors in germany' } as const;
		const samples: Record<keyof typeof questions | 'noop', number[]> = { search: [], in: [], noop: [] };
		for (let i = 0; i < reps.warm + reps.commands; i++) {
			for (const [variant, text] of Object.entries(questions) as Array<[keyof typeof questions, string]>) {
				const noopMs = await h.command('benchnoop');
				const ms = await h.command(text);
				if (i === 0 && !/vendor1\b/.test(h.lastAnswer()))
					fail(`/${text} did not answer across lists: ${h.lastAnswer().slice(0, 300)}`);
				if (i >= reps.warm) {
					samples.noop.push(noopMs);
					samples[variant].push(ms);
				}
			}
		}
		const noopMs = median(samples.noop);
		figures.noop_ms_20x500 = round(noopMs);
		for (const variant of Object.keys(questions) as Array<keyof typeof questions>) {
			figures[`${variant}_ms_20x500`] = round(median(samples[variant]));
			figures[`${variant}_ratio_20x500`] = round(median(samples[variant]) / noopMs);
		}
		log(
			`20×500: search ${figures.search_ms_20x500} ms, in ${figures.in_ms_20x500} ms, no-op ${figures.noop_ms_20x500} ms (ratios ${figures.search_ratio_20x500}, ${figures.in_ratio_20x500})`,
		);

		// -- a check round over the 20 unchanged lists vs the 20 bare fetches, interleaved
		const rounds: number[] = [];
		const fetches: number[] = [];
		for (let i = 0; i < reps.checks + 1; i++) {
			// The app reads the real clock while the workspace's scheduler runs on its own: date every list's last check
			// an interval back, as an interval of real time would have, so the round finds all 20 due.
			for (const record of ws.records())
				if (record.associations.some((a) => a.id === 'check-status' || a.id.endsWith('/check-status')))
					(record.data as { lastCheckAt?: string }).lastCheckAt = new Date(Date.now() - 2 * 3600_000).toISOString();
			let fetched = 0;
			for (let j = 0; j < LISTS; j++) fetched += await h.bareFetch(url(j));
			const before = ws.http.calls.length;
			const { ms, mark } = await h.nextCheck();
			const announced = ws.seen('admin', mark).filter((e) => e.kind === 'message' && e.room === 'subprocessor-updates').length;
			if (announced !== 0) fail(`a check round of unchanged lists announced ${announced} times`);
			const requested = new Set(ws.http.calls.slice(before).map((call) => call.url)).size;
			if (requested !== LISTS) fail(`the check round fetched ${requested} of ${LISTS} lists`);
			if (i > 0) {
				rounds.push(ms);
				fetches.push(fetched);
			}
		}
		figures.check_round_ms_20 = round(median(rounds), 1);
		figures.bare_fetches_ms_20 = round(median(fetches), 1);
		figures.check_round_ratio_20 = round(median(rounds) / median(fetches));
		log(
			`20×500: check round ${figures.check_round_ms_20} ms vs 20 bare fetches ${figures.bare_fetches_ms_20} ms (ratio ${figures.check_round_ratio_20})`,
		);
		if (ws.errors.length) fail(`errors during the 20-list run: ${JSON.stringify(ws.errors.slice(0, 3))}`);
	} finally {
		await ws.stop();
	}
}

/** The 20 lists in `ws`: the first list's source set to the first generated list, 19 more added with `lists add`. */
export async function addLists20(ws: Workspace, h: Harness, seed: RawList): Promise<void> {
	const admin = ws.user('admin');
	// Each list its own vendors (another random seed), all grown from the bundled list so the first list's switch
	// to 500 entries is a plain addition.
	const bodies = Array.from({ length: LISTS }, (_, i) => {
		const list = generateList(seed, ENTRIES, 7_000 + i);
		return toYaml(i === 0 ? list : { ...list, company: `Vendor ${i}` });
	});
	bodies.forEach((body, i) => ws.http.on(url(i), () => ({ status: 200, headers: { 'content-type': 'application/yaml' }, body })));
	await ws.advance(0);
	await ws.setSetting('list_source_url', url(0));
	await ws.advance(0);
	for (let i = 1; i < LISTS; i++) {
		await h.command(`subprocessors lists add vendor${i} ${url(i)}`, admin);
		if (!/vendor\d+/.test(h.lastAnswer('admin')) || /went wrong|could not|can't|cannot/i.test(h.lastAnswer('admin')))
			fail(`lists add vendor${i}: ${h.lastAnswer('admin').slice(0, 300)}`);
	}
	await ws.jobsOnTheFly();
	await ws.advance(0);
	await h.command('subprocessors lists', admin);
	const listed = h.lastAnswer('admin');
	for (let i = 1; i < LISTS; i++) if (!listed.includes(`vendor${i}`)) fail(`/subprocessors lists does not show vendor${i}`);
}
