import type { ComponentProps } from "react";
import clsx from "clsx";

const CONTROL_CLASSES =
  "block w-full rounded-lg border bg-white px-3 text-sm text-slate-900 shadow-sm transition-colors placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-500 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500";

function controlClasses(invalid: boolean | undefined, className: string | undefined) {
  return clsx(
    CONTROL_CLASSES,
    invalid ? "border-red-500 focus:outline-red-500" : "border-slate-300 hover:border-slate-400",
    className,
  );
}

/** `compact` is for controls inside table rows; heights are chosen here so classes never conflict. */
type ControlOptions = { invalid?: boolean; compact?: boolean };

export function Input({ invalid, compact, className, ...props }: ComponentProps<"input"> & ControlOptions) {
  return <input className={controlClasses(invalid, clsx(compact ? "h-9" : "h-10", className))} {...props} />;
}

export function Select({ invalid, compact, className, ...props }: ComponentProps<"select"> & ControlOptions) {
  return <select className={controlClasses(invalid, clsx(compact ? "h-9 pr-8" : "h-10 pr-8", className))} {...props} />;
}
