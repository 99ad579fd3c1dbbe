import type { ScopedDb } from "@/server/db/tenant-scope";
import { Prisma, type ChannelKind, type ConversationStatus } from "@/server/db/generated/client";
import { AppError } from "@/lib/errors";
import type { ListConversationsInput } from "./schemas";
import { dueAt, responseTargets } from "./response-targets";
import { planSearch } from "./search-query";
import { searchPage, type SearchCursor, type SearchRow } from "./search-page";

const listSelect = {
  id: true,
  number: true,
  subject: true,
  status: true,
  snoozedUntil: true,
  priority: true,
  tags: true,
  unreadCount: true,
  lastMessageAt: true,
  awaitingReplySince: true,
  needsHuman: true,
  needsHumanReason: true,
  assignee: { select: { id: true, name: true } },
  customer: { select: { id: true, displayName: true, externalId: true } },
  channelAccount: { select: { id: true, kind: true, name: true, status: true } },
  messages: {
    orderBy: { platformCreatedAt: "desc" },
    take: 1,
    select: { text: true, direction: true, platformCreatedAt: true },
  },
} satisfies Prisma.ConversationSelect;

/** A list position; inside a search also the rank (search-query.ts) the last row had. */
export function encodeCursor(at: Date, id: string, rank?: number) {
  return Buffer.from(`${rank === undefined ? "" : `${rank}|`}${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): SearchCursor {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  // Cursors from before search ranks have no rank: the first one.
  const [rank, at, id] = parts.length === 3 ? [Number(parts[0]), parts[1], parts[2]] : [0, parts[0], parts[1]];
  const date = at ? new Date(at) : new Date(NaN);
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id) || !Number.isInteger(rank) || rank < 0 || rank > 9) {
    throw new AppError("BAD_REQUEST", "inbox.errors.badCursor");
  }
  return { rank, at: date, id };
}

/** The list's filters on conversation c (RLS applies as well). */
function listFilters(userId: string, input: ListConversationsInput, targets: Record<ChannelKind, number>): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (input.channelAccountId) where.push(Prisma.sql`c.channel_account_id = ${input.channelAccountId}::uuid`);
  if (input.status !== "all") where.push(Prisma.sql`c.status = ${input.status}::"ConversationStatus"`);
  if (input.assignee === "mine") where.push(Prisma.sql`c.assignee_id = ${userId}::uuid`);
  if (input.assignee === "unassigned") where.push(Prisma.sql`c.assignee_id IS NULL`);
  if (input.unreadOnly) where.push(Prisma.sql`c.unread_count > 0`);
  if (input.tag) where.push(Prisma.sql`${input.tag.toLowerCase()} = ANY(c.tags)`);
  if (input.overdueOnly) {
    // The clock runs only while the conversation is open or pending.
    where.push(Prisma.sql`c.status IN ('open', 'pending') AND c.awaiting_reply_since IS NOT NULL AND EXISTS (
      SELECT 1 FROM channel_accounts ca WHERE ca.id = c.channel_account_id
         AND c.awaiting_reply_since < now() - make_interval(mins => (${JSON.stringify(targets)}::jsonb ->> ca.kind::text)::int))`);
  }
  return where;
}

/**
 * The page of conversation ids (one more than asked, to know whether there is a next
 * page): newest first, or ranked by search-page.ts when the seller searches. The
 * explicit tenant condition lets the planner use the (tenant, recency) index.
 */
async function pageIds(db: ScopedDb, tenantId: string, userId: string, input: ListConversationsInput, targets: Record<ChannelKind, number>): Promise<SearchRow[]> {
  const filters = listFilters(userId, input, targets);
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.search) return searchPage(db, tenantId, planSearch(input.search), filters, cursor, input.limit + 1);
  if (cursor) filters.push(Prisma.sql`(c.last_message_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await db.$queryRaw<{ id: string; last_message_at: Date }[]>`
    SELECT c.id, c.last_message_at FROM conversations c
     WHERE ${Prisma.join([Prisma.sql`c.tenant_id = ${tenantId}::uuid`, ...filters], " AND ")}
     ORDER BY c.last_message_at DESC, c.id DESC
     LIMIT ${input.limit + 1}`;
  return rows.map((r) => ({ ...r, rank: 0 }));
}

export async function listConversations(db: ScopedDb, tenantId: string, userId: string, input: ListConversationsInput) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { inboxSettings: true } });
  const targets = responseTargets(tenant?.inboxSettings);
  const now = new Date();
  const ids = await pageIds(db, tenantId, userId, input, targets);
  const page = ids.slice(0, input.limit);
  const rows = page.length
    ? await db.conversation.findMany({ where: { id: { in: page.map((r) => r.id) } }, select: listSelect })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const last = page.at(-1);
  return {
    items: page
      .map((p) => byId.get(p.id))
      .filter((c): c is NonNullable<typeof c> => c !== undefined)
      .map(({ messages, ...c }) => {
        const due = replyDue(c, targets);
        return { ...c, lastMessage: messages[0] ?? null, replyDueAt: due, overdue: due !== null && due < now };
      }),
    nextCursor: ids.length > input.limit && last ? encodeCursor(last.last_message_at, last.id, input.search ? last.rank : undefined) : null,
  };
}

