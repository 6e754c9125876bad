// Upgrading a workspace that runs a previous release: the previous release's zip is installed and used
// (a watched source, a subscriber, objections filed and worked, an announcement and an e-mail still pending),
// then the app is updated to this build, as an admin uploading the new zip would. Nothing may be lost or
// sent twice: the pending work goes out once, the old cards' buttons still work, the history reads the same.
//
// fixtures/releases/subprocessors_0.1.0-34da2c1.zip is commit 34da2c1 — the last one before delivery became
// "handlers record, one job delivers" (issue 14) — built with `npm run package -- --no-typecheck` in a checkout
// of that commit. Replace it with the last release whenever stored records change shape again.
import { readFileSync } from 'fs';
import * as path from 'path';

import { injectFault, type InjectedFault } from '../../workspace/src/faults';
import { Workspace } from '../../workspace/src/Workspace';
import { appZip, visible, VALID_OBJECTION } from './helpers';

const PREVIOUS_RELEASE = path.join(__dirname, 'fixtures', 'releases', 'subprocessors_0.1.0-34da2c1.zip');
const LISTS = path.join(__dirname, 'fixtures', 'lists');
const list = (name: string) => readFileSync(path.join(LISTS, name), 'utf8');
const URL = 'https://privacy.example/subprocessors.yaml';
const HOUR = 3600_000;
const CHANNEL = 'subprocessor-updates';

let ws: Workspace;

afterEach(async () => {
	await ws?.stop();
});

const serve = (body: string) => ws.http.on(URL, { status: 200, headers: { 'content-type': 'application/yaml' }, body });
const messagesIn = (room: string) =>
	ws
		.seen('admin')
		.filter((e) => e.kind === 'message' && e.room === room)
		.map((e) => visible(e.text));
const dmsTo = (user: string, mark = 0) =>
	ws
		.seen(user, mark)
		.filter((e) => e.kind === 'message' && e.room?.startsWith('dm:'))
		.map((e) => visible(e.text));
const teamCards = () =>
	ws.seen('dpo').filter((e) => e.kind === 'message' && e.room === 'privacy-team' && e.text.includes('*Objection OBJ-'));
const latestCardText = (ref: string) =>
	visible(
		teamCards()
			.filter((e) => e.text.includes(ref))
			.at(-1)!.text,
	);
const mailsAbout = (ref: string) => ws.outbox.filter((m) => m.text?.includes(`Reference: ${ref}`));
const refsOf = (user: string) =>
	ws
		.records()
		.map((r) => r.data as { ref?: string; objector?: { username?: string }; by?: { username?: string } })
		.filter((d) => typeof d.ref === 'string' && /^OBJ-/.test(d.ref) && (d.objector?.username ?? d.by?.username) === user)
		.map((d) => d.ref as string);

async function file(user: string, subprocessor: string) {
	await ws.command(user, 'general', `/subprocessors object ${subprocessor}`);
	const response = await ws.submitView(user, { ...VALID_OBJECTION, subprocessor, email: `${user}@acme.example` });
	expect(response?.type).not.toBe('errors');
	const [ref] = [...new Set(refsOf(user))];
	expect(ref).toBeDefined();
	return ref;
}

/** A workspace on a previous release, used as people use it: a watched source, a subscriber (bob), alice's objection. */
async function usedRelease(zip: string): Promise<string> {
	ws = await Workspace.start({ zip: readFileSync(zip), serverSettings: { SMTP_Host: 'smtp.example' } });
	await ws.advance(0);
	serve(list('v1.yaml'));
	await ws.setSetting('list_source_url', URL);
	await ws.advance(0);
	await ws.command('bob', 'general', '/subprocessors subscribe');
	return file('alice', 'stripe');
}

