import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { searchKnowledge } from "@/server/knowledge/search";
import { sendReply } from "@/server/inbox/reply-service";
import { AppError } from "@/lib/errors";
import { answerConversation, responderFor, sourcesOf, type Source } from "./pipeline";
import { chooseTier, classifyMessage } from "./intent";
import { detectLanguage } from "./language";
import { getAiSettings } from "./settings-service";
import { recordUsage } from "./usage";

const replySelect = {
  id: true,
  conversationId: true,
  action: true,
  status: true,
  text: true,
  language: true,
  intent: true,
  tier: true,
  provider: true,
  model: true,
  reasons: true,
  sources: true,
  inputTokens: true,
  outputTokens: true,
  costPlnMicros: true,
  latencyMs: true,
  messageId: true,
  createdAt: true,
} as const;

function view<T extends { sources: unknown; costPlnMicros: bigint }>(reply: T) {
  return { ...reply, sources: (Array.isArray(reply.sources) ? reply.sources : []) as Source[], costPln: Number(reply.costPlnMicros) / 1e6 };
}

/** The engine's latest work on a conversation (a draft to act on, an escalation, a sent reply). */
export async function latestReply(db: ScopedDb, conversationId: string) {
  await conversationMustExist(db, conversationId);
  const reply = await db.aiReply.findFirst({ where: { conversationId, status: { not: "superseded" } }, orderBy: { createdAt: "desc" }, select: replySelect });
  return reply ? view(reply) : null;
}

async function conversationMustExist(db: ScopedDb, conversationId: string) {
  const found = await db.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
}

async function draftFor(db: ScopedDb, replyId: string) {
  const reply = await db.aiReply.findUnique({ where: { id: replyId }, select: { id: true, conversationId: true, status: true, text: true } });
  if (!reply) throw new AppError("NOT_FOUND", "ai.errors.replyNotFound");
  if (reply.status !== "draft" && reply.status !== "escalated") throw new AppError("PRECONDITION_FAILED", "ai.errors.replyNotDraft");
  return reply;
}

/** One click: the draft (as written, or as the seller edited it) goes out like any reply. */
export async function sendDraft(database: Database, db: ScopedDb, tenantId: string, userId: string, input: { replyId: string; text?: string }) {
  const draft = await draftFor(db, input.replyId);
  const text = input.text ?? draft.text;
  const message = await sendReply(database, db, tenantId, { userId, kind: "ai" }, { conversationId: draft.conversationId, text });
  await db.aiReply.update({ where: { id: draft.id }, data: { status: "sent", messageId: message.id, ...(input.text !== undefined ? { text: input.text } : {}) } });
  return message;
}

export async function discardDraft(db: ScopedDb, replyId: string) {
  const draft = await draftFor(db, replyId);
  await db.aiReply.update({ where: { id: draft.id }, data: { status: "discarded" } });
}

/** Writes the reply to the newest buyer turn again (after new documents or settings). */
export async function regenerateReply(database: Database, db: ScopedDb, tenantId: string, conversationId: string) {
  await conversationMustExist(db, conversationId);
  const current = await db.aiReply.findFirst({ where: { conversationId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true } });
  if (current?.status === "sent") throw new AppError("PRECONDITION_FAILED", "ai.errors.alreadySent");
  if (current) await db.aiReply.delete({ where: { id: current.id } });
  const outcome = await answerConversation(database, tenantId, conversationId, { force: true });
  if (outcome.status === "skipped") throw new AppError("PRECONDITION_FAILED", "ai.errors.nothingToAnswer");
  return latestReply(db, conversationId);
}

/**
 * Playground: a question as a buyer would ask it, answered exactly as the engine would
 * (retrieval, tier, responder), without a conversation and without sending anything.
 */
export async function askPlayground(database: Database, db: ScopedDb, tenantId: string, question: string) {
  const started = performance.now();
  const [settings, tenant] = await Promise.all([
    getAiSettings(db, tenantId),
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, defaultLanguage: true } }),
  ]);
  const signals = classifyMessage(question);
  const tier = chooseTier(signals);
  const language = detectLanguage(question, tenant.defaultLanguage === "en" ? "en" : "pl");
  const passages = await searchKnowledge(database, db, tenantId, question, { k: 5 });
  const generated = await responderFor(tier.tier)
    .generate(
      { tenantName: tenant.name, language, buyerText: question, history: [], passages, order: null, signals, tier: tier.tier, settings },
      AbortSignal.timeout(30_000),
    )
    .catch((error: unknown) => {
      throw new AppError("BAD_GATEWAY", "ai.errors.generationFailed", { detail: error instanceof Error ? error.message.slice(0, 200) : "" });
    });
  const latencyMs = Math.round(performance.now() - started);
  const cost = generated.provider === "offline"
    ? { plnMicros: 0n, usdMicros: 0n }
    : await recordUsage(db, tenantId, { kind: "generation", provider: generated.provider, model: generated.model, inputTokens: generated.usage.inputTokens, outputTokens: generated.usage.outputTokens, tier: tier.tier, latencyMs, outcome: "playground" });
  return {
    text: generated.text,
    handoff: generated.handoff,
    language,
    intent: signals.intent,
    tier: tier.tier,
    tierReason: tier.why,
    provider: generated.provider,
    model: generated.model,
    inputTokens: generated.usage.inputTokens,
    outputTokens: generated.usage.outputTokens,
    costPln: Number(cost.plnMicros) / 1e6,
    costUsd: Number(cost.usdMicros) / 1e6,
    latencyMs,
    sources: sourcesOf(generated.cited, passages),
  };
}
