// Where objections to a list go (issue 17 point 4): `lists objection NAME [ADDRESS ["SUBJECT"] | clear]`, the one
// order every text and route follows (set on the list, the setting for the first list, what the list or page says),
// and texts that say something true when no address is known.
import { FakeWorld } from './fakeDeps';
import { blockTexts, catalogFrom, FILED_OBJECTION, SMALL_LIST_HEADER, visible } from './helpers';
import { readListsRequest, readObjectionAction, listsOverview } from '../../src/features/lists/messages';
import { MAIN_LIST_ID, type WatchedList } from '../../src/features/lists/model';
import { MAX_OBJECTION_SUBJECT, objectionAddressOf, objectionLine } from '../../src/features/lists/objectionAddress';
import { routeOf } from '../../src/features/objections/engine/target';
import { auditList, objectorConfirmation, teamCard, type ObjectionRoute } from '../../src/features/objections/messages';
import { objectionModal } from '../../src/features/objections/objectionModal';
import type { Objection } from '../../src/features/objections/model';
import { card, helpAnswer } from '../../src/features/list/answers';
import { announcement } from '../../src/features/watch/announcement';
import { newChangeRecord } from '../../src/features/watch/changes';
import { fingerprint } from '../../src/features/watch/diff';
import type { SubprocessorList } from '../../src/features/list/model';
import { objectionAddress } from '../../src/kernel/text';
import { Settings } from '../../src/platform/settings';
import { LANGUAGES } from '../../src/kernel/i18n';
import { pageStatusText } from '../../src/features/watch/pageStatus';

const ENTRIES = `subprocessors:
  - id: stripe
    name: Stripe
    category: service
    purpose: Payments
`;
const stated = catalogFrom(SMALL_LIST_HEADER.replace('company: Example GmbH', 'company: GitHub, Inc.') + ENTRIES);
/** A vendor's page that states no address, read with no fallback: what `lists add github PAGE` stores. */
const pageList = (email: string, from: 'page' | 'settings' | 'page-contact'): SubprocessorList => ({
	...stated.list,
	objections: { email, subject: 'Sub-processor objection', requirements: [] },
	page: { format: 'html', updatedFrom: 'page', objectionsFrom: from, notes: [] },
});
const noAddress = catalogFrom(SMALL_LIST_HEADER.replace('company: Example GmbH', 'company: GitHub, Inc.') + ENTRIES);
noAddress.list.objections = { email: '', subject: 'Sub-processor objection', requirements: [] };
noAddress.list.page = { format: 'html', updatedFrom: 'page', objectionsFrom: 'settings', notes: [] };

const GITHUB: WatchedList = { id: 'l-abcdefgh', name: 'github', createdAt: '2026-11-01T00:00:00.000Z' };
const MAIN: WatchedList = { id: MAIN_LIST_ID, name: 'rocketchat', createdAt: '1970-01-01T00:00:00.000Z' };

