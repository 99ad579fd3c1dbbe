import { foldText } from "@/lib/text/fold";
import { detectLanguage } from "@/lib/text/language";
import type { QueryWord } from "@/server/knowledge/retrieval";
import { indexTerms, queryTerms, type QueryTerm } from "@/server/knowledge/terms";

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
  ["email", /\b(e-?mail\w*|mailow\w*|adres mail|na jaki mail|email address|e-mail-adresse)/],
  ["phone", /\b(telefon\w*|numer tel|zadzwoni\w*|infolini\w*|phone|call you|anrufen|telefonnummer|zavolat)/],
  ["address", /\b(adres(?! (e-?)?mail)\w*|gdzie (wyslac|odeslac|wysylac|odsylac)|na jaki adres|address|adresse|anschrift|adresa|kam poslat)/],
  ["account", /\b(numer konta|nr konta|konto bankowe|rachun\w*|iban|account number|bank account|bankverbindung|kontonummer|cislo uctu)/],
  ["taxId", /\bnip\b|\bvat ?id\b|\bdic\b|steuernummer|ust-?id/],
];

/** What kinds of fact the buyer asks for (possibly several, possibly none: a yes/no or how-to question). */
export function questionSlots(question: string): Slot[] {
  const folded = ` ${foldText(question).replace(/\s+/g, " ")} `;
  const slots = ASKS.filter(([, re]) => re.test(folded)).map(([slot]) => slot);
  // "When" is covered by a duration answer and the other way round; keep the more specific.
  if (slots.includes("duration") && slots.includes("when")) slots.splice(slots.indexOf("when"), 1);
  if (measurements(question).length && /\b(rozmiar|rozmiarow|numer|wielkosc|size|grosse|velikost|velkost|wersj|model|which|ktor|jaki|welche|jak)/.test(folded)) slots.push("fit");
  return [...new Set(slots)];
}

const AMOUNT = /\d+(?:[.,]\d{1,2})?\s?(?:zl|pln|eur|euro|€|kc|czk|usd|\$|gbp|£|ron|huf|ft)\b|(?:€|\$|£)\s?\d/;
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
      return AMOUNT.test(withoutThresholds) || (FREE.test(folded) && !CONDITION.test(folded));
    }
    case "threshold":
      return /\b(od|from|ab|powyzej|above|over|nad|min\.?|minimum|at least|co najmniej)\s+\d/.test(folded) || /\d\s?(zl|pln|eur|€|kc)\s?\+/.test(folded);
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
  const weights = terms.map((t) => (asking.has(t.word) ? 0 : (byWord.get(t.word)?.idf ?? 0)));
  const unknown = terms
    .map((t) => t.word)
    .filter((w) => {
      const known = byWord.get(w);
      // Short words are mostly verb forms a stemmer did not join (prać / pierz), not things.
      return known && known.idf === null && !known.corrected && !asking.has(w) && w.length >= 5 && !/\d/.test(w);
    });
  // A word no passage has is the rarest word of all (BM25 gives it the highest IDF): the
  // more of the question it carries, the less any piece of the shop's text can answer it.
  const unknownWeight = unknown.length * Math.max(3, ...weights) * UNKNOWN_WEIGHT;
  return { terms, weights, total: weights.reduce((a, b) => a + b, 0) + unknownWeight, unknown };
}

/** An unknown word weighs this much of the question's rarest known word. */
const UNKNOWN_WEIGHT = 0.8;

/** Which of the question's words a text speaks about (by stem, shared beginning or translation). */
export function coveredWords(question: WeightedQuestion, text: string): Set<number> {
  const terms = new Set(indexTerms(text, detectLanguage(text, "pl")));
  const list = [...terms];
  const covered = new Set<number>();
  question.terms.forEach((term, i) => {
    const hit = term.patterns.some((p) => (p.kind === "prefix" ? list.some((t) => t.startsWith(p.term)) : terms.has(p.term)));
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
  words: QueryWord[];
  passages: { text: string }[];
  extra: string[];
}

/** Share of a claim's words that the evidence must contain for the claim to count as supported. */
const CLAIM_SUPPORT = 0.6;
/** Share of the question a reply must speak about to count as an answer to it. */
const REPLY_COVERAGE = 0.3;

/**
 * Rule-based checks on a model's reply (no model time): it must state every kind of fact
 * asked for, speak about what was asked, and — where reply and sources share a language —
 * each of its claims must be made of the sources' words. A translated reply cannot be
 * compared word by word; the verifier judges it. Returns hold reasons (message keys).
 */
export function replyCheckReasons(evidence: ReplyEvidence, reply: string): string[] {
  const reasons: string[] = [];
  const slots = questionSlots(evidence.buyerText);
  if (slots.some((s) => !fillsSlot(s, reply, evidence.buyerText))) reasons.push("ai.reasons.missingFact");
  const question = weighQuestion(evidence.buyerText, evidence.words);
  // "zwrot?": no fact asked for and one word to go by — any sentence about returns would "answer" it.
  if (!slots.length && question.weights.filter((w) => w > 0).length < 2) reasons.push("ai.reasons.vagueQuestion");
  const replyLanguage = detectLanguage(reply, "pl");
  // Word by word only within one language; across languages the verifier judges relevance.
  if (detectLanguage(evidence.buyerText, replyLanguage) === replyLanguage) {
    // Words no document has count against the reply (it cannot speak to them from the sources).
    if (question.total > 0 && coverageOf(question, coveredWords(question, reply)) < REPLY_COVERAGE) {
      reasons.push("ai.reasons.doesNotAnswer");
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
