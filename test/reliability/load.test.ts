// Load: 200 slash commands from 20 users, all at once, while a scheduled check runs and announces a change. Every
// command is answered exactly once, correctly (the answer for the list before or after the change), no error.
import fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';

import { Workspace, type UserSpec } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { HOUR, percentile, report, SEED, size } from './support';

const LISTS = path.join(__dirname, '..', 'engine', 'fixtures', 'lists');
const URL = 'https://lists.example/subprocessors.yaml';
const LANGS = ['en', 'de', 'pt-BR', null] as const;
const USERS = Array.from({ length: 20 }, (_, i) => `user${String(i + 1).padStart(2, '0')}`);
const COMMANDS = [
	'/subprocessors',
	'/subprocessors list 2',
	'/subprocessors stripe',
	'/subprocessors show Müller',
	'/subprocessors email marketing',
	'/subprocessors mailchmp',
	'/subprocessors in EU',
	'/subprocessors outside US',
	'/subprocessors in Brasil',
	'/subprocessors categories',
	'/subprocessors help',
	'/subprocessors changes',
	'/subprocessors nothing-like-this',
];

test('200 concurrent commands from 20 users during a scheduled check: all answered, correct, no error', async () => {
	const users: Record<string, UserSpec> = Object.fromEntries(
		USERS.map((u, i) => [u, { name: `Load ${u}`, language: LANGS[i % LANGS.length] }]),
	);
	const ws = await Workspace.start({
		zip: appZip(),
		users,
		rooms: { general: { type: 'channel', members: ['alice', 'bob', 'admin', 'dpo', ...USERS], isDefault: true } },
	});
	try {
		ws.http.on(URL, { status: 200, body: readFileSync(path.join(LISTS, 'v1.yaml'), 'utf8') });
		await ws.setSetting('list_source_url', URL);
		await ws.advance(0);

		// What each command answers, per language, before and after the change (asked one at a time).
		const expected = async (): Promise<Map<string, string>> => {
			const answers = new Map<string, string>();
			for (const [i, lang] of LANGS.entries()) {
				for (const line of COMMANDS) {
					const mark = ws.mark();
					await ws.command(USERS[i], 'general', line);
					answers.set(
						`${lang}|${line}`,
						ws
							.seen(USERS[i], mark)
							.filter((e) => e.kind === 'notification')
							.map((e) => e.text)
							.join('\n'),
					);
				}
			}
			return answers;
		};
		// Long: ten rounds of the same load, each during a check that changes the list (v1 → v2 → v2 + a vendor …).
		const withVendor = (round: number) =>
			readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8').replace(
				/\nsubprocessors:\n/,
				`\nsubprocessors:\n  - name: Load Vendor ${round}\n    category: service\n    purpose: Load round ${round}\n`,
			);
		const rounds = size(1, 10);
		const perRound = 200;
		const latencies: number[] = [];
		let wrong = 0;
		let wall = 0;
		let announced = 0;
		for (let round = 0; round < rounds; round++) {
			const before = await expected();
			const workload = fc.sample(fc.tuple(fc.nat(USERS.length - 1), fc.constantFrom(...COMMANDS)), {
				seed: SEED + round,
				numRuns: perRound,
			});
			ws.http.on(URL, { status: 200, body: round === 0 ? readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8') : withVendor(round) });
			const mark = ws.mark();
			const started = performance.now();
			const [runs] = await Promise.all([
				ws.advance(HOUR), // the scheduled check: fetches the other list, stores it, announces it
				...workload.map(async ([u, line]) => {
					const t = performance.now();
					await ws.command(USERS[u], 'general', line);
					latencies.push(performance.now() - t);
				}),
			]);
			wall = Math.max(wall, performance.now() - started);
			expect((runs as Array<{ error?: string }>).filter((r) => r.error)).toEqual([]);
			expect(ws.errors).toEqual([]);
			const endOfLoad = ws.mark();
			const after = await expected();

			// Each user's answers, matched to the commands they sent: each is the before- or after-answer.
			for (const [u, name] of USERS.entries()) {
				const lang = LANGS[u % LANGS.length];
				const answers = ws
					.seen(name, mark)
					.filter((e) => e.seq <= endOfLoad && e.kind === 'notification')
					.map((e) => e.text);
				const sent = workload.filter(([x]) => x === u).map(([, line]) => line);
				if (answers.length !== sent.length) wrong += Math.abs(answers.length - sent.length);
				const pool = [...answers];
				for (const line of sent) {
					const i = pool.findIndex((a) => a === before.get(`${lang}|${line}`) || a === after.get(`${lang}|${line}`));
					if (i < 0) wrong++;
					else pool.splice(i, 1);
				}
			}
			announced += ws
				.seen('admin', mark)
				.filter((e) => e.seq <= endOfLoad && e.kind === 'message' && e.room === 'subprocessor-updates').length;
		}
		const total = rounds * perRound;
		const p50 = percentile(latencies, 50);
		const p99 = percentile(latencies, 99);
		report(__filename, {
			sum: { commands_under_load: total, load_wrong_answers: wrong, errors: ws.errors.length },
			max: { load_p50_ms: Math.round(p50 * 10) / 10, load_p99_ms: Math.round(p99 * 10) / 10, load_wall_ms: Math.round(wall) },
		});
		console.log(
			`load: ${rounds} × ${perRound} concurrent commands, slowest round ${Math.round(wall)} ms, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
		);
		expect(latencies).toHaveLength(total);
		expect(wrong).toBe(0);
		expect(announced).toBe(rounds);
	} finally {
		await ws.stop();
	}
});
