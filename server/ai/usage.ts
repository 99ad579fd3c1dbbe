import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import type { AiUsageKind } from "@/server/db/generated/client";
import type { ChatSetup } from "./providers";

export interface UsageRecord {
  kind: AiUsageKind;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens?: number;
  conversationId?: string;
  tier?: string;
  latencyMs?: number;
  outcome?: string;
  /** "tenant": paid with the tenant's own key — recorded, not charged to the plan's budget. */
  keySource?: "platform" | "tenant";
}

/** The usage of one call a chat setup made; the AI SDK leaves token counts out when a provider omits them. */
export function generationUsage(
  setup: Pick<ChatSetup, "provider" | "modelId" | "keySource">,
  tokens: { inputTokens?: number; outputTokens?: number },
  details: Pick<UsageRecord, "conversationId" | "tier" | "latencyMs" | "outcome"> = {},
): UsageRecord {
  return {
    kind: "generation",
    provider: setup.provider,
    model: setup.modelId,
    inputTokens: tokens.inputTokens ?? 0,
    outputTokens: tokens.outputTokens ?? 0,
    keySource: setup.keySource,
    ...details,
  };
}

export interface UsageCost {
  usdMicros: bigint;
  plnMicros: bigint;
}

/**
 * Cost of a call from the price table (data, per million tokens in USD, "*" for every
 * model of a provider) and the USD→PLN rate. 1 USD per Mtok = 1 micro-USD per token.
 */
async function costOf(tx: ScopedTransaction, usage: UsageRecord): Promise<UsageCost> {
  const [row] = await tx.$queryRaw<{ input: string; output: string; rate: string }[]>`
    SELECT p.input_usd_per_mtok::text AS input, p.output_usd_per_mtok::text AS output,
           (SELECT pln_per_unit::text FROM ai_exchange_rates WHERE currency = 'USD') AS rate
      FROM ai_model_prices p
     WHERE p.provider = ${usage.provider} AND p.model IN (${usage.model}, '*')
     ORDER BY (p.model = '*') LIMIT 1`;
  if (!row) return { usdMicros: 0n, plnMicros: 0n };
  const usd = Number(row.input) * usage.inputTokens + Number(row.output) * (usage.outputTokens ?? 0);
  return { usdMicros: BigInt(Math.round(usd)), plnMicros: BigInt(Math.round(usd * Number(row.rate ?? "0"))) };
}

/**
 * Records one provider call against the tenant it served — the event and the day's
 * aggregate in one transaction, so budgets and billing read a few rows, never a scan.
 */
export async function recordUsage(db: ScopedDb, tenantId: string, usage: UsageRecord): Promise<UsageCost> {
  return db.$scoped((tx) => recordUsageIn(tx, tenantId, usage));
}

export async function recordUsageIn(tx: ScopedTransaction, tenantId: string, usage: UsageRecord): Promise<UsageCost> {
  const inputTokens = Math.max(0, Math.round(usage.inputTokens));
  const outputTokens = Math.max(0, Math.round(usage.outputTokens ?? 0));
  const cost = await costOf(tx, { ...usage, inputTokens, outputTokens });
  await tx.aiUsageEvent.create({
    data: {
      tenantId,
      kind: usage.kind,
      provider: usage.provider,
      model: usage.model,
      inputTokens,
      outputTokens,
      conversationId: usage.conversationId,
      tier: usage.tier,
      latencyMs: usage.latencyMs,
      outcome: usage.outcome,
      keySource: usage.keySource ?? "platform",
      costUsdMicros: cost.usdMicros,
      costPlnMicros: cost.plnMicros,
    },
  });
  await tx.$executeRaw`
    INSERT INTO ai_usage_daily AS d (tenant_id, day, kind, provider, model, key_source, calls, input_tokens, output_tokens, cost_usd_micros, cost_pln_micros)
    VALUES (${tenantId}::uuid, (now() AT TIME ZONE 'Europe/Warsaw')::date, ${usage.kind}::"AiUsageKind", ${usage.provider}, ${usage.model}, ${usage.keySource ?? "platform"}, 1,
            ${inputTokens}, ${outputTokens}, ${cost.usdMicros}, ${cost.plnMicros})
    ON CONFLICT (tenant_id, day, kind, provider, model, key_source) DO UPDATE SET
      calls = d.calls + 1, input_tokens = d.input_tokens + EXCLUDED.input_tokens, output_tokens = d.output_tokens + EXCLUDED.output_tokens,
      cost_usd_micros = d.cost_usd_micros + EXCLUDED.cost_usd_micros, cost_pln_micros = d.cost_pln_micros + EXCLUDED.cost_pln_micros`;
  return cost;
}

/** This calendar month's spend (Polish time) on the platform's models against the plan's AI budget. */
export async function monthlyBudget(db: ScopedDb, tenantId: string): Promise<{ spentPlnMicros: bigint; budgetPlnMicros: bigint; exhausted: boolean }> {
  const [row] = await db.$queryRaw<{ spent: bigint | null; budget: bigint }[]>`
    SELECT (SELECT sum(cost_pln_micros) FROM ai_usage_daily
             WHERE tenant_id = ${tenantId}::uuid AND key_source = 'platform' AND day >= date_trunc('month', now() AT TIME ZONE 'Europe/Warsaw')::date)::bigint AS spent,
           p.ai_budget_pln_micros AS budget
      FROM tenants t JOIN plans p ON p.id = t.plan_id WHERE t.id = ${tenantId}::uuid`;
  const spent = BigInt(row?.spent ?? 0n);
  const budget = BigInt(row?.budget ?? 0n);
  return { spentPlnMicros: spent, budgetPlnMicros: budget, exhausted: spent >= budget };
}
