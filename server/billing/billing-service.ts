import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import { monthlyBudget } from "@/server/ai/usage";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { billingAccess, DAY_MS, type BillingAccess, type SubscriptionFacts } from "./access";
import { stripeClient } from "./stripe-client";
import { countAiReplies, countChannelAccounts, countSeats, monthStart, SOFT_LIMIT_SHARE } from "./limits";

/**
 * Plans and what a company has of them: the plan is data (prices, limits, features in the
 * `plans` table), so changing a number needs no code change. A new company starts on the
 * default plan with that plan's trial.
 */
export const DEFAULT_PLAN_ID = "basic";

const planSelect = {
  id: true,
  name: true,
  priceMonthlyGrosze: true,
  priceYearlyGrosze: true,
  maxDocuments: true,
  maxFileBytes: true,
  maxSeats: true,
  maxChannelAccounts: true,
  maxAiRepliesPerMonth: true,
  aiBudgetPlnMicros: true,
  featureAutoSend: true,
  featureOwnApiKey: true,
  featureWebhookTools: true,
} as const;

/** When a company created now ends its trial on the default plan (null: that plan has none). */
export async function trialEndFor(tx: ScopedTransaction, now = new Date()): Promise<Date | null> {
  const plan = await tx.plan.findUnique({ where: { id: DEFAULT_PLAN_ID }, select: { trialDays: true } });
  return plan?.trialDays ? new Date(now.getTime() + plan.trialDays * DAY_MS) : null;
}

/** The price list: plans offered for purchase, in their order. */
export function listPlans(db: ScopedDb) {
  return db.plan.findMany({ where: { sellable: true }, orderBy: [{ position: "asc" }, { id: "asc" }], select: planSelect });
}

const subscriptionSelect = { status: true, planId: true, billingInterval: true, currentPeriodEnd: true, cancelAtPeriodEnd: true, pastDueSince: true } as const;

const accessSelect = { trialEndsAt: true, subscription: { select: subscriptionSelect }, suspension: { select: { tenantId: true } } } as const;

function accessOf(tenant: { trialEndsAt: Date | null; subscription: SubscriptionFacts | null; suspension: unknown } | null, now: Date): BillingAccess {
  return billingAccess({
    stripeEnabled: stripeClient() !== null,
    trialEndsAt: tenant?.trialEndsAt ?? null,
    subscription: tenant?.subscription ?? null,
    graceDays: env().BILLING_GRACE_DAYS,
    suspended: Boolean(tenant?.suspension),
    now,
  });
}

/** What the company's billing allows now (see access.ts); the AI reply path asks this before every reply. */
export async function readBillingAccess(db: ScopedDb | ScopedTransaction, tenantId: string, now = new Date()): Promise<BillingAccess> {
  return accessOf(await db.tenant.findUnique({ where: { id: tenantId }, select: accessSelect }), now);
}

/** The company's plan, trial, subscription and how much of each limit it uses this month. */
export async function billingOverview(db: ScopedDb, tenantId: string, now = new Date()) {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { ...accessSelect, plan: { select: planSelect } },
  });
  if (!tenant) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  const stripeEnabled = stripeClient() !== null;
  const access = accessOf(tenant, now);
  const [documents, seats, channelAccounts, aiReplies, budget, tokens, messagesReceived] = await Promise.all([
    db.document.count(),
    countSeats(db, now),
    countChannelAccounts(db),
    countAiReplies(db, now),
    monthlyBudget(db, tenantId),
    db.aiUsageDaily.aggregate({ where: { day: { gte: monthStart(now) } }, _sum: { inputTokens: true, outputTokens: true } }),
    db.message.count({ where: { direction: "inbound", createdAt: { gte: monthStart(now) } } }),
  ]);
  const trialing = tenant.trialEndsAt !== null && tenant.trialEndsAt > now;
  return {
    plan: tenant.plan,
    stripeEnabled,
    access,
    subscription: tenant.subscription,
    trial: tenant.trialEndsAt ? { endsAt: tenant.trialEndsAt, active: trialing, daysLeft: trialing ? Math.ceil((tenant.trialEndsAt.getTime() - now.getTime()) / DAY_MS) : 0 } : null,
    usage: {
      documents,
      seats,
      channelAccounts,
      aiReplies,
      aiSpentPlnMicros: budget.spentPlnMicros,
      messagesReceived,
      /** Model tokens this month, on the platform's keys and the company's own. */
      tokens: Number((tokens._sum.inputTokens ?? 0n) + (tokens._sum.outputTokens ?? 0n)),
    },
    /** Limits used past the soft-limit share: the seller is warned before the action is refused. */
    nearLimits: (
      [
        ["documents", documents, tenant.plan.maxDocuments],
        ["seats", seats, tenant.plan.maxSeats],
        ["channelAccounts", channelAccounts, tenant.plan.maxChannelAccounts],
        ["aiReplies", aiReplies, tenant.plan.maxAiRepliesPerMonth],
      ] as const
    )
      .filter(([, used, max]) => max > 0 && used >= max * SOFT_LIMIT_SHARE)
      .map(([kind]) => kind),
  };
}
export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;

export interface UsageDay {
  /** The day in Polish time, YYYY-MM-DD. */
  day: string;
  messagesReceived: number;
  aiReplies: number;
  aiCostPlnMicros: bigint;
}

/** The last 30 days of use (Polish days), for the billing page's chart; days without use are zeros. */
export async function usageHistory(db: ScopedDb, tenantId: string): Promise<UsageDay[]> {
  const rows = await db.$queryRaw<{ day: string; messages: bigint; replies: bigint; cost: bigint | null }[]>`
    WITH days AS (
      SELECT generate_series((now() AT TIME ZONE 'Europe/Warsaw')::date - 29, (now() AT TIME ZONE 'Europe/Warsaw')::date, interval '1 day')::date AS day
    ), since AS (SELECT (min(day)::timestamp AT TIME ZONE 'Europe/Warsaw') AS at FROM days),
    received AS (
      SELECT (m.created_at AT TIME ZONE 'Europe/Warsaw')::date AS day, count(*) AS n FROM messages m, since
       WHERE m.tenant_id = ${tenantId}::uuid AND m.direction = 'inbound' AND m.created_at >= since.at GROUP BY 1
    ), replies AS (
      SELECT (r.created_at AT TIME ZONE 'Europe/Warsaw')::date AS day, count(*) AS n FROM ai_replies r, since
       WHERE r.tenant_id = ${tenantId}::uuid AND r.text <> '' AND r.created_at >= since.at GROUP BY 1
    ), cost AS (
      SELECT u.day, sum(u.cost_pln_micros) AS micros FROM ai_usage_daily u
       WHERE u.tenant_id = ${tenantId}::uuid AND u.key_source = 'platform' AND u.day >= (SELECT min(day) FROM days) GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(received.n, 0) AS messages, coalesce(replies.n, 0) AS replies, coalesce(cost.micros, 0)::bigint AS cost
      FROM days d LEFT JOIN received USING (day) LEFT JOIN replies USING (day) LEFT JOIN cost USING (day)
     ORDER BY d.day`;
  return rows.map((r) => ({ day: r.day, messagesReceived: Number(r.messages), aiReplies: Number(r.replies), aiCostPlnMicros: BigInt(r.cost ?? 0n) }));
}
