import { parseArgs } from "node:util";

/** `npm run eval:retrieval [-- --kb DIR --questions FILE --out FILE --k 5]`; last line is the JSON summary. */
const { values } = parseArgs({
  options: {
    kb: { type: "string", default: "eval/fixtures/shop/kb" },
    questions: { type: "string", default: "eval/fixtures/shop/questions.jsonl" },
    out: { type: "string" },
    k: { type: "string", default: "5" },
  },
});

async function main() {
  // Configure before the app's modules read the environment: a throw-away in-memory
  // database unless DATABASE_URL points at a real one; no demo shop.
  process.env.LOG_LEVEL ??= "warn";
  process.env.NEXTAUTH_SECRET ??= "eval-only-secret";
  process.env.SEED_DEMO = "0";
  if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";
  const { runRetrievalEval } = await import("./retrieval");
  const { getDatabase } = await import("@/server/db/client");
  const result = await runRetrievalEval({ kb: values.kb ?? "", questions: values.questions ?? "", out: values.out, k: Number(values.k) });
  await (await getDatabase()).close();
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
