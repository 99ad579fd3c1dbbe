"use client";

import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import type { ChannelKind } from "@/components/inbox/types";

/** Each marketplace keeps one recognisable colour wherever its badge appears. */
const KIND_CLASSES: Record<ChannelKind, string> = {
  demo: "bg-slate-100 text-slate-700 ring-slate-200",
  allegro: "bg-orange-50 text-orange-800 ring-orange-200",
  amazon: "bg-amber-50 text-amber-900 ring-amber-200",
  olx: "bg-teal-50 text-teal-800 ring-teal-200",
  emag: "bg-sky-50 text-sky-800 ring-sky-200",
  website: "bg-violet-50 text-violet-700 ring-violet-200",
};

export function ChannelBadge({ kind, className }: { kind: ChannelKind; className?: string }) {
  const t = useT();
  return (
    <span
      className={clsx(
        "inline-flex shrink-0 items-center rounded px-1.5 py-px text-[11px] leading-4 font-medium ring-1 ring-inset",
        KIND_CLASSES[kind],
        className,
      )}
    >
      {t(`inbox.channelKind.${kind}`)}
    </span>
  );
}
