import type { ScopedDb } from "@/server/db/tenant-scope";
import type { ChannelKind } from "@/server/db/generated/client";
import { z } from "zod";
import { INTENTS, type Intent } from "./intent";

/**
 * A tenant's AI settings; a tenant that never saved any gets the defaults (drafts only:
 * nothing is sent without review until the seller opts in per channel and topic).
 */
export const ZAutoSend = z.record(z.string(), z.array(z.enum(INTENTS)));

export interface AiSettingsView {
  enabled: boolean;
  persona: string;
  tone: "friendly" | "formal" | "concise";
  signature: string;
  autoSend: Partial<Record<ChannelKind, Intent[]>>;
  escalationKeywords: string[];
}

export const DEFAULT_AI_SETTINGS: AiSettingsView = {
  enabled: true,
  persona: "",
  tone: "friendly",
  signature: "",
  autoSend: {},
  escalationKeywords: [],
};

export async function getAiSettings(db: ScopedDb, tenantId: string): Promise<AiSettingsView> {
  const row = await db.aiSettings.findUnique({ where: { tenantId } });
  if (!row) return DEFAULT_AI_SETTINGS;
  const tone = row.tone === "formal" || row.tone === "concise" ? row.tone : "friendly";
  return {
    enabled: row.enabled,
    persona: row.persona,
    tone,
    signature: row.signature,
    autoSend: ZAutoSend.catch({}).parse(row.autoSend) as AiSettingsView["autoSend"],
    escalationKeywords: row.escalationKeywords,
  };
}

export async function updateAiSettings(db: ScopedDb, tenantId: string, changes: Partial<AiSettingsView>): Promise<AiSettingsView> {
  const current = await getAiSettings(db, tenantId);
  const pick = <K extends keyof AiSettingsView>(key: K): AiSettingsView[K] => changes[key] ?? current[key];
  const next: AiSettingsView = {
    enabled: pick("enabled"),
    persona: pick("persona"),
    tone: pick("tone"),
    signature: pick("signature"),
    autoSend: pick("autoSend"),
    escalationKeywords: pick("escalationKeywords"),
  };
  await db.aiSettings.upsert({
    where: { tenantId },
    create: { tenantId, ...next },
    update: next,
  });
  return next;
}
