import type { Language } from "@/lib/text/language";

export const FORMS_OF_ADDRESS = ["panstwo", "pan_pani", "ty"] as const;
export type FormOfAddress = (typeof FORMS_OF_ADDRESS)[number];

/** The closing line in Polish, in the form of address the seller chose. */
const POLISH_CLOSING: Record<FormOfAddress, string> = {
  panstwo: "Jeśli mają Państwo dodatkowe pytania, chętnie pomożemy.",
  pan_pani: "Jeśli ma Pan/Pani dodatkowe pytania, chętnie pomożemy.",
  ty: "Jeśli masz dodatkowe pytania, chętnie pomożemy.",
};

/** A frame's closing line; only Polish has forms of address to choose from. */
export function closingLine(language: Language, address: FormOfAddress): string {
  return language === "pl" ? POLISH_CLOSING[address] : FRAMES[language].closing;
}

/** What the model is told about addressing a Polish buyer. */
export const POLISH_ADDRESS_RULE: Record<FormOfAddress, string> = {
  panstwo: 'In Polish, address the buyer formally in the plural ("Państwo": "mogą Państwo", "Państwa zamówienie").',
  pan_pani: 'In Polish, address the buyer formally in the singular ("Pan/Pani": "może Pan/Pani", "Pana/Pani zamówienie").',
  ty: 'In Polish, address the buyer informally ("Ty": "możesz", "Twoje zamówienie").',
};

/**
 * The polite frame the offline responder puts around quoted knowledge-base passages,
 * in the buyer's language. Only the frame is ours; every fact comes verbatim from the
 * seller's documents.
 */
export interface Frame {
  greeting: (name?: string) => string;
  /** One line before a quote in another language than the buyer's (the offline responder cannot translate). */
  quotedInOtherLanguage: string;
  closing: string;
  regards: string;
  welcome: string;
  thanksReply: string;
}

export const FRAMES: Record<Language, Frame> = {
  pl: { greeting: (n) => (n ? `Dzień dobry, ${n}!` : "Dzień dobry!"), quotedInOtherLanguage: "Odpowiedź cytujemy z naszych zasad w ich oryginalnym języku:", closing: "Jeśli mają Państwo dodatkowe pytania, chętnie pomożemy.", regards: "Pozdrawiamy", welcome: "W czym możemy pomóc?", thanksReply: "Dziękujemy za wiadomość!" },
  en: { greeting: (n) => (n ? `Hello ${n},` : "Hello,"), quotedInOtherLanguage: "Here is the answer, quoted from our policies in their original language:", closing: "If you have any other questions, we are happy to help.", regards: "Kind regards", welcome: "How can we help you?", thanksReply: "Thank you for your message!" },
  de: { greeting: (n) => (n ? `Guten Tag ${n},` : "Guten Tag,"), quotedInOtherLanguage: "Hier die Antwort, zitiert aus unseren Bedingungen in ihrer Originalsprache:", closing: "Bei weiteren Fragen helfen wir gerne.", regards: "Mit freundlichen Grüßen", welcome: "Wie können wir helfen?", thanksReply: "Vielen Dank für Ihre Nachricht!" },
  cs: { greeting: (n) => (n ? `Dobrý den, ${n},` : "Dobrý den,"), quotedInOtherLanguage: "Zde je odpověď, citovaná z našich podmínek v původním jazyce:", closing: "Pokud máte další dotazy, rádi pomůžeme.", regards: "S pozdravem", welcome: "Jak vám můžeme pomoci?", thanksReply: "Děkujeme za zprávu!" },
  sk: { greeting: (n) => (n ? `Dobrý deň, ${n},` : "Dobrý deň,"), quotedInOtherLanguage: "Tu je odpoveď, citovaná z našich podmienok v pôvodnom jazyku:", closing: "Ak máte ďalšie otázky, radi pomôžeme.", regards: "S pozdravom", welcome: "Ako vám môžeme pomôcť?", thanksReply: "Ďakujeme za správu!" },
  ro: { greeting: (n) => (n ? `Bună ziua, ${n},` : "Bună ziua,"), quotedInOtherLanguage: "Iată răspunsul, citat din politicile noastre în limba lor originală:", closing: "Dacă aveți alte întrebări, vă ajutăm cu plăcere.", regards: "Cu stimă", welcome: "Cu ce vă putem ajuta?", thanksReply: "Vă mulțumim pentru mesaj!" },
  hu: { greeting: (n) => (n ? `Jó napot, ${n}!` : "Jó napot!"), quotedInOtherLanguage: "Íme a válasz, szabályzatunkból idézve, annak eredeti nyelvén:", closing: "Ha további kérdése van, szívesen segítünk.", regards: "Üdvözlettel", welcome: "Miben segíthetünk?", thanksReply: "Köszönjük az üzenetét!" },
  it: { greeting: (n) => (n ? `Buongiorno ${n},` : "Buongiorno,"), quotedInOtherLanguage: "Ecco la risposta, citata dalle nostre condizioni nella lingua originale:", closing: "Per altre domande siamo a disposizione.", regards: "Cordiali saluti", welcome: "Come possiamo aiutarla?", thanksReply: "Grazie per il messaggio!" },
  fr: { greeting: (n) => (n ? `Bonjour ${n},` : "Bonjour,"), quotedInOtherLanguage: "Voici la réponse, citée de nos conditions dans leur langue d'origine :", closing: "Pour toute autre question, nous restons à votre disposition.", regards: "Cordialement", welcome: "Comment pouvons-nous vous aider ?", thanksReply: "Merci pour votre message !" },
  es: { greeting: (n) => (n ? `Hola ${n},` : "Hola,"), quotedInOtherLanguage: "Esta es la respuesta, citada de nuestras condiciones en su idioma original:", closing: "Si tiene otras preguntas, estaremos encantados de ayudarle.", regards: "Saludos cordiales", welcome: "¿En qué podemos ayudarle?", thanksReply: "¡Gracias por su mensaje!" },
  uk: { greeting: (n) => (n ? `Добрий день, ${n}!` : "Добрий день!"), quotedInOtherLanguage: "Ось відповідь, процитована з наших правил мовою оригіналу:", closing: "Якщо у вас є інші запитання, ми охоче допоможемо.", regards: "З повагою", welcome: "Чим можемо допомогти?", thanksReply: "Дякуємо за повідомлення!" },
};

/**
 * The name a reply greets the buyer by: the first name of a real name the marketplace
 * gives ("Anna Kowalska" → "Anna"), never a login ("kupujacy_demo", "marta_k93",
 * "Jan1985"); no name at all rather than a login.
 */
export function greetingName(customer: { displayName: string | null; externalId: string } | null | undefined): string | undefined {
  const name = customer?.displayName?.trim();
  if (!name || name === customer?.externalId) return undefined;
  const words = name.split(/\s+/);
  const looksLikeName = words.every((w) => /^\p{Lu}[\p{L}'’-]*$/u.test(w));
  return looksLikeName ? words[0] : undefined;
}
