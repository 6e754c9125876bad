// Issue 18: natural questions through Rocket.Chat's real Apps-Engine, against the packaged app zip, in each user's language.
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible } from './helpers';

let ws: Workspace;

beforeAll(async () => {
	ws = await Workspace.start({
		zip: appZip(),
		users: { carla: { name: 'Carla Member', language: 'pt-BR', roles: ['user'] } },
		rooms: { general: { type: 'channel', members: ['alice', 'bob', 'carla', 'admin', 'dpo'], isDefault: true } },
	});
});

afterAll(async () => {
	await ws?.stop();
});

/** What the asker saw of `/subprocessors QUESTION`: one notification, to the asker only. */
async function ask(user: string, question: string): Promise<string> {
	const mark = ws.mark();
	await ws.command(user, 'general', `/subprocessors ${question}`);
	const seen = ws.seen(user, mark);
	expect(seen).toHaveLength(1);
	expect(seen[0]).toMatchObject({ kind: 'notification', user });
	return visible(seen[0].text);
}

/** The names of the entries an answer lists, or of the card it shows. */
function names(text: string): string[] {
	const listed = [...text.matchAll(/^• (.+?) — /gm)].map((m) => m[1]);
	return listed.length > 0 ? listed.sort() : [text.split('\n')[0]];
}

test.each([
	['alice', 'is Mailchimp used?', ['Mailchimp']],
	[
		'alice',
		'who processes data in the US?',
		['AWS', 'Amazon Web Services', 'Clearbit', 'MongoDB Cloud', 'OVH', 'Rocket.Chat Technologies Corp.'],
	],
	['alice', 'amazon', ['AWS', 'Amazon Web Services']],
	['alice', 'in the EU', ['Fabulor.eu']],
	[
		'bob',
		'Wer verarbeitet Daten außerhalb der EU?',
		['AWS', 'Amazon Web Services', 'Clearbit', 'MongoDB Cloud', 'OVH', 'Rocket.Chat Technologies Corp.', 'Rocketchat Tecnologia LTDA'],
	],
	['bob', 'Was bekommt Fabulor?', ['Fabulor.eu']],
	['carla', 'quem trata dados no Brasil?', ['Rocketchat Tecnologia LTDA']],
	['carla', 'onde fica a Stripe?', ['Stripe']],
])('%s asks %p', async (user, question, expected) => {
	const text = await ask(user, question);
	expect(names(text)).toEqual([...expected].sort());
	expect(text).not.toMatch(/subcommand|Unterbefehl|subcomando/);
});

test('nothing matches: a suggestion, not the help', async () => {
	const text = await ask('alice', 'is Yeswear used?');
	expect(text).toContain('Did you mean Yesware?');
	expect(text).not.toContain('subcommand');
});
