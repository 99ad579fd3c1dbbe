import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Database } from "@/server/db/client";
import { tenantDb, userDb, type ScopedDb } from "@/server/db/tenant-scope";
import type { SessionUser } from "@/server/auth/next-auth";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { ZTenantScopedInput } from "@/server/tenants/schemas";
import type { MembershipRole } from "@/server/db/generated/client";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/messages";
import { formatError, toTRPCError } from "./errors";

export interface Context {
  db: Database;
  user: SessionUser | null;
  locale: Locale;
  /** Client address for rate limits and audit; "unknown" when no proxy header is present. */
  ip: string;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx, path }) {
    const formatted = formatError(error, ctx?.locale ?? DEFAULT_LOCALE, path);
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message: formatted.message, data: { ...data, fieldErrors: formatted.fieldErrors } };
  },
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain and database errors once, for every procedure. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.unauthorized" });
  const user = ctx.user;
  return next({ ctx: { user, userDb: userDb(ctx.db.prisma, user.id) } });
});

export interface TenantContext {
  tenant: { id: string; name: string; slug: string };
  role: MembershipRole;
  membershipId: string;
  /** The tenant-scoped client: RLS limits every query on it to ctx.tenant. */
  tenantDb: ScopedDb;
}

/**
 * Every tenant procedure takes `tenantSlug`; membership is verified here, before any
 * handler runs, and the verified tenant (never a client-supplied id) is put on ctx.
 */
export const tenantProcedure = authedProcedure.input(ZTenantScopedInput).use(async ({ ctx, input, next }) => {
  const access = await resolveTenantAccess(ctx.userDb, ctx.user.id, input.tenantSlug);
  const tenant: TenantContext = { ...access, tenantDb: tenantDb(ctx.db.prisma, access.tenant.id) };
  return next({ ctx: { ...tenant, actor: { userId: ctx.user.id, membershipId: access.membershipId, role: access.role } } });
});

const requireRole = (allowed: MembershipRole[]) =>
  tenantProcedure.use(({ ctx, next }) => {
    if (!allowed.includes(ctx.role)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
    return next();
  });

export const tenantMemberProcedure = tenantProcedure;
export const tenantAdminProcedure = requireRole(["owner", "admin"]);
export const tenantOwnerProcedure = requireRole(["owner"]);

export const platformOwnerProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isPlatformOwner) throw new TRPCError({ code: "FORBIDDEN", message: "errors.platformOnly" });
  return next();
});
