import type { Database } from "@/server/db/client";
import { tenantDb, type ScopedTransaction } from "@/server/db/tenant-scope";
import { withSystemTransaction } from "@/server/db/system";
import { logger } from "@/lib/logger";
import { emitJobs, type JobEvent } from "./jobs";

interface OutboxRow {
  id: string;
  name: string;
  event_key: string;
  payload: Record<string, unknown>;
}

/**
 * Emits undispatched outbox rows and marks them in the same transaction. Rows are
 * claimed with SKIP LOCKED, so concurrent dispatchers never send one twice; if the
 * process dies after emitting but before committing, the re-send carries the same
 * event id and is dropped downstream.
 */
async function dispatchIn(tx: ScopedTransaction, limit: number): Promise<number> {
  const rows = await tx.$queryRaw<OutboxRow[]>`
    SELECT id, name, event_key, payload FROM outbox_events
     WHERE dispatched_at IS NULL ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  if (rows.length === 0) return 0;
  const events: JobEvent[] = rows.map((r) => ({ name: r.name, id: `${r.name}:${r.event_key}`, data: r.payload }));
  try {
    await emitJobs(events);
  } catch (error) {
    logger.error("outbox dispatch failed; will retry", { error: error instanceof Error ? error.message : String(error) });
    return 0;
  }
  const ids = rows.map((r) => r.id);
  await tx.$executeRaw`UPDATE outbox_events SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY(${ids}::uuid[])`;
  return rows.length;
}

/** After a write that added outbox rows for one tenant. */
export function dispatchTenantOutbox(db: Database, tenantId: string, limit = 500): Promise<number> {
  return tenantDb(db.prisma, tenantId).$scoped((tx) => dispatchIn(tx, limit));
}

/** The periodic sweep: picks up whatever a crash left behind, for every tenant. */
export function dispatchAllOutboxes(db: Database, limit = 1_000): Promise<number> {
  return withSystemTransaction(db.prisma, "outbox sweep after crashes", (tx) => dispatchIn(tx, limit));
}
