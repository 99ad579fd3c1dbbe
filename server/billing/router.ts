import { z } from "zod";
import { createRouter, tenantAdminProcedure, tenantMemberProcedure } from "@/server/api/trpc";
import { billingOverview, listPlans, usageHistory } from "./billing-service";
import { listInvoices, openCustomerPortal, startCheckout } from "./checkout";

/**
 * Billing: the company's plan, trial, subscription and usage against the plan's limits,
 * the price list, and the way to Stripe's hosted Checkout and Customer Portal (admins).
 * Every procedure is in the isolation matrix (tests/isolation.integration.test.ts).
 */
const ZCheckoutInput = z.object({ planId: z.string().min(1).max(40), interval: z.enum(["month", "year"]) });

export const billingRouter = createRouter({
  overview: tenantMemberProcedure.query(({ ctx }) => billingOverview(ctx.tenantDb, ctx.tenant.id)),
  plans: tenantMemberProcedure.query(({ ctx }) => listPlans(ctx.tenantDb)),
  usageHistory: tenantMemberProcedure.query(({ ctx }) => usageHistory(ctx.tenantDb, ctx.tenant.id)),
  invoices: tenantAdminProcedure.query(({ ctx }) => listInvoices(ctx.tenantDb, ctx.tenant.id)),
  startCheckout: tenantAdminProcedure
    .input(ZCheckoutInput)
    .mutation(({ ctx, input }) => startCheckout(ctx.db, ctx.tenantDb, { tenant: ctx.tenant, email: ctx.user.email }, input)),
  openPortal: tenantAdminProcedure.mutation(({ ctx }) => openCustomerPortal(ctx.tenantDb, { tenant: ctx.tenant, email: ctx.user.email })),
});
