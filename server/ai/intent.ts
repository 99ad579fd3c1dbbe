import { foldText } from "@/lib/text/fold";

/**
 * What a buyer's message is about, and the signals that decide who answers it. Rules,
 * not a model: they run on every message in microseconds, never cost a token, behave the
 * same offline, and a seller can read why a message was routed as it was. Words are
 * matched as folded prefixes ("zwrot" matches zwrotu, zwrocic is listed separately).
 */
export const INTENTS = [
  "greeting",
  "thanks",
  "shipping",
  "order_status",
  "returns",
  "complaint",
  "payment",
  "invoice",
  "product",
  "negotiation",
  "other",
] as const;
export type Intent = (typeof INTENTS)[number];

const PREFIXES: Record<Exclude<Intent, "other">, string[]> = {
  greeting: ["dzien dobry", "witam", "czesc", "hello", "hallo", "guten tag", "dobry den", "buna ziua", "hi ", "hey"],
  thanks: ["dzieku", "dziekow", "thank", "thanks", "danke", "dekuji", "dakujem", "multumesc", "grazie", "merci", "gracias"],
  shipping: ["wysyl", "wysla", "kurier", "dostaw", "przesyl", "paczkomat", "inpost", "dpd", "odbior", "shipping", "ship ", "deliver", "versand", "lieferung", "liefer", "doprav", "doruc", "livrare", "envio", "spedizion"],
  order_status: ["gdzie jest", "status", "nie dotarl", "nie doszl", "nie przyszl", "kiedy dojdzie", "kiedy przyjdzie", "where is my", "tracking", "sledz", "numer przesylki", "wo ist", "sendungsverfolgung", "kde je"],
  returns: ["zwrot", "zwroc", "odstap", "oddac", "return", "refund", "rucksend", "zuruck", "erstatt", "vraceni", "vratit", "retur", "reso", "devoluc"],
  complaint: ["reklamac", "uszkodz", "zepsut", "zniszcz", "wadliw", "nie dziala", "pekniet", "rozdart", "brakuje", "damaged", "broken", "defect", "faulty", "not working", "beschadigt", "kaputt", "defekt", "reklamation", "poskoz", "rozbit", "deteriorat"],
  payment: ["platn", "zaplac", "przelew", "blik", "pobrani", "karta", "payment", "pay ", "paid", "zahlung", "bezahl", "platba", "plata"],
  invoice: ["faktur", "invoice", "rechnung", "faktura", "factura", "paragon", "vat"],
  product: ["rozmiar", "wymiar", "kolor", "material", "pasuje", "dostepn", "size", "colour", "color", "available", "stock", "grosse", "farbe", "velikost", "marime"],
  negotiation: ["rabat", "znizk", "taniej", "obniz", "promoc", "kod rabat", "discount", "cheaper", "coupon", "rabatt", "gunstiger", "sleva", "reducere"],
};

/** Wants a person: always escalated, whatever the settings. */
const HUMAN_REQUEST = ["z czlowiekiem", "z konsultant", "z pracownik", "z kierownik", "prawdziwa osoba", "zywy czlowiek", "real person", "human", "speak to someone", "manager", "mit einem menschen", "mitarbeiter", "s clovekem", "operator"];
/** Legal threats and authorities. */
const LEGAL = ["prawnik", "adwokat", "pozew", "sad ", "sadu", "sadzie", "rzecznik", "uokik", "policj", "oszust", "prokurat", "lawyer", "attorney", "sue ", "lawsuit", "court", "police", "fraud", "scam", "anwalt", "klage", "gericht", "betrug", "pravnik", "soud", "avocat"];
/**
 * A message that tries to instruct the assistant (prompt injection): the model is told to
 * treat buyer text as data, but a message like this needs a person's eye, never an
 * automatic reply. Generic attack phrasing in the languages buyers write in.
 */
