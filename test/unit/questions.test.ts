/**
 * Issue 18: questions as people type them, in English, German and Portuguese. Each row says exactly which
 * entries the answer shows (as list lines or as a card), against the bundled list and a made-up company's list.
 */
import type { Catalog } from '../../src/features/list/catalog';
import { parseQuestion } from '../../src/features/list/question';
import { previewMatches, route, splitArgs } from '../../src/app/router';
import type { Lang } from '../../src/kernel/i18n';
import { bundledCatalog, catalogFrom, readable } from './helpers';

/** The entries an answer shows: its `• NAME — ` lines, or the entry of a card. */
function shown(text: string, catalog: Catalog): string[] {
	const lines = text.split('\n');
	const listed = catalog.entries.filter((e) => lines.some((line) => line.startsWith(`• ${e.name} — `))).map((e) => e.id);
	if (listed.length > 0) return listed;
	// A card starts with the entry's name, then its purpose.
	const card = catalog.entries.find((e) =>
		lines.some((line, i) => line === e.name && /^\*(Purpose|Zweck|Finalidade):\*/.test(lines[i + 1] ?? '')),
	);
	return card ? [card.id] : [];
}

async function answer(catalog: Catalog, question: string, lang: Lang): Promise<string> {
	return readable((await route(splitArgs(question), catalog, lang)).reply).text;
}

const bundled = bundledCatalog();
const US = ['amazon-web-services', 'ovh', 'aws', 'mongodb-cloud', 'clearbit', 'rocket-chat-technologies-corp'];
const BR = ['rocketchat-tecnologia-ltda'];
const NL_BE = ['fabulor'];
const EMAIL_MARKETING = ['zoho', 'yesware', 'prvolt', 'mailchimp'];
const AMAZON = ['amazon-web-services', 'aws'];
const ALL = bundled.entries.map((e) => e.id);
const sorted = (ids: string[]) => [...ids].sort();

const ENGLISH: Array<[string, string[]]> = [
	['is Mailchimp used?', ['mailchimp']],
	['who processes data in the US', US],
	['what does Fabulor get?', ['fabulor']],
	['which vendors handle email?', [...EMAIL_MARKETING, 'fabulor']],
	['where is stripe', ['stripe']],
	["Stripe's location", ['stripe']],
	['Stripe’s location?', ['stripe']],
	['mongodb atlas', ['mongodb-cloud']],
	['in the US', US],
	['outside the EU', [...US, ...BR]],
	['in Europe', NL_BE],
	['amazon', AMAZON],
	['AWS', AMAZON],
	['Do you use Zoho?', ['zoho']],
	['Which sub-processors are in Brazil?', BR],
	['Who is located in the Netherlands?', NL_BE],
	['Are any vendors based in Germany?', []],
	['Which companies process data outside the United States?', [...BR, ...NL_BE]],
	['Who do you use for billing?', ['stripe']],
	['What is Clearbit used for?', ['clearbit']],
	['Who gets phone numbers?', ['fabulor']],
	['Which vendors do email marketing?', EMAIL_MARKETING],
	['Is OVH a sub-processor?', ['ovh']],
	['Who handles analytics?', ['mongodb-cloud']],
	['who processes data in the EU?', NL_BE],
	['who processes data outside Europe?', [...US, ...BR]],
	['which vendors are in Asia?', []],
	['show me vendors in the USA', US],
	['list all vendors', ALL],
	['who is in Belgium?', NL_BE],
	['does Rocket.Chat use Firebase?', ['firebase']],
	['which vendors are in the UK?', []],
	['who handles customer support?', ['zoho']],
	['APNs', ['apple-push-notification-service']],
	['Which vendors process data in North America?', US],
	['Which vendors process data in Latin America?', BR],
	['who processes data in South America', BR],
	['mailchmp', ['mailchimp']],
	['What personal data does Fabulor receive?', ['fabulor']],
	['Which affiliates are there?', ['rocket-chat-technologies-corp', 'rocketchat-tecnologia-ltda']],
	['Who processes data outside the EEA?', [...US, ...BR]],
	['Is anyone in Holland?', NL_BE],
	['vendors in the Netherlands or Belgium', NL_BE],
	['where does MongoDB process data?', ['mongodb-cloud']],
	['What does ZOHO do?', ['zoho']],
	['Which vendors have access to contact names?', ['fabulor']],
	['who handles backups', ['mongodb-cloud']],
	['Who hosts our infrastructure?', ['amazon-web-services', 'ovh', 'aws', 'mongodb-cloud']],
	['is stripe in the US?', []],
	['which email vendors are in the US?', []],
	['US', US],
	['Brazil', BR],
	['location not stated', ['stripe', 'zoho', 'apple-push-notification-service', 'firebase', 'yesware', 'prvolt', 'mailchimp']],
];

