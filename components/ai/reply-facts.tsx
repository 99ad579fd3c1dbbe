"use client";

import type { ReactNode } from "react";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { formatDuration, formatNumber, formatPln, languageName } from "./format";
import { providerText } from "./provider-label";
import { useAiText } from "./use-ai-text";
import type { TierReason } from "./types";

export interface ReplyFactsData {
  language: string | null;
  intent: string | null;
  tier: string | null;
  tierReason?: TierReason;
  provider: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  costPln: number;
  latencyMs: number | null;
}

function Fact({ label, children, title }: { label: string; children: ReactNode; title?: string }) {
  return (
    <div className="min-w-0 rounded-md bg-slate-50 px-2.5 py-1.5 ring-1 ring-slate-200 ring-inset" title={title}>
      <dt className="text-[10px] font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="truncate text-xs font-medium text-slate-800">{children}</dd>
    </div>
  );
}

/** The small print of one reply: language, topic, tier and why, who wrote it, tokens, cost and time. */
export function ReplyFacts({ facts, className }: { facts: ReplyFactsData; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const text = useAiText();
  const tier = facts.tier === "fast" || facts.tier === "smart" ? t(`ai.ui.tiers.${facts.tier}`) : facts.tier;
  const tierReason = facts.tierReason ? text.tierReason(facts.tierReason) : null;
  const author = providerText(t, { provider: facts.provider, model: facts.model });
  return (
    <dl aria-label={t("ai.ui.facts.label")} className={clsx("flex flex-wrap gap-1.5", className)}>
      {facts.language && <Fact label={t("ai.ui.facts.language")}>{languageName(facts.language, locale)}</Fact>}
      {facts.intent && <Fact label={t("ai.ui.facts.intent")}>{text.intent(facts.intent)}</Fact>}
      {tier && (
        <Fact label={t("ai.ui.facts.tier")} title={tierReason ?? undefined}>
          {tier}
          {tierReason && <span className="font-normal text-slate-600"> ({tierReason})</span>}
        </Fact>
      )}
      {author && (
        <Fact label={t("ai.ui.facts.provider")} title={author}>
          {author}
        </Fact>
      )}
      <Fact label={t("ai.ui.facts.tokens")} title={t("ai.ui.facts.tokensHint")}>
        <span className="tabular-nums">
          {t("ai.ui.facts.tokensValue", { input: formatNumber(facts.inputTokens, locale), output: formatNumber(facts.outputTokens, locale) })}
        </span>
      </Fact>
      <Fact label={t("ai.ui.facts.cost")}>
        <span className="tabular-nums">{formatPln(facts.costPln, locale)}</span>
      </Fact>
      {facts.latencyMs !== null && (
        <Fact label={t("ai.ui.facts.latency")}>
          <span className="tabular-nums">{formatDuration(facts.latencyMs, locale)}</span>
        </Fact>
      )}
    </dl>
  );
}
