"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { Spinner } from "./spinner";

/** The "loading…" line shown while a section's data is on its way; announced politely. */
export function LoadingStatus({ className }: { className?: string }) {
  const t = useT();
  return (
    <p role="status" className={clsx("flex items-center gap-2 text-sm text-slate-600", className)}>
      <Spinner /> {t("common.loading")}
    </p>
  );
}
