/**
 * Caches for values derived from objects that never change once made (a list, its entries, a catalog): kept as long as
 * the object is, in a WeakMap, so a new list version starts afresh and an old one's values go with it.
 */
export function memoByObject<K extends object, V>(make: (key: K) => V): (key: K) => V {
	const cache = new WeakMap<K, V>();
	return (key) => {
		if (cache.has(key)) return cache.get(key) as V;
		const value = make(key);
		cache.set(key, value);
		return value;
	};
}

/** As memoByObject, per object and a second key (a language, a size). */
export function memoByObjectAnd<K extends object, S, V>(make: (key: K, sub: S) => V): (key: K, sub: S) => V {
	const cache = new WeakMap<K, Map<S, V>>();
	return (key, sub) => {
		let bySub = cache.get(key);
		if (!bySub) {
			bySub = new Map();
			cache.set(key, bySub);
		}
		if (bySub.has(sub)) return bySub.get(sub) as V;
		const value = make(key, sub);
		bySub.set(sub, value);
		return value;
	};
}
