"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import type { MessageKey } from "@/lib/i18n/messages";
import { useCurrentTenant } from "./shell-context";

const SECTIONS: readonly { segment: string; label: MessageKey }[] = [
  { segment: "", label: "settingsNav.company" },
  { segment: "/channels", label: "settingsNav.channels" },
  { segment: "/inbox", label: "settingsNav.inbox" },
];

/** Tabs between the settings pages: company, sales channels, inbox. */
export function SettingsNav() {
  const t = useT();
  const pathname = usePathname();
  const tenant = useCurrentTenant();
  return (
    <nav aria-label={t("settingsNav.label")} className="-mt-2 mb-6 border-b border-slate-200 sm:-mt-4 sm:mb-8">
      <ul className="-mb-px flex gap-6 overflow-x-auto">
        {SECTIONS.map(({ segment, label }) => {
          const href = `/t/${tenant.slug}/settings${segment}`;
          const active = pathname === href;
          return (
            <li key={segment || "company"}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={clsx(
                  "inline-block border-b-2 px-0.5 pb-3 text-sm font-medium whitespace-nowrap transition-colors",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t(label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