const GERMAN: Array<[string, string[]]> = [
	['Wer verarbeitet Daten außerhalb der EU?', [...US, ...BR]],
	['Welche Anbieter sitzen in den USA?', US],
	['Wird Mailchimp genutzt?', ['mailchimp']],
	['Wo verarbeitet Stripe Daten?', ['stripe']],
	['Welche Dienstleister gibt es in Brasilien?', BR],
	['Wer ist in Deutschland?', []],
	['Nutzt ihr Zoho?', ['zoho']],
	['Welche Unterauftragsverarbeiter sind in Europa?', NL_BE],
	['in den Niederlanden', NL_BE],
	['Was bekommt Fabulor?', ['fabulor']],
	['Wer macht E-Mail-Marketing?', EMAIL_MARKETING],
	['Welche Anbieter verarbeiten Daten außerhalb Europas?', [...US, ...BR]],
	['Wer verarbeitet Daten in Nordamerika?', US],
	['Gibt es Anbieter in Asien?', []],
	['Wofür wird Clearbit verwendet?', ['clearbit']],
	['Zeig mir alle Anbieter', ALL],
	['Ist AWS ein Unterauftragsverarbeiter?', AMAZON],
	['Wer verarbeitet Daten im Vereinigten Königreich?', []],
	['Welche Anbieter sind außerhalb der USA?', [...BR, ...NL_BE]],
	['Wer sitzt in Belgien?', NL_BE],
	['wo ist mongodb', ['mongodb-cloud']],
	['Wer ist in der Schweiz?', []],
	['Standort nicht angegeben', ['stripe', 'zoho', 'apple-push-notification-service', 'firebase', 'yesware', 'prvolt', 'mailchimp']],
];

const PORTUGUESE: Array<[string, string[]]> = [
	['quem processa dados nos EUA?', US],
	['quais fornecedores tratam dados fora da UE?', [...US, ...BR]],
	['vocês usam o Mailchimp?', ['mailchimp']],
	['onde fica a Stripe?', ['stripe']],
	['quais suboperadores estão no Brasil?', BR],
	['quem trata dados na Alemanha?', []],
	['quem está na Europa?', NL_BE],
	['o que a Fabulor recebe?', ['fabulor']],
	['quais empresas fazem email marketing?', EMAIL_MARKETING],
	['quem trata dados fora dos Estados Unidos?', [...BR, ...NL_BE]],
	['a Zoho é usada?', ['zoho']],
	['liste todos os fornecedores', ALL],
	['quem processa dados na América do Norte?', US],
	['quem processa dados na América Latina?', BR],
	['existe algum fornecedor na Ásia?', []],
	['para que serve o Clearbit?', ['clearbit']],
	['onde a MongoDB processa os dados?', ['mongodb-cloud']],
	['quem está na Holanda?', NL_BE],
	['a AWS é um suboperador?', AMAZON],
	['quem está nos Países Baixos?', NL_BE],
	['quais fornecedores ficam na Bélgica?', NL_BE],
	['quem trata dados em os Estados Unidos?', US],
];

describe.each([
	['en', ENGLISH],
	['de', GERMAN],
	['pt-BR', PORTUGUESE],
] as Array<[Lang, Array<[string, string[]]>]>)('questions in %s against the bundled list', (lang, table) => {
	test.each(table)('%p shows exactly the expected entries', async (question, expected) => {
		const text = await answer(bundled, question, lang);
		expect(sorted(shown(text, bundled))).toEqual(sorted(expected));
		// A question is never answered with the help or "I don't know the subcommand".
		expect(text).not.toMatch(/subcommand|Unterbefehl|subcomando/);
	});
});

