import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { configureEnv, restoreEnv } from "./support/env";
import { demoChannel } from "./support/inbox";
import { toSessionUser, type SessionUser } from "@/server/auth/next-auth";
import { tenantDb } from "@/server/db/tenant-scope";
import { simulateIncomingMessage } from "@/server/inbox/channel-service";
import { drainInlineJobs } from "@/server/infra/jobs";
import { readBillingAccess } from "@/server/billing/billing-service";

/**
 * The platform owner panel: each company's plan, subscription, MRR, AI cost, share of the
 * infrastructure and margin, the totals and trial conversion; suspending a company keeps
 * its data and its buyers' messages while its members see why and its AI stops.
 */
let db: TestDatabase;
let monthly: SeededTenant;
let yearly: SeededTenant;
let trialOnly: SeededTenant;
let boss: SessionUser;

const subscribe = (tenant: SeededTenant, plan: string, interval: string) =>
  db.owner.query(`INSERT INTO subscriptions (tenant_id, stripe_customer_id, stripe_subscription_id, status, plan_id, billing_interval) VALUES ($1, $2, $3, 'active', $4, $5)`, [
    tenant.tenant.id,
    `cus_${tenant.tenant.slug}`,
    `sub_${tenant.tenant.slug}`,
    plan,
    interval,
  ]);

beforeAll(async () => {
  db = await openTestDatabase();
  monthly = await seedTenant(db, "panel-monthly");
  yearly = await seedTenant(db, "panel-yearly");
  trialOnly = await seedTenant(db, "panel-trial");
  await subscribe(monthly, "start", "month");
  await subscribe(yearly, "pro", "year");
  await db.owner.query(`UPDATE tenants SET plan_id = 'start' WHERE id = $1`, [monthly.tenant.id]);
  await db.owner.query(`UPDATE tenants SET plan_id = 'pro' WHERE id = $1`, [yearly.tenant.id]);
  // Two trials are over: one company went on to pay, one did not.
  await db.owner.query(`UPDATE tenants SET trial_ends_at = now() - interval '2 days' WHERE id = ANY($1::uuid[])`, [[monthly.tenant.id, trialOnly.tenant.id]]);
  await db.owner.query(
    `INSERT INTO ai_usage_daily (tenant_id, day, kind, provider, model, calls, cost_pln_micros, key_source) VALUES
       ($1, current_date, 'generation', 'openai', 'gpt-4o-mini', 10, 1500000, 'platform'),
       ($1, current_date, 'embedding', 'openai', 'te-3', 5, 900000, 'tenant')`,
    [monthly.tenant.id],
  );
  configureEnv({ PLATFORM_OWNER_EMAILS: monthly.owner.email, INFRA_MONTHLY_COST_PLN: "30" });
  boss = toSessionUser(monthly.owner);
});
afterAll(async () => {
  restoreEnv();
  await db?.close();
});

describe("economics", () => {
  it("MRR from billing subscriptions (a yearly price as a twelfth), AI cost on the platform's keys, an equal infrastructure share, the margin", async () => {
    const { tenants, totals } = await callerFor(db, boss).platform.tenants();
    const bySlug = new Map(tenants.map((t) => [t.slug, t.economics]));
    // 30 PLN of infrastructure over three companies: 10 PLN each.
    expect(bySlug.get(monthly.tenant.slug)).toEqual({ mrrGrosze: 3900, aiCostGrosze: 150, infraShareGrosze: 1000, marginGrosze: 2750 });
    expect(bySlug.get(yearly.tenant.slug)).toEqual({ mrrGrosze: 7417, aiCostGrosze: 0, infraShareGrosze: 1000, marginGrosze: 6417 });
    expect(bySlug.get(trialOnly.tenant.slug)).toEqual({ mrrGrosze: 0, aiCostGrosze: 0, infraShareGrosze: 1000, marginGrosze: -1000 });
    expect(totals).toMatchObject({ tenants: 3, paying: 2, suspended: 0, mrrGrosze: 11317, aiCostGrosze: 150, infraCostGrosze: 3000, marginGrosze: 8167, trialsEnded: 2, trialConversion: 0.5 });
  });

  it("only platform owners reach the panel and its actions", async () => {
    const seller = callerFor(db, trialOnly.owner);
    await expect(seller.platform.tenants()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(seller.platform.suspend({ tenantId: monthly.tenant.id, reason: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(seller.platform.unsuspend({ tenantId: trialOnly.tenant.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, boss).platform.suspend({ tenantId: "not-a-uuid", reason: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(db, boss).platform.suspend({ tenantId: "00000000-0000-4000-8000-000000000000", reason: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(db, boss).platform.suspend({ tenantId: trialOnly.tenant.id, reason: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("suspension", () => {
  it("members see why, the AI stops, buyers' messages are still stored; restoring brings everything back", async () => {
    const seller = callerFor(db, trialOnly.owner);
    const slug = trialOnly.tenant.slug;
    const channel = await demoChannel(db, trialOnly);
    await callerFor(db, boss).platform.suspend({ tenantId: trialOnly.tenant.id, reason: "Nieopłacone faktury" });

    await expect(seller.inbox.list({ tenantSlug: slug })).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.tenantSuspended" });
    const scoped = tenantDb(db.prisma, trialOnly.tenant.id);
    expect((await readBillingAccess(scoped, trialOnly.tenant.id)).aiPaused).toBe(true);
    // A marketplace poll keeps storing buyers' messages (the system path, not a member's request).
    const conversation = await simulateIncomingMessage(db, scoped, trialOnly.tenant.id, { channelAccountId: channel.id, buyerName: "kupujacy", text: "Czy paczka już wyszła?" });
    await drainInlineJobs();
    expect(await db.owner.query(`SELECT text FROM messages WHERE conversation_id = $1`, [conversation.id])).toEqual([{ text: "Czy paczka już wyszła?" }]);
    expect(await db.owner.query(`SELECT id FROM ai_replies WHERE conversation_id = $1`, [conversation.id])).toHaveLength(0);
    // The company cannot lift its own suspension.
    await expect(scoped.tenantSuspension.deleteMany({})).rejects.toThrow();

    const panel = await callerFor(db, boss).platform.tenants();
    expect(panel.totals.suspended).toBe(1);
    expect(panel.tenants.find((t) => t.slug === slug)?.suspension).toMatchObject({ reason: "Nieopłacone faktury" });

    await callerFor(db, boss).platform.unsuspend({ tenantId: trialOnly.tenant.id });
    const list = await seller.inbox.list({ tenantSlug: slug });
    expect(list.items.map((c) => c.id)).toContain(conversation.id);
  });
});
