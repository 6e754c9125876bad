/**
 * Text the server's mailer must deliver exactly as written. Rocket.Chat's Mailer.send (apps/meteor/app/mailer/
 * server/api.ts) rewrites an app's subject and text: `{word …}` becomes the server's translation of `word`, and
 * `[KEY]` / `__KEY__` (any case) become Site_Name, Site_URL, Site_URL_Slash and every key of the e-mail's `data`.
 * There is no escape syntax, but `data` values are put in last and nothing scans them afterwards: so every text
 * that isn't the app's own goes into `data` under a key no one can guess, and the subject and text carry only
 * its `__key__` placeholder. The recipient reads the text exactly; the app's own labels stay readable around it,
 * and so does every text the mailer can't touch.
 */
export class MailerSlots {
	readonly data: Record<string, string> = {};
	private readonly prefix: string;
	private count = 0;

	constructor(nonce = Math.random().toString(36).slice(2, 10)) {
		this.prefix = `subprocessors_${nonce.replace(/[^a-z0-9]/gi, '')}_`;
	}

	/**
	 * The placeholder for `text`, or the text itself when the mailer can't touch it: without `{`, `}`, `[`, `]`
	 * or `_` there is no pattern in it, and none can form with the app's labels or placeholders around it.
	 */
	slot(text: string): string {
		if (!/[{}[\]_]/.test(text)) return text;
		const key = `${this.prefix}${++this.count}`;
		// The server puts the value in with String.replace, where `$&`, `$1`, `$$`… are patterns: `$$` is one `$`.
		this.data[key] = text.replace(/\$/g, '$$$$');
		return `__${key}__`;
	}
}
