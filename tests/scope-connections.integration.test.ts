import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { openTestDatabase, testEngine, type TestDatabase } from "./support/database";
import { seedTenant, type SeededTenant } from "./support/fixtures";
import { tenantDb, userDb } from "@/server/db/tenant-scope";

/**
 * The tenant scope travels from a scoped client to whichever connection runs the
 * statement (server/db/scoped-connections.ts). These cases aim at the ways that hand-off
 * could pick up the wrong scope: Prisma's same-tick batching, callers without a scope
 * running alongside scoped ones, and the body of an interactive transaction.
 */
let db: TestDatabase;
let a: SeededTenant;
let b: SeededTenant;
let membershipOf: Map<string, string>;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await seedTenant(db, "scopea");
  b = await seedTenant(db, "scopeb");
  const rows = await db.owner.query<{ id: string; tenant_id: string }>(`SELECT id, tenant_id FROM memberships WHERE tenant_id = ANY($1::uuid[])`, [
    [a.tenant.id, b.tenant.id],
  ]);
  membershipOf = new Map(rows.map((r) => [r.tenant_id, r.id]));
});
afterAll(async () => {
  await db?.close();
});

describe("scope hand-off to the connection", () => {
  it("findUnique calls of two tenants in the same tick each see only their own rows", async () => {
    const pairs = [
      [a, b],
      [b, a],
    ] as const;
    const lookups = Array.from({ length: 40 }, (_, i) => {
      const [self, other] = pairs[i % 2] as readonly [SeededTenant, SeededTenant];
      const scoped = tenantDb(db.prisma, self.tenant.id);
      return Promise.all([
        scoped.tenant.findUnique({ where: { id: self.tenant.id }, select: { id: true } }),
        scoped.tenant.findUnique({ where: { id: other.tenant.id }, select: { id: true } }),
        scoped.membership.findUnique({ where: { id: membershipOf.get(other.tenant.id) as string }, select: { id: true } }),
        scoped.membership.findUnique({
          where: { tenantId_userId: { tenantId: other.tenant.id, userId: other.owner.id } },
          select: { id: true },
        }),
      ]).then(([own, foreignTenant, foreignMembership, foreignByCompoundKey]) => ({ self, own, foreignTenant, foreignMembership, foreignByCompoundKey }));
    });
    for (const r of await Promise.all(lookups)) {
      expect(r.own?.id).toBe(r.self.tenant.id);
      expect(r.foreignTenant).toBeNull();
      expect(r.foreignMembership).toBeNull();
      expect(r.foreignByCompoundKey).toBeNull();
    }
  });

  it("findUnique by a compound key and findUniqueOrThrow behave as Prisma documents them", async () => {
    const scoped = tenantDb(db.prisma, a.tenant.id);
    const found = await scoped.membership.findUnique({ where: { tenantId_userId: { tenantId: a.tenant.id, userId: a.owner.id } }, select: { role: true } });
    expect(found).toEqual({ role: "owner" });
    await expect(scoped.tenant.findUniqueOrThrow({ where: { id: b.tenant.id } })).rejects.toMatchObject({ code: "P2025" });
  });

  it("queries without a scope, run alongside scoped ones, see no tenant rows", async () => {
    const work = Array.from({ length: 60 }, (_, i) => {
      const t = i % 2 ? a : b;
      if (i % 3 === 0) return db.prisma.membership.findMany({ select: { tenantId: true } }).then((rows) => ({ unscoped: true, rows }));
      if (i % 3 === 1)
        return db.prisma.membership
          .findUnique({ where: { id: membershipOf.get(t.tenant.id) as string }, select: { tenantId: true } })
          .then((row) => ({ unscoped: true, rows: row ? [row] : [] }));
      return tenantDb(db.prisma, t.tenant.id)
        .membership.findMany({ select: { tenantId: true } })
        .then((rows) => ({ unscoped: false, rows, tenantId: t.tenant.id }));
    });
    for (const r of await Promise.all(work)) {
      if (r.unscoped) expect(r.rows).toEqual([]);
      else expect(r.rows.map((x) => x.tenantId)).toEqual(["tenantId" in r ? r.tenantId : ""]);
    }
  });

  it("inside $scoped the transaction is scoped but the callback carries no ambient tenant", async () => {
    // Started inside the callback, awaited after it: PGlite's one connection is held by
    // the transaction until then, PostgreSQL runs it on another connection at once.
    let outside: Promise<number> | undefined;
    const inTransaction = await tenantDb(db.prisma, a.tenant.id).$scoped(async (tx) => {
      outside = db.prisma.membership.count().then((n) => n);
      return tx.membership.count();
    });
    expect({ inTransaction, outside: await outside }).toEqual({ inTransaction: 1, outside: 0 });
  });

  it("a user scope sees the user's own row and no one else's", async () => {
    const [own, foreign] = await Promise.all([
      userDb(db.prisma, a.owner.id).user.findUnique({ where: { id: a.owner.id }, select: { id: true } }),
      userDb(db.prisma, a.owner.id).user.findUnique({ where: { id: b.owner.id }, select: { id: true } }),
    ]);
    expect(own?.id).toBe(a.owner.id);
    expect(foreign).toBeNull();
  });

  it("a statement the database refuses leaves every connection correctly scoped", async () => {
    const scoped = tenantDb(db.prisma, a.tenant.id);
    const duplicates = Array.from({ length: 12 }, () =>
      scoped.membership.create({ data: { tenantId: a.tenant.id, userId: a.owner.id, role: "member" } }).then(
        () => "created",
        (error: { code?: string }) => error.code,
      ),
    );
    expect(new Set(await Promise.all(duplicates))).toEqual(new Set(["P2002"]));
    const after = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const t = i % 2 ? a : b;
        return tenantDb(db.prisma, t.tenant.id)
          .membership.findMany({ select: { tenantId: true } })
          .then((rows) => rows.every((r) => r.tenantId === t.tenant.id) && rows.length === 1);
      }),
    );
    expect(after.every(Boolean)).toBe(true);
  });

  it("a scoped client from another evaluation of the modules (as in Next.js's bundles) reaches the same database's connections", async () => {
    vi.resetModules();
    const again = await import("@/server/db/tenant-scope");
    expect(again.tenantDb).not.toBe(tenantDb);
    const rows = await again.tenantDb(db.prisma, a.tenant.id).membership.findMany({ select: { tenantId: true } });
    expect(rows).toEqual([{ tenantId: a.tenant.id }]);
  });

  it("a batch $transaction is refused on a scoped client, and scoped operations cannot join one on the base client", async () => {
    const scoped = tenantDb(db.prisma, a.tenant.id);
    expect(() => scoped.$transaction()).toThrow(/\$scoped/);
    await expect(db.prisma.$transaction([scoped.membership.findMany(), db.prisma.tenant.count()])).rejects.toThrow(/\$scoped/);
  });

  it("a fluent relation call on a scoped findUnique is refused instead of returning the wrong shape", async () => {
    const scoped = tenantDb(db.prisma, a.tenant.id);
    await expect(scoped.tenant.findUnique({ where: { id: a.tenant.id } }).memberships()).rejects.toThrow(/include or select/);
  });

  it("a scope that fails to apply stops its statement: nothing runs under a scope left behind", async () => {
    await tenantDb(db.prisma, a.tenant.id).membership.findMany();
    // A NUL byte cannot be stored in a setting: the scope statement fails.
    const broken = tenantDb(db.prisma, "\u0000");
    await expect(broken.membership.updateMany({ data: { role: "member" } })).rejects.toThrow();
    const roles = await db.owner.query<{ role: string }>(`SELECT role::text FROM memberships WHERE tenant_id = ANY($1::uuid[])`, [[a.tenant.id, b.tenant.id]]);
    expect(roles.map((r) => r.role)).toEqual(["owner", "owner"]);
  });

  it("the schema names no compound key, so a compound key's name is its fields joined by _", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const compound = schema.match(/@@(unique|id)\(\[[^\]]*\][^)]*\)/g) ?? [];
    expect(compound.length).toBeGreaterThan(5);
    expect(compound.filter((line) => /\bname\s*:/.test(line))).toEqual([]);
  });
});

