import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { tenantDb } from "@/server/db/tenant-scope";
import { signUp } from "@/server/auth/account-service";
import { createDocument } from "@/server/knowledge/document-service";
import { ensureDemoChannel, simulateIncomingMessage } from "@/server/inbox/channel-service";
import { answerConversation } from "@/server/ai/pipeline";
import type { GeneratedReply, ReplyRequest, Responder } from "@/server/ai/responder";
import { updateAiSettings } from "@/server/ai/settings-service";
import { drainInlineJobs } from "@/server/infra/jobs";
import { resetEnvForTests } from "@/lib/env";
import { FakeModelApi } from "../tests/support/fake-model-api";
import type { BenchDatabase } from "./database";
import { ms, summarize, timeEach } from "./stats";
import { readBillingAccess } from "@/server/billing/billing-service";
import { countAiReplies, planLimit } from "@/server/billing/limits";

const FIXTURE = path.join(process.cwd(), "eval/fixtures/shop");

/**
 * AI engine: (1) pipeline overhead — everything but the model (load, language, intent,
 * retrieval, checks, decision, storing) — with a responder that answers instantly;
 * (2) time from a stored buyer message to a ready reply with a fake OpenAI-compatible
 * model that takes 1 s, for 50 conversations arriving at once (the 3-second promise;
 * the debounce window is set to 0 because it is not part of the promise).
 */
export async function benchAi(bench: BenchDatabase) {
  const { db } = bench;
  const stamp = Date.now().toString(36);
  const { user, tenant } = await signUp(db, { email: `bench-ai-${stamp}@bench.test`, name: "Bench", password: `bench-${stamp}-pw`, shopName: "Bench AI", slug: `bench-ai-${stamp}` });
  await db.owner.query(`INSERT INTO plans (id, name, max_documents, max_file_bytes, ai_budget_pln_micros) VALUES ('bench-ai', 'Bench', 100000, 104857600, 1000000000000) ON CONFLICT (id) DO NOTHING`);
  await db.owner.query(`UPDATE tenants SET plan_id = 'bench-ai' WHERE id = $1`, [tenant.id]);
  const scoped = tenantDb(db.prisma, tenant.id);
  for (const file of readdirSync(path.join(FIXTURE, "kb")).sort()) {
    await createDocument(db, scoped, tenant.id, user.id, { title: file, source: "upload", fileName: file, bytes: new Uint8Array(readFileSync(path.join(FIXTURE, "kb", file))) });
  }
  await drainInlineJobs();
  const channel = await ensureDemoChannel(scoped, tenant.id);
  await updateAiSettings(scoped, tenant.id, { autoSend: {} });
  const questions = readFileSync(path.join(FIXTURE, "questions.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { question: string }).question);

  // (1) Overhead: the pipeline with an instant responder, one conversation at a time.
  const instantReply = (request: ReplyRequest): GeneratedReply => ({
    text: "Dzień dobry! Odpowiedź na podstawie regulaminu [1].",
    handoff: false,
    cited: request.passages.length ? [0] : [],
    usedOrder: false,
    provider: "bench",
    model: "instant",
    keySource: "platform",
    usage: { inputTokens: 0, outputTokens: 0 },
    holdReasons: [],
  });
  const instant: Responder = {
    generate: async (request) => instantReply(request),
    stream: async function* (request) {
      return instantReply(request);
    },
  };
  process.env.AI_DEBOUNCE_SECONDS = "0";
  resetEnvForTests();
  const overhead: number[] = [];
  for (let i = 0; i < 120; i++) {
    const conversation = await simulateIncomingMessage(db, scoped, tenant.id, { channelAccountId: channel.id, buyerName: `b${i}`, text: questions[i % questions.length]! });
    await drainInlineJobs(); // the inline job answers with the configured responder; measured below is a fresh turn
    await scoped.aiReply.deleteMany({ where: { conversationId: conversation.id } });
    const t0 = performance.now();
    await answerConversation(db, tenant.id, conversation.id, { responder: instant });
    if (i >= 20) overhead.push(performance.now() - t0);
  }
  const o = summarize(overhead);
  console.log(`\n## AI reply engine (${bench.label})`);
  console.log(`   pipeline overhead without model time (100 messages): p50 ${ms(o.p50)}  p95 ${ms(o.p95)}   (target p95 < 150 ms)`);

  // The billing checks the reply path makes before every reply (included in the overhead above).
  const limitChecks = await timeEach(200, async () => {
    await readBillingAccess(scoped, tenant.id);
    await planLimit(scoped, tenant.id, "aiReplies");
    await countAiReplies(scoped);
  });
  const l = summarize(limitChecks.slice(20));
  console.log(`   billing access + monthly AI-reply limit check (${await countAiReplies(scoped)} replies this month): p50 ${ms(l.p50)}  p95 ${ms(l.p95)}   (inside the 150 ms budget)`);

  // (2) End to end with a 1-second model, 50 conversations at once, through the job runtime.
  const fake = await new FakeModelApi().start();
  fake.chat = () => ({ content: "Dzień dobry! Zgodnie z regulaminem [1]. Pozdrawiamy", delayMs: 1_000 });
  const saved = { AI_PROVIDER: process.env.AI_PROVIDER, OPENAI_API_KEY: process.env.OPENAI_API_KEY, OPENAI_BASE_URL: process.env.OPENAI_BASE_URL };
  Object.assign(process.env, { AI_PROVIDER: "openai", OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.url });
  resetEnvForTests();
  try {
    const arrivals = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const conversation = await simulateIncomingMessage(db, scoped, tenant.id, { channelAccountId: channel.id, buyerName: `c${i}`, text: questions[(i * 7) % questions.length]! });
        return { id: conversation.id, at: Date.now() };
      }),
    );
    await drainInlineJobs();
    const replies = await scoped.aiReply.findMany({ where: { conversationId: { in: arrivals.map((a) => a.id) } }, select: { conversationId: true, createdAt: true } });
    const byConversation = new Map(replies.map((r) => [r.conversationId, r.createdAt.getTime()]));
    const e2e = arrivals.flatMap((a) => (byConversation.has(a.id) ? [byConversation.get(a.id)! - a.at] : []));
    const e = summarize(e2e);
    console.log(`   end to end, 50 concurrent conversations, fake model answering in 1 s: p50 ${ms(e.p50)}  p95 ${ms(e.p95)}  (${e2e.length}/50 replies; target p95 < 3 s)`);
  } finally {
    await fake.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvForTests();
  }
}
