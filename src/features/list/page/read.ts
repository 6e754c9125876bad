/**
 * A vendor's sub-processor page (markdown or HTML) read into a list: each table row is a sub-processor,
 * the heading above its table is its category, columns are known by their header words. A page with no such
 * table is read from its bullet lists or its "### Vendor" sections of "Purpose: …" lines. Real pages are
 * messy, so nothing on a page is an error except a page with no table to read: what can't be mapped is
 * kept as written (a place as a location note, an unknown column as a detail). Pure: no engine imports.
 */
import { diffLists, countChanges } from '../../watch/diff';
import { findCountry, findLocation } from '../../../kernel/places';
import type { Category, EntryDetail, Location, PageInfo, Subprocessor, SubprocessorList } from '../model';
import type { ListProblem } from '../schema';
import { fold, slugify } from '../../../kernel/text';
import type { Block, PageDoc } from './blocks';
import { decodeEntities, htmlBlocks } from './html';
import { markdownDoc } from './markdown';

export type PageFormat = 'markdown' | 'html';

export interface ReadOptions {
	format: PageFormat;
	/** The source's name in problems. */
	file: string;
	url?: string;
	/** The HTTP Last-Modified header, used when the page states no date. */
	lastModified?: string;
	/** When the page was fetched: the version date when neither the page nor the server gives one. */
	now: Date;
	/** The last list read from this source: rows keep their ids across versions (same names on two rows). */
	previous?: SubprocessorList;
	/** The objection address from the app's settings, used when the page states none. */
	objectionEmail?: string;
}

export type PageResult = { ok: true; list: SubprocessorList } | { ok: false; problems: ListProblem[] };

type Role = 'name' | 'purpose' | 'location' | 'corporate' | 'data' | 'standing';

/** A column that says what each row is to the vendor: a sub-processor, or not ("Independent third party"). */
const STANDING = /^(role|status|type|relationship|capacity|designation)$/;
/** A row the page calls something other than a sub-processor. */
const NOT_A_SUBPROCESSOR = /\b(independent|(joint )?controllers?|not an? sub ?processor|no sub ?processor)\b/;

/**
 * Header words (folded: lower case, no accents), tried in this order (a "Data Processing Location" is a location, not
 * data or a purpose). With the words of the languages European vendors publish in: German, French, Spanish, Italian,
 * Portuguese, Dutch, Polish ("Nombre de la Entidad | Actividad del Subencargado | Ubicación").
 */
const ROLES: Array<[Role, RegExp]> = [
	[
		'corporate',
		/\b(corporate|headquarters?|hq|registered|head office|company (location|address|country|seat)|address|sitz|hauptsitz|firmensitz|siege( social)?|domicilio( social)?|sede( legale| social)?|adresse|direccion|indirizzo|endereco|adres)\b/,
	],
	[
		'data',
		// A header that starts with "data" and says nothing of a place: "Data it receives", "Data shared".
		/^data\b(?!.*\b(locations?|cent(er|re)s?|regions?|residen\w*|transfers?|protection|hosting|country|countries|where|(sub ?)?processors?|providers?|vendors?|controllers?|recipients?)\b)|\b(data categor|data types?\b|types? of (personal )?data|kinds? of (personal )?data|categor(y|ies) of (personal )?data|personal data|customer data|data involved)|^(?!.*\b(ubicacion|pais(es)?|region|standort|ort|land|lander|localisation|pays|lieu|localizzazione|paese|localizacao|locatie|lokalizacja|kraj)\b).*\b(datos|daten|datenkategorien|donnees|dati|dados|gegevens|dane|datenarten)\b/,
	],
	[
		'location',
		/\b(locations?|country|countries|hosting|regions?|where|jurisdictions?|residen(cy|ce)|data cent(er|re)s?|datacenters?|ubicacion|pais(es)?|localizacion|standort|ort der verarbeitung|land|lander|localisation|pays|lieu|localizzazione|paese|paesi|localizacao|locatie|lokalizacja|kraj)\b/,
	],
	[
		'name',
		/\b(names?|entity|entities|vendors?|sub ?processors?|providers?|company|companies|suppliers?|third part(y|ies)|organi[sz]ations?|partners?|affiliates?|processors?|nombre|entidad(es)?|proveedor(es)?|sub ?encargad\w*|encargad\w*|empresa|unternehmen|anbieter|dienstleister|(unter)?auftragsverarbeiter|nom|entite|societe|fournisseur|prestataire|sous traitant\w*|nome|fornitore|societa|sub ?responsabil\w*|fornecedor|sub ?operador\w*|subprocessador\w*|naam|leverancier|subverwerker\w*|nazwa|podmiot|dostawca)\b/,
	],
	[
		'purpose',
		/\b(purposes?|description|services?|processing|functions?|activit(y|ies)|nature|role|scope|use|used for|details|finalidad|proposito|actividad|servicios?|descripcion|zweck|leistung|taetigkeit|tatigkeit|beschreibung|dienst|finalite|objet|activite|prestation|finalita|scopo|attivita|servizio|descrizione|finalidade|atividade|servico|descricao|doel|dienstverlening|cel|usluga)\b/,
	],
];

/** Words after a comma that continue a company name ("Stripe, Inc.") instead of starting another. */
const CORPORATE_SUFFIX =
	/^(inc|llc|l l c|ltd|limited|gmbh|ag|corp|corporation|co|plc|pbc|s ?a|s ?l|s ?a ?s|sarl|s ?r ?l|s ?r ?o|b ?v|n ?v|ab|as|asa|a ?s|oy|ou|pty|kg|se|s ?p ?a|lp|llp|ltda|k ?k|pte|pvt|ulc|aps|kft|bhd|sdn bhd)( |$)/;

const MAX_ENTRIES = 20000;

/** A heading over sub-processors that no longer are ones. */
const FORMER =
	/\b(historical|history|former|previous(ly)?|past|retired|removed|discontinued|decommissioned|no longer|archived?|out[- ]of[- ]scope|not (a )?sub-?\s?processors?)\b/i;

