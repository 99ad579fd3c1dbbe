import { DEFAULT_LOCALE, isLocale, type Locale } from "./messages";

export const LOCALE_COOKIE = "bokai-locale";

/**
 * The UI language: this browser's explicit choice (the language switcher's cookie), then
 * the member's account setting, else Polish. The browser's own languages do not decide:
 * BOK-AI is a Polish product, and a seller's English browser is not a choice of English.
 */
export function resolveLocale(cookieValue: string | undefined, accountLocale?: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (isLocale(accountLocale ?? undefined)) return accountLocale as Locale;
  return DEFAULT_LOCALE;
}
