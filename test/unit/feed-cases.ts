/**
 * Inputs of the change-feed tests (test/unit/feed-writer.test.ts): their expected documents in fixtures/feeds/ were
 * written by the `feed` library (4.2.2, which the app used before its own writer) from these same inputs.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { FeedOptions } from '../../src/features/feeds/feeds';
import type { SubprocessorList } from '../../src/features/list/model';
import { newChangeRecord, type ChangeRecord } from '../../src/features/watch/changes';
import { fingerprint } from '../../src/features/watch/diff';
import { bundledList, edit, SMALL_LIST_HEADER } from './helpers';
import { loadList } from '../../src/features/list/schema';

const ENGINE_LISTS = path.join(__dirname, '..', 'engine', 'fixtures', 'lists');
const v2Text = fs.readFileSync(path.join(ENGINE_LISTS, 'v2.yaml'), 'utf8');

const version = (list: SubprocessorList) => ({ list, fingerprint: fingerprint(list) });

/** A small list whose company and entries carry every character XML and HTML treat specially, and non-ASCII text. */
const TRICKY_COMPANY = `Müller & <Söhne> "Q" O'Brien ]]> 数据`;
const trickyList = (updated: string, entries: string) =>
	loadList(
		SMALL_LIST_HEADER.replace('company: Example GmbH', `company: '${TRICKY_COMPANY.replace(/'/g, "''")}'`).replace(
			'updated: 2024-03-01',
			`updated: ${updated}`,
		) + `subprocessors:\n${entries}`,
		'tricky.yaml',
	);
const TRICKY_BEFORE = `  - name: 'A & B <script>alert("x")</script>'
    category: infrastructure
    purpose: "Hosting ]]> & 'quotes' — ü ñ 日本"
    locations: [Germany]
  - name: Old Vendor
    category: service
    purpose: Tickets
`;
const TRICKY_AFTER = `  - name: 'A & B <script>alert("x")</script>'
    category: infrastructure
    purpose: "Hosting ]]> & 'quotes' — ü ñ 日本 and <b>more</b>"
    locations: [Germany, France]
  - name: '"Quoted" & Co ]]>'
    category: service
    purpose: '&amp; is already escaped; 1 < 2 > 0'
`;

export interface FeedCase {
	name: string;
	records: () => ChangeRecord[];
	options: FeedOptions;
}

const BASE = 'https://chat.example/api/apps/public/5d4e7a44-3ed4-4a5a-9f8b-0dcb5f4e9a1c';

export const FEED_CASES: FeedCase[] = [
	{
		// The bundled list, changed as the engine tests' v2 changes it, then changed again: two entries, newest first.
		name: 'bundled',
		records: () => {
			const v1 = bundledList();
			const v2 = loadList(v2Text, 'v2.yaml');
			let v3Text = edit(v2Text, 'updated: 2024-03-01', 'updated: 2024-04-15');
			v3Text = edit(
				v3Text,
				'  - name: Müller Datenverarbeitung GmbH\n    id: mueller\n',
				'  - name: Müller Datenverarbeitung AG\n    id: mueller\n',
			);
			v3Text = edit(v3Text, '    locations: [Belgium, Netherlands]', '    locations: [Belgium]');
			const v3 = loadList(v3Text, 'v3.yaml');
			const first = newChangeRecord(version(v1), version(v2), new Date('2024-03-01T08:30:00Z'), 30);
			const second = newChangeRecord({ ...version(v2), changeId: first.id }, version(v3), new Date('2024-04-15T17:05:09.123Z'), 30);
			return [second, first, newChangeRecord(undefined, version(v1), new Date('2023-01-06T00:00:00Z'), 30)];
		},
		options: { baseUrl: BASE, company: 'Rocket.Chat' },
	},
	{
		name: 'tricky',
		records: () => {
			const before = trickyList('2024-01-01', TRICKY_BEFORE);
			const after = trickyList('2024-02-01', TRICKY_AFTER);
			return [newChangeRecord(version(before), version(after), new Date('2024-02-02T09:00:00Z'), 14)];
		},
		options: { baseUrl: 'https://chat.example/public?a=1&b=2', company: TRICKY_COMPANY },
	},
	{
		// No change yet: only the baseline, which no feed shows.
		name: 'empty',
		records: () => [newChangeRecord(undefined, version(bundledList()), new Date('2024-01-01T00:00:00Z'), 30)],
		options: { baseUrl: BASE, company: 'Rocket.Chat' },
	},
];
