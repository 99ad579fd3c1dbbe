import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, httpCall, seedTenant, type SeededTenant } from "./support/fixtures";
import { makePdf } from "./support/documents";
import { drainInlineJobs, emitJobs } from "@/server/infra/jobs";
import { findKnowledgeWork } from "@/server/knowledge/sweep";
import { tenantDb } from "@/server/db/tenant-scope";
import { createDocument } from "@/server/knowledge/document-service";
import { processDocument } from "@/server/knowledge/process-document";

let db: TestDatabase;
let shop: SeededTenant;

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "kb");
});
afterAll(async () => {
  await drainInlineJobs();
  await db?.close();
});

const slug = () => shop.tenant.slug;
const owner = () => callerFor(db, shop.owner);

async function addText(title: string, text: string, seeded = shop) {
  const doc = await callerFor(db, seeded.owner).knowledgeBase.createFromText({ tenantSlug: seeded.tenant.slug, title, text });
  await drainInlineJobs();
  return doc;
}

async function upload(fileName: string, bytes: Uint8Array, mimeType?: string) {
  const doc = await createDocument(db, tenantDb(db.prisma, shop.tenant.id), shop.tenant.id, shop.owner.id, {
    title: fileName, source: "upload", fileName, mimeType, bytes,
  });
  await drainInlineJobs();
  return doc;
}

