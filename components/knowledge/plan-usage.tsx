"use client";

import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { formatBytes, pluralForm, type PlanLimits } from "./types";

/** "12 / 50 dokumentów · maks. 10 MB na plik", with a bar that turns amber near the limit. */
export function PlanUsage({ limits }: { limits: PlanLimits }) {
  const t = useT();
  const locale = useLocale();
  const { usedDocuments: used, maxDocuments: max } = limits;
  const share = max > 0 ? Math.min(1, used / max) : 1;
  return (
    <div className="w-full space-y-1.5 sm:w-auto sm:min-w-56">
      <p className="text-sm whitespace-nowrap text-slate-700 sm:text-right">
        <span className="font-medium text-slate-900 tabular-nums">{t(`knowledge.limits.documents.${pluralForm(max, locale)}`, { used, max })}</span>
        <span className="text-slate-500"> · {t("knowledge.limits.maxFile", { size: formatBytes(limits.maxFileBytes, locale) })}</span>
      </p>
      <div
        role="meter"
        aria-label={t("knowledge.limits.usage", { plan: limits.name })}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={used}
        aria-valuetext={t(`knowledge.limits.documents.${pluralForm(max, locale)}`, { used, max })}
        className="h-1.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={clsx("h-full rounded-full transition-[width]", share >= 1 ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-brand-600")}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </div>
  );
}
