import type { Locale } from "@/lib/i18n/messages";

/** "12,40 zł"; amounts under a grosz keep four decimals, so a single cheap reply is not shown as 0,00 zł. */
export function formatPln(value: number, locale: Locale): string {
  const small = value > 0 && value < 0.01;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: "PLN",
    minimumFractionDigits: small ? 4 : 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(value);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "Polski", "Niemiecki": a language code in the reader's language, capitalised. */
export function languageName(code: string, locale: Locale): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    // An unknown code is shown as it is.
  }
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** "840 ms", "2,3 s". */
export function formatDuration(ms: number, locale: Locale): string {
  if (ms < 1000) return new Intl.NumberFormat(locale, { style: "unit", unit: "millisecond", unitDisplay: "short" }).format(Math.round(ms));
  return new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 }).format(ms / 1000);
}
