import type { ReactNode } from "react";
import Link from "next/link";
import { currentUser } from "@/app/_lib/session";
import { UserMenu } from "@/components/shell/user-menu";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { LogoMark } from "@/components/ui/icons";
import { getServerT } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** Signed-in pages outside any company: account, new company, platform panel. Each page checks the session itself. */
export default async function StandaloneLayout({ children }: { children: ReactNode }) {
  const [{ t }, user] = await Promise.all([getServerT(), currentUser()]);
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2 rounded-md text-base font-semibold text-slate-900">
            <LogoMark className="size-7" />
            {t("app.name")}
          </Link>
          <div className="w-64 max-w-[60vw]">
            {user ? (
              <UserMenu
                user={{ id: user.id, name: user.name, email: user.email, isPlatformOwner: user.isPlatformOwner }}
                placement="bottom end"
              />
            ) : (
              <LanguageSwitcher className="justify-end" />
            )}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8 sm:px-6 lg:py-12">
        {user && (
          <Link href="/" className="mb-6 inline-block rounded text-sm font-medium text-brand-600 hover:text-brand-700">
            <span aria-hidden="true">← </span>
            {t("common.goHome")}
          </Link>
        )}
        {children}
      </main>
    </div>
  );
}
