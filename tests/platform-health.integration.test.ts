import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { configureEnv, restoreEnv } from "./support/env";
import { toSessionUser } from "@/server/auth/next-auth";
import { GET as health } from "@/app/api/health/route";

/** The two endpoints outside any tenant: /api/health and the platform owner's panel. */
let db: TestDatabase;
let shop: SeededTenant;
let other: SeededTenant;

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "platform");
  other = await seedTenant(db, "platform-other");
});
afterAll(async () => {
  restoreEnv();
  await db?.close();
});

describe("GET /api/health", () => {
  it("answers 200 with the engines in use", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    // CI runs with a Redis server configured; a bare machine limits in-process.
    const rateLimit = process.env.UPSTASH_REDIS_REST_URL ? "upstash" : process.env.REDIS_URL ? "redis" : "memory";
    expect(body).toMatchObject({
      status: "ok",
      db: process.env.TEST_ENGINE === "postgres" ? "postgres" : "pglite",
      vector: db.vector,
      retrieval: "lexical",
      embeddings: "none",
      rateLimit,
      rateLimitShared: rateLimit !== "memory",
      rateLimitStore: rateLimit === "memory" ? "not_used" : "ok",
      jobs: "inline",
      model: "offline",
    });
    expect(Date.parse(String(body.time))).not.toBeNaN();
  });
});

describe("platform owner panel", () => {
  it("is closed to signed-out callers and to tenant owners who are not platform owners", async () => {
    await expect(callerFor(db, null).platform.tenants()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(db, shop.owner).platform.tenants()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists every tenant for an e-mail named in PLATFORM_OWNER_EMAILS", async () => {
    configureEnv({ PLATFORM_OWNER_EMAILS: shop.owner.email.toUpperCase() });
    const platformOwner = toSessionUser(shop.owner);
    expect(platformOwner.isPlatformOwner).toBe(true);
    const { tenants } = await callerFor(db, platformOwner).platform.tenants();
    expect(tenants.map((t) => t.slug)).toEqual(expect.arrayContaining([shop.tenant.slug, other.tenant.slug]));
    restoreEnv();
    expect(toSessionUser(shop.owner).isPlatformOwner).toBe(false);
  });
});
