import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { openTestDatabase, testEngine, type TestDatabase } from "./support/database";
import { seedTenant } from "./support/fixtures";
import { APP_ROLE } from "@/server/db/client";
import { listAllTenants } from "@/server/db/system";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await seedTenant(db, "rlsa");
  await seedTenant(db, "rlsb");
});
afterAll(async () => {
  await db?.close();
});

describe("row-level security", () => {
  it("is enabled and forced on every application table", async () => {
    const tables = await db.owner.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const t of tables) expect(t, t.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it("the app role is no superuser, has no BYPASSRLS and owns no table", async () => {
    const [role] = await db.owner.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await db.owner.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`, [APP_ROLE]);
    expect(owned).toEqual([]);
    const [who] = await db.prisma.$queryRaw<{ current_user: string }[]>`SELECT current_user`;
    expect(who?.current_user).toBe(APP_ROLE);
  });

  it("raw SQL as the app role without a tenant setting sees no tenant rows", async () => {
    const [counts] = await db.owner.query<Record<string, string | number>>(
      `SELECT (SELECT count(*) FROM tenants) t, (SELECT count(*) FROM memberships) m, (SELECT count(*) FROM users) u`,
    );
    expect(Number(counts?.t)).toBeGreaterThanOrEqual(2);
    const rows = await db.prisma.$queryRaw<{ t: bigint; m: bigint; u: bigint; i: bigint }[]>`
      SELECT (SELECT count(*) FROM tenants) t, (SELECT count(*) FROM memberships) m,
             (SELECT count(*) FROM users) u, (SELECT count(*) FROM invitations) i`;
    expect(rows[0]).toEqual({ t: 0n, m: 0n, u: 0n, i: 0n });
    await expect(db.prisma.$executeRaw`DELETE FROM tenants`).resolves.toBe(0);
    expect(await db.prisma.tenant.count()).toBe(0);
  });

  it("the app role cannot switch RLS off or read the migrations table", async () => {
    await expect(db.prisma.$executeRawUnsafe(`ALTER TABLE tenants DISABLE ROW LEVEL SECURITY`)).rejects.toThrow();
    await expect(db.prisma.$queryRawUnsafe(`SELECT * FROM _prisma_migrations`)).rejects.toThrow();
    // row_security=off does not bypass policies for a role without BYPASSRLS: the query fails instead.
    await expect(
      db.prisma.$transaction([db.prisma.$executeRawUnsafe(`SET LOCAL row_security = off`), db.prisma.tenant.count()]),
    ).rejects.toThrow(/row-level security/);
  });

  it.runIf(testEngine() === "postgres")("a direct connection as the app role sees nothing without a tenant", async () => {
    const client = new pg.Client({ connectionString: db.url, options: `-c role=${APP_ROLE}` });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM memberships`);
      expect(rows[0].n).toBe(0);
      const [someTenant] = await db.owner.query<{ id: string }>(`SELECT id FROM tenants LIMIT 1`);
      await client.query("BEGIN");
      await client.query(`SELECT set_config('app.tenant_id', $1, TRUE)`, [someTenant?.id]);
      const scoped = await client.query(`SELECT DISTINCT tenant_id FROM memberships`);
      await client.query("COMMIT");
      expect(scoped.rows).toEqual([{ tenant_id: someTenant?.id }]);
      // the setting was transaction-local: gone after COMMIT
      const after = await client.query(`SELECT count(*)::int AS n FROM memberships`);
      expect(after.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it("the system module crosses tenants only through its own role", async () => {
    const all = await listAllTenants(db.prisma, new Date(0));
    expect(all.length).toBeGreaterThanOrEqual(2);
    // and leaves the connection as the app role afterwards
    const [who] = await db.prisma.$queryRaw<{ current_user: string }[]>`SELECT current_user`;
    expect(who?.current_user).toBe(APP_ROLE);
    expect(await db.prisma.tenant.count()).toBe(0);
  });
});
