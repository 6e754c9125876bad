/** The validated, normalized sub-processor list every other module works with. Pure types. */
import type { CountryCode } from './geo';

export interface Location {
    /** ISO 3166-1 alpha-2 code. */
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
}
