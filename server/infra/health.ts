import { getDatabase } from "@/server/db/client";
import { rateLimitBackend } from "./rate-limit";
import { jobsBackend } from "@/inngest/client";
import { logger } from "@/lib/logger";
import { embeddingSetup } from "@/server/ai/providers";

export interface Health {
  status: "ok" | "degraded";
  db: "pglite" | "postgres" | "unavailable";
  vector: boolean;
  /** "hybrid" needs both pgvector and a configured embedding provider. */
  retrieval: "hybrid" | "lexical";
  embeddings: "none" | "openai" | "ollama";
  rateLimit: ReturnType<typeof rateLimitBackend>;
  /** "memory" limits hold per process only: fine on one machine, not across instances. */
  rateLimitShared: boolean;
  jobs: ReturnType<typeof jobsBackend>;
  time: string;
}

export async function getHealth(): Promise<Health> {
  const base = {
    rateLimit: rateLimitBackend(),
    rateLimitShared: rateLimitBackend() !== "memory",
    jobs: jobsBackend(),
    time: new Date().toISOString(),
  };
  try {
    const db = await getDatabase();
    await db.prisma.$queryRaw`SELECT 1`;
    const embeddings = embeddingSetup()?.provider ?? "none";
    return { status: "ok", db: db.engine, vector: db.vector, retrieval: db.vector && embeddings !== "none" ? "hybrid" : "lexical", embeddings, ...base };
  } catch (error) {
    logger.error("health check: database unavailable", { error: error instanceof Error ? error.message : String(error) });
    return { status: "degraded", db: "unavailable", vector: false, retrieval: "lexical", embeddings: "none", ...base };
  }
}