describe.runIf(testEngine() === "postgres")("a transaction that ends while its statements still run", () => {
  // One connection, so the next transaction (another tenant's) gets the very connection
  // the ended one was using.
  let small: TestDatabase;
  let x: SeededTenant;
  let y: SeededTenant;
  beforeAll(async () => {
    small = await openTestDatabase({ poolSize: 1 });
    x = await seedTenant(small, "strayx");
    y = await seedTenant(small, "strayy");
  });
  afterAll(async () => {
    await small?.close();
  });

  it("sends nothing more on its connection, which another tenant may already hold", async () => {
    // Every write statement on memberships/tenants records the scope it ran under.
    await small.owner.exec(`
      CREATE TABLE scope_audit (tenant_setting text, statement text);
      GRANT INSERT ON scope_audit TO bokai_app;
      CREATE FUNCTION audit_scope() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        INSERT INTO scope_audit VALUES (current_setting('app.tenant_id', TRUE), left(current_query(), 60));
        RETURN NULL;
      END $$;
      CREATE TRIGGER tenants_audit BEFORE UPDATE ON tenants FOR EACH STATEMENT EXECUTE FUNCTION audit_scope();
      CREATE TRIGGER memberships_audit BEFORE UPDATE ON memberships FOR EACH STATEMENT EXECUTE FUNCTION audit_scope();`);
    const locker = new pg.Client({ connectionString: small.url });
    await locker.connect();
    try {
      // A's update waits on this lock until its transaction times out; B works meanwhile.
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", [x.tenant.id]);
      const aOutcome = tenantDb(small.prisma, x.tenant.id)
        .$scoped((tx) => tx.tenant.update({ where: { id: x.tenant.id }, data: { name: "Renamed", memberships: { updateMany: { where: {}, data: { role: "admin" } } } } }), {
          timeout: 200,
        })
        .then(
          () => "committed",
          () => "failed",
        );
      const bWork = Array.from({ length: 10 }, () =>
        tenantDb(small.prisma, y.tenant.id).$scoped(async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 60));
          return tx.membership.count();
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      await locker.query("COMMIT");
      expect(await aOutcome).toBe("failed");
      expect(await Promise.all(bWork)).toEqual(Array(10).fill(1));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const audit = await small.owner.query<{ tenant_setting: string | null; statement: string }>(`SELECT tenant_setting, statement FROM scope_audit`);
      expect(audit.filter((row) => row.tenant_setting !== x.tenant.id)).toEqual([]);
      const [tenant] = await small.owner.query<{ name: string }>(`SELECT name FROM tenants WHERE id = $1`, [x.tenant.id]);
      expect(tenant?.name).not.toBe("Renamed");
    } finally {
      await locker.end();
      await small.owner.exec(`DROP TRIGGER tenants_audit ON tenants; DROP TRIGGER memberships_audit ON memberships; DROP FUNCTION audit_scope(); DROP TABLE scope_audit;`);
    }
  });
});
