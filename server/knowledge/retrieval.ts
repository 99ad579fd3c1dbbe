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

  // One transaction, one statement per ranking: every round trip counts at this latency.
  const { lexical, trigram, vector, details } = await db.$scoped(async (tx) => {
    // Each matched word counts by its rarity in this tenant's passages (BM25's IDF):
    // "uszkodzona" outweighs "paczka", which many of a shop's passages mention. The
    // per-word passage counts come back too: words no passage contains go to typo repair.
    // One index scan for all words (an OR query), then which word matched which passage
    // is checked on those few rows: scanning the GIN index once per word made long
    // messages cost a dozen scans of lexemes shared by every tenant.
    const [lexicalRow] = stems.length
      ? await tx.$queryRaw<{ df: { stem: string; df: number }[]; ranked: Candidate[] }[]>`
          WITH terms AS MATERIALIZED (
            SELECT t.stem, to_tsquery('simple', t.stem) AS q FROM unnest(${stems}::text[]) AS t(stem)
          ), hits AS MATERIALIZED (
            SELECT c.id, c.search_vector FROM document_chunks c
             WHERE c.tenant_id = app_current_tenant_id() AND c.search_vector @@ to_tsquery('simple', ${stems.join(" | ")})
          ), pairs AS MATERIALIZED (
            SELECT h.id, terms.stem, ts_rank_cd(h.search_vector, terms.q, 32) AS rank
              FROM hits h JOIN terms ON h.search_vector @@ terms.q
          ), df AS (
            SELECT terms.stem, count(pairs.id)::float8 AS df FROM terms LEFT JOIN pairs ON pairs.stem = terms.stem GROUP BY terms.stem
          ), total AS (SELECT count(*)::float8 AS n FROM document_chunks WHERE tenant_id = app_current_tenant_id()),
          ranked AS (
            SELECT pairs.id, (sum(ln(1 + (total.n - df.df + 0.5) / (df.df + 0.5))) + max(pairs.rank))::float8 AS score
              FROM pairs JOIN df ON df.stem = pairs.stem CROSS JOIN total
             GROUP BY pairs.id
             ORDER BY score DESC, pairs.id
             LIMIT ${CANDIDATES}
          )
          SELECT (SELECT json_agg(json_build_object('stem', stem, 'df', df)) FROM df) AS df,
                 (SELECT coalesce(json_agg(json_build_object('id', id, 'score', score) ORDER BY score DESC, id), '[]'::json) FROM ranked) AS ranked`
      : [];
    const df = new Map((lexicalRow?.df ?? []).map((f) => [f.stem, Number(f.df)]));
    const lexical = lexicalRow?.ranked ?? [];

    // Words no passage contains as typed (typos, odd inflections) are matched to the
    // closest words of the tenant's vocabulary by trigram similarity, and those words are
    // searched instead: a second ranking, fused with the first. (`%` uses the default 0.3
    // threshold for the index; 0.4 is the real cut.)
    const unmatched = tokens.filter((t) => t.length >= 4 && !/^\d+$/.test(t) && (df.get(stemPrefix(t)) ?? 0) === 0);
    const trigram = unmatched.length
      ? await tx.$queryRaw<Candidate[]>`
          WITH corrections AS (
            SELECT DISTINCT ON (t.tok, k.term) k.term, similarity(k.term, t.tok)::float8 AS sim
              FROM unnest(${unmatched}::text[]) AS t(tok)
              JOIN knowledge_terms k ON k.tenant_id = app_current_tenant_id() AND k.term % t.tok
             WHERE similarity(k.term, t.tok) >= 0.4
             ORDER BY t.tok, k.term, sim DESC
          ), best AS (SELECT term, sim FROM corrections ORDER BY sim DESC, term LIMIT ${3 * unmatched.length})
          SELECT c.id, sum(best.sim)::float8 AS score
            FROM best
            JOIN document_chunks c ON c.tenant_id = app_current_tenant_id() AND c.search_vector @@ to_tsquery('simple', best.term)
           GROUP BY c.id
           ORDER BY score DESC, c.id
           LIMIT ${CANDIDATES}`
      : [];

    let vector: Candidate[] = [];
    if (embedding && [768, 1024, 1536].includes(embedding.dimensions)) {
      // The size is a literal (one of the indexed sizes) so the planner can match the
      // partial HNSW index; iterative scans keep going past other tenants' neighbours.
      const size = Prisma.raw(String(embedding.dimensions));
      const literal = `[${embedding.vector.join(",")}]`;
      await tx.$executeRaw`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', TRUE)`;
      vector = await tx.$queryRaw<Candidate[]>`
        SELECT c.id, (1 - (c.embedding::vector(${size}) <=> ${literal}::vector(${size})))::float8 AS score
          FROM document_chunks c
         WHERE c.tenant_id = app_current_tenant_id() AND c.embedding_dimensions = ${size} AND c.embedding_model = ${embedding.model}
         ORDER BY c.embedding::vector(${size}) <=> ${literal}::vector(${size})
         LIMIT ${CANDIDATES}`;
    }

    const ids = fuse(lexical, trigram, vector).slice(0, k).map(([id]) => id);
    const details = ids.length
      ? await tx.$queryRaw<Detail[]>`
          SELECT c.id, c.document_id AS "documentId", c.heading_path AS "headingPath", c.position, c.text,
                 d.title AS "documentTitle", d.file_name AS "fileName"
            FROM document_chunks c JOIN documents d ON d.id = c.document_id
           WHERE c.id = ANY(${ids}::uuid[])`
      : [];
    return { lexical, trigram, vector, details };
  });

  const byId = new Map(details.map((r) => [r.id, r]));
  return fuse(lexical, trigram, vector)
    .slice(0, k)
    .flatMap(([id, scores]) => {
      const r = byId.get(id);
      return r ? [{ chunkId: r.id, documentId: r.documentId, documentTitle: r.documentTitle, fileName: r.fileName, headingPath: r.headingPath, position: r.position, text: r.text, scores }] : [];
    });
}

interface Candidate {
  id: string;
  score: number;
}

interface Detail {
  id: string;
  documentId: string;
  headingPath: string;
  position: number;
  text: string;
  documentTitle: string;
  fileName: string | null;
}

/** Reciprocal rank fusion of the rankings, best first. */
function fuse(lexical: Candidate[], trigram: Candidate[], vector: Candidate[]): [string, Scores][] {
  const fused = new Map<string, Scores>();
  const add = (list: Candidate[], key: Ranking) =>
    list.forEach((row, rank) => {
      const entry = fused.get(row.id) ?? { lexical: null, trigram: null, vector: null, fused: 0 };
      entry[key] = Number(row.score);
      entry.fused += 1 / (RRF_K + rank + 1);
      fused.set(row.id, entry);
    });
  add(lexical, "lexical");
  add(trigram, "trigram");
  add(vector, "vector");
  // Stable sort: on equal fused scores the lexical ranking's order wins.
  return [...fused.entries()].sort((a, b) => b[1].fused - a[1].fused);
}
