import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@/server/db/client";
import { findInvitationByTokenHash } from "@/server/db/system";
import { scopedClient, type ScopedDb } from "@/server/db/tenant-scope";
import { isUniqueViolation } from "@/server/db/errors";
import type { MembershipRole } from "@/server/db/generated/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "./member-service";
import { assertRoomFor, countSeats, warnNearLimit } from "@/server/billing/limits";

export const INVITATION_TTL_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function listPendingInvitations(db: ScopedDb, now = new Date()) {
  return db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}

/**
 * Creates a single-use invitation and returns its token once; only its hash is stored,
 * so a database leak cannot be turned into memberships. A newer invitation to the same
 * address replaces older pending ones.
 */
export async function inviteMember(db: ScopedDb, tenantId: string, actor: Actor, input: { email: string; role: MembershipRole }) {
  if (actor.role === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
  if (input.role === "owner" && actor.role !== "owner") throw new AppError("FORBIDDEN", "errors.onlyOwnerGrantsOwner");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const invitation = await db.$scoped(async (tx) => {
    const existing = await tx.membership.findFirst({ where: { user: { email: input.email } }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", "errors.alreadyMember");
    const now = new Date();
    await tx.invitation.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    // Checked after re-inviting the same person frees their earlier invitation's seat.
    const seats = await countSeats(tx, now);
    const maxSeats = await assertRoomFor(tx, tenantId, "seats", seats);
    const created = await tx.invitation.create({
      data: { tenantId, email: input.email, role: input.role, tokenHash: hashToken(token), invitedById: actor.userId, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await warnNearLimit(tx, tenantId, "seats", seats + 1, maxSeats);
    return created;
  });
  return { ...invitation, token };
}

export async function revokeInvitation(db: ScopedDb, actor: Actor, invitationId: string) {
  if (actor.role === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
  const result = await db.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND", "errors.notFound");
}

async function loadUsableInvitation(database: Database, token: string) {
  const invitation = await findInvitationByTokenHash(database.prisma, hashToken(token));
  if (!invitation || invitation.acceptedAt || invitation.revokedAt) {
    throw new AppError("NOT_FOUND", "errors.invitationInvalid");
  }
  if (invitation.expiresAt.getTime() <= Date.now()) throw new AppError("PRECONDITION_FAILED", "errors.invitationExpired");
  return invitation;
}

/** What the invitation page shows before accepting: tenant name, role, addressee. */
export async function previewInvitation(database: Database, token: string) {
  const inv = await loadUsableInvitation(database, token);
  return { tenantName: inv.tenant.name, role: inv.role, email: inv.email, expiresAt: inv.expiresAt };
}

export async function acceptInvitation(database: Database, user: { id: string; email: string }, token: string) {
  const inv = await loadUsableInvitation(database, token);
  if (inv.email !== user.email) {
    throw new AppError("FORBIDDEN", "errors.invitationEmailMismatch", { email: inv.email });
  }
  const scope = scopedClient(database.prisma, { tenantId: inv.tenantId, userId: user.id });
  try {
    await scope.$scoped(async (tx) => {
      // The conditional update is the single-use guarantee: of two concurrent accepts only one matches.
      const claimed = await tx.invitation.updateMany({
        where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count !== 1) throw new AppError("NOT_FOUND", "errors.invitationInvalid");
      await tx.membership.create({ data: { tenantId: inv.tenantId, userId: user.id, role: inv.role } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "errors.alreadyMember");
    throw error;
  }
  return { slug: inv.tenant.slug, name: inv.tenant.name };
}
