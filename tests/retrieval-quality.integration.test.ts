import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { runRetrievalEval } from "../eval/retrieval";

/**
 * Quality gate on the committed shops (eval/fixtures: outdoor clothing, electronics,
 * cosmetics, each written independently): lexical retrieval must keep finding the right
 * document among the top five for ≥ 90 % of real-looking buyer questions (typos, no
 * diacritics, several questions, four languages), and rank better than a plain BM25 over
 * the same passages on every shop.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

it.each(["shop", "electronics", "cosmetics"])("%s: recall@5 ≥ 0.90 and above plain BM25", async (shop) => {
  const result = await runRetrievalEval({ kb: `eval/fixtures/${shop}/kb`, questions: `eval/fixtures/${shop}/questions.jsonl`, k: 5 }, () => undefined);
  expect(result.n).toBeGreaterThanOrEqual(40);
  expect(result.recall_at_5).toBeGreaterThanOrEqual(0.9);
  expect(result.mrr).toBeGreaterThan(result.bm25_baseline?.mrr ?? 1);
  expect(result.recall_at_1).toBeGreaterThan(result.bm25_baseline?.recall_at_1 ?? 1);
}, 120_000);
