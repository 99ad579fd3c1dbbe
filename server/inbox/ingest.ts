import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import { tenantDb, type ScopedTransaction } from "@/server/db/tenant-scope";
import type { Prisma } from "@/server/db/generated/client";
import { factsStale } from "@/lib/marketplace-facts";
import { htmlToText, sanitizeMessageHtml } from "./message-html";
import type { IncomingMessage, IncomingThread } from "@/server/marketplaces/connector";
import { MESSAGE_RECEIVED } from "./events";
import { addSearchTerms, SEARCH_VERSION } from "./search-index";

/** Platform states in which a buyer's text is not (yet) ordinary text to answer. */
const HELD_STATUSES = new Set(["VERIFYING", "BLOCKED"]);
const isVisible = (status: string | null | undefined) => !status || !HELD_STATUSES.has(status);

/** Threads stored per transaction: big enough to amortise round trips, small enough to keep locks short. */
const CHUNK = 50;

export interface IngestAccount {
  id: string;
  tenantId: string;
}

export interface IngestResult {
  newMessages: number;
  newConversations: number;
  /** Conversations that need order/offer facts fetched (newly linked, or stale when the buyer writes again). */
  ordersToLookUp: { conversationId: string; orderExternalId: string }[];
  offersToLookUp: { conversationId: string; offerExternalId: string }[];
}

const conversationSelect = {
  id: true,
  externalThreadId: true,
  status: true,
  lastMessageAt: true,
  awaitingReplySince: true,
  orderExternalId: true,
  orderSnapshot: true,
  offerExternalId: true,
  offerSnapshot: true,
} as const;

/**
 * Stores a page of threads idempotently, in one transaction with the outbox events that
 * announce new buyer messages: re-polling the same page, overlapping pages and
 * out-of-order arrival never duplicate a message (unique external ids), and a crash
 * before dispatch loses no event. Bulk statements keep a 1,000-message poll fast.
 */
