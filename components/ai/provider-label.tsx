"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { SparklesIcon } from "@/components/ui/icons";

/** The built-in responder reports itself as provider "offline". */
export const OFFLINE_PROVIDER = "offline";

const PROVIDER_NAMES: Record<string, string> = { openai: "OpenAI", anthropic: "Anthropic", ollama: "Ollama" };

export const providerName = (provider: string) => PROVIDER_NAMES[provider] ?? provider;

/** Who wrote a reply: the built-in extractive assistant, or a model ("openai · gpt-4o-mini · Szybki model"). */
export function providerText(
  t: ReturnType<typeof useT>,
  { provider, model, tier }: { provider: string | null; model: string | null; tier?: string | null },
): string | null {
  if (!provider) return null;
  if (provider === OFFLINE_PROVIDER) return t("ai.ui.status.offline");
  const tierLabel = tier === "fast" || tier === "smart" ? t(`ai.ui.tiers.${tier}`) : null;
  return [providerName(provider), model, tierLabel].filter(Boolean).join(" · ");
}

export function ProviderLabel({
  provider,
  model,
  tier,
  className,
}: {
  provider: string | null;
  model: string | null;
  tier?: string | null;
  className?: string;
}) {
  const t = useT();
  const text = providerText(t, { provider, model, tier });
  if (!text) return null;
  const offline = provider === OFFLINE_PROVIDER;
  return (
    <span
      className={clsx(
        "inline-flex max-w-full items-center gap-1 rounded-full px-2 py-px text-[11px] leading-4 font-medium ring-1 ring-inset",
        offline ? "bg-slate-100 text-slate-700 ring-slate-200" : "bg-violet-50 text-violet-700 ring-violet-200",
        className,
      )}
    >
      <SparklesIcon className="size-3.5 shrink-0" />
      <span className="truncate">{text}</span>
    </span>
  );
}
