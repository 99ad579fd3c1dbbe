import { describe, expect, it } from "vitest";
import { messages, translate } from "@/lib/i18n/messages";
import { resolveLocale } from "@/lib/i18n/locale";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe("i18n", () => {
  it("English has exactly the Polish keys, none empty", () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages.pl).sort());
    for (const k of keys(messages.en)) expect(translate("en", k).length, k).toBeGreaterThan(0);
  });

  it("fills placeholders and falls back to Polish", () => {
    expect(translate("pl", "errors.rateLimited", { seconds: 30 })).toBe("Zbyt wiele prób. Spróbuj ponownie za 30 s.");
    expect(translate("en", "validation.tooLong", { max: 80 })).toBe("At most 80 characters.");
  });

  it("prefers the cookie, then Accept-Language, then Polish", () => {
    expect(resolveLocale("en", "pl-PL")).toBe("en");
    expect(resolveLocale(undefined, "de-DE,en;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, "de-DE")).toBe("pl");
    expect(resolveLocale("xx", null)).toBe("pl");
  });
});
