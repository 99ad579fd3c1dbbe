import type { Database } from "@/server/db/client";
import { tenantDb, type ScopedDb } from "@/server/db/tenant-scope";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/server/db/generated/client";
import { foldText } from "@/lib/text/fold";
import { logger } from "@/lib/logger";
import { chunkDocument, type Chunk } from "./chunking";
import { extractDocument } from "./extract";
import { indexTerms, TERMS_VERSION } from "./terms";
import { detectLanguage } from "@/lib/text/language";

export type ProcessOutcome = "ready" | "failed" | "missing" | "stale";

function chunksFor(extracted: Awaited<ReturnType<typeof extractDocument>>, title: string): Chunk[] {
  // A product list: every row is its own passage, so one product never drowns another.
  if (extracted.entries) return extracted.entries.map((e) => ({ headingPath: `${title} > ${e.title}`, text: e.text }));
  return chunkDocument(extracted.text).map((c) => ({ ...c, headingPath: c.headingPath || title }));
}

/**
 * Extract → normalise → chunk → index one document. Idempotent: chunks are replaced in
 * the same transaction that marks the document ready, so a crash or a second run never
 * leaves duplicates or a "ready" document without its passages. `attempt` guards against
 * an older run finishing after a newer edit.
 */
export async function processDocument(db: Database, tenantId: string, documentId: string, attempt?: number): Promise<ProcessOutcome> {
  const scoped = tenantDb(db.prisma, tenantId);
  const doc = await scoped.document.findUnique({
    where: { id: documentId },
    select: { id: true, title: true, fileName: true, mimeType: true, source: true, original: true, attempts: true },
  });
  if (!doc) return "missing";
  if (attempt !== undefined && attempt !== doc.attempts) return "stale";
  await scoped.document.update({ where: { id: doc.id }, data: { status: "processing" } });

  let chunks: Chunk[];
  let text: string;
  try {
    // Pasted (and edited) text is Markdown; uploads and fetched pages keep their name and type.
    const name = doc.fileName ?? `${doc.title}.md`;
    const extracted = await extractDocument(name, doc.mimeType ?? "text/markdown", new Uint8Array(doc.original));
    text = extracted.text;
    chunks = chunksFor(extracted, doc.title);
    if (!chunks.length) throw new AppError("BAD_REQUEST", "knowledge.errors.empty");
  } catch (error) {
    const key = error instanceof AppError ? error.key : "knowledge.errors.processingFailed";
    if (!(error instanceof AppError)) logger.error("document processing failed", { documentId, error: error instanceof Error ? error.message : String(error) });
    await scoped.document.update({
      where: { id: doc.id },
      data: { status: "failed", errorKey: key, errorDetail: error instanceof AppError ? null : String(error).slice(0, 300), chunkCount: 0 },
    });
    await scoped.documentChunk.deleteMany({ where: { documentId: doc.id } });
    return "failed";
  }

  try {
    await replaceChunks(scoped, tenantId, doc.id, chunks, text);
  } catch (error) {
    // Deleted while it was being processed: nothing is left to index.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") return "missing";
    throw error;
  }
  return "ready";
}

/** Chunks and vocabulary replaced, and the document marked ready, in one transaction. */
async function replaceChunks(scoped: ScopedDb, tenantId: string, documentId: string, chunks: Chunk[], text: string) {
  // Sorted: concurrent documents of one tenant insert shared words in the same order, so
  // their unique-index waits can never form a cycle (unsorted, Postgres saw deadlocks).
  const terms = [...new Set(chunks.flatMap((c) => foldText(`${c.headingPath} ${c.text}`).match(/\p{L}{4,}/gu) ?? []))]
    .slice(0, 50_000)
    .sort();
  await scoped.$scoped(
    async (tx) => {
      // Two runs of one document (a duplicate event, the stalled-document sweep) take
      // turns here: the second then deletes what the first wrote instead of colliding
      // with it on (document, position).
      await tx.$queryRaw`SELECT 1 FROM documents WHERE id = ${documentId}::uuid FOR UPDATE`;
      await tx.documentChunk.deleteMany({ where: { documentId } });
      await tx.documentChunk.createMany({
        data: chunks.map((c, position) => ({
          tenantId,
          documentId,
          position,
          headingPath: c.headingPath,
          text: c.text,
          normText: foldText(`${c.headingPath}\n${c.text}`),
          ...passageTerms(c),
        })),
      });
      if (terms.length) {
        await tx.$executeRaw`
          INSERT INTO knowledge_terms (tenant_id, term) SELECT ${tenantId}::uuid, t FROM unnest(${terms}::text[]) AS t ORDER BY t COLLATE "C"
          ON CONFLICT DO NOTHING`;
      }
      await tx.document.update({
        where: { id: documentId },
        data: { status: "ready", text, chunkCount: chunks.length, errorKey: null, errorDetail: null, processedAt: new Date() },
      });
    },
    { timeout: 60_000 },
  );
}

/** A passage's BM25 terms, stemmed in the passage's own language (a shop's documents may mix several). */
export function passageTerms(chunk: Chunk): { terms: string; termCount: number; termsVersion: number } {
  const terms = indexTerms(`${chunk.headingPath}\n${chunk.text}`, detectLanguage(chunk.text, "pl"));
  return { terms: terms.join(" "), termCount: terms.length, termsVersion: TERMS_VERSION };
}
