"use client";

import { useCallback, useState } from "react";
import { useT } from "@/components/providers/i18n";
import { readFormError, type FieldErrors } from "./trpc-error";

const NO_FIELD_ERRORS: FieldErrors = {};

/** Alert message + per-field errors of one form, set from a failed mutation or a local check. */
export function useFormError() {
  const t = useT();
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>(NO_FIELD_ERRORS);

  const clear = useCallback(() => {
    setMessage(null);
    setFieldErrors(NO_FIELD_ERRORS);
  }, []);

  const fromError = useCallback(
    (error: unknown) => {
      const read = readFormError(error, t("errors.internal"));
      setMessage(read.message);
      setFieldErrors(read.fieldErrors);
    },
    [t],
  );

  const setField = useCallback((field: string, text: string) => {
    setFieldErrors((current) => ({ ...current, [field]: [text] }));
  }, []);

  return { message, setMessage, fieldErrors, fieldError: (name: string) => fieldErrors[name], clear, fromError, setField };
}
