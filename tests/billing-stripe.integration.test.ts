import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { TRPCError } from "@trpc/server";
import type Stripe from "stripe";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { configureEnv, restoreEnv } from "./support/env";
import { FakeStripe } from "./support/fake-stripe";
import { demoChannel } from "./support/inbox";
import { drainInlineJobs } from "@/server/infra/jobs";
import { tenantDb } from "@/server/db/tenant-scope";
import { POST as stripeWebhookRoute } from "@/app/api/webhooks/stripe/route";

/**
 * Stripe billing end to end against a fake Stripe HTTP server: Checkout and the portal
 * through the official client, webhooks signed exactly as Stripe signs them and delivered
 * to the real route handler, and what each subscription state allows.
 */
let db: TestDatabase;
let stripe: FakeStripe;
let shop: SeededTenant;
const caller = () => callerFor(db, shop.owner);
const slug = () => shop.tenant.slug;

async function deliver(event: Stripe.Event, secret?: string) {
  const { body, signature } = stripe.signed(event, secret);
  const res = await stripeWebhookRoute(new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body, headers: { "stripe-signature": signature, "content-type": "application/json" } }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const stored = async () => (await db.owner.query(`SELECT status, plan_id, billing_interval, cancel_at_period_end, past_due_since, stripe_subscription_id FROM subscriptions WHERE tenant_id = $1`, [shop.tenant.id]))[0];
const tenantPlan = async () => (await db.owner.query<{ plan_id: string }>(`SELECT plan_id FROM tenants WHERE id = $1`, [shop.tenant.id]))[0]?.plan_id;
const eventCount = async () => Number((await db.owner.query<{ n: string }>(`SELECT count(*) AS n FROM stripe_events`))[0]?.n);

/** Subscribes the shop to Start monthly through Checkout and the completing webhook. */
async function subscribe(status = "active") {
  const { url } = await caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" });
  const sessionId = url.split("/").at(-1)!;
  const { subscription, event } = stripe.completeCheckout(sessionId, status);
  expect((await deliver(event)).status).toBe(200);
  return subscription;
}

beforeAll(async () => {
  db = await openTestDatabase();
  stripe = await new FakeStripe().start();
});
afterAll(async () => {
  restoreEnv();
  await stripe?.stop();
  await db?.close();
});

describe("without Stripe keys (the embedded default)", () => {
  beforeAll(async () => {
    restoreEnv();
    shop = await seedTenant(db, "nostripe");
  });

  it("nothing is charged and nothing pauses; buying says what the operator must set", async () => {
    const overview = await caller().billing.overview({ tenantSlug: slug() });
    expect(overview).toMatchObject({ stripeEnabled: false, access: { state: "unmetered", aiPaused: false } });
    const error = await caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect((error as TRPCError).message).toBe("errors.billingNotConfigured");
    expect(await caller().billing.invoices({ tenantSlug: slug() })).toEqual([]);
  });

  it("the webhook endpoint answers 503, so Stripe keeps the events until it is configured", async () => {
    configureEnv({ STRIPE_SECRET_KEY: undefined });
    expect((await deliver(stripe.event("customer.created", { id: "cus_x", object: "customer" }))).status).toBe(503);
  });
});

describe("with Stripe", () => {
  beforeEach(async () => {
    configureEnv(stripe.env());
    shop = await seedTenant(db, "stripe");
  });

  it("Checkout: one customer per company (with its id), a PLN subscription, NIP collected as a tax id", async () => {
    const { url } = await caller().billing.startCheckout({ tenantSlug: slug(), planId: "pro", interval: "year" });
    expect(url.startsWith(`${stripe.url}/checkout/cs_test_`)).toBe(true);
    const session = stripe.checkoutSessions.get(url.split("/").at(-1)!)!;
    expect(session).toMatchObject({
      mode: "subscription",
      client_reference_id: shop.tenant.id,
      line_items: [{ price: "price_pro_year", quantity: "1" }],
      tax_id_collection: { enabled: "true" },
      locale: "pl",
      subscription_data: { metadata: { tenant_id: shop.tenant.id } },
    });
    expect(String(session.success_url)).toContain(`/t/${slug()}/billing?checkout=success`);
    const customer = stripe.customers.get(String(session.customer))!;
    expect(customer).toMatchObject({ name: shop.tenant.name, metadata: { tenant_id: shop.tenant.id } });
    // A second attempt reuses the customer; the subscription row exists but nothing is bought yet.
    const again = await caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" });
    expect(stripe.checkoutSessions.get(again.url.split("/").at(-1)!)?.customer).toBe(customer.id);
    expect(await stored()).toMatchObject({ status: null, plan_id: null });
    expect((await caller().billing.overview({ tenantSlug: slug() })).access.state).toBe("trial");
  });

  it("only owners and admins buy; plans not for sale and bad input get clear errors", async () => {
    const member = await addMember(db, shop, "member", "stripe-member");
    await expect(callerFor(db, member).billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller().billing.startCheckout({ tenantSlug: slug(), planId: "basic", interval: "month" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "errors.planNotForSale" });
    // @ts-expect-error: the interval is validated at the boundary
    await expect(caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "week" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().billing.openPortal({ tenantSlug: slug() })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("a Stripe outage during checkout is a clear, retryable error", async () => {
    stripe.failNext = { status: 500, times: 5, path: /checkout/ };
    try {
      await expect(caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" })).rejects.toMatchObject({ code: "BAD_GATEWAY", message: "errors.billingUnavailable" });
    } finally {
      stripe.failNext = null;
    }
    expect((await caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" })).url).toContain(`${stripe.url}/checkout/`);
  });

  it("the completed checkout's webhook activates the plan; a redelivery changes nothing", async () => {
    const { url } = await caller().billing.startCheckout({ tenantSlug: slug(), planId: "start", interval: "month" });
    const { subscription, event } = stripe.completeCheckout(url.split("/").at(-1)!);
    const events = await eventCount();
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true } });
    expect(await stored()).toMatchObject({ status: "active", plan_id: "start", billing_interval: "month", stripe_subscription_id: subscription.id });
    expect(await tenantPlan()).toBe("start");
    const overview = await caller().billing.overview({ tenantSlug: slug() });
    expect(overview).toMatchObject({ plan: { id: "start" }, access: { state: "active", aiPaused: false } });
    expect(overview.access.until?.getTime()).toBe(subscription.items.data[0]!.current_period_end * 1000);

    const reads = stripe.requests.filter((r) => r.path.startsWith("/v1/subscriptions/")).length;
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(stripe.requests.filter((r) => r.path.startsWith("/v1/subscriptions/")).length).toBe(reads);
    expect(await eventCount()).toBe(events + 1);
  });

  it("the same event delivered twice at once is applied once", async () => {
    const subscription = await subscribe();
    const event = stripe.updateSubscription(subscription.id, { cancel_at_period_end: true });
    const events = await eventCount();
    const results = await Promise.all([deliver(event), deliver(event)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(1);
    expect(await eventCount()).toBe(events + 1);
    expect(await stored()).toMatchObject({ cancel_at_period_end: true });
  });

  it("refuses a bad signature, a tampered body and a missing header with 400, applying nothing", async () => {
    const subscription = await subscribe();
    const event = stripe.updateSubscription(subscription.id, { status: "canceled" });
    expect((await deliver(event, "whsec_someone_else")).status).toBe(400);
    const { body, signature } = stripe.signed(event);
    const tampered = body.replace(`"${subscription.id}"`, `"sub_forged"`);
    const send = (b: string, headers: Record<string, string>) => stripeWebhookRoute(new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body: b, headers }));
    expect((await send(tampered, { "stripe-signature": signature })).status).toBe(400);
    expect((await send(body, {})).status).toBe(400);
    expect(await stored()).toMatchObject({ status: "active" });
  });

  it("out of order: an older event delivered last still leaves Stripe's current state", async () => {
    const subscription = await subscribe();
    const failed = stripe.updateSubscription(subscription.id, { status: "past_due" });
    const recovered = stripe.updateSubscription(subscription.id, { status: "active", price: "price_pro_month" });
    expect((await deliver(recovered)).status).toBe(200);
    expect((await deliver(failed)).status).toBe(200);
    expect(await stored()).toMatchObject({ status: "active", plan_id: "pro", past_due_since: null });
    expect(await tenantPlan()).toBe("pro");
  });

  it("a failure answers 500 and applies nothing; Stripe's retry then applies the event once", async () => {
    const subscription = await subscribe();
    const event = stripe.updateSubscription(subscription.id, { cancel_at_period_end: true });
    const events = await eventCount();
    stripe.failNext = { status: 500, times: 5, path: /^\/v1\/subscriptions\// };
    try {
      expect((await deliver(event)).status).toBe(500);
    } finally {
      stripe.failNext = null;
    }
    expect(await eventCount()).toBe(events);
    expect(await stored()).toMatchObject({ cancel_at_period_end: false });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true } });
    expect(await stored()).toMatchObject({ cancel_at_period_end: true });
    expect((await caller().billing.overview({ tenantSlug: slug() })).access).toMatchObject({ state: "ending", aiPaused: false });
  });

  it("unknown event types are acknowledged and ignored", async () => {
    const events = await eventCount();
    expect(await deliver(stripe.event("customer.tax_id.created", { id: "txi_1", object: "tax_id", value: "PL5250001009" }))).toEqual({ status: 200, body: { received: true, ignored: true } });
    expect(await eventCount()).toBe(events + 1);
  });

  it("past_due keeps everything for the grace period, then AI replies pause while buyer messages still arrive", async () => {
    const subscription = await subscribe();
    stripe.updateSubscription(subscription.id, { status: "past_due" });
    expect((await deliver(stripe.invoiceEvent("invoice.payment_failed", subscription.id))).status).toBe(200);
    const grace = await caller().billing.overview({ tenantSlug: slug() });
    expect(grace.access).toMatchObject({ state: "pastDue", aiPaused: false });
    expect((grace.access.until!.getTime() - Date.now()) / 86_400_000).toBeGreaterThan(6.9);

    // Eight days later (the grace period is 7): the AI stops, the inbox does not.
    await db.owner.query(`UPDATE subscriptions SET past_due_since = now() - interval '8 days' WHERE tenant_id = $1`, [shop.tenant.id]);
    expect((await caller().billing.overview({ tenantSlug: slug() })).access).toMatchObject({ state: "pastDueExpired", aiPaused: true });
    const channel = await demoChannel(db, shop);
    const conversation = await caller().inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channel.id, buyerName: "kupujacy", text: "Dzień dobry, ile kosztuje wysyłka?" });
    await drainInlineJobs();
    const thread = await caller().inbox.thread({ tenantSlug: slug(), conversationId: conversation.id });
    expect(thread.messages.map((m) => m.text)).toContain("Dzień dobry, ile kosztuje wysyłka?");
    expect((await db.owner.query(`SELECT id FROM ai_replies WHERE conversation_id = $1`, [conversation.id]))).toHaveLength(0);
    await expect(caller().ai.regenerate({ tenantSlug: slug(), conversationId: conversation.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "errors.aiPausedBilling" });
    // People still answer.
    await caller().inbox.reply({ tenantSlug: slug(), conversationId: conversation.id, text: "Wysyłka kosztuje 12 zł." });

    // Paid: the grace clock is cleared and the AI is back.
    stripe.updateSubscription(subscription.id, { status: "active" });
    expect((await deliver(stripe.invoiceEvent("invoice.paid", subscription.id))).status).toBe(200);
    expect(await stored()).toMatchObject({ status: "active", past_due_since: null });
    expect((await caller().billing.overview({ tenantSlug: slug() })).access.aiPaused).toBe(false);
  });

  it("canceled: back to the default plan, AI paused; a late event of an old subscription does not undo a new one", async () => {
    const first = await subscribe();
    expect((await deliver(stripe.updateSubscription(first.id, { status: "canceled" }))).status).toBe(200);
    expect(await stored()).toMatchObject({ status: "canceled" });
    expect(await tenantPlan()).toBe("basic");
    expect((await caller().billing.overview({ tenantSlug: slug() })).access).toMatchObject({ state: "canceled", aiPaused: true });

    const second = await subscribe();
    expect(second.id).not.toBe(first.id);
    expect(await stored()).toMatchObject({ status: "active", stripe_subscription_id: second.id });
    // Stripe redelivers the old subscription's deletion (a new event id) after the new one started.
    expect((await deliver(stripe.event("customer.subscription.deleted", structuredClone(stripe.subscriptions.get(first.id))))).status).toBe(200);
    expect(await stored()).toMatchObject({ status: "active", stripe_subscription_id: second.id });
    expect(await tenantPlan()).toBe("start");
  });

  it("the trial's end pauses AI replies until a plan is bought", async () => {
    await db.owner.query(`UPDATE tenants SET trial_ends_at = now() - interval '1 day' WHERE id = $1`, [shop.tenant.id]);
    expect((await caller().billing.overview({ tenantSlug: slug() })).access).toMatchObject({ state: "trialEnded", aiPaused: true });
    await subscribe();
    expect((await caller().billing.overview({ tenantSlug: slug() })).access).toMatchObject({ state: "active", aiPaused: false });
  });

  it("the portal and the invoices are the company's own", async () => {
    const subscription = await subscribe();
    await deliver(stripe.invoiceEvent("invoice.paid", subscription.id));
    const { url } = await caller().billing.openPortal({ tenantSlug: slug() });
    expect(url).toMatch(new RegExp(`^${stripe.url}/portal/bps_`));
    const customerId = (await db.owner.query<{ stripe_customer_id: string }>(`SELECT stripe_customer_id FROM subscriptions WHERE tenant_id = $1`, [shop.tenant.id]))[0]!.stripe_customer_id;
    expect(stripe.portalSessions.at(-1)).toMatchObject({ customer: customerId, locale: "pl" });
    const invoices = await caller().billing.invoices({ tenantSlug: slug() });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "paid", totalGrosze: 3900, currency: "pln", hostedUrl: expect.stringContaining("invoice.stripe.test") });
  });

  it("no company can write its own subscription: only the system role does", async () => {
    await subscribe();
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    expect(await scoped.subscription.findUnique({ where: { tenantId: shop.tenant.id }, select: { status: true } })).toEqual({ status: "active" });
    await expect(scoped.subscription.update({ where: { tenantId: shop.tenant.id }, data: { status: "active", planId: "pro" } })).rejects.toThrow();
    const other = await seedTenant(db, "stripe-other");
    expect(await tenantDb(db.prisma, other.tenant.id).subscription.findMany()).toEqual([]);
  });
});
