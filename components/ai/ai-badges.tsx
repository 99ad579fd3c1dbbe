"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { AlertIcon, SparklesIcon } from "@/components/ui/icons";
import { useAiText } from "./use-ai-text";

/** Marks a message the AI wrote: sent on its own, or approved (maybe edited) and sent by a person. */
export function AiBadge({ approvedBy, className }: { approvedBy?: string | null; className?: string }) {
  const t = useT();
  const label = approvedBy ? `${t("ai.ui.aiBadgeLabel")}, ${t("ai.ui.approvedBy", { name: approvedBy })}` : t("ai.ui.aiBadgeLabel");
  return (
    <span
      title={label}
      className={clsx(
        "inline-flex shrink-0 items-center gap-0.5 rounded-full bg-violet-50 px-1.5 py-px text-[11px] leading-4 font-semibold text-violet-700 ring-1 ring-violet-200 ring-inset",
        className,
      )}
    >
      <SparklesIcon className="size-3" />
      <span aria-hidden="true">{t("ai.ui.aiBadge")}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** The engine escalated the conversation: a person must answer. The reason is a message key. */
export function NeedsHumanBadge({ reason, className }: { reason: string | null; className?: string }) {
  const t = useT();
  const text = useAiText();
  const why = reason ? text.reason(reason) : null;
  return (
    <span
      title={why ?? undefined}
      className={clsx(
        "inline-flex shrink-0 items-center gap-0.5 rounded-full bg-amber-50 px-1.5 py-px text-[11px] leading-4 font-medium text-amber-900 ring-1 ring-amber-300 ring-inset",
        className,
      )}
    >
      <AlertIcon className="size-3" />
      {t("ai.ui.needsHuman")}
      {why && <span className="sr-only">: {why}</span>}
    </span>
  );
}
