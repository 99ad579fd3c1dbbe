import { parseArgs } from "node:util";
import type { ScriptedReply } from "./model-script";

/**
 * `npm run eval:answers [-- --kb DIR --questions FILE --out FILE --model-script auto|FILE --verifier faithful|lenient]`;
 * the last line is the JSON summary. `--model-script auto` answers with scripted replies
 * of known correctness built from the shop (eval/model-script.ts) through a fake
 * OpenAI-compatible server over HTTP; a FILE gives the script as JSON Lines
 * ({id, kind, correct, facts, reply}). The verifier's verdicts are scripted too:
 * `faithful` (default) judges as a good verifier would — wrong replies unsupported or no
 * answer, right ones supported — so the figures show what the engine's rules hold back
 * needlessly and that it obeys the verdicts; `lenient` finds everything supported, so the
 * figures show what the rules alone stop.
 */
const { values } = parseArgs({
  options: {
    kb: { type: "string", default: "eval/fixtures/shop/kb" },
    questions: { type: "string", default: "eval/fixtures/shop/questions.jsonl" },
    out: { type: "string" },
    "model-script": { type: "string" },
    verifier: { type: "string", default: "faithful" },
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
  const scripted = values["model-script"] ? await startScriptedModel(values["model-script"]) : null;
  // A real model when one is configured by its key or URL alone.
  if (!process.env.AI_PROVIDER) {
    if (process.env.OPENAI_API_KEY) process.env.AI_PROVIDER = "openai";
    else if (process.env.OLLAMA_BASE_URL) process.env.AI_PROVIDER = "ollama";
  }
  const { runAnswersEval } = await import("./answers");
  const { getDatabase } = await import("@/server/db/client");
  const result = await runAnswersEval({ kb: values.kb ?? "", questions: values.questions ?? "", out: values.out, script: scripted?.script });
  await (await getDatabase()).close();
  await scripted?.fake.stop();
  console.log(JSON.stringify(result));
}

/** The fake model server answering every question with its scripted reply, citing the source that holds it. */
async function startScriptedModel(source: string) {
  const [{ FakeModelApi }, { buildModelScript, scriptedReply }, { readQuestions }, { readFileSync }] = await Promise.all([
    import("../tests/support/fake-model-api"),
    import("./model-script"),
    import("./shop"),
    import("node:fs"),
  ]);
  const questions = readQuestions(values.questions ?? "");
  const script =
    source === "auto"
      ? buildModelScript(questions)
      : readFileSync(source, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as ScriptedReply);
  const byQuestion = new Map(questions.flatMap((q) => {
    const entry = script.find((s) => s.id === q.id);
    return entry ? [[q.question.trim(), entry] as const] : [];
  }));
  const fake = await new FakeModelApi().start();
  if (values.verifier !== "faithful" && values.verifier !== "lenient") throw new Error(`--verifier must be faithful or lenient, not ${values.verifier}`);
  if (values.verifier === "faithful") {
    fake.verify = (body) => {
      const entry = byQuestion.get(FakeModelApi.verifiedBuyerMessage(body));
      const right = entry?.correct ?? false;
      const verdict = right ? "supported" : entry?.kind === "unrelated" ? "not_an_answer" : "unsupported";
      return { sentences: FakeModelApi.replySentenceNumbers(body).map((n) => ({ n, verdict })), answers_question: right };
    };
  }
  console.log(`Scripted model: ${script.length} replies; verifier ${values.verifier}`);
  fake.chat = (body) => {
    const last = body.messages.at(-1)?.content;
    const buyer = String(typeof last === "string" ? last : JSON.stringify(last)).replace(/<\/?buyer_message>/g, "").trim();
    const entry = byQuestion.get(buyer);
    if (!entry) return { content: "HANDOFF" };
    // The sources as the system prompt numbers them: "[n] (title › heading)\ntext".
    const sources = FakeModelApi.systemPrompt(body).split("SOURCES:\n")[1]?.split(/\n\n(?=\[\d+\] \()/).map((s) => s.replace(/^\[\d+\] \([^\n]*\)\n/, "")) ?? [];
    return { content: scriptedReply(entry, sources) };
  };
  Object.assign(process.env, { AI_PROVIDER: "openai", OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.url, EMBEDDING_PROVIDER: "none" });
  return { fake, script };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
