import { getDatabase } from "@/server/db/client";
import { rateLimitBackend, rateLimitStoreReachable } from "./rate-limit";
import { jobsBackend } from "@/inngest/client";
import { logger } from "@/lib/logger";
import { chatSetup, embeddingSetup } from "@/server/ai/providers";

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
  /** The shared limit store (Redis/Upstash) answers a PING; "not_used" with in-process limits. */
  rateLimitStore: "ok" | "unavailable" | "not_used";
  jobs: ReturnType<typeof jobsBackend>;
  /** Who writes replies: a configured provider, or the built-in offline responder. */
  model: string;
  time: string;
}

/**
 * What a load balancer and an operator need: every engine in use and whether it answers,
 * no secrets. "degraded" (503) when the database or a configured shared store is down.
 */
export async function getHealth(): Promise<Health> {
  const store = await rateLimitStoreReachable();
  const base = {
    rateLimit: rateLimitBackend(),
    rateLimitShared: rateLimitBackend() !== "memory",
    rateLimitStore: store === null ? ("not_used" as const) : store ? ("ok" as const) : ("unavailable" as const),
    jobs: jobsBackend(),
    model: chatSetup("fast")?.provider ?? "offline",
    time: new Date().toISOString(),
  };
  if (store === false) logger.error("health check: rate-limit store unavailable", { backend: base.rateLimit });
  try {
    const db = await getDatabase();
    await db.prisma.$queryRaw`SELECT 1`;
    const embeddings = embeddingSetup()?.provider ?? "none";
    return { status: store === false ? "degraded" : "ok", db: db.engine, vector: db.vector, retrieval: db.vector && embeddings !== "none" ? "hybrid" : "lexical", embeddings, ...base };
  } catch (error) {
    logger.error("health check: database unavailable", { error: error instanceof Error ? error.message : String(error) });
    return { status: "degraded", db: "unavailable", vector: false, retrieval: "lexical", embeddings: "none", ...base };
  }
}
