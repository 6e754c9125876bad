// Issue 16: the JSON Feed carries each change for machines in the `_subprocessors` extension object.
import { newChangeRecord } from '../../src/features/watch/changes';
import { fingerprint } from '../../src/features/watch/diff';
import { readPage } from '../../src/features/list/page/read';
import { aroundDifference } from '../../src/features/watch/changedText';
import { changesFeed } from '../../src/features/feeds/feeds';
import { writeFeed } from '../../src/features/feeds/feedWriter';

const NOW = new Date('2026-11-30T09:00:00Z');
function page(text: string) {
	const result = readPage(text, { format: 'markdown', file: 'page', now: NOW });
	if (!result.ok) throw new Error(result.problems[0].message);
	return result.list;
}

const before = page(
	'Last updated: 2024-01-01\n\n## Hosting\n\n| Name | Purpose | Location |\n|---|---|---|\n| Stripe | Payments | United States |\n| Mailchimp | Newsletters | |\n',
);
const after = page(
	'Last updated: 2024-02-01\n\n## Hosting\n\n| Name | Purpose | Location |\n|---|---|---|\n| Stripe | Payments and invoices | United States; Ireland |\n\n## Support\n\n| Name | Purpose | Location |\n|---|---|---|\n| Zendesk | Tickets | Germany |\n',
);
const record = newChangeRecord(
	{ list: before, fingerprint: fingerprint(before) },
	{ list: after, fingerprint: fingerprint(after) },
	NOW,
	30,
);
const options = { baseUrl: 'https://chat.example', company: 'Acme' };

test('JSON Feed items: added, removed, changed with each field’s old and new value', () => {
	const feed = JSON.parse(writeFeed(changesFeed([record], options), 'json'));
	expect(feed.items[0]._subprocessors).toEqual({
		fromVersion: '2024-01-01',
		toVersion: '2024-02-01',
		effectiveDate: record.effectiveDate,
		objectionDeadline: record.objectionDeadline,
		added: [{ id: 'zendesk', name: 'Zendesk', category: 'support' }],
		removed: [{ id: 'mailchimp', name: 'Mailchimp', category: 'hosting' }],
		changed: [
			{
				id: 'stripe',
				name: 'Stripe',
				category: 'hosting',
				fields: [
					{ field: 'purpose', old: 'Payments', new: 'Payments and invoices' },
					{ field: 'locations', old: 'United States', new: 'United States, Ireland' },
				],
			},
		],
	});
});

test('Atom and RSS stay as they were: the extension is JSON Feed only', () => {
	const feed = changesFeed([record], options);
	expect(writeFeed(feed, 'atom')).not.toContain('_subprocessors');
	expect(writeFeed(feed, 'rss')).not.toContain('_subprocessors');
});

test('a long text that changed near its end is shown around the difference, not as two equal cut-off prefixes', () => {
	const start =
		'underlying infrastructure of our hosted offering, marketplace and open community server, as well as other services such as push notifications. We use a mixed deployment. ';
	const [before, after] = aroundDifference(`${start}All workspaces run on OVH.`, `${start}All workspaces run on OVH or AWS.`, 100);
	expect(before.startsWith('…')).toBe(true);
	expect(after.startsWith('…')).toBe(true);
	expect(after.length).toBeLessThanOrEqual(100);
	expect(before).toContain('run on OVH.');
	expect(after).toContain('run on OVH or AWS.');
	expect(aroundDifference('short', 'shorter', 100)).toEqual(['short', 'shorter']);
});
