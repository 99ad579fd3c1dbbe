import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { demoChannel } from "./support/inbox";
import { drainInlineJobs } from "@/server/infra/jobs";
import { ingestThreads } from "@/server/inbox/ingest";
import { reindexOutdatedConversations, SEARCH_VERSION, storeConversationFacts } from "@/server/inbox/search-index";
import { planSearch } from "@/server/inbox/search-query";
import { searchPage, type SearchCursor } from "@/server/inbox/search-page";
import { tenantDb } from "@/server/db/tenant-scope";

let db: TestDatabase;
let shop: SeededTenant;
let other: SeededTenant;
let channelId: string;

/** One buyer thread; `minutesAgo` orders the list (newest first without a search). */
async function thread(key: string, buyer: { login: string; name?: string }, texts: string[], minutesAgo: number, tenant = shop, channel = channelId) {
  const externalThreadId = `search-${key}-${randomUUID()}`;
  await ingestThreads(db, { id: channel, tenantId: tenant.tenant.id }, [
    {
      externalThreadId,
      customer: { externalId: buyer.login, displayName: buyer.name },
      messages: texts.map((text, i) => ({
        externalId: randomUUID(),
        direction: "inbound" as const,
        text,
        createdAt: new Date(Date.now() - (minutesAgo - i) * 60_000),
        attachments: [],
      })),
    },
  ]);
  const [row] = await db.owner.query<{ id: string }>(`SELECT id FROM conversations WHERE external_thread_id = $1`, [externalThreadId]);
  return row!.id;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "search");
  other = await seedTenant(db, "searchother");
  channelId = (await demoChannel(db, shop)).id;
  ids.jacket = await thread("jacket", { login: "anka_k", name: "Anna Kowalska" }, ["Dzień dobry, czy kurtkę zimową mogę wymienić na większy rozmiar?"], 60);
  ids.parcel = await thread("parcel", { login: "piotr_z" }, ["Moja paczka jeszcze nie dotarła."], 50);
  ids.locker = await thread("locker", { login: "ola_m" }, ["Odbiorę w paczkomacie przy Długiej, paczkomat WAW01."], 40);
  ids.refund = await thread("refund", { login: "marek_w" }, ["Czekam na zwrot pieniędzy za bluzę."], 30);
  ids.money = await thread("money", { login: "kasia_p" }, ["Nadal brak pieniędzy na koncie.", "Chodzi o zwroty z zeszłego tygodnia."], 20);
  ids.returns = await thread("returns", { login: "jan_n" }, ["Jak wygląda zwrotu procedura?"], 10);
  // The same words in another shop must never show up in this one.
  ids.foreign = await thread("foreign", { login: "obcy" }, ["Kurtka zimowa, paczka, zwrot pieniędzy."], 5, other, (await demoChannel(db, other)).id);
});
afterAll(async () => {
  await drainInlineJobs();
  await db?.close();
});

const list = (search: string, extra: { limit?: number; cursor?: string } = {}) => callerFor(db, shop.owner).inbox.list({ tenantSlug: shop.tenant.slug, search, ...extra });
const hits = async (search: string) => (await list(search)).items.map((i) => i.id);
const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
const names = async (search: string) => (await hits(search)).map(name);

