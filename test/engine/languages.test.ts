// Languages in the real engine (the app runs in Apps-Engine's Deno runtime): Intl's plural rules, dates and numbers
// in Polish and Japanese there; posts to a room in the workspace's language, private answers in the reader's.
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from './helpers';

let ws: Workspace | undefined;

afterEach(async () => {
	await ws?.stop();
	ws = undefined;
});

const notices = (w: Workspace, user: string, mark = 0) =>
	w
		.seen(user, mark)
		.filter((e) => e.kind === 'notification')
		.map((e) => visible(e.text));
const posts = (w: Workspace, user: string, room: string, mark = 0) =>
	w
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room === room)
		.map((e) => visible(e.text));
/** Posts with their blocks as shown (the "Shared by" context block is not in the text fallback). */
const shown = (w: Workspace, user: string, room: string, mark = 0) =>
	w
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room === room)
		.map((e) => visible(e.plain))
		.join('\n');

describe('Intl in the Deno runtime', () => {
	test('Polish: four plural forms and the date; Japanese: the date', async () => {
		ws = await Workspace.start({
			zip: appZip(),
			users: {
				alice: { name: 'Alice Member', language: 'pl', roles: ['user'] },
				dpo: { name: 'Dana DPO', language: 'ja', roles: ['user'] },
			},
		});
		await ws.command('alice', 'general', '/subprocessors categories');
		const polish = notices(ws, 'alice').join('\n');
		expect(polish).toContain('*Kategorie dalszych podmiotów przetwarzających* Rocket.Chat');
		expect(polish).toContain('— 4 dalsze podmioty przetwarzające');
		expect(polish).toContain('— 1 dalszy podmiot przetwarzający');
		expect(polish).toContain('z dnia 5 stycznia 2023.');
		const mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors in US');
		expect(notices(ws, 'alice', mark).join('\n').split('\n')[0]).toBe(
			'*6 dalszych podmiotów przetwarzających przetwarza dane na obszarze:* Stany Zjednoczone',
		);
		await ws.command('dpo', 'general', '/subprocessors categories');
		expect(notices(ws, 'dpo').join('\n')).toContain('2023年1月5日');
		expect(ws.errors).toEqual([]);
	}, 60_000);
});

describe("posts to a room use the workspace's language; private answers the reader's", () => {
	test("share posts in the server's Language (fr) whoever asks; the same question privately is in the asker's", async () => {
		ws = await Workspace.start({ zip: appZip() });
		ws.setServerSetting('Language', 'fr');
		let mark = ws.mark();
		await ws.command('bob', 'general', '/subprocessors share categories');
		const shared = posts(ws, 'alice', 'general', mark).join('\n');
		expect(shared).toContain('*Catégories de sous-traitants ultérieurs de* Rocket.Chat');
		expect(shown(ws, 'alice', 'general', mark)).toContain('Partagé par Bob Member');
		expect(shared).toContain('du 5 janvier 2023.');
		mark = ws.mark();
		await ws.command('bob', 'general', '/subprocessors categories');
		expect(notices(ws, 'bob', mark).join('\n')).toContain('*Kategorien der Unterauftragsverarbeiter von* Rocket.Chat');
		mark = ws.mark();
		await ws.command('alice', 'general', '/subprocessors categories');
		expect(notices(ws, 'alice', mark).join('\n')).toContain('Rocket.Chat *sub-processor categories*');
		// A private subcommand stays private, and in the asker's language, even with share.
		mark = ws.mark();
		await ws.command('bob', 'general', '/subprocessors share subscribe');
		expect(posts(ws, 'alice', 'general', mark)).toEqual([]);
		expect(notices(ws, 'bob', mark).join('\n')).toContain('Abonniert');
	}, 60_000);

	test('without a workspace language, share posts in English, even for a German asker', async () => {
		ws = await Workspace.start({ zip: appZip() });
		ws.setServerSetting('Language', '');
		const mark = ws.mark();
		await ws.command('bob', 'general', '/subprocessors share in US');
		const shared = posts(ws, 'alice', 'general', mark).join('\n');
		expect(shared.split('\n')[0]).toBe('*6 sub-processors process data in* United States');
		expect(shown(ws, 'alice', 'general', mark)).toContain('Shared by Bob Member');
	}, 60_000);

	test("the privacy team's card is in the workspace's language (es); the objector's confirmation in theirs (de)", async () => {
		ws = await Workspace.start({ zip: appZip() });
		ws.setServerSetting('Language', 'es');
		await ws.command('bob', 'general', '/subprocessors object stripe');
		await ws.submitView('bob', {
			name: 'Bob Member',
			company: 'ACME GmbH',
			service: 'Marketplace',
			subprocessor: 'stripe',
			grounds: 'Stripe processes card data in the United States; our contract requires EU-only processing of customer data.',
			email: 'bob@acme.example',
		});
		const card =
			posts(ws, 'dpo', 'privacy-team')
				.filter((text) => text.includes('OBJ-'))
				.pop() ?? '';
		expect(card).toMatch(/^\*Oposición OBJ-\d{4}-[2-9A-HJKMNP-TV-Z]{6}\* a Stripe — abierta/);
		const dm = ws
			.seen('bob')
			.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
			.map((e) => visible(e.text))
			.join('\n');
		expect(dm).toContain('*Wir haben Ihren Widerspruch OBJ-');
	}, 60_000);
});
