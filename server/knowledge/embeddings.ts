import { APICallError, embed, embedMany } from "ai";
import type { Database } from "@/server/db/client";
import { tenantDb, type ScopedDb } from "@/server/db/tenant-scope";
import { embeddingSetup, type EmbeddingSetup } from "@/server/ai/providers";
import { recordUsage, recordUsageIn } from "@/server/ai/usage";
import { logger } from "@/lib/logger";
import { RetryLaterError } from "@/server/infra/jobs";

/**
 * Vectors for hybrid retrieval. Everything here is a no-op unless an embedding provider
 * is configured AND the database has pgvector; retrieval is then lexical only.
 */
export interface QueryEmbedding {
  model: string;
  dimensions: number;
  vector: number[];
}

/** Passages per provider call: well under OpenAI's 2048 inputs and ~300k tokens per request. */
const BATCH = 64;

export function vectorSearchEnabled(database: Database): EmbeddingSetup | null {
  return database.vector ? embeddingSetup() : null;
}

function toVectorLiteral(vector: number[], dimensions: number): string {
  if (vector.length !== dimensions || vector.some((x) => !Number.isFinite(x))) {
    throw new Error(`embedding model returned ${vector.length} numbers, expected ${dimensions} (set EMBEDDING_DIMENSIONS to the model's size)`);
  }
  return `[${vector.join(",")}]`;
}

export type EmbedOutcome = { status: "skipped" } | { status: "embedded"; chunks: number };

/**
 * Embeds the document's passages that have no vector from the configured model yet.
 * Idempotent and resumable: each batch is written as it completes, and a re-run (retry,
 * model change, crash) only embeds what is still missing.
 */
export async function embedDocumentChunks(database: Database, tenantId: string, documentId: string): Promise<EmbedOutcome> {
  const setup = vectorSearchEnabled(database);
  if (!setup) return { status: "skipped" };
  const scoped = tenantDb(database.prisma, tenantId);
  let embedded = 0;
  for (;;) {
    const pending = await scoped.documentChunk.findMany({
      where: {
        documentId,
        OR: [{ embeddingModel: null }, { embeddingModel: { not: setup.modelId } }, { embeddingDimensions: { not: setup.dimensions } }],
      },
      orderBy: { position: "asc" },
      take: BATCH,
      select: { id: true, headingPath: true, text: true },
    });
    if (!pending.length) return { status: "embedded", chunks: embedded };
    const { embeddings, usage } = await embedMany({
      model: setup.model,
      values: pending.map((c) => (c.headingPath ? `${c.headingPath}\n${c.text}` : c.text)),
      ...(setup.requestDimensions ? { dimensions: setup.dimensions } : {}),
      maxParallelCalls: 2,
      // The job retries with backoff (Inngest or inline); a second retry layer here would
      // only multiply the waits. A 429 waits as long as the provider asks.
      maxRetries: 0,
    }).catch((error: unknown) => {
      if (APICallError.isInstance(error) && error.statusCode === 429) {
        const seconds = Number(error.responseHeaders?.["retry-after"] ?? "30");
        throw new RetryLaterError("embedding provider rate limit", (Number.isFinite(seconds) ? seconds : 30) * 1000);
      }
      throw error;
    });
    const vectors = embeddings.map((v) => toVectorLiteral(v, setup.dimensions));
    await scoped.$scoped(async (tx) => {
      await tx.$executeRaw`
        UPDATE document_chunks c
           SET embedding = u.v::vector, embedding_model = ${setup.modelId}, embedding_dimensions = ${setup.dimensions}
          FROM unnest(${pending.map((c) => c.id)}::uuid[], ${vectors}::text[]) AS u(id, v)
         WHERE c.id = u.id AND c.tenant_id = app_current_tenant_id()`;
      await recordUsageIn(tx, tenantId, { kind: "embedding", provider: setup.provider, model: setup.modelId, inputTokens: usage.tokens });
    });
    embedded += pending.length;
  }
}

/**
 * The buyer's question as a vector, or null when vector search is off or the provider
 * fails (retrieval then stays lexical rather than failing the reply).
 */
export async function embedQuery(database: Database, scoped: ScopedDb, tenantId: string, text: string): Promise<QueryEmbedding | null> {
  const setup = vectorSearchEnabled(database);
  if (!setup) return null;
  try {
    const { embedding, usage } = await embed({
      model: setup.model,
      value: text.slice(0, 8_000),
      ...(setup.requestDimensions ? { dimensions: setup.dimensions } : {}),
      // A buyer is waiting: no retries, fall back to lexical instead.
      maxRetries: 0,
    });
    toVectorLiteral(embedding, setup.dimensions);
    await recordUsage(scoped, tenantId, { kind: "embedding", provider: setup.provider, model: setup.modelId, inputTokens: usage.tokens });
    return { model: setup.modelId, dimensions: setup.dimensions, vector: embedding };
  } catch (error) {
    logger.warn("query embedding failed; retrieving lexically", { tenantId, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
