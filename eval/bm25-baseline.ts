import { foldedWords } from "@/server/knowledge/terms";

/**
 * The yardstick retrieval must beat: textbook BM25 (k1 1.2, b 0.75, Robertson's IDF)
 * over the same passages, on folded words with no stemming, stop words, translations or
 * typo repair. In memory, for the evaluation only.
 */
export interface BaselinePassage {
  doc: string;
  text: string;
}

export function bm25Baseline(passages: BaselinePassage[]) {
  const k1 = 1.2;
  const b = 0.75;
  const docs = passages.map((p) => {
    const words = foldedWords(p.text);
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { doc: p.doc, tf, length: words.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const avgdl = docs.reduce((s, d) => s + d.length, 0) / Math.max(n, 1);

  /** Documents in the order of their best passage's score. */
  return function rankDocuments(query: string): string[] {
    const words = [...new Set(foldedWords(query))];
    const scored = docs.map((d) => {
      let score = 0;
      for (const w of words) {
        const f = d.tf.get(w);
        if (!f) continue;
        const idf = Math.log(1 + (n - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5));
        score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avgdl));
      }
      return { doc: d.doc, score };
    });
    return [...new Set(scored.filter((s) => s.score > 0).sort((x, y) => y.score - x.score).map((s) => s.doc))];
  };
}
