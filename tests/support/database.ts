import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, installDatabase, type Database } from "@/server/db/client";

export type TestEngine = "pglite" | "postgres";

export function testEngine(): TestEngine {
  return process.env.TEST_ENGINE === "postgres" ? "postgres" : "pglite";
}

/** Tests create and drop databases: refuse anything but a server on this machine. */
function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against non-local database host ${host}`);
  }
}

export interface TestDatabase extends Database {
  /** Present on PostgreSQL: the URL of this throw-away database. */
  url?: string;
}

/**
 * A fresh, migrated database per test file: PGlite in memory, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const db = await openEngine(options);
  // Background jobs look the database up themselves (as in production): make it this one.
  installDatabase(db);
  return {
    ...db,
    close: async () => {
      installDatabase(undefined);
      await db.close();
    },
  };
}

async function openEngine(options: { poolSize?: number }): Promise<TestDatabase> {
  if (testEngine() === "pglite") return openDatabase({ dataDir: "memory://" });
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_ENGINE=postgres needs TEST_DATABASE_URL");
  assertLocal(adminUrl);
  const name = `bokai_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: options.poolSize ?? 8 });
  return {
    ...db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
