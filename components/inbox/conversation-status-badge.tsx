"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import type { ConversationStatus } from "./types";

const STATUS_CLASSES: Record<ConversationStatus, string> = {
  open: "bg-brand-50 text-brand-700 ring-brand-100",
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
  resolved: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  snoozed: "bg-violet-50 text-violet-700 ring-violet-200",
};

export function ConversationStatusBadge({ status, className }: { status: ConversationStatus; className?: string }) {
  const t = useT();
  return (
    <span
      className={clsx(
        "inline-flex shrink-0 items-center rounded-full px-2 py-px text-[11px] leading-4 font-medium ring-1 ring-inset",
        STATUS_CLASSES[status],
        className,
      )}
    >
      {t(`inbox.status.${status}`)}
    </span>
  );
}
