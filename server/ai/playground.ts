import { generateText } from "ai";
import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { searchKnowledge } from "@/server/knowledge/search";
import { AppError } from "@/lib/errors";
import { responderFor, sourcesOf } from "./pipeline";
import { chooseTier, classifyMessage, type TierReason } from "./intent";
import { detectLanguage } from "@/lib/text/language";
import { chatSetup } from "./providers";
import { readAiSettings } from "./settings-service";
import { generationUsage, recordUsage } from "./usage";

export type PlaygroundEvent =
  | { type: "text"; delta: string }
  | {
      type: "done";
      text: string;
      handoff: boolean;
      language: string;
      intent: string;
      tier: string;
      tierReason: TierReason;
      provider: string;
      model: string;
      inputTokens: number;
      outputTokens: number;
      costPln: number;
      costUsd: number;
      latencyMs: number;
      sources: ReturnType<typeof sourcesOf>;
    };

/**
 * Playground: a question as a buyer would ask it, answered exactly as the engine would
 * (retrieval, tier, the tenant's or the platform's model, or the offline responder),
 * without a conversation and without sending anything. The text streams as the model
 * writes it; the last event carries the cleaned reply, its sources and what it cost.
 */
export async function* askPlayground(database: Database, db: ScopedDb, tenantId: string, question: string): AsyncGenerator<PlaygroundEvent> {
  const started = performance.now();
  const [{ view: settings, ownKey }, tenant] = await Promise.all([
    readAiSettings(db, tenantId),
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, defaultLanguage: true } }),
  ]);
  const signals = classifyMessage(question);
  const tier = chooseTier(signals);
  const language = detectLanguage(question, tenant.defaultLanguage === "en" ? "en" : "pl");
  const { passages, words } = await searchKnowledge(database, db, tenantId, question, { k: 5 });
  const request = { tenantName: tenant.name, language, buyerText: question, history: [], passages, words, order: null, signals, tier: tier.tier, settings };
  const stream = responderFor(tier.tier, ownKey).stream(request, AbortSignal.timeout(30_000));
  let generated;
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        generated = next.value;
        break;
      }
      yield { type: "text", delta: next.value };
    }
  } catch (error) {
    throw new AppError("BAD_GATEWAY", "ai.errors.generationFailed", { detail: error instanceof Error ? error.message.slice(0, 200) : "" });
  }
  const latencyMs = Math.round(performance.now() - started);
  const cost =
    generated.provider === "offline"
      ? { plnMicros: 0n, usdMicros: 0n }
      : await recordUsage(db, tenantId, {
          kind: "generation",
          provider: generated.provider,
          model: generated.model,
          inputTokens: generated.usage.inputTokens,
          outputTokens: generated.usage.outputTokens,
          tier: tier.tier,
          latencyMs,
          outcome: "playground",
          keySource: generated.keySource,
        });
  yield {
    type: "done",
    text: generated.text,
    handoff: generated.handoff,
    language,
    intent: signals.intent,
    tier: tier.tier,
    tierReason: tier.why,
    provider: generated.provider,
    model: generated.model,
    inputTokens: generated.usage.inputTokens,
    outputTokens: generated.usage.outputTokens,
    costPln: Number(cost.plnMicros) / 1e6,
    costUsd: Number(cost.usdMicros) / 1e6,
    latencyMs,
    sources: sourcesOf(generated.cited, passages),
  };
}

/** One tiny request to the tenant's configured model, so a wrong key or model shows at once. */
export async function checkModel(db: ScopedDb, tenantId: string) {
  const { ownKey } = await readAiSettings(db, tenantId);
  const setup = chatSetup("fast", ownKey);
  if (!setup) return { ok: true as const, provider: "offline", model: "extractive", latencyMs: 0 };
  const started = performance.now();
  try {
    const result = await generateText({ model: setup.model, prompt: "Reply with: OK", maxOutputTokens: 5, maxRetries: 0, abortSignal: AbortSignal.timeout(15_000) });
    await recordUsage(db, tenantId, generationUsage(setup, result.totalUsage, { outcome: "check" }));
  } catch (error) {
    throw new AppError("BAD_REQUEST", "ai.errors.modelCheckFailed", { detail: error instanceof Error ? error.message.slice(0, 200) : "" });
  }
  return { ok: true as const, provider: setup.provider, model: setup.modelId, latencyMs: Math.round(performance.now() - started) };
}
