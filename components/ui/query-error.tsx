"use client";

import type { ReactNode } from "react";
import { useT } from "@/components/providers/i18n";
import { readFormError } from "@/components/forms/trpc-error";
import { Alert } from "./alert";
import { Button } from "./button";

/**
 * The alert for a failed query or mutation: the server's localized message, or the generic
 * one when the request never reached it. With `onRetry` it offers a "try again" button.
 */
export function QueryError({
  error,
  title,
  onRetry,
  className,
}: {
  error: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  className?: string;
}) {
  const t = useT();
  return (
    <Alert
      tone="error"
      title={title}
      className={className}
      action={
        onRetry && (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )
      }
    >
      {readFormError(error, t("errors.internal")).message}
    </Alert>
  );
}
