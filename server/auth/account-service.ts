import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import { findUserForSignIn } from "@/server/db/system";
import { scopedClient, userDb } from "@/server/db/tenant-scope";
import { isUniqueViolation } from "@/server/db/errors";
import { insertTenantWithOwner, withAvailableSlug } from "@/server/tenants/tenant-service";
import { AppError } from "@/lib/errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { signInLimiters } from "./sign-in-limits";

export interface SignUpInput {
  email: string;
  name: string;
  password: string;
  shopName: string;
  slug?: string;
  locale?: string;
}

/**
 * Creates the user, their first tenant and the owner membership in one transaction:
 * if any step fails (email taken, slug taken, a constraint) nothing is left behind.
 */
export async function signUp(db: Database, input: SignUpInput) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withAvailableSlug(input.shopName, input.slug, (slug) => {
      const userId = randomUUID();
      const tenantId = randomUUID();
      return scopedClient(db.prisma, { tenantId, userId }).$scoped(async (tx) => {
        const user = await tx.user.create({
          data: {
            id: userId,
            email,
            name: input.name,
            passwordHash,
            passwordChangedAt: new Date(),
            locale: input.locale ?? "pl",
          },
          select: { id: true, email: true, name: true },
        });
        const tenant = await insertTenantWithOwner(tx, { tenantId, userId, name: input.shopName, slug });
        return { user, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name } };
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new AppError("CONFLICT", "errors.emailTaken");
    throw error;
  }
}

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string; locale: string } }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

/**
 * Checks credentials behind two sliding-window limits (per email and per client IP),
 * so neither one account nor one address can be used to guess passwords at speed.
 */
export async function authenticate(
  db: Database,
  input: { email: string; password: string; ip: string },
): Promise<AuthenticateResult> {
  const limits = signInLimiters();
  const [byEmail, byIp] = await Promise.all([limits.perEmail.limit(input.email), limits.perIp.limit(input.ip)]);
  if (!byEmail.success || !byIp.success) {
    const reset = Math.max(byEmail.success ? 0 : byEmail.reset, byIp.success ? 0 : byIp.reset);
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil((reset - Date.now()) / 1000)) };
  }
  const user = await findUserForSignIn(db.prisma, input.email);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, locale: user.locale } };
}

export async function changePassword(db: Database, userId: string, input: { currentPassword: string; newPassword: string }) {
  const allowed = await signInLimiters().passwordChange.limit(userId);
  if (!allowed.success) {
    throw new AppError("TOO_MANY_REQUESTS", "errors.rateLimited", { seconds: Math.max(1, Math.ceil((allowed.reset - Date.now()) / 1000)) });
  }
  const scope = userDb(db.prisma, userId);
  const user = await scope.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_REQUEST", "errors.wrongPassword");
  }
  await scope.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() },
  });
}

export async function setAccountLocale(db: Database, userId: string, locale: "pl" | "en") {
  await userDb(db.prisma, userId).user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
}

/** The signed-in user as the database sees them now (deleted users and old tokens are rejected by the caller). */
export function loadSessionUser(db: Database, userId: string) {
  return userDb(db.prisma, userId).user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, locale: true, passwordChangedAt: true },
  });
}
