import { createRouter, platformOwnerProcedure } from "@/server/api/trpc";
import { listAllTenants } from "@/server/db/system";

/** The platform owner's cross-tenant view; reads go through server/db/system.ts only. */
export const platformRouter = createRouter({
  tenants: platformOwnerProcedure.query(({ ctx }) => listAllTenants(ctx.db.prisma)),
});
