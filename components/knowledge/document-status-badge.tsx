"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { Spinner } from "@/components/ui/spinner";
import type { DocumentStatus } from "./types";

const STATUS_CLASSES: Record<DocumentStatus, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  processing: "bg-brand-50 text-brand-700 ring-brand-100",
  ready: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const t = useT();
  return (
    <span
      className={clsx(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        STATUS_CLASSES[status],
      )}
    >
      {status === "processing" && <Spinner className="size-3" />}
      {status === "queued" && <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-slate-400" />}
      {status === "ready" && <span aria-hidden="true" className="size-1.5 rounded-full bg-emerald-500" />}
      {status === "failed" && <span aria-hidden="true" className="size-1.5 rounded-full bg-red-500" />}
      {t(`knowledge.status.${status}`)}
    </span>
  );
}
