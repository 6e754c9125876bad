// Valid sub-processor lists of any size for the benchmark, generated deterministically (a seeded PRNG): the
// bundled list's head (company, objections, categories) and its 15 entries, then made-up but realistic vendors
// (names with a legal suffix, purposes, 0–3 countries, data categories, sometimes an alias, a website, a date).
// `evolve()` makes the next version of a list: 1 % of the entries change their purpose or locations, and a few
// are added and removed — what a real list's monthly change looks like.
import { parse, stringify } from 'yaml';

import { mulberry32 } from '../workspace/src/random';

type RawEntry = {
	name: string;
	id?: string;
	aliases?: string[];
	category: string;
	purpose?: string;
	locations?: string[];
	locationNote?: string;
	data?: string[];
	website?: string;
	since?: string;
	listedWith?: string[];
};

export type RawList = { updated: string; categories: Array<{ id: string }>; subprocessors: RawEntry[] } & Record<string, unknown>;

const PREFIXES = (
	'Acme Northwind Bluepeak Harbor Quanta Lumen Orbit Vertex Nimbus Cobalt Juniper Sable Aster Meridian Kestrel Tessera Halcyon ' +
	'Solstice Arbor Corvid Fathom Granite Helix Ion Jasper Keystone Lattice Monarch Nova Onyx Pioneer Quill Riverbend Summit ' +
	'Tidewater Umbra Vantage Willow Zenith Alder Beacon Cascade Drift Ember Fjord Glacier Horizon Inlet Jetstream Kite Lodestar ' +
	'Mosaic Nebula Oakridge Pinnacle Quarry Redwood Sierra Trellis Upland Vale Wren Yarrow Zephyr Atlas Bramble Cinder Delta Echo'
).split(' ');
const SECTORS = (
	'Analytics Cloud Mail Payments Hosting Support Translate Telecom Security Backup Monitoring Logistics Identity Search Storage ' +
	'Messaging Billing Marketing Insights Data Networks Systems Labs Software Digital Media Voice Video Signals Compute'
).split(' ');
const SUFFIXES = ['Inc.', 'GmbH', 'Ltd', 'SAS', 'B.V.', 'LLC', 'AB', 'S.A.', 'Pty Ltd', 'K.K.'];
const PURPOSES = [
	'Cloud hosting of service data',
	'Email marketing and newsletters',
	'Customer support ticketing and live chat',
	'Payment processing and invoicing',
	'Product analytics and usage statistics',
	'Error monitoring and crash reporting',
	'Transactional email delivery',
	'Backup storage and disaster recovery',
	'Identity verification and single sign-on',
	'Content delivery network and DDoS protection',
	'Translation of support tickets',
	'SMS and voice notifications',
	'Push notification service for mobile devices',
	'CRM and sales pipeline management',
	'Account enrichment from public business data',
	'Video conferencing for customer calls',
	'Document signing and contract management',
	'Log management and security monitoring',
	'Search infrastructure for help center content',
	'Tax calculation and compliance reporting',
	'Recruiting and applicant tracking',
	'Accounting and payroll',
	'Survey and customer feedback collection',
	'Machine translation of chat messages',
	'AI assistance for support agents',
];
const COUNTRIES: Array<[string, number]> = [
	['United States', 40],
	['Germany', 15],
	['Ireland', 10],
	['Netherlands', 8],
	['France', 7],
	['United Kingdom', 8],
	['Brazil', 5],
	['India', 5],
	['Japan', 3],
	['Canada', 4],
	['Singapore', 3],
	['Australia', 3],
	['Belgium', 2],
	['Poland', 2],
	['Sweden', 2],
	['Switzerland', 2],
	['Israel', 1],
	['Spain', 2],
	['Italy', 2],
	['Finland', 1],
];
const DATA = [
	'Email',
	'Contact Name',
	'IP address',
	'Usage data',
	'Billing details',
	'Phone',
	'Country',
	'Support tickets',
	'Chat messages',
	'Device identifiers',
];

const fold = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
const slug = (s: string) => fold(s).replace(/ /g, '-');

class Maker {
	private readonly random: () => number;
	private readonly usedNames = new Set<string>();
	private serial = 0;