describe("inbox search", () => {
  it("finds Polish words in any form, both ways, with or without diacritics", async () => {
    for (const q of ["kurtka", "kurtki", "kurtkę", "KURTKE", "zimowa", "zimową"]) expect(await names(q), q).toEqual(["jacket"]);
    for (const q of ["paczka", "paczkę", "paczki"]) expect(await names(q), q).toEqual(["parcel"]);
    // A parcel locker is another word, not a form of "paczka".
    for (const q of ["paczkomat", "paczkomatu"]) expect(await names(q), q).toEqual(["locker"]);
    for (const q of ["zwrot", "zwrotu", "zwroty"]) expect((await names(q)).sort(), q).toEqual(["money", "refund", "returns"]);
    expect(await names("wymienic")).toEqual(["jacket"]);
  });

  it("covers the buyer's name and login, notes, and the order's items and ids", async () => {
    expect(await names("Kowalskiej")).toEqual(["jacket"]);
    expect(await names("anka_k")).toEqual(["jacket"]);
    expect(await names("ola")).toEqual(["locker"]);
    const c = callerFor(db, shop.owner);
    await c.inbox.addNote({ tenantSlug: shop.tenant.slug, conversationId: ids.parcel!, text: "Obiecałem rabat na następne zakupy." });
    expect(await names("rabatu")).toEqual(["parcel"]);
    await tenantDb(db.prisma, shop.tenant.id).$scoped((tx) =>
      storeConversationFacts(tx, shop.tenant.id, ids.refund!, {
        orderSnapshot: { id: "ord-7731-xq", status: "SENT", items: [{ name: "Bluza z kapturem Nordic", quantity: 1 }], tracking: [{ waybill: "620111222333" }] },
      }),
    );
    expect(await names("nordic")).toEqual(["refund"]);
    expect(await names("kapturem")).toEqual(["refund"]);
    expect(await names("620111222333")).toEqual(["refund"]);
    expect(await names("ord-7731-xq")).toEqual(["refund"]);
  });

  it("ranks the exact phrase first, then every word in any form, then some of the words", async () => {
    // Newest first would be returns, money, refund; the ranks put refund (the phrase) first.
    expect(await names("zwrot pieniędzy")).toEqual(["refund", "money", "returns"]);
    // Reversed, no conversation holds the phrase: every word first (newest first), then some.
    expect(await names("pieniędzy zwrot")).toEqual(["money", "refund", "returns"]);
    const byPhrase = await names("zimową mogę");
    expect(byPhrase).toEqual(["jacket"]);
    // Stop words do not make every conversation match "some of the words".
    expect(await names("paczka i")).toEqual(["parcel"]);
  });

  it("pages through the ranks without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list("zwrot pieniędzy", { limit: 1, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map(name)).toEqual(["refund", "money", "returns"]);
  });

  it("still finds what the seller is typing, and conversation numbers", async () => {
    expect(await names("kurt")).toEqual(["jacket"]);
    expect(await names("zwrot pie")).toEqual(["refund", "money", "returns"]);
    const [row] = await db.owner.query<{ number: number }>(`SELECT number FROM conversations WHERE id = $1`, [ids.locker]);
    expect(await names(`#${row!.number}`)).toEqual(["locker"]);
    expect(await names("nic-takiego-nie-ma")).toEqual([]);
  });

  it("rebuilds conversations indexed by an older analyser in the sweep", async () => {
    await db.owner.query(`DELETE FROM conversation_terms WHERE conversation_id = $1`, [ids.jacket]);
    await db.owner.query(`UPDATE conversations SET search_version = 0 WHERE id = $1`, [ids.jacket]);
    expect(await names("kurtka")).toEqual([]);
    expect(await reindexOutdatedConversations(db)).toBeGreaterThanOrEqual(1);
    expect(await names("kurtka")).toEqual(["jacket"]);
    expect(await names("Kowalska")).toEqual(["jacket"]);
    const [row] = await db.owner.query<{ search_version: number }>(`SELECT search_version FROM conversations WHERE id = $1`, [ids.jacket]);
    expect(row!.search_version).toBe(SEARCH_VERSION);
    expect(await reindexOutdatedConversations(db)).toBe(0);
  });

  it("keeps each shop's terms to itself", async () => {
    const visible = await tenantDb(db.prisma, shop.tenant.id).$scoped((tx) => tx.conversationTerm.count({ where: { conversationId: ids.foreign! } }));
    expect(visible).toBe(0);
    const [row] = await db.owner.query<{ count: number }>(`SELECT count(*)::int AS count FROM conversation_terms WHERE conversation_id = $1`, [ids.foreign]);
    expect(row!.count).toBeGreaterThan(0);
  });
});

describe("search plans", () => {
  it("walking by recency and starting from the postings find the same rows in the same order", async () => {
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const page = (search: string, limit: number, cursor: SearchCursor | null = null) => searchPage(scoped, shop.tenant.id, planSearch(search), [], cursor, 50, limit);
    for (const search of ["zwrot pieniędzy", "pieniędzy zwrot", "kurtka", "paczka i", "zwrot pie", "kurt", "anka_k", "#1", "nic-takiego"]) {
      const walked = await page(search, 0);
      expect(walked.map((r) => r.id), search).toEqual((await page(search, Number.POSITIVE_INFINITY)).map((r) => r.id));
      if (walked.length > 1) {
        const [first] = walked;
        const after = { rank: first!.rank, at: first!.last_message_at, id: first!.id };
        expect((await page(search, 0, after)).map((r) => r.id), `${search} after the first`).toEqual(walked.slice(1).map((r) => r.id));
        expect((await page(search, Number.POSITIVE_INFINITY, after)).map((r) => r.id)).toEqual(walked.slice(1).map((r) => r.id));
      }
    }
    expect((await page("zwrot pieniędzy", 0)).map((r) => name(r.id))).toEqual(["refund", "money", "returns"]);
  });
});

describe("planSearch", () => {
  it("turns a search box into ranked lookups", () => {
    expect(planSearch("#42").ranks).toEqual([{ match: "every", sets: [], number: 42 }]);
    const plan = planSearch("zwrot pieniędzy");
    expect(plan.ranks.map((r) => r.match)).toEqual(["every", "every", "some"]);
    // The last word may still be being typed; after punctuation it is complete.
    expect(plan.ranks[0]!.sets).toEqual([{ terms: [], prefix: "zwrot pieniedzy" }]);
    expect(planSearch("zwrot pieniędzy.").ranks[0]!.sets).toEqual([{ terms: ["zwrot pieniedzy"], prefix: null }]);
    expect(planSearch("zwrot pieniędzy.").ranks[1]!.sets).toEqual([
      { terms: ["zwrot"], prefix: null },
      // A long word's forms that start with its beginning are already found by it.
      { terms: [], prefix: "pienie" },
    ]);
    expect(planSearch("").ranks).toEqual([]);
  });
});
