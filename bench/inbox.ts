import { randomUUID } from "node:crypto";
import { tenantDb } from "@/server/db/tenant-scope";
import { encodeCursor, listConversations } from "@/server/inbox/conversation-queries";
import { ingestThreads } from "@/server/inbox/ingest";
import { reindexOutdatedConversations } from "@/server/inbox/search-index";
import { ZListConversationsInput } from "@/server/inbox/schemas";
import type { IncomingThread } from "@/server/marketplaces/connector";
import type { BenchDatabase } from "./database";
import { ms, summarize, timeEach } from "./stats";

const WORDS = ["zwrot", "wysyłka", "paczka", "rozmiar", "faktura", "reklamacja", "kurier", "paczkomat", "kolor", "gwarancja", "dostawa", "płatność"];

/** Products as the buyer writes them (accusative) and as the order names them. */
const PRODUCTS: [string, string][] = [
  ["kurtkę zimową", "Kurtka zimowa Nordic"], ["bluzę z kapturem", "Bluza z kapturem Classic"], ["plecak miejski", "Plecak miejski Urban 20 l"],
  ["czapkę", "Czapka beanie Merino"], ["buty trekkingowe", "Buty trekkingowe Alpina"], ["koszulkę", "Koszulka bawełniana Basic"],
  ["spodnie", "Spodnie chino Slim"], ["rękawiczki", "Rękawiczki polarowe Frost"], ["torbę", "Torba podróżna Voyager"], ["sukienkę", "Sukienka letnia Lena"],
  ["kamizelkę", "Kamizelka puchowa Arctic"], ["szalik", "Szalik wełniany Highland"], ["piżamę", "Piżama flanelowa Comfy"], ["portfel", "Portfel skórzany Milano"],
];
const INBOUND = [
  "Dzień dobry, kiedy wyślecie moją {p}? Zamówienie nr {n}.",
  "Czy mogę zwrócić {p}? Rozmiar jest za mały.",
  "Paczka jeszcze nie dotarła, co z moją przesyłką?",
  "Proszę o fakturę na firmę do zamówienia {n}.",
  "Reklamacja: {p} przyszła uszkodzona, co teraz?",
  "Czy {p} jest dostępna w innym kolorze?",
  "Kurier nie zostawił awizo, gdzie jest paczka?",
  "Kiedy dostanę zwrot pieniędzy za {p}?",
  "Czy mogę odebrać przesyłkę w paczkomacie?",
  "Jaka jest gwarancja na {p}?",
];
const OUTBOUND = [
  "Dziękujemy, zamówienie wyślemy jutro rano.",
  "Zwrot przyjęty, pieniądze wrócą w ciągu 14 dni.",
  "Przesyłka jest w drodze, numer śledzenia w szczegółach zamówienia.",
  "Fakturę wyślemy mailem jeszcze dziś.",
  "Prosimy o zdjęcia uszkodzeń, rozpatrzymy reklamację w 14 dni.",
];
const FIRST = ["Anna", "Jan", "Katarzyna", "Piotr", "Magdalena", "Tomasz", "Agnieszka", "Paweł", "Monika", "Marcin", "Ewa", "Michał", "Joanna", "Krzysztof", "Aleksandra", "Łukasz"];
/** Surname roots; a female first name takes -ska, a male one -ski (Kowalska / Kowalski). */
const ROOTS = "Kowal Nowo Wiśniew Wójcik Kamiń Lewandow Zieliń Szymań Woźniak Dąbrow Kozłow Jankow Mazur Wojciechow Kwiatkow Krawczyk Kaczmar Piotrow Grabow Zając Pawłow Michal Król Wieczor Jabłoń Wróbel Nowakow Majew Olszew Stępień Malinow Jaworski Adamczyk Dudek Nowicki Pawlak Górski Witkow Walczak Sikor Baran Rutkow Michalak Szewczyk Ostrow Tomaszew Pietrzak Duda Zalew Wróblew Jasiń Marciniak Sadow Bąkow Zawadz Jakubow Wilczyń Chmielew Borkow Sokołow Szczepań Sawicki Lis Kubiak Maciejew Kalin Mazurkiew Wysock Kołodziej Kaźmierczak Czarnec Konieczn Urban Kołakow Głowac Zakrzew Krajew Gajew Szulc Sobczak Przybył Makowski Wilk Czerwiń Ziółkow Jakubczyk Górec Tomczak Kowalczyk Markow Kucharski Kalisz Kozak Sowiń Wasilew Zawisz Brzeziń Leśniak".split(" ");

