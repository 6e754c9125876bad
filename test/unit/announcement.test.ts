/**
 * What the watcher says: the announcement of a change (blocks, text, buttons, dates, limits, languages),
 * the "now watching" note, admin alerts, the change history and the status answer.
 */
import { newChangeRecord, type ChangeRecord } from '../../src/features/watch/changes';
import { fingerprint } from '../../src/features/watch/diff';
import type { LayoutBlock } from '@rocket.chat/ui-kit';
import countries from 'i18n-iso-countries';
import type { ObjectionProcedure, Subprocessor, SubprocessorList } from '../../src/features/list/model';
import {
	alertDetails,
	alertMessage,
	announcement,
	announcementMarker,
	changesHistory,
	nextCheckAt,
	OBJECT_ACTION,
	statusAnswer,
	yearsSince,
	summary,
	watchingNote,
	type StatusInfo,
} from '../../src/features/watch/announcement';
import { MAX_REPLY_BLOCKS, MAX_REPLY_TEXT, toReply } from '../../src/features/list/answers';
import { MAX_SECTION_TEXT, section, type Reply } from '../../src/kernel/blocks';
import type { Lang } from '../../src/kernel/i18n';
import { markupProblem, PARSES } from '../support/markup';
import { blockTexts, catalogFrom, edit, readable, SMALL_LIST_HEADER, visible } from './helpers';

const listFrom = (source: string): SubprocessorList => catalogFrom(source).list;

const V1 = `${SMALL_LIST_HEADER}subprocessors:
  - name: Beta Mail
    id: beta
    category: service
    purpose: Sends e-mail
    locations: [Brazil]
  - name: Gamma Chat
    id: gamma
    category: service
`;
const V2 =
	edit(
		edit(edit(V1, 'updated: 2024-03-01', 'updated: 2024-03-08'), '  - name: Gamma Chat\n    id: gamma\n    category: service\n', ''),
		'purpose: Sends e-mail',
		'purpose: Sends e-mail and SMS',
	) +
	`  - name: Delta Analytics
    category: infrastructure
    purpose: Usage analytics
    locations: [Germany, United States]
`;

const NOW = new Date('2024-03-10T15:30:00Z');
const APP = 'app-id';

function recordOf(before: SubprocessorList | undefined, after: SubprocessorList, now = NOW, windowDays = 14): ChangeRecord {
	return newChangeRecord(
		before && { list: before, fingerprint: fingerprint(before) },
		{ list: after, fingerprint: fingerprint(after) },
		now,
		windowDays,
	);
}

const v1 = listFrom(V1);
const v2 = listFrom(V2);
const record = recordOf(v1, v2);
const OBJECTIONS = v2.objections;
const marker = announcementMarker(record.id, 'channel');
const announce = (
	r: ChangeRecord,
	lang: Lang = 'en',
	options: Partial<{ today: string; intro: string; objections: ObjectionProcedure }> = {},
) => readable(announcement(r, lang, { appId: APP, objections: OBJECTIONS, marker, today: '2024-03-10', ...options }));

/** No live markup but the app's own, read with Rocket.Chat's parser as message text and as mrkdwn. */
function expectPlain(text: string, outsider?: string): void {
	for (const [where, options] of PARSES)
		expect({ where, problem: markupProblem(text, options, ['BOLD', 'ITALIC', 'INLINE_CODE'], outsider) }).toEqual({
			where,
			problem: undefined,
		});
}

/** The block id of any block type (LayoutBlock's union does not expose it on every member). */
const blockId = (block: LayoutBlock): string | undefined => (block as { blockId?: string }).blockId;

/** Buttons of a reply: [action id, value, label]. */
function buttons(reply: Reply): Array<[string, string | undefined, string]> {
	const out: Array<[string, string | undefined, string]> = [];
	for (const block of reply.blocks) {
		if (block.type === 'section' && block.accessory && block.accessory.type === 'button') {
			out.push([block.accessory.actionId, block.accessory.value, block.accessory.text.text]);
		}
	}
	return out;
}

