// The time expressions apps hand to the scheduler, read the way Agenda (the server's scheduler) reads them:
// human intervals ("1 hour", "30 minutes", "one day and 2 hours", or a number of ms) and 5/6-field cron
// expressions. Cron is evaluated in UTC so tests are deterministic (the server uses its own time zone).

const UNIT_MS: Record<string, number> = {
	ms: 1,
	millisecond: 1,
	second: 1000,
	sec: 1000,
	minute: 60_000,
	min: 60_000,
	hour: 3_600_000,
	day: 86_400_000,
	week: 604_800_000,
	month: 2_592_000_000, // human-interval: 30 days
	year: 31_536_000_000,
};

const WORDS: Record<string, number> = {
	a: 1,
	an: 1,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	fifteen: 15,
	twenty: 20,
	thirty: 30,
	sixty: 60,
};

/** Milliseconds for a human interval, or undefined when the text is not one. */
export function parseHumanInterval(input: string | number): number | undefined {
	if (typeof input === 'number') return input;
	const text = input
		.trim()
		.toLowerCase()
		.replace(/^(in|every)\s+/, '');
	if (/^\d+$/.test(text)) return Number(text);
	const re = /(\d+(?:\.\d+)?|[a-z]+)\s*(milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\b/g;
	let total = 0;
	let matched = '';
	for (const m of text.matchAll(re)) {
		const n = /^\d/.test(m[1]) ? Number(m[1]) : WORDS[m[1]];
		if (n === undefined) return undefined;
		const unit = m[2]
			.replace(/s$/, '')
			.replace(/^secs?$/, 'sec')
			.replace(/^mins?$/, 'min');
		const ms = UNIT_MS[unit] ?? UNIT_MS[m[2]];
		if (ms === undefined) return undefined;
		total += n * ms;
		matched += m[0];
	}
	// Reject text with leftovers other than "and"/commas, so "every monday" isn't silently read as 0.
	const rest = text
		.replace(re, '')
		.replace(/\band\b|,/g, '')
		.trim();
	return matched && !rest ? total : undefined;
}

type Field = Set<number>;

function parseField(spec: string, min: number, max: number): Field {
	const out: Field = new Set();
	for (const part of spec.split(',')) {
		const [range, stepText] = part.split('/');
		const step = stepText ? Number(stepText) : 1;
		let lo = min;
		let hi = max;
		if (range !== '*' && range !== '?') {
			const [a, b] = range.split('-').map(Number);
			lo = a;
			hi = b ?? (stepText ? max : a);
		}
		if ([lo, hi, step].some((n) => Number.isNaN(n)) || lo < min || hi > max || step < 1) throw new Error(`bad cron field "${spec}"`);
		for (let v = lo; v <= hi; v += step) out.add(v);
	}
	return out;
}

export interface Cron {
	seconds: Field;
	minutes: Field;
	hours: Field;
	days: Field;
	months: Field;
	weekdays: Field;
}

export function parseCron(expr: string): Cron | undefined {
	const parts = expr.trim().split(/\s+/);
	if (parts.length !== 5 && parts.length !== 6) return undefined;
	if (!parts.every((p) => /^[\d*?,/-]+$/.test(p))) return undefined;
	const [sec, ...rest] = parts.length === 6 ? parts : ['0', ...parts];
	const [min, hour, dom, mon, dow] = rest;
	try {
		const weekdays = parseField(dow, 0, 7);
		if (weekdays.has(7)) weekdays.add(0);
		return {
			seconds: parseField(sec, 0, 59),
			minutes: parseField(min, 0, 59),
			hours: parseField(hour, 0, 23),
			days: parseField(dom, 1, 31),
			months: parseField(mon, 1, 12),
			weekdays,
		};
	} catch {
		return undefined;
	}
}

/** The first time strictly after `after` matching the cron expression (UTC). */
export function nextCron(cron: Cron, after: number): number {
	const d = new Date(Math.floor(after / 1000) * 1000 + 1000);
	// Minute-by-minute search, bounded to ~5 years; plenty for test clocks.
	for (let guard = 0; guard < 60 * 24 * 366 * 5; guard++) {
		if (!cron.months.has(d.getUTCMonth() + 1) || !cron.days.has(d.getUTCDate()) || !cron.weekdays.has(d.getUTCDay())) {
			d.setUTCHours(0, 0, 0, 0);
			d.setUTCDate(d.getUTCDate() + 1);
			continue;
		}
		if (!cron.hours.has(d.getUTCHours())) {
			d.setUTCMinutes(0, 0, 0);
			d.setUTCHours(d.getUTCHours() + 1);
			continue;
		}
		if (!cron.minutes.has(d.getUTCMinutes())) {
			d.setUTCSeconds(0, 0);
			d.setUTCMinutes(d.getUTCMinutes() + 1);
			continue;
		}
		const second = [...cron.seconds].sort((a, b) => a - b).find((s) => s >= d.getUTCSeconds());
		if (second === undefined) {
			d.setUTCSeconds(0, 0);
			d.setUTCMinutes(d.getUTCMinutes() + 1);
			continue;
		}
		d.setUTCSeconds(second, 0);
		return d.getTime();
	}
	throw new Error('cron expression never matches');
}

export type Interval = { kind: 'every'; ms: number } | { kind: 'cron'; cron: Cron };

export function parseInterval(input: string | number): Interval {
	const cron = typeof input === 'string' ? parseCron(input) : undefined;
	if (cron) return { kind: 'cron', cron };
	const ms = parseHumanInterval(input);
	if (ms === undefined || ms <= 0) throw new Error(`Unsupported schedule interval "${input}"`);
	return { kind: 'every', ms };
}

export function nextRun(interval: Interval, after: number): number {
	return interval.kind === 'every' ? after + interval.ms : nextCron(interval.cron, after);
}

/** A one-time job's "when": a Date, an ISO date, a timestamp, or "in 5 minutes"/"5 minutes" from now. */
export function parseWhen(when: unknown, now: number): number {
	if (when instanceof Date) return when.getTime();
	if (typeof when === 'number') return when;
	if (typeof when === 'string') {
		const rel = parseHumanInterval(when);
		if (rel !== undefined) return now + rel;
		if (when.trim().toLowerCase() === 'now') return now;
		const abs = Date.parse(when);
		if (!Number.isNaN(abs)) return abs;
	}
	throw new Error(`Unsupported schedule time "${String(when)}"`);
}
