#!/usr/bin/env node
// `npm run test:engines [-- VERSION… | --no-reliability | jest options]`: the full engine suite and the quick
// reliability suite in every Apps-Engine runtime of workspace/engines.json (or the versions given), one jest run
// per engine (SUBPROCESSORS_ENGINE selects it; see jest.config.js), then a table: engine, Rocket.Chat, result, time.
// `npm test` runs the full suites in the newest engine and the smoke suite in the others; this runs everything.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { engines } = JSON.parse(readFileSync(path.join(root, 'workspace', 'engines.json'), 'utf8'));
const args = process.argv.slice(2);
const versions = args.filter((a) => /^\d+\.\d+\.\d+$/.test(a));
const reliability = !args.includes('--no-reliability');
const jestArgs = args.filter((a) => !versions.includes(a) && a !== '--no-reliability');
const unknown = versions.filter((v) => !engines.some((e) => e.version === v));
if (unknown.length) {
	console.error(`test:engines: unknown engine ${unknown.join(', ')}; known: ${engines.map((e) => e.version).join(', ')}`);
	process.exit(2);
}

const rows = [];
for (const engine of engines.filter((e) => !versions.length || versions.includes(e.version))) {
	const newest = engine === engines[0];
	const projects = [
		newest ? 'engine' : `engine@${engine.version}`,
		...(reliability ? [newest ? 'reliability' : `reliability@${engine.version}`] : []),
	];
	console.log(`\n=== Apps-Engine ${engine.version} (Rocket.Chat ${engine.rocketChat}): ${projects.join(', ')}\n`);
	const started = Date.now();
	// The jest options first: --selectProjects takes every word after it.
	const run = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...jestArgs, '--selectProjects', ...projects],
		{
			cwd: root,
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, SUBPROCESSORS_ENGINE: engine.version },
		},
	);
	rows.push({
		engine: engine.version,
		rocketChat: engine.rocketChat,
		passed: run.status === 0,
		seconds: Math.round((Date.now() - started) / 100) / 10,
	});
}

console.log('\n| Apps-Engine | Rocket.Chat | suites | result | time |\n|---|---|---|---|---|');
for (const r of rows)
	console.log(
		`| ${r.engine} | ${r.rocketChat} | engine${reliability ? ' + reliability' : ''} | ${r.passed ? 'passed' : '**failed**'} | ${r.seconds} s |`,
	);
process.exit(rows.every((r) => r.passed) ? 0 : 1);