/**
 * Inbox benchmark: conversation list (first page, a deep cursor page) and search for one
 * big tenant (buyers with names, orders with items, a mixed Polish thread each), plus
 * ingestion throughput of a 1,000-message poll.
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
      `INSERT INTO customers (id, tenant_id, channel_account_id, external_id, display_name)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'kupujacy_' || g,
              ($4::text[])[1 + g % 16] || ' ' || ($5::text[])[1 + (g * 7919) % array_length($5::text[], 1)] || CASE WHEN g % 2 = 0 THEN 'ska' ELSE 'ski' END
         FROM generate_series(1, $3::int) g`,
      tenantId, channelId, opts.conversations, FIRST, ROOTS,
    );
    // Six in ten conversations are about an order: one item, a waybill.
    await owner.$executeRawUnsafe(
      `INSERT INTO conversations (id, tenant_id, channel_account_id, customer_id, external_thread_id, number, status, unread_count, last_message_at, updated_at, order_external_id, order_snapshot)
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, cu.id, 't' || g, g,
              (ARRAY['open','open','pending','resolved']::"ConversationStatus"[])[1 + g % 4], g % 3,
              now() - (g * interval '37 seconds'), now(),
              CASE WHEN g % 5 < 3 THEN 'ord-' || (1000000 + g) END,
              CASE WHEN g % 5 < 3 THEN jsonb_build_object('id', 'ord-' || (1000000 + g), 'status', 'SENT', 'buyerLogin', 'kupujacy_' || g,
                'items', jsonb_build_array(jsonb_build_object('name', ($4::text[])[1 + (g * 31) % array_length($4::text[], 1)], 'quantity', 1)),
                'tracking', jsonb_build_array(jsonb_build_object('waybill', (620000000000 + g * 13)::text))) END
         FROM generate_series(1, $3::int) g JOIN customers cu ON cu.tenant_id = $1::uuid AND cu.external_id = 'kupujacy_' || g`,
      tenantId, channelId, opts.conversations, PRODUCTS.map((p) => p[1]),
    );
    await owner.$executeRawUnsafe(
      `INSERT INTO messages (id, tenant_id, conversation_id, channel_account_id, direction, author, external_id, text, platform_created_at)
       SELECT gen_random_uuid(), c.tenant_id, c.id, c.channel_account_id,
              CASE WHEN m % 2 = 1 THEN 'inbound'::"MessageDirection" ELSE 'outbound'::"MessageDirection" END,
              CASE WHEN m % 2 = 1 THEN 'customer'::"MessageAuthor" ELSE 'seller'::"MessageAuthor" END,
              c.external_thread_id || '-' || m,
              CASE WHEN m % 2 = 1
                THEN replace(replace(($4::text[])[1 + (c.number * 7 + m) % array_length($4::text[], 1)], '{p}', ($6::text[])[1 + (c.number * 31) % array_length($6::text[], 1)]), '{n}', coalesce(c.order_external_id, c.number::text))
                ELSE ($5::text[])[1 + (c.number + m) % array_length($5::text[], 1)] END,
              c.last_message_at - (($3::int - m) * interval '1 minute')
         FROM conversations c CROSS JOIN generate_series(1, $3::int) m
        WHERE c.tenant_id = $1::uuid AND c.channel_account_id = $2::uuid`,
      tenantId, channelId, opts.messagesPer, INBOUND, OUTBOUND, PRODUCTS.map((p) => p[0]),
    );
    await owner.$executeRawUnsafe(`UPDATE tenants SET conversation_seq = $2 WHERE id = $1::uuid`, tenantId, opts.conversations);
  });
  // The search terms are written by the sweep that indexes conversations stored before it existed.
  const indexing = performance.now();
  const indexed = await reindexOutdatedConversations(db, 60 * 60_000);
  const indexSeconds = (performance.now() - indexing) / 1000;
  // VACUUM (what autovacuum does after a bulk load) sets the visibility map index-only scans need; PGlite's adapter runs it in a transaction, where it cannot.
  const vacuum = db.engine === "postgres" ? "VACUUM ANALYZE" : "ANALYZE";
  await bench.withOwnerClient(async (owner) => {
    for (const table of ["conversations", "messages", "conversation_terms"]) await owner.$executeRawUnsafe(`${vacuum} ${table}`);
  });
  const seeded = (indexing - started) / 1000;
  const termRows = await bench.withOwnerClient(async (owner) => Number((await owner.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM conversation_terms WHERE tenant_id = $1::uuid`, tenantId))[0]?.n ?? 0));
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
  const pick = <T,>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const search = (text: string) => listConversations(scoped, tenantId, userId, input({ limit: 30, search: text }));
  const variants: [string, () => Promise<unknown>][] = [
    ["first page (30)", () => listConversations(scoped, tenantId, userId, input({ limit: 30 }))],
    ["deep cursor page (middle)", () => listConversations(scoped, tenantId, userId, input({ limit: 30, cursor: deepCursor }))],
    ["filter open + unread", () => listConversations(scoped, tenantId, userId, input({ limit: 30, status: "open", unreadOnly: true }))],
    ["search: common word", () => search(pick(WORDS))],
    ["search: inflected word", () => search(pick(["paczkę", "kurtki", "zwrotu", "fakturę", "reklamację", "przesyłki"]))],
    ["search: 2 words", () => search(pick(["zwrot pieniędzy", "kurtka zimowa", "paczka nie dotarła", "faktura firma"]))],
    ["search: buyer's surname", () => search(`${pick(ROOTS)}skiej`)],
    ["search: order item", () => search(pick(["nordic", "merino", "plecak urban", "voyager"]))],
    ["search: one buyer's login", () => search(`kupujacy_${1 + Math.floor(Math.random() * opts.conversations)}`)],
    ["search: a waybill", () => search(String(620000000000 + 13 * 5 * (1 + Math.floor(Math.random() * (opts.conversations / 5 - 1)))))],
    ["search: being typed", () => search(pick(["kur", "kurt", "zwr", "pacz", "reklam"]))],
    ["search: no match", () => search(pick(["xyzzy", "hulajnoga", "rower górski"]))],
    ["search + filter open", () => listConversations(scoped, tenantId, userId, input({ limit: 30, status: "open", search: pick(WORDS) }))],
  ];
  console.log(`\n## Inbox list and search (${bench.label})`);
  console.log(`   1 tenant: ${opts.conversations.toLocaleString("en")} conversations, ${(opts.conversations * opts.messagesPer).toLocaleString("en")} messages (seeded in ${seeded.toFixed(1)} s)`);
  console.log(`   search index built by the sweep: ${indexed.toLocaleString("en")} conversations in ${indexSeconds.toFixed(1)} s → ${(indexed / indexSeconds).toFixed(0)} conversations/s, ${termRows.toLocaleString("en")} postings`);
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
