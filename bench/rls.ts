import { randomUUID } from "node:crypto";
import { scopedClient, tenantDb } from "@/server/db/tenant-scope";
import type { BenchDatabase } from "./database";
import { ms, summarize, timeEach } from "./stats";

const TENANTS = 20;
const MEMBERS_PER_TENANT = 25;
const ITERATIONS = 2_000;

/**
 * Foundation benchmark: a tenant-scoped read (a tenant's team with user names, as the
 * Team page loads it) through the RLS extension versus the same read with an explicit
 * `where tenantId` as the owner, outside RLS and without the scope statement.
 */
export async function benchRls(bench: BenchDatabase) {
  const { db } = bench;
  const tenantIds: string[] = [];
  for (let t = 0; t < TENANTS; t++) {
    const tenantId = randomUUID();
    tenantIds.push(tenantId);
    const users = Array.from({ length: MEMBERS_PER_TENANT }, (_, i) => ({
      id: randomUUID(),
      email: `u${t}-${i}-${tenantId.slice(0, 6)}@bench.test`,
      name: `User ${t}/${i}`,
      passwordHash: "x",
    }));
    for (const user of users) {
      await scopedClient(db.prisma, { tenantId, userId: user.id }).$scoped(async (tx) => {
        await tx.user.create({ data: user });
        if (user === users[0]) await tx.tenant.create({ data: { id: tenantId, name: `Bench ${t}`, slug: `bench-${t}-${tenantId.slice(0, 6)}` } });
        await tx.membership.create({ data: { tenantId, userId: user.id, role: user === users[0] ? "owner" : "member" } });
      });
    }
  }
  const select = { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } as const;
  const pick = (i: number) => tenantIds[i % tenantIds.length] as string;

  const readScoped = async (i: number) => {
    const rows = await tenantDb(db.prisma, pick(i)).membership.findMany({ select, orderBy: { createdAt: "asc" } });
    if (rows.length !== MEMBERS_PER_TENANT) throw new Error(`expected ${MEMBERS_PER_TENANT} rows, got ${rows.length}`);
  };
  const scopedTimes: number[] = [];
  const plainTimes: number[] = [];
  // Interleaved, one of each per iteration, so machine noise hits both paths alike; on
  // PGlite's single session the owner phase excludes scoped reads, so it runs after.
  await bench.withOwnerClient(async (owner) => {
    const readPlain = async (i: number) => {
      const rows = await owner.membership.findMany({ where: { tenantId: pick(i) }, select, orderBy: { createdAt: "asc" } });
      if (rows.length !== MEMBERS_PER_TENANT) throw new Error(`expected ${MEMBERS_PER_TENANT} rows, got ${rows.length}`);
    };
    // warm both paths (connections, query plans, Prisma's query compiler cache)
    await timeEach(200, readPlain);
    if (bench.sharedSession) {
      plainTimes.push(...(await timeEach(ITERATIONS, readPlain)));
      return;
    }
    await timeEach(200, readScoped);
    for (let i = 0; i < ITERATIONS; i++) {
      scopedTimes.push(...(await timeEach(1, () => readScoped(i))));
      plainTimes.push(...(await timeEach(1, () => readPlain(i))));
    }
  });
  if (bench.sharedSession) {
    await timeEach(200, readScoped);
    scopedTimes.push(...(await timeEach(ITERATIONS, readScoped)));
  }
  const r = summarize(scopedTimes);
  const p = summarize(plainTimes);
  console.log(`\n## Tenant-scoped read: RLS extension vs plain (${bench.label})`);
  console.log(`   ${TENANTS} tenants × ${MEMBERS_PER_TENANT} members; ${ITERATIONS} reads each of one tenant's team`);
  console.log(`   with RLS extension : p50 ${ms(r.p50)}  p95 ${ms(r.p95)}`);
  console.log(`   without            : p50 ${ms(p.p50)}  p95 ${ms(p.p95)}`);
  console.log(`   ratio (p50)        : ${(r.p50 / p.p50).toFixed(2)}   (aim ≤ 1.5)`);
  console.log(`   p95 overhead       : ${ms(r.p95 - p.p95)}   (aim < 2 ms)`);
  return { withRls: r, plain: p, ratio: r.p50 / p.p50, p95Overhead: r.p95 - p.p95 };
}
