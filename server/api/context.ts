import { getDatabase } from "@/server/db/client";
import { getSessionUser } from "@/server/auth/next-auth";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { clientIpFrom } from "@/lib/client-ip";
import { env } from "@/lib/env";
import type { Context } from "./trpc";

function cookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

export async function createRequestContext(req: Request): Promise<Context> {
  const [db, user] = await Promise.all([getDatabase(), getSessionUser()]);
  const headers = req.headers;
  return {
    db,
    user,
    locale: resolveLocale(cookie(headers.get("cookie"), LOCALE_COOKIE), user?.locale),
    ip: clientIpFrom(headers.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS),
  };
}