describe("documents", () => {
  it("pasted text becomes searchable passages in the background: queued → ready", async () => {
    const doc = await owner().knowledgeBase.createFromText({
      tenantSlug: slug(),
      title: "Zwroty",
      text: "# Zwroty\n\nNa zwrót towaru masz 30 dni od dnia otrzymania przesyłki. Pieniądze oddajemy w ciągu 14 dni.\n\n## Koszt\n\nPaczkę odeślij na adres magazynu; koszt odesłania pokrywa kupujący.",
    });
    expect(doc.status).toBe("queued");
    await drainInlineJobs();
    const ready = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: doc.id });
    expect(ready).toMatchObject({ status: "ready", errorKey: null });
    expect(ready.chunks.length).toBeGreaterThanOrEqual(1);
    expect(ready.chunks[0]?.headingPath).toContain("Zwroty");
  });

  it("a failed upload says why and can be retried; a retry of a good one changes nothing twice", async () => {
    const scan = await upload("skan.pdf", makePdf([]), "application/pdf");
    const failed = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: scan.id });
    expect(failed).toMatchObject({ status: "failed", errorKey: "knowledge.errors.pdfNoText", chunkCount: 0 });
    const good = await upload("regulamin.pdf", makePdf(["Reklamacje rozpatrujemy w ciagu 14 dni roboczych.", "Gwarancja na buty trwa 2 lata."]), "application/pdf");
    const before = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: good.id });
    expect(before.status).toBe("ready");
    await owner().knowledgeBase.retry({ tenantSlug: slug(), documentId: good.id });
    await drainInlineJobs();
    // run the processing twice more by hand, as a crashed-and-retried job would
    await processDocument(db, shop.tenant.id, good.id);
    await processDocument(db, shop.tenant.id, good.id);
    const after = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: good.id });
    expect(after.chunks.length).toBe(before.chunks.length);
    expect(new Set(after.chunks.map((c) => c.position)).size).toBe(after.chunks.length);
  });

  it("two runs of the same document at once (a duplicate event, a sweep) both finish, leaving one set of passages", async () => {
    const doc = await addText("Dostawa", "Wysyłamy kurierem InPost w 24 godziny.\n\nPaczkomaty: 12,99 zł.\n\nOdbiór osobisty w Krakowie.");
    await drainInlineJobs();
    const before = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: doc.id });
    const runs = await Promise.all(Array.from({ length: 4 }, () => processDocument(db, shop.tenant.id, doc.id)));
    expect(runs).toEqual(["ready", "ready", "ready", "ready"]);
    const after = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: doc.id });
    expect(after.chunks.map((c) => c.position)).toEqual(before.chunks.map((c) => c.position));
  });

  it("an older processing run finishing after an edit is ignored", async () => {
    const doc = await addText("Płatności", "BLIK, przelew i karta.");
    await owner().knowledgeBase.update({ tenantSlug: slug(), documentId: doc.id, text: "Płacisz BLIKIEM, przelewem, kartą lub PayPo." });
    expect(await processDocument(db, shop.tenant.id, doc.id, 1)).toBe("stale");
    await drainInlineJobs();
    const edited = await owner().knowledgeBase.get({ tenantSlug: slug(), documentId: doc.id });
    expect(edited.text).toContain("PayPo");
    // The BM25 postings follow the passages' terms through the edit (the trigger keeps them).
    const postings = await db.owner.query<{ lexemes: number; postings: number }>(
      `SELECT length(c.term_vector) AS lexemes, (SELECT count(*)::int FROM chunk_terms t WHERE t.chunk_id = c.id AND t.tenant_id = c.tenant_id) AS postings
         FROM document_chunks c WHERE c.document_id = $1`,
      [doc.id],
    );
    expect(postings.length).toBeGreaterThan(0);
    for (const p of postings) expect(p.postings).toBe(p.lexemes);
    expect(await db.owner.query(`SELECT t.lexeme FROM chunk_terms t JOIN document_chunks c ON c.id = t.chunk_id WHERE c.document_id = $1 AND t.lexeme LIKE 'payp%'`, [doc.id])).not.toHaveLength(0);
  });

  it("delete removes the document and all of its passages", async () => {
    const doc = await addText("Do usunięcia", "Unikalne słowo: kwazarowy.");
    expect((await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query: "kwazarowy" })).length).toBe(1);
    await owner().knowledgeBase.delete({ tenantSlug: slug(), documentId: doc.id });
    expect(await db.owner.query(`SELECT 1 FROM document_chunks WHERE document_id = $1`, [doc.id])).toHaveLength(0);
    expect(await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query: "kwazarowy" })).toEqual([]);
  });

  it("plan limits: too many documents or too large a file is refused and stores nothing", async () => {
    const small = await seedTenant(db, "limits");
    await db.owner.query(`INSERT INTO plans (id, name, max_documents, max_file_bytes) VALUES ('tiny', 'Tiny', 2, 1000) ON CONFLICT DO NOTHING`);
    await db.owner.query(`UPDATE tenants SET plan_id = 'tiny' WHERE id = $1`, [small.tenant.id]);
    const c = callerFor(db, small.owner);
    await c.knowledgeBase.createFromText({ tenantSlug: small.tenant.slug, title: "A", text: "a" });
    await c.knowledgeBase.createFromText({ tenantSlug: small.tenant.slug, title: "B", text: "b" });
    await expect(c.knowledgeBase.createFromText({ tenantSlug: small.tenant.slug, title: "C", text: "c" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED", message: "knowledge.errors.overLimit",
    });
    await c.knowledgeBase.delete({ tenantSlug: small.tenant.slug, documentId: (await c.knowledgeBase.list({ tenantSlug: small.tenant.slug }))[0]?.id ?? "" });
    await expect(c.knowledgeBase.createFromText({ tenantSlug: small.tenant.slug, title: "D", text: "x".repeat(1001) })).rejects.toMatchObject({
      message: "knowledge.errors.tooLarge",
    });
    expect(await c.knowledgeBase.list({ tenantSlug: small.tenant.slug })).toHaveLength(1);
    expect(await c.knowledgeBase.limits({ tenantSlug: small.tenant.slug })).toMatchObject({ maxDocuments: 2, usedDocuments: 1 });
    await drainInlineJobs();
  });

  it("members can search but not change the knowledge base; bad input is a 4xx", async () => {
    const member = await addMember(db, shop, "member", "kbmember");
    await expect(callerFor(db, member).knowledgeBase.createFromText({ tenantSlug: slug(), title: "x", text: "y" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, member).knowledgeBase.testSearch({ tenantSlug: slug(), query: "zwrot" })).resolves.toBeDefined();
    for (const [path, input] of [
      ["knowledgeBase.createFromText", { tenantSlug: slug(), title: "", text: "x" }],
      ["knowledgeBase.createFromText", { tenantSlug: slug(), title: "x", text: "   " }],
      ["knowledgeBase.retry", { tenantSlug: slug(), documentId: crypto.randomUUID() }],
      ["knowledgeBase.delete", { tenantSlug: slug(), documentId: "nope" }],
    ] as const) {
      const res = await httpCall(db, shop.owner, path, input);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

describe("retrieval", () => {
  beforeAll(async () => {
    await addText("Wysyłka", "# Wysyłka\n\n## Cennik\n\nPaczkomaty InPost 24/7 kosztują 12,99 zł, kurier DPD 16,99 zł. Darmowa wysyłka od 249 zł.\n\n## Termin\n\nZamówienia złożone do godziny 14:00 w dni robocze wysyłamy tego samego dnia.\n\n## Zagranica\n\nWysyłamy do Niemiec, Czech i na Słowację kurierem DPD; dostawa trwa 3–5 dni roboczych.");
    await addText("Rozmiary", "# Tabela rozmiarów\n\n| Rozmiar | Klatka piersiowa |\n| S | 88–92 cm |\n| M | 96–100 cm |\n| L | 104–108 cm |\n\nJeśli jesteś pomiędzy rozmiarami, wybierz większy.");
    await addText("Reklamacje", "# Reklamacje\n\nUszkodzony towar? Zrób zdjęcia opakowania i produktu i napisz do nas. Reklamację rozpatrujemy w ciągu 14 dni.");
  });

  const top = async (query: string) => (await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query, k: 5 })).map((r) => r.documentTitle);

  it("finds answers without diacritics, with typos, inflections and very short queries", async () => {
    expect((await top("ile kosztuje wysylka do paczkomatu"))[0]).toBe("Wysyłka");
    expect((await top("zwrot?"))[0]).toBe("Zwroty");
    expect((await top("paczka przyszla uszkodzona co robic"))[0]).toBe("Reklamacje");
    expect((await top("jaki rozmiar przy 98 cm w klatce"))[0]).toBe("Rozmiary");
    expect((await top("wysylacie do niemic?"))[0]).toBe("Wysyłka"); // typo
    // typo: both documents about complaints (the policy and the uploaded terms) come first
    expect((await top("reklamcja")).slice(0, 2).sort()).toEqual(["Reklamacje", "regulamin.pdf"]);
  });

  it("handles English, German and Czech questions and long multi-question messages", async () => {
    expect(await top("Do you ship to Germany with DPD?")).toContain("Wysyłka");
    expect(await top("Wie lange dauert der Versand nach Deutschland? DPD?")).toContain("Wysyłka");
    const multi = await top("Dzien dobry, chcialbym zamowic kurtke, ile kosztuje wysylka kurierem i ile mam dni na zwrot jak rozmiar nie bedzie pasowal? Pozdrawiam");
    expect(multi).toEqual(expect.arrayContaining(["Wysyłka", "Zwroty"]));
  });

  it("returns passages with their document, heading path and scores", async () => {
    const [hit] = await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query: "darmowa wysylka", k: 1 });
    expect(hit).toMatchObject({ documentTitle: "Wysyłka", headingPath: expect.stringContaining("Wysyłka") });
    expect(hit?.text).toContain("249 zł");
    expect(hit?.scores.fused).toBeGreaterThan(0);
    expect(await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query: "?!" })).toEqual([]);
  });

  it("passages an older term analyser wrote are re-analysed by the sweep and found again", async () => {
    const doc = await addText("Gwarancja", "# Gwarancja\n\nNa ekspresy do kawy udzielamy 36 miesięcy gwarancji.");
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    // As a passage written before stemmed terms existed: no terms, version 0.
    await scoped.documentChunk.updateMany({ where: { documentId: doc.id }, data: { terms: "", termCount: 0, termsVersion: 0 } });
    const bm25Of = async () => (await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query: "gwarancja na ekspres", k: 5 })).find((r) => r.documentTitle === "Gwarancja")?.scores.lexical ?? null;
    // Only typo repair can still reach it: BM25 has no terms to rank.
    expect(await bm25Of()).toBeNull();
    const work = await findKnowledgeWork(db);
    expect(work.filter((e) => (e.data as { documentId?: string }).documentId === doc.id)).toHaveLength(1);
    await emitJobs(work);
    await drainInlineJobs();
    expect((await top("gwarancja na ekspres"))[0]).toBe("Gwarancja");
    expect(await bm25Of()).toBeGreaterThan(0);
    expect((await findKnowledgeWork(db)).filter((e) => (e.data as { documentId?: string }).documentId === doc.id)).toEqual([]);
  });

  it("never returns another tenant's passages", async () => {
    const other = await seedTenant(db, "kbother");
    await addText("Sekret", "Wysyłka konkurencji kosztuje 3,99 zł paczkomat.", other);
    const mine = await owner().knowledgeBase.testSearch({ tenantSlug: slug(), query: "wysylka paczkomat 3,99", k: 20 });
    expect(mine.map((r) => r.documentTitle)).not.toContain("Sekret");
    const theirs = await callerFor(db, other.owner).knowledgeBase.testSearch({ tenantSlug: other.tenant.slug, query: "wysylka paczkomat", k: 20 });
    expect(theirs.map((r) => r.documentTitle)).toEqual(["Sekret"]);
  });
});
