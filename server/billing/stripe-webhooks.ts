import type Stripe from "stripe";
import type { Database } from "@/server/db/client";
import { applyStripeEventOnce, type StoredSubscription, type SubscriptionWrite } from "@/server/db/system";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { errorText } from "@/lib/errors";
import { planForPrice, stripeClient } from "./stripe-client";
import { DEFAULT_PLAN_ID } from "./billing-service";
import { LIVE_STATUSES } from "./access";

/**
 * POST /api/webhooks/stripe. The signature is checked on the raw body with the endpoint's
 * secret; each event is applied once (server/db/system.ts records its id with its
 * effects); the subscription is re-read from Stripe rather than taken from the event, so
 * events arriving out of order still leave the current state; unknown types are
 * acknowledged and ignored; a failure answers 500 and leaves nothing applied, so Stripe's
 * retry starts clean.
 */
export type WebhookOutcome = { status: 200; body: { received: true; duplicate?: true; ignored?: true } } | { status: 400 | 500 | 503; body: { error: string } };

const SUBSCRIPTION_STATUSES = new Set(["trialing", "active", "past_due", "canceled", "unpaid", "incomplete", "incomplete_expired", "paused"]);
const ENDED = new Set(["canceled", "incomplete_expired"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function handleStripeWebhook(database: Database, rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const stripe = stripeClient();
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!stripe || !secret) return { status: 503, body: { error: "Stripe is not configured on this server" } };
  if (!signature) return { status: 400, body: { error: "Missing Stripe-Signature header" } };
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    logger.warn("stripe webhook refused", { error: errorText(error) });
    return { status: 400, body: { error: "Invalid signature" } };
  }
  const ref = subscriptionRef(event);
  try {
    const result = await applyStripeEventOnce(database.prisma, event, async (store) => {
      if (!ref) return null;
      let stored = await store.lockByCustomer(ref.customerId);
      if (!stored && ref.tenantHint) {
        await store.linkCustomer(ref.tenantHint, ref.customerId);
        stored = await store.lockByCustomer(ref.customerId);
      }
      if (!stored) {
        logger.warn("stripe event for a customer of no company", { eventId: event.id, type: event.type });
        return null;
      }
      if (!ref.subscriptionId) return stored.tenantId;
      // The state now, whatever order the events came in.
      const subscription = await stripe.subscriptions.retrieve(ref.subscriptionId);
      const write = subscriptionWrite(subscription, stored);
      if (write) await store.save(stored.tenantId, write);
      return stored.tenantId;
    });
    logger.info("stripe webhook", { eventId: event.id, type: event.type, result });
    return { status: 200, body: { received: true, ...(result === "duplicate" ? { duplicate: true as const } : {}), ...(ref ? {} : { ignored: true as const }) } };
  } catch (error) {
    logger.error("stripe webhook failed; Stripe will retry", { eventId: event.id, type: event.type, error: errorText(error) });
    return { status: 500, body: { error: "Processing failed; retry later" } };
  }
}

interface SubscriptionRef {
  customerId: string;
  subscriptionId: string | null;
  /** The company the event names itself (checkout's client_reference_id, the subscription's metadata). */
  tenantHint: string | null;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (typeof value === "string" ? value : (value?.id ?? null));
const tenantIdFrom = (value: string | null | undefined): string | null => (value && UUID.test(value) ? value : null);

/** The customer and subscription an event is about; null for the events billing does not act on. */
export function subscriptionRef(event: Stripe.Event): SubscriptionRef | null {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object;
      const customerId = idOf(session.customer);
      if (session.mode !== "subscription" || !customerId) return null;
      return { customerId, subscriptionId: idOf(session.subscription), tenantHint: tenantIdFrom(session.client_reference_id) };
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
    case "customer.subscription.paused":
    case "customer.subscription.resumed": {
      const subscription = event.data.object;
      const customerId = idOf(subscription.customer);
      return customerId ? { customerId, subscriptionId: subscription.id, tenantHint: tenantIdFrom(subscription.metadata?.tenant_id) } : null;
    }
    case "invoice.paid":
    case "invoice.payment_succeeded":
    case "invoice.payment_failed":
    case "invoice.payment_action_required": {
      const invoice = event.data.object;
      const customerId = idOf(invoice.customer);
      const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
      return customerId && subscriptionId ? { customerId, subscriptionId, tenantHint: null } : null;
    }
    default:
      return null;
  }
}

/**
 * The row for a subscription as Stripe has it now; null when it must not overwrite what
 * is stored: an ended subscription's late news while the company already has a newer one.
 */
export function subscriptionWrite(subscription: Stripe.Subscription, stored: StoredSubscription, now = new Date()): SubscriptionWrite | null {
  const status = SUBSCRIPTION_STATUSES.has(subscription.status) ? subscription.status : "incomplete";
  const newer = stored.stripeSubscriptionId && stored.stripeSubscriptionId !== subscription.id;
  if (newer && ENDED.has(status) && stored.status && !ENDED.has(stored.status)) return null;
  const item = subscription.items.data[0];
  const sold = item ? planForPrice(item.price.id) : null;
  if (item && !sold) logger.warn("stripe subscription on a price BOK-AI does not sell", { subscriptionId: subscription.id, priceId: item.price.id });
  const periodEnds = subscription.items.data.map((i) => i.current_period_end).filter((t): t is number => typeof t === "number");
  const pastDueSince = status === "past_due" ? (stored.status === "past_due" && stored.pastDueSince ? stored.pastDueSince : now) : null;
  return {
    stripeSubscriptionId: subscription.id,
    status,
    planId: sold?.planId ?? null,
    billingInterval: sold?.interval ?? null,
    currentPeriodEnd: periodEnds.length ? new Date(Math.max(...periodEnds) * 1000) : null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end ?? false,
    pastDueSince,
    tenantPlanId: ENDED.has(status) ? DEFAULT_PLAN_ID : LIVE_STATUSES.has(status) ? (sold?.planId ?? null) : null,
  };
}
