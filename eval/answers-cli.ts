import { parseArgs } from "node:util";

/** `npm run eval:answers [-- --kb DIR --questions FILE --out FILE]`; the last line is the JSON summary. */
const { values } = parseArgs({
  options: {
    kb: { type: "string", default: "eval/fixtures/shop/kb" },
    questions: { type: "string", default: "eval/fixtures/shop/questions.jsonl" },
    out: { type: "string" },
  },
});

async function main() {
  // A throw-away in-memory database unless DATABASE_URL names a real one; no demo shop;
  // no debounce wait (each question is its own conversation).
  process.env.LOG_LEVEL ??= "warn";
  process.env.NEXTAUTH_SECRET ??= "eval-only-secret";
  process.env.SEED_DEMO = "0";
  process.env.AI_DEBOUNCE_SECONDS = "0";
  if (!process.env.DATABASE_URL) process.env.DATA_DIR = "memory://";
  // A real model when one is configured by its key or URL alone.
  if (!process.env.AI_PROVIDER) {
    if (process.env.OPENAI_API_KEY) process.env.AI_PROVIDER = "openai";
    else if (process.env.OLLAMA_BASE_URL) process.env.AI_PROVIDER = "ollama";
  }
  const { runAnswersEval } = await import("./answers");
  const { getDatabase } = await import("@/server/db/client");
  const result = await runAnswersEval({ kb: values.kb ?? "", questions: values.questions ?? "", out: values.out });
  await (await getDatabase()).close();
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
