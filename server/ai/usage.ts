import type { ScopedDb } from "@/server/db/tenant-scope";
import type { AiUsageKind } from "@/server/db/generated/client";

export interface UsageRecord {
  kind: AiUsageKind;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens?: number;
}

/** Every provider call is recorded against the tenant it served (RLS-scoped insert). */
export async function recordUsage(db: ScopedDb, tenantId: string, usage: UsageRecord): Promise<void> {
  await db.aiUsageEvent.create({
    data: {
      tenantId,
      kind: usage.kind,
      provider: usage.provider,
      model: usage.model,
      inputTokens: Math.max(0, Math.round(usage.inputTokens)),
      outputTokens: Math.max(0, Math.round(usage.outputTokens ?? 0)),
    },
  });
}
