// How the workspace CLI shows what happened: a readable transcript, or one JSON object per line (--json).
import { renderBlocks } from '../render';
import type { WorkspaceEvent } from '../state';

export type OutputKind = 'message' | 'notification' | 'modal' | 'email' | 'error' | 'file' | 'http';

/** One thing someone saw (or an error), as printed with --json. */
export interface OutputRecord {
	/** Script line number (1-based), --exec index (1-based), interactive input line number; 0 = setup. */
	step: number;
	kind: OutputKind;
	/** Room name: 'general', 'privacy-team', or 'dm:alice,subprocessors.bot' for a direct message room; http: null. */
	room?: string | null;
	/** message: its sender; notification/modal/error: the user it was for; email: the recipient's username; http: null (anonymous). */
	user?: string | null;
	/** The readable rendering (message text and blocks as text; a modal as a form; an e-mail's subject and body). */
	text: string;
	blocks?: unknown[];
	/** modal: open | update | close | errors. */
	action?: string;
	/** message: true when an earlier message was edited. */
	edited?: boolean;
	/** email: recipients and subject. */
	to?: string[];
	subject?: string;
	/** Workspace clock time of the event. */
	at?: string;
	/** http: the response's status, headers (lower-case names, sorted) and complete body as text. */
	status?: number;
	headers?: Record<string, string>;
	body?: string;
}

/** The transcript shows at most this many lines of an HTTP response body (--json has all of it). */
export const HTTP_BODY_LINES = 80;

export function toRecord(e: WorkspaceEvent, step: number): OutputRecord {
	// A message with blocks shows its blocks (its text is the fallback for notifications): no doubled answer.
	const readable = (e.kind === 'message' || e.kind === 'notification') && e.blocks?.length ? renderBlocks(e.blocks) : e.plain;
	const r: OutputRecord = { step, kind: e.kind, room: e.room, user: e.user, text: readable, blocks: e.blocks };
	if (e.action) r.action = e.action;
	if (e.edited) r.edited = true;
	if (e.kind === 'email') {
		r.to = e.to;
		r.subject = e.subject;
	}
	r.at = e.at.toISOString();
	return r;
}

const indent = (text: string, by = '    ') =>
	text
		.split('\n')
		.map((l) => (l ? by + l : l))
		.join('\n');

/** The transcript form of one record: a header line, then the rendering indented. */
export function renderRecord(r: OutputRecord): string {
	const where = r.room ? `#${r.room}` : '';
	switch (r.kind) {
		case 'message':
			return `${where} · ${r.user ?? '?'}${r.edited ? ' (edited)' : ''}:\n${indent(r.text)}`;
		case 'notification':
			return `${where} · only visible to ${r.user}:\n${indent(r.text)}`;
		case 'modal':
			if (r.action === 'close') return `modal for ${r.user} closed`;
			return `modal for ${r.user}${r.action === 'open' ? '' : ` (${r.action})`}${where ? ` from ${where}` : ''}:\n${indent(r.text)}`;
		case 'email': {
			const body = r.text.replace(/^Subject: .*\n?/, '');
			return `email (outbox) to ${(r.to ?? []).join(', ')}\n    Subject: ${r.subject ?? ''}\n${indent(body)}`;
		}
		case 'error':
			return `error${where ? ` in ${where}` : ''}${r.user ? ` (${r.user})` : ''}: ${r.text}`;
		case 'file':
			return `${where} · ${r.user ?? '?'} uploaded a file:\n${indent(r.text)}`;
		case 'http': {
			// text: status line, headers, a blank line, the body. The transcript cuts a long body short.
			const [status, ...lines] = r.text.split('\n');
			const blank = lines.indexOf('');
			const head = blank < 0 ? lines : lines.slice(0, blank);
			const body = blank < 0 ? [] : lines.slice(blank + 1);
			const shown =
				body.length > HTTP_BODY_LINES
					? [...body.slice(0, HTTP_BODY_LINES), `… (${body.length - HTTP_BODY_LINES} more lines; --json prints the whole body)`]
					: body;
			const after = [...head, ...(body.length ? ['', ...shown] : [])];
			return after.length ? `${status}\n${indent(after.join('\n'))}` : status;
		}
	}
}

/** Writes records as the transcript or as JSON lines; errors also go to stderr. */
export class Output {
	/** How stderr names a step ("script.txt:3", "--exec 2"). */
	locate: (step: number) => string = (step) => (step ? `step ${step}` : 'setup');

	constructor(
		readonly json: boolean,
		private readonly stdout: (s: string) => void = (s) => process.stdout.write(s),
		private readonly stderr: (s: string) => void = (s) => process.stderr.write(s),
	) {}

	record(r: OutputRecord): void {
		if (this.json) this.stdout(`${JSON.stringify(r)}\n`);
		if (r.kind === 'error') this.stderr(`${this.locate(r.step)}: ${renderRecord(r)}\n`);
		else if (!this.json) this.stdout(`${indent(renderRecord(r), '  ')}\n`);
	}

	/** Transcript-only text (the echoed input line, info); nothing in --json mode. */
	info(text: string): void {
		if (!this.json) this.stdout(`${text}\n`);
	}

	/** A problem that is not an app event (bad line, unknown user): an error record. */
	error(step: number, text: string, extra: { room?: string; user?: string } = {}): void {
		this.record({ step, kind: 'error', ...extra, text });
	}
}
