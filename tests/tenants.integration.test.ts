import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, seedTenant, unique, PASSWORD } from "./support/fixtures";
import { toSessionUser } from "@/server/auth/next-auth";
import { signUp } from "@/server/auth/account-service";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

async function ownerCount(tenantId: string): Promise<number> {
  const rows = await db.owner.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM memberships WHERE tenant_id = $1 AND role = 'owner'`,
    [tenantId],
  );
  return Number(rows[0]?.n);
}

describe("sign-up", () => {
  it("creates user, tenant and owner membership together", async () => {
    const shop = await seedTenant(db, "signup");
    const caller = callerFor(db, shop.owner);
    const current = await caller.tenants.current({ tenantSlug: shop.tenant.slug });
    expect(current).toMatchObject({ id: shop.tenant.id, name: "Shop signup", role: "owner", defaultLanguage: "pl" });
    expect(await caller.tenants.listMine()).toEqual([expect.objectContaining({ slug: shop.tenant.slug, role: "owner" })]);
    // A test channel to try the assistant on before any marketplace is connected; never polled.
    const channels = await caller.inbox.channels({ tenantSlug: shop.tenant.slug });
    expect(channels).toEqual([expect.objectContaining({ kind: "demo", name: "Kanał testowy", status: "active" })]);
  });

  it("a new company's first steps are ticked by what it has: a document, AI settings, a teammate", async () => {
    const shop = await seedTenant(db, "onboarding");
    const caller = callerFor(db, shop.owner);
    const slug = shop.tenant.slug;
    // The test channel alone is not a connected sales channel.
    expect(await caller.tenants.onboarding({ tenantSlug: slug })).toEqual({ knowledge: false, aiAnswers: false, channel: false, team: false });
    await caller.knowledgeBase.createFromText({ tenantSlug: slug, title: "Zwroty", text: "Na zwrot masz 30 dni od odbioru paczki." });
    await caller.ai.updateSettings({ tenantSlug: slug, signature: "Zespół sklepu" });
    await caller.tenants.invite({ tenantSlug: slug, email: `${unique("teammate")}@example.test`, role: "member" });
    expect(await caller.tenants.onboarding({ tenantSlug: slug })).toEqual({ knowledge: true, aiAnswers: true, channel: false, team: true });
  });

  it("a company created later also gets its test channel", async () => {
    const shop = await seedTenant(db, "second-company");
    const caller = callerFor(db, shop.owner);
    const created = await caller.tenants.create({ name: "Drugi sklep" });
    expect(await caller.inbox.channels({ tenantSlug: created.slug })).toEqual([expect.objectContaining({ kind: "demo", status: "active" })]);
  });

  it("rejects a duplicate email (any case) with CONFLICT and leaves no orphan tenant", async () => {
    const email = `${unique("dup")}@example.test`;
    await signUp(db, { email, name: "A", password: PASSWORD, shopName: "First Shop" });
    const before = await db.owner.query(`SELECT id FROM tenants`);
    const caller = callerFor(db, null);
    await expect(
      caller.auth.signUp({ email: email.toUpperCase(), name: "B", password: PASSWORD, shopName: "Second Shop" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "errors.emailTaken" });
    const after = await db.owner.query(`SELECT id FROM tenants`);
    expect(after.length).toBe(before.length);
  });

  it("rolls back the user when the tenant step fails (slug taken)", async () => {
    const existing = await seedTenant(db, "slugowner");
    const email = `${unique("rollback")}@example.test`;
    await expect(
      callerFor(db, null).auth.signUp({ email, name: "C", password: PASSWORD, shopName: "X", slug: existing.tenant.slug }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "errors.slugTaken" });
    expect(await db.owner.query(`SELECT id FROM users WHERE email = $1`, [email])).toHaveLength(0);
    // The same email can sign up afterwards: nothing half-written blocks it.
    const ok = await callerFor(db, null).auth.signUp({ email, name: "C", password: PASSWORD, shopName: "X" });
    expect(ok.tenantSlug).toMatch(/^x-|^x$|^x[a-z0-9-]*/);
  });

  it("derives a slug from a Polish shop name and suffixes it when taken", async () => {
    const a = await callerFor(db, null).auth.signUp({
      email: `${unique("pl")}@example.test`, name: "D", password: PASSWORD, shopName: "Sklep Łódź Żółw",
    });
    const b = await callerFor(db, null).auth.signUp({
      email: `${unique("pl")}@example.test`, name: "E", password: PASSWORD, shopName: "Sklep Łódź Żółw",
    });
    expect(a.tenantSlug).toBe("sklep-lodz-zolw");
    expect(b.tenantSlug).toMatch(/^sklep-lodz-zolw-[0-9a-f]{6}$/);
  });
});

describe("role rules", () => {
  it("a member cannot invite, change roles, remove members or edit settings", async () => {
    const shop = await seedTenant(db, "rules1");
    const member = await addMember(db, shop, "member");
    const admin = await addMember(db, shop, "admin", "admin");
    const m = callerFor(db, member);
    const slug = shop.tenant.slug;
    expect(await codeOf(m.tenants.invite({ tenantSlug: slug, email: "x@example.test", role: "member" }))).toBe("FORBIDDEN");
    expect(await codeOf(m.tenants.changeRole({ tenantSlug: slug, membershipId: admin.membershipId, role: "member" }))).toBe("FORBIDDEN");
    expect(await codeOf(m.tenants.removeMember({ tenantSlug: slug, membershipId: admin.membershipId }))).toBe("FORBIDDEN");
    expect(await codeOf(m.tenants.updateSettings({ tenantSlug: slug, name: "Hacked" }))).toBe("FORBIDDEN");
    expect(await codeOf(m.tenants.invitations({ tenantSlug: slug }))).toBe("FORBIDDEN");
    expect((await callerFor(db, shop.owner).tenants.current({ tenantSlug: slug })).name).toBe("Shop rules1");
    // ...but can read the team
    expect(await m.tenants.members({ tenantSlug: slug })).toHaveLength(3);
  });

  it("an admin cannot remove or demote an owner, nor grant owner", async () => {
    const shop = await seedTenant(db, "rules2");
    const admin = await addMember(db, shop, "admin", "admin");
    const member = await addMember(db, shop, "member");
    const a = callerFor(db, admin);
    const slug = shop.tenant.slug;
    const ownerMembership = (await a.tenants.members({ tenantSlug: slug })).find((x) => x.role === "owner");
    expect(ownerMembership).toBeDefined();
    const ownerId = ownerMembership?.id ?? "";
    expect(await codeOf(a.tenants.removeMember({ tenantSlug: slug, membershipId: ownerId }))).toBe("FORBIDDEN");
    expect(await codeOf(a.tenants.changeRole({ tenantSlug: slug, membershipId: ownerId, role: "member" }))).toBe("FORBIDDEN");
    expect(await codeOf(a.tenants.changeRole({ tenantSlug: slug, membershipId: member.membershipId, role: "owner" }))).toBe("FORBIDDEN");
    expect(await codeOf(a.tenants.invite({ tenantSlug: slug, email: `${unique("o")}@example.test`, role: "owner" }))).toBe("FORBIDDEN");
    expect(await ownerCount(shop.tenant.id)).toBe(1);
    // Admins can manage members and admins.
    expect(await codeOf(a.tenants.changeRole({ tenantSlug: slug, membershipId: member.membershipId, role: "admin" }))).toBe("OK");
    expect(await codeOf(a.tenants.removeMember({ tenantSlug: slug, membershipId: member.membershipId }))).toBe("OK");
  });

  it("the last owner can neither leave nor be demoted; with two owners one may go", async () => {
    const shop = await seedTenant(db, "rules3");
    const o = callerFor(db, shop.owner);
    const slug = shop.tenant.slug;
    const own = (await o.tenants.members({ tenantSlug: slug }))[0];
    expect(await codeOf(o.tenants.leave({ tenantSlug: slug }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(o.tenants.changeRole({ tenantSlug: slug, membershipId: own?.id ?? "", role: "admin" }))).toBe("PRECONDITION_FAILED");
    const second = await addMember(db, shop, "owner", "owner2");
    expect(await codeOf(o.tenants.changeRole({ tenantSlug: slug, membershipId: own?.id ?? "", role: "admin" }))).toBe("OK");
    expect(await codeOf(callerFor(db, second).tenants.leave({ tenantSlug: slug }))).toBe("PRECONDITION_FAILED");
    expect(await ownerCount(shop.tenant.id)).toBe(1);
  });

  it("two owners demoting each other at once still leave one owner", async () => {
    const shop = await seedTenant(db, "race");
    const second = await addMember(db, shop, "owner", "owner2");
    const members = await callerFor(db, shop.owner).tenants.members({ tenantSlug: shop.tenant.slug });
    const firstId = members.find((m) => m.user.id === shop.owner.id)?.id ?? "";
    const results = await Promise.allSettled([
      callerFor(db, shop.owner).tenants.changeRole({ tenantSlug: shop.tenant.slug, membershipId: second.membershipId, role: "member" }),
      callerFor(db, second).tenants.changeRole({ tenantSlug: shop.tenant.slug, membershipId: firstId, role: "member" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    expect(await ownerCount(shop.tenant.id)).toBe(1);
  });

  it("rules use the actor's role as it is now, not as the request first read it", async () => {
    const { leaveTenant } = await import("@/server/tenants/member-service");
    const { tenantDb } = await import("@/server/db/tenant-scope");
    const shop = await seedTenant(db, "stale");
    const admin = await addMember(db, shop, "admin", "admin");
    const o = callerFor(db, shop.owner);
    // The request read "admin"; meanwhile the admin became the only owner.
    const stale = { userId: admin.id, membershipId: admin.membershipId, role: "admin" as const };
    await o.tenants.changeRole({ tenantSlug: shop.tenant.slug, membershipId: admin.membershipId, role: "owner" });
    await o.tenants.leave({ tenantSlug: shop.tenant.slug });
    await expect(leaveTenant(tenantDb(db.prisma, shop.tenant.id), stale)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await ownerCount(shop.tenant.id)).toBe(1);
  });

  it("a removed member loses access to the tenant", async () => {
    const shop = await seedTenant(db, "rules4");
    const member = await addMember(db, shop, "member");
    await callerFor(db, shop.owner).tenants.removeMember({ tenantSlug: shop.tenant.slug, membershipId: member.membershipId });
    expect(await codeOf(callerFor(db, member).tenants.current({ tenantSlug: shop.tenant.slug }))).toBe("NOT_FOUND");
  });
});

describe("invitations", () => {
  it("are single use", async () => {
    const shop = await seedTenant(db, "inv1");
    const email = `${unique("inv")}@example.test`;
    const inv = await callerFor(db, shop.owner).tenants.invite({ tenantSlug: shop.tenant.slug, email, role: "member" });
    expect(inv.token.length).toBeGreaterThan(30);
    const { user } = await signUp(db, { email, name: "I", password: PASSWORD, shopName: "I shop" });
    const invitee = toSessionUser({ ...user, locale: "pl" });
    const preview = await callerFor(db, null).tenants.previewInvite({ token: inv.token });
    expect(preview).toMatchObject({ tenantName: "Shop inv1", role: "member", email });
    expect(await callerFor(db, invitee).tenants.acceptInvite({ token: inv.token })).toEqual({ slug: shop.tenant.slug, name: "Shop inv1" });
    expect(await codeOf(callerFor(db, invitee).tenants.acceptInvite({ token: inv.token }))).toBe("NOT_FOUND");
    // the token is stored only as a hash
    expect(await db.owner.query(`SELECT 1 FROM invitations WHERE token_hash = $1`, [inv.token])).toHaveLength(0);
  });

  it("expire", async () => {
    const shop = await seedTenant(db, "inv2");
    const email = `${unique("exp")}@example.test`;
    const inv = await callerFor(db, shop.owner).tenants.invite({ tenantSlug: shop.tenant.slug, email, role: "member" });
    await db.owner.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [inv.id]);
    const { user } = await signUp(db, { email, name: "J", password: PASSWORD, shopName: "J shop" });
    const invitee = toSessionUser({ ...user, locale: "pl" });
    await expect(callerFor(db, invitee).tenants.acceptInvite({ token: inv.token })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "errors.invitationExpired",
    });
    expect(await codeOf(callerFor(db, invitee).tenants.current({ tenantSlug: shop.tenant.slug }))).toBe("NOT_FOUND");
  });

  it("can be revoked, and only the invited address can accept", async () => {
    const shop = await seedTenant(db, "inv3");
    const email = `${unique("rev")}@example.test`;
    const owner = callerFor(db, shop.owner);
    const inv = await owner.tenants.invite({ tenantSlug: shop.tenant.slug, email, role: "admin" });
    const stranger = await seedTenant(db, "stranger");
    await expect(callerFor(db, stranger.owner).tenants.acceptInvite({ token: inv.token })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await owner.tenants.invitations({ tenantSlug: shop.tenant.slug })).map((i) => i.id)).toContain(inv.id);
    await owner.tenants.revokeInvite({ tenantSlug: shop.tenant.slug, invitationId: inv.id });
    expect(await owner.tenants.invitations({ tenantSlug: shop.tenant.slug })).toEqual([]);
    const { user } = await signUp(db, { email, name: "K", password: PASSWORD, shopName: "K shop" });
    expect(await codeOf(callerFor(db, toSessionUser({ ...user, locale: "pl" })).tenants.acceptInvite({ token: inv.token }))).toBe("NOT_FOUND");
  });

  it("refuses to invite someone who is already a member", async () => {
    const shop = await seedTenant(db, "inv4");
    const member = await addMember(db, shop, "member");
    await expect(
      callerFor(db, shop.owner).tenants.invite({ tenantSlug: shop.tenant.slug, email: member.email, role: "member" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("tenant settings and switching", () => {
  it("updates settings, keeps slugs unique across tenants, and lists every tenant of a user", async () => {
    const a = await seedTenant(db, "setA");
    const b = await seedTenant(db, "setB");
    const owner = callerFor(db, a.owner);
    const newSlug = unique("renamed");
    const updated = await owner.tenants.updateSettings({
      tenantSlug: a.tenant.slug, name: "Nowa nazwa", slug: newSlug, defaultLanguage: "de", timezone: "Europe/Berlin",
    });
    expect(updated).toMatchObject({ name: "Nowa nazwa", slug: newSlug, defaultLanguage: "de", timezone: "Europe/Berlin" });
    await expect(owner.tenants.updateSettings({ tenantSlug: newSlug, slug: b.tenant.slug })).rejects.toMatchObject({
      code: "CONFLICT", message: "errors.slugTaken",
    });
    const created = await owner.tenants.create({ name: "Drugi sklep" });
    const mine = await owner.tenants.listMine();
    expect(mine.map((t) => t.slug).sort()).toEqual([newSlug, created.slug].sort());
  });
});
