import type { ReactNode } from "react";
import clsx from "clsx";

/** A centred message for an empty pane: what is (not) here and what to do next. */
export function EmptyState({
  icon,
  title,
  body,
  action,
  className,
}: {
  icon?: ReactNode;
  title: ReactNode;
  body?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div className={clsx("flex flex-col items-center justify-center px-6 py-12 text-center", className)}>
      {icon && <div className="mb-4 flex size-12 items-center justify-center rounded-2xl bg-slate-100 text-slate-500">{icon}</div>}
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {body && <p className="mt-1 max-w-xs text-sm text-slate-600">{body}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
