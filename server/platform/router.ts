import { z } from "zod";
import { createRouter, platformOwnerProcedure } from "@/server/api/trpc";
import { listAllTenants, suspendTenant, unsuspendTenant } from "@/server/db/system";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { monthStart } from "@/server/billing/limits";
import { platformEconomics } from "./economics";

/**
 * The platform owner's cross-tenant view and actions; reads and writes go through
 * server/db/system.ts only, and only platform owners (PLATFORM_OWNER_EMAILS) reach them.
 */
const ZTenantIdInput = z.object({ tenantId: z.string().uuid() });

export const platformRouter = createRouter({
  tenants: platformOwnerProcedure.query(async ({ ctx }) => platformEconomics(await listAllTenants(ctx.db.prisma, monthStart()), env().INFRA_MONTHLY_COST_PLN)),

  suspend: platformOwnerProcedure
    .input(ZTenantIdInput.extend({ reason: z.string().trim().min(1).max(500) }))
    .mutation(async ({ ctx, input }) => {
      if (!(await suspendTenant(ctx.db.prisma, input.tenantId, input.reason, ctx.user.email))) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
      return { suspended: true };
    }),

  unsuspend: platformOwnerProcedure.input(ZTenantIdInput).mutation(async ({ ctx, input }) => {
    await unsuspendTenant(ctx.db.prisma, input.tenantId);
    return { suspended: false };
  }),
});
