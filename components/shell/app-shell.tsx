"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog, DialogBackdrop, DialogPanel } from "@headlessui/react";
import { useT } from "@/components/providers/i18n";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { CloseIcon, LogoMark, MenuIcon } from "@/components/ui/icons";
import { useCurrentTenant, useCurrentUser } from "./shell-context";
import { SidebarNav } from "./sidebar-nav";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";
import { BillingBanner } from "@/components/billing/billing-banner";

function Brand() {
  const t = useT();
  return (
    <Link href="/" className="flex items-center gap-2 rounded-md px-1 text-base font-semibold text-slate-900">
      <LogoMark className="size-7" />
      {t("app.name")}
    </Link>
  );
}

/** Tailwind's lg breakpoint, where the sidebar replaces the top bar. */
const DESKTOP_QUERY = "(min-width: 64rem)";

function subscribeToDesktop(onChange: () => void) {
  const query = window.matchMedia(DESKTOP_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True from lg up, false below, null while rendering on the server (both places then get the bell; CSS hides one). */
function useIsDesktop(): boolean | null {
  return useSyncExternalStore(
    subscribeToDesktop,
    () => window.matchMedia(DESKTOP_QUERY).matches,
    () => null,
  );
}

/** The drawer (below lg) leaves the bell out: the top bar behind it has one. */
function SidebarContent({ onNavigate, showBell = false }: { onNavigate?: () => void; showBell?: boolean }) {
  const tenant = useCurrentTenant();
  const user = useCurrentUser();
  return (
    <div className="flex h-full flex-col gap-6 px-4 py-5">
      <div className="flex items-center justify-between gap-2">
        <Brand />
        {showBell && <NotificationBell />}
      </div>
      <TenantSwitcher current={tenant} onNavigate={onNavigate} />
      <div className="flex-1 overflow-y-auto">
        <SidebarNav slug={tenant.slug} showPlatformLink={user.isPlatformOwner} onNavigate={onNavigate} />
      </div>
      <div className="border-t border-slate-200 pt-4">
        <UserMenu user={user} />
      </div>
    </div>
  );
}

/**
 * Tenant pages: a fixed sidebar from the lg breakpoint up; below it a top bar whose
 * menu button opens the same sidebar as a drawer (closed again on every navigation).
 */
export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const tenant = useCurrentTenant();
  const [menuOpen, setMenuOpen] = useState(false);
  const pathname = usePathname();
  const closeMenu = () => setMenuOpen(false);
  // One bell at a time, so only one polls the unread count.
  const desktop = useIsDesktop();

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        {t("common.skipToContent")}
      </a>

      <aside className="hidden border-r border-slate-200 bg-white lg:fixed lg:inset-y-0 lg:flex lg:w-72 lg:flex-col">
        <SidebarContent showBell={desktop !== false} />
      </aside>

      <Dialog open={menuOpen} onClose={closeMenu} className="relative z-40 lg:hidden">
        <DialogBackdrop transition className="fixed inset-0 bg-slate-900/40 transition-opacity duration-200 data-closed:opacity-0" />
        <div className="fixed inset-0 flex">
          <DialogPanel
            transition
            className="relative flex w-full max-w-xs flex-col bg-white shadow-xl transition duration-200 ease-out data-closed:-translate-x-full"
          >
            <button
              type="button"
              onClick={closeMenu}
              className="absolute top-4 right-3 cursor-pointer rounded-md p-1.5 text-slate-500 hover:bg-slate-100"
            >
              <span className="sr-only">{t("common.close")}</span>
              <CloseIcon />
            </button>
            <SidebarContent onNavigate={closeMenu} />
          </DialogPanel>
        </div>
      </Dialog>

      <div className="lg:pl-72">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/95 px-4 backdrop-blur lg:hidden">
          <button
            type="button"
            onClick={() => setMenuOpen(true)}
            aria-expanded={menuOpen}
            className="-ml-1.5 cursor-pointer rounded-md p-1.5 text-slate-700 hover:bg-slate-100"
          >
            <span className="sr-only">{t("common.openMenu")}</span>
            <MenuIcon className="size-6" />
          </button>
          <span className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">{tenant.name}</span>
          {desktop !== true && <NotificationBell placement="bottom end" className="-mr-1.5" />}
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 focus:outline-none sm:px-6 lg:px-10 lg:py-10">
          {/* The inbox covers the page with its own panes and shows the banner itself. */}
          {!pathname.endsWith("/inbox") && <BillingBanner />}
          {children}
        </main>
      </div>
    </div>
  );
}
