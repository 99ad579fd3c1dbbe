import { cookies, headers } from "next/headers";
import { translate, type Locale, type MessageKey } from "./messages";
import { LOCALE_COOKIE, resolveLocale } from "./locale";

/** Locale for server components: the cookie set by the language switcher, else Accept-Language. */
export async function getRequestLocale(): Promise<Locale> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return resolveLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
}

export async function getServerT() {
  const locale = await getRequestLocale();
  return { locale, t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params) };
}
