import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { isMessageKey, translate, type Locale } from "@/lib/i18n/messages";
import { isRecordNotFound, isUniqueViolation } from "@/server/db/errors";
import { logger } from "@/lib/logger";

/**
 * The one error mapping: domain AppErrors and known database errors become tRPC codes
 * here; anything else is logged in full and reaches the user as a generic message.
 * Nothing below ever puts SQL text or a stack trace in a response.
 */
const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  BAD_GATEWAY: "BAD_GATEWAY",
};

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause;
  if (isUniqueViolation(error)) return new AppError("CONFLICT", "errors.conflict");
  if (isRecordNotFound(error)) return new AppError("NOT_FOUND", "errors.notFound");
  return undefined;
}

/** Used by the base procedure: rethrows whatever a resolver threw as a TRPCError with the right code. */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const appError = toAppError(cause);
  if (appError) return new TRPCError({ code: TRPC_CODE[appError.code], message: appError.key, cause: appError });
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "errors.internal", cause: error instanceof Error ? error : undefined });
}

export type FieldErrors = Record<string, string[]>;

function localizeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  const params: Record<string, string | number> = {};
  if ("maximum" in issue) params.max = Number(issue.maximum);
  if ("minimum" in issue) params.min = Number(issue.minimum);
  if (isMessageKey(issue.message)) return translate(locale, issue.message, params);
  const localeError = z.locales[locale]().localeError;
  const text = localeError?.(issue as never);
  return typeof text === "string" ? text : (text?.message ?? issue.message);
}

export function fieldErrorsOf(error: z.ZodError, locale: Locale): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(localizeIssue(issue, locale));
  }
  return out;
}

export interface FormattedError {
  message: string;
  fieldErrors: FieldErrors | null;
}

export function formatError(error: TRPCError, locale: Locale, path: string | undefined): FormattedError {
  if (error.cause instanceof z.ZodError) {
    return { message: translate(locale, "errors.validation"), fieldErrors: fieldErrorsOf(error.cause, locale) };
  }
  const appError = toAppError(error.cause) ?? toAppError(error);
  if (appError) return { message: translate(locale, appError.key, appError.params), fieldErrors: null };
  if (error.code === "INTERNAL_SERVER_ERROR") {
    logger.error("unhandled error in tRPC procedure", {
      path,
      error: error.cause?.message ?? error.message,
      stack: error.cause?.stack,
    });
    return { message: translate(locale, "errors.internal"), fieldErrors: null };
  }
  if (error.code === "UNAUTHORIZED") return { message: translate(locale, "errors.unauthorized"), fieldErrors: null };
  if (error.code === "FORBIDDEN") return { message: translate(locale, "errors.forbidden"), fieldErrors: null };
  if (error.code === "NOT_FOUND") return { message: translate(locale, "errors.notFound"), fieldErrors: null };
  // Other tRPC-level errors (parse errors, unsupported method) carry their own safe text.
  return { message: isMessageKey(error.message) ? translate(locale, error.message) : error.message, fieldErrors: null };
}
