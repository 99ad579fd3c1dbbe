import StemmerCs from "@nlpjs/lang-cs/src/stemmer-cs";
import StemmerDe from "@nlpjs/lang-de/src/stemmer-de";
import StemmerEn from "@nlpjs/lang-en-min/src/stemmer-en";
import StemmerPl from "@nlpjs/lang-pl/src/stemmer-pl";
import { foldText } from "@/lib/text/fold";
import type { Language } from "@/lib/text/language";
import { GLOSSARY } from "./glossary";

/**
 * The words retrieval compares: folded (buyers type "zwrot" for "zwrót"), stop words
 * dropped, and stemmed with nlp.js's stemmer for the text's language (Polish, English,
 * German, Czech; Slovak uses the Czech one), so "zwrotu", "zwroty" and "zwrot" are one
 * term. Passages are stored as these terms; BM25 (retrieval.ts) scores them.
 * Bump TERMS_VERSION whenever the passages' analysis changes — these terms or the
 * chunking that cuts the passages: documents analysed by an older version are
 * re-processed by the knowledge sweep. 2: small sections merged into a passage stay whole.
 */
export const TERMS_VERSION = 2;

export type StemLanguage = "pl" | "en" | "de" | "cs";
const STEM_LANGUAGES: StemLanguage[] = ["pl", "en", "de", "cs"];

const stemmers: Record<StemLanguage, { stemWord(word: string): string }> = {
  pl: new StemmerPl(),
  en: new StemmerEn(),
  de: new StemmerDe(),
  cs: new StemmerCs(),
};

export function stemLanguage(language: Language): StemLanguage {
  if (language === "sk") return "cs";
  return (STEM_LANGUAGES as string[]).includes(language) ? (language as StemLanguage) : "pl";
}

/** Words that carry no meaning for retrieval, in the languages buyers write in (folded). */
export const STOPWORDS = new Set(
  (
    "a aby ale albo bo by byc byl byla bylo czy dla do gdy go i ich ile im jak jaka jaki jakie jakies jakiej jakim jakich jaka kto kogo komu czego czym gdzie jest juz lub ma mam mi mnie moge moj moja moje mozna na nam nas nie o od oraz po pod przez przy sa sie tak tam ten ta te to tu ty u w we wam z za ze zeby co kiedy prosze dziekuje pozdrawiam dzien dobry witam czesc pan pani panstwo bardzo jeszcze chce chcialbym chcialabym potrzebuje mozecie wiem tez ktory ktora ktore jesli jezeli tylko jako dla wiec czyli oraz albo mamy macie jestem jestes bedzie beda moze mozesz ja my wy on ona oni mi ci mu jej nim niej tego tej tym tych temu sobie swoj swoja swoje"
    + " the an and are be been can could do does for from have has hello hi how i if in is it me my of on or please thanks thank to what when where which will with would you your we our us they them this that there their was were am at by as so not no yes any some"
    + " der die das und ich sie wie ist nach zu den dem des ein eine einen einem einer hallo bitte danke mit fur von auf ob bei es er wir ihr mein meine sind kann konnen wird werden auch noch nur oder aber wenn"
    + " je jak se na do mi dobry den kolik prosim dekuji muzu mohu nebo ale pro jsem jste by bych tak uz jeste ktery ktera ktere dakujem"
  ).split(" "),
);

/** Folded words and numbers of a text, in order (duplicates kept: BM25 counts them). */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function stem(word: string, language: StemLanguage): string {
  if (/\d/.test(word) || word.length < 4) return word;
  const stemmed = stemmers[language].stemWord(word);
  // A stem of three letters or fewer matches unrelated words (nadanie → "nad"); keep the word.
  return stemmed.length >= 4 ? stemmed : word;
}

/**
 * A word and its stems in every stemmed language: what the word is found by when the
 * text's language is unknown or mixed (inbox search indexes and queries these on both
 * sides, so "kurtkę" in a Polish message and "kurtka" typed by the seller meet at "kurtk").
 */
export function wordForms(word: string): string[] {
  return [...new Set([word, ...STEM_LANGUAGES.map((lang) => stem(word, lang))])];
}

/** A passage's terms as stored (see TERMS_VERSION). */
export function indexTerms(text: string, language: Language): string[] {
  const lang = stemLanguage(language);
  return foldedWords(text)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w))
    .map((w) => stem(w, lang));
}

