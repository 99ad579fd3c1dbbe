import type { ReactNode } from "react";
import clsx from "clsx";
import { AlertIcon, CheckCircleIcon, InfoIcon } from "./icons";

export type AlertTone = "error" | "success" | "info" | "warning";

const TONE_CLASSES: Record<AlertTone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-brand-100 bg-brand-50 text-slate-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
};

const TONE_ICONS: Record<AlertTone, typeof AlertIcon> = {
  error: AlertIcon,
  success: CheckCircleIcon,
  info: InfoIcon,
  warning: AlertIcon,
};

/** Errors interrupt (role=alert); other tones are announced politely (role=status). */
export function Alert({
  tone = "info",
  title,
  children,
  action,
  className,
}: {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  const Icon = TONE_ICONS[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx("flex gap-3 rounded-lg border px-4 py-3 text-sm", TONE_CLASSES[tone], className)}
    >
      <Icon className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 flex-1 space-y-1">
        {title && <p className="font-medium">{title}</p>}
        {children && <div>{children}</div>}
        {action && <div className="pt-1">{action}</div>}
      </div>
    </div>
  );
}
