import type { ReactNode } from "react";
import Link from "next/link";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { LogoMark } from "@/components/ui/icons";
import { getServerT } from "@/lib/i18n/server";

/** Centred single-card pages that work signed out: sign-in, sign-up, invitation links. */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = await getServerT();
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50/70 to-slate-50">
      <header className="flex items-center justify-between gap-4 px-4 py-4 sm:px-8">
        <Link href="/" className="flex items-center gap-2 rounded-md text-lg font-semibold text-slate-900">
          <LogoMark className="size-8" />
          {t("app.name")}
        </Link>
        <LanguageSwitcher />
      </header>
      <main id="main" className="flex flex-1 justify-center px-4 pt-4 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-md">{children}</div>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-slate-500">{t("app.tagline")}</footer>
    </div>
  );
}
