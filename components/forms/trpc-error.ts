import { TRPCClientError } from "@trpc/client";

export type FieldErrors = Record<string, string[]>;

export interface FormError {
  /** Already localized by the server; shown in the form's alert. */
  message: string;
  /** Localized messages per input name, shown next to the inputs. */
  fieldErrors: FieldErrors;
}

function isFieldErrors(value: unknown): value is FieldErrors {
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).every((messages) => Array.isArray(messages) && messages.every((m) => typeof m === "string"));
}

/**
 * Reads what the server's error formatter put on a tRPC error. Anything that is not a
 * tRPC error (a network failure, a bug) gets the caller's generic fallback text.
 */
export function readFormError(error: unknown, fallback: string): FormError {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const fieldErrors = typeof data === "object" && data !== null && "fieldErrors" in data ? data.fieldErrors : null;
    return { message: error.message || fallback, fieldErrors: isFieldErrors(fieldErrors) ? fieldErrors : {} };
  }
  return { message: fallback, fieldErrors: {} };
}

/** The HTTP status a tRPC error maps to, when there is one (404 for an unknown invitation, …). */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data === "object" && data !== null && "httpStatus" in data && typeof data.httpStatus === "number") {
    return data.httpStatus;
  }
  return undefined;
}
