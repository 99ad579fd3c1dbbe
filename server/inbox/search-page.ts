import type { ScopedDb } from "@/server/db/tenant-scope";
import { Prisma } from "@/server/db/generated/client";
import { prefixEnd, type SearchPlan, type SearchRank, type TermSet } from "./search-query";

/**
 * One page of a search, rank by rank (search-query.ts), newest first within a rank.
 *
 * Under RLS only leakproof operators drive an index scan, so everything here is
 * equality and ranges on conversation_terms. Per rank, the cheaper of two plans:
 *  - few candidates (the rarest required set, or all sets of a "some" rank, has at most
 *    CANDIDATES postings): take their conversation ids from the postings, check the
 *    rest of the rank on just those, sort them;
 *  - many: walk the tenant's conversations newest first and check each by index probes;
 *    every one of the rarest set's postings is a likely hit, so a page fills fast.
 * Counting is capped, so even a word in every conversation costs at most CANDIDATES
 * index entries.
 */
const CANDIDATES = 3_000;

export interface SearchCursor {
  rank: number;
  at: Date;
  id: string;
}

export interface SearchRow {
  id: string;
  last_message_at: Date;
  rank: number;
}

export async function searchPage(
  db: ScopedDb,
  tenantId: string,
  plan: SearchPlan,
  filters: Prisma.Sql[],
  cursor: SearchCursor | null,
  want: number,
  /** Tests set it to 0 or Infinity to check that both plans find the same rows. */
  candidateLimit = CANDIDATES,
): Promise<SearchRow[]> {
  const sets = distinctSets(plan);
  const counts = sets.length ? await countPostings(db, tenantId, sets) : [];
  const countOf = (set: TermSet) => counts[sets.findIndex((s) => sameSet(s, set))] ?? 0;
  // What the postings rule out needs no probe: a "some" rank without the words nobody wrote,
  // an "every" rank with such a word at all.
  const ranks = plan.ranks.map((r): SearchRank | null => {
    const sets = r.match === "some" ? r.sets.filter((s) => countOf(s) > 0) : r.sets;
    const impossible = r.match === "some" ? !sets.length : sets.some((s) => countOf(s) === 0);
    if (impossible && r.number == null) return null;
    return { ...r, sets: impossible ? [] : sets };
  });
  const rows: SearchRow[] = [];
  for (let rank = cursor?.rank ?? 0; rank < ranks.length && rows.length < want; rank++) {
    const current = ranks[rank];
    if (!current) continue;
    const driver = candidateSets(current, countOf, candidateLimit);
    // The candidates already satisfy the sets they came from: only the others need probes.
    const rest = driver ? { ...current, sets: current.match === "some" ? [] : current.sets.filter((s) => !driver.includes(s)) } : current;
    const where = [...filters];
    if (!driver || rest.sets.length) where.push(rankSql(tenantId, rest));
    const previous = ranks[rank - 1];
    if (previous) where.push(Prisma.sql`NOT ${rankSql(tenantId, previous)}`);
    if (rank > 0 && plan.ranks[0]?.number != null) where.push(Prisma.sql`c.number <> ${plan.ranks[0].number}`);
    if (cursor && rank === cursor.rank) where.push(Prisma.sql`(c.last_message_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);

    if (driver) {
      const ids = await candidateIds(db, tenantId, driver, current.number);
      if (!ids.length) continue;
      where.push(Prisma.sql`c.id = ANY(${ids}::uuid[])`);
    }
    const found = await db.$queryRaw<{ id: string; last_message_at: Date }[]>`
      SELECT c.id, c.last_message_at FROM conversations c
       WHERE c.tenant_id = ${tenantId}::uuid AND ${Prisma.join(where, " AND ")}
       ORDER BY c.last_message_at DESC, c.id DESC
       LIMIT ${want - rows.length}`;
    rows.push(...found.map((r) => ({ ...r, rank })));
  }
  return rows;
}

/** The sets whose postings give a rank's candidates when they are few; null to walk instead. */
function candidateSets(rank: SearchRank, countOf: (set: TermSet) => number, limit: number): TermSet[] | null {
  if (!rank.sets.length) return [];
  if (rank.match === "some") {
    const total = rank.sets.reduce((sum, s) => sum + countOf(s), 0);
    return total <= limit ? rank.sets : null;
  }
  const rarest = rank.sets.reduce((a, b) => (countOf(b) < countOf(a) ? b : a));
  return countOf(rarest) <= limit ? [rarest] : null;
}

async function candidateIds(db: ScopedDb, tenantId: string, sets: TermSet[], number: number | null): Promise<string[]> {
  const sources = sets.map((s) => Prisma.sql`SELECT t.conversation_id AS id FROM conversation_terms t WHERE t.tenant_id = ${tenantId}::uuid AND ${termMatch(s)}`);
  if (number != null) sources.push(Prisma.sql`SELECT c.id FROM conversations c WHERE c.tenant_id = ${tenantId}::uuid AND c.number = ${number}`);
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT DISTINCT u.id FROM (${Prisma.join(sources, " UNION ALL ")}) u`;
  return rows.map((r) => r.id);
}

/**
 * The rank's condition on conversation c, as index probes into its postings. OFFSET 0
 * keeps each EXISTS a per-row probe: flattened into a semi-join, PostgreSQL would read
 * all of a common word's postings and join them all before taking the newest page.
 */
function rankSql(tenantId: string, rank: SearchRank): Prisma.Sql {
  // One probe per form of match: with OR inside, the index could not seek on the term.
  const probe = (match: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM conversation_terms t WHERE t.tenant_id = ${tenantId}::uuid AND t.conversation_id = c.id AND ${match} OFFSET 0)`;
  const probes = rank.sets.map((s) => Prisma.sql`(${Prisma.join(termMatches(s).map(probe), " OR ")})`);
  const words = probes.length ? Prisma.sql`(${Prisma.join(probes, rank.match === "every" ? " AND " : " OR ")})` : Prisma.sql`FALSE`;
  return rank.number != null ? Prisma.sql`(c.number = ${rank.number} OR ${words})` : words;
}

/** A set's conditions on posting t: its terms, its beginning (each an index seek). */
function termMatches(set: TermSet): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (set.terms.length) parts.push(Prisma.sql`t.term = ANY(${set.terms}::text[])`);
  if (set.prefix) parts.push(Prisma.sql`(t.term >= ${set.prefix} AND t.term < ${prefixEnd(set.prefix)})`);
  return parts.length ? parts : [Prisma.sql`FALSE`];
}

function termMatch(set: TermSet): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(termMatches(set), " OR ")})`;
}

/** Postings per set, each count stopping at CANDIDATES + 1 (more only means "walk"). */
async function countPostings(db: ScopedDb, tenantId: string, sets: TermSet[]): Promise<number[]> {
  const cap = CANDIDATES + 1;
  const counts = sets.map((s) => {
    const parts: Prisma.Sql[] = [];
    if (s.terms.length) parts.push(Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM conversation_terms t WHERE t.tenant_id = ${tenantId}::uuid AND t.term = ANY(${s.terms}::text[]) LIMIT ${cap}) x)`);
    if (s.prefix) parts.push(Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM conversation_terms t WHERE t.tenant_id = ${tenantId}::uuid AND t.term >= ${s.prefix} AND t.term < ${prefixEnd(s.prefix)} LIMIT ${cap}) x)`);
    return parts.length ? Prisma.join(parts, " + ") : Prisma.sql`0`;
  });
  const [row] = await db.$queryRaw<{ counts: bigint[] }[]>`SELECT ARRAY[${Prisma.join(counts)}]::int8[] AS counts`;
  return (row?.counts ?? []).map(Number);
}

function distinctSets(plan: SearchPlan): TermSet[] {
  const sets: TermSet[] = [];
  for (const rank of plan.ranks) for (const s of rank.sets) if (!sets.some((x) => sameSet(x, s))) sets.push(s);
  return sets;
}

function sameSet(a: TermSet, b: TermSet) {
  return a.prefix === b.prefix && a.terms.length === b.terms.length && a.terms.every((t) => b.terms.includes(t));
}
