import { cookies } from "next/headers";
import { currentSessionUser } from "@/server/auth/current-user";
import { isLocale, translate, type Locale, type MessageKey } from "./messages";
import { LOCALE_COOKIE, resolveLocale } from "./locale";

/** Locale for server components: the language switcher's cookie, else the signed-in member's setting, else Polish. */
export async function getRequestLocale(): Promise<Locale> {
  const c = await cookies();
  const chosen = c.get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return resolveLocale(undefined, (await currentSessionUser().catch(() => null))?.locale);
}

export async function getServerT() {
  const locale = await getRequestLocale();
  return { locale, t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params) };
}
