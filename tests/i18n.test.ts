import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMessageKey, messages, translate } from "@/lib/i18n/messages";
import { resolveLocale } from "@/lib/i18n/locale";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe("i18n", () => {
  it("English has exactly the Polish keys, none empty", () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages.pl).sort());
    for (const k of keys(messages.en)) expect(translate("en", k).length, k).toBeGreaterThan(0);
  });

  it("every message key the server can answer with exists (errors, validation, AI reasons)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === "generated" ? [] : files(path.join(dir, e.name))) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
      );
    const used = new Set<string>();
    for (const file of [...files("server"), ...files("lib")]) {
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/AppError\(\s*"[A-Z_]+",\s*"([\w.]+)"/g)) used.add(m[1]!);
      for (const m of source.matchAll(/message: "((?:validation|errors|inbox|ai|knowledge|notifications|tenants|auth)\.[\w.]+)"/g)) used.add(m[1]!);
      for (const m of source.matchAll(/"(ai\.reasons\.\w+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !isMessageKey(key)).sort()).toEqual([]);
  });

  it("fills placeholders and falls back to Polish", () => {
    expect(translate("pl", "errors.rateLimited", { seconds: 30 })).toBe("Zbyt wiele prób. Spróbuj ponownie za 30 s.");
    expect(translate("en", "validation.tooLong", { max: 80 })).toBe("At most 80 characters.");
  });

  it("prefers this browser's choice, then the account's, then Polish; never the browser's languages", () => {
    expect(resolveLocale("en", "pl")).toBe("en");
    expect(resolveLocale("pl", "en")).toBe("pl");
    expect(resolveLocale(undefined, "en")).toBe("en");
    expect(resolveLocale("xx", null)).toBe("pl");
    expect(resolveLocale(undefined, "de")).toBe("pl");
    expect(resolveLocale(undefined)).toBe("pl");
  });
});
