import { describe, expect, it } from "vitest";
import { coverageOf, coveredWords, fillsSlot, questionSlots, replyCheckReasons, weighQuestion } from "@/server/ai/answer-check";
import { passageUnits } from "@/server/ai/passage-units";
import { chunkDocument } from "@/server/knowledge/chunking";
import type { QueryWord } from "@/server/knowledge/retrieval";
import { queryTerms } from "@/server/knowledge/terms";

/** Every word of the question known to the knowledge base with the same weight. */
const known = (question: string): QueryWord[] => queryTerms(question).map((t) => ({ word: t.word, idf: 1, corrected: false }));

describe("what a question asks for", () => {
  it.each([
    ["ile kosztuje wysylka do paczkomatu?", ["price"]],
    ["Kto płaci za odesłanie zwrotu?", ["payer"]],
    ["jak dlugo trwa dostawa do Niemiec", ["duration"]],
    ["How long does the refund take?", ["duration"]],
    ["Wie viel kostet der Versand?", ["price"]],
    ["w jakich godzinach dzialacie?", ["when"]],
    ["numer konta do przelewu", ["account"]],
    ["mam 108 cm w klatce, jaki rozmiar?", ["fit"]],
    ["od jakiej kwoty darmowa dostawa?", ["threshold"]],
    ["Is there free shipping to Germany?", ["threshold"]],
    ["czy moge zwrocic buty?", []],
  ])("%s → %j", (question, slots) => {
    expect(questionSlots(question)).toEqual(slots);
  });

  it("a price needs an amount that is the price, not a free-shipping threshold", () => {
    expect(fillsSlot("price", "Paczkomat InPost – Cena: 12,99 zł.", "")).toBe(true);
    expect(fillsSlot("price", "Od 249 zł dostawa jest bezpłatna.", "")).toBe(false);
    expect(fillsSlot("price", "Dostawa jest bezpłatna.", "")).toBe(true);
  });

  it("a free-shipping question needs the threshold", () => {
    expect(fillsSlot("threshold", "Darmowa wysyłka od 249 zł.", "")).toBe(true);
    expect(fillsSlot("threshold", "Free shipping on orders over 999 PLN.", "")).toBe(true);
    expect(fillsSlot("threshold", "Orders paid by 13:00 are dispatched the same day.", "")).toBe(false);
  });

  it("a word no document has weighs against every text, the more the shorter the question", () => {
    const focused = weighQuestion("czy kurtka ma certyfikat bluesign", [
      { word: "kurtka", idf: 2, corrected: false },
      { word: "certyfikat", idf: 2, corrected: false },
      { word: "bluesign", idf: null, corrected: false },
    ]);
    expect(focused.unknown).toEqual(["bluesign"]);
    expect(coverageOf(focused, coveredWords(focused, "Kurtka ma certyfikat RDS."))).toBeLessThan(0.75);
  });

  it("who pays needs a party, how long a duration", () => {
    expect(fillsSlot("payer", "Koszt odesłania pokrywa kupujący.", "")).toBe(true);
    expect(fillsSlot("payer", "Zwrot przyjmujemy w 30 dni.", "")).toBe(false);
    expect(fillsSlot("duration", "Pieniądze oddajemy w ciągu 14 dni.", "")).toBe(true);
    expect(fillsSlot("duration", "Pieniądze oddajemy na konto.", "")).toBe(false);
  });

  it("the table row that fits is the one whose range holds the buyer's number", () => {
    const question = "mam 106 cm w klatce, jaki rozmiar?";
    expect(fillsSlot("fit", "Rozmiar L – Klatka piersiowa: 104–108 cm.", question)).toBe(true);
    expect(fillsSlot("fit", "Rozmiar M – Klatka piersiowa: 96–100 cm.", question)).toBe(false);
    expect(fillsSlot("fit", "Poziom Kwiat – Zakupy: od 400 zł.", "wydalam 850 zl, jaki mam poziom")).toBe(true);
  });
});

describe("passages read as quotable pieces", () => {
  it("a table row is read with its header, never cut mid-line", () => {
    const units = passageUnits({ headingPath: "Wysyłka > Cennik", text: "| Metoda | Cena | Czas |\n| Paczkomat InPost | 12,99 zł | 1–2 dni |\n| S | 5 zł | 1 dzień |" });
    expect(units.map((u) => u.text)).toEqual(["Paczkomat InPost – Cena: 12,99 zł; Czas: 1–2 dni.", "Metoda S – Cena: 5 zł; Czas: 1 dzień."]);
  });

  it("a record's fields are named by the record; abbreviations do not end sentences", () => {
    expect(passageUnits({ headingPath: "produkty", text: "nazwa: Kubek Termo\ncena: 59.00\nkolory: czarny, biały" }).map((u) => u.text)).toEqual(["Kubek Termo – cena: 59.00.", "Kubek Termo – kolory: czarny, biały."]);
    expect(passageUnits({ headingPath: "", text: "Odeślij paczkę na adres: Sklep, ul. Magazynowa 7, Wieliczka." }).map((u) => u.text)).toEqual(["Odeślij paczkę na adres: Sklep, ul. Magazynowa 7, Wieliczka."]);
  });

  it("a passage that starts inside a long table repeats the table's header", () => {
    const rows = Array.from({ length: 120 }, (_, i) => `| Model ${i} z opisem kilku słów | ${i},99 zł | dostępny od ręki |`).join("\n");
    const chunks = chunkDocument(`# Cennik\n\n| Produkt | Cena | Dostępność |\n|---|---|---|\n${rows}`);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.text.startsWith("| Produkt | Cena | Dostępność |") || c.text.includes("\n| Produkt | Cena | Dostępność |")).toBe(true);
    expect(chunks.every((c) => !c.text.includes("|---|"))).toBe(true);
  });
});

describe("rule-based checks on a model's reply", () => {
  const evidence = (buyerText: string) => ({
    buyerText,
    words: known(buyerText),
    passages: [{ text: "Wysyłka kurierem DPD kosztuje 16,99 zł. Na zwrot towaru masz 30 dni od otrzymania paczki." }],
    extra: ["Zespół Sklepu"],
  });

  it("passes a reply that states the asked fact in the sources' words", () => {
    expect(replyCheckReasons(evidence("Ile kosztuje wysyłka kurierem DPD?"), "Dzień dobry! Wysyłka kurierem DPD kosztuje 16,99 zł.\nZespół Sklepu")).toEqual([]);
  });

  it("holds a reply without the asked fact, or about something else", () => {
    expect(replyCheckReasons(evidence("Ile kosztuje wysyłka kurierem DPD?"), "Na zwrot towaru masz 30 dni od otrzymania paczki.")).toEqual(expect.arrayContaining(["ai.reasons.missingFact", "ai.reasons.doesNotAnswer"]));
  });

  it("holds a claim the sources do not make, though it has no number", () => {
    expect(replyCheckReasons(evidence("Czy mogę oddać towar po terminie?"), "Tak, towar przyjmiemy również po terminie, bez żadnych dodatkowych formalności i opłat.")).toContain("ai.reasons.unsupportedClaims");
  });
});
