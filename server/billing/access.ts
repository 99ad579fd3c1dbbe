/**
 * What a company's billing state allows. Only AI replies ever pause: buyer messages are
 * always received and shown, and people can always answer them from the inbox.
 *
 * - Suspended by the platform owner: AI paused (the members cannot open the company anyway).
 * - Stripe not configured (the embedded default): nothing is charged, nothing pauses.
 * - No subscription yet: the sign-up trial; when it ends, AI replies pause until a plan is bought.
 * - trialing / active: everything (a cancellation at period end is announced, not enforced early).
 * - past_due: everything for a grace period from the first failed payment, with a banner; then AI pauses.
 * - unpaid / canceled / incomplete_expired / paused: AI paused.
 */
export type BillingState =
  | "suspended"
  | "unmetered"
  | "trial"
  | "trialEnded"
  | "active"
  | "ending"
  | "pastDue"
  | "pastDueExpired"
  | "unpaid"
  | "canceled";

export interface BillingAccess {
  state: BillingState;
  aiPaused: boolean;
  /** The date the banner names: trial end, period end, or when the grace period ends. */
  until: Date | null;
}

export interface SubscriptionFacts {
  status: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
}

export const DAY_MS = 86_400_000;

/** Stripe statuses of a subscription that is running (billing, or in Stripe's own trial). */
export const LIVE_STATUSES: ReadonlySet<string> = new Set(["trialing", "active", "past_due"]);

export function billingAccess(input: {
  stripeEnabled: boolean;
  trialEndsAt: Date | null;
  subscription: SubscriptionFacts | null;
  graceDays: number;
  suspended?: boolean;
  now?: Date;
}): BillingAccess {
  const now = input.now ?? new Date();
  if (input.suspended) return { state: "suspended", aiPaused: true, until: null };
  if (!input.stripeEnabled) return { state: "unmetered", aiPaused: false, until: null };
  const sub = input.subscription;
  switch (sub?.status ?? null) {
    case "trialing":
    case "active":
      return sub!.cancelAtPeriodEnd
        ? { state: "ending", aiPaused: false, until: sub!.currentPeriodEnd }
        : { state: "active", aiPaused: false, until: sub!.currentPeriodEnd };
    case "past_due": {
      const since = sub!.pastDueSince ?? now;
      const graceEnds = new Date(since.getTime() + input.graceDays * DAY_MS);
      return graceEnds > now ? { state: "pastDue", aiPaused: false, until: graceEnds } : { state: "pastDueExpired", aiPaused: true, until: graceEnds };
    }
    case "unpaid":
    case "paused":
      return { state: "unpaid", aiPaused: true, until: null };
    case "canceled":
    case "incomplete_expired":
      return { state: "canceled", aiPaused: true, until: sub!.currentPeriodEnd };
    default: {
      // No subscription yet, or a first checkout still incomplete: the sign-up trial decides.
      const trialEnd = input.trialEndsAt;
      return trialEnd && trialEnd > now ? { state: "trial", aiPaused: false, until: trialEnd } : { state: "trialEnded", aiPaused: true, until: trialEnd };
    }
  }
}
