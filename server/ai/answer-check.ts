import { foldText } from "@/lib/text/fold";
import { detectLanguage, detectLanguageSurely, type Language } from "@/lib/text/language";
import type { QueryWord } from "@/server/knowledge/retrieval";
import { foldedWords, indexTerms, queryTerms, type QueryTerm } from "@/server/knowledge/terms";
import { passageUnits } from "./passage-units";

/**
 * Does a piece of text answer the buyer's question? Shared by the offline responder
 * (which picks the passages' sentences that do) and the checks on a model's reply (which
 * must do so before it may go out unreviewed). Two tests, both generic:
 * - slots: what kind of fact the question wants (a price, who pays, how long, when, a
 *   contact, the row of a table that fits the buyer's measurement) and whether the text
 *   states such a fact;
 * - coverage: how much of the question's meaning, weighted by how rare each word is in
 *   the shop's passages (BM25's IDF), the text speaks about.
 */
export type Slot = "price" | "threshold" | "payer" | "duration" | "when" | "email" | "phone" | "address" | "account" | "taxId" | "fit";

const ASKS: [Slot, RegExp][] = [
  ["price", /\b(ile (kosztuj|kosztow|placi|zaplac|wynosi|bedzie kosztowa|za )|ile to kosztuje|cen[aey]\b|cenn|koszt|oplat|doplat|how much|price|cost|fee\b|wie ?viel kostet|was kostet|kosten|preis|gebuhr|kolik (stoji|to stoji|je|bude stat)|kolko stoji|poplatek|za kolik)/],
  ["threshold", /\b(od (jakiej|ilu|jakiej kwoty|kiedy darmow)\w*|od ile|darmow\w* (dostaw|wysyl)\w*|(dostaw|wysyl)\w* (jest )?(za darmo|gratis|darmow\w*)|free (shipping|delivery)|minimum order|from what (amount|value)|kostenlos\w*|versandkostenfrei|ab welchem|zdarma|od kolika|od akej)/],
  ["payer", /\b(kto (plac|pokrywa|ponosi|zaplac|odpowiada za koszt)|na czyj koszt|czy (musze|trzeba) (placic|zaplacic|doplacic)|who (pays|covers|is paying)|do i (have to|need to) pay|wer (zahlt|tragt)|muss ich .*zahlen|kdo (plati|hradi)|musim .*platit)/],
  ["duration", /\b(ile (dni|czasu|trwa|sie czeka|godzin|tygodni|lat|miesiecy|mam)|jak dlugo|w jakim (czasie|terminie)|termin\w*|do kiedy|how long|how many (days|weeks|months|years)|within how|wie lange|wie viele tage|bis wann|frist|jak dlouho|za jak dlouho|kolik dni|ako dlho|lhut)/],
  ["when", /\b(kiedy|o ktorej|w jakich godzinach|godziny otwarcia|w ktore dni|when|what time|which days|opening hours|wann|um wie ?viel uhr|offnungszeit|kdy|v kolik|kedy)\b/],
  // Asking for a contact, not mentioning one: "telefon przestał działać" is about a phone, not a number.
  ["email", /\b((na )?jaki\w* (adres )?(e-?)?mail\w*|adres\w* (e-?)?mail\w*|(e-?)?mail\w* (do|na|for|of|address)\b|(what|which)\W+(is )?(the |your )?[\w -]{0,30}e-?mail|email address|e-mail-adresse|(podaj|prosze o|poprosze)\w* (o )?(e-?)?mail)/],
  ["phone", /\b(numer\w* (do was|do sklepu|telefon\w*|tel)\b|nr tel\w*|telefon\w* do (was|sklepu|firmy|serwisu|biura)|zadzwoni\w*|dzwoni\w*|infolini\w*|phone number|call you|can i call|anrufen|telefonnummer|telefonni cislo|telefonne cislo|zavolat)/],
  ["address", /\b(adres(?! (e-?)?mail)\w*|gdzie (wyslac|odeslac|wysylac|odsylac)|na jaki adres|address|adresse|anschrift|adresa|kam poslat)/],
  ["account", /\b(numer konta|nr konta|konto bankowe|rachun\w*|iban|account number|bank account|bankverbindung|kontonummer|cislo uctu)/],
  // The shop's tax number asked for, not the buyer's own mentioned ("zapomniałem wpisać NIP").
  ["taxId", /\b(jaki\w*|podaj\w*|prosze o|poprosze|potrzebuje|what is|what's|your|wie lautet|ihre)\b[^.?!]{0,25}\b(nip|vat ?id|vat number|dic|steuernummer|ust-?id)\b|\b(nip|vat ?id|dic)\b (sklepu|firmy|waszej|waszego|wasz|of the shop|of your company)|\b(nip|steuernummer|ust-?id) (poprosze|prosze)/],
];

/** What kinds of fact the buyer asks for (possibly several, possibly none: a yes/no or how-to question). */
export function questionSlots(question: string): Slot[] {
  const folded = ` ${foldText(question).replace(/\s+/g, " ")} `;
  const slots = ASKS.filter(([, re]) => re.test(folded)).map(([slot]) => slot);
  // "When" is covered by a duration answer and the other way round; keep the more specific.
  if (slots.includes("duration") && slots.includes("when")) slots.splice(slots.indexOf("when"), 1);
  // "Which size / level for my 106 cm / 850 zł": the buyer's number and a which-question ("jakieś próbki" is not one).
  if (measurements(question).length && /\b(rozmiar\w*|numer\w*|wielkosc\w*|size|grosse|velikost\w*|velkost\w*|wersj\w*|model\w*|poziom\w*|level|which|ktor\w*|jaki|jaka|jakie|jakiego|jakim|welche\w*|jak)\b/.test(folded)) slots.push("fit");
  return [...new Set(slots)];
}

const AMOUNT = /\d+(?:[.,]\d{1,2})?\s?(?:zl|pln|eur|euro|€|kc|czk|usd|\$|gbp|£|ron|huf|ft)\b|(?:€|\$|£)\s?\d/;
/** A number under a price label, its currency in the label: "cena (zł): 54,90", "cena_pln: 139.99", "Price: 29". */
const PRICE_FIELD = /\b(cen[aye]?|cena_\w+|price\w*|preis\w*|koszt\w*|cost\w*|kosten|oplat\w*|fee)\b[^:\d]{0,12}:\s*(?:od |from |ab )?\d/;
const FREE = /\b(?:za darmo|darmow\w*|bezplatn\w*|gratis|free|kostenlos\w*|zdarma|bez oplat)\b/;
/** "Free for club members", "free if…": a condition makes "free" no answer to what something costs. */
const CONDITION = /\b(dla|jesli|jezeli|gdy|przy|od|powyzej|czlonk\w*|tylko|if|for|when|from|above|members?|only|wenn|fur|ab|nur|pokud|pro|jen)\b/;
const PAYER = /\b(kupuj\w*|klient\w*|sprzedaw\w*|sklep\w*|nabyw\w*|odbiorc\w*|pokrywa\w*|ponosi\w*|na (nasz|wlasny|twoj|panstwa) koszt|na koszt|placi\w*|zaplac\w*|bezplatn\w*|darmow\w*|za darmo|nieodplatn\w*|buyer|customer|seller|we (pay|cover)|you pay|free of charge|at our (cost|expense)|kaufer|kunde|verkaufer|wir (zahlen|tragen)|kostenlos|kupujici|prodejce|zdarma|hradi\w*)\b/;
const DURATION = /\d+\s*(?:[-–]\s*\d+\s*)?(?:dni|dnia|dzien|dob|godz\w*|h\b|tydz\w*|tygodn\w*|miesi\w*|lat[a]?\b|rok\w*|minut\w*|days?|hours?|weeks?|months?|years?|werktag\w*|arbeitstag\w*|tage?n?\b|stunden?|wochen?|monate?n?|jahre?n?|dn[uyi]\b|dnech|hodin\w*|tydn\w*|mesic\w*|let\b|roky?\b)|\b(natychmiast|od razu|tego samego dnia|nastepnego dnia|bezterminow\w*|same day|next (business |working )?day|immediately|sofort|am selben tag|ihned|tentyz den)\b/;
const CLOCK = /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:-|–|do)\s?\d{1,2}\b/;
const WEEKDAY = /\b(poniedzial\w*|wtor\w*|srod\w*|czwart\w*|piat\w*|sobot\w*|niedziel\w*|dni robocz\w*|dzien robocz\w*|weekend\w*|monday|tuesday|wednesday|thursday|friday|saturday|sunday|business days?|working days?|weekdays?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|werktag\w*|pondel\w*|patek|sobot\w*|nedel\w*|pracovni\w*)\b/;
const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[a-z]{2,}/u;
const PHONE = /(?:\+\d{2}\s?)?(?:\d[\s-]?){9,}/;
const ACCOUNT = /\b(?:pl)?\d{2}(?:\s?\d{4}){6}\b/;
const TAX_ID = /\b\d{3}-?\d{3}-?\d{2}-?\d{2}\b|\b\d{10}\b/;

const toNumber = (s: string) => Number(s.replace(/\s/g, "").replace(",", "."));

/** Numbers with a unit the buyer gave about themselves, their item or their order (108 cm, 25,5 cm, 12 kg, 230 zł). */
export function measurements(text: string): number[] {
  return [...foldText(text).matchAll(/(\d+(?:[.,]\d+)?)\s?(cm|mm|kg|g|m|ml|l|cali|inch\w*|"|eu|uk|us|zl|pln|eur|euro|€|kc|czk)(?![\p{L}])/gu)].map((m) => toNumber(m[1] ?? ""));
}

/**
 * Number ranges a text states: "88–92 cm" → [88, 92]; "41" → [41, 41]; thresholds
 * "od 199 zł" / "from 999" / "ab 50" → [199, ∞); "do 10 kg" / "up to 10" → [0, 10].
 */
function ranges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = String.raw`(\d+(?:[.,]\d+)?)`;
  const re = new RegExp(String.raw`(?:\b(od|from|ab|powyzej|above|over|nad|min\.?|minimum)\s+|\b(do|up to|bis|until|ponizej|below|under|max\.?|maks\.?)\s+)?${n}(?:\s*(?:[-–]|do|to|bis)\s*${n})?`, "g");
  for (const m of text.matchAll(re)) {
    const a = toNumber(m[3] ?? "");
    if (m[4]) out.push([Math.min(a, toNumber(m[4])), Math.max(a, toNumber(m[4]))]);
    else if (m[1]) out.push([a, Number.POSITIVE_INFINITY]);
    else if (m[2]) out.push([0, a]);
    else out.push([a, a]);
  }
  return out;
}

export function fillsSlot(slot: Slot, text: string, question: string): boolean {
  const folded = foldText(text);
  switch (slot) {
    case "price": {
      // "Free from 249 zł" states a threshold, not the price of what was asked.
      const withoutThresholds = folded.replace(/\b(od|from|ab|powyzej|above|over|nad)\s+\d+(?:[.,]\d+)?\s?(?:zl|pln|eur|euro|€|kc|czk|usd)?/g, " ");
      // Under a price label "od 18 zł" is where prices start, not a threshold.
      return AMOUNT.test(withoutThresholds) || PRICE_FIELD.test(folded) || (FREE.test(folded) && !CONDITION.test(folded));
    }
    case "threshold":
      // "od 199 zł", "Free shipping from: 399 PLN" (a table cell under its header), "199 zł+".
      return /\b(od|from|ab|powyzej|above|over|nad|min\.?|minimum|at least|co najmniej)\s*:?\s+\d/.test(folded) || /\d\s?(zl|pln|eur|€|kc)\s?\+/.test(folded);
    case "payer":
      return PAYER.test(folded);
    case "duration":
      return DURATION.test(folded);
    case "when":
      return DURATION.test(folded) || CLOCK.test(folded) || WEEKDAY.test(folded);
    case "email":
      return EMAIL.test(folded);
    case "phone":
      return PHONE.test(folded);
    case "address": {
      // The buyer's own mention of an address is not an answer to where to send something.
      const asked = new Set((foldText(question).match(/\p{L}{4,}/gu) ?? []).map((w) => w.slice(0, 5)));
      const fresh = folded.replace(/\p{L}{4,}/gu, (w) => (asked.has(w.slice(0, 5)) ? " " : w));
      return /\b(ul\.|ulica|al\.|aleja|os\.|street|str\.|strasse|ulice)\s*\p{L}|\b\d{2}-\d{3}\s+\p{L}/u.test(fresh);
    }
    case "account":
      return ACCOUNT.test(folded.replace(/(\d)\s+(?=\d)/g, "$1 "));
    case "taxId":
      return TAX_ID.test(folded);
    case "fit": {
      const wanted = measurements(question);
      const stated = ranges(folded);
      // The row must state a range holding the buyer's number (a single number must be it).
      return wanted.some((v) => stated.some(([a, b]) => a <= v && v <= b));
    }
  }
}

/**
 * The values a text states for a slot (the amounts, durations, numbers of an address…),
 * normalised, so that two pieces stating the same price agree and two stating different
 * prices conflict.
 */
export function slotValues(slot: Slot, text: string): string[] {
  const folded = foldText(text);
  const numbers = (re: RegExp) => [...folded.matchAll(new RegExp(re.source, "g"))].map((m) => (m[0].match(/\d+(?:[.,]\d+)?/g) ?? [m[0]]).join("-").replace(",", "."));
  switch (slot) {
    case "price":
      return numbers(AMOUNT);
    case "duration":
    case "when":
      return [...numbers(DURATION), ...numbers(CLOCK)];
    case "threshold":
      return numbers(/\b(?:od|from|ab|powyzej|above|over|nad|min\.?|minimum|at least|co najmniej)\s+\d+(?:[.,]\d+)?/);
    case "email":
      return numbers(EMAIL);
    case "phone":
    case "account":
    case "taxId":
      return [folded.replace(/\D/g, "")];
    default:
      return [];
  }
}

/** The question's words that matter, with the knowledge base's weights: words no passage has carry none. */
export interface WeightedQuestion {
  terms: QueryTerm[];
  weights: number[];
  /** The known words' weight plus the unknown words', which no text of the shop can cover. */
  total: number;
  /** Meaningful words no passage has, even misspelt: the question may be about something the shop never wrote about. */
  unknown: string[];
  /** Per term, the shop's words a misspelt one stands for ("zwort" → zwrot): a text using them speaks about it. */
  corrections: string[][];
}

/** The words that only say what kind of fact is wanted ("ile kosztuje", "how long"): the slot check stands for them. */
function slotWords(question: string): Set<string> {
  const folded = ` ${foldText(question).replace(/\s+/g, " ")} `;
  const words = new Set<string>();
  for (const [, re] of ASKS) {
    for (const m of folded.matchAll(new RegExp(re.source, "g"))) {
      // Whole words: the pattern may end inside one ("kto plac" in "kto placi").
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const span = folded.slice(folded.lastIndexOf(" ", start) + 1, folded.indexOf(" ", end) === -1 ? undefined : folded.indexOf(" ", end));
      for (const w of span.match(/[\p{L}\d]+/gu) ?? []) words.add(w);
    }
  }
  return words;
}

export function weighQuestion(question: string, words: QueryWord[]): WeightedQuestion {
  const byWord = new Map(words.map((w) => [w.word, w]));
  const terms = queryTerms(question);
  const asking = slotWords(question);
  const known = terms.map((t) => (asking.has(t.word) ? 0 : (byWord.get(t.word)?.idf ?? 0)));
  // A misspelt word is about something the shop has only under another spelling: rare, so heavy.
  const corrections = terms.map((t) => (asking.has(t.word) ? [] : (byWord.get(t.word)?.corrections ?? [])));
  const weights = known.map((w, i) => (corrections[i]?.length ? Math.max(3, ...known) * UNKNOWN_WEIGHT : w));
  const unknown = terms
    .map((t) => t.word)
    .filter((w) => {
      const known = byWord.get(w);
      // Short words are mostly verb forms a stemmer did not join (prać / pierz), not things.
      return known && known.idf === null && !known.corrected && !asking.has(w) && w.length >= 5 && !/\d/.test(w);
    });
  // A word no passage has is the rarest word of all (BM25 gives it the highest IDF): the
  // more of the question it carries, the less any piece of the shop's text can answer it.
  const unknownWeight = unknown.length * Math.max(3, ...known) * UNKNOWN_WEIGHT;
  return { terms, weights, total: weights.reduce((a, b) => a + b, 0) + unknownWeight, unknown, corrections };
}

/** An unknown word weighs this much of the question's rarest known word. */
const UNKNOWN_WEIGHT = 0.8;

/** Which of the question's words a text speaks about (by stem, shared beginning or translation). */
export function coveredWords(question: WeightedQuestion, text: string): Set<number> {
  const terms = new Set(indexTerms(text, detectLanguage(text, "pl")));
  const list = [...terms];
  const written = new Set(foldedWords(text));
  const covered = new Set<number>();
  question.terms.forEach((term, i) => {
    const hit = term.patterns.some((p) => (p.kind === "prefix" ? list.some((t) => t.startsWith(p.term)) : terms.has(p.term))) || (question.corrections[i] ?? []).some((w) => written.has(w));
    if (hit) covered.add(i);
  });
  return covered;
}

/** Share of the question's weight the covered words carry (0–1). */
export function coverageOf(question: WeightedQuestion, covered: Set<number>): number {
  if (question.total <= 0) return 0;
  let sum = 0;
  for (const i of covered) sum += question.weights[i] ?? 0;
  return sum / question.total;
}

/** Evidence a model's reply may rest on: the passages it was given, the order, tools' answers, the buyer's own words. */
export interface ReplyEvidence {
  buyerText: string;
  /** The language the reply was asked for (the buyer's). */
  language: Language;
  words: QueryWord[];
  passages: { text: string; headingPath: string }[];
  extra: string[];
}

/** Words only a quoted piece's heading or table header has count this much of the words the reply says itself. */
export const CONTEXT_WEIGHT = 0.7;
/** A reply restates a passage's piece when it holds this share of the piece's words. */
const RESTATED = 0.6;

/**
 * What the pieces a reply restates are about beyond their own words: their headings and
 * table headers. "Dopłata wynosi 5 zł." answers "pobranie ile dopłata" because it stands
 * under "Płatność przy odbiorze (pobranie)": a quote speaks with its source's context.
 */
function restatedContext(reply: string, passages: ReplyEvidence["passages"], language: Language): string {
  const said = new Set(indexTerms(reply, language));
  const contexts = new Set<string>();
  for (const passage of passages) {
    for (const unit of passageUnits(passage)) {
      const terms = [...new Set(indexTerms(unit.text, language))];
      if (terms.length && terms.filter((t) => said.has(t)).length / terms.length >= RESTATED) contexts.add(unit.context);
    }
  }
  return [...contexts].join("\n");
}

/** How much of the question a text answers: its own words in full, its context's words at CONTEXT_WEIGHT. */
export function coverageWithContext(question: WeightedQuestion, text: string, context: string): number {
  const own = coveredWords(question, text);
  const fromContext = new Set([...coveredWords(question, context)].filter((i) => !own.has(i)));
  return coverageOf(question, own) + CONTEXT_WEIGHT * coverageOf(question, fromContext);
}

/** Share of a claim's words that the evidence must contain for the claim to count as supported. */
const CLAIM_SUPPORT = 0.6;
/** Share of the question a reply must speak about to count as an answer to it. */
const REPLY_COVERAGE = 0.3;
/** A yes/no or how-to question has no fact to check: the reply must speak about more of it. */
const REPLY_COVERAGE_WITHOUT_SLOT = 0.4;

/**
 * Doubts the rules cannot settle but a verifier can: whether a terse reply, or one to a
 * short or oddly worded question, answers what was asked. The verifier decides them; a
 * claim the sources do not make (unsupportedClaims) holds the reply whatever it says.
 */
export const VERIFIER_SETTLES: ReadonlySet<string> = new Set(["ai.reasons.doesNotAnswer", "ai.reasons.unknownWords", "ai.reasons.vagueQuestion"]);

/**
 * Rule-based checks on a model's reply (no model time): it must state every kind of fact
 * asked for, speak about what was asked, and — where reply and sources share a language —
 * each of its claims must be made of the sources' words. A translated reply cannot be
 * compared word by word; the verifier judges it. Returns hold reasons (message keys).
 */
export function replyCheckReasons(evidence: ReplyEvidence, reply: string): string[] {
  const reasons: string[] = [];
  const slots = questionSlots(evidence.buyerText);
  const factsStated = slots.length > 0 && slots.every((s) => fillsSlot(s, reply, evidence.buyerText));
  if (slots.length && !factsStated) reasons.push("ai.reasons.missingFact");
  const question = weighQuestion(evidence.buyerText, evidence.words);
  // "zwrot?": no fact asked for and one word to go by — any sentence about returns would "answer" it.
  if (!slots.length && question.weights.filter((w) => w > 0).length < 2) reasons.push("ai.reasons.vagueQuestion");
  const replyLanguage = detectLanguage(reply, evidence.language);
  // The buyer reads their own language: a reply plainly in another one is no answer to send unread.
  const surely = detectLanguageSurely(reply);
  if (surely && surely !== evidence.language) reasons.push("ai.reasons.wrongLanguage");
  // Word by word only within one language; across languages the verifier judges relevance.
  if (detectLanguage(evidence.buyerText, replyLanguage) === replyLanguage) {
    // Words no document has count against the reply (it cannot speak to them from the sources).
    const coverage = coverageWithContext(question, reply, restatedContext(reply, evidence.passages, replyLanguage));
    if (question.total > 0 && coverage < (slots.length ? REPLY_COVERAGE : REPLY_COVERAGE_WITHOUT_SLOT)) {
      // Not a word of the question, not even in what the quoted pieces are about: off topic.
      // Some of it, or every asked fact: a terse answer or a near miss, which the verifier tells apart.
      // A reply stating every asked fact ("Telefon: +48…; czynna 8–16") is never off topic.
      reasons.push(coverage === 0 && !factsStated ? "ai.reasons.offTopic" : "ai.reasons.doesNotAnswer");
      if (question.unknown.length) reasons.push("ai.reasons.unknownWords");
    }
  }

  const sameLanguage = evidence.passages.filter((p) => detectLanguage(p.text, "pl") === replyLanguage);
  if (sameLanguage.length) {
    const supported = new Set([...sameLanguage.map((p) => p.text), ...evidence.extra, evidence.buyerText].flatMap((t) => indexTerms(t, replyLanguage)));
    const asked = new Set(indexTerms(evidence.buyerText, replyLanguage));
    for (const sentence of reply.split(/\n+|(?<=[.!?])\s+/)) {
      const terms = [...new Set(indexTerms(sentence, replyLanguage))];
      const known = terms.filter((t) => supported.has(t));
      // A sentence sharing nothing with the sources or the question is a pleasantry, not a claim.
      if (terms.length < 3 || (!known.length && !terms.some((t) => asked.has(t)))) continue;
      if (known.length / terms.length < CLAIM_SUPPORT) {
        reasons.push("ai.reasons.unsupportedClaims");
        break;
      }
    }
  }
  return reasons;
}
