import { randomUUID } from "node:crypto";
import { tenantDb } from "@/server/db/tenant-scope";
import { encodeCursor, listConversations } from "@/server/inbox/conversation-queries";
import { ingestThreads } from "@/server/inbox/ingest";
import { ZListConversationsInput } from "@/server/inbox/schemas";
import type { IncomingThread } from "@/server/marketplaces/connector";
import type { BenchDatabase } from "./database";
import { ms, summarize, timeEach } from "./stats";

const WORDS = ["zwrot", "wysyłka", "paczka", "rozmiar", "faktura", "reklamacja", "kurier", "paczkomat", "kolor", "gwarancja", "dostawa", "płatność"];

/**
 * Inbox benchmark: conversation list (first page, a deep cursor page) and full-text
 * search for one big tenant, plus ingestion throughput of a 1,000-message poll.
 */
export async function benchInbox(bench: BenchDatabase, opts: { conversations: number; messagesPer: number }) {
  const { db } = bench;
  const tenantId = randomUUID();
  const channelId = randomUUID();
  const userId = randomUUID();
  const { scopedClient } = await import("@/server/db/tenant-scope");
  await scopedClient(db.prisma, { tenantId, userId }).$scoped(async (tx) => {
    await tx.user.create({ data: { id: userId, email: `bench-${userId}@bench.test`, name: "Bench", passwordHash: "x" } });
    await tx.tenant.create({ data: { id: tenantId, name: "Big shop", slug: `big-${tenantId.slice(0, 8)}` } });
    await tx.membership.create({ data: { tenantId, userId, role: "owner" } });
    await tx.channelAccount.create({ data: { id: channelId, tenantId, kind: "demo", name: "Bench", externalAccountId: "bench" } });
  });
  const started = performance.now();
  await bench.withOwnerClient(async (owner) => {
    await owner.$executeRawUnsafe(
      `INSERT INTO conversations (id, tenant_id, channel_account_id, external_thread_id, number, status, unread_count, last_message_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, 't' || g, g,
              (ARRAY['open','open','pending','resolved']::"ConversationStatus"[])[1 + g % 4], g % 3,
              now() - (g * interval '37 seconds'), now()
         FROM generate_series(1, $3::int) g`,
      tenantId, channelId, opts.conversations,
    );
    await owner.$executeRawUnsafe(
      `INSERT INTO messages (id, tenant_id, conversation_id, channel_account_id, direction, author, external_id, text, platform_created_at)
       SELECT gen_random_uuid(), c.tenant_id, c.id, c.channel_account_id,
              CASE WHEN m % 2 = 0 THEN 'inbound'::"MessageDirection" ELSE 'outbound'::"MessageDirection" END,
              CASE WHEN m % 2 = 0 THEN 'customer'::"MessageAuthor" ELSE 'seller'::"MessageAuthor" END,
              c.external_thread_id || '-' || m,
              'Dzień dobry, pytanie o ' || ($4::text[])[1 + (c.number * 7 + m) % 12] || ' i ' || ($4::text[])[1 + (c.number + m * 5) % 12] || ' zamówienia nr ' || c.number,
              c.last_message_at - (($3::int - m) * interval '1 minute')
         FROM conversations c CROSS JOIN generate_series(1, $3::int) m
        WHERE c.tenant_id = $1::uuid AND c.channel_account_id = $2::uuid`,
      tenantId, channelId, opts.messagesPer, WORDS,
    );
    await owner.$executeRawUnsafe(
      `UPDATE conversations c SET search_text = s.t
         FROM (SELECT conversation_id, string_agg(text, ' ') AS t FROM messages WHERE tenant_id = $1::uuid GROUP BY 1) s
        WHERE s.conversation_id = c.id`,
      tenantId,
    );
    await owner.$executeRawUnsafe(`UPDATE tenants SET conversation_seq = $2 WHERE id = $1::uuid`, tenantId, opts.conversations);
    await owner.$executeRawUnsafe(`ANALYZE conversations`);
    await owner.$executeRawUnsafe(`ANALYZE messages`);
  });
  const seeded = (performance.now() - started) / 1000;
  const scoped = tenantDb(db.prisma, tenantId);
  const input = (extra: object) => ZListConversationsInput.parse(extra);

  const deepRow = await bench.withOwnerClient((owner) =>
    owner.conversation.findMany({
      where: { tenantId },
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      skip: Math.floor(opts.conversations / 2),
      take: 1,
      select: { id: true, lastMessageAt: true },
    }),
  );
  const deepCursor = deepRow[0] ? encodeCursor(deepRow[0].lastMessageAt, deepRow[0].id) : undefined;

  const runs = 200;
  const variants: [string, () => Promise<unknown>][] = [
    ["first page (30)", () => listConversations(scoped, tenantId, userId, input({ limit: 30 }))],
    ["deep cursor page (middle)", () => listConversations(scoped, tenantId, userId, input({ limit: 30, cursor: deepCursor }))],
    ["filter open + unread", () => listConversations(scoped, tenantId, userId, input({ limit: 30, status: "open", unreadOnly: true }))],
    ["full-text search", async () => listConversations(scoped, tenantId, userId, input({ limit: 30, search: WORDS[Math.floor(Math.random() * WORDS.length)] }))],
    ["full-text search, 2 words", () => listConversations(scoped, tenantId, userId, input({ limit: 30, search: "reklamacja kurier" }))],
  ];
  console.log(`\n## Inbox list and search (${bench.label})`);
  console.log(`   1 tenant: ${opts.conversations.toLocaleString("en")} conversations, ${(opts.conversations * opts.messagesPer).toLocaleString("en")} messages (seeded in ${seeded.toFixed(1)} s)`);
  for (const [name, fn] of variants) {
    await timeEach(20, fn);
    const s = summarize(await timeEach(runs, fn));
    console.log(`   ${name.padEnd(28)} p50 ${ms(s.p50)}  p95 ${ms(s.p95)}   (target p95 < 50 ms)`);
  }

  // Ingestion: one poll bringing 1,000 new messages in 100 threads of 10.
  const threads: IncomingThread[] = Array.from({ length: 100 }, (_, t) => ({
    externalThreadId: `ingest-${randomUUID()}`,
    customer: { externalId: `buyer_${t}` },
    messages: Array.from({ length: 10 }, (_, m) => ({
      externalId: randomUUID(),
      direction: m % 3 === 2 ? ("outbound" as const) : ("inbound" as const),
      text: `Wiadomość ${m} w wątku ${t}: ${WORDS[(t + m) % WORDS.length]}`,
      createdAt: new Date(Date.now() - (10 - m) * 60_000),
      platformStatus: "DELIVERED",
      attachments: [],
    })),
  }));
  const t0 = performance.now();
  const result = await ingestThreads(db, { id: channelId, tenantId }, threads);
  const seconds = (performance.now() - t0) / 1000;
  const again0 = performance.now();
  const again = await ingestThreads(db, { id: channelId, tenantId }, threads);
  const againSeconds = (performance.now() - again0) / 1000;
  console.log(`\n## Inbox ingestion (${bench.label})`);
  console.log(`   1,000 new messages in 100 threads: ${result.newMessages} stored in ${seconds.toFixed(2)} s → ${(result.newMessages / seconds).toFixed(0)} messages/s (target > 500)`);
  console.log(`   same poll again (all duplicates): ${again.newMessages} stored in ${againSeconds.toFixed(2)} s → ${(1000 / againSeconds).toFixed(0)} messages/s checked`);
}
