/**
 * A list version with the indexes every question needs, built once per version: search by words
 * (case-, accent- and typo-tolerant) and by place. Pure: no engine imports.
 */
import { typoAllowance, typoDistance } from '../../kernel/distance';
import { placeContains, placeCovers, regionOf, type CountryCode, type Place } from '../../kernel/places';
import type { Category, Subprocessor, SubprocessorList } from './model';
import { fold, tokens } from '../../kernel/text';

type Field = 'name' | 'alias' | 'data' | 'purpose' | 'category';

// Names first, then aliases, then data and purpose.
const FIELD_WEIGHT: Record<Field, number> = { name: 4, alias: 3.5, data: 2, purpose: 1, category: 0.5 };
const EXACT = 1;
const PREFIX = 0.8;
const TYPO = 0.6;
const STOPWORDS = new Set([
	'a',
	'an',
	'and',
	'the',
	'of',
	'for',
	'to',
	'in',
	'on',
	'our',
	'we',
	'use',
	'e',
	'de',
	'da',
	'do',
	'und',
	'der',
	'die',
	'das',
	'für',
]);

/** A posting (an entry whose field has the word) packed in one number: entry × 8 + the field's index in FIELDS. */
const FIELDS: Field[] = ['name', 'alias', 'data', 'purpose', 'category'];
const FIELD_WEIGHTS = FIELDS.map((field) => FIELD_WEIGHT[field]);
const NAME = 0;
const ALIAS = 1;

export interface SearchHit {
	entry: Subprocessor;
	score: number;
	/** True when the words name this entry (its name or an alias, exactly or with a small typo). */
	byName: boolean;
}

export interface SearchResult {
	/** The entry the words name exactly (by name or alias), if any. */
	exact?: Subprocessor;
	/** The best hits, at most the limit asked for. */
	hits: SearchHit[];
	/** How many entries matched in all. */
	total: number;
	/** Other entries of the provider the words name exactly (AWS for "Amazon Web Services"): shown with it. */
	related?: Subprocessor[];
}

export interface PlaceResult {
	matches: Subprocessor[];
	/** Entries whose location the list does not state: shown apart, never counted in or out. */
	notStated: Subprocessor[];
	/** Matches only through a stated region that overlaps the place ("EU" for Germany): the region's code. */
	throughRegion: ReadonlyMap<Subprocessor, string>;
}

/** Typed words whose vocabulary matches a catalog remembers (matchingWords). */
const MATCH_MEMO = 256;

export class Catalog {
	private static readonly cache = new WeakMap<SubprocessorList, Catalog>();

	/** The catalog of a list object, built on first use and kept while the list object lives. */
	static of(list: SubprocessorList): Catalog {
		let catalog = Catalog.cache.get(list);
		if (!catalog) {
			catalog = new Catalog(list);
			Catalog.cache.set(list, catalog);
		}
		return catalog;
	}

	readonly entries: readonly Subprocessor[];
	private readonly byId = new Map<string, Subprocessor>();
	private readonly byName = new Map<string, Subprocessor>();
	private readonly categoryById = new Map<string, Category>();
	/** Per word, its postings (see FIELDS): small integers in plain arrays, not an object per posting. */
	private readonly postings = new Map<string, number[]>();
	/** The vocabulary sorted, for prefix look-ups by binary search. */
	private readonly vocabulary: string[];
	/** The vocabulary by word length, so typo matching compares only words of a near length. */
	private readonly vocabularyByLength = new Map<number, string[]>();
	private readonly byCountry = new Map<CountryCode, number[]>();
	private readonly notStated: Subprocessor[] = [];
	/** Location codes that are regions (EU, WORLD…) some entry states. */
	private readonly regionCodes = new Set<string>();
	/** Entries of the same provider under another name: "Amazon Web Services" and "AWS". */
	private readonly sameProvider = new Map<number, number[]>();
	/** `writesAcronym`'s answers (a few words: the ISO codes people type alone). */
	private readonly acronyms = new Map<string, boolean>();
	/** Pairs of entries (first, later) listed under one name; linked as one provider's. */
	private readonly sameName: Array<[number, number]> = [];
	/** Built on first use, then kept for this list version: the answers that depend only on the list. */
	private groups?: Array<{ category: Category; entries: Subprocessor[] }>;
	private readonly places = new Map<string, PlaceResult>();
	/** Each entry's position in name order (the order hits with equal scores are shown in). */
	private nameRank?: Int32Array;

