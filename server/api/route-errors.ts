import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Locale } from "@/lib/i18n/messages";
import { formatError, toTRPCError } from "./errors";

/**
 * For the few plain route handlers (file upload/download): the very same mapping and
 * wording as tRPC responses, so a code has one status and one message everywhere.
 */
export function errorResponse(error: unknown, locale: Locale, path?: string): Response {
  const trpcError = toTRPCError(error);
  const { message } = formatError(trpcError, locale, path);
  return Response.json({ error: { code: trpcError.code, message } }, { status: getHTTPStatusCodeFromError(trpcError) });
}
