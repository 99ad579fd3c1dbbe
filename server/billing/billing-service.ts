import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import { monthlyBudget } from "@/server/ai/usage";
import { AppError } from "@/lib/errors";

/**
 * Plans and what a company has of them: the plan is data (prices, limits, features in the
 * `plans` table), so changing a number needs no code change. A new company starts on the
 * default plan with that plan's trial.
 */
export const DEFAULT_PLAN_ID = "basic";

const DAY_MS = 86_400_000;

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

/** The company's plan, trial and how much of each limit it uses this month. */
export async function billingOverview(db: ScopedDb, tenantId: string, now = new Date()) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { trialEndsAt: true, plan: { select: planSelect } } });
  if (!tenant) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const [documents, seats, channelAccounts, aiReplies, budget] = await Promise.all([
    db.document.count(),
    db.membership.count(),
    db.channelAccount.count(),
    db.aiReply.count({ where: { createdAt: { gte: monthStart } } }),
    monthlyBudget(db, tenantId),
  ]);
  const trialing = tenant.trialEndsAt !== null && tenant.trialEndsAt > now;
  return {
    plan: tenant.plan,
    trial: tenant.trialEndsAt ? { endsAt: tenant.trialEndsAt, active: trialing, daysLeft: trialing ? Math.ceil((tenant.trialEndsAt.getTime() - now.getTime()) / DAY_MS) : 0 } : null,
    usage: { documents, seats, channelAccounts, aiReplies, aiSpentPlnMicros: budget.spentPlnMicros },
  };
}
export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;
