import type { ScopedDb } from "@/server/db/tenant-scope";
import { isUniqueViolation } from "@/server/db/errors";
import { AppError } from "@/lib/errors";

const select = { id: true, title: true, body: true, updatedAt: true } as const;

export function listCannedReplies(db: ScopedDb) {
  return db.cannedReply.findMany({ orderBy: { title: "asc" }, select });
}

async function guardTitle<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "inbox.errors.cannedTitleTaken");
    throw error;
  }
}

export function createCannedReply(db: ScopedDb, tenantId: string, input: { title: string; body: string }) {
  return guardTitle(() => db.cannedReply.create({ data: { tenantId, title: input.title, body: input.body }, select }));
}

export async function updateCannedReply(db: ScopedDb, input: { id: string; title: string; body: string }) {
  const result = await guardTitle(() =>
    db.cannedReply.updateMany({ where: { id: input.id }, data: { title: input.title, body: input.body } }),
  );
  if (result.count === 0) throw new AppError("NOT_FOUND", "errors.notFound");
}

export async function deleteCannedReply(db: ScopedDb, id: string) {
  const result = await db.cannedReply.deleteMany({ where: { id } });
  if (result.count === 0) throw new AppError("NOT_FOUND", "errors.notFound");
}
