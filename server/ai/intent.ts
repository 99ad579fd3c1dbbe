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
  "shop_info",
  "order_change",
  "negotiation",
  "other",
] as const;
export type Intent = (typeof INTENTS)[number];

const PREFIXES: Record<Exclude<Intent, "other">, string[]> = {
  greeting: ["dzien dobry", "witam", "czesc", "hello", "hallo", "guten tag", "dobry den", "buna ziua", "hi ", "hey"],
  thanks: ["dzieku", "dziekow", "thank", "thanks", "danke", "dekuji", "dakujem", "multumesc", "grazie", "merci", "gracias"],
  shipping: ["wysle", "wysli", "paczk", "package", "parcel", "paket", "balik", "zasilk", "odebra", "pakowan", "gift wrap", "verschick", "versend", "wysyl", "wysla", "kurier", "dostaw", "przesyl", "paczkomat", "inpost", "dpd", "odbior", "shipping", "ship ", "deliver", "versand", "lieferung", "liefer", "doprav", "doruc", "livrare", "envio", "spedizion"],
  order_status: ["gdzie jest", "status", "nie dotarl", "nie doszl", "nie przyszl", "kiedy dojdzie", "kiedy przyjdzie", "where is my", "tracking", "sledz", "numer przesylki", "wo ist", "sendungsverfolgung", "kde je"],
  returns: ["z powrotem", "take back", "zwrot", "zwroc", "odstap", "oddac", "return", "refund", "rucksend", "zuruck", "erstatt", "vraceni", "vratit", "retur", "reso", "devoluc"],
  complaint: ["wylal", "wyciek", "zalan", "zbit", "zgniecion", "porysowan", "leak", "melted", "scratch", "crack", "reklamac", "uszkodz", "zepsut", "zniszcz", "wadliw", "nie dziala", "pekniet", "rozdart", "brakuje", "damaged", "broken", "defect", "faulty", "not working", "claim", "beschadigt", "kaputt", "defekt", "reklamation", "poskoz", "rozbit", "deteriorat"],
  payment: ["na raty", "rat ", "raty", "installment", "ratenzahl", "splatk", "platit", "kartou", "karty", "card", "platn", "zaplac", "przelew", "blik", "pobrani", "karta", "payment", "pay ", "paid", "zahlung", "bezahl", "platba", "plata"],
  invoice: ["faktur", "invoice", "rechnung", "faktura", "factura", "paragon", "vat"],
  // What the item is, how it is used and what it comes with: materials, fit, specs, care, warranty.
  product: [
    "impregn", "wypra", "wysusz", "suszy", "przechowywa", "stosowac", "uzywac", "how to use", "can i use", "zmierzy", "mierzy", "measure", "wersj", "z jakiego",
    "certifik", "po otwarciu", "after opening", "nach dem offnen", "wytrzyma", "trwalosc", "durab", "naprawi", "serwis", "repair", "reparatur", "oprav", "ubezpiecz",
    "insurance", "versicherung", "pojisten", "rozmiar", "wymiar", "kolor", "material", "pasuje", "pasowac", "zmiesci", "dostepn", "z czego", "wykonan", "sklad ",
    "skladu", "skladnik", "wodoodporn", "nieprzemakaln", "wodoszczeln", "wazy", " waga", "pojemnosc", "parametr", "specyfikac", "kompatybil", "gwaranc", "instrukcj",
    "jak prac", "prac w", "pranie", "czyszcz", "pielegn", "konserwac", "bateri", "akumulator", "ladowark", "waznosc", "waznosci", "certyfik", "weganski", "alergi",
    "uczuleni", "polecacie", "polecisz", "ktory wybrac", "ktory wziac", "jaki wybrac", "size", "colour", "color", "available", "stock", "made of", "waterproof",
    "water resistant", "weigh", "capacity", "compatible", "warranty", "guarantee", "manual", "wash", "clean", "battery", "charger", "expiry", "shelf life", "vegan",
    "allerg", "recommend", "which one", "grosse", "farbe", "wasserdicht", "gewicht", "wiegt", "garantie", "anleitung", "waschen", "pflege", "akku", "ladegerat",
    "haltbar", "empfehl", "velikost", "vodotesn", "vodeodol", "vazi", "vaha", "zaruk", "zaruc", "navod", "prani", "baterie", "nabijec", "trvanlivost", "doporuc",
    "marime",
  ],
  // The shop itself: how to reach it, when it works, its company data, accounts and how to buy.
  shop_info: [
    "w jakich godzinach", "godziny otwarcia", "godziny pracy", "czynne", "czynny", "kontakt", "numer telefonu", "numer tel", "zadzwoni", "infolini", "dane firmy", "siedzib", " nip", "regon",
    "konto w sklepie", "zalozyc konto", "zakladac konto", "usunac konto", "rejestrac", "newsletter", "hurtow", "wspolprac", "jak zamowic", "zlozyc zamowienie", "przez telefon",
    "opening hours", "phone number", "call you", "contact", "company details", "vat number", "customer account", "sign up", "wholesale", "how to order", "place an order",
    "offnungszeit", "telefonnummer", "kontaktier", "firmendaten", "kundenkonto", "oteviraci", "telefonni cislo", "kontaktovat", " ucet", "velkoobchod",
  ],
  // Changing or cancelling an order already placed: someone in the shop has to act on it.
  order_change: ["anulowa", "anuluj", "rezygnuj", "rozmysli", "zmienic adres", "zmiana adresu", "zmienic zamowien", "dorzucic", "dodac do zamowien", "cancel", "change my order", "change the address", "stornier", "adresse andern", "zrusit", "zmenit objednav"],
  negotiation: ["rabat", "znizk", "taniej", "obniz", "promoc", "kod rabat", "discount", "cheaper", "coupon", "rabatt", "gunstiger", "sleva", "reducere"],
};

const PRICE_ASKED = ["ile kosztuj", "jaka cena", "cena ", "cene ", "ceny ", "price", "how much", "was kostet", "wie viel kostet", "kolik stoji", "kolko stoji", "za kolik"];

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
  "ignoriere", "vergiss alle", "du bist jetzt", "systemanweisung", "ignoruj vsechny", "zapomen na", "<!--", "system:", "[system", "translate this and", "do what it says", "do exactly what", "from now on you", "from now on tell", "tell every customer", "tell all customers",
  "od teraz jestes", "od teraz mow", "od teraz odpowiadaj", "kazdemu klientowi", "wszystkim klientom mow", "ab jetzt bist du", "sag jedem kunden", "od ted jsi", "zrob to co", "wykonaj polecenie",
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
  // "Ile kosztuje…?" about nothing else the rules know is a question about an item's price.
  const intents = scored.length ? scored.map((s) => s.intent) : hits(folded, PRICE_ASKED) ? (["product"] as Intent[]) : [];
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