const THREAD_WINDOW = 500;

/** The response clock runs only while the buyer waits on an open or pending conversation. */
function replyDue(c: { status: ConversationStatus; awaitingReplySince: Date | null; channelAccount: { kind: ChannelKind } }, targets: Record<ChannelKind, number>) {
  return c.status === "open" || c.status === "pending" ? dueAt(c.awaitingReplySince, targets[c.channelAccount.kind]) : null;
}

/** One conversation with its thread: messages in platform order, internal notes and the activity trail. */
export async function getConversationThread(db: ScopedDb, tenantId: string, conversationId: string) {
  const [conversation, tenant] = await Promise.all([
    db.conversation.findUnique({
      where: { id: conversationId },
      select: {
        ...listSelect,
        messages: undefined,
        externalThreadId: true,
        offerExternalId: true,
        orderExternalId: true,
        orderSnapshot: true,
        offerSnapshot: true,
        createdAt: true,
      },
    }),
    db.tenant.findUnique({ where: { id: tenantId }, select: { inboxSettings: true } }),
  ]);
  if (!conversation) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
  const [newestMessages, notes, newestEvents, sentDrafts] = await Promise.all([
    // The newest THREAD_WINDOW messages (a long thread shows its latest, not its first).
    db.message.findMany({
      where: { conversationId },
      orderBy: [{ platformCreatedAt: "desc" }, { createdAt: "desc" }],
      take: THREAD_WINDOW + 1,
      select: {
        id: true,
        direction: true,
        author: true,
        authorUserId: true,
        text: true,
        html: true,
        attachments: true,
        platformStatus: true,
        platformCreatedAt: true,
        deliveryState: true,
        deliveryError: true,
        retryCount: true,
        sentAt: true,
      },
    }),
    db.conversationNote.findMany({
      where: { conversationId },
      orderBy: { createdAt: "asc" },
      select: { id: true, text: true, authorUserId: true, createdAt: true },
    }),
    db.conversationEvent.findMany({
      where: { conversationId },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, type: true, data: true, actorUserId: true, createdAt: true },
    }),
    // Replies that went out from an AI draft (a person's rewrite is labelled "based on an AI draft").
    db.aiReply.findMany({ where: { conversationId, status: "sent", messageId: { not: null } }, select: { messageId: true } }),
  ]);
  const olderMessagesHidden = newestMessages.length > THREAD_WINDOW;
  const fromDrafts = new Set(sentDrafts.map((r) => r.messageId));
  const messages = newestMessages
    .slice(0, THREAD_WINDOW)
    .reverse()
    .map((m) => ({ ...m, fromAiDraft: fromDrafts.has(m.id) }));
  const events = newestEvents.reverse();
  const authors = await db.user.findMany({
    where: { id: { in: [...new Set([...messages, ...notes, ...events].map((x) => ("authorUserId" in x ? x.authorUserId : x.actorUserId)).filter((x): x is string => !!x))] } },
    select: { id: true, name: true },
  });
  const targets = responseTargets(tenant?.inboxSettings);
  return {
    conversation: { ...conversation, replyDueAt: replyDue(conversation, targets) },
    messages,
    olderMessagesHidden,
    notes,
    events,
    people: Object.fromEntries(authors.map((a) => [a.id, a.name])),
  };
}
