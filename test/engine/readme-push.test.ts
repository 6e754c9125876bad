// The README's push instructions work as written: its two shell blocks (push and ping) run in bash with the
// real `openssl` and `jq`, `curl` replaced by a function that records what it would send; those requests then go
// through the workspace, which parses bodies as a server does, to the app in the real engine.
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

import { Workspace } from '../../workspace/src/Workspace';
import { appZip } from './helpers';

const ROOT = path.join(__dirname, '..', '..');
const LISTS = path.join(__dirname, 'fixtures', 'lists');
const v2 = readFileSync(path.join(LISTS, 'v2.yaml'), 'utf8');
const SOURCE = 'https://lists.example/subprocessors.yaml';

/** The `sh` blocks of the README's push instructions: the push, then the ping. */
function pushBlocks(): string[] {
	// The push instructions moved with their section from the README to docs/feeds-and-push.md.
	const doc = readFileSync(path.join(ROOT, 'docs/feeds-and-push.md'), 'utf8');
	const section = doc.slice(doc.indexOf('**Push instead of poll:**'));
	return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

interface Sent {
	url: string;
	headers: Record<string, string>;
	body: string | undefined;
}

/** curl's arguments as the README uses them: -X, -H, --data-binary @- (stdin), -d. */
function curlRequest(args: string[], stdin: string): Sent {
	const sent: Sent = { url: '', headers: {}, body: undefined };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '-sS') continue;
		if (arg === '-X') expect(args[++i]).toBe('POST');
		else if (arg === '-H') {
			const [name, ...value] = args[++i].split(':');
			sent.headers[name.trim().toLowerCase()] = value.join(':').trim();
		} else if (arg === '--data-binary') {
			expect(args[++i]).toBe('@-');
			sent.body = stdin;
		} else if (arg === '-d') sent.body = args[++i];
		else if (/^https:\/\//.test(arg)) sent.url = arg;
		else throw new Error(`unexpected curl argument ${arg}`);
	}
	return sent;
}

let ws: Workspace;
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'readme-push-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
	await ws?.stop();
});

test("the README's curl push and ping, signed with openssl the README's way, are taken by the app", async () => {
	const blocks = pushBlocks();
	expect(blocks).toHaveLength(2);
	// The push sends data/subprocessors.yaml: here a newer version than the bundled one, so it changes the list.
	mkdirSync(path.join(dir, 'data'), { recursive: true });
	writeFileSync(path.join(dir, 'data', 'subprocessors.yaml'), v2);
	// Numbered by the files already there: in a pipeline the function runs in a subshell.
	const capture = `curl() { local n; n=$(( $(ls | grep -c '^curl-.*\\.args$' || true) + 1 )); printf '%s\\0' "$@" > "curl-$n.args"; cat > "curl-$n.stdin"; }\n`;
	execFileSync('bash', ['-euo', 'pipefail', '-c', `${capture}${blocks.join('\n')}`], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	const [push, ping] = [1, 2].map((n) =>
		curlRequest(
			readFileSync(path.join(dir, `curl-${n}.args`), 'utf8')
				.split('\0')
				.slice(0, -1),
			readFileSync(path.join(dir, `curl-${n}.stdin`), 'utf8'),
		),
	);

	ws = await Workspace.start({ zip: appZip() });
	await ws.advance(0);
	// The README's URL names this app, and its secret is long enough to switch the endpoint on.
	expect(push.url).toBe(`https://chat.example.com/api/apps/public/${ws.appId}/update`);
	const secret = /^SECRET='([^']*)'$/m.exec(blocks[0])?.[1] as string;
	await ws.setSetting('update_secret', secret);

	const pushed = await ws.endpoint('POST', new URL(push.url).pathname, push.headers, push.body);
	expect({ status: pushed.status, body: JSON.parse(pushed.content) }).toMatchObject({
		status: 200,
		body: { result: 'changed', added: ['mueller'] },
	});

	// Setting the source URL runs a check on the fly (a once-job due now, as on the server): the same list as pushed.
	ws.http.on(SOURCE, { status: 200, body: v2 });
	await ws.setSetting('list_source_url', SOURCE);
	// The ping: the source URL now serves a newer list, which the app fetches at once.
	ws.http.on(SOURCE, {
		status: 200,
		body: v2.replace('purpose: Translation of support tickets', 'purpose: Translation of support tickets and chats'),
	});
	ws.http.calls.length = 0;
	expect(ping.body).toBe('{}');
	const pinged = await ws.endpoint('POST', new URL(ping.url).pathname, ping.headers, ping.body);
	expect({ status: pinged.status, body: JSON.parse(pinged.content) }).toMatchObject({
		status: 200,
		body: { result: 'changed', changed: ['mueller'] },
	});
	expect(ws.http.calls.map((c) => c.url)).toEqual([SOURCE]);
});
