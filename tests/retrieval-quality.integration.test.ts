import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { runRetrievalEval } from "../eval/retrieval";

/**
 * Quality gate on the committed shop fixture (eval/fixtures/shop): lexical retrieval
 * must keep finding the right document among the top five for ≥ 90 % of real-looking
 * buyer questions (typos, no diacritics, several questions, four languages).
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

it("recall@5 ≥ 0.90 on the shop fixture", async () => {
  const result = await runRetrievalEval({ kb: "eval/fixtures/shop/kb", questions: "eval/fixtures/shop/questions.jsonl", k: 5 }, () => undefined);
  expect(result.n).toBeGreaterThanOrEqual(60);
  expect(result.recall_at_5).toBeGreaterThanOrEqual(0.9);
  expect(result.mrr).toBeGreaterThan(0.6);
}, 120_000);
