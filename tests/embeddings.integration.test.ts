import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { FakeModelApi } from "./support/fake-model-api";
import { configureEnv } from "./support/env";
import { endSuite } from "./support/suite";
import { drainInlineJobs, emitJobs, setInlineBackoffScaleForTests } from "@/server/infra/jobs";
import { tenantDb } from "@/server/db/tenant-scope";
import { findKnowledgeWork } from "@/server/knowledge/sweep";
import { DOCUMENT_EMBED_REQUESTED, DOCUMENT_PROCESS_REQUESTED } from "@/server/knowledge/events";
import { getHealth } from "@/server/infra/health";

/**
 * Embeddings through the AI SDK's OpenAI provider against a fake OpenAI-compatible
 * server over real HTTP. PGlite has pgvector: passages get vectors and retrieval fuses a
 * vector ranking. The PostgreSQL here has no pgvector: the same configuration must leave
 * retrieval lexical, never call the provider, and say so in /api/health.
 */
let db: TestDatabase;
let shop: SeededTenant;
let other: SeededTenant;
const fake = new FakeModelApi();


const RETURNS = `# Zwroty\n\nNa zwrot towaru masz 30 dni od otrzymania paczki. Zwrot pieniedzy w 14 dni na konto.\n\n## Koszt odeslania\n\nKoszt odeslania zwracanego towaru pokrywa kupujacy.`;
const SHIPPING = `# Wysylka\n\nWysylamy kurierem DPD i do Paczkomatow InPost. Zamowienia oplacone do 13:00 wysylamy tego samego dnia.`;

async function addText(seeded: SeededTenant, title: string, text: string) {
  const doc = await callerFor(db, seeded.owner).knowledgeBase.createFromText({ tenantSlug: seeded.tenant.slug, title, text });
  await drainInlineJobs();
  return doc;
}

beforeAll(async () => {
  await fake.start();
  configureEnv({ EMBEDDING_PROVIDER: "openai", OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.url, EMBEDDING_DIMENSIONS: "768", EMBEDDING_MODEL: undefined });
  setInlineBackoffScaleForTests(0.001);
  db = await openTestDatabase();
  shop = await seedTenant(db, "emb");
  other = await seedTenant(db, "emb-other");
});
afterAll(() => endSuite(db, fake));

