import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { loadMigrations, migrate, type Migration } from "@/server/db/migrate";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const fake = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: createHash("sha256").update(sql).digest("hex"),
});

describe("migration runner", () => {
  it("records every migration the way Prisma does", async () => {
    const rows = await db.owner.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    const files = loadMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]?.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(Number(row.applied_steps_count)).toBe(1);
    }
  });

  it("is idempotent: a second run applies nothing", async () => {
    expect(await migrate(db.owner)).toEqual({ applied: [], alreadyApplied: loadMigrations().length });
  });

  it("refuses an applied migration whose file was edited", async () => {
    const [first] = loadMigrations();
    if (!first) throw new Error("no migrations");
    await expect(migrate(db.owner, [{ ...first, checksum: "0".repeat(64) }])).rejects.toThrow(/edited after it was applied/);
  });

  it("rolls a failing migration back whole, records the error, and blocks later runs until resolved", async () => {
    const bad = fake("29990101000000_broken", `CREATE TABLE half_done (id int); SELECT * FROM no_such_table;`);
    await expect(migrate(db.owner, [...loadMigrations(), bad])).rejects.toThrow(/broken.*no_such_table/s);
    expect(await db.owner.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`)).toHaveLength(0);
    const [row] = await db.owner.query<{ logs: string; finished_at: Date | null }>(
      `SELECT logs, finished_at FROM _prisma_migrations WHERE migration_name = $1`,
      [bad.name],
    );
    expect(row?.finished_at).toBeNull();
    expect(row?.logs).toMatch(/no_such_table/);
    await expect(migrate(db.owner)).rejects.toThrow(/failed earlier/);
    await db.owner.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [bad.name]);
    await expect(migrate(db.owner)).resolves.toMatchObject({ applied: [] });
  });
});