describe('the words of `lists objection`', () => {
	it.each([
		[['objection', 'GitHub'], { kind: 'objection', name: 'github', action: { kind: 'show' } }],
		[['objection', 'github', 'CLEAR'], { kind: 'objection', name: 'github', action: { kind: 'clear' } }],
		[
			['objection', 'github', 'privacy@github.com'],
			{ kind: 'objection', name: 'github', action: { kind: 'set', email: 'privacy@github.com' } },
		],
		[
			['objection', 'github', 'privacy@github.com', '"GitHub', 'sub-processor', 'objection"'],
			{
				kind: 'objection',
				name: 'github',
				action: { kind: 'set', email: 'privacy@github.com', subject: 'GitHub sub-processor objection' },
			},
		],
		[
			['objection', 'github', 'mailto:privacy@github.com', '„Widerspruch“'],
			{ kind: 'objection', name: 'github', action: { kind: 'set', email: 'privacy@github.com', subject: 'Widerspruch' } },
		],
		[
			['objection', 'github', '<privacy@github.com>', 'Objection'],
			{ kind: 'objection', name: 'github', action: { kind: 'set', email: 'privacy@github.com', subject: 'Objection' } },
		],
		[
			['objection', 'github', 'privacy.github.com'],
			{ kind: 'objection', name: 'github', action: { kind: 'bad-address', address: 'privacy.github.com' } },
		],
		[['objection', 'github', 'clear', 'now'], { kind: 'objection', name: 'github', action: { kind: 'bad-address', address: 'clear' } }],
		[['objection', 'github', 'a@b', '""'], { kind: 'objection', name: 'github', action: { kind: 'bad-subject' } }],
		[['objection'], { kind: 'usage' }],
	])('%j', (args, expected) => {
		expect(readListsRequest(args)).toEqual(expected);
	});

	it('bounds the subject and refuses control characters', () => {
		expect(readObjectionAction(['a@b.example', 'x'.repeat(MAX_OBJECTION_SUBJECT)])).toMatchObject({ kind: 'set' });
		expect(readObjectionAction(['a@b.example', 'x'.repeat(MAX_OBJECTION_SUBJECT + 1)])).toEqual({ kind: 'bad-subject' });
		expect(readObjectionAction(['a@b.example', 'one\u0007bell'])).toEqual({ kind: 'bad-subject' });
	});

	it('validates an address exactly as the `objection_email` setting does', async () => {
		const world = new FakeWorld();
		const settings = new Settings(world.deps().read);
		for (const value of [
			'privacy@github.com',
			' dpo@intranet ',
			'no-at-sign',
			'two@@ats',
			'a b@c.example',
			'',
			`${'x'.repeat(250)}@c.example`,
		]) {
			world.appSettings.objection_email = value;
			const set = readObjectionAction([value.trim() || 'empty']);
			expect(await settings.objectionEmailSetting()).toBe(objectionAddress(value));
			expect(set.kind === 'set' ? set.email : undefined).toBe(value.trim() ? objectionAddress(value) : undefined);
		}
	});
});

describe('where objections to a list go, in one order', () => {
	it('set on the list, then the setting (first list only), then what the list or page says', () => {
		const set = { ...GITHUB, objectionTo: 'legal@github.example', objectionSubject: 'Objection (GitHub)' };
		expect(objectionAddressOf(set, stated.list, 'dpo@workspace.example')).toEqual({
			email: 'legal@github.example',
			subject: 'Objection (GitHub)',
			from: 'here',
		});
		expect(objectionAddressOf(GITHUB, stated.list, 'dpo@workspace.example')).toEqual({
			email: 'privacy@example.com',
			subject: 'Objection',
			from: 'list',
		});
		expect(objectionAddressOf(MAIN, stated.list, 'dpo@workspace.example')).toEqual({
			email: 'dpo@workspace.example',
			subject: 'Objection',
			from: 'setting',
		});
		expect(objectionAddressOf(GITHUB, pageList('privacy@github.com', 'page'))).toEqual({
			email: 'privacy@github.com',
			subject: 'Sub-processor objection',
			from: 'page',
		});
		// A page that names only its privacy contact: used, and said so.
		expect(objectionAddressOf(GITHUB, pageList('privacy@github.com', 'page-contact')).from).toBe('page_contact');
		expect(objectionLine(objectionAddressOf(GITHUB, pageList('privacy@github.com', 'page-contact')), 'en')).toContain(
			'the page’s privacy contact (it names no address for objections)',
		);
		// An address only set on the list keeps the list's subject.
		expect(objectionAddressOf({ ...GITHUB, objectionTo: 'legal@github.example' }, stated.list).subject).toBe('Objection');
	});

	it('a page read with a fallback address of the time: not the page’s, so a cleared one no longer applies', () => {
		expect(objectionAddressOf(GITHUB, pageList('old@github.example', 'settings'))).toEqual({
			email: '',
			subject: 'Sub-processor objection',
		});
		expect(objectionAddressOf(MAIN, pageList('old@workspace.example', 'settings'), 'new@workspace.example').email).toBe(
			'new@workspace.example',
		);
		expect(objectionAddressOf(GITHUB, undefined)).toEqual({ email: '', subject: '' });
	});

	it('routing follows it', async () => {
		const world = new FakeWorld();
		world.appSettings.objection_email = 'dpo@workspace.example';
		const deps = world.deps();
		expect(await routeOf(deps, GITHUB, noAddress)).toEqual({
			company: 'GitHub, Inc.',
			email: '',
			subject: 'Sub-processor objection',
			list: 'github',
		});
		expect((await routeOf(deps, { ...GITHUB, objectionTo: 'privacy@github.com' }, noAddress)).email).toBe('privacy@github.com');
		expect((await routeOf(deps, MAIN, noAddress)).email).toBe('dpo@workspace.example');
	});
});

