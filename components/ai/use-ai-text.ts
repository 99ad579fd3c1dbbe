"use client";

import { useCallback } from "react";
import { useT } from "@/components/providers/i18n";
import { isMessageKey } from "@/lib/i18n/messages";
import { isIntent, type TierReason } from "./types";

/**
 * Texts the engine stores as message keys (reasons like "ai.reasons.autoSendOff" or
 * "rules.externalLink", a conversation's needsHumanReason), and its tier explanation.
 * A key this build does not know is shown as it is rather than hidden.
 */
export function useAiText() {
  const t = useT();

  const reason = useCallback((key: string) => (isMessageKey(key) ? t(key) : key), [t]);

  const intent = useCallback((value: string) => (isIntent(value) ? t(`ai.ui.intents.${value}`) : value), [t]);

  /** The tier router's reason (server/ai/intent.ts TierReason), in words. */
  const tierReason = useCallback(
    (why: TierReason) => ("intent" in why ? t(`ai.ui.tierReasons.${why.code}`, { intent: intent(why.intent).toLocaleLowerCase() }) : t(`ai.ui.tierReasons.${why.code}`)),
    [t, intent],
  );

  return { reason, intent, tierReason };
}