const INJECTION = [
  "ignore previous", "ignore all", "ignore the above", "ignore your", "disregard", "system prompt", "prompt systemow", "you are now", "act as", "pretend to be", "developer mode", "jailbreak",
  "zignoruj", "ignoruj", "zapomnij o wszystkich", "zapomnij wszystk", "jestes teraz", "udawaj", "twoje instrukcje", "wszystkie instrukcje", "polecenie sluzbowe", "jako administrator", "tryb administratora", "tryb debug",
  "jako pracownik", "jestem pracownikiem", "z dzialu", "wewnetrzn", "jako wlasciciel sklepu", "as an employee", "as a staff", "from your team", "from the shop team", "admin mode", "als mitarbeiter", "im auftrag des", "jako zamestnanec",
  "ignoriere", "vergiss alle", "du bist jetzt", "systemanweisung", "ignoruj vsechny", "zapomen na", "<!--", "system:", "[system", "translate this and", "do what it says", "zrob to co", "wykonaj polecenie",
];
/** Strong negative sentiment. */
const NEGATIVE = ["skandal", "zenujac", "tragedi", "tragiczn", "beznadziej", "najgorsz", "oszuk", "nigdy wiecej", "negatyw", "wsciek", "okropn", "kpina", "terrible", "worst", "disgusting", "unacceptable", "angry", "furious", "ridiculous", "never again", "negative feedback", "unverschamt", "katastrophe", "schlimm", "hrozne", "nehorazne"];

export interface MessageSignals {
  intent: Intent;
  /** Every intent the message touches, strongest first. */
  intents: Intent[];
  humanRequest: boolean;
  /** The message tries to give the assistant instructions. */
  injection: boolean;
  legalThreat: boolean;
  negative: boolean;
  multiQuestion: boolean;
}

function hits(folded: string, prefixes: string[]): number {
  let n = 0;
  for (const p of prefixes) if (folded.includes(p)) n++;
  return n;
}

/** Intents that need judgement: these never go to the fast tier. */
const HARD: Intent[] = ["complaint", "returns", "negotiation"];

export function classifyMessage(text: string): MessageSignals {
  const folded = ` ${foldText(text).replace(/\s+/g, " ")} `;
  const scored = (Object.keys(PREFIXES) as Exclude<Intent, "other">[])
    .map((intent) => ({ intent, score: hits(folded, PREFIXES[intent]) }))
    .filter((s) => s.score > 0)
    // Substance beats pleasantries: "Dzień dobry, gdzie paczka?" is about the parcel.
    .sort((a, b) => weight(b.intent) * b.score - weight(a.intent) * a.score);
  const intents = scored.map((s) => s.intent);
  const questions = (text.match(/\?/g) ?? []).length;
  const substantive = intents.filter((i) => i !== "greeting" && i !== "thanks");
  return {
    intent: intents[0] ?? "other",
    intents: intents.length ? intents : ["other"],
    humanRequest: hits(folded, HUMAN_REQUEST) > 0,
    injection: hits(folded, INJECTION) > 0,
    legalThreat: hits(folded, LEGAL) > 0,
    negative: hits(folded, NEGATIVE) > 0 || /!{3,}/.test(text) || (text.length > 20 && text === text.toUpperCase() && /\p{Lu}{10}/u.test(text)),
    multiQuestion: questions >= 2 || substantive.length >= 3,
  };
}

function weight(intent: Intent): number {
  if (HARD.includes(intent)) return 4;
  if (intent === "greeting" || intent === "thanks") return 1;
  return 3;
}

export type Tier = "fast" | "smart";

/** Why a tier was chosen, as data: logged as is, shown translated (ai.ui.tierReasons.<code>). */
export type TierReason = { code: "negative" | "multiQuestion" | "budget" } | { code: "hardIntent" | "simple"; intent: Intent };

/** Greetings, thanks and simple questions go fast; anything needing judgement goes smart. */
export function chooseTier(signals: MessageSignals): { tier: Tier; why: TierReason } {
  if (signals.negative) return { tier: "smart", why: { code: "negative" } };
  if (signals.multiQuestion) return { tier: "smart", why: { code: "multiQuestion" } };
  const hard = signals.intents.find((i) => HARD.includes(i));
  if (hard) return { tier: "smart", why: { code: "hardIntent", intent: hard } };
  return { tier: "fast", why: { code: "simple", intent: signals.intent } };
}
