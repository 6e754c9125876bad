/** Every setting's label, description and option labels exist in every i18n/*.json; ids are unique and the SETTING table's. */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { DEFINITIONS, SETTING, mayFileWith, retentionDays, rolesOf } from '../../src/platform/settings';

const dir = path.join(__dirname, '..', '..', 'i18n');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('each setting id is one of SETTING, once', () => {
	const ids = DEFINITIONS.map((d) => d.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect([...ids].sort()).toEqual(Object.values(SETTING).sort());
});

test.each(files)('%s has every label, description and option label of the settings', (file) => {
	const messages = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
	const keys = DEFINITIONS.flatMap((d) => [d.i18nLabel, d.i18nDescription, ...(d.values ?? []).map((v) => v.i18nLabel)]).filter(
		(k): k is string => !!k,
	);
	expect(keys.filter((key) => !messages[key]?.trim())).toEqual([]);
});

test('the role setting: names separated by commas or spaces; empty lets everyone file', () => {
	expect(rolesOf(' user, privacy-filer;;auditor  user')).toEqual(['user', 'privacy-filer', 'auditor']);
	expect(rolesOf(42)).toEqual([]);
	expect(mayFileWith([], undefined)).toBe(true);
	expect(mayFileWith(['privacy-filer'], ['user'])).toBe(false);
	expect(mayFileWith(['privacy-filer'], ['user', 'privacy-filer'])).toBe(true);
});

test('the retention setting: whole days, 0 keeps, the default for anything else', () => {
	expect(retentionDays(30)).toBe(30);
	expect(retentionDays('0')).toBe(0);
	expect(retentionDays(-1)).toBe(365);
	expect(retentionDays(1.5)).toBe(365);
	expect(retentionDays(undefined)).toBe(365);
});
