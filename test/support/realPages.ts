// Rocket.Chat's real sub-processor page, every distinct version (shared reference data, never copied into
// the repo). CI has shared/ beside the repo; a worktree elsewhere falls back to /work/shared. Tests that
// need the pages are skipped only when neither exists.
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');

export const PAGES_DIR = [path.resolve(REPO, '../shared/pages'), '/work/shared/pages'].find((dir) =>
	existsSync(path.join(dir, 'rocketchat', 'versions.tsv')),
);

export interface PageVersion {
	order: number;
	file: string;
	commitDate: string;
	text: string;
}

/** The versions in the order versions.tsv gives (two share a date). */
export function rocketChatVersions(): PageVersion[] {
	if (!PAGES_DIR) return [];
	const dir = path.join(PAGES_DIR, 'rocketchat');
	const [head, ...lines] = readFileSync(path.join(dir, 'versions.tsv'), 'utf8').trim().split('\n');
	const columns = head.split('\t');
	return lines
		.map((line) => Object.fromEntries(line.split('\t').map((value, i) => [columns[i], value])))
		.map((row) => ({
			order: Number(row.order),
			file: row.file,
			commitDate: row.commit_date,
			text: readFileSync(path.join(dir, row.file), 'utf8'),
		}))
		.sort((a, b) => a.order - b.order);
}

export interface Truth {
	/** What the app must do with this version. */
	outcome: 'no-table' | 'baseline' | 'change';
	/** The page's own "last update" date. */
	version?: string;
	entries?: number;
	added?: string[];
	removed?: string[];
	/** name → the fields that changed. */
	changed?: Record<string, string[]>;
}

/**
 * What really changed between the versions, worked out by reading the pages (not by running the reader):
 * - 81333ae: a prose list (AWS, OVH, Stripe as addresses), no table: nothing to read.
 * - 6249d22: one HTML table under "Subprocessors", 6 rows, 8 names (two rows name two providers each).
 * - 4115aef: the AWS/OVH row's purpose gains a paragraph about where instances are deployed.
 * - 346eee9: a Yesware row is added.
 * - d5e9ec5: five markdown tables under five headings: every old row moves to a section (category), Stripe
 *   and the push gateways get new purposes, AWS/OVH a new purpose and a location (United States plus a
 *   note); AWS, MongoDB Cloud, Clearbit, the two affiliates and Fabulor.eu are new. Nothing is removed.
 * - 1964f19: only Fabulor.eu's purpose (EMEA and APAC; fewer data fields) changes; the date stays.
 */
export const TRUTH: Record<string, Truth> = {
	'2020-09-10_81333ae.md': { outcome: 'no-table' },
	'2020-09-10_6249d22.md': { outcome: 'baseline', version: '2020-09-10', entries: 8 },
	'2020-10-14_4115aef.md': {
		outcome: 'change',
		version: '2020-09-24',
		added: [],
		removed: [],
		changed: { 'Amazon Web Services': ['purpose'], 'OVH': ['purpose'] },
	},
	'2020-10-23_346eee9.md': { outcome: 'change', version: '2020-10-23', added: ['Yesware'], removed: [], changed: {} },
	'2023-01-06_d5e9ec5.md': {
		outcome: 'change',
		version: '2023-01-05',
		added: ['AWS', 'MongoDB Cloud', 'Clearbit', 'Rocket.Chat Technologies Corp.', 'Rocketchat Tecnologia LTDA', 'Fabulor.eu'],
		removed: [],
		changed: {
			'Amazon Web Services': ['category', 'purpose', 'locations', 'locationNote'],
			'OVH': ['category', 'purpose', 'locations', 'locationNote'],
			'Stripe': ['category', 'purpose'],
			'ZOHO': ['category'],
			'Apple Push Notification Service': ['category', 'purpose'],
			'Firebase': ['category', 'purpose'],
			'Mailchimp': ['category'],
			'PRVolt': ['category'],
			'Yesware': ['category'],
		},
	},
	'2023-01-12_1964f19.md': { outcome: 'change', version: '2023-01-05', added: [], removed: [], changed: { 'Fabulor.eu': ['purpose'] } },
};
