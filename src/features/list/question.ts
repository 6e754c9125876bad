/**
 * What a question typed after `/subprocessors` asks, in English, German or Portuguese: a place ("who processes
 * data in the US?", "außerhalb der EU", "fora da UE"), the whole list, the categories, the entries that state no
 * location, or words to search (a vendor, a purpose, a data category). A small grammar: filler and question
 * words are dropped, a place after "in"/"outside" (or their German and Portuguese forms) is a place question,
 * and what is left is searched. Pure: no engine imports.
 */
import { findPlace, joinPlaces, PLACE_ARTICLES, type Place } from '../../kernel/places';
import { fold } from '../../kernel/text';

export type Question =
	| { kind: 'list' }
	| { kind: 'changes' }
	| { kind: 'categories' }
	| { kind: 'not-stated' }
	/** `filter`: words left besides the place ("email" in "who handles email in the US"), to narrow the answer. */
	| { kind: 'place'; mode: 'in' | 'outside'; place: Place; filter: string }
	/** `place`: the words are a place on their own ("Germany", "EU"); a vendor of that name still wins. */
	| { kind: 'search'; query: string; place?: Place };

const words = (text: string): string[] => text.split(' ');

/** Question words, auxiliaries, pronouns, articles and verbs people wrap a name, purpose or place in. */
export const FILLER = new Set(
	words(
		// English
		'a an the of for to on at by with and or is are was were be been being do does did done has have had can could will would should may might must ' +
			'who whom whose what which where when why how whats wheres whos any anyone anybody some all every each there here this that these those it its them they their ' +
			'our ours we us you your yours i me my mine please tell show give list find see know let lets about also still currently actually really ' +
			'use uses used using utilize utilise process processes processed processing handle handles handled handling get gets got receive receives received ' +
			'access accesses accessed store stores stored host hosts hosted see sees share shares shared send sends sent work works working involved engaged employ employs ' +
			'data personal information info details detail stuff ' +
			'where location locations located locate based sit sits situated country countries region regions place places headquartered hq ' +
			'vendor vendors subprocessor subprocessors sub processor processors supplier suppliers provider providers company companies service services ' +
			'third parties party tool tools firm firms entity entities one ones many much number count total',
	).concat(
		// German
		words(
			'der die das den dem des ein eine einen einem einer eines und oder ist sind war waren wird werden wurde wurden hat haben kann können koennen ' +
				'wer wen wem wessen was welche welcher welches welchen welchem wo wohin woher wie warum wann womit wofur es gibt gibts alle jeder jede jedes ' +
				'unser unsere unserer unseren ihr ihre ihren euer eure wir sie du ich mir mich uns bitte zeig zeige zeigen nenne nennen liste auch noch ' +
				'fur von mit bei zu zum zur uber verwendet verwenden verwendest nutzt nutzen genutzt benutzt benutzen eingesetzt setzt ein verarbeitet verarbeiten ' +
				'verarbeitung bekommt bekommen erhalt erhalten speichert speichern gespeichert hostet gehostet sitzt sitzen sitz standort standorte befindet befinden sich ' +
				'daten personenbezogene personenbezogenen informationen angaben anbieter dienstleister dienstleistern unterauftragsverarbeiter auftragsverarbeiter ' +
				'subunternehmer drittanbieter firma firmen unternehmen dienst dienste land lander macht machen benutzt irgendwelche irgendein irgendeinen viele anzahl',
		),
		// Portuguese (folded: no accents)
		words(
			'o a os as um uma uns umas de da do das dos e ou que quem qual quais onde como porque quando ha tem tém existe existem todos todas ' +
				'nosso nossa nossos nossas seu sua seus suas voces voce eu me nos por favor mostre mostrar mostra liste listar diga quero ver tambem ' +
				'para pra com sobre usa usam usado usados usada usadas utiliza utilizam utilizado utilizados processa processam processado processados tratam trata ' +
				'recebe recebem recebido compartilha compartilhado armazena armazenam hospeda hospedado hospedados esta estao fica ficam localizado localizados localizada ' +
				'localizacao local locais sede baseado baseados dados pessoais informacoes fornecedor fornecedores suboperador suboperadores subprocessador ' +
				'subprocessadores subcontratado subcontratados operador operadores prestador prestadores servico servicos empresa empresas terceiros pais paises ' +
				'sao quantos quantas faz fazem fazer serve servem algum alguma alguns algumas cuida cuidam',
		),
	),
);

/** Words that ask what changed. */
const CHANGE_WORDS = new Set(
	words(
		'change changes changed new newest latest recent recently added removed update updates updated anderung anderungen geandert neu neue neuesten hinzugefugt entfernt mudanca mudancas mudou alteracao alteracoes alterado novo novos novas recentes adicionado adicionados removido removidos',
	),
);

/** Words that ask for the categories. */
const CATEGORY_WORDS = new Set(words('category categories kinds types kategorie kategorien arten categoria categorias tipos'));

/** Phrases that ask for the entries whose location the list does not state. */
const NOT_STATED =
	/\b(not stated|unstated|no location|unknown location|without (a )?location|location unknown|nicht angegeben|ohne (ort|standort)|unbekannt(er|em)? (ort|standort)|nao (informad|declarad|indicad)\w*|sem (local|localizacao|pais)|local desconhecido)\b/;

