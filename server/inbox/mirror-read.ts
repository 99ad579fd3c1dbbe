import type { Database } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant-scope";
import { connectorFor } from "@/server/marketplaces/registry";
import { channelContext } from "@/server/marketplaces/connector";

/** Marks the thread read on the marketplace too, where the platform supports it. */
export async function mirrorThreadRead(db: Database, tenantId: string, conversationId: string) {
  const c = await tenantDb(db.prisma, tenantId).conversation.findUnique({
    where: { id: conversationId },
    select: { externalThreadId: true, channelAccount: { select: { id: true, kind: true, status: true, externalAccountId: true } } },
  });
  if (!c || c.channelAccount.status !== "active") return "skipped";
  const connector = connectorFor(db, c.channelAccount.kind);
  if (!connector?.capabilities.markRead) return "skipped";
  await connector.markRead(
    channelContext(tenantId, c.channelAccount),
    c.externalThreadId,
  );
  return "marked";
}
