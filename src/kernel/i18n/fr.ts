import type { Messages } from './en';

/**
 * French runtime texts ("vous"; GDPR terms as the French text of the GDPR: sous-traitant ultérieur, objection).
 * French counts 0 as singular, so the `_one` texts say {count}.
 */
export const fr: Messages = {
	version_footer: 'D’après la liste des sous-traitants ultérieurs de {company} du {date}.',
	list_title: '*Sous-traitants ultérieurs de* {company} — {count} dans {categories} catégories',
	list_page: 'Page {page} sur {pages}. Page suivante : `/subprocessors list {next}`',
	list_page_last: 'Page {page} sur {pages}.',
	list_page_missing: 'Il n’y a pas de page {page} : la liste en compte {pages}.',
	list_empty: 'La liste ne contient aucun sous-traitant ultérieur.',
	location_not_stated: 'lieu non indiqué',
	purpose_not_stated: 'aucune finalité indiquée',
	card_category: 'Catégorie',
	card_locations: 'Lieux de traitement des données',
	card_purpose: 'Finalité',
	card_data: 'Données personnelles communiquées',
	card_listed_with: 'Sur la même ligne que',
	card_aliases: 'Également appelé',
	card_website: 'Site web',
	card_since: 'Sous-traitant ultérieur depuis',
	card_location_note: 'À propos du lieu',
	object_how: 'Pour émettre une objection à l’encontre de ce sous-traitant ultérieur, écrivez à {email} avec l’objet « {subject} ».',
	object_how_any: 'Pour émettre une objection à l’encontre d’un sous-traitant ultérieur, écrivez à {email} avec l’objet « {subject} ».',
	object_requirements: 'Indiquez : {requirements}.',
	search_title_one: '*{count} sous-traitant ultérieur correspond à* « {query} »',
	search_title_other: '*{count} sous-traitants ultérieurs correspondent à* « {query} »',
	search_more: '…et {count} autres. Ajoutez un mot pour affiner la recherche.',
	more_lines: '…et {count} autres.',
	search_show_hint: 'En voir un en détail : `/subprocessors show NOM`',
	no_match: 'Aucun sous-traitant ultérieur ne correspond à « {query} ».',
	did_you_mean: 'Vouliez-vous dire {names} ?',
	try_list: 'Tout voir : `/subprocessors list` ; ce que je peux répondre d’autre : `/subprocessors help`.',
	show_missing: 'Quel sous-traitant ultérieur ? Par exemple : `/subprocessors show {vendor}`',
	in_title_one: '{place} : *{count} sous-traitant ultérieur y traite des données*',
	in_title_other: '{place} : *{count} sous-traitants ultérieurs y traitent des données*',
	outside_title_one: '{place} : *{count} sous-traitant ultérieur traite des données en dehors de ce périmètre*',
	outside_title_other: '{place} : *{count} sous-traitants ultérieurs traitent des données en dehors de ce périmètre*',
	in_none: 'Aucun sous-traitant ultérieur de la liste n’indique {place} comme lieu de traitement.',
	outside_none: 'Aucun sous-traitant ultérieur de la liste n’indique de lieu de traitement en dehors de ce périmètre : {place}.',
	help_questions:
		'Ou posez simplement la question, p. ex. `/subprocessors who processes data in {place}?`, `/subprocessors is {vendor} used?`, `/subprocessors which vendors handle {words}?`',
	not_stated_line_one: '{count} sous-traitant ultérieur n’indique pas où il traite les données : `/subprocessors location not stated`',
	not_stated_line_other:
		'{count} sous-traitants ultérieurs n’indiquent pas où ils traitent les données : `/subprocessors location not stated`',
	not_stated_names: 'Lieu non indiqué : {names}.',
	not_stated_list_title_one: '*{count} sous-traitant ultérieur n’indique pas où il traite les données*',
	not_stated_list_title_other: '*{count} sous-traitants ultérieurs n’indiquent pas où ils traitent les données*',
	not_stated_none: 'Tous les sous-traitants ultérieurs de la liste indiquent où ils traitent les données.',
	through_region: 'quelque part dans la zone {region}',
	through_world: 'dans le monde entier',
	place_filter: 'Uniquement ceux qui correspondent à « {query} ».',
	search_ignored: 'Rien dans la liste ne correspond à « {words} » ; je n’en ai donc pas tenu compte.',
	search_related: 'Rien dans la liste ne mentionne « {words} » ; ceux-ci correspondent à « {related} ».',
	did_you_mean_place: '« {place} » comme lieu (`/subprocessors in {place}`)',
	place_missing: 'Quel pays ou quelle région ? Par exemple : `/subprocessors in {place}`, `/subprocessors outside UE`',
	place_unknown:
		'Je ne connais pas le lieu « {place} ». Indiquez un pays, un code ISO (US, BR, DE) ou une région (UE, EEE, Europe, APAC, Worldwide).',
	categories_title: '*Catégories de sous-traitants ultérieurs de* {company}',
	category_count_one: '{count} sous-traitant ultérieur',
	category_count_other: '{count} sous-traitants ultérieurs',
	help_title: '*/subprocessors* — questions sur les sous-traitants ultérieurs de {company}',
	help_list: '`/subprocessors` ou `/subprocessors list [PAGE]` — toute la liste, par catégorie',
	help_search: '`/subprocessors MOTS` — recherche dans les noms, finalités et données, p. ex. `/subprocessors {words}`',
	help_show: '`/subprocessors show NOM` — un sous-traitant ultérieur en détail, p. ex. `/subprocessors show {vendor}`',
	help_in:
		'`/subprocessors in LIEU` — qui traite des données dans un pays ou une région, p. ex. `/subprocessors in {place}`, `/subprocessors in UE`',
	help_outside: '`/subprocessors outside LIEU` — qui traite des données hors de ce lieu, p. ex. `/subprocessors outside UE`',
	help_categories: '`/subprocessors categories` — les catégories et leur effectif',
	help_share:
		'`/subprocessors share …` — publie la réponse dans le salon au lieu de vous l’afficher à vous seul, p. ex. `/subprocessors share in US`',
	help_changes:
		'`/subprocessors changes [N | since DATE]` — les modifications de la liste, les plus récentes d’abord, p. ex. `/subprocessors changes since 2024-01-31`',
	help_subscribe:
		'`/subprocessors subscribe` / `/subprocessors unsubscribe` — recevoir chaque modification de la liste par message direct',
	help_admin:
		'Pour les administrateurs : `/subprocessors status` (source, dernière vérification, prochaine exécution, abonnés) et `/subprocessors sync` (vérifie la source maintenant ; `sync confirm` accepte une liste mise en attente)',
	help_erase:
		'Pour les administrateurs : `/subprocessors erase-objections E-MAIL` (ou `@identifiant`) — effacer sur demande les données d’objection d’une personne (art. 17 du RGPD), après confirmation ; `/subprocessors objections audit` — l’audit',
	help_export: '`/subprocessors export [csv | json]` — la liste sous forme de fichier, envoyée à vous (ou au salon avec `share`)',
	help_feeds:
		'Flux pour lecteurs de flux et outils de conformité (si un administrateur les a activés) : {base}/changes.atom, changes.rss, changes.json, subprocessors.json, subprocessors.csv',
	help_help: '`/subprocessors help` — cette aide',
	help_private: 'Les réponses ne sont visibles que par vous, sauf avec `share`.',
	unknown_subcommand: 'Je ne connais pas la sous-commande « {word} ».',
	shared_by: 'Partagé par {name}',
	export_sent: 'La liste se trouve dans vos messages directs avec moi, sous le nom {file}.',
	export_bad_arg: 'Utilisez `/subprocessors export csv` ou `/subprocessors export json`.',
	form_title: 'Objection à un sous-traitant ultérieur',
	form_submit: 'Déposer l’objection',
	form_cancel: 'Annuler',
	form_intro:
		'Une objection formelle selon la procédure de {company} relative aux sous-traitants ultérieurs. Elle est envoyée par e-mail à {company} ({email}) avec l’objet « {subject} », et l’équipe chargée de la protection des données de cet espace de travail la reçoit dans son salon pour en assurer le suivi. Donnez des motifs objectivement justifiables.',
	form_name: 'Votre nom',
	form_company: 'Nom de l’entreprise',
	form_service: 'Service de {company}',
	form_subprocessor: 'Sous-traitant ultérieur',
	form_grounds: 'Motifs de l’objection',
	form_grounds_placeholder:
		'Pourquoi ce sous-traitant ultérieur n’est objectivement pas acceptable pour vos données : p. ex. le lieu, une certification manquante, une clause du contrat…',
	form_email: 'E-mail de contact',
	form_choose: 'Choisir…',
	form_required: 'Obligatoire.',
	form_too_short: 'Trop court.',
	form_too_long: 'Trop long.',
	form_grounds_short: 'Donnez des motifs objectivement justifiables : au moins {min} caractères.',
	form_email_invalid: 'Ce n’est pas une adresse e-mail.',
	form_not_offered: 'Choisissez l’une des options proposées.',
	form_not_on_list: 'Ce sous-traitant ultérieur ne figure plus sur la liste.',
	form_too_slow:
		'La préparation du formulaire a pris plus de temps que Rocket.Chat n’en accorde (5 secondes) ; il ne s’est peut-être pas ouvert. Si vous ne le voyez pas, réessayez.',
	form_expired: 'Ce formulaire n’est plus valable. Ouvrez-en un nouveau avec `/subprocessors object`.',
	form_rate_limited: 'Vous avez déposé {max} objections au cours de la dernière heure. Veuillez réessayer plus tard.',
	object_not_found: 'Aucun sous-traitant ultérieur ne correspond à « {query} » ; choisissez-le dans le formulaire.',
	object_no_trigger: 'Le formulaire d’objection ne peut s’ouvrir que depuis une commande slash ou un bouton.',
	objection_status_open: 'ouverte',
	objection_status_acknowledged: 'prise en charge',
	objection_status_resolved: 'résolue',
	objection_status_rejected: 'rejetée',
	objection_card_title: '*Objection {ref}* à l’encontre de {subprocessor} — {status}',
	objection_field_name: 'Nom',
	objection_field_company: 'Entreprise',
	objection_field_service: 'Service',
	objection_field_email: 'E-mail de contact',
	objection_field_filed: 'Déposée le',
	objection_field_by: 'Déposée par',
	objection_field_version: 'Version de la liste',
	objection_grounds: '*Motifs*',
	objection_on_time: 'Déposée dans le délai d’objection (échéance : {deadline}).',
	objection_late: 'Déposée hors délai : le délai d’objection pour cette modification expirait le {deadline}.',
	objection_no_window: 'Non liée à une modification annoncée.',
	objection_email_sent:
		'E-mail à {email} remis au service de messagerie de l’espace de travail (Rocket.Chat ne confirme pas la distribution).',
	objection_email_refused:
		'Pas envoyée par e-mail : le service de messagerie de l’espace de travail a refusé l’adresse {email} ({error}). Corrigez l’adresse des objections dans les paramètres de l’application (un nouvel essai suivra) ou transmettez-la à la main.',
	objection_email_refused_list:
		'Pas envoyée par e-mail : le service de messagerie de l’espace de travail a refusé l’adresse {email} ({error}). Un admin peut la corriger avec `{command} ADRESSE` (un nouvel essai suivra), ou transmettez-la à la main.',
	objection_email_pending: 'E-mail à {email} : pas encore envoyé, un nouvel essai suivra.',
	objection_email_failed: 'L’e-mail à {email} a échoué ({error}) ; un nouvel essai suivra.',
	objection_email_unavailable:
		'Pas envoyée par e-mail : cet espace de travail ne peut pas envoyer d’e-mails ({error}). Transmettez-la à la main à {email}.',
	objection_history: '*Historique*',
	objection_event_filed: '{date} — déposée par {user}',
	objection_event_acknowledged: '{date} — prise en charge par {user}',
	objection_event_resolved: '{date} — résolue par {user}',
	objection_event_rejected: '{date} — rejetée par {user}',
	objection_event_note: 'Note : {note}',
	objection_ack: 'Prendre en charge',
	objection_resolve: 'Résoudre',
	objection_reject: 'Rejeter',
	objection_confirm:
		'*Nous avons bien reçu votre objection {ref}* à l’encontre de {subprocessor}.\nLa suite : l’équipe chargée de la protection des données de cet espace de travail en assure le suivi, et {company} reçoit l’objection formelle ({emailed}). Vous recevrez un message ici à chaque changement de statut. Conservez la référence {ref} ; `/subprocessors my-objections` affiche vos objections.',
	objection_confirm_emailed:
		'un e-mail à {email} a également été remis au service de messagerie de l’espace de travail, comme l’exige la procédure',
	objection_confirm_not_emailed: 'l’e-mail à {email} qu’exige la procédure n’est pas encore parti ; l’équipe le voit sur sa fiche',
	objection_duplicate: 'Vous avez déjà déposé cette objection : {ref}.',
	objection_status_dm_acknowledged:
		'Votre objection *{ref}* à l’encontre de {subprocessor} a été prise en charge par l’équipe chargée de la protection des données, qui la traite.',
	objection_status_dm_resolved:
		'Votre objection *{ref}* à l’encontre de {subprocessor} a été résolue par l’équipe chargée de la protection des données.',
	objection_status_dm_rejected:
		'Votre objection *{ref}* à l’encontre de {subprocessor} a été rejetée par l’équipe chargée de la protection des données.',
	objection_not_allowed:
		'Seuls les membres du salon de l’équipe chargée de la protection des données ou les administrateurs peuvent traiter les objections. Rien n’a été modifié.',
	objection_not_found: 'Il n’existe pas d’objection {ref}.',
	objection_already_closed: 'L’objection {ref} est déjà {status}. Rien n’a été modifié.',
	objection_done: 'L’objection {ref} est maintenant {status} ; {objector} en sera informé(e).',
	object_not_allowed:
		'Dans cet espace de travail, seuls certains rôles peuvent déposer des objections, et votre compte n’en a aucun. Rien n’a été déposé ; adressez-vous à un administrateur ou à l’équipe chargée de la protection des données si vous devez vous opposer.',
	form_service_free: 'Quel service de {company} est concerné ?',
	form_service_free_placeholder: 'Le service ou produit que vous utilisez',
	objection_status_awaiting: 'en attente d’approbation',
	objection_status_approved: 'approuvée et envoyée',
	objection_event_approved: '{date} — approuvée et envoyée par {user}',
	objection_approve: 'Approuver et envoyer',
	objection_email_awaiting:
		'Pas encore envoyée par e-mail : l’équipe chargée de la protection des données de cet espace approuve les objections avant qu’elles partent à {email} (Approuver et envoyer).',
	objection_email_never: 'Non envoyée par e-mail à {email} : rejetée avant son envoi.',
	objection_confirm_awaiting:
		'l’équipe chargée de la protection des données de cet espace l’examine d’abord ; elle part par e-mail à {email} dès qu’elle l’approuve',
	objection_status_dm_approved:
		'Votre objection *{ref}* à {subprocessor} a été approuvée par l’équipe chargée de la protection des données de cet espace et part par e-mail comme objection formelle.',
	objection_erased_retention:
		'Données personnelles effacées le {date} : la durée de conservation après clôture est écoulée. Référence, dates et statut sont conservés.',
	objection_erased_request:
		'Données personnelles effacées le {date} à la demande de la personne (art. 17 du RGPD). Référence, dates et statut sont conservés.',
	audit_title: '*Journal d’audit des objections* (les plus récentes d’abord)',
	audit_none: 'Rien n’est encore enregistré.',
	audit_filing_refused: '{date} — dépôt refusé à {user} (rôles autorisés : {roles})',
	audit_approved: '{date} — {refs} approuvée et envoyée par {user}',
	audit_rejected_unsent: '{date} — {refs} rejetée par {user} avant son envoi',
	audit_retention_erased: '{date} — durée de conservation ({days} jours) écoulée : données personnelles effacées de {refs} ({count})',
	audit_request_erased: '{date} — effacement sur demande par {user} : {refs} ({count} effacées)',
	erase_usage:
		'Utilisez `/subprocessors erase-objections E-MAIL` (l’e-mail de contact saisi dans le formulaire) ou `/subprocessors erase-objections @identifiant`.',
	erase_none:
		'Aucune objection ne contient de données personnelles de cette personne (aucune déposée, ou déjà effacées). Rien n’a été modifié.',
	erase_confirm:
		'*Effacer les données personnelles ?* Objections de cette personne : {refs} ({count}). Nom, e-mail, entreprise, motifs et notes sont remplacés par une mention ; référence, dates et statut restent pour mémoire. C’est irréversible.',
	erase_confirm_button: 'Effacer les données personnelles',
	erase_expired: 'Cette demande d’effacement a expiré ou n’existe pas. Relancez `/subprocessors erase-objections`.',
	erase_already: 'Déjà fait : {refs} ont été effacées.',
	erase_done:
		'Fait : données personnelles effacées de {refs} ({count} effacées maintenant). Les fiches de l’équipe montrent la forme effacée ; l’audit garde les références, pas l’adresse.',
	note_title_resolved: 'Résoudre {ref}',
	note_title_rejected: 'Rejeter {ref}',
	note_label: 'Note à l’auteur de l’objection',
	note_placeholder: 'Ce qui a été décidé et pourquoi',
	note_submit_resolved: 'Résoudre',
	note_submit_rejected: 'Rejeter',
	note_required: 'Une note est obligatoire.',
	objections_title: '*Objections* ({filter})',
	objections_filter_open: 'en attente d’approbation, ouvertes et prises en charge',
	objections_filter_all: 'toutes',
	objections_none: 'Aucune objection.',
	objections_line: '• *{ref}* — {subprocessor} — {status} — {date} — {company}',
	objections_deliveries: 'Distribution : salon de l’équipe {room}, e-mail {email}, auteur de l’objection {confirmation}',
	objections_bad_arg:
		'Utilisez `/subprocessors objections`, `/subprocessors objections all` ou `/subprocessors objections OBJ-2026-K7Q2XM`.',
	my_objections_title: '*Vos objections*',
	my_objections_none: 'Vous n’avez déposé aucune objection. `/subprocessors object NOM` ouvre le formulaire.',
	delivery_done: 'distribué',
	delivery_email_done: 'remis au service de messagerie',
	delivery_pending: 'en attente',
	delivery_failed: 'échec, nouvel essai prévu',
	delivery_unavailable: 'impossible',
	help_object:
		'`/subprocessors object [NOM]` — déposer une objection formelle à l’encontre d’un sous-traitant ultérieur (un formulaire s’ouvre)',
	help_my_objections: '`/subprocessors my-objections` — vos objections et leur statut',
	help_objections:
		'Pour l’équipe chargée de la protection des données : `/subprocessors objections [open | all | OBJ-…]` — lister et afficher les objections',
	announce_title: '{company} *a mis à jour sa liste de sous-traitants ultérieurs* (version du {date})',
	announce_summary: '{added} ajouté(s) · {removed} retiré(s) · {changed} modifié(s)',
	announce_added: '*Ajoutés ({count})*',
	announce_removed: '*Retirés ({count})*',
	announce_changed: '*Modifiés ({count})*',
	announce_renamed: 'anciennement {name}',
	announce_more: '…et {count} autres : `/subprocessors changes`',
	announce_dates: 'Prend effet le *{effective}*. Date limite pour émettre une objection : *{deadline}*.',
	announce_dates_past: 'En vigueur depuis le *{effective}*. Date limite pour émettre une objection : *{deadline}*.',
	announce_how_to_object: 'Pour émettre une objection, écrivez à {email} avec l’objet « {subject} » avant la date limite.',
	announce_object_button: 'Émettre une objection',
	announce_dm_intro: 'Vous êtes abonné(e) aux modifications de la liste des sous-traitants ultérieurs de {company}.',
	watching_note:
		'*Liste des sous-traitants ultérieurs désormais suivie :* {company} ({count} sous-traitants ultérieurs, version du {date}). Chaque modification sera annoncée ici, avec sa date de prise d’effet et la date limite pour émettre une objection.',
	field_name: 'nom',
	field_aliases: 'également appelé',
	field_category: 'catégorie',
	field_purpose: 'finalité',
	field_locations: 'lieux',
	field_locationNote: 'remarque sur le lieu',
	field_data: 'données personnelles',
	field_website: 'site web',
	field_since: 'depuis',
	field_listedWith: 'sur la même ligne que',
	field_details: 'autres colonnes',
	value_none: 'aucun',
	alert_problem:
		'*La source de la liste des sous-traitants ultérieurs a un problème.* Jusqu’à sa résolution, l’application continue de répondre avec la dernière liste valide (version du {date}).\nSource : {source}',
	alert_recovered: '*La source de la liste des sous-traitants ultérieurs fonctionne de nouveau.* Source : {source}',
	alert_held:
		'*Une nouvelle liste de sous-traitants ultérieurs a été mise en attente :* elle retire {removed} sous-traitants ultérieurs sur {total}, ce qui ressemble davantage à une source défaillante qu’à une vraie modification. Rien n’a été annoncé. Si elle est correcte, confirmez avec `/subprocessors sync confirm`.\nSource : {source}',
	alert_held_older:
		'*Une liste de sous-traitants ultérieurs plus ancienne a été mise en attente :* c’est la version du {version}, antérieure à l’actuelle ({current}) — un retour en arrière, une copie périmée ou un envoi rejoué. Rien n’a été annoncé. Si elle est correcte, confirmez avec `/subprocessors sync confirm`.\nSource : {source}',
	alert_secret_too_short:
		'*Secret du point de terminaison de mise à jour refusé :* il doit comporter au moins {min} caractères. Il n’a pas été enregistré ; le point de terminaison reste désactivé tant qu’un secret d’au moins {min} caractères n’est pas défini dans les paramètres de l’app.',
	alert_team_room_public:
		'*Salon de l’équipe confidentialité refusé :* #{room} est public. Les fiches d’objection contiennent le nom, l’e-mail et les motifs de l’auteur, et tout membre du salon pourrait les lire et traiter l’objection. Aucune fiche n’y est publiée ; les fiches attendent qu’un salon privé soit choisi comme « Salon de l’équipe confidentialité » dans les paramètres de l’app.',
	alert_delivery_gave_up:
		'*Un message n’a pas pu être remis :* {what} a échoué {attempts} fois ; la dernière erreur était {error}. Il ne sera plus retenté. Vérifiez les journaux de l’app et le salon ou l’utilisateur auquel il était destiné, puis renvoyez l’information à la main si elle importe encore.',
	alert_no_room:
		'*Les modifications des sous-traitants ultérieurs ne peuvent pas être annoncées :* aucun canal d’annonces n’est défini et #{room} n’existe pas. Définissez « Canal d’annonces » dans les paramètres de l’application ; les annonces en attente seront alors publiées.',
	room_purpose_announcements: 'Les annonces sur les sous-traitants ultérieurs',
	room_purpose_team: 'Les fiches d’objection pour l’équipe chargée de la protection des données',
	alert_room_read_only:
		'*L’application ne peut pas publier dans un salon en lecture seule :* #{room}. {what} attendent et seront publiées dès que l’application pourra y publier. Faites de l’utilisateur de l’application {bot} un modérateur ou un propriétaire de #{room} (membres du salon → Définir comme modérateur), ou donnez à son rôle `app` la permission `post-readonly` (Administration → Permissions), ou désactivez la lecture seule dans les paramètres du salon.',
	alert_room_refused:
		'*L’application ne peut pas publier dans* #{room} : le serveur a répondu {error}. {what} attendent et seront retentées jusqu’à ce que le salon les accepte.',
	changes_title: '*Modifications de la liste des sous-traitants ultérieurs de* {company}',
	changes_none: 'Aucune modification enregistrée depuis que l’application suit la liste.',
	changes_none_since: 'Aucune modification enregistrée depuis le {date}.',
	changes_entry: '*{date}* — version du {version} : {summary}',
	changes_baseline: '*{date}* — début du suivi (version du {version}, {count} sous-traitants ultérieurs)',
	changes_bad_arg: 'Utilisez `/subprocessors changes`, `/subprocessors changes 5` ou `/subprocessors changes since 2024-01-31`.',
	subscribe_done:
		'Abonnement enregistré : vous recevrez chaque modification de la liste des sous-traitants ultérieurs par message direct. `/subprocessors unsubscribe` y met fin.',
	subscribe_already: 'Vous êtes déjà abonné(e). `/subprocessors unsubscribe` y met fin.',
	unsubscribe_done: 'Désabonnement effectué : plus de messages directs sur les modifications des sous-traitants ultérieurs.',
	unsubscribe_not: 'Vous n’étiez pas abonné(e).',
	admin_only: 'Seuls les administrateurs de l’espace de travail peuvent utiliser `/subprocessors {command}`.',
	sync_baseline: 'Point de départ enregistré : la liste (version du {date}, {count} sous-traitants ultérieurs) est désormais suivie.',
	sync_unchanged: 'Vérifié : aucune modification (version du {date}).',
	sync_changed: 'Vérifié : {summary}. L’annonce part vers #{room} et les abonnés.',
	sync_changed_no_room: 'Vérifié : {summary}. Ce sera annoncé dès qu’un canal d’annonces sera défini.',
	sync_held:
		'Vérifié : la nouvelle liste retire {removed} sous-traitants ultérieurs sur {total} et a été mise en attente. Si elle est correcte, confirmez avec `/subprocessors sync confirm`.',
	sync_held_older:
		'Vérifié : la liste trouvée est la version du {version}, antérieure à l’actuelle ({current}), et a été mise en attente. Si elle est correcte, confirmez avec `/subprocessors sync confirm`.',
	sync_error: 'Vérifié : la source a un problème ; la dernière liste valide (version du {date}) reste en service.',
	sync_nothing_held: 'Il n’y a aucune liste en attente à confirmer.',
	status_title: '*État de la liste des sous-traitants ultérieurs*',
	status_source: 'Source : {source}',
	status_bundled: 'la liste fournie avec l’application',
	status_version: 'Liste actuelle : version du {date}, {count} sous-traitants ultérieurs',
	status_last_check: 'Dernière vérification : {when} — {result}',
	status_never: 'Dernière vérification : pas encore',
	status_result_baseline: 'point de départ enregistré',
	status_result_unchanged: 'aucune modification',
	status_result_changed: 'modifiée',
	status_result_held: 'mise en attente de confirmation',
	status_result_error: 'problème',
	status_last_change: 'Dernière modification : {date} ({summary})',
	status_next_run: 'Vérifie toutes les {minutes} minutes',
	status_next_check: 'Prochaine vérification : vers {when}',
	status_room: 'Canal d’annonces : #{room}',
	status_no_room: 'Canal d’annonces : aucun (à définir dans les paramètres de l’application)',
	status_subscribers: 'Abonnés : {count}',
	status_pending: 'Annonces en attente de publication : {count}',
	status_team_room: 'Salon de l’équipe confidentialité : #{room}',
	status_no_team_room:
		'Salon de l’équipe confidentialité : aucun — les fiches d’objection attendent qu’un salon privé soit choisi dans les paramètres de l’app',
	status_team_room_public:
		'Salon de l’équipe confidentialité : #{room} refusé — il est public : n’importe qui pourrait y lire les noms, e-mails et motifs des auteurs d’objections et traiter leurs objections. Choisissez un salon privé dans les paramètres de l’app ; d’ici là, les fiches attendent.',
	status_stale_one: 'Cette liste indique une dernière mise à jour il y a {count} an : est-elle encore tenue à jour ?',
	status_stale_other: 'Cette liste indique une dernière mise à jour il y a {count} ans : est-elle encore tenue à jour ?',
	status_page: 'Lue sur une page {format} : date de version tirée {date} ; adresse des objections : {objections}.',
	status_page_date_page: 'de la mention « dernière mise à jour » de la page',
	status_page_date_last_modified: 'de l’en-tête Last-Modified du serveur (la page n’indique pas de date)',
	status_page_date_seen: 'du jour où la modification a été constatée (ni la page ni le serveur ne donnent de date)',
	status_page_objections_page: '{email}, telle que l’indique la page',
	status_page_objections_settings: '{email}, d’après les paramètres de l’application (la page n’en indique aucune)',
	status_page_objections_contact: '{email}, le contact confidentialité de la page (elle n’indique aucune adresse pour les objections)',
	status_page_objections_none: 'inconnue : la page n’en indique aucune ; définissez-en une dans les paramètres de l’application',
	status_page_objections_absent: 'aucune : la page n’en indique pas',
	status_page_notes: 'Conservé tel quel : {notes}',
	// lists: asking across lists (issue 17 point 2)
	lists_narrowed: 'Dans {list} :',
	lists_also_entry: 'Aussi une entrée de {list} : {entry} — `{command}`',
	lists_more: '…et {count} autres : `{command}`',
	lists_see_whole: 'Pour tout voir d’une liste, nommez-la d’abord : `{command}`',
	lists_none: 'Rien dans {names}.',
	lists_left: 'Aussi dans {lists} : nommez d’abord une liste pour voir sa part.',
	lists_in_none: 'Aucun sous-traitant ultérieur d’aucune liste n’indique {place} comme lieu de traitement.',
	lists_outside_none: 'Aucun sous-traitant ultérieur d’aucune liste n’indique de lieu de traitement en dehors de ce périmètre : {place}.',
	lists_not_stated_none: 'Tous les sous-traitants ultérieurs de toutes les listes indiquent où ils traitent les données.',
	lists_categories_title: '*Catégories de sous-traitants ultérieurs de chaque liste*',
	lists_show_hint: 'En voir un en détail : `/subprocessors show LISTE NOM`',
	lists_try: 'Voir les listes : `/subprocessors` ; ce que je peux répondre d’autre : `/subprocessors help`.',
	lists_overview_title: '*Listes de sous-traitants ultérieurs suivies ici* ({count})',
	lists_overview_line: '• {list} · {entries} · version du {date}',
	lists_overview_hint:
		'Interrogez une liste en la nommant d’abord : `/subprocessors {name}`, `/subprocessors {name} in {place}`. Sans nom, les questions portent sur toutes les listes : `/subprocessors in {place}`.',
	lists_help:
		'Listes suivies ici : {names}. Nommez-en une d’abord pour n’interroger qu’elle (`/subprocessors {name} in {place}`) ; sans nom, les questions portent sur toutes les listes.',
	// lists: objections, feeds and exports (issue 17, helper O)
	objection_entry_of_list: '{subprocessor} (sur la liste *{list}* de {company})',
	object_which_list: 'Quelle liste votre objection concerne-t-elle ? {commands}',
	object_in_several: '« {query} » figure sur plusieurs listes. Laquelle contestez-vous ? {commands}',
	object_not_found_lists:
		'Aucun sous-traitant d’aucune liste ne correspond à « {query} ». Ouvrez le formulaire d’une liste et choisissez-le là : {commands}',
	object_list_gone:
		'Cette liste n’est plus surveillée dans ce workspace : son formulaire ne peut pas s’ouvrir. `/subprocessors object` montre les listes auxquelles vous pouvez vous opposer.',
	object_list_also_entry:
		'Voici le formulaire de la liste *{list}*. Pour vous opposer plutôt à l’entrée de ce nom sur une autre liste : {commands}',
	// lists: watching (W)
	help_lists:
		'Pour les administrateurs : `/subprocessors lists` — les listes suivies ; `lists add NOM URL`, `lists rename ANCIEN NOUVEAU`, `lists source NOM URL`, `lists channel NOM #salon`, `lists remove NOM`, `lists objection NOM [ADRESSE "OBJET" | clear]`',
	list_name_invalid:
		'« {name} » ne peut pas nommer une liste : utilisez de 2 à 30 minuscules, chiffres ou `-`, commençant et finissant par une lettre ou un chiffre.',
	list_name_reserved: '« {name} » est un mot de `/subprocessors` lui-même : choisissez un autre nom pour la liste.',
	list_name_place: '« {name} » est le nom d’un lieu (`/subprocessors {name}` serait ambigu) : choisissez un autre nom pour la liste.',
	list_name_taken: 'Il existe déjà une liste nommée *{list}*.',
	lists_title: '*Listes de sous-traitants ultérieurs suivies*',
	lists_line: '*{list}* — {company} : {count} sous-traitants ultérieurs, version du {date}',
	lists_line_empty: '*{list}* — aucune liste lue pour l’instant',
	lists_usage:
		'Commandes : `/subprocessors lists add NOM URL` · `lists rename ANCIEN NOUVEAU` · `lists source NOM URL` · `lists channel NOM #salon` · `lists remove NOM` · `lists objection NOM [ADRESSE "OBJET" | clear]`',
	lists_unknown: 'Il n’existe pas de liste nommée « {name} ». `/subprocessors lists` affiche les listes.',
	lists_bad_url: 'La source d’une liste doit être une URL http(s) ; « {url} » n’en est pas une.',
	lists_add_failed: 'La liste *{list}* n’a pas été ajoutée : sa source a un problème. Rien n’a été enregistré.',
	lists_added: '*{list}* est désormais suivie : {count} sous-traitants ultérieurs de {company} (version du {date}).',
	lists_renamed: 'La liste *{old}* s’appelle désormais *{list}*.',
	lists_source_set:
		'La liste *{list}* lit désormais {url}. La prochaine vérification compare ce qu’elle y trouve avec la dernière liste valide.',
	lists_source_first:
		'La source de *{list}* est le paramètre « URL source de la liste » de l’app (vide : la liste fournie avec l’app) : modifiez-le dans les paramètres de l’app.',
	lists_room_unknown: 'Il n’existe pas de salon « {room} » que l’app puisse voir.',
	lists_room_direct: '« {room} » est une conversation directe, pas un canal : choisissez un canal pour les annonces.',
	lists_room_read_only:
		'#{room} est en lecture seule : l’app ne peut pas y publier. Nommez l’utilisateur de l’app modérateur du salon, donnez à son rôle `app` la permission `post-readonly` ou choisissez un autre salon.',
	lists_channel_set: 'Les annonces de *{list}* vont désormais dans #{room}.',
	lists_remove_confirm:
		'Retirer la liste *{list}* ? Dès lors, elle n’est plus vérifiée, ni interrogée, ni annoncée ; son historique reste lisible avec `/subprocessors changes {list}`.',
	lists_remove_button: 'Retirer',
	lists_removed: 'La liste *{list}* est retirée. Son historique : `/subprocessors changes {list}`.',
	lists_remove_gone: 'Cette liste est déjà retirée.',
	subscribe_list_done:
		'Abonnement à *{list}* enregistré : vous recevrez ses modifications par message direct. `/subprocessors unsubscribe {list}` y met fin.',
	subscribe_list_already: 'Vous êtes déjà abonné à *{list}*.',
	unsubscribe_list_done: 'Désabonnement de *{list}* : plus de messages directs sur ses modifications.',
	unsubscribe_list_not: 'Vous n’étiez pas abonné à *{list}*.',
	status_lists_next: 'Prochaine vérification de cette liste : vers {when}',
	// lists: purge (issue 17 point 1)
	lists_remove_purge_note: '{days} jours après le retrait, son historique est supprimé.',
	error_generic:
		'Désolé, une erreur s’est produite pendant la réponse. Les administrateurs de l’espace de travail trouveront les détails dans les journaux de l’application.',
	// lists: where objections to a list go (`lists objection`, issue 17 point 4)
	object_how_none:
		'La liste de {company} n’indique aucune adresse pour les objections : déposez-en une avec le bouton *Émettre une objection*, et l’équipe confidentialité de cet espace de travail s’en charge.',
	object_how_any_none:
		'La liste de {company} n’indique aucune adresse pour les objections : déposez-en une avec `{command} NOM`, et l’équipe confidentialité de cet espace de travail s’en charge.',
	announce_how_to_object_none:
		'La liste de {company} n’indique aucune adresse pour les objections : déposez-en une avec un bouton *Émettre une objection* ou `{command} NOM` avant la date limite, et l’équipe confidentialité de cet espace de travail s’en charge.',
	form_intro_no_address:
		'Une objection formelle selon la procédure de sous-traitants de {company}. La liste de {company} n’indique aucune adresse pour les objections, elle n’est donc pas envoyée par e-mail à {company} pour l’instant : l’équipe confidentialité de cet espace de travail la reçoit dans son salon et s’en charge. Donnez des motifs objectivement justifiables.',
	objection_email_no_address:
		'Pas envoyée par e-mail : la liste de {company} n’indique aucune adresse pour les objections. Un admin peut en définir une avec `{command} ADRESSE` (elle est alors envoyée), ou transférez-la à la main.',
	objection_email_no_address_setting:
		'Pas envoyée par e-mail : la liste de {company} n’indique aucune adresse pour les objections. Un admin peut définir l’adresse e-mail des objections dans les paramètres de l’app (elle est alors envoyée), ou transférez-la à la main.',
	objection_email_never_no_address: 'Pas envoyée par e-mail : rejetée avant d’être envoyée.',
	objection_confirm_no_address:
		'*Nous avons reçu votre objection {ref}* à {subprocessor}.\nLa suite : la liste de {company} n’indique aucune adresse pour les objections, elle n’a donc pas été envoyée par e-mail à {company} ; l’équipe confidentialité de cet espace de travail s’en charge. Vous recevrez un message ici à chaque changement de statut. Gardez la référence {ref} ; `/subprocessors my-objections` affiche vos objections.',
	lists_objections_to: 'Objections : {email} ({from})',
	lists_objections_none:
		'Objections : aucune adresse (la liste n’en indique pas), elles n’atteignent donc que l’équipe confidentialité de cet espace de travail',
	objection_from_here: 'définie avec `lists objection`',
	objection_from_setting: 'le paramètre d’adresse e-mail des objections de l’app',
	objection_from_page: 'telle que la page l’indique',
	objection_from_page_contact: 'le contact confidentialité de la page (elle n’indique aucune adresse pour les objections)',
	objection_from_list: 'telle que la liste l’indique',
	lists_objection_now: 'Les objections à *{list}* ({company}) sont envoyées par e-mail à {email} avec l’objet « {subject} » — {from}.',
	lists_objection_none:
		'Les objections à *{list}* ({company}) n’ont pas d’adresse : la liste n’en indique pas et aucune n’est définie, une objection déposée n’atteint donc que l’équipe confidentialité de cet espace de travail. Définissez-en une avec `/subprocessors lists objection {list} ADRESSE "OBJET"`.',
	lists_objection_none_first:
		'Les objections à *{list}* ({company}) n’ont pas d’adresse : la liste n’en indique pas et le paramètre d’adresse e-mail des objections de l’app est vide, une objection déposée n’atteint donc que l’équipe confidentialité de cet espace de travail.',
	lists_objection_first:
		'L’adresse des objections de la première liste (*{list}*) est le paramètre d’adresse e-mail des objections de l’app : modifiez-la là, pas avec `lists objection`.',
	lists_objection_set: 'Enregistré pour *{list}*.',
	lists_objection_cleared: 'L’adresse et l’objet définis pour *{list}* sont retirés.',
	lists_objection_bad_address:
		'« {address} » n’est pas une adresse e-mail. Utilisez `/subprocessors lists objection NOM ADRESSE "OBJET"` (l’objet peut être omis).',
	lists_objection_bad_subject:
		'L’objet doit être un texte de 1 à {max} caractères, entre guillemets : `/subprocessors lists objection NOM ADRESSE "OBJET"`.',
	audit_objection_address_set: '{date} — {user} a défini où les objections à {list} sont envoyées par e-mail : {email}',
	audit_objection_address_cleared: '{date} — {user} a retiré l’adresse des objections définie pour {list}',
};
