import type { ComponentProps } from "react";
import clsx from "clsx";

/** A multi-line control styled like components/ui/input, for use inside <Field>. */
export function Textarea({ invalid, className, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return (
    <textarea
      className={clsx(
        "block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm transition-colors placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 disabled:cursor-not-allowed disabled:bg-slate-100",
        invalid ? "border-red-500 focus:outline-red-500" : "border-slate-300 hover:border-slate-400 focus:outline-brand-500",
        className,
      )}
      {...props}
    />
  );
}
