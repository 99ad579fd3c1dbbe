import { describe, expect, it } from "vitest";
import { glossaryTranslations, indexTerms, queryTerms, stem } from "@/server/knowledge/terms";
import { GLOSSARY } from "@/server/knowledge/glossary";

describe("term analysis", () => {
  it("joins a Polish word's inflected forms, with or without diacritics", () => {
    const forms = ["zwrotu", "zwroty", "zwrot", "Zwrotów"].map((w) => indexTerms(w, "pl")[0]);
    expect(new Set(forms).size).toBe(1);
    expect(indexTerms("Wysyłki", "pl")).toEqual(indexTerms("wysylka", "pl"));
    expect(indexTerms("paczkomatu", "pl")).toEqual(indexTerms("paczkomat", "pl"));
  });

  it("stems each language with its own stemmer and drops stop words", () => {
    expect(indexTerms("the returns are refunded", "en")).toEqual([stem("returns", "en"), stem("refunded", "en")]);
    expect(stem("returns", "en")).toBe("return");
    expect(stem("lieferung", "de")).toBe("liefer");
    expect(indexTerms("Czy mogę zwrócić buty?", "pl")).not.toContain("czy");
  });

  it("keeps numbers whole and never stems a word to almost nothing", () => {
    expect(indexTerms("12,99 zł w 24h", "pl")).toEqual(["12", "99", "zl", "24h"]);
    for (const word of ["pobranie", "reklamacja", "ale"]) expect(stem(word, "pl").length).toBeGreaterThanOrEqual(3);
  });

  it("a buyer's word is looked for by its stems, its beginning and its translations", () => {
    const [term] = queryTerms("zwrocic");
    expect(term?.patterns).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "stem", weight: 1 }), expect.objectContaining({ kind: "prefix", term: "zwro" })]));
    expect(glossaryTranslations("shipping")).toEqual(expect.arrayContaining(indexTerms("wysyłka", "pl")));
    expect(glossaryTranslations("Rechnung")).toEqual(expect.arrayContaining(indexTerms("faktura", "pl")));
    expect(glossaryTranslations("kostenlos")).toEqual(expect.arrayContaining(indexTerms("darmowa", "pl")));
    expect(glossaryTranslations("fotoaparat")).toEqual([]);
  });

  it("the glossary holds shop vocabulary in several languages, never one shop's names", () => {
    for (const group of GLOSSARY) expect(Object.keys(group).length).toBeGreaterThanOrEqual(2);
    const words = GLOSSARY.flatMap((g) => Object.values(g).flat()).join(" ").toLowerCase();
    for (const shopWord of ["tatra", "karkonosze", "inpost", "dpd", "allegro", "voltix", "lawenda"]) expect(words).not.toContain(shopWord);
  });
});
