"use client";

import { useT } from "@/components/providers/i18n";
import { Alert } from "./alert";
import { CloseIcon } from "./icons";

/** A message that stays until the user closes it (or acts again): an action's error, the outcome of a round trip. */
export function DismissibleAlert({
  tone = "error",
  children,
  onDismiss,
  dismissLabel,
  className,
}: {
  tone?: "success" | "error";
  children: string;
  onDismiss: () => void;
  /** Defaults to "Zamknij" / "Close". */
  dismissLabel?: string;
  className?: string;
}) {
  const t = useT();
  return (
    <Alert
      tone={tone}
      className={className}
      action={
        <button type="button" onClick={onDismiss} className="inline-flex cursor-pointer items-center gap-1 text-xs font-medium underline">
          <CloseIcon className="size-3.5" /> {dismissLabel ?? t("common.close")}
        </button>
      }
    >
      {children}
    </Alert>
  );
}
