import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { sendReply } from "@/server/inbox/reply-service";
import { AppError } from "@/lib/errors";
import { answerConversation, type Source } from "./pipeline";
import { readBillingAccess } from "@/server/billing/billing-service";

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

/**
 * One click: the draft goes out like any reply. Sent as written it is the AI's (approved by
 * the person); rewritten, it is the person's, and the thread says it was based on an AI draft.
 */
export async function sendDraft(database: Database, db: ScopedDb, tenantId: string, userId: string, input: { replyId: string; text?: string }) {
  const draft = await draftFor(db, input.replyId);
  const text = input.text ?? draft.text;
  const rewritten = input.text !== undefined && input.text.trim() !== draft.text.trim();
  const message = await sendReply(database, db, tenantId, { userId, kind: rewritten ? "seller" : "ai" }, { conversationId: draft.conversationId, text });
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
  // Checked before the current draft is thrown away: a paused AI would leave nothing in its place.
  if ((await readBillingAccess(db, tenantId)).aiPaused) throw new AppError("PRECONDITION_FAILED", "errors.aiPausedBilling");
  if (current) await db.aiReply.delete({ where: { id: current.id } });
  const outcome = await answerConversation(database, tenantId, conversationId, { force: true });
  if (outcome.status === "skipped") throw new AppError("PRECONDITION_FAILED", "ai.errors.nothingToAnswer");
  return latestReply(db, conversationId);
}
