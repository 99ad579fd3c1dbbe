import { describe, expect, it } from "vitest";
import { slugify } from "@/lib/slugify";
import { SLUG_PATTERN } from "@/server/tenants/schemas";

describe("slugify", () => {
  it.each([
    ["Sklep Łódź Żółw", "sklep-lodz-zolw"],
    ["  Zażółć gęślą jaźń!! ", "zazolc-gesla-jazn"],
    ["Müller & Söhne GmbH", "muller-sohne-gmbh"],
    ["Dvořák s.r.o.", "dvorak-s-r-o"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("always produces a valid slug, even from symbols or very long names", () => {
    for (const name of ["!!!", "ab", "a".repeat(200), "Ω", "sklep-" + "x".repeat(60) + "-"]) {
      expect(slugify(name)).toMatch(SLUG_PATTERN);
    }
  });
});
