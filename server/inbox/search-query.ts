import { foldedWords, STOPWORDS, wordForms } from "@/server/knowledge/terms";

/**
 * A search box as ranks of conversation_terms lookups (see search-index.ts for what is
 * indexed). A conversation lands in the first rank it satisfies:
 *  0. the exact phrase — every pair of adjacent words as typed (folded), or the word
 *     itself for one word; a number is also the conversation's own number;
 *  1. every word, in any of its forms (stems in every stemmed language; a long word's
 *     beginning, for the endings the stemmers do not join: zamówienie / zamówieniem);
 *  2. some of the words.
 * Each rank contains the one before it, so a rank only has to exclude its predecessor.
 * The last word may still be being typed: it also matches as a beginning ("kurt").
 */

/** A posting matches the set if its term is one of `terms` or starts with `prefix`. */
export interface TermSet {
  terms: string[];
  prefix: string | null;
}

export interface SearchRank {
  /** Every set must match (every), or at least one (some). */
  match: "every" | "some";
  sets: TermSet[];
  /** Rank 0 of a search that is a number also holds the conversation with that number. */
  number: number | null;
}

export interface SearchPlan {
  ranks: SearchRank[];
}

const MAX_WORDS = 8;
/** Words at least this long also match by their beginning (all but the last three letters). */
const LONG_WORD = 8;

export function planSearch(search: string): SearchPlan {
  const text = search.trim();
  const hashNumber = /^#(\d{1,9})$/.exec(text);
  // "#123" is the conversation number the inbox shows, nothing else.
  if (hashNumber) return { ranks: [{ match: "every", sets: [], number: Number(hashNumber[1]) }] };
  const number = /^\d{1,9}$/.test(text) ? Number(text) : null;
  const words = foldedWords(text).slice(0, MAX_WORDS);
  if (!words.length) return { ranks: [] };
  const lastTyped = /[\p{L}\p{N}]$/u.test(text);
  const typing = (i: number) => lastTyped && i === words.length - 1 && words[i]!.length >= 2;

  const phrase: TermSet[] =
    words.length === 1
      ? [{ terms: typing(0) ? [] : [words[0]!], prefix: typing(0) ? words[0]! : null }]
      : words.slice(1).map((word, i) => {
          const pair = `${words[i]} ${word}`;
          return typing(i + 1) ? { terms: [], prefix: pair } : { terms: [pair], prefix: null };
        });

  const content = [...new Set(words)];
  const meaningful = content.filter((w) => !STOPWORDS.has(w));
  const forms: TermSet[] = (meaningful.length ? meaningful : content).map((word) => {
    const long = word.length >= LONG_WORD && !/\d/.test(word);
    const prefix = long ? word.slice(0, word.length - 3) : typing(words.lastIndexOf(word)) ? word : null;
    return { terms: wordForms(word).filter((f) => !prefix || !f.startsWith(prefix)), prefix };
  });

  const ranks: SearchRank[] = [{ match: "every", sets: phrase, number }];
  if (!sameSets(forms, phrase)) ranks.push({ match: "every", sets: forms, number: null });
  if (forms.length > 1) ranks.push({ match: "some", sets: forms, number: null });
  return { ranks };
}

function sameSets(a: TermSet[], b: TermSet[]) {
  const key = (sets: TermSet[]) => JSON.stringify(sets.map((s) => [[...s.terms].sort(), s.prefix]));
  return key(a) === key(b);
}

/** The first string after every string that starts with `prefix` (byte order, as the term column's "C" collation). */
export function prefixEnd(prefix: string): string {
  return prefix + "\u{10FFFF}";
}
