import type { Locale } from "@/lib/i18n/messages";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 min", "3 godz.", "2 dni": a length of time, rounded to the unit a person would use. */
export function formatDuration(ms: number, locale: Locale): string {
  const abs = Math.abs(ms);
  const [value, unit]: [number, "minute" | "hour" | "day"] =
    abs < HOUR
      ? [Math.max(1, Math.round(abs / MINUTE)), "minute"]
      : abs < 2 * DAY
        ? [Math.round(abs / HOUR), "hour"]
        : [Math.round(abs / DAY), "day"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: unit === "day" ? "long" : "short" }).format(value);
}

/** "przed chwilą", "5 min temu", "wczoraj"; older than a week: the date. */
export function formatRelative(date: Date, now: number, locale: Locale): string {
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  if (abs < MINUTE) return rtf.format(0, "second");
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), "minute");
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), "hour");
  if (abs < 7 * DAY) return rtf.format(Math.round(diff / DAY), "day");
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(date);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(date);
}
