-- Passages as stemmed terms (server/knowledge/terms.ts, computed by the app: PostgreSQL
-- has no Polish stemmer) for BM25 ranking: term frequencies come from the tsvector's
-- positions, the passage length from term_count. Passages analysed by an older version
-- of the analyser (terms_version) are re-processed by the knowledge sweep; the existing
-- ones start at 0, so every passage written before this migration is re-analysed.
ALTER TABLE "document_chunks"
  ADD COLUMN "terms" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "term_count" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "terms_version" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "term_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "terms")) STORED;
CREATE INDEX "document_chunks_tenant_terms_idx" ON "document_chunks" USING GIN ("tenant_id", "term_vector");
CREATE INDEX "document_chunks_terms_version_idx" ON "document_chunks" ("terms_version");