const text = (reply: { blocks: unknown[]; text: string }) => visible(blockTexts(reply as never).join('\n'));
const EMPTY = /e-mail +with|\(\)|to +with| {2}/;

describe('texts when no address is known', () => {
	const entry = noAddress.entries[0];

	it('a card and the help point to the form, never "e-mail  with"', () => {
		const shown = text(card(noAddress, entry, 'en', GITHUB.id, { email: '', subject: 'Sub-processor objection' }));
		expect(shown).toContain(
			'GitHub, Inc.’s list gives no address for objections: file one with the *Object* button, and this workspace’s privacy team takes it up.',
		);
		expect(shown).not.toMatch(EMPTY);
		const help = text(
			helpAnswer(noAddress, 'en', [], { to: { email: '', subject: 'x' }, objectCommand: '/subprocessors object github' }),
		);
		expect(help).toContain('file one with `/subprocessors object github NAME`, and this workspace’s privacy team takes it up.');
		// An address set on the list is what the card says.
		expect(text(card(noAddress, entry, 'en', GITHUB.id, { email: 'privacy@github.com', subject: 'Objection' }))).toContain(
			'e-mail privacy@github.com with the subject “Objection”',
		);
	});

	it('an announcement says how to object all the same', () => {
		const before = { ...noAddress.list, subprocessors: [] };
		const record = newChangeRecord(
			{ list: before, fingerprint: fingerprint(before) },
			{ list: noAddress.list, fingerprint: fingerprint(noAddress.list) },
			new Date('2024-03-01T00:00:00Z'),
			30,
			undefined,
			GITHUB.id,
		);
		const shown = text(
			announcement(record, 'en', {
				appId: 'app',
				objections: noAddress.list.objections,
				objectCommand: '/subprocessors object github',
				marker: 'm',
				today: '2024-03-02',
			}),
		);
		expect(shown).toContain(
			'GitHub, Inc.’s list gives no address for objections: file one with an *Object* button or `/subprocessors object github NAME` before the deadline',
		);
		expect(shown).not.toContain('To object, e-mail');
	});

	const route: ObjectionRoute = { company: 'GitHub, Inc.', email: '', subject: 'Sub-processor objection', list: 'github' };
	const objection: Objection = { ...FILED_OBJECTION, list: GITHUB.id };

	it('the form says it goes to the privacy team only', () => {
		const modal = objectionModal('v', 'app', noAddress, 'en', route, {});
		const intro = visible((modal.blocks[0] as unknown as { elements: Array<{ text: string }> }).elements[0].text);
		expect(intro).toContain(
			'GitHub, Inc.’s list gives no address for objections, so it is not e-mailed to GitHub, Inc. for now: this workspace’s privacy team gets it',
		);
		expect(intro).not.toMatch(/\(\)/);
	});

	it('the card says the e-mail waits for an address and how to set one; the DM says who takes it up', () => {
		const waiting = { email: { state: 'pending' as const, lastError: 'no objection address: the list states none and none is set' } };
		expect(text(teamCard(objection, waiting, 'en', 'app', route))).toContain(
			'Not e-mailed: GitHub, Inc.’s list gives no address for objections. An admin can set one with `/subprocessors lists objection github ADDRESS` (it is sent then)',
		);
		// The first list: the setting is where its address is set.
		const first = { ...route, list: undefined };
		expect(text(teamCard(FILED_OBJECTION, waiting, 'en', 'app', first))).toContain(
			'set the objection e-mail address in the app’s settings',
		);
		const rejected: Objection = { ...objection, approval: 'required', status: 'rejected' };
		expect(text(teamCard(rejected, {}, 'en', 'app', route))).toContain('Not e-mailed: rejected before it was sent.');
		const dm = text(objectorConfirmation(objection, waiting.email, 'en', route));
		expect(dm).toContain(
			'GitHub, Inc.’s list gives no address for objections, so it was not e-mailed to GitHub, Inc.; this workspace’s privacy team takes it up.',
		);
		expect(dm).not.toMatch(EMPTY);
	});

	it('an address the mailer refuses: another list corrects it with its command, the first list in the settings', () => {
		const refused = { email: { state: 'pending' as const, lastError: 'invalid email address (the mailer refused it)' } };
		const listed = { ...route, email: 'privacy@intranet' };
		expect(text(teamCard(objection, refused, 'en', 'app', listed))).toContain(
			'Not e-mailed: the workspace’s mailer refused the address privacy@intranet (invalid email address (the mailer refused it)). An admin can correct it with `/subprocessors lists objection github ADDRESS` (it is retried)',
		);
		expect(text(teamCard(FILED_OBJECTION, refused, 'en', 'app', { ...listed, list: undefined }))).toContain(
			'Correct the objection address in the app’s settings (it is retried)',
		);
		for (const lang of LANGUAGES) {
			const shown = text(teamCard(objection, refused, lang, 'app', listed));
			expect(shown).toContain('`/subprocessors lists objection github ');
			expect(shown).not.toMatch(/\{\w+\}/);
		}
	});

	it('every language has these texts without an empty address', () => {
		for (const lang of LANGUAGES) {
			const shown = [
				text(card(noAddress, entry, lang, GITHUB.id, { email: '', subject: 's' })),
				text(teamCard(objection, {}, lang, 'app', route)),
				text(objectorConfirmation(objection, undefined, lang, route)),
				JSON.stringify(objectionModal('v', 'app', noAddress, lang, route, {}).blocks[0]),
			].join('\n');
			expect(shown).toContain('GitHub, Inc.');
			expect(shown).not.toMatch(/\(\)|\{\w+\}/);
		}
	});
});

