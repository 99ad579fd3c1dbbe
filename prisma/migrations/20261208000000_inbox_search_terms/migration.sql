-- Inbox search finds a word in any of its forms (kurtka / kurtkę / kurtki) and ranks
-- exact phrases first. The stems come from the same nlp.js stemmers the knowledge base
-- uses, which SQL cannot run, so the application writes a conversation's terms here:
-- (tenant, term) → conversations. Terms are the folded words, their stems and adjacent
-- word pairs (for phrases), taken from messages, notes, the buyer's name and login and
-- the order's and offer's items (server/inbox/search-index.ts).
--
-- The GIN index on conversations.search_vector is gone with the column: `@@` is not
-- leakproof, so under RLS it never drove an index scan; equality and ranges on this
-- table's text (leakproof) do.
DROP INDEX "conversations_search_vector_idx";
ALTER TABLE "conversations" DROP COLUMN "search_vector", DROP COLUMN "search_text";

-- The analyser version that wrote a conversation's terms; older (0: none yet, as for
-- every conversation stored before this migration) are rebuilt by the search sweep.
ALTER TABLE "conversations" ADD COLUMN "search_version" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "conversations_search_version_idx" ON "conversations"("search_version");

CREATE TABLE "conversation_terms" (
  "tenant_id" UUID NOT NULL,
  -- Byte order: a word's beginning ("kurt") is the range [kurt, kurt\uffff).
  "term" TEXT COLLATE "C" NOT NULL,
  "conversation_id" UUID NOT NULL,
  CONSTRAINT "conversation_terms_pkey" PRIMARY KEY ("tenant_id", "term", "conversation_id"),
  CONSTRAINT "conversation_terms_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- "Does this conversation hold one of these terms?" while walking conversations by recency.
CREATE INDEX "conversation_terms_tenant_id_conversation_id_term_idx" ON "conversation_terms"("tenant_id", "conversation_id", "term");

ALTER TABLE "conversation_terms" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "conversation_terms" FORCE ROW LEVEL SECURITY;
CREATE POLICY "conversation_terms_tenant" ON "conversation_terms" TO bokai_app USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id());
CREATE POLICY "conversation_terms_system" ON "conversation_terms" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
GRANT SELECT, INSERT, UPDATE, DELETE ON "conversation_terms" TO bokai_app, bokai_system;
