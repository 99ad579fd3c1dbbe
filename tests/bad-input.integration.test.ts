import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { httpCall, seedTenant, PASSWORD, unique, type SeededTenant } from "./support/fixtures";

/** Bad input over the real fetch adapter: a 4xx with a message a person can act on, never a 500. */
let db: TestDatabase;
let shop: SeededTenant;
beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "badinput");
});
afterAll(async () => {
  await db?.close();
});

async function tenantCount() {
  const [row] = await db.owner.query<{ n: string | number }>(`SELECT count(*) AS n FROM tenants`);
  return Number(row?.n);
}

function expectClean(res: Awaited<ReturnType<typeof httpCall>>, status: number) {
  expect(res.status).toBe(status);
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/stack|at \w+ \(|SELECT |INSERT |prisma|P20\d\d/i);
}

describe("bad input", () => {
  it("sign-up with an invalid email, empty and overlong names, short password → field errors, nothing written", async () => {
    const before = await tenantCount();
    const res = await httpCall(db, null, "auth.signUp", {
      email: "not-an-email", name: "", password: "short", shopName: "x".repeat(81),
    });
    expectClean(res, 400);
    const fields = res.body.error?.json?.data.fieldErrors ?? {};
    expect(Object.keys(fields).sort()).toEqual(["email", "name", "password", "shopName"]);
    expect(res.body.error?.json?.message).toBe("Please correct the highlighted fields.");
    expect(await tenantCount()).toBe(before);
  });

  it("messages come in Polish by default", async () => {
    const res = await httpCall(db, null, "auth.signUp", { email: "zly", name: "A", password: PASSWORD, shopName: "S" }, { locale: "pl" });
    expectClean(res, 400);
    expect(res.body.error?.json?.data.fieldErrors?.email).toEqual(["Podaj poprawny adres e-mail."]);
  });

  it("a malformed slug is a validation error", async () => {
    for (const slug of ["-bad", "Bad Slug", "a", "x".repeat(49), "zł", "a_b"]) {
      const res = await httpCall(db, shop.owner, "tenants.updateSettings", { tenantSlug: shop.tenant.slug, slug });
      expectClean(res, 400);
      expect(res.body.error?.json?.data.fieldErrors?.slug, slug).toBeDefined();
    }
  });

  it("an unknown tenant slug in the URL is NOT_FOUND with a helpful message", async () => {
    const res = await httpCall(db, shop.owner, "tenants.current", { tenantSlug: "no-such-shop" }, { method: "query" });
    expectClean(res, 404);
    expect(res.body.error?.json?.message).toBe("No such company, or you have no access to it.");
  });

  it("wrong types, missing fields, unknown enum values and garbage ids are 400", async () => {
    const cases: [string, unknown][] = [
      ["tenants.updateSettings", { tenantSlug: shop.tenant.slug, defaultLanguage: "xx" }],
      ["tenants.updateSettings", { tenantSlug: shop.tenant.slug, timezone: "Mars/Olympus" }],
      ["tenants.updateSettings", { tenantSlug: 42 }],
      ["tenants.changeRole", { tenantSlug: shop.tenant.slug, membershipId: "not-a-uuid", role: "owner" }],
      ["tenants.changeRole", { tenantSlug: shop.tenant.slug, membershipId: crypto.randomUUID(), role: "god" }],
      ["tenants.invite", { tenantSlug: shop.tenant.slug, email: "a@b" }],
      ["tenants.create", { name: "" }],
      ["tenants.create", { name: " ".repeat(5) }],
      ["tenants.acceptInvite", { token: "short" }],
      ["auth.signUp", null],
    ];
    for (const [path, input] of cases) {
      const res = await httpCall(db, shop.owner, path, input);
      expectClean(res, 400);
    }
  });

  it("an unknown membership id is NOT_FOUND and changes nothing", async () => {
    const res = await httpCall(db, shop.owner, "tenants.removeMember", { tenantSlug: shop.tenant.slug, membershipId: crypto.randomUUID() });
    expectClean(res, 404);
  });

  it("a duplicate email is a 409 with the reason", async () => {
    const email = `${unique("dupe")}@example.test`;
    const first = await httpCall(db, null, "auth.signUp", { email, name: "A", password: PASSWORD, shopName: "Dupe" });
    expect(first.status).toBe(200);
    const second = await httpCall(db, null, "auth.signUp", { email, name: "A", password: PASSWORD, shopName: "Dupe" });
    expectClean(second, 409);
    expect(second.body.error?.json?.message).toBe("An account with this email already exists.");
  });

  it("signed-out calls to protected procedures are 401", async () => {
    const res = await httpCall(db, null, "tenants.listMine", undefined, { method: "query" });
    expectClean(res, 401);
  });

  it("an unexpected failure is a generic 500 message without internals", async () => {
    const broken = { ...db, prisma: db.prisma.$extends({ query: { $allOperations: () => Promise.reject(new Error("boom: SELECT secret")) } }) };
    const res = await httpCall(broken as unknown as TestDatabase, shop.owner, "tenants.listMine", undefined, { method: "query" });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/boom|SELECT|stack/);
    expect(res.body.error?.json?.message).toBe("Something went wrong on our side. Please try again shortly.");
  });
});
