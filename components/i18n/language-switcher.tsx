"use client";

import clsx from "clsx";
import { LOCALES } from "@/lib/i18n/messages";
import { useLocale, useT } from "@/components/providers/i18n";
import { GlobeIcon } from "@/components/ui/icons";
import { useSwitchLocale } from "./use-switch-locale";

/** Compact PL | EN toggle for pages without the user menu (sign-in, sign-up, invitation). */
export function LanguageSwitcher({ className }: { className?: string }) {
  const t = useT();
  const current = useLocale();
  const { switchLocale, pending } = useSwitchLocale();
  return (
    <div role="group" aria-label={t("common.language")} className={clsx("flex items-center gap-1 text-sm", className)}>
      <GlobeIcon className="size-4 text-slate-500" />
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          disabled={pending}
          onClick={() => switchLocale(locale)}
          className={clsx(
            "cursor-pointer rounded-md px-2 py-1 font-medium transition-colors",
            locale === current ? "bg-slate-200 text-slate-900" : "text-slate-600 hover:bg-slate-100",
          )}
        >
          {t(`languages.${locale}`)}
        </button>
      ))}
    </div>
  );
}
