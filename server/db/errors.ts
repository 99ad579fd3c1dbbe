import { Prisma } from "./generated/client";

/**
 * True when `error` is a unique-constraint violation on `field` (column or Prisma field
 * name). Driver adapters report the constraint in different places of `meta`, so we
 * look at all of it rather than at one driver's shape.
 */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  if (!field) return true;
  const meta = JSON.stringify(error.meta ?? {});
  return meta.includes(field) || error.message.includes(field);
}

export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}
