import { describe, expect, it } from "vitest";
import { coverageOf, coveredWords, fillsSlot, questionSlots, replyCheckReasons, weighQuestion } from "@/server/ai/answer-check";
import { passageUnits } from "@/server/ai/passage-units";
import { chunkDocument } from "@/server/knowledge/chunking";
import type { QueryWord } from "@/server/knowledge/retrieval";
import { queryTerms } from "@/server/knowledge/terms";

/** Every word of the question known to the knowledge base with the same weight. */
const known = (question: string): QueryWord[] => queryTerms(question).map((t) => ({ word: t.word, idf: 1, corrected: false, corrections: [] }));

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
      { word: "kurtka", idf: 2, corrected: false, corrections: [] },
      { word: "certyfikat", idf: 2, corrected: false, corrections: [] },
      { word: "bluesign", idf: null, corrected: false, corrections: [] },
    ]);
    expect(focused.unknown).toEqual(["bluesign"]);
    expect(coverageOf(focused, coveredWords(focused, "Kurtka ma certyfikat RDS."))).toBeLessThan(0.75);
  });

  it("a misspelt word weighs like a rare one and is covered by the word it stands for", () => {
    const question = weighQuestion("czy puch jest certyfikowany", [
      { word: "puch", idf: 3, corrected: false, corrections: [] },
      { word: "certyfikowany", idf: null, corrected: true, corrections: ["certyfikatem"] },
    ]);
    expect(question.unknown).toEqual([]);
    // A reply about the down that says nothing of the certificate answers half the question at most.
    expect(coverageOf(question, coveredWords(question, "Pierz puch w 30°C."))).toBeLessThan(0.6);
    expect(coverageOf(question, coveredWords(question, "Puch z certyfikatem RDS."))).toBe(1);
  });

  it.each([
    ["telefon przestał działać po 5 dniach, co mam zrobić?", []],
    ["numer telefonu do was", ["phone"]],
    ["zapomniałem wpisać NIP, dostanę fakturę na firmę?", []],
    ["NIP sklepu poproszę", ["taxId"]],
    ["na jaki mail wysłać zdjęcia?", ["email"]],
    ["dostanę próbki gratis? zamawiam za 80 zł", []],
  ])("a contact or a number is asked for, not mentioned: %s → %j", (question, slots) => {
    expect(questionSlots(question)).toEqual(slots);
  });

  it("a price or threshold under its label counts (table cells read with their header)", () => {
    expect(fillsSlot("price", "Krem matujący – cena (zł): 54,90.", "")).toBe(true);
    expect(fillsSlot("threshold", "Czech Republic – Price: 29 PLN; Free shipping from: 399 PLN.", "")).toBe(true);
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
    // CSV columns with underscores are fields too; nothing of the record is dropped.
    expect(passageUnits({ headingPath: "produkty", text: "nazwa: Kurtka\ncena_pln: 799.99\nwaga_g: 390\nkolory: czarny\nDo wyprzedania do końca miesiąca" }).map((u) => u.text)).toEqual([
      "Kurtka – cena_pln: 799.99.", "Kurtka – waga_g: 390.", "Kurtka – kolory: czarny.", "Do wyprzedania do końca miesiąca.",
    ]);
    expect(passageUnits({ headingPath: "", text: "Odeślij paczkę na adres: Sklep, ul. Magazynowa 7, Wieliczka." }).map((u) => u.text)).toEqual(["Odeślij paczkę na adres: Sklep, ul. Magazynowa 7, Wieliczka."]);
  });

  it("a list item that goes on from its caption is quoted with it", () => {
    const units = passageUnits({ headingPath: "Zwroty", text: "Zwrotowi nie podlegają:\n- produkty z logo firmy,\n- Bony podarunkowe." });
    expect(units.map((u) => u.text)).toEqual(["Zwrotowi nie podlegają: produkty z logo firmy.", "Bony podarunkowe."]);
  });

  it("a price under its label starting 'od' is a price, not a free-shipping threshold", () => {
    expect(fillsSlot("price", "Haft komputerowy – Minimum: 20 szt.; Cena: od 18 zł netto/szt.", "")).toBe(true);
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
    language: "pl" as const,
    passages: [{ headingPath: "Wysyłka", text: "Wysyłka kurierem DPD kosztuje 16,99 zł. Na zwrot towaru masz 30 dni od otrzymania paczki." }],
    extra: ["Zespół Sklepu"],
  });

  it("passes a reply that states the asked fact in the sources' words", () => {
    expect(replyCheckReasons(evidence("Ile kosztuje wysyłka kurierem DPD?"), "Dzień dobry! Wysyłka kurierem DPD kosztuje 16,99 zł.\nZespół Sklepu")).toEqual([]);
  });

  it("holds a reply without the asked fact, or about something else", () => {
    expect(replyCheckReasons(evidence("Ile kosztuje wysyłka kurierem DPD?"), "Na zwrot towaru masz 30 dni od otrzymania paczki.")).toEqual(expect.arrayContaining(["ai.reasons.missingFact", "ai.reasons.doesNotAnswer"]));
  });

  it("a terse quote answers with its heading; one sharing no word with the question is off topic", () => {
    const cod = {
      buyerText: "pobranie ile doplata",
      language: "pl" as const,
      words: known("pobranie ile doplata"),
      passages: [{ headingPath: "Płatności > Pobranie", text: "Dopłata wynosi 5 zł. Przelew tradycyjny księgujemy w 2 dni." }],
      extra: [],
    };
    expect(replyCheckReasons(cod, "Dopłata wynosi 5 zł.")).toEqual([]);
    expect(replyCheckReasons(evidence("Czy mogę oddać towar po terminie?"), "Wysyłka kurierem DPD kosztuje 16,99 zł.")).toContain("ai.reasons.offTopic");
  });

  it("holds a reply in another language than the buyer's", () => {
    expect(replyCheckReasons({ ...evidence("Was kostet der Versand mit DPD?"), language: "de" }, "Wysyłka kurierem DPD kosztuje 16,99 zł.")).toContain("ai.reasons.wrongLanguage");
  });

  it("holds a claim the sources do not make, though it has no number", () => {
    expect(replyCheckReasons(evidence("Czy mogę oddać towar po terminie?"), "Tak, towar przyjmiemy również po terminie, bez żadnych dodatkowych formalności i opłat.")).toContain("ai.reasons.unsupportedClaims");
  });
});
