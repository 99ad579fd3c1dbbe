import type { Database } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant-scope";
import type { IncomingThread } from "@/server/marketplaces/connector";
import { ensureDemoChannel } from "./channel-service";
import { ingestThreads } from "./ingest";
import { addNote } from "./conversation-commands";
import { storeConversationFacts } from "./search-index";

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
let seq = 0;
const msg = (direction: "inbound" | "outbound", minutesAgo: number, text: string) => ({
  externalId: `demo-seed-${++seq}`,
  direction,
  text,
  createdAt: ago(minutesAgo),
  platformStatus: "DELIVERED",
  attachments: [],
});

/** Realistic Polish (and one English) buyer conversations for the demo shop. */
function demoThreads(): IncomingThread[] {
  return [
    {
      externalThreadId: "demo-wysylka",
      customer: { externalId: "marta_k93", displayName: "marta_k93" },
      orderExternalId: "demo-order-1001",
      messages: [msg("inbound", 120, "Dzień dobry, kiedy wyślecie moją paczkę? Zamówiłam wczoraj kurtkę zimową w rozmiarze M i potrzebuję jej na weekend.")],
    },
    {
      externalThreadId: "demo-zwrot",
      customer: { externalId: "tomek_rower", displayName: "tomek_rower" },
      messages: [
        msg("inbound", 26 * 60, "Czy mogę zwrócić buty, jeśli rozmiar nie będzie pasował? Ile mam na to czasu?"),
        msg("outbound", 25 * 60, "Dzień dobry! Tak, ma Pan 30 dni na zwrot bez podania przyczyny. Wystarczy odesłać buty w oryginalnym opakowaniu."),
        msg("inbound", 300, "Dziękuję, a kto płaci za przesyłkę zwrotną?"),
      ],
    },
    {
      externalThreadId: "demo-rozmiar",
      customer: { externalId: "anna.nowak", displayName: "anna.nowak" },
      offerExternalId: "demo-offer-bluza",
      messages: [msg("inbound", 30, "Jaki rozmiar bluzy wybrać? Mam 170 cm wzrostu i zwykle noszę M, ale lubię luźniejszy krój.")],
    },
    {
      externalThreadId: "demo-reklamacja",
      customer: { externalId: "kowalski_jan", displayName: "kowalski_jan" },
      messages: [
        msg("inbound", 27 * 60, "Paczka przyszła uszkodzona, karton był rozerwany, a kubek jest stłuczony. Co teraz? Chcę zwrotu pieniędzy."),
        msg("inbound", 26 * 60, "Halo? Czekam na odpowiedź."),
      ],
    },
    {
      externalThreadId: "demo-niemcy",
      customer: { externalId: "john_d", displayName: "john_d" },
      messages: [msg("inbound", 180, "Hi, do you ship to Germany? How long does delivery usually take?")],
    },
    {
      externalThreadId: "demo-podziekowanie",
      customer: { externalId: "ewa_zakupy", displayName: "ewa_zakupy" },
      messages: [
        msg("inbound", 3 * 24 * 60, "Czy zamówienie zostało już nadane?"),
        msg("outbound", 3 * 24 * 60 - 20, "Tak, paczka wyjechała dziś rano, numer śledzenia znajdzie Pani w szczegółach zamówienia."),
        msg("inbound", 2 * 24 * 60, "Dziękuję, wszystko doszło w idealnym stanie!"),
      ],
    },
  ];
}

/** Seeds the demo channel, conversations, a note and canned replies (idempotent through ingest). */
export async function seedDemoInbox(db: Database, tenantId: string, ownerId: string) {
  const scoped = tenantDb(db.prisma, tenantId);
  const channel = await ensureDemoChannel(scoped, tenantId);
  await ingestThreads(db, { id: channel.id, tenantId }, demoThreads());
  const byThread = async (externalThreadId: string) =>
    scoped.conversation.findUniqueOrThrow({
      where: { channelAccountId_externalThreadId: { channelAccountId: channel.id, externalThreadId } },
      select: { id: true },
    });
  const shipping = await byThread("demo-wysylka");
  await scoped.$scoped((tx) =>
    storeConversationFacts(tx, tenantId, shipping.id, {
      orderSnapshot: {
        id: "demo-order-1001",
        status: "READY_FOR_PROCESSING",
        fulfillmentStatus: "PROCESSING",
        buyerLogin: "marta_k93",
        boughtAt: ago(22 * 60).toISOString(),
        total: { amount: "289.00", currency: "PLN" },
        items: [{ name: "Kurtka zimowa damska Nordic, rozmiar M", quantity: 1, price: "289.00 PLN" }],
        deliveryMethod: "InPost Paczkomaty 24/7",
        tracking: [],
      },
    }),
  );
  const size = await byThread("demo-rozmiar");
  await scoped.$scoped((tx) =>
    storeConversationFacts(tx, tenantId, size.id, {
      offerSnapshot: { id: "demo-offer-bluza", name: "Bluza z kapturem Classic, bawełna", price: { amount: "149.00", currency: "PLN" }, available: 12, status: "ACTIVE" },
    }),
  );
  const complaint = await byThread("demo-reklamacja");
  await scoped.conversation.update({ where: { id: complaint.id }, data: { priority: "high", tags: ["reklamacja"] } });
  await addNote(scoped, tenantId, ownerId, { conversationId: complaint.id, text: "Poprosić o zdjęcia uszkodzeń i opakowania przed decyzją o zwrocie." });
  const thanks = await byThread("demo-podziekowanie");
  await scoped.conversation.update({ where: { id: thanks.id }, data: { status: "resolved", unreadCount: 0, awaitingReplySince: null } });
  await scoped.cannedReply.createMany({
    data: [
      { tenantId, title: "Podziękowanie", body: "Dziękujemy za zakupy, {kupujacy}! Pozdrawiamy, {sklep}" },
      { tenantId, title: "Status wysyłki", body: "Dzień dobry {kupujacy}, Pani/Pana zamówienie zostanie nadane w ciągu 24 godzin. Numer przesyłki pojawi się w szczegółach zamówienia." },
      { tenantId, title: "Zwrot – instrukcja", body: "Dzień dobry {kupujacy}, na zwrot ma Pani/Pan 30 dni. Prosimy odesłać towar w oryginalnym opakowaniu z dołączonym formularzem zwrotu." },
    ],
    skipDuplicates: true,
  });
}
