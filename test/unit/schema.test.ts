/**
 * The list file's validation: every error names the file, the line and the field and says what was expected.
 * Inputs are the real bundled list with one edit; every expected line is computed from the edited text.
 */
import { parse as parseYaml } from 'yaml';
import { formatProblem, ListError, loadList, MAX_SOURCE_BYTES, parseList } from '../../src/features/list/schema';
import { BUNDLED_FILE, bundledList, bundledText, edit, lineOf, problemsOf } from './helpers';

const CATEGORY_IDS = 'infrastructure, service, innovation, affiliates, partners';

/** The one problem of an edited list (fails when there are none or several). */
function onlyProblem(source: string) {
	const problems = problemsOf(source);
	expect(problems).toHaveLength(1);
	return problems[0];
}

describe('the bundled list', () => {
	test('is valid', () => {
		const result = parseList(bundledText(), BUNDLED_FILE);
		expect(result.ok).toBe(true);
	});
});

describe('schema errors name the file, the line and the field', () => {
	test('unknown category', () => {
		const source = edit(
			bundledText(),
			'    category: service\n    purpose: Billing platform',
			'    category: infra\n    purpose: Billing platform',
		);
		const problem = onlyProblem(source);
		const line = lineOf(source, /category: infra$/);
		expect(problem).toEqual({
			file: BUNDLED_FILE,
			line,
			field: 'subprocessors[4].category',
			message: `"infra" is not one of ${CATEGORY_IDS}`,
		});
		expect(formatProblem(problem)).toBe(`${BUNDLED_FILE}:${line} subprocessors[4].category: "infra" is not one of ${CATEGORY_IDS}`);
	});

	test('duplicate id: reported on the second entry that uses it', () => {
		const source = edit(bundledText(), 'id: stripe', 'id: zoho');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[5].id');
		expect(problem.line).toBe(lineOf(source, 'id: zoho', '- name: ZOHO'));
		expect(problem.message).toBe('duplicate id "zoho" (already used at index 4)');
	});

	test('duplicate id from a default id (the slug of a name)', () => {
		// Without `id:`, "Stripe Payments" gets the id "stripe-payments"; ZOHO claims that id explicitly.
		let source = edit(bundledText(), '  - name: Stripe\n    id: stripe\n', '  - name: Stripe Payments\n');
		source = edit(source, 'id: zoho', 'id: stripe-payments');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[5].id');
		expect(problem.line).toBe(lineOf(source, 'id: stripe-payments'));
		expect(problem.message).toMatch(/duplicate id "stripe-payments"/);
	});

	test('duplicate name, compared without case and accents', () => {
		// Yesware (index 9) becomes "MAILCHÍMP": the later "Mailchimp" (index 11) is the duplicate.
		const source = edit(bundledText(), '- name: Yesware', '- name: MAILCHÍMP');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[11].name');
		expect(problem.line).toBe(lineOf(source, '- name: Mailchimp'));
		expect(problem.message).toBe('"Mailchimp" is already the name or alias of subprocessors[9] (MAILCHÍMP)');
	});

	test("a name equal to another entry's alias", () => {
		const source = edit(bundledText(), '- name: Firebase', '- name: apns');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[7].name');
		expect(problem.line).toBe(lineOf(source, '- name: apns'));
		expect(problem.message).toBe('"apns" is already the name or alias of subprocessors[6] (Apple Push Notification Service)');
	});

	test("an alias equal to another entry's name", () => {
		const source = edit(bundledText(), 'aliases: [APNs]', 'aliases: [APNs, FIREBASE]');
		const problem = onlyProblem(source);
		// The alias comes first in the file, so the later entry's name is the one reported.
		expect(problem.field).toBe('subprocessors[7].name');
		expect(problem.line).toBe(lineOf(source, '- name: Firebase'));
		expect(problem.message).toMatch(/"Firebase" is already the name or alias of subprocessors\[6\]/);
	});

	test('a date that does not exist (2023-02-30)', () => {
		const source = edit(bundledText(), 'updated: 2023-01-05', 'updated: 2023-02-30');
		const problem = onlyProblem(source);
		expect(problem).toEqual({
			file: BUNDLED_FILE,
			line: lineOf(source, 'updated: 2023-02-30'),
			field: 'updated',
			message: '"2023-02-30" is not a date as YYYY-MM-DD',
		});
	});

	test('a date that is not YYYY-MM-DD ("yesterday")', () => {
		const source = edit(bundledText(), '    purpose: Billing platform', '    purpose: Billing platform\n    since: yesterday');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[4].since');
		expect(problem.line).toBe(lineOf(source, 'since: yesterday'));
		expect(problem.message).toBe('"yesterday" is not a date as YYYY-MM-DD');
	});

	test('a valid since date is accepted and kept as written', () => {
		const source = edit(bundledText(), '    purpose: Billing platform', '    purpose: Billing platform\n    since: 2024-02-29');
		const result = parseList(source, BUNDLED_FILE);
		expect(result.ok && result.list.subprocessors[4].since).toBe('2024-02-29');
	});

	test('unknown country name', () => {
		const source = edit(bundledText(), '    locations: [Brazil]', '    locations: [Atlantis]');
		const problem = onlyProblem(source);
		expect(formatProblem(problem)).toBe(
			`${BUNDLED_FILE}:${lineOf(source, 'locations: [Atlantis]')} subprocessors[13].locations[0]: ` +
				'"Atlantis" is not a country name, ISO code or region (e.g. United States, US, Brazil, EU, EEA, EMEA, Worldwide)',
		);
	});

	test('the second of two locations is reported by its index', () => {
		const source = edit(bundledText(), 'locations: [Belgium, Netherlands]', 'locations: [Belgium, Nederland-ish]');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[14].locations[1]');
		expect(problem.line).toBe(lineOf(source, 'Nederland-ish'));
	});

	test('country names in Portuguese and German and ISO codes are accepted', () => {
		const source = edit(bundledText(), 'locations: [Belgium, Netherlands]', 'locations: [Bélgica, Niederlande, NL, USA]');
		const result = parseList(source, BUNDLED_FILE);
		expect(result.ok && result.list.subprocessors[14].locations.map((l) => l.code)).toEqual(['BE', 'NL', 'NL', 'US']);
	});

	test('missing required field: category (on the line of its entry)', () => {
		const source = edit(bundledText(), '    category: service\n    purpose: Billing platform', '    purpose: Billing platform');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[4].category');
		expect(problem.line).toBe(lineOf(source, '- name: Stripe'));
		expect(problem.message).toMatch(/^is required/);
	});

	test('missing required field: name (on the line of its entry)', () => {
		const source = edit(bundledText(), '  - name: Stripe\n    id: stripe', '  - id: stripe');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[4].name');
		expect(problem.line).toBe(lineOf(source, '- id: stripe'));
		expect(problem.message).toBe('is required (a name is required)');
	});

	test('missing required field: objections.email (on the line of `objections:`)', () => {
		const source = edit(bundledText(), 'objections:\n  email: privacy@rocket.chat\n', 'objections:\n');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('objections.email');
		expect(problem.line).toBe(lineOf(source, 'objections:'));
		expect(problem.message).toMatch(/^is required \(an e-mail address is required\)/);
	});

	test('purpose is optional', () => {
		const source = edit(bundledText(), '    purpose: Billing platform\n', '');
		const result = parseList(source, BUNDLED_FILE);
		expect(result.ok).toBe(true);
		expect(result.ok && result.list.subprocessors[4]).toMatchObject({ name: 'Stripe', purpose: undefined });
	});

	test('wrong type: locations as a string instead of a list', () => {
		const source = edit(bundledText(), '    locations: [Brazil]', '    locations: United States');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[13].locations');
		expect(problem.line).toBe(lineOf(source, 'locations: United States'));
		expect(problem.message).toBe('expected a list of countries, e.g. [United States, Brazil], got string');
	});

	test('wrong type: objections.email that is not an e-mail address', () => {
		const source = edit(bundledText(), '  email: privacy@rocket.chat', '  email: privacy at rocket.chat');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('objections.email');
		expect(problem.line).toBe(lineOf(source, 'email: privacy at rocket.chat'));
		expect(problem.message).toMatch(/expected an e-mail address/);
	});

	test('unknown field (typo `purpse`): named in the message, reported at its entry', () => {
		const source = edit(bundledText(), '    purpose: Billing platform', '    purpse: Billing platform');
		const problem = onlyProblem(source);
		expect(problem.field).toMatch(/^subprocessors\[4\]/);
		expect(problem.message).toMatch(/unknown field "purpse"/);
		expect(problem.line).toBeGreaterThanOrEqual(lineOf(source, '- name: Stripe'));
		expect(problem.line).toBeLessThanOrEqual(lineOf(source, 'purpse: Billing platform'));
	});

	// BUG (src/features/list/schema.ts): unrecognized_keys issues carry the path of the object, not of the key, so the
	// reported line is the entry's first line ("- name: Stripe"), two lines above the typo.
	test('unknown field (typo `purpse`): the line is the line of the typo', () => {
		const source = edit(bundledText(), '    purpose: Billing platform', '    purpse: Billing platform');
		const problem = onlyProblem(source);
		expect(problem.line).toBe(lineOf(source, 'purpse: Billing platform'));
	});

	test('unknown top-level field', () => {
		const source = edit(bundledText(), 'updated: 2023-01-05', 'updated: 2023-01-05\nupdatd: 2023-01-06');
		const problem = onlyProblem(source);
		expect(problem.message).toBe('unknown field "updatd"');
		expect(problem.field).toBe('updatd');
		expect(problem.line).toBe(lineOf(source, 'updatd: 2023-01-06'));
		expect(formatProblem(problem)).toBe(`${BUNDLED_FILE}:${problem.line} updatd: unknown field "updatd"`);
	});

	test('listedWith naming an id that does not exist', () => {
		const source = edit(bundledText(), 'listedWith: [firebase]', 'listedWith: [firebas]');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[6].listedWith[0]');
		expect(problem.line).toBe(lineOf(source, 'listedWith: [firebas]'));
		expect(problem.message).toBe('"firebas" is not the id of another entry');
	});

	test('listedWith naming the entry itself', () => {
		const source = edit(bundledText(), 'listedWith: [firebase]', 'listedWith: [apple-push-notification-service]');
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[6].listedWith[0]');
		expect(problem.line).toBe(lineOf(source, 'listedWith: [apple-push-notification-service]', '- name: Apple Push'));
	});

	test('YAML syntax error: rejected as not valid YAML', () => {
		const source = edit(bundledText(), '    id: stripe', '   id: stripe');
		const problems = problemsOf(source);
		expect(problems.length).toBeGreaterThan(0);
		expect(problems[0].message).toMatch(/^not valid YAML: /);
		expect(problems[0].file).toBe(BUNDLED_FILE);
	});

	// BUG (src/features/list/schema.ts, parseList): with `prettyErrors: false` the yaml library never sets
	// `error.linePos`, so every YAML syntax error has `line: undefined`. `lineCounter.linePos(error.pos[0])`
	// gives the line.
	test('YAML syntax error: the line of the mis-indented key is reported', () => {
		const source = edit(bundledText(), '    id: stripe', '   id: stripe');
		const problems = problemsOf(source);
		expect(problems[0].line).toBe(lineOf(source, '   id: stripe'));
		expect(formatProblem(problems[0])).toMatch(new RegExp(`^${BUNDLED_FILE}:${lineOf(source, '   id: stripe')}: not valid YAML`));
	});

	test('YAML syntax error: a duplicate key is reported at its line', () => {
		const source = edit(bundledText(), '    id: stripe', '    id: stripe\n    id: stripe-2');
		const problems = problemsOf(source);
		expect(problems).toHaveLength(1);
		expect(problems[0].message).toMatch(/not valid YAML: Map keys must be unique/);
		expect(problems[0].line).toBe(lineOf(source, 'id: stripe-2'));
	});

	test('empty file', () => {
		expect(problemsOf('')).toEqual([{ file: BUNDLED_FILE, field: '', message: 'the file is empty' }]);
		expect(problemsOf(' \n\t\n')).toEqual([{ file: BUNDLED_FILE, field: '', message: 'the file is empty' }]);
	});

	test('a top-level list instead of a mapping', () => {
		const problems = problemsOf('- company: Rocket.Chat\n- updated: 2023-01-05\n');
		expect(problems).toEqual([
			{
				file: BUNDLED_FILE,
				line: 1,
				field: '',
				message: 'expected a mapping with company, updated, objections, categories and subprocessors',
			},
		]);
	});

	test('a file larger than the limit is refused before parsing', () => {
		const problems = problemsOf(`company: x\n#${'x'.repeat(MAX_SOURCE_BYTES)}\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0].message).toMatch(/larger than 5 MiB/);
	});

	test('several problems are all reported, sorted by line', () => {
		let source = edit(bundledText(), 'updated: 2023-01-05', 'updated: 2023-13-01');
		source = edit(source, '    locations: [Brazil]', '    locations: [Atlantis]');
		source = edit(source, '    category: service\n    purpose: Billing platform', '    category: infra\n    purpose: Billing platform');
		const problems = problemsOf(source);
		expect(problems.map((p) => [p.line, p.field])).toEqual([
			[lineOf(source, 'updated: 2023-13-01'), 'updated'],
			[lineOf(source, /category: infra$/), 'subprocessors[4].category'],
			[lineOf(source, 'locations: [Atlantis]'), 'subprocessors[13].locations[0]'],
		]);
	});
});

describe('JSON input', () => {
	test('the same list as JSON parses to the same result', () => {
		const json = JSON.stringify(parseYaml(bundledText()), null, 2);
		expect(json.trimStart().startsWith('{')).toBe(true);
		const result = parseList(json, 'data/subprocessors.json');
		expect(result.ok).toBe(true);
		expect(result.ok && result.list).toEqual(bundledList());
	});

	test('errors in JSON name the line too', () => {
		const source = JSON.stringify(
			{
				company: 'Example',
				updated: '2024-01-01',
				objections: { email: 'privacy@example.com', subject: 'Objection' },
				categories: [{ id: 'service', name: 'Services' }],
				subprocessors: [
					{ name: 'One', category: 'service' },
					{ name: 'Two', category: 'infra' },
				],
			},
			null,
			2,
		);
		const problem = onlyProblem(source);
		expect(problem.field).toBe('subprocessors[1].category');
		expect(problem.line).toBe(lineOf(source, '"category": "infra"'));
		expect(problem.message).toBe('"infra" is not one of service');
	});
});

describe('loadList', () => {
	test('returns the list when it is valid', () => {
		const list = loadList(bundledText(), BUNDLED_FILE);
		expect(list.company).toBe('Rocket.Chat');
		expect(list.updated).toBe('2023-01-05');
	});

	test('throws a ListError whose message has one `file:line field: message` line per problem', () => {
		let source = edit(bundledText(), '    locations: [Brazil]', '    locations: [Atlantis]');
		source = edit(source, '    category: service\n    purpose: Billing platform', '    category: infra\n    purpose: Billing platform');
		let error: unknown;
		try {
			loadList(source, BUNDLED_FILE);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ListError);
		const listError = error as ListError;
		expect(listError.name).toBe('ListError');
		expect(listError.problems).toHaveLength(2);
		expect(listError.message.split('\n')).toEqual([
			`${BUNDLED_FILE}:${lineOf(source, /category: infra$/)} subprocessors[4].category: "infra" is not one of ${CATEGORY_IDS}`,
			`${BUNDLED_FILE}:${lineOf(source, 'locations: [Atlantis]')} subprocessors[13].locations[0]: "Atlantis" is not a country name, ISO code or region (e.g. United States, US, Brazil, EU, EEA, EMEA, Worldwide)`,
		]);
	});

	test('names the file it was given', () => {
		expect(() => loadList('', 'lists/acme.yaml')).toThrow('lists/acme.yaml: the file is empty');
	});
});
