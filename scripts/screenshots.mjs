// `npm run screenshots [-- --check]`: runs scripts/screenshots/surfaces.txt in the local workspace (the real
// Apps-Engine, the app packaged from these sources), renders every surface it produced with Rocket.Chat's UIKit
// React renderer (@rocket.chat/fuselage-ui-kit) in headless Chromium (/usr/bin/chromium, Debian's package) and
// writes docs/screenshots/<name>.png. Fails (exit 1) when a surface throws, a block renders empty, or something is
// wider than the surface (a message is 368 px wide in Rocket.Chat, as fuselage's MessageBlock fixedWidth). With
// --check nothing is written: the render check alone (.ci/run runs it after `npm test`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes('--check');
const scriptFile = path.join(root, 'scripts/screenshots/surfaces.txt');
const outDir = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const started = Date.now();

if (!existsSync(executablePath)) {
	console.error(
		`${executablePath} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium), as .ci/run does`,
	);
	process.exit(1);
}

// 1. A real workspace run: every event with its blocks, one JSON object per line.
const lines = execFileSync(process.execPath, [path.join(root, 'scripts/workspace.mjs'), '--json', scriptFile], {
	cwd: root,
	encoding: 'utf8',
	env: { ...process.env, INIT_CWD: root },
	maxBuffer: 64 << 20,
});
const events = lines
	.trim()
	.split('\n')
	.map((l) => JSON.parse(l));
const scriptLines = readFileSync(scriptFile, 'utf8').split('\n');
/** The step (line number) of the nth line that is exactly `text`. */
const step = (text, nth = 1) => {
	let seen = 0;
	const i = scriptLines.findIndex((l) => l.trim() === text && ++seen === nth);
	if (i < 0) throw new Error(`surfaces.txt has no line ${nth}× "${text}"`);
	return i + 1;
};
const find = (name, at, test) => {
	const e = events.find((ev) => ev.step === at && test(ev));
	if (!e) throw new Error(`${name}: the workspace run showed nothing like it at line ${at}`);
	return e;
};
const message = (name, note, at, test) => {
	const e = find(name, at, (ev) => (ev.kind === 'message' || ev.kind === 'notification') && ev.blocks && test(ev));
	const sender = e.kind === 'message' ? e.user : 'subprocessors.bot';
	return {
		name,
		kind: 'message',
		blocks: e.blocks,
		sender,
		note:
			e.kind === 'notification'
				? `only visible to ${e.user} · #${e.room}`
				: e.room.startsWith('dm:')
					? 'direct message'
					: `#${e.room}`,
	};
};
const modal = (name, at, errorsAt) => {
	const e = find(name, at, (ev) => ev.kind === 'modal' && ev.action === 'open');
	const text = e.text.split('\n');
	const buttons = [...text.at(-1).matchAll(/\[([^\]]+)\] \{(close|submit)\}/g)];
	const errors = {};
	if (errorsAt)
		for (const l of find(name, errorsAt, (ev) => ev.kind === 'modal' && ev.action === 'errors').text.split('\n')) {
			const m = /^! ([^:]+): (.*)$/.exec(l);
			if (m) errors[m[1]] = m[2];
		}
	// The form as the user left it: the values of the submit that got the errors.
	const values = {};
	if (errorsAt)
		for (const m of scriptLines[errorsAt - 1].matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g))
			values[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
	return {
		name,
		kind: 'modal',
		blocks: e.blocks,
		values,
		title: text[0].replace(/^== | ==$/g, ''),
		close: buttons.find((b) => b[2] === 'close')?.[1],
		submit: buttons.find((b) => b[2] === 'submit')?.[1],
		errors,
	};
};
const card = (status) => (ev) => ev.room === 'privacy-team' && ev.kind === 'message' && ev.text.includes(`— ${status}`);

const submitValid =
	'submit name="Alice Example" company="Acme GmbH" grounds="Our customers\' data must stay in the EU; Stripe processes it in the US." service="Hosted offering" email="alice@acme.example"';
const surfaces = [
	message('list', '', step('/subprocessors'), () => true),
	message('card', '', step('/subprocessors show Stripe'), () => true),
	message('search', '', step('/subprocessors email'), () => true),
	message('in', '', step('/subprocessors in EU'), () => true),
	message('outside', '', step('/subprocessors outside EU'), () => true),
	message('help', '', step('/subprocessors help'), () => true),
	message('announcement', '', step('@admin /subprocessors sync', 2), (ev) => ev.room === 'subprocessor-updates'),
	message('admin-alert', '', step('@admin /subprocessors sync', 3), (ev) => ev.room.startsWith('dm:admin')),
	modal('objection-form-errors', step('/subprocessors object Stripe'), step('/subprocessors object Stripe') + 1),
	message('team-card-open', '', step(submitValid), card('open')),
	message('team-card-acknowledged', '', step('@dpo #privacy-team click objection-ack'), card('acknowledged')),
	modal('note-form', step('@dpo #privacy-team click objection-resolve'), step('@dpo #privacy-team submit note=""')),
	message('team-card-resolved', '', step('@dpo #privacy-team submit note="Billing moved to an EU entity."'), card('resolved')),
	message(
		'team-card-rejected',
		'',
		step('@dpo #privacy-team submit note="Mailchimp is covered by the EU-US Data Privacy Framework."'),
		card('rejected'),
	),
];

