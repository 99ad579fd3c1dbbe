"use client";

import { useState, useSyncExternalStore } from "react";
import Link from "next/link";
import clsx from "clsx";
import { useQuery } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { CheckCircleIcon } from "@/components/ui/icons";
import { readStored, writeStored } from "@/components/browser-storage";

type Step = "knowledge" | "aiAnswers" | "channel" | "team";

const STEPS: { step: Step; path: string }[] = [
  { step: "knowledge", path: "knowledge" },
  { step: "aiAnswers", path: "ai" },
  { step: "channel", path: "settings/channels" },
  { step: "team", path: "members" },
];

const dismissedKey = (tenantId: string) => `bokai:onboarding-dismissed:${tenantId}`;

const readDismissed = (tenantId: string) => readStored(dismissedKey(tenantId)) === "1";

function subscribeToStorage(onChange: () => void) {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

/**
 * A new company's first steps, each ticked by what the company already has (a document,
 * saved AI settings, a real channel, a teammate). Shown until all are done or the member
 * hides it on this browser.
 */
export function OnboardingChecklist({ className }: { className?: string }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  // Hidden while rendered on the server (it cannot know); this browser's choice on the client.
  const hiddenHere = useSyncExternalStore(subscribeToStorage, () => readDismissed(tenant.id), () => true);
  const [hiddenNow, setHiddenNow] = useState(false);
  const dismissed = hiddenHere || hiddenNow;
  const steps = useQuery(trpc.tenants.onboarding.queryOptions({ tenantSlug: tenant.slug }, { enabled: !dismissed }));
  if (dismissed || !steps.data) return null;
  const done = STEPS.filter(({ step }) => steps.data[step]).length;
  if (done === STEPS.length) return null;

  function dismiss() {
    // Storage refused: hidden until the next visit.
    writeStored(dismissedKey(tenant.id), "1");
    setHiddenNow(true);
  }

  return (
    <section aria-labelledby="onboarding-title" className={clsx("rounded-xl border border-slate-200 bg-white p-5 text-left shadow-sm", className)}>
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="onboarding-title" className="text-base font-semibold text-slate-900">
            {t("onboarding.title")}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{t("onboarding.progress", { done, total: STEPS.length })}</p>
        </div>
        <button type="button" onClick={dismiss} className="cursor-pointer rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100">
          {t("onboarding.dismiss")}
        </button>
      </div>
      <ol aria-label={t("onboarding.title")} className="mt-4 space-y-3">
        {STEPS.map(({ step, path }) => {
          const complete = steps.data[step];
          return (
            <li key={step} className="flex items-start gap-3">
              {complete ? (
                <CheckCircleIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-emerald-600" />
              ) : (
                <span aria-hidden="true" className="mt-0.5 size-5 shrink-0 rounded-full border-2 border-slate-300" />
              )}
              <div className="min-w-0">
                <Link href={`/t/${tenant.slug}/${path}`} className={clsx("text-sm font-medium hover:underline", complete ? "text-slate-500 line-through" : "text-brand-700")}>
                  {t(`onboarding.steps.${step}.title`)}
                </Link>
                <span className="sr-only"> — {complete ? t("onboarding.done") : t("onboarding.todo")}</span>
                <p className="text-xs text-slate-600">{t(`onboarding.steps.${step}.body`)}</p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
