import type { Database } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import { scopedClient } from "@/server/db/tenant-scope";
import { AppError } from "@/lib/errors";
import { slugify } from "@/lib/slugify";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { ZUpdateTenantSettingsInput } from "./schemas";
import { DEFAULT_PLAN_ID, trialEndFor } from "@/server/billing/billing-service";
import { createDemoChannel } from "@/server/inbox/channel-service";
import type { MembershipRole } from "@/server/db/generated/client";

export const tenantSelect = {
  id: true,
  name: true,
  slug: true,
  defaultLanguage: true,
  timezone: true,
  createdAt: true,
} as const;

/**
 * Inserts a tenant and its first owner inside a transaction scoped to both the new
 * tenant and the user (RLS WITH CHECK requires it). Used by sign-up and "new company".
 */
export async function insertTenantWithOwner(
  tx: ScopedTransaction,
  input: { tenantId: string; userId: string; name: string; slug: string },
) {
  // Every new company gets the default plan's trial.
  const tenant = await tx.tenant.create({
    data: { id: input.tenantId, name: input.name, slug: input.slug, planId: DEFAULT_PLAN_ID, trialEndsAt: await trialEndFor(tx) },
    select: tenantSelect,
  });
  await tx.membership.create({ data: { tenantId: tenant.id, userId: input.userId, role: "owner" } });
  // A test channel, so the seller can write as a buyer and watch the AI answer before any
  // marketplace is connected (it is marked as a test channel and can be removed).
  await createDemoChannel(tx, tenant.id);
  return tenant;
}

/**
 * Runs `attempt` with a generated slug, retrying with a random suffix when the slug is
 * taken. Other tenants are invisible under RLS, so the unique index is the only
 * authority on whether a slug is free. A slug the user typed is never altered.
 */
export async function withAvailableSlug<T>(
  name: string,
  requested: string | undefined,
  attempt: (slug: string) => Promise<T>,
): Promise<T> {
  const base = requested ?? slugify(name);
  for (let i = 0; ; i++) {
    const slug = i === 0 ? base : `${base.slice(0, 40)}-${randomUUID().slice(0, 6)}`;
    try {
      return await attempt(slug);
    } catch (error) {
      if (!isUniqueViolation(error, "slug")) throw error;
      if (requested || i >= 4) throw new AppError("CONFLICT", "errors.slugTaken");
    }
  }
}

export async function createTenant(db: Database, userId: string, input: { name: string; slug?: string }) {
  return withAvailableSlug(input.name, input.slug, (slug) => {
    const tenantId = randomUUID();
    return scopedClient(db.prisma, { tenantId, userId }).$scoped((tx) =>
      insertTenantWithOwner(tx, { tenantId, userId, name: input.name, slug }),
    );
  });
}

export interface TenantAccess {
  tenant: { id: string; name: string; slug: string };
  role: MembershipRole;
  membershipId: string;
}

/**
 * Resolves a URL slug to a tenant the user belongs to, through the user scope (RLS
 * shows a user only their own memberships). Unknown slug and "not a member" look the
 * same from outside: NOT_FOUND, so slugs of other sellers cannot be probed.
 */
export async function resolveTenantAccess(userScope: ScopedDb, userId: string, slug: string): Promise<TenantAccess> {
  const membership = await userScope.membership.findFirst({
    where: { userId, tenant: { slug } },
    select: { id: true, role: true, tenant: { select: { id: true, name: true, slug: true, suspension: { select: { reason: true } } } } },
  });
  if (!membership) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  const { suspension, ...tenant } = membership.tenant;
  // Suspended by the platform owner: members learn why; nothing of the company is reachable.
  if (suspension) throw new AppError("FORBIDDEN", "errors.tenantSuspended", { reason: suspension.reason, name: tenant.name });
  return { tenant, role: membership.role, membershipId: membership.id };
}

export function listTenantsForUser(userScope: ScopedDb, userId: string) {
  return userScope.membership
    .findMany({
      where: { userId },
      orderBy: { tenant: { name: "asc" } },
      select: { role: true, tenant: { select: { id: true, name: true, slug: true } } },
    })
    .then((rows) => rows.map((r) => ({ ...r.tenant, role: r.role })));
}

export async function getTenant(db: ScopedDb, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: tenantSelect });
  if (!tenant) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  return tenant;
}

export async function updateTenantSettings(
  db: ScopedDb,
  tenantId: string,
  input: z.infer<typeof ZUpdateTenantSettingsInput>,
) {
  try {
    return await db.tenant.update({ where: { id: tenantId }, data: input, select: tenantSelect });
  } catch (error) {
    if (isUniqueViolation(error, "slug")) throw new AppError("CONFLICT", "errors.slugTaken");
    throw error;
  }
}
