-- Knowledge base: plans (limits as data), documents, chunks with lexical and trigram indexes.

-- Trigram similarity for typo-tolerant retrieval (a trusted contrib extension; PGlite loads it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- Lets a GIN index lead with tenant_id, so one tenant's search never walks every
-- tenant's postings (hundreds of shops share the same words).
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Plan limits are data, so billing can change them without a deploy.
CREATE TABLE "plans" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "max_documents" INTEGER NOT NULL,
  "max_file_bytes" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "plans_pkey" PRIMARY KEY ("id")
);
INSERT INTO "plans" ("id", "name", "max_documents", "max_file_bytes") VALUES ('basic', 'Basic', 50, 10485760);

ALTER TABLE "tenants" ADD COLUMN "plan_id" TEXT NOT NULL DEFAULT 'basic';
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TYPE "DocumentSource" AS ENUM ('upload', 'text', 'url');
CREATE TYPE "DocumentStatus" AS ENUM ('queued', 'processing', 'ready', 'failed');

CREATE TABLE "documents" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "title" TEXT NOT NULL,
  "source" "DocumentSource" NOT NULL,
  "file_name" TEXT,
  "mime_type" TEXT,
  "source_url" TEXT,
  "size_bytes" INTEGER NOT NULL,
  "original" BYTEA NOT NULL,
  "status" "DocumentStatus" NOT NULL DEFAULT 'queued',
  "error_key" TEXT,
  "error_detail" TEXT,
  "text" TEXT,
  "chunk_count" INTEGER NOT NULL DEFAULT 0,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "processed_at" TIMESTAMPTZ(3),
  "created_by_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "documents_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "documents_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "documents_tenant_id_created_at_idx" ON "documents"("tenant_id", "created_at");

CREATE TABLE "document_chunks" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "document_id" UUID NOT NULL,
  "position" INTEGER NOT NULL,
  "heading_path" TEXT NOT NULL DEFAULT '',
  "text" TEXT NOT NULL,
  -- Lower-cased, diacritics folded (zwrót → zwrot, wysyłka → wysylka), computed by the app.
  "norm_text" TEXT NOT NULL,
  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "norm_text")) STORED,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "document_chunks_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "document_chunks_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "document_chunks_document_id_position_key" ON "document_chunks"("document_id", "position");
CREATE INDEX "document_chunks_tenant_id_idx" ON "document_chunks"("tenant_id");
CREATE INDEX "document_chunks_tenant_search_idx" ON "document_chunks" USING GIN ("tenant_id", "search_vector");

-- Each tenant's vocabulary (folded words of its passages): a misspelt word in a buyer's
-- message is matched to the closest real words by trigram similarity on these short
-- strings, instead of comparing it with every passage's whole text.
CREATE TABLE "knowledge_terms" (
  "tenant_id" UUID NOT NULL,
  "term" TEXT NOT NULL,
  CONSTRAINT "knowledge_terms_pkey" PRIMARY KEY ("tenant_id", "term"),
  CONSTRAINT "knowledge_terms_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "knowledge_terms_tenant_term_trgm_idx" ON "knowledge_terms" USING GIN ("tenant_id", "term" gin_trgm_ops);

ALTER TABLE "plans" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "plans" FORCE ROW LEVEL SECURITY;
-- Plans are public price-list data: readable by everyone, writable by no request.
CREATE POLICY "plans_read" ON "plans" FOR SELECT TO bokai_app, bokai_system USING (TRUE);
GRANT SELECT ON "plans" TO bokai_app, bokai_system;
REVOKE INSERT, UPDATE, DELETE ON "plans" FROM bokai_app;

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['documents', 'document_chunks', 'knowledge_terms']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_app USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())', t || '_tenant', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_system USING (TRUE) WITH CHECK (TRUE)', t || '_system', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO bokai_app, bokai_system', t);
  END LOOP;
END
$$;
