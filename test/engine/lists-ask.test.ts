// Asking across lists (issue 17 point 2) through the real Apps-Engine, against the packaged app zip: a workspace
// with the bundled Rocket.Chat list and a second list, GitHub's. Until `lists add` exists (issue 17 point 1), the
// second list is seeded as that command leaves it: its first good fetch stored under its scope (`l-…/list-pointer`,
// `l-…/list-body`, written by the app's own check, then moved there) and a `list` record found by kind and id.
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from './helpers';

const GITHUB_URL = 'https://github.example/subprocessors.yaml';
const GITHUB_ID = 'l-githubaa';
const GITHUB_YAML = `company: GitHub, Inc.
updated: 2025-06-01
objections:
  email: privacy@github.example
  subject: Objection
categories:
  - id: service
    name: Services
subprocessors:
  - name: Stripe
    category: service
    purpose: Payment processing
    locations: [United States]
  - name: Anthropic
    category: service
    purpose: AI assistance for support agents
    locations: [United States]
  - name: SAP
    category: service
    purpose: Accounting
    locations: [Germany]
`;

let ws: Workspace;
/** The workspace's events after the seeding (its runtime restart is logged as an error event). */
let seeded = 0;

beforeAll(async () => {
	ws = await Workspace.start({ zip: appZip(), appSettings: { list_source_url: GITHUB_URL } });
	ws.http.on(GITHUB_URL, { status: 200, headers: { 'content-type': 'application/yaml' }, body: GITHUB_YAML });
	await ws.advance(0); // the first check: GitHub's list, stored as the first list's
	// Its records move to the second list's scope; the first list is the bundled one again (no pointer yet).
	const moved = ws.bridges.persistence.records.filter(
		(record) => record.appId === ws.appId && record.associations.some((a) => /^list-(pointer|body)$/.test(a.id)),
	);
	expect(moved.length).toBeGreaterThanOrEqual(2);
	for (const record of moved) {
		record.associations = record.associations.map((a) =>
			/^list-(pointer|body)(:|$)/.test(a.id) ? { ...a, id: `${GITHUB_ID}/${a.id}` } : a,
		);
	}
	ws.bridges.persistence.records.push({
		id: 'seeded-list-github',
		appId: ws.appId,
		data: { id: GITHUB_ID, name: 'github', url: GITHUB_URL, createdAt: '2026-01-01T00:00:00.000Z' },
		associations: [
			{ model: 'misc', id: 'list' },
			{ model: 'misc', id: `list:${GITHUB_ID}` },
		],
	});
	await ws.restartRuntime(); // the app's memory of the first list's catalog goes
	await ws.setSetting('list_source_url', '');
	await ws.advance(0);
	seeded = ws.mark();
});

afterAll(async () => {
	await ws?.stop();
});

/** What the asker saw of `/subprocessors QUESTION`: one notification, to the asker only. */
async function ask(question: string): Promise<string> {
	const mark = ws.mark();
	await ws.command('alice', 'general', `/subprocessors ${question}`);
	const seen = ws.seen('alice', mark);
	expect(seen).toHaveLength(1);
	expect(seen[0]).toMatchObject({ kind: 'notification', user: 'alice' });
	return visible(seen[0].text);
}

test('`/subprocessors`: the two lists, and how to ask one', async () => {
	const text = await ask('');
	expect(text.split('\n').slice(0, 3)).toEqual([
		'*Sub-processor lists watched here* (2)',
		'• *rocketchat* — Rocket.Chat · 15 sub-processors · version of 5 January 2023',
		'• *github* — GitHub, Inc. · 3 sub-processors · version of 1 June 2025',
	]);
	expect(text).toContain('`/subprocessors github in United States`');
});

test('`in US` spans both lists, grouped; `github in US` narrows', async () => {
	const all = await ask('in US');
	expect(all).toContain('*rocketchat* — Rocket.Chat\n• Amazon Web Services — ');
	expect(all).toContain('*github* — GitHub, Inc.\n• ');
	expect(all).toContain('• Anthropic — AI assistance for support agents · United States');
	const github = await ask('github in US');
	expect(github.split('\n').slice(0, 2)).toEqual(['In *github*:', '*2 sub-processors process data in* United States']);
	expect(github).not.toContain('Amazon Web Services');
});

test('a name on both lists shows both cards; one on one list its card under the list', async () => {
	const stripe = await ask('stripe');
	expect(stripe.split('\n')[0]).toBe('*rocketchat* — Rocket.Chat');
	expect(stripe).toContain('*github* — GitHub, Inc.\nStripe\n*Purpose:* Payment processing');
	const card = await ask('show github anthropic');
	expect(card.split('\n').slice(0, 2)).toEqual(['In *github*:', 'Anthropic']);
	expect(card).toContain('From the GitHub, Inc. sub-processor list of 1 June 2025.');
});

test('previews offer both lists’ entries, and picking one shows its card', async () => {
	const preview = await ws.preview('alice', 'general', '/subprocessors stri');
	const items = preview?.items ?? [];
	expect(items.map((item) => item.value)).toEqual(expect.arrayContaining(['Stripe (rocketchat)', 'Stripe (github)']));
	const github = items.find((item) => item.value === 'Stripe (github)');
	expect(github?.id).toBe(`${GITHUB_ID}:stripe`);
	const mark = ws.mark();
	await ws.executePreview('alice', 'general', '/subprocessors stri', github?.id ?? '');
	const seen = ws.seen('alice', mark);
	expect(seen).toHaveLength(1);
	expect(visible(seen[0].text)).toContain('*github* — GitHub, Inc.\nStripe\n*Purpose:* Payment processing');
	expect(ws.errors.filter((event) => event.seq > seeded)).toEqual([]);
});