	constructor(readonly list: SubprocessorList) {
		this.entries = list.subprocessors;
		for (const category of list.categories) {
			this.categoryById.set(category.id, category);
		}
		list.subprocessors.forEach((entry, index) => {
			this.byId.set(entry.id, entry);
			[entry.name, ...entry.aliases].forEach((name, n) => {
				const field: Field = n === 0 ? 'name' : 'alias';
				const folded = fold(name);
				// Two rows under one name (GitHub lists "Microsoft (Azure)" twice, for two purposes): the name
				// designates the first, and the others are shown with it, as one provider's.
				const named = this.byName.get(folded);
				if (named && named !== entry) this.sameName.push([this.entries.indexOf(named), index]);
				else this.byName.set(folded, entry);
				if (!this.byName.has(folded.replace(/ /g, ''))) this.byName.set(folded.replace(/ /g, ''), entry);
				this.addWords(index, field, name);
				// "PRVolt" is found as "pr volt" and "Fabulor.eu" as "fabuloreu".
				this.addWord(index, field, folded.replace(/ /g, ''));
			});
			entry.data.forEach((item) => this.addWords(index, 'data', item));
			this.addWords(index, 'purpose', entry.purpose ?? '');
			this.addWords(index, 'category', this.categoryById.get(entry.category)?.name ?? '');
			if (entry.locations.length === 0) {
				this.notStated.push(entry);
			}
			for (const location of entry.locations) {
				if (regionOf(location.code)) this.regionCodes.add(location.code);
				const list = this.byCountry.get(location.code) ?? [];
				if (list[list.length - 1] !== index) {
					list.push(index);
				}
				this.byCountry.set(location.code, list);
			}
		});
		this.linkAcronyms();
		this.vocabulary = [...this.postings.keys()].sort();
		for (const word of this.vocabulary) {
			const bucket = this.vocabularyByLength.get(word.length) ?? [];
			bucket.push(word);
			this.vocabularyByLength.set(word.length, bucket);
		}
	}

	get version(): string {
		return this.list.updated;
	}

	get categories(): readonly Category[] {
		return this.list.categories;
	}

	category(id: string): Category | undefined {
		return this.categoryById.get(id);
	}

	get(id: string): Subprocessor | undefined {
		return this.byId.get(id);
	}

	/** Entries the source lists in the same row as this one. */
	listedWith(entry: Subprocessor): Subprocessor[] {
		return entry.listedWith.map((id) => this.byId.get(id)).filter((e): e is Subprocessor => !!e);
	}

	/** The non-empty categories with their entries, in list order (built once per list version: treat as read-only). */
	byCategory(): Array<{ category: Category; entries: Subprocessor[] }> {
		if (!this.groups) {
			const byId = new Map<string, Subprocessor[]>(this.list.categories.map((category) => [category.id, []]));
			for (const entry of this.entries) byId.get(entry.category)?.push(entry);
			this.groups = this.list.categories
				.map((category) => ({ category, entries: byId.get(category.id) as Subprocessor[] }))
				.filter((group) => group.entries.length > 0);
		}
		return this.groups;
	}

	countByCategory(): Array<{ category: Category; count: number }> {
		const counts = new Map<string, number>();
		for (const entry of this.entries) {
			counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
		}
		return this.list.categories.map((category) => ({ category, count: counts.get(category.id) ?? 0 }));
	}

	/**
	 * Whether an entry's name or purpose writes `acronym` in capitals as a word of its own: "AI" in "AI Inference",
	 * "HR" in "HR software". Such a word typed alone is asked about, not read as the place with that ISO code.
	 */
	/** Whether some entry states this country as a location. */
	statesCountry(code: string): boolean {
		return this.byCountry.has(code as CountryCode);
	}

