import type { PlatformTenantSummary } from "@/server/db/system";

/**
 * The platform's economics per company and in total, for the owner panel: monthly
 * recurring revenue from subscriptions that bill (active, past_due; a yearly price counts
 * as a twelfth), this month's AI cost on the platform's keys, an equal share of the
 * infrastructure's monthly cost (INFRA_MONTHLY_COST_PLN), and the margin left. Amounts in
 * grosze; AI cost arrives in PLN micros and is rounded to grosze.
 */
const BILLING = new Set(["active", "past_due"]);
const PAID_AT_SOME_POINT = new Set(["active", "past_due", "unpaid", "canceled"]);

export interface TenantEconomics {
  mrrGrosze: number;
  aiCostGrosze: number;
  infraShareGrosze: number;
  marginGrosze: number;
}

export function mrrOf(tenant: Pick<PlatformTenantSummary, "plan" | "subscription">): number {
  const sub = tenant.subscription;
  if (!sub?.status || !BILLING.has(sub.status)) return 0;
  return sub.billingInterval === "year" ? Math.round(tenant.plan.priceYearlyGrosze / 12) : tenant.plan.priceMonthlyGrosze;
}

export function platformEconomics(tenants: PlatformTenantSummary[], infraMonthlyCostPln: number, now = new Date()) {
  // Suspended companies still cost storage and polling: they share the infrastructure too.
  const infraShareGrosze = tenants.length ? Math.round((infraMonthlyCostPln * 100) / tenants.length) : 0;
  const rows = tenants.map((tenant) => {
    const mrrGrosze = mrrOf(tenant);
    const aiCostGrosze = Math.round(Number(tenant.aiCostPlnMicros) / 10_000);
    return { ...tenant, economics: { mrrGrosze, aiCostGrosze, infraShareGrosze, marginGrosze: mrrGrosze - aiCostGrosze - infraShareGrosze } satisfies TenantEconomics };
  });
  const sum = (pick: (e: TenantEconomics) => number) => rows.reduce((total, r) => total + pick(r.economics), 0);
  // Trial conversion: of the companies whose trial is over, the share that went on to pay.
  const trialsEnded = tenants.filter((t) => t.trialEndsAt !== null && t.trialEndsAt <= now);
  const converted = trialsEnded.filter((t) => t.subscription?.status && PAID_AT_SOME_POINT.has(t.subscription.status)).length;
  return {
    tenants: rows,
    totals: {
      tenants: tenants.length,
      paying: rows.filter((r) => r.economics.mrrGrosze > 0).length,
      suspended: tenants.filter((t) => t.suspension).length,
      mrrGrosze: sum((e) => e.mrrGrosze),
      aiCostGrosze: sum((e) => e.aiCostGrosze),
      infraCostGrosze: Math.round(infraMonthlyCostPln * 100),
      marginGrosze: sum((e) => e.mrrGrosze) - sum((e) => e.aiCostGrosze) - Math.round(infraMonthlyCostPln * 100),
      trialsEnded: trialsEnded.length,
      trialConversion: trialsEnded.length ? converted / trialsEnded.length : null,
    },
  };
}