function expectWithinLimits(reply: Reply): void {
	expect(reply.text.length).toBeLessThanOrEqual(MAX_REPLY_TEXT);
	expect(reply.blocks.length).toBeLessThanOrEqual(MAX_REPLY_BLOCKS);
	for (const block of reply.blocks) {
		if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(MAX_SECTION_TEXT);
		if (block.type === 'context')
			for (const el of block.elements) expect('text' in el ? el.text.length : 0).toBeLessThanOrEqual(MAX_SECTION_TEXT);
	}
}

function vendor(i: number, extra: Partial<Subprocessor> = {}): Subprocessor {
	return {
		id: `vendor-${i}`,
		name: `Vendor ${i}`,
		aliases: [],
		category: 'service',
		purpose: `Purpose ${i}`,
		locations: [{ code: 'DE', name: 'Germany' }],
		data: [],
		listedWith: [],
		...extra,
	};
}

/** A change record with the given changes (dates and versions of `record`). */
const withChanges = (changes: Partial<ChangeRecord['changes']>, extra: Partial<ChangeRecord> = {}): ChangeRecord => ({
	...record,
	changes: { added: [], removed: [], changed: [], ...changes },
	...extra,
});

describe('announcement', () => {
	test('the whole announcement of one added, one changed and one removed entry', () => {
		const reply = announce(record);
		expect(record.changes.added.map((e) => e.id)).toEqual(['delta-analytics']);
		expect(reply.text).toBe(
			[
				'Example GmbH *updated its sub-processor list* (version of 8 March 2024)',
				'1 added · 1 removed · 1 changed',
				'*Added (1)*',
				'• Delta Analytics — Usage analytics · Germany and United States',
				'*Changed (1)*',
				'• Beta Mail — purpose: Sends e-mail → Sends e-mail and SMS',
				'*Removed (1)*',
				'• Gamma Chat — _no purpose stated_ · _location not stated_',
				'In effect since *8 March 2024*. Deadline to object: *24 March 2024*.',
				'To object, e-mail privacy@example.com with the subject “Objection” before the deadline.',
			].join('\n'),
		);
		expect(reply.text).toBe(blockTexts(reply).join('\n'));
		expect(reply.blocks.map((b) => b.type)).toEqual([
			'section',
			'section',
			'section',
			'section',
			'section',
			'section',
			'section',
			'context',
		]);
		expect(blockId(reply.blocks[0])).toBe(`announcement:${record.id}:channel`);
		expect(reply.blocks.slice(1).every((b) => blockId(b) === undefined)).toBe(true);
		// Added and changed entries can be objected to; a removed one can't.
		expect(buttons(reply)).toEqual([
			['object', 'delta-analytics', 'Object'],
			['object', 'beta', 'Object'],
		]);
		const button = reply.blocks[2].type === 'section' ? reply.blocks[2].accessory : undefined;
		expect(button).toEqual({
			type: 'button',
			appId: APP,
			blockId: OBJECT_ACTION,
			actionId: 'object',
			text: { type: 'plain_text', text: 'Object', emoji: true },
			value: 'delta-analytics',
		});
	});

	test('the marker is whatever is passed in; an intro goes right after the title', () => {
		const reply = announcement(record, 'en', {
			appId: APP,
			objections: OBJECTIONS,
			marker: 'announcement:x:dm:u1',
			today: '2024-03-10',
			intro: 'You subscribed.',
		});
		expect(announcementMarker('r1', 'dm:u1')).toBe('announcement:r1:dm:u1');
		expect(blockId(reply.blocks[0])).toBe('announcement:x:dm:u1');
		expect(reply.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'You subscribed.' }] });
		expect(reply.text.split('\n')[2]).toBe('You subscribed.');
	});

	test('a renamed entry says what it was called, every field before → after, "none" for empty', () => {
		const before = vendor(1, { name: 'Old Name', id: 'old-name', locations: [] });
		const after = vendor(1, { name: 'New Name', id: 'new-name', locations: [{ code: 'US', name: 'USA' }], aliases: ['Old Name'] });
		const reply = announce(
			withChanges({
				changed: [
					{
						before,
						after,
						renamedFrom: 'old-name',
						fields: [
							{ field: 'name', before: 'Old Name', after: 'New Name' },
							{ field: 'aliases', before: '', after: 'Old Name' },
							{ field: 'locations', before: '', after: 'USA' },
						],
					},
				],
			}),
		);
		expect(reply.text).toContain(
			'• New Name — renamed from Old Name; name: Old Name → New Name; also known as: _none_ → Old Name; locations: _none_ → USA',
		);
		expect(buttons(reply)).toEqual([['object', 'new-name', 'Object']]);
	});

	test('at most 5 "Object" buttons; more than 8 entries per group → "…and N more"', () => {
		const added = Array.from({ length: 12 }, (_, i) => vendor(i));
		const removed = Array.from({ length: 9 }, (_, i) => vendor(100 + i));
		const reply = announce(withChanges({ added, removed }));
		const lines = reply.text.split('\n');
		expect(lines.filter((l) => l.startsWith('• Vendor '))).toHaveLength(16);
		expect(lines).toContain('*Added (12)*');
		expect(lines).toContain('…and 4 more: `/subprocessors changes`');
		expect(lines).toContain('*Removed (9)*');
		expect(lines).toContain('…and 1 more: `/subprocessors changes`');
		expect(lines).not.toContain('• Vendor 8 — Purpose 8 · Germany');
		expect(lines).toContain('• Vendor 7 — Purpose 7 · Germany');
		expect(buttons(reply)).toEqual(Array.from({ length: 5 }, (_, i) => ['object', `vendor-${i}`, 'Object']));
		// title, Added heading, 8 entries, more, Removed heading, 8 entries, more, dates
		expect(reply.blocks).toHaveLength(1 + 1 + 8 + 1 + 1 + 8 + 1 + 1);
		expectWithinLimits(reply);
	});

	test('buttons are counted across the added and changed groups', () => {
		const added = Array.from({ length: 3 }, (_, i) => vendor(i));
		const changed = Array.from({ length: 4 }, (_, i) => ({
			before: vendor(10 + i),
			after: vendor(10 + i, { purpose: 'New' }),
			fields: [{ field: 'purpose' as const, before: `Purpose ${10 + i}`, after: 'New' }],
		}));
		expect(buttons(announce(withChanges({ added, changed }))).map((b) => b[1])).toEqual([
			'vendor-0',
			'vendor-1',
			'vendor-2',
			'vendor-10',
			'vendor-11',
		]);
	});

	test('exactly 8 entries in a group: no "more" line', () => {
		const reply = announce(withChanges({ added: Array.from({ length: 8 }, (_, i) => vendor(i)) }));
		expect(reply.text).not.toContain('more');
		expect(reply.text).toContain('8 added · 0 removed · 0 changed');
	});

	test('"Takes effect on" when the effective date is after today, "In effect since" otherwise', () => {
		const dates = { effectiveDate: '2024-04-09', objectionDeadline: '2024-04-09' };
		const line = (today: string, r = withChanges(record.changes, dates)) => announce(r, 'en', { today }).text.split('\n').slice(-2)[0];
		expect(line('2024-03-10')).toBe('Takes effect on *9 April 2024*. Deadline to object: *9 April 2024*.');
		expect(line('2024-04-08')).toBe('Takes effect on *9 April 2024*. Deadline to object: *9 April 2024*.');
		expect(line('2024-04-09')).toBe('In effect since *9 April 2024*. Deadline to object: *9 April 2024*.');
		expect(line('2024-05-01')).toBe('In effect since *9 April 2024*. Deadline to object: *9 April 2024*.');
		// A list without noticeDays: in effect as of its date, deadline from the announcement.
		expect(line('2024-03-10', record)).toBe('In effect since *8 March 2024*. Deadline to object: *24 March 2024*.');
	});

	test('untrusted names, company and subject are inert: no mention, link or formatting', () => {
		const EVIL = '@all [x](http://e.vil) *b*';
		const source = edit(
			edit(edit(V2, 'name: Delta Analytics', `name: "${EVIL}"`), 'company: Example GmbH', 'company: "@here Evil_Corp"'),
			'subject: Objection',
			'subject: "@all `x` #general"',
		);
		const evil = listFrom(source);
		const r = recordOf(v1, evil);
		const reply = announcement(r, 'en', { appId: APP, objections: evil.objections, marker, today: '2024-03-10' });
		for (const text of [reply.text, ...blockTexts(reply)]) expectPlain(text, 'Evil');
		expect(visible(reply.text)).toContain('• @all [x](http://e.vil) *b* — Usage analytics');
		expect(visible(reply.text)).toContain('@here Evil_Corp *updated its sub-processor list*');
		expect(visible(reply.text)).toContain('the subject “@all `x` #general”');
		// The button's value is the entry's id (a slug), not its name.
		expect(buttons(reply)[0]).toEqual(['object', 'all-x-http-e-vil-b', 'Object']);
	});

	test('a record with 2,000 added entries fits in one message', () => {
		const long = 'very long purpose '.repeat(30);
		const added = Array.from({ length: 2000 }, (_, i) => vendor(i, { name: `Vendor ${i} ${'N'.repeat(190)}`, purpose: long }));
		const reply = announce(withChanges({ added }));
		expectWithinLimits(reply);
		expect(reply.text).toContain('2,000 added · 0 removed · 0 changed');
		expect(reply.text).toContain('*Added (2,000)*');
		expect(reply.text).toContain('…and 1,992 more: `/subprocessors changes`');
		expect(reply.text).toBe(blockTexts(reply).join('\n'));
		expect(buttons(reply)).toHaveLength(5);
	});

	test('2,000 each of added, changed and removed entries fit in one message', () => {
		const entries = Array.from({ length: 2000 }, (_, i) => vendor(i));
		const changed = entries.map((e) => ({
			before: e,
			after: { ...e, purpose: 'x'.repeat(500) },
			fields: [{ field: 'purpose' as const, before: e.purpose ?? '', after: 'x'.repeat(500) }],
		}));
		const reply = announce(withChanges({ added: entries, changed, removed: entries }));
		expectWithinLimits(reply);
		expect(reply.blocks[reply.blocks.length - 1].type).toBe('context');
	});

	// BUG (reported): a change line lists every changed field with up to 200 characters before and after,
	// and nothing bounds the line as a whole: one entry whose long fields all changed makes a section of
	// ~3,600 characters, over MAX_SECTION_TEXT (2,900).
	test('one entry with every field changed to long values still fits in a section', () => {
		const long = (c: string) => `${c} `.repeat(150).trim();
		const before = vendor(1);
		const after = vendor(1, { name: 'N'.repeat(200) });
		const fields = (['name', 'aliases', 'purpose', 'locations', 'locationNote', 'data', 'website', 'listedWith'] as const).map(
			(field) => ({
				field,
				before: long('a'),
				after: long('b'),
			}),
		);
		const reply = announce(withChanges({ changed: [{ before, after, fields }] }));
		expectWithinLimits(reply);
	});

	// BUG (reported): an added entry's locations are not cut (entryLine cuts name and purpose only). The list
	// format allows up to 250 locations; an entry listing every country by its name makes one section of
	// ~3,300 characters, over MAX_SECTION_TEXT (2,900).
	test('an added entry located in every country still fits in a section', () => {
		const names = Object.values(countries.getNames('en', { select: 'official' }));
		const worldwide = listFrom(
			`${V1}  - name: Worldwide CDN\n    category: infrastructure\n    purpose: Content delivery\n    locations: ${JSON.stringify(names)}\n`,
		);
		expect(worldwide.subprocessors[2].locations).toHaveLength(names.length);
		const reply = announce(recordOf(v1, worldwide));
		expectWithinLimits(reply);
	});

	test.each([
		[
			'pt-BR' as Lang,
			'*A* Example GmbH *atualizou sua lista de suboperadores* (versão de 8 de março de 2024)',
			'1 adicionados · 1 removidos · 1 alterados',
			['*Adicionados (1)*', '*Alterados (1)*', '*Removidos (1)*', '• Beta Mail — finalidade: Sends e-mail → Sends e-mail and SMS'],
			'Opor-se',
		],
		[
			'de' as Lang,
			'Example GmbH *hat die Liste der Unterauftragsverarbeiter aktualisiert* (Stand vom 8. März 2024)',
			'1 hinzugefügt · 1 entfernt · 1 geändert',
			['*Hinzugefügt (1)*', '*Geändert (1)*', '*Entfernt (1)*', '• Beta Mail — Zweck: Sends e-mail → Sends e-mail and SMS'],
			'Widersprechen',
		],
	])('in %s the texts are translated', (lang, title, summaryLine, lines, buttonLabel) => {
		const reply = announce(record, lang);
		const text = reply.text.split('\n');
		expect(text[0]).toBe(title);
		expect(text[1]).toBe(summaryLine);
		for (const line of lines) expect(text).toContain(line);
		expect(buttons(reply).map((b) => b[2])).toEqual([buttonLabel, buttonLabel]);
		for (const english of ['updated its', 'added', 'Takes effect', 'In effect', 'Deadline', 'To object', 'purpose:', 'March']) {
			expect([english, reply.text.includes(english)]).toEqual([english, false]);
		}
	});

	test('dates and how to object in pt-BR and de', () => {
		expect(announce(record, 'pt-BR').text.split('\n').slice(-2)).toEqual([
			'Em vigor desde *8 de março de 2024*. Prazo para objeção: *24 de março de 2024*.',
			'Para se opor, envie um e-mail para privacy@example.com com o assunto “Objection” antes do fim do prazo.',
		]);
		expect(announce(record, 'de', { today: '2024-03-01' }).text.split('\n').slice(-2)).toEqual([
			'Tritt am *8. März 2024* in Kraft. Widerspruchsfrist: *24. März 2024*.',
			'Um zu widersprechen, schreiben Sie vor Ablauf der Frist an privacy@example.com mit dem Betreff „Objection“.',
		]);
	});

	test('summary counts in the language', () => {
		const changes = { added: Array.from({ length: 1234 }, (_, i) => vendor(i)), removed: [], changed: [] };
		expect(summary(changes, 'en')).toBe('1,234 added · 0 removed · 0 changed');
		expect(summary(changes, 'de')).toBe('1.234 hinzugefügt · 0 entfernt · 0 geändert');
		expect(summary(changes, 'pt-BR')).toBe('1.234 adicionados · 0 removidos · 0 alterados');
	});
});