	writesAcronym(acronym: string): boolean {
		const word = acronym.toUpperCase();
		let written = this.acronyms.get(word);
		if (written === undefined) {
			const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[^\p{L}\p{N}]/gu, '')}(?![\\p{L}\\p{N}])`, 'u');
			// What a search reads: names, aliases, purposes, data.
			written = this.entries.some((entry) =>
				[entry.name, ...entry.aliases, entry.purpose ?? '', ...entry.data].some((text) => pattern.test(text)),
			);
			if (this.acronyms.size < 64) this.acronyms.set(word, written);
		}
		return written;
	}

	/** The entry a name or alias designates exactly (case-, accent- and punctuation-insensitive). */
	findByName(text: string): Subprocessor | undefined {
		const folded = fold(text);
		return this.byName.get(folded) ?? this.byName.get(folded.replace(/ /g, ''));
	}

	/** Entries matching every word of the query in name, aliases, data categories, purpose or category. */
	search(query: string, limit = 25): SearchResult {
		const exact = this.findByName(query);
		let words = tokens(query);
		const meaningful = words.filter((w) => !STOPWORDS.has(w));
		if (meaningful.length > 0) {
			words = meaningful;
		}
		words = [...new Set(words)].slice(0, 12);
		if (words.length === 0) {
			return { exact, hits: exact ? [{ entry: exact, score: Infinity, byName: true }] : [], total: exact ? 1 : 0 };
		}

		// Scores in arrays indexed by entry, reused by every search of this catalog (searches don't interleave:
		// this runs to the end without awaiting): a common word matches thousands of postings, and an object
		// per posting made searching a 5,000-entry list allocation-bound.
		const { total, byName, wordScore, wordByName } = this.scratch();
		let alive: number[] | undefined;
		for (const word of words) {
			const touched: number[] = [];
			for (const [vocab, quality] of this.matchingWords(word)) {
				for (const posting of this.postings.get(vocab) ?? []) {
					const field = posting & 7;
					const score = quality * FIELD_WEIGHTS[field];
					const entry = posting >>> 3;
					if (wordScore[entry] === 0) touched.push(entry);
					if (wordScore[entry] < score) wordScore[entry] = score;
					if (field === NAME || field === ALIAS) wordByName[entry] = 1;
				}
			}
			// Every word must match somewhere: intersect with what the earlier words matched.
			if (!alive) {
				alive = touched;
				for (const entry of touched) {
					total[entry] = wordScore[entry];
					byName[entry] = wordByName[entry];
				}
			} else {
				alive = alive.filter((entry) => wordScore[entry] > 0);
				for (const entry of alive) {
					total[entry] += wordScore[entry];
					byName[entry] &= wordByName[entry];
				}
			}
			for (const entry of touched) {
				wordScore[entry] = 0;
				wordByName[entry] = 0;
			}
			if (alive.length === 0) {
				break;
			}
		}

		const matched = alive ?? [];
		// A provider listed under two names is shown under both: "amazon" finds AWS too.
		const matchedSet = new Set(matched);
		for (const index of [...matched]) {
			if (byName[index] !== 1) continue;
			for (const other of this.sameProvider.get(index) ?? []) {
				if (matchedSet.has(other)) continue;
				matchedSet.add(other);
				matched.push(other);
				total[other] = total[index] * 0.95;
				byName[other] = 1;
			}
		}
		// Best score first, then by name: the name order is computed once per list version, not per comparison.
		const rank = this.rankByName();
		const hits = [...matched]
			.sort((a, b) => total[b] - total[a] || rank[a] - rank[b])
			.slice(0, limit)
			.map((index) => ({ entry: this.entries[index], score: total[index], byName: byName[index] === 1 }));
		for (const index of matched) {
			total[index] = 0;
			byName[index] = 0;
		}
		if (exact) {
			const exactIndex = this.entries.indexOf(exact);
			const related = (this.sameProvider.get(exactIndex) ?? []).map((i) => this.entries[i]);
			const first = [exact, ...related];
			const rest = hits.filter((hit) => !first.includes(hit.entry));
			const count = matched.length + first.filter((entry) => !matchedSet.has(this.entries.indexOf(entry))).length;
			const top = first.map((entry) => ({ entry, score: Infinity, byName: true }));
			return { exact, related, hits: [...top, ...rest].slice(0, limit), total: count };
		}
		return { exact, hits, total: matched.length };
	}

	private scratchArrays?: { total: Float64Array; byName: Uint8Array; wordScore: Float64Array; wordByName: Uint8Array };

	private scratch(): { total: Float64Array; byName: Uint8Array; wordScore: Float64Array; wordByName: Uint8Array } {
		const n = this.entries.length;
		return (this.scratchArrays ??= {
			total: new Float64Array(n),
			byName: new Uint8Array(n),
			wordScore: new Float64Array(n),
			wordByName: new Uint8Array(n),
		});
	}

	/** The names closest to what the user typed, for "no match — did you mean …?". */
	suggest(query: string, count = 3): Subprocessor[] {
		const target = fold(query);
		if (!target) {
			return [];
		}
		const compact = target.replace(/ /g, '');
		const ranked: Array<{ entry: Subprocessor; distance: number }> = [];
		for (const entry of this.entries) {
			let best = Infinity;
			for (const name of [entry.name, ...entry.aliases]) {
				const folded = fold(name);
				for (const candidate of new Set([folded, folded.replace(/ /g, ''), ...folded.split(' ')])) {
					// Close enough to be a typo of it: about a third of the letters may differ.
					const limit = Math.max(1, Math.ceil(Math.min(candidate.length, compact.length) / 3));
					for (const typed of new Set([compact, target])) {
						const distance = typoDistance(typed, candidate, limit);
						if (distance <= limit) {
							best = Math.min(best, distance);
						}
					}
				}
			}
			if (best < Infinity) {
				ranked.push({ entry, distance: best });
			}
		}
		return ranked
			.sort((a, b) => a.distance - b.distance || a.entry.name.localeCompare(b.entry.name))
			.slice(0, count)
			.map((r) => r.entry);
	}

	/**
	 * Entries that process data in the place (a country, or any country of a region), and entries that state a
	 * region overlapping it (Worldwide, or the EU for Germany), marked as such. Kept per place: treat as read-only.
	 */
	in(place: Place): PlaceResult {
		return this.placeResult('in', place, (through) => {
			const indexes = new Set<number>();
			const codes = place.kind === 'country' ? [place.code] : [...place.region.members];
			for (const code of codes) {
				for (const index of this.byCountry.get(code) ?? []) {
					indexes.add(index);
				}
			}
			const partly = new Map<number, string>();
			for (const code of this.regionCodes) {
				const covers = placeCovers(place, code);
				for (const index of covers === 'none' ? [] : (this.byCountry.get(code) ?? [])) {
					if (covers === 'all') indexes.add(index);
					else if (!partly.has(index)) partly.set(index, code);
				}
			}
			for (const [index, code] of partly) {
				if (indexes.has(index)) continue;
				indexes.add(index);
				through.set(this.entries[index], code);
			}
			return [...indexes].sort((a, b) => a - b).map((i) => this.entries[i]);
		});
	}

	/** Entries that process data in at least one country (or region) outside the place. Kept per place: treat as read-only. */
	outside(place: Place): PlaceResult {
		if (this.regionCodes.size === 0) {
			return this.placeResult('outside', place, () =>
				this.entries.filter((entry) => entry.locations.some((l) => !placeContains(place, l.code))),
			);
		}
		return this.placeResult('outside', place, (through) =>
			this.entries.filter((entry) => {
				let partly: string | undefined;
				for (const location of entry.locations) {
					const covers = placeCovers(place, location.code);
					if (covers === 'none') return true;
					if (covers === 'some') partly ??= location.code;
				}
				if (partly) through.set(entry, partly);
				return !!partly;
			}),
		);
	}

	private placeResult(
		mode: 'in' | 'outside',
		place: Place,
		compute: (through: Map<Subprocessor, string>) => Subprocessor[],
	): PlaceResult {
		const key = `${mode}:${place.kind === 'country' ? place.code : `region:${place.region.id}`}`;
		let result = this.places.get(key);
		if (!result) {
			const throughRegion = new Map<Subprocessor, string>();
			result = { matches: compute(throughRegion), notStated: this.notStated, throughRegion };
			this.places.set(key, result);
		}
		return result;
	}

	/**
	 * Ties "AWS" to "Amazon Web Services": a name that is another entry's name's initials is the same provider; so are
	 * rows under one name.
	 */
	private linkAcronyms(): void {
		const link = (a: number, b: number) => {
			const list = this.sameProvider.get(a) ?? [];
			if (!list.includes(b)) list.push(b);
			this.sameProvider.set(a, list);
		};
		for (const [a, b] of this.sameName) {
			link(a, b);
			link(b, a);
		}
		this.entries.forEach((entry, index) => {
			for (const name of [entry.name, ...entry.aliases]) {
				const words = tokens(name).filter((w) => !STOPWORDS.has(w));
				if (words.length < 2 || words.length > 6) continue;
				const other = this.byName.get(words.map((w) => w[0]).join(''));
				if (other && other !== entry) {
					const otherIndex = this.entries.indexOf(other);
					link(index, otherIndex);
					link(otherIndex, index);
				}
			}
		});
	}

	/** Words of the list (names, purposes, data) within a typo or two of a word nothing matched: "did you mean …?". */
	suggestWords(word: string, count = 3): string[] {
		const folded = fold(word).replace(/ /g, '');
		if (folded.length < 4) return [];
		const limit = typoAllowance(folded.length) + 1;
		const found: Array<{ word: string; distance: number }> = [];
		for (let length = folded.length - limit; length <= folded.length + limit; length++) {
			for (const candidate of this.vocabularyByLength.get(length) ?? []) {
				const distance = typoDistance(folded, candidate, limit);
				if (distance <= limit && distance > 0) found.push({ word: candidate, distance });
			}
		}
		return found
			.sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word))
			.slice(0, count)
			.map((f) => f.word);
	}

	private rankByName(): Int32Array {
		if (!this.nameRank) {
			// Intl.Collator().compare is what String#localeCompare does without arguments, minus its per-call setup.
			const compare = new Intl.Collator().compare;
			const order = this.entries.map((_, i) => i).sort((a, b) => compare(this.entries[a].name, this.entries[b].name) || a - b);
			this.nameRank = new Int32Array(this.entries.length);
			order.forEach((entryIndex, position) => {
				(this.nameRank as Int32Array)[entryIndex] = position;
			});
		}
		return this.nameRank;
	}

	private addWords(entry: number, field: Field, text: string): void {
		for (const word of tokens(text)) {
			this.addWord(entry, field, word);
		}
	}

	private addWord(entry: number, field: Field, word: string): void {
		if (!word) {
			return;
		}
		const posting = entry * 8 + FIELDS.indexOf(field);
		const list = this.postings.get(word);
		if (!list) {
			this.postings.set(word, [posting]);
			return;
		}
		// Entries are indexed one after another, so a duplicate can only be among the last postings.
		for (let i = list.length - 1; i >= 0 && list[i] >>> 3 === entry; i--) {
			if (list[i] === posting) return;
		}
		list.push(posting);
	}

	/** Vocabulary words matching a query word, with a match quality: exact, prefix, or within the typo allowance. */
	/**
	 * The vocabulary words a typed word matches, remembered for the last MATCH_MEMO words: the typo scan compares the
	 * word with every vocabulary word of a similar length, and a question across twenty lists scans twenty
	 * vocabularies — while people ask the same words again, and one question matches its words in several passes.
	 */
	private matchingWords(word: string): Map<string, number> {
		const memo = (this.matchMemo ??= new Map());
		const known = memo.get(word);
		if (known) return known;
		const found = this.scanVocabulary(word);
		if (memo.size >= MATCH_MEMO) memo.delete(memo.keys().next().value as string);
		memo.set(word, found);
		return found;
	}

	private matchMemo?: Map<string, Map<string, number>>;

	private scanVocabulary(word: string): Map<string, number> {
		const found = new Map<string, number>();
		if (this.postings.has(word)) {
			found.set(word, EXACT);
		}
		// A plural is the word: "notifications" finds "notification", "backup" finds "backups".
		for (const form of word.length > 3 ? [word.endsWith('s') ? word.slice(0, -1) : `${word}s`] : []) {
			if (this.postings.has(form)) found.set(form, EXACT);
		}
		if (word.length >= 2) {
			let low = 0;
			let high = this.vocabulary.length;
			while (low < high) {
				const mid = (low + high) >>> 1;
				if (this.vocabulary[mid] < word) {
					low = mid + 1;
				} else {
					high = mid;
				}
			}
			for (let i = low; i < this.vocabulary.length && this.vocabulary[i].startsWith(word); i++) {
				if (!found.has(this.vocabulary[i])) {
					found.set(this.vocabulary[i], PREFIX);
				}
			}
		}
		const allowance = typoAllowance(word.length);
		for (let length = word.length - allowance; allowance > 0 && length <= word.length + allowance; length++) {
			for (const candidate of this.vocabularyByLength.get(length) ?? []) {
				if (!found.has(candidate) && typoDistance(word, candidate, allowance) <= allowance) {
					found.set(candidate, TYPO);
				}
			}
		}
		return found;
	}
}
