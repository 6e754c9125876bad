/**
 * `/subprocessors erase-objections EMAIL|@USERNAME` (admins, answered privately): erasure on a person's request
 * (GDPR Art. 17). The command only finds the objections and stores a request holding their references (never the
 * address asked for); a button confirms it, and then every objection of that person is erased. One audit record per
 * erasure: the admin, the references and the count.
 */
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { notice } from '../../list/answers';
import type { Reply } from '../../../kernel/blocks';
import { erasurePrompt } from '../messages';
import { t, type Lang } from '../../../kernel/i18n';
import { isAdmin } from '../../../platform/server';
import type { AppDeps } from '../../../platform/deps';
import { AuditStore } from './audit';
import { ErasureRequestStore, eraseObjections, newErasureRequest, objectionsOf, requestExpired } from './erasure';

/** An e-mail address (loosely: the one typed on the form) or a username. */
const WHO = /^(?:[^\s@]+@[^\s@]+|@[\w.-]{1,100})$/u;

export async function requestErasure(deps: AppDeps, user: IUser, args: string[], lang: Lang): Promise<Reply> {
	const who = args.join(' ').trim();
	if (!WHO.test(who)) return notice(t(lang, 'erase_usage'));
	const found = await objectionsOf(deps, who);
	if (found.length === 0) return notice(t(lang, 'erase_none'));
	const request = newErasureRequest(found.map((o) => o.ref).sort(), { id: user.id, username: user.username });
	await new ErasureRequestStore(deps.read, deps.persis).put(request);
	return erasurePrompt(request.refs, request.id, lang, deps.appId);
}

/** The confirmation button: erases what the request lists (only an admin, within the hour, once). */
export async function confirmErasure(deps: AppDeps, user: IUser, requestId: string, lang: Lang): Promise<Reply> {
	if (!isAdmin(user)) return notice(t(lang, 'admin_only', { command: 'erase-objections' }));
	const requests = new ErasureRequestStore(deps.read, deps.persis);
	const request = await requests.get(requestId);
	if (!request || requestExpired(request)) return notice(t(lang, 'erase_expired'));
	if (request.done) return notice(t(lang, 'erase_already', { refs: request.refs.join(', ') }));
	const erased = await eraseObjections(deps, request.refs, 'request');
	await requests.put({ ...request, done: true });
	await new AuditStore(deps.read.getPersistenceReader(), deps.persis).add({
		kind: 'request-erased',
		by: user.username,
		refs: request.refs,
		count: erased.length,
	});
	return notice(t(lang, 'erase_done', { count: erased.length, refs: request.refs.join(', ') }));
}
