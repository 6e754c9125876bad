/**
 * A list body stored as its differences from another stored list (its base). A 1 % change of a 5,000-entry
 * list otherwise rewrites 1.7 MB through the engine (JSON text, the Deno runtime's msgpack, the pipe to the
 * server) on every accepted change; as a delta it is the head, the changed entries and ranges of the base's.
 * Pure: no engine imports.
 */
import type { Subprocessor, SubprocessorList } from '../../features/list/model';

/** `[start, count]`: that many entries of the base from `start`; an object: an entry stored in full. */
type Piece = [number, number] | Subprocessor;

interface Delta {
	/** The list's other fields; `subprocessors: null` keeps the key's place, so a decoded list has the fields in the same order. */
	head: Omit<SubprocessorList, 'subprocessors'> & { subprocessors: null };
	entries: Piece[];
}

/** Entries of the base by object (a parse reuses unchanged entries' objects) and by id, per base list. */
const indexes = new WeakMap<SubprocessorList, { byObject: Map<Subprocessor, number>; byId: Map<string, number> }>();

function indexOf(base: SubprocessorList) {
	let index = indexes.get(base);
	if (!index) {
		index = { byObject: new Map(), byId: new Map() };
		base.subprocessors.forEach((entry, i) => {
			index!.byObject.set(entry, i);
			index!.byId.set(entry.id, i);
		});
		indexes.set(base, index);
	}
	return index;
}

/**
 * `list` as a delta from `base` (JSON text), or undefined when more than `maxShare` of its entries differ from the
 * base's: then the whole list is the better record (and the next base). An entry counts as the base's when it is
 * the same object, or says the same as JSON — what the full record would have stored for it.
 */
export function encodeDelta(list: SubprocessorList, base: SubprocessorList, maxShare = 0.25): string | undefined {
	const { byObject, byId } = indexOf(base);
	const limit = Math.floor(list.subprocessors.length * maxShare);
	const entries: Piece[] = [];
	let inFull = 0;
	let run: [number, number] | undefined;
	for (const entry of list.subprocessors) {
		let at = byObject.get(entry);
		if (at === undefined) {
			const same = byId.get(entry.id);
			if (same !== undefined && JSON.stringify(base.subprocessors[same]) === JSON.stringify(entry)) at = same;
		}
		if (at === undefined) {
			if (++inFull > limit) return undefined;
			entries.push(entry);
			run = undefined;
		} else if (run && run[0] + run[1] === at) {
			run[1]++;
		} else {
			run = [at, 1];
			entries.push(run);
		}
	}
	const delta: Delta = { head: { ...list, subprocessors: null }, entries };
	return JSON.stringify(delta);
}

/** The list a delta from `base` stands for. Entries taken from the base are the base's objects (lists are never mutated). */
export function decodeDelta(text: string, base: SubprocessorList): SubprocessorList {
	const { head, entries } = JSON.parse(text) as Delta;
	const subprocessors: Subprocessor[] = [];
	for (const piece of entries) {
		if (!Array.isArray(piece)) {
			subprocessors.push(piece);
			continue;
		}
		const [start, count] = piece;
		if (start < 0 || count < 0 || start + count > base.subprocessors.length) throw new Error('list delta: a range outside its base');
		for (let i = start; i < start + count; i++) subprocessors.push(base.subprocessors[i]);
	}
	return { ...head, subprocessors };
}
