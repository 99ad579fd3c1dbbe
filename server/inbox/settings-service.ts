import type { ScopedDb } from "@/server/db/tenant-scope";
import type { ChannelKind, Prisma } from "@/server/db/generated/client";
import { AppError } from "@/lib/errors";
import { DEFAULT_RESPONSE_TARGETS, responseTargets } from "./response-targets";

export async function getInboxSettings(db: ScopedDb, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { inboxSettings: true } });
  if (!tenant) throw new AppError("NOT_FOUND", "errors.tenantNotFound");
  return { responseTargets: responseTargets(tenant.inboxSettings), defaults: DEFAULT_RESPONSE_TARGETS };
}

export async function updateResponseTargets(db: ScopedDb, tenantId: string, targets: Partial<Record<ChannelKind, number>>) {
  return db.$scoped(async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { inboxSettings: true } });
    const current = (tenant?.inboxSettings ?? {}) as Record<string, unknown>;
    const next = { ...current, responseTargets: { ...((current.responseTargets as object) ?? {}), ...targets } };
    await tx.tenant.update({ where: { id: tenantId }, data: { inboxSettings: next as Prisma.InputJsonValue } });
    return responseTargets(next);
  });
}
