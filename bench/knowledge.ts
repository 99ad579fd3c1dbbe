import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { scopedClient, tenantDb } from "@/server/db/tenant-scope";
import { createDocument } from "@/server/knowledge/document-service";
import { drainInlineJobs } from "@/server/infra/jobs";
import { retrieveChunks } from "@/server/knowledge/retrieval";
import { chunkDocument } from "@/server/knowledge/chunking";
import { passageTerms } from "@/server/knowledge/process-document";
import { foldText } from "@/lib/text/fold";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { makeMultiPagePdf } from "../tests/support/documents";
import type { BenchDatabase } from "./database";
import { ms, summarize, timeEach } from "./stats";

const FIXTURE = path.join(process.cwd(), "eval/fixtures/shop");

/** Shop-like text from the fixture, varied per tenant so tenants do not share passages. */
function fixtureDocs(): { name: string; text: string }[] {
  const dir = path.join(FIXTURE, "kb");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), "utf8") }));
}

async function newTenant(bench: BenchDatabase, label: string) {
  const tenantId = randomUUID();
  const userId = randomUUID();
  await scopedClient(bench.db.prisma, { tenantId, userId }).$scoped(async (tx) => {
    await tx.user.create({ data: { id: userId, email: `${label}-${userId}@bench.test`, name: label, passwordHash: "x" } });
    await tx.tenant.create({ data: { id: tenantId, name: label, slug: `${label}-${tenantId.slice(0, 8)}`, planId: "bench" } });
    await tx.membership.create({ data: { tenantId, userId, role: "owner" } });
  });
  return { tenantId, userId };
}

/**
 * Knowledge benchmark: retrieval latency for one tenant among many (each ~50 documents,
 * ~1,000 passages), and ingestion throughput of one tenant's 50 documents (~1 MB of text)
 * through the real pipeline (extract → chunk → index), without embeddings.
 */