describe('what a question asks', () => {
	test.each([
		['what categories are there?', 'categories'],
		['Welche Kategorien gibt es?', 'categories'],
		['quais são as categorias?', 'categories'],
		['who are your sub-processors?', 'list'],
		['which vendors have no location?', 'not-stated'],
		['local não informado', 'not-stated'],
	])('%p asks for %p', (question, kind) => {
		expect(parseQuestion(question).kind).toBe(kind);
	});

	test('ordinary words that are ISO codes are no places unless written as codes', () => {
		// "is" is Iceland, "it" Italy, "do" the Dominican Republic, "us" the United States.
		for (const question of ['is it used?', 'what do us folks use', 'do we use it']) {
			expect(parseQuestion(question).kind).not.toBe('place');
		}
		expect(parseQuestion('vendors in IT')).toMatchObject({ kind: 'place', place: { kind: 'country', code: 'IT' } });
	});

	test('the place and the other words of a place question', () => {
		expect(parseQuestion('which email tools are outside the EU?')).toMatchObject({ kind: 'place', mode: 'outside', filter: 'email' });
		expect(parseQuestion('Wer ist nicht in der EU?')).toMatchObject({ kind: 'place', mode: 'outside' });
	});

	test('categories question answers with the categories, not entries', async () => {
		const text = await answer(bundled, 'what categories are there?', 'en');
		expect(text.split('\n')[0]).toBe('Rocket.Chat *sub-processor categories*');
	});

	test('nothing matches: the closest name, place or word is suggested', async () => {
		// Two letters off in seven: past the search's typo allowance, close enough to suggest.
		expect(await answer(bundled, 'Yeswear', 'en')).toContain('Did you mean Yesware?');
		expect(await answer(bundled, 'Germny', 'en')).toContain('“Germany” as a place (`/subprocessors in Germany`)');
		expect(await answer(bundled, 'marketting stuff', 'en')).toContain('Mailchimp');
	});

	test('an unknown first word gets the help only when it looks like a subcommand and nothing else fits', async () => {
		expect(await answer(bundled, 'lsit', 'en')).toContain('I don’t know the subcommand “lsit”');
		expect(await answer(bundled, 'is Xyzzy used?', 'en')).not.toContain('subcommand');
	});
});

/** Another company's list: regions and worldwide as locations, a provider under two names. */
const OTHER = catalogFrom(`company: Nimbus Analytics GmbH
updated: 2025-06-01
objections:
  email: privacy@nimbus.example
  subject: Objection
categories:
  - id: hosting
    name: Hosting
  - id: tools
    name: Business tools
subprocessors:
  - name: Google Cloud Platform
    aliases: [GCP]
    category: hosting
    purpose: Cloud hosting of the analytics service
    locations: [Worldwide]
  - name: Google Workspace
    category: tools
    purpose: Email and documents
    data: [Email, Name]
    locations: [EU]
  - name: Hetzner Online
    category: hosting
    purpose: Hosting of the production database
    locations: [Germany, Finland]
  - name: Twilio Inc
    category: tools
    purpose: SMS and voice notifications
    data: [Phone]
    locations: [United States]
  - name: Zendesk
    category: tools
    purpose: Customer support tickets
    locations: [EMEA, United States]
  - name: Sentry
    category: tools
    purpose: Error monitoring
  - name: Global Payments Network
    category: tools
    purpose: Card payments
    locations: [Brazil]
  - name: GPN
    category: tools
    purpose: Payouts to partners
    locations: [Brazil, Portugal]
  - name: Deel
    category: tools
    purpose: Payroll for contractors
    locations: [APAC]
`);

