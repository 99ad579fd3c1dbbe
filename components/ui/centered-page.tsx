import type { ReactNode } from "react";
import Link from "next/link";
import { LogoMark } from "./icons";

/** A page of its own outside the app shell (not found, a suspended company): the logo home, one card. */
export function CenteredPage({ appName, children }: { appName: string; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-16">
      <Link href="/" className="mb-8 flex items-center gap-2 rounded-md text-lg font-semibold text-slate-900">
        <LogoMark className="size-8" />
        {appName}
      </Link>
      <main id="main" className="w-full max-w-md rounded-2xl border border-slate-200 bg-white px-6 py-8 text-center shadow-sm sm:px-8">
        {children}
      </main>
    </div>
  );
}