describe('watchingNote', () => {
	test('the company, the count and the version, with the marker as the block id', () => {
		const baseline = recordOf(undefined, v2);
		const reply = watchingNote(baseline, 2, 'en', 'announcement:b:channel');
		expect(reply.text).toBe(
			'*Now watching the* Example GmbH *sub-processor list* (2 sub-processors, version of 8 March 2024). Every change will be announced here, with the date it takes effect and the deadline to object.',
		);
		expect(reply.blocks).toHaveLength(1);
		expect(blockId(reply.blocks[0])).toBe('announcement:b:channel');
		expect(watchingNote(baseline, 2, 'de', 'm').text).toContain('(2 Unterauftragsverarbeiter, Stand vom 8. März 2024)');
	});

	test('the company is inert', () => {
		const r = { ...recordOf(undefined, v2), company: '@all *Evil*' };
		const text = watchingNote(r, 1, 'en', 'm').text;
		expectPlain(text, 'Evil');
		expect(visible(text)).toContain('*Now watching the* @all *Evil* *sub-processor list*');
	});
});

describe('alertMessage', () => {
	test('problem: each problem line as inline code, backticks replaced, control characters blanked', () => {
		const reply = alertMessage(
			{
				kind: 'problem',
				source: 'https://example.com/list.yaml',
				version: '2024-03-01',
				problem: ['list.yaml:7 subprocessors[0].category: "x" is not one of a, b', 'a `quoted` @all *line*\nsecond'],
			},
			'en',
		);
		expect(reply.text).toBe(
			[
				'*The sub-processor list source has a problem.* The app keeps answering from the last good list (version of 1 March 2024) until it is fixed.',
				'Source: `https://example.com/list.yaml`',
				'• `list.yaml:7 subprocessors[0].category: "x" is not one of a, b`',
				"• `a 'quoted' @all *line* second`",
			].join('\n'),
		);
		expect(reply.blocks).toHaveLength(2);
	});

	test('problem: a line that starts with the source URL names it by its file name (the URL is shown above), other lines as they are', () => {
		const source = 'https://raw.githubusercontent.example/acme/privacy/main/lists/subprocessors.yaml?ref=1';
		const reply = alertMessage(
			{
				kind: 'problem',
				source,
				version: '2024-03-01',
				problem: [`${source}:139 subprocessors[13].category: "partner" is not one of a, b`, `${source}x: other`],
			},
			'en',
		);
		expect(reply.text.split('\n').slice(2)).toEqual([
			'• `subprocessors.yaml:139 subprocessors[13].category: "partner" is not one of a, b`',
			`• \`${source}x: other\``,
		]);
	});

	test('problem: no version yet, more than 10 lines, very long lines', () => {
		const problem = Array.from({ length: 13 }, (_, i) => `line ${i}`);
		problem[0] = 'x'.repeat(400);
		const reply = alertMessage({ kind: 'problem', source: 'https://e.com/l', version: '', problem }, 'en');
		const lines = reply.text.split('\n');
		expect(lines[0]).toContain('(version of —)');
		expect(lines[2]).toBe(`• \`${'x'.repeat(299)}…\``);
		expect(lines.slice(3)).toEqual([...Array.from({ length: 9 }, (_, i) => `• \`line ${i + 1}\``), '…and 3 more.']);
	});

	test('recovered, held and no-room', () => {
		expect(alertMessage({ kind: 'recovered', source: 'https://e.com/l' }, 'en').text).toBe(
			'*The sub-processor list source works again.* Source: `https://e.com/l`',
		);
		expect(alertMessage({ kind: 'held', source: 'https://e.com/l', removed: 12, total: 15 }, 'en').text).toBe(
			'*A new sub-processor list was held back:* it removes 12 of 15 sub-processors, which looks more like a broken source than a real change. Nothing was announced. If it is right, confirm with `/subprocessors sync confirm`.\nSource: `https://e.com/l`',
		);
		expect(alertMessage({ kind: 'no-room', room: 'privacy' }, 'en').text).toBe(
			'*Sub-processor changes can’t be announced:* no announcements channel is set and #privacy does not exist. Set “Announcements channel” in the app’s settings; pending announcements will be posted then.',
		);
		expect(alertMessage({ kind: 'recovered', source: 'https://e.com/l' }, 'de').text).toBe(
			'*Die Quelle der Unterauftragsverarbeiter-Liste funktioniert wieder.* Quelle: `https://e.com/l`',
		);
	});

	test('a source with backticks stays one inline code span', () => {
		expect(alertMessage({ kind: 'recovered', source: 'https://e.com/`x`' }, 'en').text).toBe(
			"*The sub-processor list source works again.* Source: `https://e.com/'x'`",
		);
	});

	test('alertDetails appends up to 10 problem lines as inline code', () => {
		const reply = alertDetails(
			toReply([section('Checked.')]),
			Array.from({ length: 12 }, (_, i) => `p${i}`),
		);
		expect(reply.text).toBe(['Checked.', Array.from({ length: 10 }, (_, i) => `• \`p${i}\``).join('\n')].join('\n'));
		expect(reply.blocks).toHaveLength(2);
	});
});