describe.runIf(process.env.TEST_ENGINE !== "postgres")("with pgvector (PGlite)", () => {
  it("embeds every passage in batches, records the model, size and tokens per tenant", async () => {
    expect(db.vector).toBe(true);
    expect(await getHealth()).toMatchObject({ vector: true, embeddings: "openai", retrieval: "hybrid" });
    const doc = await addText(shop, "Zwroty", RETURNS);
    const chunks = await tenantDb(db.prisma, shop.tenant.id).documentChunk.findMany({ where: { documentId: doc.id } });
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.embeddingModel === "text-embedding-3-small" && c.embeddingDimensions === 768)).toBe(true);
    const [row] = await db.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM document_chunks WHERE document_id = $1 AND embedding IS NOT NULL AND vector_dims(embedding) = 768`, [doc.id]);
    expect(row?.n).toBe(chunks.length);
    const request = fake.requests.find((r) => r.path === "/v1/embeddings");
    expect(request?.body).toMatchObject({ model: "text-embedding-3-small", dimensions: 768 });
    const usage = await tenantDb(db.prisma, shop.tenant.id).aiUsageEvent.findMany({ where: { kind: "embedding" } });
    expect(usage.length).toBeGreaterThan(0);
    expect(usage.every((u) => u.inputTokens > 0 && u.provider === "openai")).toBe(true);
  });

  it("test search fuses the vector ranking with the lexical ones", async () => {
    await addText(shop, "Wysyłka", SHIPPING);
    const before = fake.embeddingRequests();
    const hits = await callerFor(db, shop.owner).knowledgeBase.testSearch({ tenantSlug: shop.tenant.slug, query: "ile dni mam na zwrot towaru?" });
    expect(fake.embeddingRequests()).toBe(before + 1);
    expect(hits[0]?.documentTitle).toBe("Zwroty");
    expect(hits[0]?.scores.vector).toBeGreaterThan(0);
    expect(hits[0]?.scores.lexical).not.toBeNull();
  });

  it("another tenant's vectors never come back", async () => {
    const hits = await callerFor(db, other.owner).knowledgeBase.testSearch({ tenantSlug: other.tenant.slug, query: RETURNS });
    expect(hits).toEqual([]);
  });

  it("a provider outage leaves documents ready and search lexical; the sweep embeds them later", async () => {
    fake.failNext = 1_000;
    const doc = await addText(shop, "Płatności", "# Platnosci\n\nPrzyjmujemy BLIK, karty i przelewy. Za pobraniem doplata 5 zl.");
    const ready = await callerFor(db, shop.owner).knowledgeBase.get({ tenantSlug: shop.tenant.slug, documentId: doc.id });
    expect(ready.status).toBe("ready");
    const hits = await callerFor(db, shop.owner).knowledgeBase.testSearch({ tenantSlug: shop.tenant.slug, query: "czy mozna zaplacic blikiem" });
    expect(hits[0]?.documentId).toBe(doc.id);
    expect(hits[0]?.scores.vector).toBeNull();

    fake.failNext = 0;
    const work = await findKnowledgeWork(db);
    expect(work.filter((e) => e.name === DOCUMENT_EMBED_REQUESTED).map((e) => e.data.documentId)).toEqual([doc.id]);
    await emitJobs(work);
    await drainInlineJobs();
    const chunks = await tenantDb(db.prisma, shop.tenant.id).documentChunk.findMany({ where: { documentId: doc.id } });
    expect(chunks.every((c) => c.embeddingModel === "text-embedding-3-small")).toBe(true);
  });

  it("a 429 from the provider is retried", async () => {
    fake.rateLimitNext = 1;
    const doc = await addText(shop, "Gwarancja", "# Gwarancja\n\nNa buty udzielamy 24 miesiecy gwarancji producenta.");
    const chunks = await tenantDb(db.prisma, shop.tenant.id).documentChunk.findMany({ where: { documentId: doc.id } });
    expect(chunks.every((c) => c.embeddingModel === "text-embedding-3-small")).toBe(true);
  });

  it("changing the model re-embeds everything with the new one, and search uses only its vectors", async () => {
    configureEnv({ EMBEDDING_MODEL: "text-embedding-3-large" });
    await emitJobs(await findKnowledgeWork(db));
    await drainInlineJobs();
    const chunks = await tenantDb(db.prisma, shop.tenant.id).documentChunk.findMany();
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.embeddingModel === "text-embedding-3-large")).toBe(true);
    expect(await findKnowledgeWork(db)).toEqual([]);
    const hits = await callerFor(db, shop.owner).knowledgeBase.testSearch({ tenantSlug: shop.tenant.slug, query: "kurier DPD" });
    expect(hits[0]?.scores.vector).toBeGreaterThan(0);
    configureEnv({ EMBEDDING_MODEL: undefined });
  });
});

describe.runIf(process.env.TEST_ENGINE === "postgres")("without pgvector (this PostgreSQL)", () => {
  it("stays lexical, never calls the provider and reports vectors off", async () => {
    expect(db.vector).toBe(false);
    await addText(shop, "Zwroty", RETURNS);
    const hits = await callerFor(db, shop.owner).knowledgeBase.testSearch({ tenantSlug: shop.tenant.slug, query: "zwrot towaru ile dni" });
    expect(hits[0]?.documentTitle).toBe("Zwroty");
    expect(hits[0]?.scores.vector).toBeNull();
    expect(fake.embeddingRequests()).toBe(0);
    expect(await getHealth()).toMatchObject({ vector: false, embeddings: "openai", retrieval: "lexical" });
  });
});

describe("sweep", () => {
  it("requests a document again when its run was lost mid-processing", async () => {
    const doc = await addText(other, "Kontakt", "# Kontakt\n\nBiuro obsluguje klientow od poniedzialku do piatku.");
    await db.owner.query(`UPDATE documents SET status = 'processing', updated_at = now() - interval '20 minutes' WHERE id = $1`, [doc.id]);
    const work = await findKnowledgeWork(db);
    const process = work.filter((e) => e.name === DOCUMENT_PROCESS_REQUESTED);
    expect(process.map((e) => e.data.documentId)).toEqual([doc.id]);
    await emitJobs(work);
    await drainInlineJobs();
    const again = await callerFor(db, other.owner).knowledgeBase.get({ tenantSlug: other.tenant.slug, documentId: doc.id });
    expect(again.status).toBe("ready");
    expect((await findKnowledgeWork(db)).filter((e) => e.name === DOCUMENT_PROCESS_REQUESTED)).toEqual([]);
  });
});