describe('`lists` and the audit', () => {
	it('`lists` shows where each list’s objections go, briefly', () => {
		const reply = listsOverview(
			[
				{
					name: 'rocketchat',
					company: 'Rocket.Chat',
					count: 15,
					version: '2023-01-05',
					objections: { email: 'privacy@rocket.chat', subject: 's', from: 'list' },
				},
				{
					name: 'github',
					company: 'GitHub, Inc.',
					count: 3,
					version: '2024-03-01',
					objections: { email: 'privacy@github.com', subject: 's', from: 'here' },
				},
				{ name: 'acme', company: 'ACME', count: 3, version: '2024-03-01', objections: { email: '', subject: 's' } },
			],
			'en',
		);
		const shown = visible(reply.text);
		expect(shown).toContain('Objections: privacy@rocket.chat (as the list states it)');
		expect(shown).toContain('Objections: privacy@github.com (set with `lists objection`)');
		expect(shown).toContain('Objections: no address (the list states none), so they reach this workspace’s privacy team only');
	});

	it('the audit names who set where a list’s objections go', () => {
		const shown = visible(
			auditList(
				[
					{ id: '2', at: '2026-11-30T12:00:00.000Z', kind: 'objection-address-cleared', by: 'admin', list: 'github' },
					{
						id: '1',
						at: '2026-11-30T11:00:00.000Z',
						kind: 'objection-address-set',
						by: 'admin',
						list: 'github',
						email: 'privacy@github.com',
					},
				],
				'en',
			).text,
		);
		expect(shown).toContain('30 November 2026 — admin removed the objection address set for github');
		expect(shown).toContain('30 November 2026 — admin set where objections to github are e-mailed: privacy@github.com');
	});

	it('a page’s status line: another list’s fallback is its own address, not the app’s settings', () => {
		const read = pageList('old@github.example', 'settings');
		expect(pageStatusText(read, 'en', true)).toContain('objection address none: the page states none.');
		expect(pageStatusText(read, 'en')).toContain('old@github.example, from the app’s settings (the page states none)');
		expect(pageStatusText(pageList('privacy@github.com', 'page'), 'en', true)).toContain('privacy@github.com, as the page states it');
	});
});
