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
const CANDIDATES = 1_500;

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
): Promise<SearchRow[]> {
  const sets = distinctSets(plan);
  const counts = sets.length ? await countPostings(db, tenantId, sets) : [];
  const countOf = (set: TermSet) => counts[sets.findIndex((s) => sameSet(s, set))] ?? 0;
  const rows: SearchRow[] = [];
  for (let rank = cursor?.rank ?? 0; rank < plan.ranks.length && rows.length < want; rank++) {
    const current = plan.ranks[rank]!;
    const where = [...filters, rankSql(tenantId, current)];
    const previous = plan.ranks[rank - 1];
    if (previous) where.push(Prisma.sql`NOT ${rankSql(tenantId, previous)}`);
    if (rank > 0 && plan.ranks[0]?.number != null) where.push(Prisma.sql`c.number <> ${plan.ranks[0].number}`);
    if (cursor && rank === cursor.rank) where.push(Prisma.sql`(c.last_message_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);

    const driver = candidateSets(current, countOf);
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
function candidateSets(rank: SearchRank, countOf: (set: TermSet) => number): TermSet[] | null {
  if (!rank.sets.length) return [];
  if (rank.match === "some") {
    const total = rank.sets.reduce((sum, s) => sum + countOf(s), 0);
    return total <= CANDIDATES ? rank.sets : null;
  }
  const rarest = rank.sets.reduce((a, b) => (countOf(b) < countOf(a) ? b : a));
  return countOf(rarest) <= CANDIDATES ? [rarest] : null;
}

async function candidateIds(db: ScopedDb, tenantId: string, sets: TermSet[], number: number | null): Promise<string[]> {
  const sources = sets.map((s) => Prisma.sql`SELECT t.conversation_id AS id FROM conversation_terms t WHERE t.tenant_id = ${tenantId}::uuid AND ${termMatch(s)}`);
  if (number != null) sources.push(Prisma.sql`SELECT c.id FROM conversations c WHERE c.tenant_id = ${tenantId}::uuid AND c.number = ${number}`);
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT DISTINCT u.id FROM (${Prisma.join(sources, " UNION ALL ")}) u`;
  return rows.map((r) => r.id);
}

/** The rank's condition on conversation c, as index probes into its postings. */
function rankSql(tenantId: string, rank: SearchRank): Prisma.Sql {
  const probes = rank.sets.map((s) => Prisma.sql`EXISTS (SELECT 1 FROM conversation_terms t WHERE t.tenant_id = ${tenantId}::uuid AND t.conversation_id = c.id AND ${termMatch(s)})`);
  const words = probes.length ? Prisma.sql`(${Prisma.join(probes, rank.match === "every" ? " AND " : " OR ")})` : Prisma.sql`FALSE`;
  return rank.number != null ? Prisma.sql`(c.number = ${rank.number} OR ${words})` : words;
}

function termMatch(set: TermSet): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (set.terms.length) parts.push(Prisma.sql`t.term = ANY(${set.terms}::text[])`);
  if (set.prefix) parts.push(Prisma.sql`(t.term >= ${set.prefix} AND t.term < ${prefixEnd(set.prefix)})`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " OR ")})` : Prisma.sql`FALSE`;
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
