import { createRouter } from "@/server/api/trpc";

/**
 * Billing (plans, usage, invoices, Stripe).
 * Procedures are added here as that work lands; each one built on tenantProcedure joins
 * the isolation matrix in tests/isolation.integration.test.ts.
 */
export const billingRouter = createRouter({});
