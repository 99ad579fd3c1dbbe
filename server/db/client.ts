import path from "node:path";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client";
import { migrate, type SqlSession } from "./migrate";
import { ScopedPool, scopedPglite } from "./scoped-connections";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

/** Every request runs as this role: no superuser, no BYPASSRLS, owns nothing. */
export const APP_ROLE = "bokai_app";
/** Assumed only inside server/db/system.ts transactions. */
export const SYSTEM_ROLE = "bokai_system";

export type EngineKind = "pglite" | "postgres";

function createPrisma(adapter: SqlDriverAdapterFactory) {
  // Password hashes never leave the database unless a query asks for them by name.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true }, messageAttachment: { content: true }, document: { original: true } } });
}
export type BasePrisma = ReturnType<typeof createPrisma>;

export interface Database {
  engine: EngineKind;
  /** pgvector is installed in this database (always on PGlite; optional on PostgreSQL). */
  vector: boolean;
  /** Connected as APP_ROLE. Without a scope (see tenant-scope.ts) it sees no tenant rows. */
  prisma: BasePrisma;
  /** Owner connection for migrations, catalog checks, tests and benchmarks; never for requests. */
  owner: SqlSession;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; without it PGlite is used. */
  databaseUrl?: string;
  /** Owner URL for migrations; defaults to databaseUrl. */
  migrationUrl?: string;
  /** PGlite data directory, or "memory://" for a throw-away database. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options.dataDir ?? "./.data");
}

async function hasVector(session: SqlSession): Promise<boolean> {
  const rows = await session.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`);
  return rows.length > 0;
}

async function openPostgres(databaseUrl: string, options: OpenOptions): Promise<Database> {
  // One owner connection: session state (the migration advisory lock) stays on one session.
  const ownerPool = new pg.Pool({ connectionString: options.migrationUrl ?? databaseUrl, max: 1 });
  // An idle connection the server closes (restart, failover) must not crash the process.
  ownerPool.on("error", (error) => logger.warn("idle owner connection closed", { error: error.message }));
  const owner: SqlSession = {
    query: async <T,>(sql: string, params?: unknown[]) => (await ownerPool.query(sql, params)).rows as T[],
    exec: async (sql) => {
      await ownerPool.query(sql);
    },
  };
  // Migrations run on one dedicated connection: the advisory lock they take is held by a
  // session, and a pool could run the unlock on a different one.
  const migrationClient = await ownerPool.connect();
  let result;
  try {
    result = await migrate({
      query: async <T,>(sql: string, params?: unknown[]) => (await migrationClient.query(sql, params)).rows as T[],
      exec: async (sql) => {
        await migrationClient.query(sql);
      },
    });
  } finally {
    migrationClient.release();
  }
  if (result.applied.length) logger.info("database migrated", { applied: result.applied });

  // The role is set in the connection's start-up packet, before any query can run on it;
  // the pool sets the tenant scope inside each statement's transaction (scoped-connections.ts).
  const pool = new ScopedPool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // JIT compilation costs ~200 ms on list queries whose cost estimate is large but
    // which stop after one page (LIMIT): a loss for every OLTP query this app runs.
    options: `-c role=${APP_ROLE} -c jit=off`,
  });
  pool.on("error", (error) => logger.error("idle database connection failed", { error: error.message }));
  const prisma = createPrisma(new PrismaPg(pool));
  return {
    engine: "postgres",
    vector: await hasVector(owner),
    prisma,
    owner,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
      await ownerPool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const [{ PGlite }, { vector }, { pg_trgm }, { btree_gin }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-pgvector"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/btree_gin"),
    import("pglite-prisma-adapter"),
  ]);
  const inMemory = dataDir.startsWith("memory://");
  const dir = inMemory ? undefined : path.resolve(dataDir, "pglite");
  if (dir) mkdirSync(dir, { recursive: true });
  const lite = await PGlite.create(dir, { extensions: { vector, pg_trgm, btree_gin } });

  // PGlite's own user is a superuser and would bypass RLS even when forced: owner work
  // happens in a transaction that switches back to it, everything else runs as APP_ROLE.
  const owner: SqlSession = {
    query: <T,>(sql: string, params?: unknown[]) =>
      lite.transaction(async (tx) => {
        await tx.exec("SET LOCAL ROLE postgres");
        return (await tx.query<T>(sql, params)).rows;
      }),
    exec: async (sql) => {
      await lite.transaction(async (tx) => {
        await tx.exec("SET LOCAL ROLE postgres");
        await tx.exec(sql);
      });
    },
  };
  const result = await migrate(owner);
  if (result.applied.length) logger.info("embedded database migrated", { applied: result.applied });
  await lite.exec(`SET ROLE ${APP_ROLE}`);

  const prisma = createPrisma(new PrismaPGlite(scopedPglite(lite)));
  return {
    engine: "pglite",
    vector: await hasVector(owner),
    prisma,
    owner,
    close: async () => {
      await prisma.$disconnect();
      await lite.close();
    },
  };
}

// One database per process: Next.js may evaluate this module in several bundles,
// and a PGlite data directory must only ever be opened once.
const globalKey = Symbol.for("bok-ai.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    const e = env();
    g[globalKey] = openDatabase({
      databaseUrl: e.DATABASE_URL,
      migrationUrl: e.MIGRATION_DATABASE_URL,
      dataDir: e.DATA_DIR,
      poolSize: e.DATABASE_POOL_SIZE,
    }).catch((error: unknown) => {
      delete g[globalKey];
      throw error;
    });
  }
  return g[globalKey];
}

/** Makes a database opened elsewhere (tests, benchmarks) the process-wide one background jobs use. */
export function installDatabase(db: Database | undefined): void {
  const g = globalThis as GlobalWithDb;
  if (db) g[globalKey] = Promise.resolve(db);
  else delete g[globalKey];
}
