// Shared by the reliability tests: the size knob, the seed, the figures each file reports to
// `npm run reliability`, and the checks that what the app showed is inert.
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

import { REFERENCE_ALPHABET } from '../../src/features/objections/model';
import type { Workspace, WorkspaceEvent } from '../../workspace/src/Workspace';
import { BLOCK_OPTIONS, liveNodes, MESSAGE_OPTIONS, parsed, visibleText } from '../support/markup';

/** `RELIABILITY=long` (what `npm run reliability` sets) runs the long versions; `npm test` runs the quick ones. */
export const LONG = process.env.RELIABILITY === 'long';
export const size = (quick: number, long: number): number => (LONG ? long : quick);
/** One seed for every property run, so a failure reproduces: `RELIABILITY_SEED=<n> npx jest …`. */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20261129);

export const ROOT = path.join(__dirname, '..', '..');
export const FIGURES_DIR = path.join(ROOT, '.workspace-cache', 'reliability');

export interface Figures {
	/** Summed over all files. */
	sum?: Record<string, number>;
	/** The maximum over all files. */
	max?: Record<string, number>;
}

/** Adds figures for this test file; `npm run reliability` aggregates every file's figures. */
export function report(file: string, figures: Figures): void {
	mkdirSync(FIGURES_DIR, { recursive: true });
	const target = path.join(FIGURES_DIR, `${path.basename(file).replace(/\.test\.ts$/, '')}.json`);
	let current: Required<Figures> = { sum: {}, max: {} };
	try {
		current = { sum: {}, max: {}, ...JSON.parse(readFileSync(target, 'utf8')) };
	} catch {
		/* first figures of this run */
	}
	for (const [k, v] of Object.entries(figures.sum ?? {})) current.sum[k] = (current.sum[k] ?? 0) + v;
	for (const [k, v] of Object.entries(figures.max ?? {})) current.max[k] = Math.max(current.max[k] ?? -Infinity, v);
	writeFileSync(target, JSON.stringify({ ...current, long: LONG, at: new Date().toISOString() }, null, 2));
}

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export function percentile(values: number[], p: number): number {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Every string inside a value (block trees, views), depth first. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
	else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
	return out;
}

/** The markdown a user can see in a block tree: mrkdwn texts and message text (plain_text never renders markup). */
export function markdownOf(value: unknown, out: string[] = []): string[] {
	if (Array.isArray(value)) for (const v of value) markdownOf(v, out);
	else if (value && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		if (obj.type === 'mrkdwn' && typeof obj.text === 'string') out.push(obj.text);
		for (const [k, v] of Object.entries(obj)) if (k !== 'text' || typeof v !== 'string') markdownOf(v, out);
	}
	return out;
}

/** The plain_text texts in a block tree (button labels, plain sections): shown as they are, never parsed. */
export function plainTextsOf(value: unknown, out: string[] = []): string[] {
	if (Array.isArray(value)) for (const v of value) plainTextsOf(v, out);
	else if (value && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		if (obj.type === 'plain_text' && typeof obj.text === 'string') out.push(obj.text);
		for (const v of Object.values(obj)) plainTextsOf(v, out);
	}
	return out;
}

export interface Shown {
	where: 'message' | 'notification' | 'modal' | 'email';
	/** How Rocket.Chat reads it: message text (parsed with the server's options), a mrkdwn block, plain_text, e-mail. */
	kind: 'text' | 'mrkdwn' | 'plain' | 'email';
	room?: string;
	text: string;
}

/** Everything the app showed since `mark`: message/notification text and block texts, modal texts, e-mails. */
export function shownSince(ws: Workspace, mark: number, outboxFrom = 0): Shown[] {
	const shown: Shown[] = [];
	for (const e of ws.events.filter((x: WorkspaceEvent) => x.seq > mark)) {
		if (e.kind === 'message' || e.kind === 'notification') {
			shown.push({ where: e.kind, kind: 'text', room: e.room, text: e.text });
			for (const s of markdownOf(e.blocks)) shown.push({ where: e.kind, kind: 'mrkdwn', room: e.room, text: s });
			for (const s of plainTextsOf(e.blocks)) shown.push({ where: e.kind, kind: 'plain', room: e.room, text: s });
		} else if (e.kind === 'modal' && e.blocks) {
			for (const s of markdownOf(e.blocks)) shown.push({ where: 'modal', kind: 'mrkdwn', text: s });
			for (const s of plainTextsOf(e.blocks)) shown.push({ where: 'modal', kind: 'plain', text: s });
		} else if (e.kind === 'modal' && e.errors) {
			for (const s of Object.values(e.errors)) shown.push({ where: 'modal', kind: 'plain', text: s });
		}
	}
	for (const mail of ws.outbox.slice(outboxFrom)) {
		shown.push({ where: 'email', kind: 'email', text: `${mail.subject}\n${mail.text ?? ''}` });
		if (mail.html !== undefined) shown.push({ where: 'email', kind: 'email', text: `HTML:${String(mail.html)}` });
	}
	return shown;
}

