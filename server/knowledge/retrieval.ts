import type { ScopedDb } from "@/server/db/tenant-scope";
import { Prisma } from "@/server/db/generated/client";
import type { QueryEmbedding } from "./embeddings";
import { NATIVE_TRANSLATION_WEIGHT, queryTerms } from "./terms";

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
/** BM25's usual constants: term frequency saturates around k1, b normalises passage length. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

/**
 * Top-k passages of the tenant's documents for a buyer's question, fusing a BM25
 * ranking (stemmed, diacritics-folded terms, see terms.ts) with a
 * typo-corrected ranking (misspelt words replaced by similar vocabulary words) by
 * reciprocal rank fusion. The scope's RLS keeps it to one tenant;
 * the explicit tenant conditions let the (tenant_id, …) GIN indexes do the same work.
 * With the question's embedding (see embeddings.ts), cosine similarity to the passages
 * embedded by the same model is a third ranking in the fusion.
 */
export async function retrieveChunks(db: ScopedDb, query: string, options: { k?: number; embedding?: QueryEmbedding | null } = {}): Promise<RetrievedChunk[]> {
  return (await retrieveKnowledge(db, query, options)).passages;
}

/** chunk_terms.head: the first letters of a lexeme (prefix patterns are never shorter). */
const PREFIX_HEAD = 4;

/** A buyer's word as the knowledge base knows it: its weight (BM25's IDF), or null when no passage has it. */
export interface QueryWord {
  word: string;
  idf: number | null;
  /** No passage has it as written, but it is close to words that passages have (a typo). */
  corrected: boolean;
  /** Those words (folded, as the passages write them): a text using one of them speaks about this word. */
  corrections: string[];
}

export interface KnowledgeSearch {
  passages: RetrievedChunk[];
  words: QueryWord[];
}