describe('changesHistory', () => {
	const baseline = recordOf(undefined, v1, new Date('2024-03-02T09:00:00Z'));
	const change = recordOf(v1, v2, new Date('2024-03-10T09:00:00Z'));

	test('newest first as given, with the baseline line', () => {
		const reply = changesHistory([change, baseline], 'Example GmbH', 'en');
		expect(reply.text).toBe(
			[
				'*Changes to the* Example GmbH *sub-processor list*',
				'*10 March 2024* — version of 8 March 2024: 1 added · 1 removed · 1 changed',
				'   Delta Analytics, Beta Mail, Gamma Chat',
				'*2 March 2024* — started watching (version of 1 March 2024, 2 sub-processors)',
			].join('\n'),
		);
		expect(reply.blocks).toHaveLength(2);
		// The order given is kept (the caller sorts).
		expect(changesHistory([baseline, change], 'Example GmbH', 'en').text.split('\n')[1]).toContain('started watching');
	});

	test('more than 6 names: "…and N more"; names are inert', () => {
		const added = Array.from({ length: 9 }, (_, i) => vendor(i, { name: i === 0 ? '@all' : `Vendor ${i}` }));
		const reply = changesHistory([withChanges({ added }, { detectedAt: '2024-03-10T09:00:00.000Z' })], 'Example GmbH', 'en');
		const line = reply.text.split('\n')[2];
		expect(visible(line)).toBe('   @all, Vendor 1, Vendor 2, Vendor 3, Vendor 4, Vendor 5 …and 3 more.');
		expect(line).not.toContain('@all');
	});

	test('nothing recorded, and nothing since a date', () => {
		expect(changesHistory([], 'Example GmbH', 'en').text).toBe(
			'No changes have been recorded since the app started watching the list.',
		);
		expect(changesHistory([], 'Example GmbH', 'en', '2024-01-31').text).toBe('No changes recorded since 31 January 2024.');
		expect(changesHistory([], 'Example GmbH', 'de', '2024-01-31').text).toBe(
			'Seit dem 31. Januar 2024 wurden keine Änderungen erfasst.',
		);
	});

	test('a long history fits in a message', () => {
		const many = Array.from({ length: 300 }, () =>
			withChanges({ added: Array.from({ length: 10 }, (_, i) => vendor(i, { name: `${'N'.repeat(100)} ${i}` })) }),
		);
		const reply = changesHistory(many, 'Example GmbH', 'en');
		expectWithinLimits(reply);
	});
});

