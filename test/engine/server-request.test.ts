// The workspace's stand-in for what a Rocket.Chat server does to an app endpoint's request (router.ts' body
// parsers, Express 4's query parser): pure functions, checked here against the behaviours listed in
// docs/server-fidelity.md. The endpoint tests check the same through the real engine.
import { BODY_LIMIT, parseServerBody, parseServerQuery } from '../../workspace/src/serverRequest';

describe('bodies (body-parser json() and urlencoded(), default options)', () => {
	const json = { 'content-type': 'application/json' };

	test('JSON and URL-encoded are parsed; every other type, or none, leaves {}', () => {
		expect(parseServerBody(json, '{"list": "a: 1"}')).toEqual({ ok: true, content: { list: 'a: 1' } });
		expect(parseServerBody({ 'content-type': 'application/json; charset=utf-8' }, '[1]')).toEqual({ ok: true, content: [1] });
		expect(parseServerBody({ 'content-type': 'application/x-www-form-urlencoded' }, 'list=a%3A+1&x=2')).toEqual({
			ok: true,
			content: { list: 'a: 1', x: '2' },
		});
		for (const type of ['application/yaml', 'text/plain', 'application/vnd.api+json', '']) {
			expect(parseServerBody(type ? { 'content-type': type } : {}, 'a: 1')).toEqual({ ok: true, content: {} });
		}
		expect(parseServerBody(json, undefined)).toEqual({ ok: true, content: {} });
		expect(parseServerBody(json, '')).toEqual({ ok: true, content: {} });
	});

	test('over 100 KB: 413; malformed or non-strict JSON: 400; a non-UTF charset: 415', () => {
		const atLimit = JSON.stringify({ list: 'x'.repeat(BODY_LIMIT - 11) });
		expect(Buffer.byteLength(atLimit)).toBe(BODY_LIMIT);
		expect(parseServerBody(json, atLimit).ok).toBe(true);
		expect(parseServerBody(json, `${atLimit} `)).toMatchObject({ ok: false, status: 413 });
		// Bytes, not characters.
		expect(parseServerBody(json, JSON.stringify({ list: 'é'.repeat(BODY_LIMIT / 2) }))).toMatchObject({ ok: false, status: 413 });
		expect(parseServerBody(json, '{"list": ')).toMatchObject({ ok: false, status: 400 });
		expect(parseServerBody(json, '"text"')).toMatchObject({ ok: false, status: 400 });
		expect(parseServerBody(json, ' 42')).toMatchObject({ ok: false, status: 400 });
		expect(parseServerBody({ 'content-type': 'application/json; charset=latin1' }, '{}')).toMatchObject({ ok: false, status: 415 });
		expect(
			parseServerBody(
				{ 'content-type': 'application/x-www-form-urlencoded' },
				Array.from({ length: 1001 }, (_, i) => `k${i}=1`).join('&'),
			),
		).toMatchObject({ ok: false, status: 413 });
	});
});

describe('query strings (Express 4 "extended": qs with allowPrototypes)', () => {
	test('repeated keys and [] give arrays, [key] gives objects, values are decoded', () => {
		expect(parseServerQuery('category=a&category=b&location=EU')).toEqual({ category: ['a', 'b'], location: 'EU' });
		expect(parseServerQuery('category[]=a&category[]=b')).toEqual({ category: ['a', 'b'] });
		expect(parseServerQuery('location[0]=EU')).toEqual({ location: ['EU'] });
		expect(parseServerQuery('location[x]=1&location[y][z]=2')).toEqual({ location: { x: '1', y: { z: '2' } } });
		expect(parseServerQuery('category%5B%5D=a&q=United+States&bad=%zz')).toEqual({ category: ['a'], q: 'United States', bad: '%zz' });
		expect(parseServerQuery('flag&empty=')).toEqual({ flag: '', empty: '' });
	});

	test('__proto__ is dropped; constructor and toString are kept as plain keys', () => {
		const query = parseServerQuery('__proto__[x]=1&__proto__=2&constructor=c&toString=t');
		expect(query).toEqual({ constructor: 'c', toString: 't' });
		expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).x).toBeUndefined();
	});
});
