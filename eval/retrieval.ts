import { writeFileSync } from "node:fs";
import { bm25Baseline } from "./bm25-baseline";
import { openEvalShop, readQuestions } from "./shop";

/**
 * Retrieval evaluation (used by `npm run eval:retrieval`, see eval/retrieval-cli.ts, and
 * by tests/retrieval-quality.integration.test.ts). Ingests every file of DIR into a fresh throw-away tenant (in-memory PGlite unless
 * DATABASE_URL is set), asks every answerable question and reports hit rates:
 * recall@k = share of questions with at least one gold document among the top k
 * documents; MRR = mean of 1 / rank of the first gold document.
 */

export interface RetrievalEvalResult {
  n: number;
  recall_at_1: number;
  recall_at_5: number;
  mrr: number;
}

/** The summary line: the best mode's figures, the lexical ones beside hybrid, and the BM25 yardstick. */
export type RetrievalEvalSummary = RetrievalEvalResult & { mode?: string; lexical?: RetrievalEvalResult; bm25_baseline?: RetrievalEvalResult };

/** Recall@1, recall@k and MRR of ranked document lists against each question's gold documents. */
function figuresOf(rankings: { ranked: string[]; gold: string[] }[], k: number): RetrievalEvalResult {
  let hit1 = 0;
  let hitK = 0;
  let rr = 0;
  for (const { ranked, gold } of rankings) {
    const first = ranked.findIndex((d) => gold.includes(d));
    if (first === 0) hit1++;
    if (first >= 0 && first < k) hitK++;
    if (first >= 0) rr += 1 / (first + 1);
  }
  const n = rankings.length;
  return { n, recall_at_1: n ? hit1 / n : 0, recall_at_5: n ? hitK / n : 0, mrr: n ? rr / n : 0 };
}

export async function runRetrievalEval(
  values: { kb: string; questions: string; out?: string; k: number },
  log: (line: string) => void = console.log,
): Promise<RetrievalEvalSummary> {
  const [{ tenantDb }, { retrieveChunks }, { embedQuery, vectorSearchEnabled }] = await Promise.all([
    import("@/server/db/tenant-scope"),
    import("@/server/knowledge/retrieval"),
    import("@/server/knowledge/embeddings"),
  ]);
  const k = values.k;
  const shop = await openEvalShop(values.kb, log);
  const { db } = shop;
  const tenant = { id: shop.tenantId };
  const scoped = tenantDb(db.prisma, shop.tenantId);

  try {
    const questions = readQuestions(values.questions).filter((q) => q.answerable !== false && !q.attack && q.gold_docs.length);

    // Lexical always; hybrid too when an embedding provider and pgvector are there.
    const setup = vectorSearchEnabled(db);
    const modes: { label: string; embed: boolean }[] = [{ label: "Lexical + trigram retrieval", embed: false }];
    if (setup) modes.push({ label: `Hybrid retrieval (lexical + trigram + ${setup.provider}:${setup.modelId}, ${setup.dimensions} dims)`, embed: true });
    else log(`\n(vector search off: ${db.vector ? "no embedding provider configured" : "no pgvector in this database"})`);

    // The baseline ranks the very passages the shop's documents were split into.
    const stored = await scoped.documentChunk.findMany({ select: { headingPath: true, text: true, document: { select: { fileName: true, title: true } } } });
    const rankBaseline = bm25Baseline(stored.map((c) => ({ doc: c.document.fileName ?? c.document.title, text: `${c.headingPath}\n${c.text}` })));
    const bm25 = figuresOf(questions.map((q) => ({ ranked: rankBaseline(q.question), gold: q.gold_docs })), k);
    log(`\nBaseline: plain BM25 over the same passages (folded words, no stemming)`);
    log(`  recall@1   ${bm25.recall_at_1.toFixed(3)}`);
    log(`  recall@${k}   ${bm25.recall_at_5.toFixed(3)}`);
    log(`  MRR        ${bm25.mrr.toFixed(3)}`);

    let result: RetrievalEvalSummary = { n: 0, recall_at_1: 0, recall_at_5: 0, mrr: 0 };
    for (const mode of modes) {
      const rankings: { ranked: string[]; gold: string[] }[] = [];
      const out: string[] = [];
      const misses: string[] = [];
      for (const q of questions) {
        const embedding = mode.embed ? await embedQuery(db, scoped, tenant.id, q.question) : null;
        const passages = await retrieveChunks(scoped, q.question, { k: 20, embedding });
        const ranked = [...new Set(passages.map((p) => p.fileName ?? p.documentTitle))];
        const firstGold = ranked.findIndex((d) => q.gold_docs.includes(d));
        rankings.push({ ranked, gold: q.gold_docs });
        if (firstGold < 0 || firstGold >= k) misses.push(`  ${q.id}: ${q.question.slice(0, 90)} → ${ranked.slice(0, 3).join(", ") || "(nothing)"} (gold ${q.gold_docs.join(", ")})`);
        out.push(JSON.stringify({ id: q.id, ranked_docs: ranked, passages: passages.slice(0, k).map((p) => ({ doc: p.fileName ?? p.documentTitle, score: p.scores.fused, text: p.text })) }));
      }
      const figures = figuresOf(rankings, k);
      log(`\n${mode.label}`);
      log(`  questions  ${figures.n}`);
      log(`  recall@1   ${figures.recall_at_1.toFixed(3)}`);
      log(`  recall@${k}   ${figures.recall_at_5.toFixed(3)}   (target ≥ 0.95; BM25 ${bm25.recall_at_5.toFixed(3)})`);
      log(`  MRR        ${figures.mrr.toFixed(3)}   (target ≥ 0.85; BM25 ${bm25.mrr.toFixed(3)})`);
      if (misses.length) log(`\nMissed at ${k}:\n${misses.join("\n")}`);
      // The per-question file and the summary line describe the best available mode.
      if (values.out) writeFileSync(values.out, out.join("\n") + "\n");
      result = mode.embed ? { ...figures, mode: "hybrid", lexical: result, bm25_baseline: bm25 } : { ...figures, mode: "lexical", bm25_baseline: bm25 };
    }
    return result;
  } finally {
    await shop.dispose();
  }
}
