// Purging a removed list's history in the real engine (issue 17 point 1, docs/lists.md "How purging was built"):
// the delivery job's daily pass keeps a removed list readable for REMOVED_LIST_RETENTION_DAYS, then deletes its
// records, the list record last. The app reads the server's clock, so the test dates the removal (and the last
// pass) back in the stored records, as lists-watch.test.ts dates checks back.
import { readFileSync } from 'fs';
import * as path from 'path';

import { Workspace } from '../../workspace/src/Workspace';
import { appZip, privateAnswers } from './helpers';

const GITHUB_URL = 'https://github.example/privacy/subprocessors.yaml';
const DAY = 24 * 3600_000;
const DELIVERY_RUN = 5 * 60_000;

let ws: Workspace;

afterEach(async () => {
	await ws?.stop();
});

const ask = (user: string, text: string) => privateAnswers(ws, user, text);

const recordsOf = (kind: string) => ws.records().filter((r) => r.associations.some((a: { id: string }) => a.id === kind));
const listRecords = (listId: string) =>
	ws
		.records()
		.filter((r) => r.associations.some((a: { id: string }) => a.id.startsWith(`${listId}/`) || a.id.startsWith(`change:${listId}/`)));

/** Dates the list's removal back `days`, and the last daily pass two days, so the next delivery run makes a pass. */
function removedDaysAgo(days: number) {
	(recordsOf('list')[0].data as { removedAt: string }).removedAt = new Date(Date.now() - days * DAY).toISOString();
	for (const record of recordsOf('delivery-maintenance'))
		(record.data as { at: string }).at = new Date(Date.now() - 2 * DAY).toISOString();
}

test('a removed list stays readable for the retention period, then the daily pass deletes its history, the first list’s stays', async () => {
	ws = await Workspace.start({ zip: appZip() });
	await ws.advance(0);
	ws.http.on(GITHUB_URL, {
		status: 200,
		headers: { 'content-type': 'application/yaml' },
		body: readFileSync(path.join(__dirname, 'fixtures', 'lists', 'github-v1.yaml'), 'utf8'),
	});
	await ask('admin', `/subprocessors lists add github ${GITHUB_URL}`);
	const githubId = (recordsOf('list')[0].data as { id: string }).id;
	expect(await ask('admin', '/subprocessors lists remove github')).toContain('365 days after the removal, its history is deleted.');
	await ws.click('admin', 'list-remove', githubId);
	expect(listRecords(githubId).length).toBeGreaterThanOrEqual(3); // pointer, body, check status, baseline change

	removedDaysAgo(364);
	await ws.advance(DELIVERY_RUN);
	expect(recordsOf('delivery-maintenance')[0].data).toMatchObject({ listsPurged: 0 });
	expect(await ask('alice', '/subprocessors changes github')).toContain('started watching');

	removedDaysAgo(366);
	await ws.advance(DELIVERY_RUN);
	expect(recordsOf('delivery-maintenance')[0].data).toMatchObject({ listsPurged: 1 });
	expect(listRecords(githubId)).toEqual([]);
	expect(recordsOf('list')).toEqual([]);
	// The name means nothing any more: `changes` answers with its usage.
	expect(await ask('alice', '/subprocessors changes github')).toContain('Use `/subprocessors changes`');
	// The first list's history is untouched.
	expect(recordsOf('list-pointer')).toHaveLength(1);
	expect(await ask('alice', '/subprocessors changes')).toContain('started watching');
	expect(ws.errors).toEqual([]);
});