export function readPage(text: string, options: ReadOptions): PageResult {
	const clean = text.replace(/\ufffd/g, '');
	const doc: PageDoc = options.format === 'html' ? { blocks: htmlBlocks(clean), meta: htmlTitle(clean) } : markdownDoc(clean);
	const notes: string[] = [];
	const categories: Category[] = [];
	const drafts: Draft[][] = [];
	let heading: string | undefined;
	let title: string | undefined;
	let othersNamed: boolean | undefined;
	/** The headings the current block is under, outermost first. */
	const outline: Array<{ level: number; text: string }> = [];

	for (const block of doc.blocks) {
		if (block.kind === 'heading') {
			heading = block.text;
			if (block.level === 1 && title === undefined) title = block.text;
			while (outline.length > 0 && outline[outline.length - 1].level >= block.level) outline.pop();
			outline.push(block);
		} else if (block.kind === 'table') {
			// "## United States" / "## EU region" over a table: where its rows process data, not what they do; the
			// category is then the nearest heading above it that names no place ("## Analytics" / "### EU").
			const region = heading ? sectionRegion(heading) : undefined;
			const above = region ? [...outline.slice(0, -1)].reverse().find((h) => h.level > 1 && !sectionRegion(h.text))?.text : heading;
			const categoryName = (above ?? doc.meta.title ?? title ?? 'Sub-processors').slice(0, 200);
			const category = { id: slugify(categoryName).slice(0, 80) || 'subprocessors', name: categoryName };
			if (drafts.length > MAX_ENTRIES) break;
			// "Historical", "Former sub-processors": who no longer processes data is not on the list.
			if (heading && FORMER.test(heading)) {
				if (block.rows.length > 0) notes.push(`skipped the table under "${heading.slice(0, 80)}": former sub-processors`);
				continue;
			}
			const rows = readTable(block, category.id, notes, (othersNamed ??= namesInAHeader(doc)));
			if (rows.length === 0) continue;
			if (region)
				for (const draft of rows.flat()) {
					draft.region = true;
					if (draft.locations.length === 0) draft.locations = region;
				}
			// A page that splits one section's table in two, or repeats a heading, is one category.
			if (!categories.some((c) => c.id === category.id)) categories.push(category);
			drafts.push(...rows);
		}
	}
	if (drafts.length === 0) {
		const found = readWithoutTables(doc, notes);
		categories.push(...found.categories);
		drafts.push(...found.drafts.slice(0, MAX_ENTRIES + 1));
	}
	if (drafts.length === 0) {
		return {
			ok: false,
			problems: [
				{ file: options.file, field: '', message: `no table of sub-processors found on the page (read as ${options.format})` },
			],
		};
	}
	if (drafts.flat().length > MAX_ENTRIES) {
		return { ok: false, problems: [{ file: options.file, field: '', message: `more than ${MAX_ENTRIES} sub-processors on the page` }] };
	}

	const subprocessors = assignIds(mergeRepeats(drafts), options.previous);
	const texts = doc.blocks.filter((b): b is Extract<Block, { kind: 'text' }> => b.kind === 'text');
	const objections = pageObjections(texts);
	// A privacy contact counts only after an address the app was given (a list's own, the setting).
	const contact = objections || options.objectionEmail ? undefined : pageContact(texts);
	// Front matter as `key: value`, so a key such as `updated_at` or `last_updated` labels its date.
	const stated = pageDate([
		// A front matter's "last_updated" before its "effective_date" or "date", whatever their order.
		...Object.entries(doc.meta)
			.sort(([a], [b]) => Number(/updat|modif|revis/i.test(b)) - Number(/updat|modif|revis/i.test(a)))
			.map(([key, value]) => `${key}: ${value}`),
		...doc.blocks.map((b) => (b.kind === 'table' ? '' : b.text)),
	]);
	const served = options.lastModified ? httpDate(options.lastModified) : undefined;
	if (stated?.note) notes.push(stated.note);

	const info: PageInfo = {
		format: options.format,
		updatedFrom: stated ? 'page' : served ? 'last-modified' : 'seen',
		objectionsFrom: objections ? 'page' : contact ? 'page-contact' : 'settings',
		notes: [...new Set(notes)].slice(0, 50),
	};
	const list: SubprocessorList = {
		company: pageCompany(doc, texts, options),
		updated: stated?.date ?? served ?? isoDay(options.now),
		...(options.url && /^https?:\/\//i.test(options.url) ? { policyUrl: options.url } : {}),
		services: [],
		objections: {
			email: objections?.email ?? options.objectionEmail ?? contact ?? '',
			subject: objections?.subject ?? 'Sub-processor objection',
			requirements: [],
		},
		categories,
		subprocessors,
		page: info,
	};
	// A page with no date of its own keeps the previous version's date until its rows change.
	if (info.updatedFrom === 'seen' && options.previous && countChanges(diffLists(options.previous, list)) === 0) {
		list.updated = options.previous.updated;
	}
	return { ok: true, list };
}

/**
 * Words around a place in a section heading that still make the heading only a place ("EU data centers", "US
 * Hosting", "Sub-processors (EU)"). Not "customers" or "accounts": a table for EU customers may list US vendors.
 */
const REGION_WORDS =
	/\b(regions?|data ?cent(er|re)s?|datacenters?|hosting|hosted|based|located|processing|sub-?\s?processors?|vendors?)\b/gi;

/** The place(s) a section heading names and nothing else ("United States", "EU region", "EU / EEA"), if it does. */
function sectionRegion(heading: string): Location[] | undefined {
	const rest = heading
		.replace(/[-–—:()]/g, ' ')
		.replace(REGION_WORDS, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (!rest) return undefined;
	const found = splitPlaces(rest).map((part) => {
		const plain = stripMarks(part);
		const location = findLocation(plain);
		// A short word is a place only as a region (EU, EEA, APAC) or the US/UK: "AI", "IT", "HR" head other sections.
		const short = plain.replace(/\./g, '').length <= 3 && !location?.region && !/^(us|usa|uk)$/i.test(plain.replace(/\./g, ''));
		// "Global sub-processors" serve every customer; that says nothing of where they process data.
		return { name: plain, code: short || location?.code === 'WORLD' ? undefined : location?.code };
	});
	if (found.length === 0 || found.some((f) => !f.code)) return undefined;
	return found.map((f) => ({ code: f.code as string, name: f.name }));
}

/**
 * One sub-processor stated under two region headings with the same purpose and details (a table per region:
 * "Google Cloud Platform | Cloud infrastructure" under "United States" and under "European Union") is one entry in
 * both places. Rows that differ in anything else (another legal entity, a note) stay apart, and so do repeats in
 * one table or outside region sections: merging them would renumber entries a watcher already knows.
 */
function mergeRepeats(rows: Draft[][]): Draft[][] {
	const first = new Map<string, Draft>();
	return rows
		.map((row) =>
			row.filter((draft) => {
				if (!draft.region) return true;
				const key = JSON.stringify([
					fold(draft.name),
					fold(draft.purpose ?? ''),
					draft.category,
					draft.locationNote ?? '',
					draft.data,
					draft.details,
				]);
				const kept = first.get(key);
				if (!kept) {
					first.set(key, draft);
					return true;
				}
				// New arrays: a row's drafts and a section's rows share theirs.
				kept.locations = [...kept.locations, ...draft.locations.filter((l) => !kept.locations.some((k) => k.code === l.code))];
				return false;
			}),
		)
		.filter((row) => row.length > 0);
}

interface Draft {
	base: string;
	name: string;
	category: string;
	/** Read from a table under a region heading (the only rows `mergeRepeats` merges). */
	region?: true;
	purpose?: string;
	locations: Location[];
	locationNote?: string;
	data: string[];
	details: EntryDetail[];
	id?: string;
}

/**
 * Pages without a table of sub-processors, in the two other shapes vendors publish:
 * - a section per sub-processor: a heading ("### Vercel") over "Purpose: …", "Location: …" lines;
 * - a bullet list under a heading or sentence about sub-processors: "Stripe, Inc. for payment processing.",
 *   "Sentry — error tracking (United States)".
 * Sections win when a page has both. Either needs two entries: one stray "Contact: …" section is no list.
 */
function readWithoutTables(doc: PageDoc, notes: string[]): { categories: Category[]; drafts: Draft[][] } {
	for (const read of [readLabelledSections, readItemLists]) {
		const found = read(doc, notes);
		if (found.drafts.length >= 2) return found;
	}
	return { categories: [], drafts: [] };
}

/** Headings and words that say a section is not the list itself (how changes are announced, whom to ask). */
const NOT_THE_LIST = /\b(chang|notif|object|updat|subscri|question|contact|faq|definition|right)/i;
const ABOUT_THE_LIST = /sub-?\s?processors?|(third|3rd)[- ]part(y|ies)|\bvendors?\b|\bproviders?\b|\bprocessors?\b|\bsuppliers?\b/i;

function categoryFor(name: string, categories: Category[]): string {
	const category = { id: slugify(name).slice(0, 80) || 'subprocessors', name: name.slice(0, 200) };
	if (!categories.some((c) => c.id === category.id)) categories.push(category);
	return category.id;
}

/** "Label: value" fields of a section's text: a label is short and Title Cased, or names a known column. */
function labelledFields(text: string): Array<{ label: string; role?: Role; value: string }> {
	const LABEL_AT =
		/(^|\s)([A-Z][A-Za-z]*(?:[ /&-](?:[A-Z][A-Za-z]*|of|and|for|to|the|de)){0,4}|[A-Z][a-z]+(?: [a-z]+){1,3}):(?:\s+|(?=[A-Z]))/g;
	const starts: Array<{ at: number; end: number; label: string }> = [];
	for (const m of text.matchAll(LABEL_AT)) {
		const at = (m.index ?? 0) + m[1].length;
		if (at === 0 || roleOf(m[2]) || /^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3}$/.test(m[2])) {
			starts.push({ at, end: (m.index ?? 0) + m[0].length, label: m[2] });
		}
	}
	if (starts.length === 0 || starts[0].at !== 0) return [];
	return starts.map((s, i) => ({
		label: s.label,
		role: roleOf(s.label),
		value: text
			.slice(s.end, i + 1 < starts.length ? starts[i + 1].at : undefined)
			.replace(/\s+/g, ' ')
			.trim(),
	}));
}

function roleOf(label: string): Role | undefined {
	const words = fold(label);
	if (/\bterritor(y|ies)\b/.test(words)) return 'location';
	// A field labelled "Name", "Website" or "Privacy Policy" is no purpose, whatever ROLES would guess.
	if (/\b(website|url|link|privacy|policy|contact|email|dpa|agreement|certif|transfer|safeguard|compliant)\b/.test(words))
		return undefined;
	return ROLES.find(([, pattern]) => pattern.test(words))?.[0];
}

function readLabelledSections(doc: PageDoc, notes: string[]): { categories: Category[]; drafts: Draft[][] } {
	const categories: Category[] = [];
	const drafts: Draft[][] = [];
	const headings: Array<{ level: number; text: string }> = [];
	let section: { name: string; level: number; fields: ReturnType<typeof labelledFields> } | undefined;
	const close = () => {
		if (!section) return;
		if (saysWhatWhereOrWhich(section.fields) && !NOT_THE_LIST.test(section.name)) {
			const parent = [...headings].reverse().find((h) => h.level < section!.level);
			const value = (role: Role) => section!.fields.find((f) => f.role === role)?.value ?? '';
			const place = readLocations(value('location'), notes);
			const name = cleanName(section.name);
			drafts.push([
				{
					base: slugify(name).slice(0, 80) || 'entry',
					name,
					category: categoryFor(parent?.text ?? doc.meta.title ?? 'Sub-processors', categories),
					purpose: value('purpose') || undefined,
					locations: place.locations,
					locationNote: place.note,
					data: unique(splitList(value('data'))),
					details: section.fields
						.filter((f) => f.role === undefined || f.role === 'corporate')
						.slice(0, 10)
						.map((f) => ({ label: f.label.slice(0, 80), value: f.value.slice(0, 500) })),
				},
			]);
		}
		section = undefined;
	};
	// Each text block's labelled lines, read once: a block is looked at again as the one after a name line.
	const fieldsOf = doc.blocks.map((block) => (block.kind === 'text' ? labelledFields(block.text) : []));
	doc.blocks.forEach((block, i) => {
		if (block.kind === 'heading') {
			close();
			while (headings.length > 0 && headings[headings.length - 1].level >= block.level) headings.pop();
			headings.push(block);
			if (block.level >= 2) section = { name: block.text, level: block.level, fields: [] };
		} else if (block.kind === 'text') {
			const fields = fieldsOf[i];
			// A name on a line of its own (bold, or a numbered item) over labelled lines: "### Payment Processing",
			// "**Stripe**", "- **Purpose**: …" — the name opens the section, the heading above is its category.
			if (fields.length === 0 && saysWhatWhereOrWhich(fieldsOf[i + 1] ?? []) && namesEntry(block.text, section)) {
				close();
				section = { name: block.text, level: (headings[headings.length - 1]?.level ?? 1) + 1, fields: [] };
			} else if (section) section.fields.push(...fields);
		}
	});
	close();
	return { categories, drafts };
}

/** Lines over labelled lines that label them rather than name a sub-processor. */
const GENERIC_LINE =
	/^(details?|overview|important|notes?|summary|information|more information|description|contact( us)?|table of contents|data protection officer|key (facts|information)|general|about|processing details|sub ?processor details)$/;

/**
 * Whether a line of its own over labelled lines names the next sub-processor. After an entry's fields, any short
 * line that is no sentence does ("monday.com", "eBay Inc."); right under a heading, only a name-like line that is
 * not the heading's own name again ("### Stripe" / "Stripe, Inc."); never a label such as "Details".
 */
function namesEntry(text: string, section: { name: string; fields: unknown[] } | undefined): boolean {
	const line = text.trim();
	if (line.length < 2 || line.length > 80 || line.includes('\n') || /[?!:]$/.test(line) || GENERIC_LINE.test(fold(line))) return false;
	if (/\.$/.test(line) && !CORPORATE_SUFFIX.test(fold(line.split(/[\s,]+/).pop() ?? ''))) return false;
	const words = line.split(/\s+/);
	if (words.length > 8) return false;
	if (section && section.fields.length > 0) return true;
	if (section && (fold(line).startsWith(fold(section.name)) || fold(section.name).startsWith(fold(line)))) return false;
	// Each longer word capitalised, or written as names are ("eBay", "monday.com", "n8n", "d/b/a"): no prose.
	return words.every((word) => word.length < 4 || /^[\p{Lu}\p{N}(]/u.test(word) || /[\p{Lu}\d./]/u.test(word.slice(1)));
}

/** Labelled lines that say what a sub-processor does, where, or with which data. */
function saysWhatWhereOrWhich(fields: ReturnType<typeof labelledFields>): boolean {
	return fields.some((f) => f.role === 'purpose' || f.role === 'location' || f.role === 'data');
}

/**
 * "Cloudflare. Cloud services provider": the name as a sentence of its own, then the purpose. A company's suffix
 * keeps its dot ("Stripe, Inc. Payment processing"); an abbreviation inside a name is no end ("St. Gallen AG. Hosting").
 */
function sentenceAfterName(line: string): [string, string, string] | undefined {
	for (const stop of line.matchAll(/\.\s+(?=[A-Z])/g)) {
		const before = line.slice(0, stop.index);
		const last = before.split(/[\s,]+/).pop() ?? '';
		if (last.length <= 1 || /^(st|dr|mr|mrs|ms|no|vs|mt)$/i.test(last)) continue;
		const name = CORPORATE_SUFFIX.test(fold(last)) ? `${before}.` : before;
		if (name.length < 2 || name.length > 100) continue;
		return [line, name, line.slice(stop.index + stop[0].length)];
	}
	return undefined;
}

/** One bullet: a name, then its purpose after a dash, a colon, "for" or a full stop; a place in parentheses at the end. */
function itemEntry(text: string): { name: string; purpose?: string; place?: string } | undefined {
	const [first, ...more] = text.split('\n');
	let line = stripMarks((more.length > 0 ? `${first} — ${more.join(' ')}` : first).replace(/\s+/g, ' ')).replace(/[.;]$/, '');
	let place: string | undefined;
	const paren = /\s*\(([^()]{2,60})\)$/.exec(line);
	if (paren && paren[1].split(/[,;/]| and /).every((p) => findLocation(p.trim()))) {
		place = paren[1];
		line = line.slice(0, paren.index);
	}
	const split =
		/^(.{2,100}?)\s*(?:\s[—–-]\s|:\s|\s\|\s)\s*(.+)$/.exec(line) ??
		/^(.{2,100}?)\s+(?:for|provides?|which provides|to provide|used for|as our)\s+(.+)$/.exec(line) ??
		sentenceAfterName(line);
	const name = cleanName(split ? split[1] : line);
	const purpose = split?.[2].trim();
	// A name is a few capitalised words ("Amazon Web Services, Inc.", "Functional Software, Inc. d/b/a Sentry").
	const words = name.split(/\s+/);
	if (!/^[A-Z0-9]/.test(name) || words.length > 8) return undefined;
	const capitalised = words.filter(
		(w) => /^[A-Z0-9&(]/.test(w) || CORPORATE_SUFFIX.test(fold(w)) || /^(of|and|d\/b\/a|de|the|for)$/i.test(w),
	);
	if (capitalised.length * 3 < words.length * 2) return undefined;
	if (!purpose && !place && words.length > 5) return undefined;
	return { name, purpose, place };
}

/**
 * "These subprocessors are all located in the United States:": the place a list's lead says of every entry, as the
 * location of those that name none, with the sentence as their note.
 */
function placeOfAll(lead: string | undefined): { locations: Location[]; note: string } | undefined {
	const sentence = lead?.split(/(?<=[.!?])\s+/).pop() ?? '';
	const match =
		/\b(?:are|is)\s+(?:all\s+)?(?:located|based|hosted|stored|processed)\s+in\s+(?:the\s+)?([^.:;,]{2,40}?)\s*[.:;]?\s*$/i.exec(
			sentence,
		);
	const found = match && findLocation(match[1]);
	return found
		? { locations: [{ code: found.code, name: match[1].trim() }], note: sentence.replace(/:\s*$/, '').slice(0, 300) }
		: undefined;
}

function readItemLists(doc: PageDoc, notes: string[]): { categories: Category[]; drafts: Draft[][] } {
	const firstHeading = doc.blocks.find((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 1)?.text;
	const pageTitle = doc.meta.title ?? firstHeading ?? '';
	const categories: Category[] = [];
	const drafts: Draft[][] = [];
	let heading: string | undefined;
	let lead: string | undefined;
	let run: string[] = [];
	const close = () => {
		// On a page whose title is about sub-processors ("PDFShift's subprocessors"), a list under any other heading counts.
		const context = [heading ?? '', lead ?? '', pageTitle].join(' ');
		const entries = run.map(itemEntry);
		const read = entries.filter((e) => e !== undefined);
		const about = ABOUT_THE_LIST.test(context) && !NOT_THE_LIST.test(heading ?? '');
		if (about && read.length >= 2 && read.length * 5 >= run.length * 3) {
			const category = categoryFor(heading ?? doc.meta.title ?? 'Sub-processors', categories);
			const allIn = placeOfAll(lead);
			for (const entry of read) {
				const place = entry.place || !allIn ? readLocations(entry.place ?? '', notes) : allIn;
				drafts.push([
					{
						base: slugify(entry.name).slice(0, 80) || 'entry',
						name: entry.name,
						category,
						purpose: entry.purpose?.slice(0, 2000),
						locations: place.locations,
						locationNote: place.note,
						data: [],
						details: [],
					},
				]);
			}
		}
		run = [];
	};
	for (const block of doc.blocks) {
		if (block.kind === 'heading') {
			close();
			heading = block.text;
			lead = undefined;
		} else if (block.kind === 'text' && block.item) {
			run.push(block.text);
		} else if (block.kind === 'text') {
			close();
			lead = block.text;
		} else {
			close();
		}
	}
	close();
	return { categories, drafts };
}

function tableHeader(table: Extract<Block, { kind: 'table' }>): string[] {
	const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
	return Array.from({ length: width }, (_, i) => table.header[i] ?? '');
}

/** A table with an empty header row whose first row is the header ("| Sub-Processor | Description/Purpose | …"). */
function headerInFirstRow(table: Extract<Block, { kind: 'table' }>): Extract<Block, { kind: 'table' }> {
	if (table.header.some((h) => h.trim()) || table.rows.length < 2) return table;
	const roles = columnRoles(table.rows[0], table.rows.slice(1));
	return roles && roles.includes('name') && !roles.nameInferred ? { ...table, header: table.rows[0], rows: table.rows.slice(1) } : table;
}

/** Whether some table's header names its sub-processor column ("Subprocessor", "Vendor", "Entity name", …). */
function namesInAHeader(doc: PageDoc): boolean {
	return doc.blocks.some((b) => {
		if (b.kind !== 'table') return false;
		const table = headerInFirstRow(b);
		const roles = columnRoles(tableHeader(table), table.rows);
		return !!roles && roles.includes('name') && !roles.nameInferred;
	});
}

/** The rows of one table, each as the entries it names (several names in a cell: one entry each). */
function readTable(given: Extract<Block, { kind: 'table' }>, category: string, notes: string[], othersNamed: boolean): Draft[][] {
	const table = headerInFirstRow(given);
	const header = tableHeader(table);
	const roles = columnRoles(header, table.rows);
	const columns = header.filter(Boolean).join(', ') || '(none)';
	if (!roles) {
		if (table.rows.length > 0) notes.push(`skipped a table with columns ${columns}: no column names a sub-processor`);
		return [];
	}
	// A privacy policy's other tables ("Type | Required | Purpose" of its consents) are no sub-processors when the
	// page has a table whose header names them.
	if (roles.nameInferred && othersNamed) {
		if (table.rows.length > 0) notes.push(`skipped a table with columns ${columns}: another table names the sub-processors`);
		return [];
	}
	const width = header.length;
	const headerKey = header.map(fold).join('|');
	const out: Draft[][] = [];
	for (const raw of table.rows) {
		if (out.length > MAX_ENTRIES) break;
		const row = Array.from({ length: width }, (_, i) => raw[i] ?? '');
		if (row.every((c) => !c.trim())) continue;
		// A header repeated inside the table (long tables re-flowed by a docs site) is no row.
		if (row[0].trim().toLowerCase() === header[0].trim().toLowerCase() && row.map(fold).join('|') === headerKey) continue;
		const cell = (role: Role) => {
			const i = roles.indexOf(role);
			return i < 0 ? '' : row[i];
		};
		const names = splitNames(cell('name'));
		if (names.length === 0) {
			notes.push(`skipped a row with no name: ${row.filter(Boolean).join(' | ').slice(0, 120)}`);
			continue;
		}
		const standing = cell('standing').replace(/\s+/g, ' ').trim();
		if (NOT_A_SUBPROCESSOR.test(fold(standing))) {
			notes.push(`skipped ${names.join('; ').slice(0, 120)}: the page calls it "${standing.slice(0, 60)}", not a sub-processor`);
			continue;
		}
		const place = readLocations(cell('location'), notes);
		const purpose = cell('purpose').replace(/\s+/g, ' ').trim();
		const data = unique(splitList(cell('data')));
		const details: EntryDetail[] = [];
		roles.forEach((role, i) => {
			if ((role === undefined || role === 'corporate' || role === 'standing') && row[i].trim()) {
				details.push({
					label: header[i].trim() || (role === 'corporate' ? 'Corporate location' : `Column ${i + 1}`),
					value: row[i].replace(/\s+/g, ' ').trim(),
				});
			}
		});
		out.push(
			names.map((name) => ({
				base: slugify(name).slice(0, 80) || 'entry',
				name,
				category,
				purpose: purpose || undefined,
				locations: place.locations,
				locationNote: place.note,
				data,
				details,
			})),
		);
	}
	return out;
}

/** A role per column; `nameInferred`: no header names the sub-processors, the first free column was taken for them. */
type ColumnRoles = Array<Role | undefined> & { nameInferred?: true };

/** Each column's role by its header words; for a table whose header row is empty, by its cells. */
function columnRoles(header: string[], rows: string[][]): ColumnRoles | undefined {
	const roles: Array<Role | undefined> = header.map(() => undefined);
	if (header.every((h) => !h.trim())) {
		if (rows.length === 0) return undefined;
		// No header words: the first column names, a column of places is the location, the next one the purpose.
		roles[0] = 'name';
		for (let i = 1; i < header.length; i++) {
			const cells = rows.map((r) => r[i] ?? '').filter((c) => c.trim());
			const places = cells.filter((c) =>
				splitPlaces(c).every((p) => findCountry(stripMarks(p)) || /^(eu|eea|emea|apac|global|worldwide)$/.test(fold(p))),
			);
			if (!roles.includes('location') && cells.length > 0 && places.length * 2 >= cells.length) roles[i] = 'location';
			else if (!roles.includes('purpose')) roles[i] = 'purpose';
		}
		return roles;
	}
	const words = header.map(fold);
	// "Role" / "Status" says what a row is ("Subprocessor", "Independent third party"), not what it does.
	words.forEach((w, i) => {
		if (STANDING.test(w)) roles[i] = 'standing';
	});
	// Two location columns ("Provider location | Processing location"): where the data is processed is the location,
	// where the company sits a corporate detail.
	const places = words.map((w, i) => (/\b(locations?|country|countries|regions?)\b/.test(w) ? i : -1)).filter((i) => i >= 0);
	if (places.length > 1) {
		const processing = places.find((i) => /\b(processing|processed|hosting|hosted|data|server|storage|stored)\b/.test(words[i]));
		if (processing !== undefined) {
			roles[processing] = 'location';
			for (const i of places) if (i !== processing) roles[i] = 'corporate';
		}
	}
	// A header that says "purpose" is the purpose even when an earlier column says "service" ("Relevant Services"),
	// and so is one that says what the entity does ("Activity", Google's pages): the other column stays a detail.
	const purposeColumn = [
		/\b(purposes?|zweck|finalidad|proposito|finalite|finalita|scopo|finalidade|doel|cel)\b/,
		/\b(activit(y|ies)|functions?|nature|used for|actividad|taetigkeit|tatigkeit|activite|attivita|atividade)\b/,
	]
		.map((pattern) => words.findIndex((w) => pattern.test(w)))
		.find((i) => i >= 0);
	if (purposeColumn !== undefined && roles[purposeColumn] === undefined) roles[purposeColumn] = 'purpose';
	words.forEach((w, i) => {
		if (roles[i]) return;
		for (const [role, pattern] of ROLES) {
			if (pattern.test(w) && !roles.includes(role)) {
				roles[i] = role;
				break;
			}
		}
	});
	if (!roles.includes('name')) {
		// "Service | Description | Location": the service is the sub-processor and the description its purpose.
		const service = words.findIndex((w) => /^(services?|service names?|tools?|products?)$/.test(w));
		const described = roles.findIndex((r, i) => r === undefined && /\b(description|details|what (it|they) do)\b/.test(words[i]));
		if (service >= 0 && roles[service] === 'purpose' && described >= 0) {
			roles[service] = 'name';
			roles[described] = 'purpose';
			return Object.assign(roles, { nameInferred: true as const });
		}
		// "Subprocessor | Country | Service" has one; a table with other known columns names in its first free one.
		const known = roles.filter(Boolean).length;
		const free = roles.findIndex((r) => r === undefined);
		if (known === 0 || free < 0) return undefined;
		roles[free] = 'name';
		return Object.assign(roles, { nameInferred: true as const });
	}
	return roles;
}

/** The names in a name cell: one per line, or separated by ";" or "," (but "Stripe, Inc." is one name). */
function splitNames(cell: string): string[] {
	const parts: string[] = [];
	for (const line of cell.split('\n')) {
		for (const piece of splitOutsideParens(replaceOutsideParens(line, /\s+\/\s+/g, ';'), /[;,]/)) {
			const name = cleanName(piece);
			if (!name) continue;
			if (parts.length > 0 && CORPORATE_SUFFIX.test(fold(name)) && !line.trim().startsWith(piece.trim())) {
				parts[parts.length - 1] = `${parts[parts.length - 1]}, ${name}`;
			} else {
				parts.push(name);
			}
		}
	}
	return unique(parts).slice(0, 50);
}

/** Footnote markers, stars and daggers around a name or a place. */
function stripMarks(text: string): string {
	let out = text.trim();
	let before: string;
	do {
		before = out;
		out = out
			.replace(/(\s*(\[\d{1,2}\]|\(\d{1,2}\)|\[[a-z]\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\^\d{1,2}|[*†‡§]+))+$/u, '')
			.replace(/^[*†‡•·\-–—]+\s*/u, '')
			.replace(/^["“”'‘’]+|["“”'‘’]+$/g, '')
			.replace(/[,;:]+$/, '')
			.trim();
	} while (out !== before);
	return out;
}

function cleanName(text: string): string {
	// "Google (Gmail) \\*\\*": a footnote's marker is no part of the name.
	return stripMarks(text.replace(/\s+/g, ' ').replace(/(\s*\\[*])+\s*$/, ''))
		.replace(/(\s*\\?[*†‡])+$|\s*\\+$/, '')
		.trim()
		.slice(0, 200);
}

/** `text` with `pattern` replaced where it is outside brackets: "OAuth providers (Google / Microsoft)" keeps its "/". */
function replaceOutsideParens(text: string, pattern: RegExp, replacement: string): string {
	let out = '';
	let depth = 0;
	let run = '';
	for (const ch of text) {
		if (depth === 0 && (ch === '(' || ch === '[')) {
			out += run.replace(pattern, replacement);
			run = '';
		}
		if (ch === '(' || ch === '[') depth++;
		else if ((ch === ')' || ch === ']') && depth > 0) depth--;
		if (depth > 0 || ch === ')' || ch === ']') out += ch;
		else run += ch;
	}
	return out + run.replace(pattern, replacement);
}

/** Splits on separators that are not inside parentheses ("Google LLC (Cloud, Workspace)" stays one). */
function splitOutsideParens(text: string, separator: RegExp): string[] {
	const out: string[] = [];
	let depth = 0;
	let current = '';
	for (const ch of text) {
		if (ch === '(' || ch === '[') depth++;
		else if ((ch === ')' || ch === ']') && depth > 0) depth--;
		if (depth === 0 && separator.test(ch)) {
			out.push(current);
			current = '';
		} else {
			current += ch;
		}
	}
	out.push(current);
	return out;
}

const NEGATION = /\b(outside( of)?|except|excluding|other than|not in|never|no longer)\b/i;
/** Region codes next to which "NA" is North America. */
const REGION_CODE = /^(EU|EEA|EMEA|APAC|APJ|LATAM|AMER|AMERICAS|UK|US)$/;
/** "Global anycast", "Global edge network": everywhere. */
const GLOBAL_PLACE = /^(global|worldwide)(\s+[\w-]+){1,2}$/i;

function splitPlaces(line: string): string[] {
	return splitOutsideParens(replaceOutsideParens(line, /\s+(and|or|&|und|oder|e|y|o|et|ou)\s+/gi, ';'), /[;,/|]/)
		.map((p) => p.trim())
		.filter(Boolean);
}

/**
 * The items of a data cell. What the page says is not processed is no item ("None (no Client PI sent)", "no customer
 * application data", a sentence "… are **not** sent"), nor is a sentence about the data; "and Customer data" is
 * "Customer data".
 */
function splitList(cell: string): string[] {
	const items: string[] = [];
	for (const line of cell.split('\n')) {
		line.split(/(?<=[a-z)][.!?])\s+(?=[A-Z])/).forEach((sentence, index) => {
			const plain = stripMarks(sentence);
			if (/\b(are|is|will be|were)\s+(not|never)\b/i.test(plain)) return;
			// A later sentence that says something of the data ("Pseudonymisation is enforced …") lists none of it.
			if (index > 0 && /\b(is|are|was|were|will|may|can)\b/i.test(plain.replace(/\([^)]*\)/g, ''))) return;
			for (const piece of splitOutsideParens(sentence, /[;,]/)) {
				const item = stripMarks(piece)
					.replace(/[.;]$/, '')
					.replace(/^(and|or)\s+/i, '');
				if (item && !/^(none|no|not|n\/a)\b|\bnot (sent|shared|processed|stored|retained|collected)\b|\bnever\b/i.test(item))
					items.push(item.slice(0, 200));
			}
		});
	}
	return items;
}

const COMPASS =
	/^(?:north|south|east|west|central|northern|southern|eastern|western)\s+|\s+(?:north|south|east|west|central)(?:\s*\d+)?$|\s+regions?$/i;

/**
 * "US West", "EU Central", "EU region", "Western Europe": part of a code (US, EU) or of a region, read as it. Not part of a
 * country's name ("South Georgia" is not Georgia, "South America" not America).
 */
function compassPart(place: string): string | undefined {
	const rest = place.replace(COMPASS, '').trim();
	if (rest === place) return undefined;
	const found = findLocation(rest);
	return found && (found.region || /^[A-Z]{2,4}$/.test(rest)) ? found.code : undefined;
}

/** A short part that is not a sentence: a region, a city, "Worldwide". */
const placeLike = (part: string): boolean =>
	part.length <= 40 && part.split(/\s+/).length <= 4 && !/[.!?:]$/.test(part.replace(/\b[A-Z]\.$/, ''));

/**
 * Countries and regions (EU, EMEA, "Worldwide") from a location cell. Places that map to neither (a city) and
 * sentences are kept as written, in the location note: the page said them, the app can't map them.
 */
function readLocations(cell: string, notes: string[]): { locations: Location[]; note?: string } {
	const locations: Location[] = [];
	const noteParts: string[] = [];
	// A place once, named as written without its brackets.
	const add = (code: string, part: string) => {
		if (!locations.some((l) => l.code === code))
			locations.push({
				code,
				name: stripMarks(part)
					.replace(/\s*\([^)]*\)\s*/g, ' ')
					.trim(),
			});
	};
	for (const raw of cell.split('\n')) {
		const line = raw.replace(/\s+/g, ' ').trim();
		if (!line) continue;
		// "United Kingdom, including outside the UK/EEA": no place after a negation is one where data is processed.
		const negation = NEGATION.exec(line);
		const parts = splitPlaces(negation ? line.slice(0, negation.index) : line);
		const regionNear = parts.some((p) => REGION_CODE.test(stripMarks(p)));
		const mapped = parts.map((p) => {
			const plain = stripMarks(p);
			// "EU / NA": North America, not Namibia.
			if (plain === 'NA' && regionNear) return 'NORTH_AMERICA';
			// Regions (EU, EMEA, Worldwide…) are locations too: the list format states them as such.
			const located = (text: string) => findLocation(text)?.code;
			const bare = plain.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
			// "US West (Oregon)", "EU Central", "Western Europe": a cloud's or a page's part of a known place.
			return (
				located(plain) ??
				located(bare) ??
				compassPart(bare) ??
				(GLOBAL_PLACE.test(bare) ? located('Global') : undefined) ??
				// "ca-central-1 (Canada)": the country named in brackets (a code there is a site's: "Beauharnois (BHS)");
				// "Coordination plane: USA": the place after a label.
				located(/\(([^()]*[a-z][^()]*)\)$/.exec(plain)?.[1] ?? '') ??
				located(/^[^:]{2,40}:\s*(.{2,40})$/.exec(plain)?.[1] ?? '')
			);
		});
		if (negation) {
			noteParts.push(line);
			parts.forEach((p, i) => mapped[i] && add(mapped[i], p));
			continue;
		}
		if (!parts.every((p, i) => mapped[i] || placeLike(stripMarks(p)))) {
			noteParts.push(line);
			continue;
		}
		parts.forEach((p, i) => {
			const code = mapped[i];
			const name = stripMarks(p);
			if (code) {
				add(code, p);
				if (/\(/.test(name)) noteParts.push(name);
			} else if (name) {
				noteParts.push(name);
				notes.push(`kept the place "${name}" as written (not a country)`);
			}
		});
	}
	const note = unique(noteParts).reduce((out, part) => (out ? `${out}${/[.!?]$/.test(out) ? ' ' : '; '}${part}` : part), '');
	return { locations, note: note ? note.slice(0, 2000) : undefined };
}

/**
 * Final ids: the slug of the name; the same name on several rows gets the ids those rows had in the
 * previous version (best match by category and purpose), new ones numbered -2, -3, …
 */
function assignIds(rows: Draft[][], previous: SubprocessorList | undefined): Subprocessor[] {
	const byBase = new Map<string, Draft[]>();
	for (const draft of rows.flat()) {
		const list = byBase.get(draft.base);
		if (list) list.push(draft);
		else byBase.set(draft.base, [draft]);
	}
	for (const [base, drafts] of byBase) {
		const earlier = (previous?.subprocessors ?? []).filter(
			(e) => slugify(e.name).slice(0, 80) === base && (e.id === base || e.id.startsWith(`${base}-`)),
		);
		if (drafts.length === 1 && earlier.length <= 1) {
			drafts[0].id = earlier[0]?.id ?? base;
			continue;
		}
		const pairs: Array<{ d: Draft; e: Subprocessor; score: number; order: number }> = [];
		drafts.forEach((d, i) =>
			earlier.forEach((e, j) => {
				const score =
					(d.category === e.category ? 2 : 0) +
					(fold(d.purpose ?? '') === fold(e.purpose ?? '') ? 4 : 0) +
					(locationKey(d.locations) === locationKey(e.locations) ? 1 : 0);
				pairs.push({ d, e, score, order: Math.abs(i - j) });
			}),
		);
		pairs.sort((a, b) => b.score - a.score || a.order - b.order);
		const used = new Set<string>();
		for (const { d, e } of pairs) {
			if (d.id || used.has(e.id)) continue;
			d.id = e.id;
			used.add(e.id);
		}
		let n = 1;
		for (const d of drafts) {
			while (!d.id) {
				const candidate = n === 1 ? base : `${base}-${n}`;
				n++;
				if (!used.has(candidate) && (candidate === base || !byBase.has(candidate))) {
					d.id = candidate;
					used.add(candidate);
				}
			}
		}
	}
	const entries: Subprocessor[] = [];
	for (const row of rows) {
		for (const d of row) {
			entries.push({
				id: d.id as string,
				name: d.name,
				aliases: [],
				category: d.category,
				purpose: d.purpose,
				locations: d.locations,
				locationNote: d.locationNote,
				data: d.data,
				listedWith: row.filter((other) => other !== d).map((other) => other.id as string),
				...(d.details.length > 0 ? { details: d.details } : {}),
			});
		}
	}
	return entries;
}

const locationKey = (locations: Location[]): string =>
	locations
		.map((l) => l.code)
		.sort()
		.join(',');

function unique(items: string[]): string[] {
	const seen = new Set<string>();
	return items.filter((item) => {
		const key = fold(item);
		if (!key || seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
	'(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const LABEL =
	/(last[\s_-]*(?:updated?|modified|revised|changed|reviewed)(?:[\s_-]*(?:on|at))?|updated(?:[\s_-]*(?:on|at))?|effective(?:\s+(?:date|as\s+of|from))?|as\s+of|date|version|[úu]ltima\s+actualizaci[óo]n|actualizad[oa](?:\s+el)?|zuletzt\s+(?:aktualisiert|ge[äa]ndert)(?:\s+am)?|aktualisiert\s+am|\bstand\b|derni[èe]re\s+mise\s+[àa]\s+jour(?:\s+le)?|mis\s+[àa]\s+jour\s+le|ultimo\s+aggiornamento|aggiornat[oa]\s+(?:il|al)|[úu]ltima\s+atualiza[çc][ãa]o|atualizad[oa]\s+em|laatst\s+bijgewerkt(?:\s+op)?)\s*(?:on|:|-|–|—)?\s*/i;

/** Month names in the languages European vendors publish in, folded, by number. */
const FOREIGN_MONTHS: Record<string, number> = Object.fromEntries(
	[
		'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
		'januar februar marz april mai juni juli august september oktober november dezember',
		'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre',
		'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
		'janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro',
		'januari februari maart april mei juni juli augustus september oktober november december',
	].flatMap((names) => names.split(' ').map((name, i) => [name, i + 1] as const)),
);
FOREIGN_MONTHS.setiembre = 9;
FOREIGN_MONTHS.janner = 1;

/** A month's number from its name in English or another language ("enero", "März", "août"); 0 if none. */
function monthNumber(name: string): number {
	const folded = fold(name);
	return FOREIGN_MONTHS[folded] ?? MONTHS.indexOf(folded.slice(0, 3)) + 1;
}

const LABELS = new RegExp(LABEL.source, 'gi');

/**
 * The first "last updated …" date the page states (front matter or text). A month without a day ("Last updated:
 * April 2026") is read as its first day, with a note saying so, when the page states no full date.
 */
function pageDate(texts: string[]): { date: string; note?: string } | undefined {
	let monthOnly: { date: string; note: string } | undefined;
	for (const [i, text] of texts.entries()) {
		// Every label of the block: a header paragraph runs "Version: 3.0 Effective date: January 1, 2026 …".
		for (const label of text.matchAll(LABELS)) {
			// "Updated · 2026.05.20 · Revision 1.0": separators between the label and the date.
			const rest = text.slice(label.index + label[0].length).replace(/^[\s·•|,:–—-]+/, '');
			const date = parseDate(rest.slice(0, 40));
			if (date) return { date };
			// A label on its own line ("Last updated" as a heading or a Docusaurus `:::info Last updated` box): the date
			// is the next paragraph.
			if (!rest.trim() && i + 1 < texts.length) {
				const next = parseDate(texts[i + 1].slice(0, 40));
				if (next) return { date: next };
			}
			monthOnly ??= monthOf(rest.slice(0, 40));
		}
	}
	return monthOnly;
}

/** "April 2026", "Apr. 2026", "April, 2026" at the start of `text`: the month's first day, and a note saying so. */
function monthOf(text: string): { date: string; note: string } | undefined {
	const match =
		new RegExp(`^${MONTH},?\\s+(\\d{4})\\b`, 'i').exec(text.trim()) ?? /^(\p{L}{3,12})\.?,?\s+(?:de\s+)?(\d{4})\b/u.exec(text.trim());
	const month = match ? monthNumber(match[1]) : 0;
	if (!match || month === 0) return undefined;
	const date = `${match[2]}-${String(month).padStart(2, '0')}-01`;
	return { date, note: `read the date "${match[0]}" as ${date} (the page gives no day)` };
}

/** A date at the start of `text`: 2023-01-05, 2023.01.05, 05.01.2023, 1/5/2023, January 5th, 2023, 5 January 2023. */
export function parseDate(text: string): string | undefined {
	const t = text.trim();
	let y: number | undefined;
	let m: number | undefined;
	let d: number | undefined;
	let match: RegExpExecArray | null;
	if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t))) [y, m, d] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{4})([./])(\d{1,2})\2(\d{1,2})\b/.exec(t))) [y, m, d] = [+match[1], +match[3], +match[4]];
	else if ((match = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})/.exec(t))) [d, m, y] = [+match[1], +match[2], +match[3]];
	else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(t))) {
		// US order unless the first number can't be a month.
		[m, d, y] = +match[1] > 12 ? [+match[2], +match[1], +match[3]] : [+match[1], +match[2], +match[3]];
	} else if ((match = new RegExp(`^${MONTH},?\\s+${DAY},?\\s*(\\d{4})`, 'i').exec(t))) {
		[m, d, y] = [MONTHS.indexOf(match[1].slice(0, 3).toLowerCase()) + 1, +match[2], +match[3]];
	} else if ((match = new RegExp(`^${DAY}(?:\\s+of)?\\s+${MONTH},?\\s*(\\d{4})`, 'i').exec(t))) {
		[d, m, y] = [+match[1], MONTHS.indexOf(match[2].slice(0, 3).toLowerCase()) + 1, +match[3]];
	} else if ((match = /^(\d{1,2})\.?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?(\d{4})/u.exec(t))) {
		// "15 de enero de 2026", "15. März 2026", "15 août 2026"
		[d, m, y] = [+match[1], monthNumber(match[2]), +match[3]];
	}
	if (!y || !m || !d) return undefined;
	const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	const date = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

