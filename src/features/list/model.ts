/** The validated, normalized sub-processor list every other module works with. Pure types. */
import type { CountryCode } from '../../kernel/places';

export interface Location {
	/** ISO 3166-1 alpha-2 code, or a region's id (EU, EMEA, WORLD…) when the list states a region. */
	code: CountryCode;
	/** The name as the list file writes it ("United States"). */
	name: string;
}

export interface Category {
	id: string;
	name: string;
	description?: string;
}

export interface Subprocessor {
	id: string;
	name: string;
	aliases: string[];
	category: string;
	purpose?: string;
	/** Empty: the list does not state where data is processed. */
	locations: Location[];
	locationNote?: string;
	data: string[];
	website?: string;
	since?: string;
	/** Ids of entries the source page lists in the same row. */
	listedWith: string[];
	/** Columns of a vendor's page the app has no field for, as the page writes them (issue 16). */
	details?: EntryDetail[];
}

export interface EntryDetail {
	label: string;
	value: string;
}

/** How a list read from a vendor's web page was read: what the page said, and what the app filled in. */
export interface PageInfo {
	format: 'markdown' | 'html';
	/** Where the version date came from: the page's "last updated", the HTTP Last-Modified, or the day seen. */
	updatedFrom: 'page' | 'last-modified' | 'seen';
	/**
	 * Where the objection address came from: the page's text about objecting, the app's settings, or (the page names
	 * no address for objections) the page's privacy contact.
	 */
	objectionsFrom: 'page' | 'settings' | 'page-contact';
	/** What the reader kept as written or skipped (unmapped places, tables without names). */
	notes: string[];
}

export interface ObjectionProcedure {
	email: string;
	subject: string;
	requirements: string[];
	note?: string;
	noticeDays?: number;
}

export interface SubprocessorList {
	company: string;
	/** ISO date (YYYY-MM-DD) of the list's last change: its version. */
	updated: string;
	policyUrl?: string;
	description?: string;
	dueDiligence?: string;
	contact?: string;
	/** The company's services an objection can concern (the objection form offers them). */
	services: string[];
	objections: ObjectionProcedure;
	categories: Category[];
	subprocessors: Subprocessor[];
	/** Set when the list was read from a vendor's markdown or HTML page rather than the app's format. */
	page?: PageInfo;
}
