#!/usr/bin/env node
// `npm run reliability`: runs the long versions of test/reliability (RELIABILITY=long), then prints what they
// tried and what they found: a table, and as its last line one JSON object with the figures.
// Each test file writes its figures to .workspace-cache/reliability/<file>.json; this script sums them.
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.workspace-cache', 'reliability');
const quick = process.argv.includes('--quick');
const extra = process.argv.slice(2).filter((a) => a !== '--quick');

rmSync(dir, { recursive: true, force: true });
const started = Date.now();
const jest = spawnSync(
	process.execPath,
	[path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', 'reliability', '--runInBand', ...extra],
	{
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, RELIABILITY: quick ? 'quick' : 'long' },
	},
);
const seconds = Math.round((Date.now() - started) / 100) / 10;

const sum = {};
const max = {};
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
	const figures = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
	for (const [k, v] of Object.entries(figures.sum ?? {})) sum[k] = (sum[k] ?? 0) + v;
	for (const [k, v] of Object.entries(figures.max ?? {})) max[k] = Math.max(max[k] ?? -Infinity, v);
}
const n = (k) => sum[k] ?? 0;
const figures = {
	mode: quick ? 'quick' : 'long',
	tests_passed: jest.status === 0,
	seconds,
	inputs_tried: n('inputs_tried'),
	list_files_tried: n('list_files_tried'),
	command_inputs_tried: n('command_inputs_tried'),
	payloads_tried: n('payloads_tried'),
	injection_places_checked: n('injection_places_checked'),
	permission_cells: n('permission_cells'),
	faults_injected: n('faults_injected'),
	fault_scenarios: n('fault_scenarios'),
	restarts: n('restarts'),
	commands_under_load: n('commands_under_load'),
	load_p50_ms: max.load_p50_ms ?? null,
	load_p99_ms: max.load_p99_ms ?? null,
	load_wrong_answers: n('load_wrong_answers'),
	soak_days: n('soak_days'),
	soak_changes: n('soak_changes'),
	soak_failing_hours: n('soak_failing_hours'),
	soak_alerts: n('soak_alerts'),
	max_parse_ms: max.max_parse_ms ?? null,
	max_check_ms: max.max_check_ms ?? null,
	errors: n('errors'),
	objections_lost: n('objections_lost'),
	announcements_lost: n('announcements_lost'),
	announcements_duplicated: n('announcements_duplicated'),
	refusals_that_changed_state: n('refusals_that_changed_state'),
	objection_emails_duplicated: n('objection_emails_duplicated'),
	objection_dms_duplicated: n('objection_dms_duplicated'),
	records_grown_without_change: n('records_grown_without_change'),
	// Multi-instance (HA) scenarios, test/reliability/instances.test.ts: counted from the shared state's ledger.
	instances: max.instances ?? 0,
	objection_routes_duplicated: n('objection_routes_duplicated'),
	admin_alerts_duplicated: n('admin_alerts_duplicated'),
};

const rows = [
	[
		'Bad input',
		`${figures.inputs_tried} inputs (${figures.list_files_tried} list files, ${figures.command_inputs_tried} commands, ${figures.payloads_tried} payloads); slowest parse ${figures.max_parse_ms} ms, slowest check ${figures.max_check_ms} ms`,
	],
	['Injection', `${figures.injection_places_checked} shown texts checked`],
	['Permissions', `${figures.permission_cells} cells; refusals that changed state: ${figures.refusals_that_changed_state}`],
	[
		'Load',
		`${figures.commands_under_load} concurrent commands during a check; p50 ${figures.load_p50_ms} ms, p99 ${figures.load_p99_ms} ms; wrong answers ${figures.load_wrong_answers}`,
	],
	[
		'Soak',
		`${figures.soak_days} simulated days, ${figures.soak_changes} changes, ${figures.soak_failing_hours} failing hours, ${figures.soak_alerts} admin alerts`,
	],
	['Faults', `${figures.faults_injected} faults injected in ${figures.fault_scenarios} scenarios, ${figures.restarts} process restarts`],
	['Lost', `objections ${figures.objections_lost}, announcements ${figures.announcements_lost}`],
	[
		'Duplicated',
		`announcements ${figures.announcements_duplicated} (objection e-mails ${figures.objection_emails_duplicated}, objection DMs ${figures.objection_dms_duplicated}: at least once)`,
	],
	[
		'Instances',
		`up to ${figures.instances} instances at once; duplicated objection routes ${figures.objection_routes_duplicated}, admin alerts ${figures.admin_alerts_duplicated}`,
	],
	['Errors', `${figures.errors}`],
	['Tests', `${figures.tests_passed ? 'all passed' : 'SOME FAILED (see above)'} in ${seconds} s (${figures.mode})`],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log('');
console.log(`${'Area'.padEnd(width)} | Figures`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(60)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)} | ${v}`);
console.log(JSON.stringify(figures));
process.exit(jest.status === 0 ? 0 : 1);