// 2. The page: React 17, fuselage and fuselage-ui-kit bundled into one script.
const bundle = await build({
	entryPoints: [path.join(root, 'scripts/screenshots/page.jsx')],
	bundle: true,
	write: false,
	format: 'iife',
	platform: 'browser',
	target: 'chrome110',
	minify: true,
	define: { 'process.env.NODE_ENV': '"production"' },
	logLevel: 'error',
});
// fuselage draws icons with the RocketChat icon font (@rocket.chat/icons), inlined here.
const iconFont = readFileSync(path.join(root, 'node_modules/@rocket.chat/icons/dist/font/rocketchat.woff2')).toString('base64');
const html = `<!doctype html><html><head><meta charset="utf-8"><style>@font-face{font-family:'RocketChat';src:url(data:font/woff2;base64,${iconFont}) format('woff2')}body{margin:0;background:#fff;font-family:Inter,'DejaVu Sans',sans-serif}</style></head><body><div id="root"></div><script>${bundle.outputFiles[0].text.replace(/<\/script/g, '<\\/script')}</script></body></html>`;

// The check checks itself: three broken surfaces it must reject (a throw, an empty block, a too-wide line).
const canaries = [
	{
		name: 'canary: throws',
		kind: 'message',
		sender: 'x',
		note: '',
		blocks: [{ type: 'actions', blockId: 'a', elements: null }],
		expect: /threw|blocks gave/,
	},
	{
		name: 'canary: empty block',
		kind: 'message',
		sender: 'x',
		note: '',
		blocks: [
			{ type: 'section', blockId: 'b', text: { type: 'mrkdwn', text: 'ok' } },
			{ type: 'context', blockId: 'c', elements: [] },
		],
		expect: /rendered empty/,
	},
	{
		name: 'canary: too wide',
		kind: 'message',
		sender: 'x',
		note: '',
		blocks: [{ type: 'section', blockId: 'd', text: { type: 'mrkdwn', text: `\`${'x'.repeat(80)}\`` } }],
		expect: /wider than the surface/,
	},
];

// 3. One browser for every surface.
// playwright-core launches it with a new, empty profile directory of its own (and removes it on close).
const browser = await chromium.launch({
	executablePath,
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
});
const failures = [];
try {
	const page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: check ? 1 : 2 });
	const pageErrors = [];
	page.on('pageerror', (e) => pageErrors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error') pageErrors.push(m.text());
	});
	// The page is served from memory at a made-up origin (fuselage needs a page with localStorage); every other
	// request is refused: nothing leaves the machine.
	const origin = 'http://render.invalid/';
	await page.route('**/*', (route) =>
		route.request().url() === origin ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }) : route.abort(),
	);
	await page.goto(origin, { waitUntil: 'load' });
	if (pageErrors.length) throw new Error(`the page failed to load: ${pageErrors.join('\n')}`);
	for (const canary of canaries) {
		pageErrors.length = 0;
		const { problems } = await page.evaluate((c) => window.renderSurface(c), canary);
		problems.push(...pageErrors);
		if (!problems.some((p) => canary.expect.test(p)))
			failures.push(`${canary.name}: the check did not catch it (${problems.join('; ') || 'no problems found'})`);
	}
	if (!check) mkdirSync(outDir, { recursive: true });
	for (const surface of surfaces) {
		pageErrors.length = 0;
		const { problems } = await page.evaluate((s) => window.renderSurface(s), surface);
		problems.push(...pageErrors);
		if (problems.length) failures.push(`${surface.name}:\n  ${problems.join('\n  ')}`);
		if (!check) await page.locator('#shot').screenshot({ path: path.join(outDir, `${surface.name}.png`) });
		console.log(
			`${problems.length ? 'FAIL' : 'ok  '} ${surface.name} (${surface.blocks.length} blocks)${check ? '' : ` → docs/screenshots/${surface.name}.png`}`,
		);
	}
} finally {
	await browser.close();
}
console.log(
	`${surfaces.length} surfaces (and ${canaries.length} broken ones the check rejects) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (failures.length) {
	console.error(`render check failed:\n${failures.join('\n')}`);
	process.exit(1);
}
