import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { drainInlineJobs } from "@/server/infra/jobs";

/** Plans as data, the sign-up trial and the usage a company sees against its plan's limits. */
let db: TestDatabase;
let shop: SeededTenant;
const caller = () => callerFor(db, shop.owner);

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "billing");
});
afterAll(() => db?.close());

describe("billing overview", () => {
  it("a new company starts on the default plan with a 14-day trial", async () => {
    const overview = await caller().billing.overview({ tenantSlug: shop.tenant.slug });
    expect(overview.plan.id).toBe("basic");
    expect(overview.trial).toMatchObject({ active: true, daysLeft: 14 });
    const days = ((overview.trial?.endsAt.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
  });

  it("counts what the company uses against the plan's limits", async () => {
    await caller().knowledgeBase.createFromText({ tenantSlug: shop.tenant.slug, title: "Zwroty", text: "Na zwrot masz 30 dni." });
    await drainInlineJobs();
    const member = await addMember(db, shop, "member", "billing-member");
    // A member reads it too: the team sees what the plan allows.
    const overview = await callerFor(db, member).billing.overview({ tenantSlug: shop.tenant.slug });
    expect(overview.usage).toMatchObject({ documents: 1, seats: 2, channelAccounts: 0, aiReplies: 0, aiSpentPlnMicros: 0n });
    expect(overview.plan).toMatchObject({ maxDocuments: 50, maxSeats: 3, maxChannelAccounts: 2, maxAiRepliesPerMonth: 500 });
  });
});

describe("plans as data", () => {
  it("the price list is the sellable plans in order, in grosze", async () => {
    const plans = await caller().billing.plans({ tenantSlug: shop.tenant.slug });
    expect(plans.map((p) => [p.id, p.priceMonthlyGrosze, p.priceYearlyGrosze])).toEqual([["start", 3900, 39000], ["pro", 8900, 89000]]);
    expect(plans.find((p) => p.id === "pro")).toMatchObject({ featureOwnApiKey: true, featureWebhookTools: true });
  });

  it("a plan's numbers change in the table, not in code; the app cannot change them", async () => {
    await db.owner.query(`UPDATE plans SET price_monthly_grosze = 4900 WHERE id = 'start'`);
    try {
      const plans = await caller().billing.plans({ tenantSlug: shop.tenant.slug });
      expect(plans.find((p) => p.id === "start")?.priceMonthlyGrosze).toBe(4900);
      // The app's role reads the price list and writes nothing to it (RLS, no grant).
      await expect(db.prisma.plan.update({ where: { id: "start" }, data: { priceMonthlyGrosze: 1 } })).rejects.toThrow();
    } finally {
      await db.owner.query(`UPDATE plans SET price_monthly_grosze = 3900 WHERE id = 'start'`);
    }
  });

  it("a plan's numbers must make sense", async () => {
    await expect(db.owner.query(`UPDATE plans SET max_seats = 0 WHERE id = 'pro'`)).rejects.toThrow(/plans_numbers_check/);
  });
});

describe("usage history", () => {
  it("the last 30 Polish days of received messages and AI replies, zeros included", async () => {
    const { demoChannel } = await import("./support/inbox");
    const channel = await demoChannel(db, shop);
    await caller().inbox.simulateIncoming({ tenantSlug: shop.tenant.slug, channelAccountId: channel.id, buyerName: "k1", text: "Ile mam dni na zwrot?" });
    await caller().inbox.simulateIncoming({ tenantSlug: shop.tenant.slug, channelAccountId: channel.id, buyerName: "k2", text: "Dzień dobry, jak długo trwa zwrot?" });
    await drainInlineJobs();
    const history = await caller().billing.usageHistory({ tenantSlug: shop.tenant.slug });
    expect(history).toHaveLength(30);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());
    expect(history.at(-1)).toMatchObject({ day: today, messagesReceived: 2 });
    const replies = (await db.owner.query<{ n: string }>(`SELECT count(*) AS n FROM ai_replies WHERE tenant_id = $1 AND text <> ''`, [shop.tenant.id]))[0]!.n;
    expect(Number(replies)).toBeGreaterThan(0);
    expect(history.at(-1)?.aiReplies).toBe(Number(replies));
    expect(history.slice(0, -1).every((d) => d.messagesReceived === 0 && d.aiReplies === 0)).toBe(true);
    // The month's volume beside the limits: messages received, model tokens (any key).
    await db.owner.query(
      `INSERT INTO ai_usage_daily (tenant_id, day, kind, provider, model, calls, input_tokens, output_tokens, key_source) VALUES ($1, current_date, 'generation', 'openai', 'm', 1, 1200, 300, 'tenant')`,
      [shop.tenant.id],
    );
    expect((await caller().billing.overview({ tenantSlug: shop.tenant.slug })).usage).toMatchObject({ messagesReceived: 2, tokens: 1500 });
    // Another company's use never shows here.
    const other = await seedTenant(db, "billing-other");
    expect((await callerFor(db, other.owner).billing.usageHistory({ tenantSlug: other.tenant.slug })).every((d) => d.messagesReceived === 0)).toBe(true);
  });
});