/** The app's own markup: bold labels, italic notes, `/subprocessors …` as code, and a link to its announcements channel. */
const APP_MARKUP = ['BOLD', 'ITALIC', 'INLINE_CODE', 'MENTION_CHANNEL'];
const APP_ROOMS = ['subprocessor-updates'];
const OBJECTION_REFERENCE = new RegExp(`OBJ-\\d{4}-[${REFERENCE_ALPHABET}]+`, 'g');

/**
 * Why `shown` is not as promised, or undefined when it is, read with Rocket.Chat's own message parser: message
 * text with every server option on, mrkdwn as the UIKit renderer parses it. No node may be live markup except the
 * app's own (which must not hold outsider text: `markers` are tokens only outsider text carries), and no escape
 * character may show. plain_text is not parsed, so there it is the escapes that must not show.
 */
export function notInert(shown: Shown | string, options: { markers?: string[]; typedEscapes?: boolean } = {}): string | undefined {
	const s: Shown = typeof shown === 'string' ? { where: 'message', kind: 'text', text: shown } : shown;
	if (s.kind === 'email') return undefined;
	// `typedEscapes`: the input itself had a backslash before a markup character, which must then show.
	if (s.kind === 'plain')
		return /\u2060/.test(s.text) || (!options.typedEscapes && /\\[*_~`#.]/.test(s.text))
			? 'markdown escapes shown in plain_text'
			: undefined;
	const root = parsed(s.text, s.kind === 'text' ? MESSAGE_OPTIONS : BLOCK_OPTIONS);
	for (const node of liveNodes(root)) {
		const json = JSON.stringify(node);
		if (!APP_MARKUP.includes(node.type) || (node.type === 'MENTION_CHANNEL' && !APP_ROOMS.some((r) => json.includes(`"${r}"`))))
			return `a live ${node.type}: ${json.slice(0, 200)}`;
		// Inline code is the app quoting a bad list line: its content is literal by the grammar (no node inside).
		// An objection's reference is the app's own, and its random letters can spell a marker (OBJ-2026-RXMKGT).
		const own = json.replace(OBJECTION_REFERENCE, 'OBJ-REF');
		const marker = node.type === 'INLINE_CODE' ? undefined : (options.markers ?? []).find((m) => own.includes(m));
		if (marker) return `outsider text (${marker}) inside the app's ${node.type}: ${json.slice(0, 200)}`;
	}
	const visible = visibleText(root);
	if (!options.typedEscapes && /\\[*_~`#.]/.test(visible)) return `an escape shows: ${JSON.stringify(visible.slice(0, 200))}`;
	return undefined;
}

/** A compact snapshot of everything a refused action must not change. */
export function stateSnapshot(ws: Workspace, actor?: string): string {
	const records = ws
		.records()
		.map((r) => JSON.stringify([r.associations, r.data]))
		.sort();
	// A refusal may be told to the actor by direct message: that is the message, not a change.
	const actorDm = actor ? ws.dm(actor).id : undefined;
	const messages = [...ws.world.messages.values()]
		.filter((m) => m.room?.id !== actorDm)
		.map((m) => JSON.stringify([m.id, m.text, m.blocks]))
		.sort();
	return JSON.stringify({
		records,
		messages,
		outbox: ws.outbox.length,
		jobs: ws.bridges.scheduler.jobs.map((j) => [j.name, j.nextRunAt]),
	});
}

export function recordsOfKind(ws: Workspace, kind: string) {
	return ws.records().filter((r) => r.associations.some((a) => a.id === kind));
}
