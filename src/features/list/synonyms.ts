/**
 * Words people ask with that lists rarely use ("payments" where the list says "Billing platform"): small groups of
 * purpose words in the languages questions are read in (en, de, pt). Only tried when a question matched nothing.
 */
import { fold } from '../../kernel/text';

const GROUPS: string[][] = [
	[
		'billing',
		'payment',
		'payments',
		'pay',
		'invoice',
		'invoicing',
		'checkout',
		'card',
		'cards',
		'zahlung',
		'zahlungen',
		'rechnung',
		'abrechnung',
		'pagamento',
		'pagamentos',
		'cobranca',
		'faturamento',
	],
	['email', 'mail', 'mails', 'newsletter', 'newsletters', 'mailing', 'emails', 'e-mails', 'correio'],
	[
		'hosting',
		'infrastructure',
		'cloud',
		'server',
		'servers',
		'storage',
		'datacenter',
		'speicher',
		'infrastruktur',
		'hospedagem',
		'infraestrutura',
		'armazenamento',
	],
	['analytics', 'analysis', 'statistics', 'tracking', 'analyse', 'analise', 'estatisticas'],
	['support', 'helpdesk', 'tickets', 'ticket', 'crm', 'customer', 'kundenservice', 'suporte', 'atendimento'],
	['push', 'notification', 'notifications', 'benachrichtigung', 'benachrichtigungen', 'notificacao', 'notificacoes'],
	['backup', 'backups', 'sicherung', 'datensicherung', 'copia'],
	['marketing', 'campaigns', 'campaign', 'werbung', 'kampagnen', 'campanhas'],
	['translation', 'translations', 'ubersetzung', 'uebersetzung', 'traducao'],
	['enrichment', 'leads', 'lead', 'prospecting'],
];

const INDEX = new Map<string, string[]>();
for (const group of GROUPS)
	for (const word of group)
		INDEX.set(
			fold(word),
			group.filter((other) => other !== word),
		);

/** Other words for `word` (folded), most general first; none when it belongs to no group. */
export function relatedWords(word: string): string[] {
	return INDEX.get(fold(word)) ?? [];
}