test('a workspace on the previous release upgrades without losing or repeating anything', async () => {
	// Used as people use it: a subscriber, an objection worked by the team, one whose e-mail keeps failing…
	const aliceRef = await usedRelease(PREVIOUS_RELEASE);
	await ws.click('dpo', 'objection-ack');
	expect(latestCardText(aliceRef)).toContain('— acknowledged');
	const mailDown: InjectedFault = injectFault(ws.bridges.email, 'sendEmail', { when: () => true });
	const bobRef = await file('bob', 'stripe');
	expect(bobRef).not.toBe(aliceRef);
	expect(mailsAbout(bobRef)).toEqual([]);

	// …and a change whose channel announcement can't be posted yet (the channel went read-only).
	ws.setReadOnly(CHANNEL, true);
	serve(list('v2.yaml'));
	await ws.advance(HOUR);
	const v2Posts = () => messagesIn(CHANNEL).filter((t) => t.includes('version of 1 March 2024'));
	expect(v2Posts()).toEqual([]);
	const before = {
		cards: teamCards().length,
		aliceMails: mailsAbout(aliceRef).length,
		bobDms: dmsTo('bob').length,
		aliceDms: dmsTo('alice').length,
	};
	expect(before.aliceMails).toBe(1);

	// The admin uploads this build. The channel accepts posts again, mail works again.
	await ws.update(appZip());
	mailDown.restore();
	ws.setReadOnly(CHANNEL, false);
	await ws.advance(HOUR);
	await ws.advance(HOUR);

	// What was pending went out exactly once; what was done was not done again.
	expect(v2Posts()).toHaveLength(1);
	expect(mailsAbout(bobRef)).toHaveLength(1);
	expect(mailsAbout(aliceRef)).toHaveLength(1);
	expect(teamCards().filter((e) => !e.edited)).toHaveLength(2);
	const v2Dms = dmsTo('bob').filter((t) => t.includes('1 März 2024') || t.includes('1. März 2024'));
	expect(v2Dms).toHaveLength(1);
	expect(dmsTo('alice')).toHaveLength(before.aliceDms);

	// The objections read as before, from the new code.
	let mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors my-objections');
	const mine = visible(ws.seen('alice', mark)[0].text);
	expect(mine).toContain(aliceRef);
	expect(mine).toContain('acknowledged');
	expect(mine).not.toContain(bobRef);

	// The card posted by the previous release still works: resolve it from its button.
	mark = ws.mark();
	await ws.click('dpo', 'objection-resolve', aliceRef);
	expect(ws.modal('dpo')?.text).toContain(`Resolve ${aliceRef}`);
	await ws.submitView('dpo', { note: 'Billing moved to an EU entity.' });
	expect(dmsTo('alice', mark)).toEqual([
		expect.stringContaining('was resolved by the privacy team.\nNote: Billing moved to an EU entity.'),
	]);
	expect(latestCardText(aliceRef)).toContain('— resolved');

	// The history is whole, and the subscription still holds: the next change reaches bob once.
	mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors changes');
	const history = visible(ws.seen('alice', mark)[0].text);
	expect(history).toContain('version of 1 March 2024');
	expect(history).toContain('started watching');

	mark = ws.mark();
	serve(
		list('v2.yaml')
			.replace('Billing and invoicing platform', 'Billing, invoicing and tax platform')
			.replace('2024-03-01', '2024-04-01'),
	);
	await ws.advance(HOUR);
	expect(messagesIn(CHANNEL).filter((t) => t.includes('version of 1 April 2024'))).toHaveLength(1);
	expect(dmsTo('bob', mark)).toHaveLength(1);
	expect(ws.errors).toEqual([]);
}, 120_000); // installs a release zip, then updates to this one: slower than one request on a loaded machine

// fixtures/releases/subprocessors_0.1.0-ba7f92d.zip is main at ba7f92d — the last release with one list — built
// with `npm run package`. Lists (issue 17) keep the one list as the first: its records keep their keys, and
// nothing is rewritten.
const ONE_LIST_RELEASE = path.join(__dirname, 'fixtures', 'releases', 'subprocessors_0.1.0-ba7f92d.zip');
const GITHUB_URL = 'https://vendor.example/github-subprocessors.yaml';

