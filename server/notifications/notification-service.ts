import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import type { Prisma } from "@/server/db/generated/client";
import { AppError } from "@/lib/errors";

/**
 * In-app notifications: one row per recipient. Rows are tenant-scoped by RLS; within a
 * tenant every read and write here is also filtered by the signed-in user's id, which
 * comes from the session, never from the client.
 */
export type NotificationKind = "ai_escalated" | "plan_limit";

export async function notifyUsers(
  tx: ScopedTransaction,
  tenantId: string,
  userIds: string[],
  notification: { kind: NotificationKind; conversationId?: string; data?: Prisma.InputJsonValue },
) {
  const recipients = [...new Set(userIds)];
  if (!recipients.length) return 0;
  const { count } = await tx.notification.createMany({
    data: recipients.map((userId) => ({ tenantId, userId, kind: notification.kind, conversationId: notification.conversationId, data: notification.data ?? {} })),
  });
  return count;
}

const PAGE = 20;

export async function listNotifications(db: ScopedDb, userId: string, input: { cursor?: string; unreadOnly?: boolean }) {
  const rows = await db.notification.findMany({
    where: { userId, ...(input.unreadOnly ? { readAt: null } : {}), ...(input.cursor ? { id: { lt: input.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: PAGE + 1,
    select: {
      id: true,
      kind: true,
      data: true,
      readAt: true,
      createdAt: true,
      conversation: { select: { id: true, number: true, subject: true, customer: { select: { displayName: true } } } },
    },
  });
  const items = rows.slice(0, PAGE).map((n) => ({
    id: n.id,
    kind: n.kind as NotificationKind,
    reason: readReason(n.data),
    /** plan_limit: which of the plan's limits is past the soft limit. */
    limit: readLimit(n.data),
    read: n.readAt !== null,
    createdAt: n.createdAt,
    conversation: n.conversation
      ? { id: n.conversation.id, number: n.conversation.number, subject: n.conversation.subject, buyer: n.conversation.customer?.displayName ?? null }
      : null,
  }));
  return { items, nextCursor: rows.length > PAGE ? items.at(-1)?.id : undefined };
}

export async function unreadNotificationCount(db: ScopedDb, userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks the given notifications (or all of the user's) read; ids that are not the user's are NOT_FOUND. */
export async function markNotificationsRead(db: ScopedDb, userId: string, ids: string[] | "all") {
  if (ids !== "all") {
    const own = await db.notification.count({ where: { userId, id: { in: ids } } });
    if (own !== new Set(ids).size) throw new AppError("NOT_FOUND", "notifications.errors.notFound");
  }
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}

/**
 * Opening a conversation settles what the user was notified about in it. A conversation
 * this tenant does not have (or another tenant's) is NOT_FOUND.
 */
export async function markConversationNotificationsRead(db: ScopedDb, userId: string, conversationId: string) {
  const conversation = await db.conversation.findFirst({ where: { id: conversationId }, select: { id: true } });
  if (!conversation) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
  const { count } = await db.notification.updateMany({ where: { userId, conversationId, readAt: null }, data: { readAt: new Date() } });
  return { updated: count };
}

const LIMITS = ["documents", "seats", "channelAccounts", "aiReplies"] as const;

function readLimit(data: Prisma.JsonValue): (typeof LIMITS)[number] | null {
  const value = data && typeof data === "object" && !Array.isArray(data) ? data.limit : null;
  return LIMITS.find((l) => l === value) ?? null;
}

function readReason(data: Prisma.JsonValue): string | null {
  return data && typeof data === "object" && !Array.isArray(data) && typeof data.reason === "string" ? data.reason : null;
}