/** Words after which a place means "in" ("in", "im", "em", "nos", "from", "aus"…) or "outside". */
const IN_WORDS = new Set(words('in im inside within into from across throughout aus innerhalb em no na nos nas dentro do da dos das'));
const OUTSIDE_WORDS = new Set(words('outside beyond ausserhalb fora non except excluding'));
/** Two-word forms of "outside": "not in", "nicht in", "não em". */
const NEGATIONS = new Set(words('not nicht kein keine nao'));

/** Words that mean "in" only sometimes ("do" is also English, "from" often isn't about a place). */
const WEAK_IN_WORDS = new Set(words('from do da dos das no na nas aus'));
const MAX_PLACE_WORDS = 5;
const AND_OR = new Set(words('and or und oder e ou'));

function placeAt(tokens: string[], start: number, weak: boolean, capitals: Set<string>): { place: Place; end: number } | undefined {
	for (let length = Math.min(MAX_PLACE_WORDS, tokens.length - start); length >= 1; length--) {
		const phrase = tokens.slice(start, start + length);
		// An article alone is no place ("in the" → no), even when it is an ISO code ("do", "as").
		if (length === 1 && PLACE_ARTICLES.has(phrase[0])) continue;
		// Ordinary words that are ISO codes ("us", "it", "me") after a weak "in": a place only in capitals.
		if (length === 1 && weak && FILLER.has(phrase[0]) && !capitals.has(phrase[0])) continue;
		const place = findPlace(phrase.join(' '));
		if (place) return { place, end: start + length };
	}
	return undefined;
}

/** Reads what a question asks. */
export function parseQuestion(text: string): Question {
	const prepared = text
		// "Stripe's", "Stripe’s", "Mailchimp‘s": the possessive is not part of the name.
		.replace(/(\p{L})['’‘`]s\b/gu, '$1')
		// "e-mail", "E-Mail": one word, as lists write it.
		.replace(/\be-mail/gi, 'email')
		// "U.S.", "U.S.A.", "U.K.": one word.
		.replace(/\b([A-Za-z])\.([A-Za-z])\.(?:([A-Za-z])\.)?/g, (_, a: string, b: string, c?: string) => `${a}${b}${c ?? ''}`);
	const folded = fold(prepared);
	if (NOT_STATED.test(folded)) return { kind: 'not-stated' };
	const tokens = folded ? folded.split(' ') : [];
	// Words written in capitals: "IT" may be Italy, "it" is not.
	const capitals = new Set(
		prepared
			.split(/[^\p{L}\p{N}]+/u)
			.filter((w) => w.length >= 2 && w === w.toUpperCase() && /\p{L}/u.test(w))
			.map((w) => fold(w)),
	);

	for (let i = 0; i < tokens.length; i++) {
		let mode: 'in' | 'outside' | undefined;
		let start = i + 1;
		if (OUTSIDE_WORDS.has(tokens[i])) mode = 'outside';
		else if (NEGATIONS.has(tokens[i]) && IN_WORDS.has(tokens[i + 1] ?? '')) {
			mode = 'outside';
			start = i + 2;
		} else if (IN_WORDS.has(tokens[i])) mode = 'in';
		if (!mode) continue;
		// "outside of", "fora de": the joining word is no place.
		if (mode === 'outside' && ['of', 'de', 'von'].includes(tokens[start])) start++;
		const found = placeAt(tokens, start, mode === 'in' && WEAK_IN_WORDS.has(tokens[i]), capitals);
		if (!found) continue;
		// "the US and the EU", "Brasil ou Portugal": more places, joined.
		const places = [found.place];
		while (AND_OR.has(tokens[found.end] ?? '')) {
			// "ou na Bélgica", "or in Brazil": the repeated "in" first ("na" alone would be Namibia).
			const k = found.end + 1;
			const next =
				(IN_WORDS.has(tokens[k]) ? placeAt(tokens, k + 1, false, capitals) : undefined) ?? placeAt(tokens, k, false, capitals);
			if (!next) break;
			places.push(next.place);
			found.end = next.end;
		}
		found.place = joinPlaces(places);
		const rest = [...tokens.slice(0, i), ...tokens.slice(found.end)];
		// A second place ("in the Netherlands or Belgium") narrows nothing: places aren't searchable words.
		const filter = meaningful(rest, capitals).filter((w) => w.length < 4 || !findPlace(w));
		return { kind: 'place', mode, place: found.place, filter: filter.join(' ') };
	}

	const left = meaningful(tokens, capitals);
	if (left.length === 0) return { kind: 'list' };
	if (left.every((w) => CATEGORY_WORDS.has(w))) return { kind: 'categories' };
	if (left.every((w) => CHANGE_WORDS.has(w))) return { kind: 'changes' };
	const whole = left.join(' ');
	const place = findPlace(whole);
	// A bare two-letter code counts only in capitals ("US", not "us").
	const bare = place && (whole.length > 2 || capitals.has(whole)) ? place : undefined;
	return bare ? { kind: 'search', query: whole, place: bare } : { kind: 'search', query: whole };
}

/** The words of a question that carry meaning: no filler, no question words; "US" in capitals stays (a place). */
export function meaningful(tokens: string[], capitals: ReadonlySet<string> = new Set()): string[] {
	return tokens.filter(
		(w) =>
			w &&
			((capitals.has(w) && w.length <= 3 && !!findPlace(w)) ||
				!(FILLER.has(w) || IN_WORDS.has(w) || OUTSIDE_WORDS.has(w) || NEGATIONS.has(w))),
	);
}