/** The first list's records of one kind (by the kind association every store tags its records with; another list's have ids `l-…/…`). */
const recordsOf = (kind: string) =>
	ws
		.records()
		.filter((r) => r.associations.some((a) => a.id === kind) && !r.associations.some((a) => /(^|:)l-[a-z2-7]{8}\//.test(a.id)))
		.map((r) => ({ associations: r.associations.map((a) => a.id).sort(), data: r.data }));

test('a workspace on the last one-list release keeps its list as the first list, and can add another', async () => {
	const aliceRef = await usedRelease(ONE_LIST_RELEASE);
	serve(list('v2.yaml'));
	await ws.advance(HOUR);
	await ws.advance(HOUR);

	const questions = [
		'/subprocessors stripe',
		'/subprocessors in US',
		'/subprocessors changes',
		'/subprocessors my-objections',
		'/subprocessors',
	];
	const answers = async () => {
		const found: string[] = [];
		for (const question of questions) {
			const mark = ws.mark();
			await ws.command('alice', 'general', question);
			found.push(visible(ws.seen('alice', mark)[0].text));
		}
		return found;
	};
	const before = await answers();
	const kept = ['list-pointer', 'change', 'subscriber', 'objection'].map((kind) => recordsOf(kind));
	expect(kept.every((records) => records.length > 0)).toBe(true);

	await ws.update(appZip());
	await ws.advance(HOUR);

	// One list: the same answers, and the records of before are there as they were (nothing rewritten).
	expect(await answers()).toEqual(before);
	expect(['list-pointer', 'change', 'subscriber', 'objection'].map((kind) => recordsOf(kind))).toEqual(kept);
	let mark = ws.mark();
	await ws.command('admin', 'general', '/subprocessors lists');
	expect(visible(ws.seen('admin', mark)[0].text)).toContain('rocketchat');

	// A second list, from the vendor's URL: watched without touching the first.
	ws.http.on(GITHUB_URL, {
		status: 200,
		headers: { 'content-type': 'application/yaml' },
		body: list('v1.yaml').replace('company: Rocket.Chat', 'company: GitHub'),
	});
	mark = ws.mark();
	await ws.command('admin', 'general', `/subprocessors lists add github ${GITHUB_URL}`);
	expect(visible(ws.seen('admin', mark)[0].text)).toMatch(/github/i);
	await ws.advance(HOUR);
	expect(['list-pointer', 'change', 'subscriber', 'objection'].map((kind) => recordsOf(kind))).toEqual(kept);

	// The second list changes: its announcement names it, reaches bob (subscribed before lists existed: to all lists).
	mark = ws.mark();
	ws.http.on(GITHUB_URL, {
		status: 200,
		headers: { 'content-type': 'application/yaml' },
		body: list('v2.yaml').replace('company: Rocket.Chat', 'company: GitHub'),
	});
	// Checked now (the app reads the real clock, so the scheduled run an hour of workspace time later would find the
	// list checked seconds ago, not due); the delivery job posts.
	await ws.command('admin', 'general', '/subprocessors sync github');
	await ws.advance(HOUR);
	const posted = ws
		.seen('admin', mark)
		.filter((e) => e.kind === 'message' && e.room === CHANNEL)
		.map((e) => visible(e.text));
	expect(posted).toEqual([expect.stringMatching(/github/i)]);
	expect(dmsTo('bob', mark)).toEqual([expect.stringMatching(/github/i)]);

	// The objection filed before the upgrade still reads as the first list's.
	mark = ws.mark();
	await ws.command('alice', 'general', '/subprocessors my-objections');
	expect(visible(ws.seen('alice', mark)[0].text)).toContain(aliceRef);
	expect(ws.errors).toEqual([]);
}, 120_000); // installs a release zip, then updates to this one: slower than one request on a loaded machine
