import { EmailBridge } from '../../engine/node_modules/@rocket.chat/apps-engine/server/bridges/EmailBridge';
import type { IEmail } from '../../engine/node_modules/@rocket.chat/apps-engine/definition/email';
import type { WorldState } from '../state';

export interface OutboxEntry extends IEmail {
	appId: string;
	sentAt: Date;
}

/** Mails are captured, never sent. */
export class WorkspaceEmailBridge extends EmailBridge {
	readonly outbox: OutboxEntry[] = [];

	constructor(private readonly world: WorldState) {
		super();
	}

	protected async sendEmail(email: IEmail, appId: string): Promise<void> {
		const to = Array.isArray(email.to) ? email.to : [email.to];
		this.outbox.push({ ...email, appId, sentAt: this.world.clock.date() });
		const recipient = [...this.world.users.values()].find((u) => u.emails.some((e) => to.includes(e.address)));
		this.world.record({
			kind: 'email',
			user: recipient?.username,
			to,
			subject: email.subject,
			text: email.text ?? email.html ?? '',
			plain: `Subject: ${email.subject}\n${email.text ?? email.html ?? ''}`,
		});
	}
}
