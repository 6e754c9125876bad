// Slash command arguments: arbitrary Unicode, control characters, 10,000-character arguments, regex
// metacharacters, after any subcommand. Always exactly one answer (a notification, a room post with `share`, or
// the objection form), within Rocket.Chat's message limits, inert (read with Rocket.Chat's own message parser), and never an error.
import fc from 'fast-check';

import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from '../engine/helpers';
import { MARKUP_CLASSES, SEPARATORS } from '../support/markup';
import { notInert, percentile, report, SEED, shownSince, size } from './support';

/** Rocket.Chat's default Message_MaxAllowedSize, and what a client shows of a section (the app cuts at 2900). */
const MESSAGE_MAX = 5000;
const SECTION_MAX = 3000;
const BLOCKS_MAX = 50;

// The subcommands any member may run (README); sync/status are in permissions.test.ts.
const SUBCOMMANDS = [
	'list',
	'show',
	'in',
	'outside',
	'categories',
	'help',
	'changes',
	'subscribe',
	'unsubscribe',
	'object',
	'objections',
	'my-objections',
	'changes since',
];

const word = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
	{ weight: 2, arbitrary: fc.stringMatching(/^[.*+?^${}()|[\]\\/-]{1,20}$/) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'@all',
			'@here',
			'@alice',
			'#general',
			'[x](http://evil.example)',
			'*b*',
			'_i_',
			'~s~',
			'`c`',
			':smile:',
			'<script>',
			'\u202e',
			'\u0000',
			'\u200b',
			'EU',
			'US',
			'Brasil',
			'stripe',
			'OBJ-2026-0001',
			'2024-01-31',
			'since',
			'999',
			'-1',
			'NaN',
			'__proto__',
			'constructor',
		),
	},
	// Every markup class Rocket.Chat's message parser knows (issue 13), alone and glued to other words.
	{
		weight: 2,
		arbitrary: fc
			.array(fc.constantFrom(...Object.values(MARKUP_CLASSES).flat(), ...SEPARATORS), { minLength: 1, maxLength: 4 })
			.map((parts) => parts.join('')),
	},
	{
		weight: 1,
		arbitrary: fc
			.integer({ min: 1_000, max: 10_000 })
			.chain((n) => fc.constantFrom('x', 'é', '😀', '(', '\\', ' ').map((c) => c.repeat(n))),
	},
	{
		weight: 1,
		arbitrary: fc.string({
			unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\r', '\t', '\u2028', '\u0085', '\ufeff', '\ud800', 'a'),
			minLength: 1,
			maxLength: 40,
		}),
	},
);
const subcommand = fc.constantFrom('', '', '', 'share', ...SUBCOMMANDS, 'share show', 'share in', 'show', 'in', 'outside');
const commandLine = fc
	.tuple(subcommand, fc.array(word, { minLength: 0, maxLength: 4 }), fc.constantFrom('alice', 'bob', 'dpo', 'admin'))
	.map(([sub, words, user]) => ({
		user,
		args: `${sub} ${words.join(' ')}`.slice(0, 10_100),
	}));

let ws: Workspace;
const latencies: number[] = [];
let tried = 0;

beforeAll(async () => {
	ws = await Workspace.start({ zip: appZip() });
	await ws.advance(0);
});
afterAll(async () => {
	await ws?.stop();
	report(__filename, {
		sum: { inputs_tried: tried, command_inputs_tried: tried },
		max: { command_fuzz_p99_ms: Math.round(percentile(latencies, 99)) },
	});
});

test('any argument gets exactly one answer, within the limits, inert, never an error', async () => {
	await fc.assert(
		fc.asyncProperty(commandLine, async ({ user, args }) => {
			const room = 'general';
			const mark = ws.mark();
			const errorsBefore = ws.errors.length;
			const started = performance.now();
			await ws.command(user, room, `/subprocessors ${args}`);
			latencies.push(performance.now() - started);
			tried++;
			// A form opened by `object`: close it again so the next input starts clean.
			const events = ws
				.seen(user, mark)
				.filter((e) => e.kind === 'notification' || e.kind === 'message' || (e.kind === 'modal' && e.action === 'open'));
			ws.world.modals.delete(ws.user(user).username); // the user closes it (the app has no close handler)
			expect(ws.errors.slice(errorsBefore)).toEqual([]);
			// One answer; `object WORDS` that match no vendor opens the form AND says so.
			const answers = events.filter((e) => e.kind !== 'modal');
			const modals = events.filter((e) => e.kind === 'modal');
			expect(answers.length + modals.length).toBeGreaterThanOrEqual(1);
			expect(answers.length).toBeLessThanOrEqual(1);
			for (const e of answers) {
				expect(e.text.length).toBeLessThanOrEqual(MESSAGE_MAX);
				expect(e.text).not.toMatch(/Sorry, something went wrong|Es ist ein Fehler aufgetreten|Desculpe/);
				const blocks = (e.blocks ?? []) as Array<{
					text?: { text: string };
					fields?: Array<{ text: string }>;
					elements?: Array<{ text?: string }>;
				}>;
				expect(blocks.length).toBeLessThanOrEqual(BLOCKS_MAX);
				for (const b of blocks) {
					for (const t of [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((el) => el.text)]) {
						if (typeof t === 'string') expect(t.length).toBeLessThanOrEqual(SECTION_MAX);
					}
				}
			}
			for (const s of shownSince(ws, mark)) {
				const why = notInert(s, { typedEscapes: /\\[*_~`#.]/.test(args) });
				if (why)
					throw new Error(
						`${why} in ${s.where} for /subprocessors ${JSON.stringify(args.slice(0, 200))}: ${JSON.stringify(s.text.slice(0, 300))}`,
					);
			}
		}),
		{ seed: SEED, numRuns: size(150, 3_000), endOnFailure: true },
	);
});

test('the command preview never fails on any argument', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(word, { maxLength: 3 }), async (words) => {
			const preview = await ws.preview('alice', 'general', `/subprocessors ${words.join(' ')}`);
			tried++;
			expect(preview?.items.length ?? 0).toBeLessThanOrEqual(10);
		}),
		{ seed: SEED, numRuns: size(40, 500), endOnFailure: true },
	);
	expect(ws.errors).toEqual([]);
});

test.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty', 'share constructor'])(
	'`/subprocessors %s` (an Object.prototype name) is answered like any word',
	async (args) => {
		const mark = ws.mark();
		await ws.command('alice', 'general', `/subprocessors ${args}`);
		tried++;
		const answers = ws.seen('alice', mark).filter((e) => e.kind === 'notification' || e.kind === 'message');
		expect(ws.errors).toEqual([]);
		expect(answers).toHaveLength(1);
		// Answered as a search for the word: "No sub-processor matches …" with the list's footer.
		expect(answers[0].text ?? '').toContain('sub-processor');
		expect(answers[0].text).not.toMatch(/something went wrong/);
	},
);
