/**
 * The one error type domain services throw. Routers never build TRPCErrors by hand:
 * server/api/errors.ts maps AppError (and known database errors) to tRPC codes once.
 * `key` is a message key from lib/i18n/messages.ts so the user sees it in their language.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  /** An upstream service (a model provider) failed. */
  | "BAD_GATEWAY";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly key: string;
  readonly params: Record<string, string | number>;

  constructor(code: AppErrorCode, key: string, params: Record<string, string | number> = {}) {
    super(key);
    this.name = "AppError";
    this.code = code;
    this.key = key;
    this.params = params;
  }
}

export const notFound = (key = "errors.notFound") => new AppError("NOT_FOUND", key);
export const forbidden = (key = "errors.forbidden") => new AppError("FORBIDDEN", key);

/** A thrown value as one bounded line of text, for logs and stored failure reasons. */
export function errorText(error: unknown, max = 500): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, max);
}
