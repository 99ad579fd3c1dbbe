import type { ScopedDb } from "@/server/db/tenant-scope";
import type { ChannelKind } from "@/server/db/generated/client";
import { decryptSecret, encryptSecret } from "@/server/infra/secrets";
import { AppError } from "@/lib/errors";
import { z } from "zod";
import { INTENTS, type Intent } from "./intent";
import type { EscalationRule } from "./escalation";
import type { OwnModelKey } from "./providers";
import { FORMS_OF_ADDRESS, type FormOfAddress } from "./frames";

/**
 * A tenant's AI settings; a tenant that never saved any gets the defaults (drafts only:
 * nothing is sent without review until the seller opts in per channel and topic).
 */
export const ZAutoSend = z.record(z.string(), z.array(z.enum(INTENTS)));
const ZEscalationRules = z.array(z.object({ intent: z.enum([...INTENTS, "*"]), assigneeId: z.uuid() }));

export interface AiSettingsView {
  enabled: boolean;
  persona: string;
  tone: "friendly" | "formal" | "concise";
  /** How Polish replies address the buyer. */
  address: FormOfAddress;
  signature: string;
  autoSend: Partial<Record<ChannelKind, Intent[]>>;
  escalationKeywords: string[];
  escalationRules: EscalationRule[];
  /** Whose model answers; the key itself never leaves the server. */
  model: { provider: "platform" | "openai" | "anthropic"; hasOwnKey: boolean; keyUpdatedAt: Date | null; modelFast: string | null; modelSmart: string | null };
}

export const DEFAULT_AI_SETTINGS: AiSettingsView = {
  enabled: true,
  persona: "",
  tone: "friendly",
  address: "panstwo",
  signature: "",
  autoSend: {},
  escalationKeywords: [],
  escalationRules: [],
  model: { provider: "platform", hasOwnKey: false, keyUpdatedAt: null, modelFast: null, modelSmart: null },
};

type EditableSettings = Omit<AiSettingsView, "model">;

/** The sealed key is bound to its tenant: copied onto another tenant's row it does not decrypt. */
const keyContext = (tenantId: string) => `ai_settings:${tenantId}:api_key`;

/** Settings for the engine: the view plus the tenant's own key, decrypted in memory. */
export async function readAiSettings(db: ScopedDb, tenantId: string): Promise<{ view: AiSettingsView; ownKey: OwnModelKey | null }> {
  const row = await db.aiSettings.findUnique({ where: { tenantId } });
  if (!row) return { view: DEFAULT_AI_SETTINGS, ownKey: null };
  const tone = row.tone === "formal" || row.tone === "concise" ? row.tone : "friendly";
  const provider = row.provider === "openai" || row.provider === "anthropic" ? row.provider : "platform";
  const view: AiSettingsView = {
    enabled: row.enabled,
    persona: row.persona,
    tone,
    address: (FORMS_OF_ADDRESS as readonly string[]).includes(row.address) ? (row.address as FormOfAddress) : "panstwo",
    signature: row.signature,
    autoSend: ZAutoSend.catch({}).parse(row.autoSend) as AiSettingsView["autoSend"],
    escalationKeywords: row.escalationKeywords,
    escalationRules: ZEscalationRules.catch([]).parse(row.escalationRules),
    model: { provider, hasOwnKey: row.apiKeyEncrypted !== null, keyUpdatedAt: row.apiKeyUpdatedAt, modelFast: row.modelFast, modelSmart: row.modelSmart },
  };
  const ownKey: OwnModelKey | null =
    provider !== "platform" && row.apiKeyEncrypted
      ? { provider, apiKey: decryptSecret(row.apiKeyEncrypted, keyContext(tenantId)), modelFast: row.modelFast, modelSmart: row.modelSmart }
      : null;
  return { view, ownKey };
}

export async function getAiSettings(db: ScopedDb, tenantId: string): Promise<AiSettingsView> {
  return (await readAiSettings(db, tenantId)).view;
}

export async function updateAiSettings(db: ScopedDb, tenantId: string, changes: Partial<EditableSettings>): Promise<AiSettingsView> {
  const current = await getAiSettings(db, tenantId);
  const pick = <K extends keyof EditableSettings>(key: K): EditableSettings[K] => changes[key] ?? current[key];
  const next: EditableSettings = {
    enabled: pick("enabled"),
    persona: pick("persona"),
    tone: pick("tone"),
    address: pick("address"),
    signature: pick("signature"),
    autoSend: pick("autoSend"),
    escalationKeywords: pick("escalationKeywords"),
    escalationRules: pick("escalationRules"),
  };
  if (changes.escalationRules?.length) {
    const ids = [...new Set(changes.escalationRules.map((r) => r.assigneeId))];
    const members = await db.membership.count({ where: { userId: { in: ids } } });
    if (members !== ids.length) throw new AppError("BAD_REQUEST", "ai.errors.assigneeNotMember");
  }
  const data = { ...next, escalationRules: next.escalationRules as unknown as object[] };
  await db.aiSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  return { ...next, model: current.model };
}

/**
 * Switches the tenant to its own OpenAI or Anthropic key (sealed with AES-256-GCM), or
 * back to the platform's models. A new key replaces the old; omitting the key keeps the
 * stored one (changing only the model names).
 */
export async function setModelProvider(
  db: ScopedDb,
  tenantId: string,
  input: { provider: "platform" | "openai" | "anthropic"; apiKey?: string; modelFast?: string | null; modelSmart?: string | null },
): Promise<AiSettingsView> {
  const current = await readAiSettings(db, tenantId);
  const sameProvider = current.view.model.provider === input.provider;
  if (input.provider !== "platform" && !input.apiKey && !(sameProvider && current.view.model.hasOwnKey)) {
    throw new AppError("BAD_REQUEST", "ai.errors.apiKeyRequired");
  }
  const data =
    input.provider === "platform"
      ? { provider: "platform", apiKeyEncrypted: null, apiKeyUpdatedAt: null, modelFast: null, modelSmart: null }
      : {
          provider: input.provider,
          ...(input.apiKey ? { apiKeyEncrypted: encryptSecret(input.apiKey, keyContext(tenantId)), apiKeyUpdatedAt: new Date() } : {}),
          modelFast: input.modelFast ?? null,
          modelSmart: input.modelSmart ?? null,
        };
  await db.aiSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  return getAiSettings(db, tenantId);
}
