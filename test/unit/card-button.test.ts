// Every sub-processor card carries the announcement's "Object" button (issue 19, point 4).
import type { SectionBlock } from '@rocket.chat/ui-kit';
import { route } from '../../src/app/router';
import { card } from '../../src/features/list/answers';
import { OBJECT_ACTION } from '../../src/features/watch/announcement';
import { withAppId } from '../../src/kernel/blocks';
import { bundledCatalog, visible } from './helpers';

const catalog = bundledCatalog();

test('a card has the Object button with the entry id, and keeps the e-mail route as text', () => {
	const stripe = catalog.findByName('Stripe')!;
	const reply = card(catalog, stripe, 'de');
	const accessory = (reply.blocks[0] as SectionBlock).accessory;
	expect(accessory).toMatchObject({ type: 'button', actionId: OBJECT_ACTION, value: stripe.id, text: { text: 'Widersprechen' } });
	expect(visible(reply.text)).toContain('privacy@rocket.chat');
});

test('a search that finds one entry answers with the card and its button', async () => {
	const { reply } = await route(['stripe'], catalog, 'en');
	expect((reply.blocks[0] as SectionBlock).accessory).toMatchObject({
		actionId: OBJECT_ACTION,
		value: 'stripe',
		text: { text: 'Object' },
	});
});

test('withAppId stamps the app id into buttons that have none, and leaves others alone', () => {
	const reply = card(catalog, catalog.findByName('Stripe')!, 'en');
	expect(((reply.blocks[0] as SectionBlock).accessory as { appId: string }).appId).toBe('');
	withAppId(reply, 'app-1');
	expect(((reply.blocks[0] as SectionBlock).accessory as { appId: string }).appId).toBe('app-1');
	withAppId(reply, 'app-2');
	expect(((reply.blocks[0] as SectionBlock).accessory as { appId: string }).appId).toBe('app-1');
});
