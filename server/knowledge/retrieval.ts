import type { ScopedDb } from "@/server/db/tenant-scope";
import { Prisma } from "@/server/db/generated/client";
import type { QueryEmbedding } from "./embeddings";
import { queryTokens, stemPrefix } from "./query";

export interface RetrievedChunk {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  fileName: string | null;
  headingPath: string;
  position: number;
  text: string;
  scores: Scores;
}

type Ranking = "lexical" | "trigram" | "vector";
type Scores = Record<Ranking, number | null> & { fused: number };

/** Reciprocal rank fusion constant (the usual 60: flattens the head of each list). */
const RRF_K = 60;
const CANDIDATES = 50;

/**
 * Top-k passages of the tenant's documents for a buyer's question, fusing a full-text
 * ranking (diacritics folded, crude prefix stems, words weighted by rarity) with a
 * typo-corrected ranking (misspelt words replaced by similar vocabulary words) by
 * reciprocal rank fusion. The scope's RLS keeps it to one tenant;
 * the explicit tenant conditions let the (tenant_id, …) GIN indexes do the same work.
 * With the question's embedding (see embeddings.ts), cosine similarity to the passages
 * embedded by the same model is a third ranking in the fusion.
 */
export async function retrieveChunks(db: ScopedDb, query: string, options: { k?: number; embedding?: QueryEmbedding | null } = {}): Promise<RetrievedChunk[]> {
  const k = Math.min(Math.max(options.k ?? 5, 1), 50);
  const tokens = queryTokens(query);
  const embedding = options.embedding;
  if (!tokens.length && !embedding) return [];
  const stems = [...new Set(tokens.map(stemPrefix))];

  const { lexical, trigram, vector } = await db.$scoped(async (tx) => {
    const frequencies = await tx.$queryRaw<{ stem: string; df: number }[]>`
      SELECT t.stem, count(c.id)::int AS df
        FROM unnest(${stems}::text[]) AS t(stem)
        LEFT JOIN document_chunks c ON c.tenant_id = app_current_tenant_id() AND c.search_vector @@ to_tsquery('simple', t.stem)
       GROUP BY t.stem`;
    const df = new Map(frequencies.map((f) => [f.stem, Number(f.df)]));
    // Each matched word counts by its rarity in this tenant's passages (BM25's IDF):
    // "uszkodzona" outweighs "paczka", which many of a shop's passages mention.
    const matched = stems.filter((st) => (df.get(st) ?? 0) > 0);
    const lexical = matched.length
      ? await tx.$queryRaw<{ id: string; score: number }[]>`
          WITH terms AS (
            SELECT t.stem, to_tsquery('simple', t.stem) AS q, t.df::float8 AS df
              FROM unnest(${matched}::text[], ${matched.map((st) => df.get(st) ?? 0)}::int[]) AS t(stem, df)
          ), total AS (SELECT count(*)::float8 AS n FROM document_chunks WHERE tenant_id = app_current_tenant_id())
          SELECT c.id,
                 (sum(ln(1 + (total.n - terms.df + 0.5) / (terms.df + 0.5))) + max(ts_rank_cd(c.search_vector, terms.q, 32)))::float8 AS score
            FROM document_chunks c
            JOIN terms ON c.tenant_id = app_current_tenant_id() AND c.search_vector @@ terms.q
            CROSS JOIN total
           GROUP BY c.id
           ORDER BY score DESC, c.id
           LIMIT ${CANDIDATES}`
      : [];
    // Words no passage contains as typed (typos, odd inflections) are matched to the
    // closest words of the tenant's vocabulary by trigram similarity, and those words are
    // searched instead: a second ranking, fused with the first.
    const unmatched = tokens.filter((t) => t.length >= 4 && !/^\d+$/.test(t) && (df.get(stemPrefix(t)) ?? 0) === 0);
    let trigram: { id: string; score: number }[] = [];
    if (unmatched.length) {
      await tx.$executeRaw`SELECT set_config('pg_trgm.similarity_threshold', '0.4', TRUE)`;
      const corrections = await tx.$queryRaw<{ term: string; sim: number }[]>`
        SELECT DISTINCT ON (t.tok, k.term) k.term, similarity(k.term, t.tok)::float8 AS sim
          FROM unnest(${unmatched}::text[]) AS t(tok)
          JOIN knowledge_terms k ON k.tenant_id = app_current_tenant_id() AND k.term % t.tok
         ORDER BY t.tok, k.term, sim DESC`;
      const best = corrections.sort((a, b) => b.sim - a.sim).slice(0, 3 * unmatched.length);
      if (best.length) {
        trigram = await tx.$queryRaw<{ id: string; score: number }[]>`
          SELECT c.id, sum(t.sim)::float8 AS score
            FROM unnest(${best.map((b) => b.term)}::text[], ${best.map((b) => b.sim)}::float8[]) AS t(term, sim)
            JOIN document_chunks c ON c.tenant_id = app_current_tenant_id() AND c.search_vector @@ to_tsquery('simple', t.term)
           GROUP BY c.id
           ORDER BY score DESC, c.id
           LIMIT ${CANDIDATES}`;
      }
    }
    let vector: { id: string; score: number }[] = [];
    if (embedding && [768, 1024, 1536].includes(embedding.dimensions)) {
      // The size is a literal (one of the indexed sizes) so the planner can match the
      // partial HNSW index; iterative scans keep going past other tenants' neighbours.
      const size = Prisma.raw(String(embedding.dimensions));
      const literal = `[${embedding.vector.join(",")}]`;
      await tx.$executeRaw`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', TRUE)`;
      vector = await tx.$queryRaw<{ id: string; score: number }[]>`
        SELECT c.id, (1 - (c.embedding::vector(${size}) <=> ${literal}::vector(${size})))::float8 AS score
          FROM document_chunks c
         WHERE c.tenant_id = app_current_tenant_id() AND c.embedding_dimensions = ${size} AND c.embedding_model = ${embedding.model}
         ORDER BY c.embedding::vector(${size}) <=> ${literal}::vector(${size})
         LIMIT ${CANDIDATES}`;
    }
    return { lexical, trigram, vector };
  });

  const fused = new Map<string, Scores>();
  const add = (list: { id: string; score: number }[], key: Ranking) =>
    list.forEach((row, rank) => {
      const entry = fused.get(row.id) ?? { lexical: null, trigram: null, vector: null, fused: 0 };
      entry[key] = row.score;
      entry.fused += 1 / (RRF_K + rank + 1);
      fused.set(row.id, entry);
    });
  add(lexical, "lexical");
  add(trigram, "trigram");
  add(vector, "vector");
  const top = [...fused.entries()].sort((a, b) => b[1].fused - a[1].fused).slice(0, k);
  if (!top.length) return [];

  const rows = await db.documentChunk.findMany({
    where: { id: { in: top.map(([id]) => id) } },
    select: {
      id: true,
      documentId: true,
      headingPath: true,
      position: true,
      text: true,
      document: { select: { title: true, fileName: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return top.flatMap(([id, scores]) => {
    const r = byId.get(id);
    return r
      ? [{
          chunkId: r.id,
          documentId: r.documentId,
          documentTitle: r.document.title,
          fileName: r.document.fileName,
          headingPath: r.headingPath,
          position: r.position,
          text: r.text,
          scores,
        }]
      : [];
  });
}
