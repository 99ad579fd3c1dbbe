"use client";

import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { ClockIcon } from "./inbox-icons";
import { formatDateTime, formatDuration } from "./time-format";

/** Less than this left to reply and the clock turns amber. */
const SOON_MS = 2 * 60 * 60_000;

/**
 * How long the buyer has left to wait (or how late the reply is), from the server's
 * due time and the per-channel target. Nothing when the seller spoke last.
 */
export function ResponseClock({ replyDueAt, now, className }: { replyDueAt: Date | null; now: number; className?: string }) {
  const t = useT();
  const locale = useLocale();
  if (!replyDueAt) return null;
  const left = replyDueAt.getTime() - now;
  const overdue = left <= 0;
  const time = formatDuration(left, locale);
  return (
    <span
      title={formatDateTime(replyDueAt, locale)}
      className={clsx(
        "inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-px text-[11px] leading-4 font-medium ring-1 ring-inset",
        overdue
          ? "bg-red-50 text-red-700 ring-red-200"
          : left < SOON_MS
            ? "bg-amber-50 text-amber-800 ring-amber-200"
            : "bg-slate-50 text-slate-600 ring-slate-200",
        className,
      )}
    >
      <ClockIcon className="size-3" />
      {overdue ? t("inbox.clock.overdue", { time }) : t("inbox.clock.dueIn", { time })}
    </span>
  );
}