export async function benchKnowledge(bench: BenchDatabase, opts: { tenants: number }) {
  const { db } = bench;
  await db.owner.query(`INSERT INTO plans (id, name, max_documents, max_file_bytes) VALUES ('bench', 'Bench', 100000, 104857600) ON CONFLICT (id) DO NOTHING`);
  const docs = fixtureDocs();
  // Seed passages directly (the pipeline is measured separately below): 50 documents × ~20 passages per tenant.
  const seedStart = performance.now();
  const tenants: string[] = [];
  for (let t = 0; t < opts.tenants; t++) {
    const { tenantId } = await newTenant(bench, "kb");
    tenants.push(tenantId);
    const rows: { id: string; document_id: string; position: number; heading_path: string; text: string; norm_text: string; terms: string; term_count: number; terms_version: number }[] = [];
    const documents: { id: string; title: string }[] = [];
    for (let d = 0; d < 50; d++) {
      const source = docs[d % docs.length] as { name: string; text: string };
      const id = randomUUID();
      documents.push({ id, title: `${source.name} #${d}` });
      const chunks = chunkDocument(`${source.text}\n\nKod dokumentu T${t}D${d}.`);
      for (let i = 0; i < Math.min(chunks.length, 20); i++) {
        const c = chunks[i] as { headingPath: string; text: string };
        const { terms, termCount, termsVersion } = passageTerms(c);
        rows.push({ id: randomUUID(), document_id: id, position: i, heading_path: c.headingPath, text: c.text, norm_text: foldText(`${c.headingPath}\n${c.text}`), terms, term_count: termCount, terms_version: termsVersion });
      }
    }
    await bench.withOwnerClient(async (owner) => {
      await owner.$executeRawUnsafe(
        `INSERT INTO documents (id, tenant_id, title, source, size_bytes, original, status, chunk_count, updated_at)
         SELECT d.id::uuid, $1::uuid, d.title, 'text', 1, '\\x00'::bytea, 'ready', 20, now() FROM jsonb_to_recordset($2::jsonb) AS d(id text, title text)`,
        tenantId, JSON.stringify(documents),
      );
      await owner.$executeRawUnsafe(
        `INSERT INTO document_chunks (id, tenant_id, document_id, position, heading_path, text, norm_text, terms, term_count, terms_version)
         SELECT r.id::uuid, $1::uuid, r.document_id::uuid, r.position, r.heading_path, r.text, r.norm_text, r.terms, r.term_count, r.terms_version
           FROM jsonb_to_recordset($2::jsonb) AS r(id text, document_id text, position int, heading_path text, text text, norm_text text, terms text, term_count int, terms_version int)`,
        tenantId, JSON.stringify(rows),
      );
    });
  }
  // Each tenant's vocabulary, as processing would have stored it (for typo repair).
  await bench.withOwnerClient(async (owner) => {
    await owner.$executeRawUnsafe(
      `INSERT INTO knowledge_terms (tenant_id, term)
       SELECT DISTINCT c.tenant_id, w FROM document_chunks c, regexp_split_to_table(c.norm_text, '[^[:alpha:]]+') AS w
        WHERE length(w) >= 4 ON CONFLICT DO NOTHING`,
    );
    await owner.$executeRawUnsafe(`ANALYZE document_chunks`);
    await owner.$executeRawUnsafe(`ANALYZE knowledge_terms`);
    await owner.$executeRawUnsafe(`ANALYZE chunk_terms`);
  });
  const seeded = (performance.now() - seedStart) / 1000;
  const [{ n } = { n: 0 }] = await db.owner.query<{ n: number | string }>(`SELECT count(*) AS n FROM document_chunks`);

  const questions = readFileSync(path.join(FIXTURE, "questions.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { question: string }).question);
  const target = tenants[Math.floor(tenants.length / 2)] as string;
  const scoped = tenantDb(db.prisma, target);
  await timeEach(30, (i) => retrieveChunks(scoped, questions[i % questions.length] as string, { k: 5 }));
  const s = summarize(await timeEach(300, (i) => retrieveChunks(scoped, questions[i % questions.length] as string, { k: 5 })));
  console.log(`\n## Knowledge retrieval (${bench.label})`);
  console.log(`   ${opts.tenants} tenants × 50 documents, ${Number(n).toLocaleString("en")} passages in all (seeded in ${seeded.toFixed(1)} s)`);
  console.log(`   retrieve top 5 for a buyer message: p50 ${ms(s.p50)}  p95 ${ms(s.p95)}   (target p95 < 30 ms on PostgreSQL)`);

  // Ingestion: one tenant's 50 documents (~1 MB of text) through the real pipeline.
  const { tenantId, userId } = await newTenant(bench, "ingest");
  const ingestScoped = tenantDb(db.prisma, tenantId);
  let bytes = 0;
  const created: string[] = [];
  const t0 = performance.now();
  for (let d = 0; d < 50; d++) {
    const source = docs[d % docs.length] as { name: string; text: string };
    const text = Array.from({ length: 3 }, () => source.text).join("\n\n") + `\n\nKod ${d}`;
    bytes += Buffer.byteLength(text);
    const doc = await createDocument(db, ingestScoped, tenantId, userId, {
      title: `${source.name} ${d}`, source: "upload", fileName: source.name, bytes: new Uint8Array(Buffer.from(text)),
    });
    created.push(doc.id);
  }
  // Creating a document requests its processing (an inline job here): wait for those runs.
  await drainInlineJobs();
  const seconds = (performance.now() - t0) / 1000;
  const ready = await ingestScoped.document.count({ where: { id: { in: created }, status: "ready" } });
  if (ready !== created.length) throw new Error(`only ${ready} of ${created.length} documents ended ready`);
  console.log(`   ingestion: 50 documents, ${(bytes / 1_048_576).toFixed(2)} MB of text processed in ${seconds.toFixed(1)} s (target < 60 s, no embeddings)`);

  // A 50-page PDF processed in this process (as inline jobs are): how long is the event
  // loop — i.e. every other request this server is handling — held up at worst?
  const pages = Array.from({ length: 50 }, (_, p) =>
    Array.from({ length: 45 }, (_, l) => `Strona ${p + 1}, wiersz ${l + 1}: reklamacje rozpatrujemy w ciagu 14 dni od otrzymania zgloszenia.`),
  );
  const pdf = makeMultiPagePdf(pages);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const p0 = performance.now();
  const pdfDoc = await createDocument(db, ingestScoped, tenantId, userId, { title: "Regulamin 50 stron", source: "upload", fileName: "regulamin.pdf", bytes: new Uint8Array(pdf) });
  await drainInlineJobs();
  const pdfSeconds = (performance.now() - p0) / 1000;
  loop.disable();
  const pdfStatus = (await ingestScoped.document.findFirst({ where: { id: pdfDoc.id }, select: { status: true } }))?.status;
  if (pdfStatus !== "ready") throw new Error(`the PDF ended ${pdfStatus}`);
  console.log(
    `   50-page PDF (${(pdf.byteLength / 1024).toFixed(0)} KB) processed in ${pdfSeconds.toFixed(1)} s; event loop delay during it: p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
  );
}