describe('questions against another company’s list', () => {
	const id = (name: string) => OTHER.findByName(name)!.id;
	test.each([
		['en', 'who processes data in Germany?', ['Hetzner Online', 'Google Workspace', 'Zendesk', 'Google Cloud Platform']],
		['en', 'outside the EU', ['Google Cloud Platform', 'Twilio Inc', 'Zendesk', 'Global Payments Network', 'GPN', 'Deel']],
		// EMEA reaches into Asia (the Middle East): Zendesk may process data there, and is marked so.
		['en', 'in Asia', ['Google Cloud Platform', 'Deel', 'Zendesk']],
		['en', 'GCP', ['Google Cloud Platform']],
		['en', 'google', ['Google Cloud Platform', 'Google Workspace']],
		['en', 'GPN', ['GPN', 'Global Payments Network']],
		['en', 'who handles payroll?', ['Deel']],
		['en', 'what does Twilio get?', ['Twilio Inc']],
		['en', 'is Sentry used?', ['Sentry']],
		['en', 'sentri', ['Sentry']],
		['en', 'who gets phone numbers?', ['Twilio Inc']],
		['en', 'location not stated', ['Sentry']],
		['de', 'Wer verarbeitet Daten in den USA?', ['Google Cloud Platform', 'Twilio Inc', 'Zendesk']],
		['de', 'Welche Anbieter sitzen in Finnland?', ['Hetzner Online', 'Google Workspace', 'Zendesk', 'Google Cloud Platform']],
		['pt-BR', 'quem trata dados no Brasil?', ['Google Cloud Platform', 'Global Payments Network', 'GPN']],
		['pt-BR', 'quem processa dados em Portugal?', ['Google Workspace', 'Zendesk', 'GPN', 'Google Cloud Platform']],
	] as Array<[Lang, string, string[]]>)('%s %p', async (lang, question, names) => {
		const text = await answer(OTHER, question, lang);
		expect(sorted(shown(text, OTHER))).toEqual(sorted(names.map(id)));
	});

	test('a worldwide or regional location is marked as such in a country answer', async () => {
		const text = await answer(OTHER, 'in Germany', 'en');
		expect(text).toMatch(/• Google Cloud Platform — .* · Worldwide \(worldwide\)/);
		expect(text).toMatch(/• Google Workspace — .* · EU \(somewhere in EU\)/);
		expect(text).toMatch(/• Hetzner Online — .* · Germany and Finland$/m);
	});

	test('help examples come from this list, not Rocket.Chat’s', async () => {
		const help = await answer(OTHER, 'help', 'en');
		expect(help).toContain('`/subprocessors show Google Cloud Platform`');
		for (const name of ['Stripe', 'Brazil', 'email marketing']) expect(help).not.toContain(`/subprocessors ${name}`);
		expect(help).not.toContain('show Stripe');
	});

	test('nothing matches: no Rocket.Chat vendor is suggested', async () => {
		const text = await answer(OTHER, 'Stripe', 'en');
		expect(text).toContain('No sub-processor matches “Stripe”.');
		expect(shown(text, OTHER)).toEqual([]);
	});
});

describe('more question shapes', () => {
	test('"what changed recently?" asks for the changes when the engine can answer it', async () => {
		const changes = jest.fn(async () => ({ text: 'CHANGES', blocks: [] }));
		const services = { changes } as unknown as Parameters<typeof route>[3];
		for (const question of ['what changed recently?', 'Was hat sich geändert?', 'quais são as mudanças recentes?']) {
			changes.mockClear();
			const routed = await route(splitArgs(question), bundled, 'en', services);
			expect(changes).toHaveBeenCalledTimes(1);
			expect(routed.reply.text).toBe('CHANGES');
		}
	});

	test('"how many sub-processors are there?" shows the whole list with its count', async () => {
		const text = await answer(bundled, 'how many sub-processors are there?', 'en');
		expect(text.split('\n')[0]).toBe(
			`Rocket.Chat *sub-processors* — ${bundled.entries.length} in ${bundled.byCategory().length} categories`,
		);
	});

	test('the preview offers what the question names', () => {
		expect(previewMatches(splitArgs('is mailchi'), bundled).map((item) => item.id)).toEqual(['mailchimp']);
	});
});

describe('several places in one question', () => {
	test.each([
		['which vendors are outside the US and the EU?', 'en', BR],
		['who processes data in Brazil or the Netherlands?', 'en', [...BR, ...NL_BE]],
		['Wer verarbeitet Daten in den USA oder Brasilien?', 'de', [...US, ...BR]],
		['quem trata dados no Brasil ou na Bélgica?', 'pt-BR', [...BR, ...NL_BE]],
	] as Array<[string, Lang, string[]]>)('%p', async (question, lang, expected) => {
		expect(sorted(shown(await answer(bundled, question, lang), bundled))).toEqual(sorted(expected));
	});
});

// The list says "Billing platform", people ask about payments: a related purpose word is searched, and said so.
describe('questions in words the list does not use', () => {
	test.each([
		['en', 'who handles payments?', ['stripe'], 'Nothing on the list says “payments”; these match “billing”.'],
		['de', 'Wer macht die Abrechnung?', ['stripe'], 'Auf der Liste steht nichts zu „abrechnung“; diese passen zu „billing“.'],
		['pt-BR', 'quem faz os pagamentos?', ['stripe'], 'Nada na lista menciona “pagamentos”; estes correspondem a “billing”.'],
		['en', 'who stores our backups?', ['mongodb-cloud'], undefined],
	] as Array<[Lang, string, string[], string | undefined]>)('%s: %p', async (lang, question, expected, note) => {
		const text = await answer(bundled, question, lang);
		expect(sorted(shown(text, bundled))).toEqual(sorted(expected));
		if (note) expect(text).toContain(note);
	});

	test('a word with no related word on the list still gets "no match", not a guess', async () => {
		const text = await answer(bundled, 'who handles payroll?', 'en');
		expect(shown(text, bundled)).toEqual([]);
	});
});
