import { EmailBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/EmailBridge';
import type { IEmail } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/email';
import type { WorldState } from '../state';

export interface OutboxEntry extends IEmail {
	appId: string;
	sentAt: Date;
	/** What the app handed over, before the mailer rewrote the subject and text (`subject`/`text` are as delivered). */
	handed: IEmail & { data?: Record<string, unknown> };
}

type ServerSetting = (id: string) => unknown;

/**
 * The server's mailer, as an app's e-mail meets it: the app bridge (apps/meteor/app/apps/server/bridges/email.ts)
 * fills `from` from From_Email and calls Mailer.send({ ...email, from }) (apps/meteor/app/mailer/server/api.ts):
 * the subject and text go through replace() — `{key …}` becomes the server's translation of key (here: key, as
 * i18next returns for a key it doesn't know), then `[KEY]` and `__KEY__` (any case) become Site_Name, Site_URL,
 * Site_URL_Slash, fname/lname (only when data.name is given) and every key of `data` — then sendNoWrap() throws
 * for a `to` that isn't an address and hands the mail to SMTP *later* (setImmediate + .catch(console.error)): a
 * delivery failure never reaches the app. With SMTP_Host empty the server unsets MAIL_URL
 * (apps/meteor/server/configuration/configureSMTP.ts) and Meteor only prints the mail to its log.
 * Mails that would be delivered are captured in the outbox, never sent. HTML is replaced like text but not
 * wrapped in the Email_Header/Email_Footer templates.
 */
export class WorkspaceEmailBridge extends EmailBridge {
	readonly outbox: OutboxEntry[] = [];
	/** Mails the server accepted but that never arrived (no SMTP_Host, or `smtpDown`): the app was not told. */
	readonly undelivered: OutboxEntry[] = [];
	/** The SMTP server refuses everything: the app still sees success, as on a server. */
	smtpDown = false;

	constructor(
		private readonly world: WorldState,
		private readonly setting: ServerSetting = () => undefined,
	) {
		super();
	}

	protected async sendEmail(email: IEmail, appId: string): Promise<void> {
		const handed = email as IEmail & { data?: Record<string, unknown> };
		const from = handed.from || String(this.setting('From_Email'));
		const to = Array.isArray(handed.to) ? handed.to : [handed.to];
		if (!to.every((address) => validateEmail(String(address)))) {
			// Meteor.Error('invalid email'): its message is the error in brackets.
			throw Object.assign(new Error('[invalid email]'), { error: 'invalid email' });
		}
		const replace = (str: string | undefined) => mailerReplace(str, handed.data ?? {}, this.setting);
		const text = (handed.text && replace(handed.text)) || (handed.html && replace(handed.html).replace(/<[^>]*>/g, '')) || undefined;
		const entry: OutboxEntry = {
			...handed,
			from,
			subject: replace(handed.subject),
			text,
			html: handed.html ? replace(handed.html) : undefined,
			appId,
			sentAt: this.world.clock.date(),
			handed: { ...handed },
		};
		const smtp = this.setting('SMTP_Host');
		if (!smtp || this.smtpDown) {
			this.undelivered.push(entry);
			const why = this.smtpDown
				? 'the SMTP server refused it after the hand-off'
				: 'SMTP_Host is empty: the server only prints it to its log';
			this.world.record({
				kind: 'email',
				to: [],
				subject: entry.subject,
				text: entry.text ?? '',
				plain: `(not delivered to ${to.join(', ')}: ${why}; the app was not told)\nSubject: ${entry.subject}`,
			});
			return;
		}
		this.outbox.push(entry);
		const recipient = [...this.world.users.values()].find((u) => u.emails.some((e) => to.includes(e.address)));
		this.world.record({
			kind: 'email',
			user: recipient?.username,
			to,
			subject: entry.subject,
			text: entry.text ?? entry.html ?? '',
			plain: `Subject: ${entry.subject}\n${entry.text ?? entry.html ?? ''}`,
		});
	}
}

/** lib/emailValidator.ts, the 'basic' style Mailer.checkAddressFormat uses. */
export function validateEmail(address: string): boolean {
	return /^[^@]+@[^@]+\.[a-zA-Z]{2,}$/.test(address.trim());
}

/** Mailer.replace(str, data): the rewriting every app e-mail's subject and text go through. */
export function mailerReplace(str: string | undefined, data: Record<string, unknown>, setting: ServerSetting): string {
	if (!str) return '';
	const siteUrl = setting('Site_Url') as string | undefined;
	const name = data.name ? String(data.name) : undefined;
	const options: Record<string, unknown> = {
		Site_Name: setting('Site_Name'),
		Site_URL: siteUrl,
		Site_URL_Slash: siteUrl?.replace(/\/?$/, '/'),
		...(name
			? {
					fname: name.includes(' ') ? name.slice(0, name.indexOf(' ')) : name,
					lname: name.includes(' ') ? name.slice(name.lastIndexOf(' ') + 1) : name,
				}
			: {}),
		...data,
	};
	// translate(): replaceVariables with i18n.t(key); unknown keys come back as the key itself.
	const translated = str.replace(/\{ *([^{} ]+)[^{}]*\}/gim, (_match, key: string) => key);
	// replacekey(): a string replacement, so `$&`, `$1`, `$$` … in a value are replacement patterns, as on the server.
	return Object.entries(options).reduce<string>(
		(ret, [key, value]) => ret.replace(new RegExp(`(\\[${key}\\]|__${key}__)`, 'igm'), (value === undefined ? '' : value) as string),
		translated,
	);
}
