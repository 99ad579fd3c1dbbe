import { DEFAULT_LOCALE, isLocale, type Locale } from "./messages";

export const LOCALE_COOKIE = "bokai-locale";

/** Cookie choice first, then the browser's languages; Polish when nothing matches. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}
