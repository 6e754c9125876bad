/**
 * Working an objection: acknowledge, resolve, reject. Team members may press buttons on different instances at
 * the same moment, and persistence has no compare-and-set (docs/multi-instance.md 1.3), so an action is never a
 * rewrite of the objection: each is a record of its own, and the status is folded from all of them in one order
 * with the transition rules (foldObjection). Two racing closes both get stored; the fold lets the earlier one win
 * everywhere, the card shows that one, and one status DM goes out, about the winner (routing.ts statusDm). No
 * history event is lost, because nothing is overwritten. No process-level queue is needed.
 */
import { nodeCrypto } from '../../../kernel/nodeCrypto';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { canTransition, foldObjection, type ObjectionAction, type ObjectionStatus, type WorkAction } from '../model';
import { t, type Lang } from '../../../kernel/i18n';
import type { AppDeps } from '../../../platform/deps';
import { isAdmin } from '../../../platform/server';
import { Settings } from '../../../platform/settings';
import { AuditStore } from './audit';
import { cardEdit, emailDelivery, enqueue, statusDm, statusStep } from './routing';
import { Objections } from './stores';

export interface ActionOutcome {
	ok: boolean;
	message: string;
}

/** Members of the privacy team's room and admins work objections. */
export async function mayWork(deps: AppDeps, user: IUser): Promise<boolean> {
	if (isAdmin(user)) return true;
	const room = await new Settings(deps.read).privacyTeamRoom();
	if (!room) return false;
	const members = await deps.read.getRoomReader().getMembers(room.id);
	return members.some((member) => member.id === user.id);
}

const closedMessage = (lang: Lang, ref: string, status: ObjectionStatus) =>
	t(lang, 'objection_already_closed', { ref, status: t(lang, `objection_status_${status}`) });

/** A privacy team member's action; returns the text to show them. */
export async function takeAction(
	deps: AppDeps,
	ref: string,
	action: WorkAction,
	user: IUser,
	lang: Lang,
	note?: string,
): Promise<ActionOutcome> {
	if (!(await mayWork(deps, user))) return { ok: false, message: t(lang, 'objection_not_allowed') };
	const objections = new Objections(deps.read.getPersistenceReader(), deps.persis);
	const before = await objections.get(ref);
	if (!before) return { ok: false, message: t(lang, 'objection_not_found', { ref }) };
	if (!canTransition(before.status, action)) return { ok: false, message: closedMessage(lang, before.ref, before.status) };

	const now = new Date();
	const record: ObjectionAction = {
		id: `${now.getTime().toString(36)}-${nodeCrypto().randomBytes(6).toString('hex')}`,
		ref: before.ref,
		action,
		by: { id: user.id, username: user.username },
		at: now.toISOString(),
		...(note ? { note } : {}),
	};
	await objections.actions.put(record);
	// Read back with every action stored so far: an action another instance stored meanwhile may have won.
	const stored = await objections.records.get(before.ref);
	const { objection, refused } = foldObjection(stored!, await objections.actions.forRef(before.ref));
	// Enqueued even when this action lost here (the key is per step, so a racing winner's DM is the same one):
	// the DM is written from the fold when it is sent, and says what won. An approval also enqueues the vendor's
	// e-mail — one key per objection, so two approvals (a double click on two instances) are one e-mail, and the
	// e-mail checks the fold when it is sent, so an approval that lost to a reject sends nothing.
	await enqueue(deps, [
		...(action === 'approved' ? [emailDelivery(objection.ref, now)] : []),
		cardEdit(objection.ref, now, record.id),
		statusDm(objection.ref, statusStep(action), now),
	]);
	if (refused.some((r) => r.id === record.id)) return { ok: false, message: closedMessage(lang, objection.ref, objection.status) };
	// The workflow's records are its own trail; approving and rejecting unsent also go to the governance audit.
	if (action === 'approved' || before.status === 'awaiting')
		await new AuditStore(deps.read.getPersistenceReader(), deps.persis).add(
			{ kind: action === 'approved' ? 'approved' : 'rejected-unsent', by: user.username, refs: [objection.ref] },
			now,
		);
	return {
		ok: true,
		message: t(lang, 'objection_done', {
			ref: objection.ref,
			status: t(lang, `objection_status_${action}`),
			objector: objection.objector.username,
		}),
	};
}
