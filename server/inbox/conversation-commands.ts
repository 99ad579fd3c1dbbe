import type { Database } from "@/server/db/client";
import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import type { ConversationStatus, Prisma } from "@/server/db/generated/client";
import { connectorFor } from "@/server/marketplaces/registry";
import { dispatchTenantOutbox } from "@/server/infra/outbox";
import { AppError } from "@/lib/errors";
import { THREAD_READ } from "./events";
import { addSearchTerms } from "./search-index";

async function requireConversation(tx: ScopedTransaction, conversationId: string) {
  const c = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: { id: true, status: true, assigneeId: true, tags: true, unreadCount: true, channelAccount: { select: { kind: true, status: true } } },
  });
  if (!c) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
  return c;
}

function recordEvent(tx: ScopedTransaction, tenantId: string, conversationId: string, actorUserId: string, type: string, data: Prisma.InputJsonValue) {
  return tx.conversationEvent.create({ data: { tenantId, conversationId, actorUserId, type, data } });
}

export function setConversationStatus(
  db: ScopedDb,
  tenantId: string,
  actorUserId: string,
  input: { conversationId: string; status: ConversationStatus; snoozedUntil?: Date },
) {
  if (input.status === "snoozed" && (!input.snoozedUntil || input.snoozedUntil.getTime() <= Date.now())) {
    throw new AppError("BAD_REQUEST", "inbox.errors.snoozeInPast");
  }
  return db.$scoped(async (tx) => {
    const c = await requireConversation(tx, input.conversationId);
    if (c.status === input.status && input.status !== "snoozed") return { id: c.id, status: c.status };
    const updated = await tx.conversation.update({
      where: { id: c.id },
      data: { status: input.status, snoozedUntil: input.status === "snoozed" ? input.snoozedUntil : null },
      select: { id: true, status: true, snoozedUntil: true },
    });
    await recordEvent(tx, tenantId, c.id, actorUserId, "status_changed", {
      from: c.status,
      to: input.status,
      ...(input.snoozedUntil ? { until: input.snoozedUntil.toISOString() } : {}),
    });
    return updated;
  });
}

/**
 * Snoozed conversations whose time has come are open again, with the change in their
 * activity trail ("reopened by the system"). Run every minute by a job.
 */
export function wakeSnoozedConversations(db: ScopedDb, tenantId: string, now = new Date()) {
  return db.$scoped(async (tx) => {
    const due = await tx.conversation.findMany({ where: { status: "snoozed", snoozedUntil: { lte: now } }, select: { id: true, snoozedUntil: true }, take: 500 });
    if (!due.length) return 0;
    await tx.conversation.updateMany({ where: { id: { in: due.map((c) => c.id) }, status: "snoozed" }, data: { status: "open", snoozedUntil: null } });
    await tx.conversationEvent.createMany({
      data: due.map((c) => ({ tenantId, conversationId: c.id, actorUserId: null, type: "status_changed", data: { from: "snoozed", to: "open", snoozeEnded: c.snoozedUntil?.toISOString() ?? null } })),
    });
    return due.length;
  });
}

export function assignConversation(db: ScopedDb, tenantId: string, actorUserId: string, input: { conversationId: string; assigneeId: string | null }) {
  return db.$scoped(async (tx) => {
    const c = await requireConversation(tx, input.conversationId);
    if (input.assigneeId) {
      // Only members of this tenant can be assigned (RLS hides everyone else anyway).
      const member = await tx.membership.findFirst({ where: { userId: input.assigneeId }, select: { id: true } });
      if (!member) throw new AppError("BAD_REQUEST", "inbox.errors.assigneeNotMember");
    }
    if (c.assigneeId === input.assigneeId) return { id: c.id, assigneeId: c.assigneeId };
    const updated = await tx.conversation.update({
      where: { id: c.id },
      data: { assigneeId: input.assigneeId },
      select: { id: true, assigneeId: true },
    });
    await recordEvent(tx, tenantId, c.id, actorUserId, "assigned", { from: c.assigneeId, to: input.assigneeId });
    return updated;
  });
}

export function setConversationTags(db: ScopedDb, tenantId: string, actorUserId: string, input: { conversationId: string; tags: string[] }) {
  const tags = [...new Set(input.tags)].sort();
  return db.$scoped(async (tx) => {
    const c = await requireConversation(tx, input.conversationId);
    const updated = await tx.conversation.update({ where: { id: c.id }, data: { tags }, select: { id: true, tags: true } });
    await recordEvent(tx, tenantId, c.id, actorUserId, "tags_changed", { from: c.tags, to: tags });
    return updated;
  });
}

/**
 * Read/unread is ours; on platforms that support it, "read" is also mirrored to the
 * marketplace by a background job (so a flaky platform never blocks the click).
 */
export async function markConversationRead(database: Database, db: ScopedDb, tenantId: string, input: { conversationId: string; read: boolean }) {
  const result = await db.$scoped(async (tx) => {
    const c = await requireConversation(tx, input.conversationId);
    const updated = await tx.conversation.update({
      where: { id: c.id },
      data: { unreadCount: input.read ? 0 : Math.max(1, c.unreadCount) },
      select: { id: true, unreadCount: true },
    });
    const connector = connectorFor(database, c.channelAccount.kind);
    if (input.read && c.unreadCount > 0 && connector?.capabilities.markRead && c.channelAccount.status === "active") {
      await tx.outboxEvent.create({
        data: { tenantId, name: THREAD_READ, eventKey: `${c.id}:${Date.now()}`, payload: { tenantId, conversationId: c.id } },
      });
    }
    return updated;
  });
  await dispatchTenantOutbox(database, tenantId);
  return result;
}

export function addNote(db: ScopedDb, tenantId: string, actorUserId: string, input: { conversationId: string; text: string }) {
  return db.$scoped(async (tx) => {
    const c = await requireConversation(tx, input.conversationId);
    const note = await tx.conversationNote.create({
      data: { tenantId, conversationId: c.id, authorUserId: actorUserId, text: input.text },
      select: { id: true, text: true, authorUserId: true, createdAt: true },
    });
    await addSearchTerms(tx, tenantId, [{ conversationId: c.id, texts: [input.text] }]);
    return note;
  });
}
