import { writeFileSync } from "node:fs";
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

export async function runRetrievalEval(
  values: { kb: string; questions: string; out?: string; k: number },
  log: (line: string) => void = console.log,
): Promise<RetrievalEvalResult> {
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

    let result: RetrievalEvalResult & { mode?: string; lexical?: RetrievalEvalResult } = { n: 0, recall_at_1: 0, recall_at_5: 0, mrr: 0 };
    for (const mode of modes) {
      let hit1 = 0;
      let hitK = 0;
      let rr = 0;
      const out: string[] = [];
      const misses: string[] = [];
      for (const q of questions) {
        const embedding = mode.embed ? await embedQuery(db, scoped, tenant.id, q.question) : null;
        const passages = await retrieveChunks(scoped, q.question, { k: 20, embedding });
        const ranked = [...new Set(passages.map((p) => p.fileName ?? p.documentTitle))];
        const firstGold = ranked.findIndex((d) => q.gold_docs.includes(d));
        if (firstGold === 0) hit1++;
        if (firstGold >= 0 && firstGold < k) hitK++;
        else misses.push(`  ${q.id}: ${q.question.slice(0, 90)} → ${ranked.slice(0, 3).join(", ") || "(nothing)"} (gold ${q.gold_docs.join(", ")})`);
        if (firstGold >= 0) rr += 1 / (firstGold + 1);
        out.push(JSON.stringify({ id: q.id, ranked_docs: ranked, passages: passages.slice(0, k).map((p) => ({ doc: p.fileName ?? p.documentTitle, score: p.scores.fused, text: p.text })) }));
      }
      const n = questions.length;
      const figures = { n, recall_at_1: n ? hit1 / n : 0, recall_at_5: n ? hitK / n : 0, mrr: n ? rr / n : 0 };
      log(`\n${mode.label}`);
      log(`  questions  ${n}`);
      log(`  recall@1   ${figures.recall_at_1.toFixed(3)}`);
      log(`  recall@${k}   ${figures.recall_at_5.toFixed(3)}   (target ≥ 0.90)`);
      log(`  MRR        ${figures.mrr.toFixed(3)}`);
      if (misses.length) log(`\nMissed at ${k}:\n${misses.join("\n")}`);
      // The per-question file and the summary line describe the best available mode.
      if (values.out) writeFileSync(values.out, out.join("\n") + "\n");
      result = mode.embed ? { ...figures, mode: "hybrid", lexical: result } : { ...figures, mode: "lexical" };
    }
    return result;
  } finally {
    await shop.dispose();
  }
}
