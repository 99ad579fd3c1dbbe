import type { ReactNode } from "react";
import clsx from "clsx";
import { CloseIcon } from "./icons";

/**
 * One item of a chip list (a tag, a keyword) with an "×" that removes it. Without
 * `onRemove` the chip is read-only and shows no button.
 */
export function RemovableChip({
  children,
  removeLabel,
  onRemove,
  removeDisabled,
  className,
}: {
  children: ReactNode;
  /** Screen-reader text of the "×", naming what it removes. */
  removeLabel: string;
  onRemove?: () => void;
  removeDisabled?: boolean;
  className?: string;
}) {
  return (
    <li className={clsx("inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs text-slate-800", className)}>
      {children}
      {onRemove && (
        <button
          type="button"
          disabled={removeDisabled}
          onClick={onRemove}
          className="cursor-pointer rounded-full p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800 disabled:cursor-not-allowed"
        >
          <CloseIcon className="size-3.5" />
          <span className="sr-only">{removeLabel}</span>
        </button>
      )}
    </li>
  );
}