export interface QueryPattern {
  term: string;
  /** stem: the word's own stem; prefix: its beginning; synonym / translation: from the glossary, in the word's language or another. */
  kind: "stem" | "prefix" | "synonym" | "translation";
  weight: number;
}

export interface QueryTerm {
  /** The buyer's word (folded). */
  word: string;
  /** Index terms that stand for it, with how much a match counts (1 = the word itself). */
  patterns: QueryPattern[];
}

/**
 * How much a match through a shared beginning, a synonym or a translation counts against
 * the word itself. A translation counts fully only for a word the shop's passages do not use
 * (an English question to a Polish shop); retrieval lowers it to NATIVE_TRANSLATION_WEIGHT
 * where the word itself matched, so "zwrot" keeps to the Polish returns policy rather
 * than the English page that says "return".
 */
export const TRANSLATION_WEIGHT = 0.8;
export const NATIVE_TRANSLATION_WEIGHT = 0.25;
const PREFIX_WEIGHT = 0.5;

/**
 * The buyer's words as retrieval looks for them: each word's stem in every stemmed
 * language (the question's language is a guess on short texts, and a shop may hold
 * documents in several), its beginning as a prefix for inflections the stemmer does not
 * join (zwrócić / zwrot), and its translations from the shipped e-commerce glossary.
 */
export function queryTerms(query: string): QueryTerm[] {
  const words = [...new Set(foldedWords(query).filter((w) => w.length >= 2 && !STOPWORDS.has(w)))].slice(0, 30);
  return words.map((word) => {
    const patterns = new Map<string, QueryPattern>();
    const add = (term: string, kind: QueryPattern["kind"], weight: number) => {
      const key = `${kind === "prefix" ? "p" : "t"}:${term}`;
      const seen = patterns.get(key);
      if (!seen || seen.weight < weight) patterns.set(key, { term, kind, weight });
    };
    for (const lang of STEM_LANGUAGES) add(stem(word, lang), "stem", 1);
    if (!/\d/.test(word) && word.length >= 6) add(word.slice(0, Math.max(4, word.length - 3)), "prefix", PREFIX_WEIGHT);
    for (const related of glossaryRelated(word)) add(related.term, related.sameLanguage ? "synonym" : "translation", TRANSLATION_WEIGHT);
    return { word, patterns: [...patterns.values()] };
  });
}

interface GlossaryIndex {
  /** stem (in one language) → groups it belongs to */
  byStem: Map<string, number[]>;
  /** group → every member's stem in its own language */
  stems: { term: string; lang: StemLanguage }[][];
}

let glossaryIndex: GlossaryIndex | null = null;

function glossary(): GlossaryIndex {
  if (glossaryIndex) return glossaryIndex;
  const byStem = new Map<string, number[]>();
  const stems = GLOSSARY.map((group, index) => {
    const members = new Map<string, { term: string; lang: StemLanguage }>();
    for (const lang of STEM_LANGUAGES) {
      for (const phrase of group[lang] ?? []) {
        for (const word of foldedWords(phrase)) {
          if (STOPWORDS.has(word)) continue;
          const s = stem(word, lang);
          members.set(`${lang}:${s}`, { term: s, lang });
          byStem.set(`${lang}:${s}`, [...(byStem.get(`${lang}:${s}`) ?? []), index]);
        }
      }
    }
    return [...members.values()];
  });
  glossaryIndex = { byStem, stems };
  return glossaryIndex;
}

/**
 * The glossary's words for the same concept: synonyms in a language the word belongs to
 * (kosztuje → cena) and translations in the others (kosztuje → price, Preis).
 */
export function glossaryRelated(word: string): { term: string; sameLanguage: boolean }[] {
  word = foldText(word);
  const index = glossary();
  const related = new Map<string, boolean>();
  for (const lang of STEM_LANGUAGES) {
    for (const g of index.byStem.get(`${lang}:${stem(word, lang)}`) ?? []) {
      for (const member of index.stems[g] ?? []) related.set(member.term, (related.get(member.term) ?? false) || member.lang === lang);
    }
  }
  return [...related.entries()].map(([term, sameLanguage]) => ({ term, sameLanguage }));
}

export function glossaryTranslations(word: string): string[] {
  return glossaryRelated(word).map((r) => r.term);
}
