"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { ShieldIcon } from "@/components/ui/icons";
import { TENANT_NAV_ITEMS } from "./nav-items";

const linkClasses = (active: boolean) =>
  clsx(
    "group flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors",
    active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
  );

const iconClasses = (active: boolean) =>
  clsx("size-5 shrink-0", active ? "text-brand-600" : "text-slate-400 group-hover:text-slate-600");

export function SidebarNav({
  slug,
  showPlatformLink,
  onNavigate,
}: {
  slug: string;
  showPlatformLink: boolean;
  onNavigate?: () => void;
}) {
  const t = useT();
  const pathname = usePathname();
  return (
    <nav aria-label={t("nav.mainNavigation")} className="space-y-6">
      <ul className="space-y-1">
        {TENANT_NAV_ITEMS.map(({ segment, label, icon: Icon }) => {
          const href = `/t/${slug}/${segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={segment}>
              <Link href={href} aria-current={active ? "page" : undefined} className={linkClasses(active)} onClick={onNavigate}>
                <Icon className={iconClasses(active)} />
                {t(label)}
              </Link>
            </li>
          );
        })}
      </ul>
      {showPlatformLink && (
        <ul className="space-y-1 border-t border-slate-200 pt-4">
          <li>
            <Link href="/platform" className={linkClasses(false)} onClick={onNavigate}>
              <ShieldIcon className={iconClasses(false)} />
              {t("nav.platform")}
            </Link>
          </li>
        </ul>
      )}
    </nav>
  );
}
