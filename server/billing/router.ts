import { createRouter, tenantMemberProcedure } from "@/server/api/trpc";
import { billingOverview, listPlans } from "./billing-service";

/**
 * Billing: the company's plan, trial and usage against the plan's limits, and the price
 * list. Stripe checkout, the customer portal and webhooks come next. Every procedure is in
 * the isolation matrix (tests/isolation.integration.test.ts).
 */
export const billingRouter = createRouter({
  overview: tenantMemberProcedure.query(({ ctx }) => billingOverview(ctx.tenantDb, ctx.tenant.id)),
  plans: tenantMemberProcedure.query(({ ctx }) => listPlans(ctx.tenantDb)),
});