function httpDate(header: string): string | undefined {
	const time = Date.parse(header);
	return Number.isNaN(time) ? undefined : isoDay(new Date(time));
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;

/** The objection address and subject, when a paragraph about objecting states them. */
function pageObjections(texts: Array<Extract<Block, { kind: 'text' }>>): { email: string; subject: string } | undefined {
	for (const block of texts) {
		// The sentence about objecting: an address written in it wins over other links of the paragraph.
		// …or about concerns with a (new) sub-processor: "If you have concerns about a sub-processor change, contact us at …".
		const sentence = block.text
			.split(/(?<=[.!?])\s+/)
			.find((s) => /\bobject|\bconcerns? (?:about|regarding|with) (?:a |any |the |our )?(?:new )?sub-?\s?processor/i.test(s));
		if (!sentence) continue;
		const email = EMAIL.exec(sentence)?.[0] ?? block.mailtos.find((m) => EMAIL.test(m));
		if (!email) continue;
		const subject = /subject(?:\s+line)?\s*(?:of|:)?\s*["“”'‘’«]([^"“”‘’«»]{2,120})["“”'’»]/i.exec(sentence)?.[1];
		return { email: email.trim(), subject: subject ? subject.replace(/[\s,.;:]+$/, '').trim() : 'Sub-processor objection' };
	}
	return undefined;
}

/**
 * The page's privacy contact, when it names no address for objections: "If you have questions about this list,
 * please contact us at <privacy@github.com>." A sentence about privacy, data protection, sub-processors or this list
 * with an address in it (or right after one), or an address that reads as a privacy desk (privacy@, dpo@, gdpr@…); a sales or support
 * address elsewhere on the page is not one.
 */
function pageContact(texts: Array<Extract<Block, { kind: 'text' }>>): string | undefined {
	const PRIVACY_DESK = /^(?:privacy|dpo|gdpr|dataprotection|data-protection|data\.protection|legal|compliance|polic(?:y|ies))[\w.+-]*@/i;
	for (const block of texts) {
		const sentences = block.text.split(/(?<=[.!?])\s+/);
		for (const [i, sentence] of sentences.entries()) {
			const email = EMAIL.exec(sentence)?.[0];
			// "Questions about our sub-processors? Write to team@…": the question may be the sentence before.
			const about = [sentence, sentences[i - 1] ?? ''].some((s) =>
				/\b(?:privacy|data protection|gdpr|sub-?\s?processors?|this list)\b/i.test(s),
			);
			if (email && (about || PRIVACY_DESK.test(email))) return email.trim();
		}
		const linked = block.mailtos.find((m) => EMAIL.test(m) && PRIVACY_DESK.test(m));
		if (linked) return linked.trim();
	}
	return undefined;
}

/**
 * "Range Labs Inc." keeps its abbreviation's dot; "Acme," or a sentence's "Acme." or "Pulumi Corporation." loses it,
 * and a name ends with its sentence ("Grism Plus. It …" is Grism Plus).
 */
function keepSuffixDot(found: string): string {
	const stop = /\.\s+[A-Z]/.exec(found);
	const name = stop && !abbreviationEnds(found.slice(0, stop.index)) ? found.slice(0, stop.index) : found;
	return /\.$/.test(name) && abbreviationEnds(name.slice(0, -1)) ? name : name.replace(/[.,]$/, '');
}

/** Whether `text` ends with a company suffix's abbreviation (Inc, Ltd, Co, Corp, LLC …), whose dot is its own. */
function abbreviationEnds(text: string): boolean {
	const last = fold(text.split(/\s+/).pop() ?? '');
	return last.length <= 4 && CORPORATE_SUFFIX.test(last);
}

/** Whose list it is: front matter, "engaged by X", "X's sub-processors", else the last list's, else the site. */
function pageCompany(doc: PageDoc, texts: Array<Extract<Block, { kind: 'text' }>>, options: ReadOptions): string {
	if (doc.meta.company) return doc.meta.company.slice(0, 200);
	// A name starts a word: "stampHQ uses …" is stampHQ, not HQ.
	const NAME = '(?<![\\w.&-])((?:[A-Z]|[a-z]+[A-Z])[\\w.&-]*(?:\\s[A-Z][\\w.&-]*){0,3})';
	const SUB = '[Ss]ub-?\\s?[Pp]rocessors';
	const patterns = [
		new RegExp(`engaged by ${NAME}`),
		new RegExp(`${NAME}['’]s (?:current |own )?(?:list of )?(?:data )?[Ss]ub-?(?:[Pp]rocessors|contractors)`),
		// "the Subprocessors Zed has engaged", "Zulip Cloud may use the following Subprocessors"
		new RegExp(`${SUB} ${NAME} (?:has|have) engaged`),
		// "Google and its affiliates engage the third-party entities in the table below", "Range Labs Inc. may engage
		// and use data processors"
		new RegExp(
			`${NAME}(?:,? and its affiliates,?)? (?:may engage|engages?|has engaged|uses|may use)(?: and use)? (?:the following |these |the )?(?:third[- ]party )?(?:${SUB}|entities|data processors|(?:third[- ]party )?service providers)`,
		),
		// "a third party that LocalOps engages to process customer data", "subprocessors that Embrace may engage", "…
		// data subprocessors used by Pulumi Corporation", "… processes customer data on behalf of Grism Plus"
		new RegExp(`(?:that|which|whom) ${NAME} (?:engages|uses|has engaged|may engage|may use)\\b`),
		new RegExp(`${SUB} used by ${NAME}`),
		new RegExp(`on behalf of ${NAME}`),
		// "supportpages.io uses the following third-party sub-processors": a site's name is its domain.
		new RegExp(
			`(?:^|\\s)([a-z0-9][a-z0-9-]*\\.(?:[a-z]{2,10}))(?: uses| engages| may use| may engage) (?:the following |these )?(?:third[- ]party )?${SUB}`,
		),
	];
	// The page's own sentences first, then its headings and its front matter's description ("A list of Actually
	// Reliable's data subprocessors.", "## List of sub-processors used by Cryptlex:").
	const headings = doc.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading').map((b) => b.text);
	const sources = [...texts.map((b) => b.text), ...headings, doc.meta.description ?? '', doc.meta.meta_desc ?? ''];
	for (const pattern of patterns) {
		for (const text of sources) {
			const match = pattern.exec(text);
			if (match && /^[A-Za-z0-9]/.test(match[1]) && !/^(The|This|Our|We|These|Each|Any|All)$/.test(match[1]))
				return keepSuffixDot(match[1]);
		}
	}
	// "Subprocessors for Zulip Cloud" (a title or the page's first heading).
	const firstHeading = doc.blocks.find((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === 1)?.text;
	for (const title of [doc.meta.title, firstHeading]) {
		const named =
			title &&
			(/^sub-?\s?processors?(?: list)? (?:for|of|at|used by) (.{2,80})$/i.exec(title.trim()) ??
				/^(.{2,60}?)(?:['’]s)? sub-?\s?processors?(?: list)?$/i.exec(title.trim()));
		// "Acme Cloud – Sub-processors" names Acme Cloud, not "Acme Cloud –".
		// "Current list of FCC subprocessors" names FCC.
		const name = named?.[1]
			.replace(/[\s–—|:·-]+$/, '')
			.replace(/^(the\s+)?(current\s+)?list\s+of\s+/i, '')
			.trim();
		// "Annex B — Subprocessors" (a contract's annex) names no company, nor does "List of Data Subprocessors".
		if (
			name &&
			!/^(our|the|list of|current|third[- ]party|data|personal data|approved|authori[sz]ed|active|other|additional)$|^(annex|appendix|schedule|exhibit|attachment)\b/i.test(
				name,
			)
		)
			return name;
	}
	// "Acme Cloud – Sub-processors", "Sub-processors | Acme", "# Subprocessors — Grism Plus": the part of the title
	// that is not the page's topic.
	for (const title of [doc.meta.title ?? '', firstHeading ?? '']) {
		const fromTitle = title
			.split(/\s+[–—|:·-]\s+/)
			.find(
				(part) =>
					part.trim() &&
					!/sub-?processors?|privacy|legal|trust|gdpr|dpa\b|^(annex|appendix|schedule|exhibit|attachment)\b/i.test(part),
			);
		if (fromTitle && title !== fromTitle) return fromTitle.trim().slice(0, 200);
	}
	if (options.previous?.company) return options.previous.company;
	const host = options.url && /^https?:\/\/([^/:?#]+)/i.exec(options.url)?.[1];
	return host ? host.replace(/^(www|docs|legal|trust|privacy)\./i, '') : 'The vendor';
}

/** An HTML page's <title> (its <head> is otherwise never read). */
function htmlTitle(html: string): Record<string, string> {
	const title = /<title\b[^>]*>([^<]{1,300})<\/title>/i.exec(html.slice(0, 64 * 1024))?.[1];
	return title ? { title: decodeEntities(title).replace(/\s+/g, ' ').trim() } : {};
}