async function ingestChunk(tx: ScopedTransaction, account: IngestAccount, threads: IncomingThread[], result: IngestResult) {
  // 1. Buyers, one statement.
  const buyers = [...new Map(threads.filter((t) => t.customer).map((t) => [t.customer?.externalId ?? "", t.customer])).values()];
  const customerIds = new Map<string, string>();
  if (buyers.length) {
    const rows = await tx.$queryRaw<{ id: string; external_id: string }[]>`
      INSERT INTO customers (id, tenant_id, channel_account_id, external_id, display_name)
      SELECT gen_random_uuid(), ${account.tenantId}::uuid, ${account.id}::uuid, b.external_id, b.display_name
        FROM unnest(${buyers.map((b) => b?.externalId ?? "")}::text[], ${buyers.map((b) => b?.displayName ?? null)}::text[]) AS b(external_id, display_name)
      ON CONFLICT (channel_account_id, external_id) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, customers.display_name)
      RETURNING id, external_id`;
    for (const r of rows) customerIds.set(r.external_id, r.id);
  }

  // 2. Conversations: the existing ones, then the new ones with consecutive display numbers.
  const threadIds = threads.map((t) => t.externalThreadId);
  const existing = await tx.conversation.findMany({
    where: { channelAccountId: account.id, externalThreadId: { in: threadIds } },
    select: conversationSelect,
  });
  const conversations = new Map(existing.map((c) => [c.externalThreadId, c]));
  const missing = threads.filter((t) => !conversations.has(t.externalThreadId));
  const createdIds = new Set<string>();
  if (missing.length) {
    const [seq] = await tx.$queryRaw<{ conversation_seq: number }[]>`
      UPDATE tenants SET conversation_seq = conversation_seq + ${missing.length} WHERE id = ${account.tenantId}::uuid RETURNING conversation_seq`;
    if (!seq) throw new Error("tenant row not visible while numbering conversations");
    const firstNumber = seq.conversation_seq - missing.length + 1;
    const created = await tx.conversation.createManyAndReturn({
      data: missing.map((t, i) => ({
        tenantId: account.tenantId,
        channelAccountId: account.id,
        customerId: t.customer ? customerIds.get(t.customer.externalId) : null,
        externalThreadId: t.externalThreadId,
        number: firstNumber + i,
        subject: t.subject,
        lastMessageAt: t.messages.reduce((min, m) => (m.createdAt < min ? m.createdAt : min), t.messages[0]?.createdAt ?? new Date()),
        offerExternalId: t.offerExternalId,
        orderExternalId: t.orderExternalId,
        searchVersion: SEARCH_VERSION,
      })),
      select: conversationSelect,
    });
    for (const c of created) {
      conversations.set(c.externalThreadId, c);
      createdIds.add(c.id);
    }
    result.newConversations += created.length;
  }

  // 3. Messages: which are known (and did their moderation state change), which are new.
  const all = threads.flatMap((t) => t.messages.map((m) => ({ thread: t, m })));
  const known = new Map(
    (
      await tx.message.findMany({
        where: { channelAccountId: account.id, externalId: { in: all.map((x) => x.m.externalId) } },
        select: { id: true, externalId: true, platformStatus: true, direction: true },
      })
    ).map((k) => [k.externalId, k]),
  );
  const announce: { messageId: string; conversationId: string }[] = [];
  for (const { thread, m } of all) {
    const before = known.get(m.externalId);
    if (!before || before.platformStatus === (m.platformStatus ?? null)) continue;
    await tx.message.update({ where: { id: before.id }, data: { platformStatus: m.platformStatus } });
    // A message that was held in moderation and is now delivered becomes answerable now.
    if (before.direction === "inbound" && !isVisible(before.platformStatus) && isVisible(m.platformStatus)) {
      announce.push({ messageId: before.id, conversationId: conversations.get(thread.externalThreadId)?.id ?? "" });
    }
  }
  const fresh = all.filter((x) => !known.has(x.m.externalId));
  const created = fresh.length
    ? await tx.message.createManyAndReturn({
        data: fresh.map(({ thread, m }) => toMessageRow(account, conversations.get(thread.externalThreadId)?.id ?? "", m)),
        skipDuplicates: true,
        select: { id: true, conversationId: true, direction: true, platformStatus: true, platformCreatedAt: true, text: true },
      })
    : [];
  result.newMessages += created.length;

  // 4. Per-conversation aggregates: last activity, unread, response clock, reopen on a buyer's return.
  const reopened: string[] = [];
  const searchable: { conversationId: string; texts: (string | null | undefined)[] }[] = [];
  for (const thread of threads) {
    const conversation = conversations.get(thread.externalThreadId);
    if (!conversation) continue;
    const mine = created
      .filter((c) => c.conversationId === conversation.id)
      .sort((a, b) => a.platformCreatedAt.getTime() - b.platformCreatedAt.getTime());
    let awaiting = conversation.awaitingReplySince;
    let lastAt = conversation.lastMessageAt;
    let unread = 0;
    for (const m of mine) {
      if (m.platformCreatedAt > lastAt) lastAt = m.platformCreatedAt;
      if (m.direction === "outbound") {
        if (!awaiting || m.platformCreatedAt >= awaiting) awaiting = null;
      } else if (isVisible(m.platformStatus)) {
        awaiting ??= m.platformCreatedAt;
        unread++;
        announce.push({ messageId: m.id, conversationId: conversation.id });
      }
    }
    const customerId = thread.customer ? customerIds.get(thread.customer.externalId) : undefined;
    const reopen = unread > 0 && (conversation.status === "resolved" || conversation.status === "snoozed");
    if (reopen) reopened.push(conversation.id);
    if (mine.length || reopen || thread.orderExternalId || customerId) {
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          lastMessageAt: lastAt,
          awaitingReplySince: awaiting,
          ...(unread ? { unreadCount: { increment: unread } } : {}),
          ...(reopen ? { status: "open", snoozedUntil: null } : {}),
          ...(thread.orderExternalId && !conversation.orderExternalId ? { orderExternalId: thread.orderExternalId } : {}),
          ...(thread.offerExternalId ? { offerExternalId: thread.offerExternalId } : {}),
          ...(customerId ? { customerId } : {}),
        },
      });
    }
    const linksOrder = !!thread.orderExternalId && !conversation.orderExternalId;
    if (mine.length || createdIds.has(conversation.id) || linksOrder || customerId) {
      // The thread's own facts too: the buyer, subject and order as the platform names them.
      const facts = [thread.customer?.displayName, thread.customer?.externalId, thread.subject, thread.orderExternalId, thread.offerExternalId];
      searchable.push({ conversationId: conversation.id, texts: [...facts, ...mine.map((m) => m.text)] });
    }
    const orderId = thread.orderExternalId ?? conversation.orderExternalId;
    // First link to an order or offer, or the buyer writes again and the facts may have moved on (shipped, price, stock).
    if (orderId && (!conversation.orderSnapshot || (unread > 0 && factsStale(conversation.orderSnapshot)))) {
      result.ordersToLookUp.push({ conversationId: conversation.id, orderExternalId: orderId });
    }
    const offerId = thread.offerExternalId ?? conversation.offerExternalId;
    if (offerId && (!conversation.offerSnapshot || (unread > 0 && factsStale(conversation.offerSnapshot)))) {
      result.offersToLookUp.push({ conversationId: conversation.id, offerExternalId: offerId });
    }
  }

  await addSearchTerms(tx, account.tenantId, searchable);
  if (reopened.length) {
    await tx.conversationEvent.createMany({
      data: reopened.map((conversationId) => ({ tenantId: account.tenantId, conversationId, type: "reopened", data: { reason: "buyer_replied" } })),
    });
  }
  if (announce.length) {
    await tx.outboxEvent.createMany({
      data: announce.map(({ messageId, conversationId }) => ({
        id: randomUUID(),
        tenantId: account.tenantId,
        name: MESSAGE_RECEIVED,
        eventKey: messageId,
        payload: { tenantId: account.tenantId, conversationId, messageId },
      })),
      skipDuplicates: true,
    });
  }
}

