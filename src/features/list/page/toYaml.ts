/**
 * A list read from a page, written out in the app's own format (`npm run import`), with comments for what
 * the page did not say in the app's terms: a missing objection address, columns with no field, places kept
 * as written. The result passes the app's schema. Pure: no engine imports.
 */
import { Document, isMap, isSeq, type YAMLMap } from 'yaml';
import type { SubprocessorList } from '../model';
import { slugify } from '../../../kernel/text';

const PLACEHOLDER_EMAIL = 'privacy@example.com';

export function listToYaml(list: SubprocessorList, source: string): string {
	const page = list.page;
	const data = {
		company: list.company,
		updated: list.updated,
		...(list.policyUrl ? { policyUrl: list.policyUrl } : {}),
		objections: { email: list.objections.email || PLACEHOLDER_EMAIL, subject: list.objections.subject },
		categories: list.categories.map((c) => ({ id: c.id, name: c.name })),
		subprocessors: list.subprocessors.map((e) => ({
			// The app's format wants unique names: a name the page repeats on another row gets its purpose.
			name: e.id !== slugify(e.name) && e.purpose ? `${e.name} (${e.purpose.slice(0, 80)})` : e.name,
			...(e.id !== slugify(e.name) ? { id: e.id } : {}),
			category: e.category,
			...(e.purpose ? { purpose: e.purpose } : {}),
			...(e.locations.length > 0 ? { locations: e.locations.map((l) => l.name) } : {}),
			...(e.locationNote ? { locationNote: e.locationNote } : {}),
			...(e.data.length > 0 ? { data: e.data } : {}),
			...(e.listedWith.length > 0 ? { listedWith: e.listedWith } : {}),
		})),
	};
	const doc = new Document(data);
	const head = [`Imported from ${source}${page ? ` (a ${page.format} page)` : ''}. Review it before use.`];
	if (page) {
		head.push(
			page.updatedFrom === 'page'
				? 'updated: the page\'s "last updated" date.'
				: page.updatedFrom === 'last-modified'
					? "updated: the server's Last-Modified date (the page states none)."
					: 'updated: today (neither the page nor the server states a date).',
		);
		for (const note of page.notes) head.push(`Note: ${note}`);
	}
	doc.commentBefore = head.map((line) => ` ${line}`).join('\n');

	const root = doc.contents as YAMLMap;
	const objections = root.get('objections', true);
	if (!list.objections.email && isMap(objections)) {
		objections.commentBefore = ' TODO: the page states no objection address: put the real one here.';
	} else if (page?.objectionsFrom === 'settings' && isMap(objections)) {
		objections.commentBefore = " From the app's settings: the page states no objection address.";
	} else if (page?.objectionsFrom === 'page-contact' && isMap(objections)) {
		objections.commentBefore = " The page's privacy contact: the page names no address for objections.";
	}
	const entries = root.get('subprocessors', true);
	if (isSeq(entries)) {
		list.subprocessors.forEach((entry, i) => {
			const node = entries.items[i] as YAMLMap;
			const comments: string[] = [];
			for (const detail of entry.details ?? []) comments.push(`${detail.label}: ${detail.value}`);
			if (entry.id !== slugify(entry.name)) comments.push(`the page lists "${entry.name}" on more than one row`);
			if (entry.locations.length === 0 && entry.locationNote)
				comments.push('no country on the page: its location text is kept as locationNote');
			if (comments.length > 0) node.commentBefore = comments.map((c) => ` ${c.replace(/\n/g, ' ')}`).join('\n');
		});
	}
	return doc.toString({ lineWidth: 0 });
}
