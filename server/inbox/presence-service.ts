import type { ScopedDb } from "@/server/db/tenant-scope";
import { AppError } from "@/lib/errors";

/** A viewer counts as present for this long after their last heartbeat. */
const PRESENCE_TTL_MS = 20_000;

/**
 * Records that the user is looking at (or typing in) a conversation and returns the
 * other people doing the same, so two people never answer one buyer twice.
 */
export async function heartbeat(
  db: ScopedDb,
  tenantId: string,
  user: { id: string; name: string },
  input: { conversationId: string; typing: boolean },
) {
  return db.$scoped(async (tx) => {
    const exists = await tx.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true } });
    if (!exists) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
    const expiresAt = new Date(Date.now() + PRESENCE_TTL_MS);
    await tx.conversationPresence.upsert({
      where: { conversationId_userId: { conversationId: input.conversationId, userId: user.id } },
      create: { tenantId, conversationId: input.conversationId, userId: user.id, userName: user.name, typing: input.typing, expiresAt },
      update: { typing: input.typing, expiresAt, userName: user.name },
    });
    await tx.conversationPresence.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 60_000) } } });
    return tx.conversationPresence.findMany({
      where: { conversationId: input.conversationId, userId: { not: user.id }, expiresAt: { gt: new Date() } },
      select: { userId: true, userName: true, typing: true },
    });
  });
}
