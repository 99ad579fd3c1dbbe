import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import type { MembershipRole } from "@/server/db/generated/client";
import { AppError } from "@/lib/errors";

export interface Actor {
  userId: string;
  membershipId: string;
  role: MembershipRole;
}

export function listMembers(db: ScopedDb) {
  return db.membership
    .findMany({
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    })
    .then((rows) => rows.map((m) => ({ id: m.id, role: m.role, joinedAt: m.createdAt, user: m.user })));
}

/**
 * Locks the tenant's owner rows for the rest of the transaction, so two owners demoting
 * or removing each other at the same moment cannot leave the tenant with none.
 */
async function lockedOwnerCount(tx: ScopedTransaction): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM memberships WHERE role = 'owner' FOR UPDATE`;
  return rows.length;
}

/**
 * The actor's role as it is now, locked: the role on the request was read before the
 * transaction, and a promotion or demotion in between must not slip past the rules
 * (an admin promoted to sole owner leaving with a stale "admin" role).
 */
async function lockedActorRole(tx: ScopedTransaction, actor: Actor): Promise<MembershipRole> {
  const [row] = await tx.$queryRaw<{ role: MembershipRole }[]>`SELECT role FROM memberships WHERE id = ${actor.membershipId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("FORBIDDEN", "errors.forbidden");
  return row.role;
}

async function loadTarget(tx: ScopedTransaction, membershipId: string) {
  const target = await tx.membership.findUnique({ where: { id: membershipId }, select: { id: true, userId: true, role: true } });
  if (!target) throw new AppError("NOT_FOUND", "errors.notFound");
  return target;
}

export async function changeMemberRole(db: ScopedDb, actor: Actor, membershipId: string, role: MembershipRole) {
  return db.$scoped(async (tx) => {
    const ownerCount = await lockedOwnerCount(tx);
    const actorRole = await lockedActorRole(tx, actor);
    const target = await loadTarget(tx, membershipId);
    if (actorRole === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
    if (actorRole !== "owner" && (target.role === "owner" || role === "owner")) {
      throw new AppError("FORBIDDEN", target.role === "owner" ? "errors.cannotManageOwner" : "errors.onlyOwnerGrantsOwner");
    }
    if (target.role === "owner" && role !== "owner" && ownerCount <= 1) {
      throw new AppError("PRECONDITION_FAILED", "errors.lastOwner");
    }
    return tx.membership.update({ where: { id: target.id }, data: { role }, select: { id: true, role: true } });
  });
}

export async function removeMember(db: ScopedDb, actor: Actor, membershipId: string) {
  if (membershipId === actor.membershipId) throw new AppError("BAD_REQUEST", "errors.useLeave");
  await db.$scoped(async (tx) => {
    const ownerCount = await lockedOwnerCount(tx);
    const actorRole = await lockedActorRole(tx, actor);
    const target = await loadTarget(tx, membershipId);
    if (actorRole === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
    if (target.role === "owner" && actorRole !== "owner") throw new AppError("FORBIDDEN", "errors.cannotManageOwner");
    if (target.role === "owner" && ownerCount <= 1) throw new AppError("PRECONDITION_FAILED", "errors.lastOwner");
    await tx.membership.delete({ where: { id: target.id } });
  });
}

export async function leaveTenant(db: ScopedDb, actor: Actor) {
  await db.$scoped(async (tx) => {
    const ownerCount = await lockedOwnerCount(tx);
    if ((await lockedActorRole(tx, actor)) === "owner" && ownerCount <= 1) throw new AppError("PRECONDITION_FAILED", "errors.lastOwner");
    await tx.membership.delete({ where: { id: actor.membershipId } });
  });
}