/** retrieveChunks, with what the ranking learnt about the buyer's words (the responders weigh coverage by it). */
export async function retrieveKnowledge(db: ScopedDb, query: string, options: { k?: number; embedding?: QueryEmbedding | null } = {}): Promise<KnowledgeSearch> {
  const k = Math.min(Math.max(options.k ?? 5, 1), 50);
  const terms = queryTerms(query);
  const embedding = options.embedding;
  if (!terms.length && !embedding) return { passages: [], words: [] };
  const patterns = terms.flatMap((t, i) => t.patterns.map((p) => ({ ...p, i })));
  const prefixes = patterns.filter((p) => p.kind === "prefix" && p.term.length >= PREFIX_HEAD);

  // One transaction, one statement per ranking: every round trip counts at this latency.
  const { lexical, trigram, vector, details, words } = await db.$scoped(async (tx) => {
    // BM25 over the passages' stemmed terms (Robertson's IDF from this tenant's passages,
    // term frequency saturated by k1, passage length normalised by b). A buyer's word is
    // matched through several patterns (its stems, its beginning, its translations);
    // it counts once, by its best pattern, so a word with many translations cannot
    // outweigh one with none. The passages come from the postings table, so no passage's
    // whole tsvector is read.
    const [lexicalRow] = patterns.length
      ? await tx.$queryRaw<{ matched: { i: number; idf: number }[] | null; ranked: Candidate[] }[]>`
          WITH q AS MATERIALIZED (
            SELECT * FROM unnest(${patterns.map((p) => p.i)}::int[], ${patterns.map((p) => p.term)}::text[], ${patterns.map((p) => p.kind)}::text[], ${patterns.map((p) => p.weight)}::float8[]) AS q(i, term, kind, weight)
          ), lexemes AS MATERIALIZED (
            -- The postings of the asked terms (chunk_terms, kept by a trigger): exact terms by
            -- the primary key, beginnings by their first letters (chunk_terms.head).
            SELECT t.chunk_id AS id, t.dl::float8 AS dl, t.lexeme, t.tf::float8 AS tf FROM chunk_terms t
             WHERE t.tenant_id = app_current_tenant_id() AND t.lexeme = ANY(${patterns.filter((p) => p.kind !== "prefix").map((p) => p.term)}::text[])
            UNION
            SELECT t.chunk_id, t.dl::float8, t.lexeme, t.tf::float8
              FROM unnest(${prefixes.map((p) => p.term)}::text[], ${prefixes.map((p) => p.term.slice(0, PREFIX_HEAD))}::text[]) AS p(term, head)
              -- Equality on the head uses the index under RLS (a range would not: not leakproof).
              JOIN chunk_terms t ON t.tenant_id = app_current_tenant_id() AND t.head = p.head AND starts_with(t.lexeme, p.term)
          ), matches AS MATERIALIZED (
            -- Equal terms by a hash join; only the few prefix patterns compare each lexeme.
            SELECT l.id, l.dl, q.i, q.kind, q.weight, l.lexeme, l.tf FROM lexemes l JOIN q ON q.kind <> 'prefix' AND l.lexeme = q.term
            UNION ALL
            SELECT l.id, l.dl, q.i, q.kind, q.weight, l.lexeme, l.tf FROM lexemes l JOIN q ON q.kind = 'prefix' AND starts_with(l.lexeme, q.term)
          ), native AS (
            SELECT DISTINCT i FROM matches WHERE kind = 'stem'
          ), df AS (
            SELECT lexeme, count(DISTINCT id)::float8 AS df FROM matches GROUP BY lexeme
          ), stats AS (
            SELECT count(*)::float8 AS n, greatest(avg(term_count), 1)::float8 AS avgdl FROM document_chunks WHERE tenant_id = app_current_tenant_id()
          ), per_word AS (
            SELECT m.id, m.i, max(CASE WHEN m.kind = 'translation' AND m.i IN (SELECT i FROM native) THEN ${Prisma.raw(String(NATIVE_TRANSLATION_WEIGHT))} ELSE m.weight END * ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)) * m.tf * ${Prisma.raw(String(BM25_K1 + 1))} / (m.tf + ${Prisma.raw(String(BM25_K1))} * (1 - ${Prisma.raw(String(BM25_B))} + ${Prisma.raw(String(BM25_B))} * m.dl / stats.avgdl))) AS score
              FROM matches m JOIN df ON df.lexeme = m.lexeme CROSS JOIN stats
             GROUP BY m.id, m.i
          ), ranked AS (
            SELECT id, sum(score)::float8 AS score FROM per_word GROUP BY id ORDER BY score DESC, id LIMIT ${CANDIDATES}
          )
          SELECT (SELECT json_agg(json_build_object('i', i, 'idf', idf)) FROM (
                    SELECT m.i, max(m.weight * ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)))::float8 AS idf
                      FROM matches m JOIN df ON df.lexeme = m.lexeme CROSS JOIN stats GROUP BY m.i) w) AS matched,
                 (SELECT coalesce(json_agg(json_build_object('id', id, 'score', score) ORDER BY score DESC, id), '[]'::json) FROM ranked) AS ranked`
      : [];
    const idf = new Map((lexicalRow?.matched ?? []).map((m) => [m.i, Number(m.idf)]));
    const lexical = lexicalRow?.ranked ?? [];

    // Words no passage contains as typed (typos, odd inflections) are matched to the
    // closest words of the tenant's vocabulary by trigram similarity, and those words are
    // searched instead: a second ranking, fused with the first. (`%` uses the default 0.3
    // threshold for the index; 0.4 is the real cut.)
    const unmatched = terms.filter((t, i) => t.word.length >= 4 && !/^\d+$/.test(t.word) && !idf.has(i)).map((t) => t.word);
    const [trigramRow] = unmatched.length
      ? await tx.$queryRaw<{ corrected: { tok: string; term: string }[] | null; ranked: Candidate[] }[]>`
          WITH corrections AS (
            SELECT DISTINCT ON (t.tok, k.term) t.tok, k.term, similarity(k.term, t.tok)::float8 AS sim
              FROM unnest(${unmatched}::text[], ${unmatched.map((w) => w.slice(0, 2))}::text[], ${unmatched.map((w) => w.slice(-3))}::text[]) AS t(tok, head, tail)
              -- Candidates by their first or last letters (equality: indexed under RLS), then trigrams.
              JOIN knowledge_terms k ON k.tenant_id = app_current_tenant_id() AND (k.head = t.head OR k.tail = t.tail) AND k.term % t.tok
             WHERE similarity(k.term, t.tok) >= 0.4
             ORDER BY t.tok, k.term, sim DESC
          ), best AS MATERIALIZED (SELECT tok, term, sim FROM corrections ORDER BY sim DESC, term LIMIT ${3 * unmatched.length}),
          ranked AS (
            SELECT c.id, sum(best.sim)::float8 AS score
              FROM best
              JOIN document_chunks c ON c.tenant_id = app_current_tenant_id() AND c.search_vector @@ to_tsquery('simple', best.term)
             GROUP BY c.id
             ORDER BY score DESC, c.id
             LIMIT ${CANDIDATES}
          )
          SELECT (SELECT json_agg(json_build_object('tok', tok, 'term', term)) FROM best) AS corrected,
                 (SELECT coalesce(json_agg(json_build_object('id', id, 'score', score) ORDER BY score DESC, id), '[]'::json) FROM ranked) AS ranked`
      : [];
    const trigram = trigramRow?.ranked ?? [];
    const corrected = new Map<string, string[]>();
    for (const { tok, term } of trigramRow?.corrected ?? []) corrected.set(tok, [...(corrected.get(tok) ?? []), term]);

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
    const words = terms.map((t, i): QueryWord => ({ word: t.word, idf: idf.get(i) ?? null, corrected: corrected.has(t.word), corrections: corrected.get(t.word) ?? [] }));
    return { lexical, trigram, vector, details, words };
  });

  const byId = new Map(details.map((r) => [r.id, r]));
  const passages = fuse(lexical, trigram, vector)
    .slice(0, k)
    .flatMap(([id, scores]) => {
      const r = byId.get(id);
      return r ? [{ chunkId: r.id, documentId: r.documentId, documentTitle: r.documentTitle, fileName: r.fileName, headingPath: r.headingPath, position: r.position, text: r.text, scores }] : [];
    });
  return { passages, words };
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