describe('statusAnswer', () => {
	const info: StatusInfo = { intervalMinutes: 60, subscribers: 0, pending: 0, today: '2024-03-10' };

	test('the next check, as its help promises', () => {
		expect(statusAnswer({ ...info, nextCheckAt: '2024-03-10T16:30:12.000Z' }, 'en').text).toContain(
			'Checks every 60 minutes\nNext check: about 10 March 2024 16:30 UTC\n',
		);
	});

	test('nextCheckAt: an interval after the last scheduled run; overdue or never run: in about a minute', () => {
		const now = new Date('2024-03-10T16:00:00.000Z');
		expect(nextCheckAt('2024-03-10T15:30:00.000Z', 60, now)).toBe('2024-03-10T16:30:00.000Z');
		expect(nextCheckAt('2024-03-10T14:00:00.000Z', 60, now)).toBe('2024-03-10T16:01:00.000Z');
		expect(nextCheckAt(undefined, 60, now)).toBe('2024-03-10T16:01:00.000Z');
	});

	test('bundled list, never checked, no room', () => {
		expect(statusAnswer(info, 'en').text).toBe(
			[
				'*Sub-processor list status*',
				'Source: the list bundled with the app',
				'Last check: not yet',
				'Checks every 60 minutes',
				'Announcements channel: none (set one in the app’s settings)',
				'Privacy team room: none — objection cards wait until a private room is set in the app’s settings',
				'Subscribers: 0',
			].join('\n'),
		);
	});

	test('a URL source, checked, last change, room, subscribers and pending announcements', () => {
		const reply = statusAnswer(
			{
				source: 'https://example.com/subprocessors.yaml',
				version: '2024-03-08',
				count: 2,
				lastCheckAt: '2024-03-10T15:30:12.000Z',
				lastResult: 'changed',
				lastChange: record,
				intervalMinutes: 1440,
				room: 'privacy',
				teamRoom: { name: 'privacy-team', refused: false },
				subscribers: 3,
				pending: 2,
				today: '2024-03-10',
			},
			'en',
		);
		expect(reply.text).toBe(
			[
				'*Sub-processor list status*',
				'Source: `https://example.com/subprocessors.yaml`',
				'Current list: version of 8 March 2024, 2 sub-processors',
				'Last check: 10 March 2024 15:30 UTC — changed',
				'Last change: 10 March 2024 (1 added · 1 removed · 1 changed)',
				'Checks every 1,440 minutes',
				'Announcements channel: #privacy',
				'Privacy team room: #privacy-team',
				'Subscribers: 3',
				'Announcements waiting to be posted: 2',
			].join('\n'),
		);
		expect(reply.blocks).toHaveLength(1);
	});

	test('a public privacy team room is named as refused, with why and what to do', () => {
		const text = statusAnswer({ ...info, teamRoom: { name: 'general', refused: true } }, 'en').text;
		expect(text).toContain('Privacy team room: #general refused — it is public');
		expect(text).toContain('Pick a private room');
	});

	test('a list last updated over a year ago says so, in whole years', () => {
		const at = (version: string, today: string) => statusAnswer({ ...info, version, count: 1, today }, 'en').text;
		expect(at('2023-03-11', '2024-03-10')).not.toContain('last updated');
		expect(at('2023-03-10', '2024-03-10')).toContain('This list says it was last updated 1 year ago');
		expect(at('2021-01-05', '2024-03-10')).toContain('This list says it was last updated 3 years ago');
		expect(statusAnswer({ ...info, version: '2021-01-05', count: 1, today: '2024-03-10' }, 'ru').text).toContain('3 года назад');
		expect(statusAnswer({ ...info, version: '2019-01-05', count: 1, today: '2024-03-10' }, 'pl').text).toContain('5 lat temu');
	});

	test('yearsSince counts whole years and tolerates unreadable dates', () => {
		expect(yearsSince('2024-02-29', '2025-02-28')).toBe(0);
		expect(yearsSince('2024-02-29', '2025-03-01')).toBe(1);
		expect(yearsSince('not a date', '2025-03-01')).toBe(0);
		expect(yearsSince('2026-01-01', '2025-03-01')).toBe(0);
	});

	test('a baseline is not shown as the last change', () => {
		const text = statusAnswer(
			{ ...info, lastChange: recordOf(undefined, v1), lastCheckAt: '2024-03-10T15:30:00Z', lastResult: 'baseline' },
			'en',
		).text;
		expect(text).not.toContain('Last change');
		expect(text).toContain('Last check: 10 March 2024 15:30 UTC — baseline recorded');
	});

	test('an error shows its problem lines as inline code', () => {
		const reply = statusAnswer(
			{
				...info,
				source: 'https://e.com/l',
				lastCheckAt: '2024-03-10T15:30:00Z',
				lastResult: 'error',
				problem: ['l:3 updated: `bad` date', 'second'],
			},
			'en',
		);
		expect(reply.blocks).toHaveLength(2);
		expect(reply.text.split('\n').slice(-2)).toEqual(["• `l:3 updated: 'bad' date`", '• `second`']);
		expect(reply.text).toContain('Last check: 10 March 2024 15:30 UTC — problem');
		// Problem lines of an earlier error are not shown once the check works again.
		expect(
			statusAnswer({ ...info, lastCheckAt: '2024-03-10T15:30:00Z', lastResult: 'unchanged', problem: ['old'] }, 'en').blocks,
		).toHaveLength(1);
	});

	test('translated', () => {
		const text = statusAnswer({ ...info, pending: 1 }, 'de').text;
		expect(text.split('\n')).toEqual([
			'*Status der Unterauftragsverarbeiter-Liste*',
			'Quelle: die mit der App ausgelieferte Liste',
			'Letzte Prüfung: noch keine',
			'Prüft alle 60 Minuten',
			'Ankündigungskanal: keiner (in den Einstellungen der App festlegen)',
			'Raum des Datenschutzteams: keiner — Widerspruchskarten warten, bis in den App-Einstellungen ein privater Raum gewählt ist',
			'Abonnenten: 0',
			'Ausstehende Ankündigungen: 1',
		]);
	});

	test('the room name is inert', () => {
		expectPlain(statusAnswer({ ...info, room: 'x@all' }, 'en').text);
		expectPlain(statusAnswer({ ...info, teamRoom: { name: 'x@all', refused: true } }, 'en').text);
	});
});
