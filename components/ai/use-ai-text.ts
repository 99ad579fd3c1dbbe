"use client";

import { useCallback } from "react";
import { useT } from "@/components/providers/i18n";
import { isMessageKey } from "@/lib/i18n/messages";
import { isIntent } from "./types";

/**
 * Texts the engine stores as message keys (reasons like "ai.reasons.autoSendOff" or
 * "rules.externalLink", a conversation's needsHumanReason), and its tier explanation.
 * A key this build does not know is shown as it is rather than hidden.
 */
export function useAiText() {
  const t = useT();

  const reason = useCallback((key: string) => (isMessageKey(key) ? t(key) : key), [t]);

  const intent = useCallback((value: string) => (isIntent(value) ? t(`ai.ui.intents.${value}`) : value), [t]);

  /** The tier router explains itself in English ("simple shipping", "intent returns", …). */
  const tierReason = useCallback(
    (why: string) => {
      if (why === "negative sentiment") return t("ai.ui.tierReasons.negative");
      if (why === "several questions") return t("ai.ui.tierReasons.multiQuestion");
      if (why === "monthly AI budget used up") return t("ai.ui.tierReasons.budget");
      const topic = /^(intent|simple) (\w+)$/.exec(why);
      if (topic?.[1] && topic[2]) {
        return t(topic[1] === "intent" ? "ai.ui.tierReasons.hardIntent" : "ai.ui.tierReasons.simple", { intent: intent(topic[2]).toLocaleLowerCase() });
      }
      return why;
    },
    [t, intent],
  );

  return { reason, intent, tierReason };
}
