import type { ReactNode } from "react";
import Link from "next/link";

export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white px-6 py-8 shadow-sm sm:px-8">
      <div className="mb-6 space-y-1.5">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle && <p className="text-sm text-slate-600">{subtitle}</p>}
      </div>
      {children}
      {footer && <div className="mt-6 border-t border-slate-100 pt-5 text-center text-sm text-slate-600">{footer}</div>}
    </div>
  );
}

/** The footer line that sends a visitor to the other auth page ("Nie masz konta? Zarejestruj się"). */
export function AuthSwitchPrompt({ prompt, href, linkText }: { prompt: ReactNode; href: string; linkText: ReactNode }) {
  return (
    <>
      {prompt}{" "}
      <Link href={href} className="font-medium text-brand-600 hover:text-brand-700">
        {linkText}
      </Link>
    </>
  );
}
