import type { ScopedDb } from "@/server/db/tenant-scope";
import { Prisma, type ChannelKind, type ConversationStatus } from "@/server/db/generated/client";
import { AppError } from "@/lib/errors";
import type { ListConversationsInput } from "./schemas";
import { dueAt, responseTargets } from "./response-targets";

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

export function encodeCursor(at: Date, id: string) {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = at ? new Date(at) : new Date(NaN);
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new AppError("BAD_REQUEST", "inbox.errors.badCursor");
  return { at: date, id };
}

/**
 * Words of a search box as a tsquery: complete words exact, the last one as a prefix
 * (the seller may still be typing): 'zwrot pien' → 'zwrot & pien:*'. Exact terms also
 * give the planner real frequencies to choose between the recency index and GIN.
 */
export function toPrefixTsQuery(search: string): string | null {
  const terms = search.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return terms.length ? terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(" & ") : null;
}

/**
 * The page of conversation ids, in SQL: filters, full-text search and the keyset cursor
 * in one statement, so PostgreSQL can choose between walking the recency index and
 * probing messages (common words) or starting from the GIN index (rare words).
 * RLS still applies; the explicit tenant condition lets the planner use the index.
 */
async function pageIds(
  db: ScopedDb,
  tenantId: string,
  userId: string,
  input: ListConversationsInput,
  targets: Record<ChannelKind, number>,
): Promise<{ id: string; last_message_at: Date }[]> {
  const where: Prisma.Sql[] = [Prisma.sql`c.tenant_id = ${tenantId}::uuid`];
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
  if (input.search) {
    // Buyer names and message texts are both in the conversation's search vector.
    const number = /^#?(\d{1,9})$/.exec(input.search)?.[1];
    const query = toPrefixTsQuery(input.search);
    const alternatives: Prisma.Sql[] = [];
    if (number) alternatives.push(Prisma.sql`c.number = ${Number(number)}`);
    if (query) alternatives.push(Prisma.sql`c.search_vector @@ to_tsquery('simple', ${query})`);
    where.push(alternatives.length ? Prisma.sql`(${Prisma.join(alternatives, " OR ")})` : Prisma.sql`FALSE`);
  }
  if (input.cursor) {
    const { at, id } = decodeCursor(input.cursor);
    where.push(Prisma.sql`(c.last_message_at, c.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return db.$queryRaw<{ id: string; last_message_at: Date }[]>`
    SELECT c.id, c.last_message_at FROM conversations c
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY c.last_message_at DESC, c.id DESC
     LIMIT ${input.limit + 1}`;
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
    nextCursor: ids.length > input.limit && last ? encodeCursor(last.last_message_at, last.id) : null,
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
  const [newestMessages, notes, newestEvents] = await Promise.all([
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
  ]);
  const olderMessagesHidden = newestMessages.length > THREAD_WINDOW;
  const messages = newestMessages.slice(0, THREAD_WINDOW).reverse();
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
