// Shared by the reliability tests: the size knob, the seed, the figures each file reports to
// `npm run reliability`, and the checks that what the app showed is inert.
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

import type { Workspace, WorkspaceEvent } from '../../workspace/src/Workspace';

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

export interface Shown {
	where: 'message' | 'notification' | 'modal' | 'email';
	room?: string;
	text: string;
}

/** Everything the app showed since `mark`: message/notification text and block texts, modal markdown, e-mails. */
export function shownSince(ws: Workspace, mark: number, outboxFrom = 0): Shown[] {
	const shown: Shown[] = [];
	for (const e of ws.events.filter((x: WorkspaceEvent) => x.seq > mark)) {
		if (e.kind === 'message' || e.kind === 'notification') {
			shown.push({ where: e.kind, room: e.room, text: e.text });
			for (const s of markdownOf(e.blocks)) shown.push({ where: e.kind, room: e.room, text: s });
			// plain_text in message blocks (button labels) is shown as is too; it must not carry a mention either.
			for (const s of stringsOf(e.blocks)) shown.push({ where: e.kind, room: e.room, text: s });
		} else if (e.kind === 'modal' && e.blocks) {
			for (const s of markdownOf(e.blocks)) shown.push({ where: 'modal', text: s });
		} else if (e.kind === 'modal' && e.errors) {
			for (const s of Object.values(e.errors)) shown.push({ where: 'modal', text: s });
		}
	}
	for (const mail of ws.outbox.slice(outboxFrom)) {
		shown.push({ where: 'email', text: `${mail.subject}\n${mail.text ?? ''}` });
		if (mail.html !== undefined) shown.push({ where: 'email', text: `HTML:${String(mail.html)}` });
	}
	return shown;
}

const USERNAMES = ['all', 'here', 'alice', 'bob', 'admin', 'dpo'];
const RAW_MENTION = new RegExp(`(^|[^\\p{L}\\p{N}_.-])@(${USERNAMES.join('|')})(?![\\p{L}\\p{N}_-])`, 'iu');
const RAW_ROOM = /(^|[^\p{L}\p{N}_])#(general|privacy-team|subprocessor-updates)\b/u;

/**
 * Why `text` is not inert, or undefined when it is. `markers` are the markup tokens the input carried
 * (e.g. "INJ1" for "*INJ1*"): each must appear escaped, never as live markup.
 */
export function notInert(text: string, options: { markers?: string[]; links?: boolean } = {}): string | undefined {
	const mention = RAW_MENTION.exec(text);
	if (mention) return `a live mention "@${mention[2]}"`;
	const room = RAW_ROOM.exec(text);
	if (room) return `a live room link "#${room[2]}"`;
	if (options.links !== false) {
		if (/\]\(\s*[a-z]+:/i.test(text)) return 'a markdown link "](…:"';
		if (/<(https?:\/\/|mailto:|javascript:)/i.test(text)) return 'an angle-bracket link';
		if (/(^|[^\w])(javascript|https?):\/\/evil/i.test(text)) return 'a bare link to the injected host';
	}
	for (const marker of options.markers ?? []) {
		const live = new RegExp(`(^|[^\\\\])([*_~\`])${marker}`).exec(text);
		if (live) return `live markup "${live[2]}${marker}"`;
	}
	return undefined;
}

/** A compact snapshot of everything a refused action must not change. */
export function stateSnapshot(ws: Workspace, actor?: string): string {
	const records = ws.records().map((r) => JSON.stringify([r.associations, r.data])).sort();
	// A refusal may be told to the actor by direct message: that is the message, not a change.
	const actorDm = actor ? ws.dm(actor).id : undefined;
	const messages = [...ws.world.messages.values()].filter((m) => m.room?.id !== actorDm).map((m) => JSON.stringify([m.id, m.text, m.blocks])).sort();
	return JSON.stringify({ records, messages, outbox: ws.outbox.length, jobs: ws.bridges.scheduler.jobs.map((j) => [j.name, j.nextRunAt]) });
}

export function recordsOfKind(ws: Workspace, kind: string) {
	return ws.records().filter((r) => r.associations.some((a) => a.id === kind));
}
