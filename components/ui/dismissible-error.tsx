"use client";

import { useT } from "@/components/providers/i18n";
import { Alert } from "./alert";
import { CloseIcon } from "./icons";

/** An error from an action the user took, which stays until they close it or act again. */
export function DismissibleError({ message, onDismiss, className }: { message: string; onDismiss: () => void; className?: string }) {
  const t = useT();
  return (
    <Alert
      tone="error"
      className={className}
      action={
        <button type="button" onClick={onDismiss} className="cursor-pointer text-xs font-medium underline">
          <CloseIcon className="inline size-3.5" /> {t("common.close")}
        </button>
      }
    >
      {message}
    </Alert>
  );
}
