-- Per-passage term postings for BM25: (tenant, lexeme) → passages with the term's
-- frequency and the passage's length. Retrieval looks the buyer's terms up here instead
-- of unnesting every matching passage's tsvector (which detoasts each of them: most of a
-- query's time on a tenant with a few hundred passages). Kept equal to term_vector by a
-- trigger, so every writer of document_chunks (processing, re-analysis, seeds) keeps it.
CREATE TABLE "chunk_terms" (
  "tenant_id" UUID NOT NULL,
  "lexeme" TEXT COLLATE "C" NOT NULL,
  "chunk_id" UUID NOT NULL,
  "tf" INTEGER NOT NULL,
  "dl" INTEGER NOT NULL,
  -- The lexeme's first four letters: under RLS only leakproof operators (equality) can
  -- drive an index scan, so a word's beginning ("kurt" for kurtka/kurtkę) is found by
  -- equality on this and then checked with starts_with on the few rows it returns.
  "head" TEXT COLLATE "C" GENERATED ALWAYS AS (left("lexeme", 4)) STORED,
  CONSTRAINT "chunk_terms_pkey" PRIMARY KEY ("tenant_id", "lexeme", "chunk_id"),
  CONSTRAINT "chunk_terms_chunk_id_fkey" FOREIGN KEY ("chunk_id") REFERENCES "document_chunks"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "chunk_terms_chunk_id_idx" ON "chunk_terms"("chunk_id");
CREATE INDEX "chunk_terms_tenant_head_idx" ON "chunk_terms"("tenant_id", "head");

-- Runs as the writer (invoker): under the tenant's scope, RLS admits only its own rows.
CREATE FUNCTION chunk_terms_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM chunk_terms WHERE chunk_id = OLD.id;
  END IF;
  INSERT INTO chunk_terms (tenant_id, lexeme, chunk_id, tf, dl)
  SELECT NEW.tenant_id, u.lexeme, NEW.id, coalesce(array_length(u.positions, 1), 1), NEW.term_count
    FROM unnest(NEW.term_vector) AS u(lexeme, positions, weights);
  RETURN NULL;
END $$;
CREATE TRIGGER "document_chunks_terms_sync" AFTER INSERT OR UPDATE OF "terms", "term_count" ON "document_chunks"
  FOR EACH ROW EXECUTE FUNCTION chunk_terms_sync();

INSERT INTO "chunk_terms" ("tenant_id", "lexeme", "chunk_id", "tf", "dl")
SELECT c."tenant_id", u.lexeme, c."id", coalesce(array_length(u.positions, 1), 1), c."term_count"
  FROM "document_chunks" c CROSS JOIN LATERAL unnest(c."term_vector") AS u(lexeme, positions, weights);

ALTER TABLE "chunk_terms" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "chunk_terms" FORCE ROW LEVEL SECURITY;
CREATE POLICY "chunk_terms_tenant" ON "chunk_terms" TO bokai_app USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
CREATE POLICY "chunk_terms_system" ON "chunk_terms" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
GRANT SELECT, INSERT, UPDATE, DELETE ON "chunk_terms" TO bokai_app, bokai_system;

-- Typo repair looks for the tenant's words close to a buyer's unknown word. pg_trgm's `%`
-- is not leakproof, so under RLS its index cannot be used and every word of the tenant
-- was compared. Candidates are now found by equality (leakproof, indexed) on the first
-- two or the last three letters, and only they are compared by trigram similarity.
ALTER TABLE "knowledge_terms"
  ADD COLUMN "head" TEXT COLLATE "C" GENERATED ALWAYS AS (left("term", 2)) STORED,
  ADD COLUMN "tail" TEXT COLLATE "C" GENERATED ALWAYS AS (right("term", 3)) STORED;
CREATE INDEX "knowledge_terms_tenant_head_idx" ON "knowledge_terms"("tenant_id", "head");
CREATE INDEX "knowledge_terms_tenant_tail_idx" ON "knowledge_terms"("tenant_id", "tail");