	constructor(
		seed: number,
		existing: RawEntry[],
		private readonly categories: string[],
	) {
		this.random = mulberry32(seed);
		for (const entry of existing) {
			for (const name of [entry.name, ...(entry.aliases ?? [])]) {
				this.usedNames.add(fold(name));
				this.usedNames.add(fold(name).replace(/ /g, ''));
			}
		}
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.random() * items.length)];
	}

	chance(p: number): boolean {
		return this.random() < p;
	}

	countries(): string[] {
		if (this.chance(0.05)) return [];
		const total = COUNTRIES.reduce((sum, [, w]) => sum + w, 0);
		const count = 1 + Math.floor(this.random() * 3);
		const chosen = new Set<string>();
		for (let i = 0; i < count; i++) {
			let r = this.random() * total;
			for (const [name, weight] of COUNTRIES) {
				r -= weight;
				if (r <= 0) {
					chosen.add(name);
					break;
				}
			}
		}
		return [...chosen];
	}

	purpose(): string {
		const base = this.pick(PURPOSES);
		return this.chance(0.3)
			? `${base} for the ${this.pick(['hosted offering', 'marketplace', 'mobile apps', 'sales team', 'support team'])}`
			: base;
	}

	private claim(name: string): boolean {
		const folded = fold(name);
		if (this.usedNames.has(folded) || this.usedNames.has(folded.replace(/ /g, ''))) return false;
		this.usedNames.add(folded);
		this.usedNames.add(folded.replace(/ /g, ''));
		return true;
	}

	entry(): RawEntry {
		let name = '';
		for (let attempt = 0; ; attempt++) {
			const parts = [this.pick(PREFIXES), this.pick(SECTORS), this.pick(SUFFIXES)];
			// Past a few thousand the combinations run short: a region word keeps names unique and realistic.
			if (attempt > 20)
				parts.splice(2, 0, `${this.pick(['Europe', 'Americas', 'Asia', 'Global', 'Nordic', 'Iberia'])} ${++this.serial}`);
			name = parts.join(' ');
			if (this.claim(name)) break;
		}
		const entry: RawEntry = { name, category: this.pick(this.categories) };
		const compact = name.split(' ').slice(0, 2).join('');
		if (this.chance(0.1) && this.claim(compact)) entry.aliases = [compact];
		if (this.chance(0.95)) entry.purpose = this.purpose();
		const locations = this.countries();
		if (locations.length) entry.locations = locations;
		if (this.chance(0.6))
			entry.data = [...new Set([this.pick(DATA), this.pick(DATA), this.pick(DATA)])].slice(0, 1 + Math.floor(this.random() * 3));
		if (this.chance(0.7)) entry.website = `https://www.${slug(name)}.example.com`;
		if (this.chance(0.5))
			entry.since = `${2015 + Math.floor(this.random() * 10)}-${String(1 + Math.floor(this.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(this.random() * 28)).padStart(2, '0')}`;
		return entry;
	}
}

/** The bundled list as a raw object (its file format). */
export function seedList(bundledYaml: string): RawList {
	return parse(bundledYaml) as RawList;
}

/**
 * A list of `size` entries: `base` (the bundled list, or a smaller generated one) and generated vendors after
 * it. Growing the list the app already has keeps the switch a plain addition, not a mass removal it would hold.
 */
export function generateList(base: RawList, size: number, randomSeed = size): RawList {
	const entries = [...base.subprocessors];
	const maker = new Maker(
		randomSeed,
		entries,
		base.categories.map((c) => c.id),
	);
	while (entries.length < size) entries.push(maker.entry());
	return { ...base, subprocessors: entries };
}

/**
 * The next version: max(1, 1 %) of the entries get a new purpose or locations (or both), and a few generated
 * entries are removed (0.04 %) and added (0.06 %, at least one). The bundled entries are never removed
 * (some reference each other with listedWith).
 */
export function evolve(list: RawList, step: number): RawList {
	const maker = new Maker(
		1_000_003 * (step + 1) + list.subprocessors.length,
		list.subprocessors,
		list.categories.map((c) => c.id),
	);
	const entries = list.subprocessors.map((e) => ({ ...e }));
	const size = entries.length;
	const changes = Math.max(1, Math.round(size / 100));
	const touched = new Set<number>();
	// Spread over the list, a different set each step.
	for (let k = 0; touched.size < changes; k++) touched.add((k * 7919 + step * 104_729) % size);
	for (const i of touched) {
		const entry = entries[i];
		const what = (i + step) % 3;
		if (what !== 1) entry.purpose = `${maker.purpose()} (rev. ${step + 1})`;
		if (what !== 0) {
			const locations = maker.countries();
			entry.locations = locations.length ? locations : ['Germany'];
		}
	}
	const removable = entries.map((e, i) => i).filter((i) => i >= 15 && !touched.has(i));
	const removeCount = Math.min(removable.length, Math.round(size * 0.0004));
	const removed = new Set(removable.slice(-removeCount - (step % 5), removable.length - (step % 5)).slice(0, removeCount));
	const kept = entries.filter((_, i) => !removed.has(i));
	const addCount = Math.max(1, Math.round(size * 0.0006));
	for (let i = 0; i < addCount; i++) kept.push(maker.entry());
	const day = new Date(Date.parse(`${list.updated}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	return { ...list, updated: day, subprocessors: kept };
}

export const toYaml = (list: RawList): string => stringify(list, { lineWidth: 0 });