function toMessageRow(account: IngestAccount, conversationId: string, m: IncomingMessage): Prisma.MessageCreateManyInput {
  return {
    tenantId: account.tenantId,
    conversationId,
    channelAccountId: account.id,
    direction: m.direction,
    author: m.direction === "inbound" ? "customer" : "seller",
    externalId: m.externalId,
    text: m.text.trim() || (m.html ? htmlToText(m.html) : ""),
    html: m.html ? sanitizeMessageHtml(m.html) || null : null,
    attachments: m.attachments as unknown as Prisma.InputJsonValue,
    platformStatus: m.platformStatus,
    platformCreatedAt: m.createdAt,
    deliveryState: m.direction === "outbound" ? "sent" : null,
    sentAt: m.direction === "outbound" ? m.createdAt : null,
  };
}

export async function ingestThreads(db: Database, account: IngestAccount, threads: IncomingThread[]): Promise<IngestResult> {
  const result: IngestResult = { newMessages: 0, newConversations: 0, ordersToLookUp: [], offersToLookUp: [] };
  // The same thread twice in one page (a platform quirk) is merged, never double-counted.
  const merged = new Map<string, IncomingThread>();
  for (const t of threads) {
    const prev = merged.get(t.externalThreadId);
    merged.set(t.externalThreadId, prev ? { ...prev, ...t, messages: [...prev.messages, ...t.messages] } : t);
  }
  const unique = [...merged.values()];
  const scoped = tenantDb(db.prisma, account.tenantId);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    await scoped.$scoped((tx) => ingestChunk(tx, account, chunk, result), { timeout: 60_000 });
  }
  return result;
}
