import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Retrieval evaluation (used by `npm run eval:retrieval`, see eval/retrieval-cli.ts, and
 * by tests/retrieval-quality.integration.test.ts). Ingests every file of DIR into a fresh throw-away tenant (in-memory PGlite unless
 * DATABASE_URL is set), asks every answerable question and reports hit rates:
 * recall@k = share of questions with at least one gold document among the top k
 * documents; MRR = mean of 1 / rank of the first gold document.
 */

const ZQuestion = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    question: z.string(),
    gold_docs: z.array(z.string()).default([]),
    answerable: z.boolean().optional(),
    attack: z.boolean().optional(),
  })
  .passthrough();

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
  const [{ getDatabase }, { signUp }, { tenantDb }, { createDocument }, { drainInlineJobs }, { retrieveChunks }, { embedQuery, vectorSearchEnabled }] = await Promise.all([
    import("@/server/db/client"),
    import("@/server/auth/account-service"),
    import("@/server/db/tenant-scope"),
    import("@/server/knowledge/document-service"),
    import("@/server/infra/jobs"),
    import("@/server/knowledge/retrieval"),
    import("@/server/knowledge/embeddings"),
  ]);
  const db = await getDatabase();
  const k = values.k;
  const stamp = Date.now().toString(36);
  const { user, tenant } = await signUp(db, {
    email: `eval-${stamp}@eval.invalid`, name: "Eval", password: `eval-${stamp}-password`, shopName: "Eval shop", slug: `eval-${stamp}`,
  });
  await db.owner.query(`INSERT INTO plans (id, name, max_documents, max_file_bytes) VALUES ('eval', 'Eval', 100000, 104857600) ON CONFLICT (id) DO NOTHING`);
  await db.owner.query(`UPDATE tenants SET plan_id = 'eval' WHERE id = $1`, [tenant.id]);
  const scoped = tenantDb(db.prisma, tenant.id);

  try {
    const kbDir = path.resolve(values.kb);
    const files = readdirSync(kbDir).filter((f) => statSync(path.join(kbDir, f)).isFile()).sort();
    const started = performance.now();
    for (const file of files) {
      await createDocument(db, scoped, tenant.id, user.id, {
        title: file.replace(/\.[a-z0-9]+$/i, ""),
        source: "upload",
        fileName: file,
        bytes: new Uint8Array(readFileSync(path.join(kbDir, file))),
      });
    }
    await drainInlineJobs();
    const docs = await scoped.document.findMany({ select: { fileName: true, status: true, errorKey: true, chunkCount: true } });
    const failed = docs.filter((d) => d.status !== "ready");
    log(`Ingested ${docs.length - failed.length}/${docs.length} documents, ${docs.reduce((s, d) => s + d.chunkCount, 0)} passages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const f of failed) log(`  failed: ${f.fileName}: ${f.errorKey}`);

    const lines = readFileSync(path.resolve(values.questions), "utf8").split("\n").filter((l) => l.trim());
    const questions = lines.map((l) => ZQuestion.parse(JSON.parse(l))).filter((q) => q.answerable !== false && !q.attack && q.gold_docs.length);

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
    // A throw-away tenant: on a real database it goes again (cascades to its documents).
    await db.owner.query(`DELETE FROM tenants WHERE id = $1`, [tenant.id]);
    await db.owner.query(`DELETE FROM users WHERE id = $1`, [user.id]);
  }
}
