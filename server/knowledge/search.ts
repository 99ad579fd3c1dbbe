import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { embedQuery } from "./embeddings";
import { retrieveKnowledge, type KnowledgeSearch } from "./retrieval";

/**
 * The knowledge base's one search entry point (test search, the AI engine, the eval):
 * hybrid when an embedding provider and pgvector are there, lexical otherwise.
 */
export async function searchKnowledge(database: Database, scoped: ScopedDb, tenantId: string, query: string, options: { k?: number } = {}): Promise<KnowledgeSearch> {
  const embedding = await embedQuery(database, scoped, tenantId, query);
  return retrieveKnowledge(scoped, query, { k: options.k, embedding });
}
