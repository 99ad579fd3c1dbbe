"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import type { ChannelStatus } from "@/components/inbox/types";

const STATUS_CLASSES: Record<ChannelStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  reconnect_needed: "bg-red-50 text-red-700 ring-red-200",
  disconnected: "bg-slate-100 text-slate-600 ring-slate-200",
};

export function ChannelStatusBadge({ status }: { status: ChannelStatus }) {
  const t = useT();
  return (
    <span className={clsx("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", STATUS_CLASSES[status])}>
      {t(`channels.status.${status}`)}
    </span>
  );
}
