import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import { notifyUsers } from "@/server/notifications/notification-service";
import { AppError } from "@/lib/errors";

/**
 * The plan's countable limits, counted one way for the billing page and for the point of
 * action (invite, connect an account, AI reply): the server refuses what is over the limit
 * whatever the UI shows. Documents and file size are checked by the knowledge base
 * (document-service.ts) against the same plan row.
 *
 * - seats: members plus invitations still open (an invitation holds its seat until it expires);
 * - channel accounts: connected marketplace accounts, not the demo channel or disconnected ones;
 * - AI replies: replies the AI wrote this calendar month (UTC), drafts and sent alike;
 *   hand-offs it wrote nothing for are not counted.
 */
export type LimitKind = "seats" | "channelAccounts" | "aiReplies";

/** Share of a limit from which the seller is warned (the soft limit). */
export const SOFT_LIMIT_SHARE = 0.8;

type Db = ScopedDb | ScopedTransaction;

export function monthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function countSeats(db: Db, now = new Date()): Promise<number> {
  return Promise.all([
    db.membership.count(),
    db.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
  ]).then(([members, invited]) => members + invited);
}

export function countChannelAccounts(db: Db, exceptId?: string): Promise<number> {
  return db.channelAccount.count({ where: { kind: { not: "demo" }, status: { not: "disconnected" }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
}

export function countAiReplies(db: Db, now = new Date()): Promise<number> {
  return db.aiReply.count({ where: { createdAt: { gte: monthStart(now) }, text: { not: "" } } });
}

const LIMIT_ERRORS: Record<LimitKind, string> = {
  seats: "billing.errors.seatLimit",
  channelAccounts: "billing.errors.channelLimit",
  aiReplies: "billing.errors.aiReplyLimit",
};

/** The company's plan's limit for `kind`. */
export async function planLimit(db: Db, tenantId: string, kind: LimitKind): Promise<number> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: { plan: { select: { maxSeats: true, maxChannelAccounts: true, maxAiRepliesPerMonth: true } } },
  });
  if (!tenant) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  return { seats: tenant.plan.maxSeats, channelAccounts: tenant.plan.maxChannelAccounts, aiReplies: tenant.plan.maxAiRepliesPerMonth }[kind];
}

/**
 * Refuses the action with a message naming the limit (and pointing at the billing page)
 * when the plan is full; returns the limit for the soft-limit warning after the action.
 */
export async function assertRoomFor(db: Db, tenantId: string, kind: LimitKind, used: number): Promise<number> {
  const max = await planLimit(db, tenantId, kind);
  if (used >= max) throw new AppError("PRECONDITION_FAILED", LIMIT_ERRORS[kind], { max });
  return max;
}

/**
 * The soft limit: when an action takes a limit past SOFT_LIMIT_SHARE, the company's owners
 * and admins get one notification for it per month (the banner says it on every page).
 */
export async function warnNearLimit(tx: ScopedTransaction, tenantId: string, kind: LimitKind, used: number, max: number, now = new Date()): Promise<boolean> {
  if (max <= 0 || used < max * SOFT_LIMIT_SHARE) return false;
  const already = await tx.notification.findFirst({ where: { kind: "plan_limit", createdAt: { gte: monthStart(now) }, data: { path: ["limit"], equals: kind } }, select: { id: true } });
  if (already) return false;
  const admins = await tx.membership.findMany({ where: { role: { in: ["owner", "admin"] } }, select: { userId: true } });
  await notifyUsers(tx, tenantId, admins.map((a) => a.userId), { kind: "plan_limit", data: { limit: kind, used, max } });
  return true;
}
