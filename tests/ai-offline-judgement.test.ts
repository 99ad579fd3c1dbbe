import { describe, expect, it } from "vitest";
import { offlineResponder } from "@/server/ai/offline-responder";
import { classifyMessage } from "@/server/ai/intent";
import type { ReplyRequest } from "@/server/ai/responder";
import type { QueryWord, RetrievedChunk } from "@/server/knowledge/retrieval";
import { queryTerms } from "@/server/knowledge/terms";

/** The offline responder's own judgement of when it cannot answer: hand off, not a draft inviting one click. */
const CARE: RetrievedChunk = {
  chunkId: "c1", documentId: "d1", documentTitle: "Pielęgnacja", fileName: "pielegnacja.md", headingPath: "Pielęgnacja > Kurtki", position: 0,
  text: "Kurtki pierz w temperaturze 30 stopni, bez płynu zmiękczającego. Kurtka Tatra ma membranę i klejone szwy.", scores: {},
} as unknown as RetrievedChunk;

const TRACKING = { ...CARE, chunkId: "c2", documentTitle: "Wysyłka", headingPath: "Wysyłka > Śledzenie", text: "Gdzie jest moja paczka? Status paczki i zamówienia sprawdzisz w linku do śledzenia z e-maila." } as RetrievedChunk;

function request(buyerText: string, unknown: string[] = [], passages = [CARE]): ReplyRequest {
  const words: QueryWord[] = queryTerms(buyerText).map((t) => ({ word: t.word, idf: unknown.includes(t.word) ? null : 2, corrected: false, corrections: [] }));
  return {
    tenantName: "Sklep", language: "pl", buyerText, history: [], passages, words, order: null,
    signals: classifyMessage(buyerText), tier: "fast", settings: { persona: "", tone: "friendly", address: "panstwo", signature: "Sklep" },
  };
}

describe("offline responder: what it cannot answer goes to a person", () => {
  it("a question about something no document mentions is handed off, not drafted from a nearby sentence", async () => {
    const reply = await offlineResponder.generate(request("czy kurtka tatra ma certyfikat bluesign?", ["certyfikat", "bluesign"]), AbortSignal.timeout(1000));
    expect(reply.handoff).toBe(true);
  });

  it("the same question about what the document says is answered", async () => {
    const reply = await offlineResponder.generate(request("czy kurtka tatra ma klejone szwy?"), AbortSignal.timeout(1000));
    expect(reply.handoff).toBe(false);
    expect(reply.text).toContain("klejone szwy");
  });

  it("where is my order N: only that order's data answers it", async () => {
    const withNumber = await offlineResponder.generate(request("gdzie jest moja paczka? zamówienie SD-2025-118765", [], [TRACKING]), AbortSignal.timeout(1000));
    expect(withNumber.handoff).toBe(true);
    // Without naming an order, the shop's own words on tracking are an answer.
    const general = await offlineResponder.generate(request("gdzie jest moja paczka? jak sprawdzić status?", [], [TRACKING]), AbortSignal.timeout(1000));
    expect(general.handoff).toBe(false);
  });
});
