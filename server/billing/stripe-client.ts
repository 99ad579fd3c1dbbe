import Stripe from "stripe";
import { env } from "@/lib/env";

/**
 * The Stripe API client, or null on the embedded default (no STRIPE_SECRET_KEY): then
 * every company stays on its trial/free plan and nothing is charged. STRIPE_API_URL points
 * the official client at another host (the fake Stripe server in tests), through the
 * client's own host/port/protocol settings rather than a wrapper of ours.
 */
let cached: { key: string; client: Stripe } | undefined;

export function stripeClient(): Stripe | null {
  const config = env();
  if (!config.STRIPE_SECRET_KEY) return null;
  const key = `${config.STRIPE_SECRET_KEY}|${config.STRIPE_API_URL ?? ""}`;
  if (cached?.key === key) return cached.client;
  const api = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
  const client = new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 1,
    timeout: 8_000,
    appInfo: { name: "BOK-AI" },
    ...(api ? { host: api.hostname, port: api.port || (api.protocol === "https:" ? 443 : 80), protocol: api.protocol === "http:" ? "http" : "https" } : {}),
  });
  cached = { key, client };
  return client;
}

export type BillingInterval = "month" | "year";

/** The Stripe price of a plan for an interval (STRIPE_PRICES), or null where none is configured. */
export function priceIdFor(planId: string, interval: BillingInterval): string | null {
  return env().STRIPE_PRICES.find((p) => p.planId === planId && p.interval === interval)?.priceId ?? null;
}

/** Which plan and interval a Stripe price stands for, or null for a price BOK-AI does not sell. */
export function planForPrice(priceId: string): { planId: string; interval: BillingInterval } | null {
  const found = env().STRIPE_PRICES.find((p) => p.priceId === priceId);
  return found ? { planId: found.planId, interval: found.interval } : null;
}
