import { franc } from "franc-min";
import { foldText } from "@/lib/text/fold";

/**
 * The buyer's language (ISO 639-1). Buyer messages are short ("zwrot?", "Wann kommt
 * mein Paket?"), where trigram detectors guess wildly (franc calls that German
 * sentence Hungarian), so letters only some languages use and common function words
 * decide first; franc (trigram statistics) decides longer texts in other languages.
 */
export const SUPPORTED_LANGUAGES = ["pl", "en", "de", "cs", "sk", "ro", "hu", "it", "fr", "es", "uk"] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

const LETTERS: [Language, RegExp][] = [
  ["pl", /[ąęłńśźż]/i],
  ["cs", /[ěřů]/i],
  ["sk", /[ľĺŕô]/i],
  ["ro", /[ăâîșşțţ]/i],
  ["hu", /[őű]/i],
  ["de", /[ßäöü]/i],
  ["uk", /[а-яіїєґ]/i],
];

const WORDS: Record<Language, string> = {
  pl: "ile do na od po ze sie co czy dla ma macie mozna moge musze jaki jakie jaka zeby bo ale gdzie kiedy jest sa dzien dobry czy jest jak kiedy gdzie moje moja moj paczka paczke zamowienie zamowilem zamowilam prosze dziekuje witam nie tak sie jeszcze juz ile mozna zwrot wysylka kurier pozdrawiam bardzo kupilem kupilam przesylka przesylki faktura",
  en: "hello hi the is are my where when what how can please thanks thank you order package shipping return refund not have would could your did does it and with for over of from after our this that be at if which there they free",
  de: "hallo guten tag ich mein meine wann wo ist das die der und nicht bitte danke bestellung paket lieferung rucksendung kann konnen sie haben noch schon",
  cs: "dobry den dekuji prosim kdy kde moje objednavka balik jak muzu mohu neni jeste uz zasilka vraceni reklamace dobrou",
  sk: "dobry den dakujem prosim kedy kde moja objednavka balik ako mozem nie este uz zasielka vratenie reklamacia",
  ro: "buna ziua multumesc va rog cand unde comanda mea coletul este nu pot livrare retur si pentru",
  hu: "jo napot koszonom kerem mikor hol rendelesem csomag csomagom nem van meg visszakuldes szallitas",
  it: "ciao buongiorno grazie dove quando il mio ordine pacco non spedizione reso per favore",
  fr: "bonjour merci quand ou est ma commande colis livraison retour pas je vous",
  es: "hola buenos dias gracias cuando donde mi pedido paquete envio devolucion por favor",
  uk: "",
};
const WORD_SETS = Object.fromEntries(Object.entries(WORDS).map(([lang, words]) => [lang, new Set(words.split(" ").filter(Boolean))])) as Record<Language, Set<string>>;

const FRANC_TO_ISO: Record<string, Language> = {
  pol: "pl", eng: "en", deu: "de", ces: "cs", slk: "sk", ron: "ro", hun: "hu", ita: "it", fra: "fr", spa: "es", ukr: "uk",
};

const CURRENCY = /(?<!\p{L})z[łl](?!\p{L})/giu;

/** A capitalised word that does not open a sentence. */
function isName(text: string, word: string, at: number): boolean {
  if (word[0] === word[0]!.toLowerCase()) return false;
  const before = text.slice(0, at).trimEnd();
  // "ul. Przemysłowa": a short abbreviation's full stop ends no sentence.
  return before.length > 0 && (!/[.!?:\n]$/.test(before) || /(?<!\p{L})\p{Ll}{1,3}\.$/u.test(before));
}

export function detectLanguage(text: string, fallback: Language = "pl"): Language {
  return detect(text, 25)?.language ?? fallback;
}

/**
 * The language only where the text shows it: its letters or function words, or enough
 * prose for trigram statistics. A quoted table row ("Termos 1 l – cena_pln: 139.99") shows
 * none, and null says so rather than guessing.
 */
export function detectLanguageSurely(text: string): Language | null {
  const found = detect(text, 60);
  return found?.sure ? found.language : null;
}

function detect(text: string, francFrom: number): { language: Language; sure: boolean } | null {
  const scores = new Map<Language, number>();
  const bump = (lang: Language, by: number) => scores.set(lang, (scores.get(lang) ?? 0) + by);
  // Prices and names carry Polish letters into any language's sentence ("over 399 zł",
  // "ul. Przemysłowa 3, Luboń"): a currency unit shows nothing, and a capitalised word
  // inside a sentence (a name) shows less than an ordinary word does.
  const words = [...text.replace(CURRENCY, " ").matchAll(/\p{L}+/gu)].map((w) => ({ word: w[0], name: isName(text, w[0], w.index) }));
  for (const [lang, pattern] of LETTERS) {
    const shown = words.filter((w) => pattern.test(w.word));
    if (!shown.length) continue;
    bump(lang, shown.some((w) => !w.name) ? 3 : 1);
  }
  // Polish spelt without diacritics still shows its digraphs (Czech writes č, ř, š instead).
  const body = words.filter((w) => !w.name).map((w) => w.word).join(" ");
  const digraphs = (foldText(body).match(/rz|sz|cz|dz|ch[aeouy]\b|[oó]w\b|ych\b/g) ?? []).length;
  if (digraphs) bump("pl", Math.min(digraphs, 3) * 0.5);
  for (const word of foldText(text).match(/\p{L}+/gu) ?? []) {
    for (const lang of SUPPORTED_LANGUAGES) if (WORD_SETS[lang].has(word)) bump(lang, 1);
  }
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= 2) return { language: best[0], sure: true };
  if (text.trim().length >= francFrom) {
    const guess = FRANC_TO_ISO[franc(text, { only: Object.keys(FRANC_TO_ISO), minLength: francFrom })];
    if (guess) return { language: guess, sure: true };
  }
  return best ? { language: best[0], sure: false } : null;
}
