-- Embeddings for hybrid retrieval, and AI usage records per tenant.

-- The model and vector size are kept per passage: after a model change, passages of the
-- old model are simply re-embedded, and retrieval compares only vectors of one model.
ALTER TABLE "document_chunks" ADD COLUMN "embedding_model" TEXT;
ALTER TABLE "document_chunks" ADD COLUMN "embedding_dimensions" INTEGER;

-- The vector column and its HNSW indexes exist only where pgvector does (PGlite always;
-- a PostgreSQL server without the extension keeps lexical retrieval). The column has no
-- fixed size so models of different sizes can coexist; each supported size gets its own
-- partial HNSW index over a cast to that size (pgvector's way to index mixed sizes).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE "document_chunks" ADD COLUMN "embedding" vector;
    CREATE INDEX "document_chunks_embedding_768_idx" ON "document_chunks"
      USING hnsw (("embedding"::vector(768)) vector_cosine_ops) WHERE "embedding_dimensions" = 768;
    CREATE INDEX "document_chunks_embedding_1024_idx" ON "document_chunks"
      USING hnsw (("embedding"::vector(1024)) vector_cosine_ops) WHERE "embedding_dimensions" = 1024;
    CREATE INDEX "document_chunks_embedding_1536_idx" ON "document_chunks"
      USING hnsw (("embedding"::vector(1536)) vector_cosine_ops) WHERE "embedding_dimensions" = 1536;
  END IF;
END
$$;

CREATE TYPE "AiUsageKind" AS ENUM ('embedding', 'generation');

-- One row per call to a model provider, for per-tenant cost and budgets.
CREATE TABLE "ai_usage_events" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "kind" "AiUsageKind" NOT NULL,
  "provider" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "input_tokens" INTEGER NOT NULL DEFAULT 0,
  "output_tokens" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ai_usage_events_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ai_usage_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ai_usage_events_tenant_id_created_at_idx" ON "ai_usage_events"("tenant_id", "created_at");

ALTER TABLE "ai_usage_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ai_usage_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "ai_usage_events_tenant" ON "ai_usage_events" TO bokai_app
  USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
CREATE POLICY "ai_usage_events_system" ON "ai_usage_events" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
GRANT SELECT, INSERT, UPDATE, DELETE ON "ai_usage_events" TO bokai_app, bokai_system;
