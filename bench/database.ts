import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { openDatabase, type Database } from "@/server/db/client";
import { PrismaClient } from "@/server/db/generated/client";

export interface BenchDatabase {
  db: Database;
  label: string;
  /**
   * Runs `fn` with a client that is not subject to RLS (the tables' owner), for the
   * "same read without the extension" baseline.
   */
  withOwnerClient<T>(fn: (client: PrismaClient) => Promise<T>): Promise<T>;
  /** PGlite has one session: inside withOwnerClient every query runs as the owner, so scoped reads cannot interleave. */
  sharedSession: boolean;
  close(): Promise<void>;
}

/** A throw-away database on BENCH_DATABASE_URL's server, or an in-memory PGlite. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const db = await openDatabase({ dataDir: "memory://" });
    return {
      db,
      label: "PGlite (in-process; set BENCH_DATABASE_URL for PostgreSQL)",
      sharedSession: true,
      // PGlite has one session: switch it to the owner for the baseline phase, then back.
      async withOwnerClient(fn) {
        await db.prisma.$executeRawUnsafe("SET ROLE postgres");
        try {
          return await fn(db.prisma as unknown as PrismaClient);
        } finally {
          await db.prisma.$executeRawUnsafe("SET ROLE bokai_app");
        }
      },
      close: () => db.close(),
    };
  }
  const name = `bokai_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const ownerPool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  const owner = new PrismaClient({ adapter: new PrismaPg(ownerPool) });
  return {
    db,
    label: `PostgreSQL (${new URL(adminUrl).host})`,
    withOwnerClient: (fn) => fn(owner),
    sharedSession: false,
    async close() {
      await owner.$disconnect();
      await ownerPool.end().catch(() => undefined);
      await db.close();
      // BENCH_KEEP_DATABASE=1 leaves it for EXPLAIN and friends (drop it yourself).
      if (process.env.BENCH_KEEP_DATABASE === "1") return console.log(`\n(kept database ${name})`);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
