import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, PASSWORD, unique } from "./support/fixtures";
import { authenticate, loadSessionUser } from "@/server/auth/account-service";
import { resetSignInLimitersForTests } from "@/server/auth/sign-in-limits";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});
beforeEach(() => resetSignInLimitersForTests());

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    const shop = await seedTenant(db, "auth1");
    const ok = await authenticate(db, { email: shop.owner.email, password: PASSWORD, ip: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, user: { id: shop.owner.id, email: shop.owner.email } });
    expect(await authenticate(db, { email: shop.owner.email, password: "wrong password", ip: "10.0.0.1" })).toEqual({
      ok: false, reason: "invalid",
    });
    expect(await authenticate(db, { email: "nobody@example.test", password: PASSWORD, ip: "10.0.0.1" })).toEqual({
      ok: false, reason: "invalid",
    });
  });

  it("stores an argon2id hash, never the password, and never returns it by default", async () => {
    const shop = await seedTenant(db, "auth2");
    const [row] = await db.owner.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [shop.owner.id]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain(PASSWORD);
    const me = await loadSessionUser(db, shop.owner.id);
    expect(me).not.toHaveProperty("passwordHash");
  });

  it("limits attempts per email, even with the right password, across IPs", async () => {
    const shop = await seedTenant(db, "auth3");
    for (let i = 0; i < 10; i++) {
      await authenticate(db, { email: shop.owner.email, password: "guess" + i, ip: `10.1.0.${i}` });
    }
    const blocked = await authenticate(db, { email: shop.owner.email, password: PASSWORD, ip: "10.1.1.1" });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(blocked.ok === false && blocked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("limits attempts per IP across many emails", async () => {
    for (let i = 0; i < 50; i++) await authenticate(db, { email: `${unique("spray")}@example.test`, password: "x", ip: "10.9.9.9" });
    const shop = await seedTenant(db, "auth4");
    expect(await authenticate(db, { email: shop.owner.email, password: PASSWORD, ip: "10.9.9.9" })).toMatchObject({
      ok: false, reason: "rate_limited",
    });
    expect(await authenticate(db, { email: shop.owner.email, password: PASSWORD, ip: "10.9.9.10" })).toMatchObject({ ok: true });
  });
});

describe("change password", () => {
  it("needs the current password, then the new one works and the old one does not", async () => {
    const shop = await seedTenant(db, "pw");
    const caller = callerFor(db, shop.owner);
    await expect(caller.auth.changePassword({ currentPassword: "nope", newPassword: "new password 1" })).rejects.toMatchObject({
      code: "BAD_REQUEST", message: "errors.wrongPassword",
    });
    const before = await loadSessionUser(db, shop.owner.id);
    await caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: "new password 1" });
    const after = await loadSessionUser(db, shop.owner.id);
    // sessions issued before this moment are refused by getSessionUser
    expect(after?.passwordChangedAt.getTime()).toBeGreaterThan(before?.passwordChangedAt.getTime() ?? 0);
    expect(await authenticate(db, { email: shop.owner.email, password: "new password 1", ip: "10.2.0.1" })).toMatchObject({ ok: true });
    expect(await authenticate(db, { email: shop.owner.email, password: PASSWORD, ip: "10.2.0.1" })).toMatchObject({ ok: false });
  });

  it("stops guessing the current password after 10 tries in 15 minutes, even with the right one", async () => {
    const shop = await seedTenant(db, "pwguess");
    const caller = callerFor(db, shop.owner);
    for (let i = 0; i < 10; i++) {
      await expect(caller.auth.changePassword({ currentPassword: `guess ${i}`, newPassword: "new password 2" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: "new password 2" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS", message: "errors.rateLimited",
    });
    expect(await authenticate(db, { email: shop.owner.email, password: PASSWORD, ip: "10.3.0.1" })).toMatchObject({ ok: true });
  });
});

describe("UI language", () => {
  it("is kept with the member's account, for them only, and only Polish or English", async () => {
    const shop = await seedTenant(db, "lang");
    const other = await seedTenant(db, "lang-other");
    const caller = callerFor(db, shop.owner);
    await caller.auth.setLocale({ locale: "en" });
    expect((await loadSessionUser(db, shop.owner.id))?.locale).toBe("en");
    expect((await loadSessionUser(db, other.owner.id))?.locale).toBe("pl");
    await expect(caller.auth.setLocale({ locale: "de" as "en" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(db, null).auth.setLocale({ locale: "en" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await caller.auth.setLocale({ locale: "pl" });
    expect((await loadSessionUser(db, shop.owner.id))?.locale).toBe("pl");
  });
});
