import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, unique, type SeededTenant } from "./support/fixtures";
import { demoChannel } from "./support/inbox";
import { drainInlineJobs } from "@/server/infra/jobs";
import { finishConnect, startConnect } from "@/server/marketplaces/oauth-connect";
import type { OAuthFlow } from "@/server/marketplaces/connector";

/**
 * The plan's limits are enforced on the server at the point of action — invite, connect a
 * sales account, AI reply — with a message naming the limit; everything else keeps working,
 * and an AI reply over the limit becomes a hand-off, never a lost message.
 */
let db: TestDatabase;
let shop: SeededTenant;
const caller = () => callerFor(db, shop.owner);
const slug = () => shop.tenant.slug;
const basicPlan = async () => (await db.owner.query<{ max_seats: number; max_channel_accounts: number; max_ai_replies_per_month: number }>(`SELECT max_seats, max_channel_accounts, max_ai_replies_per_month FROM plans WHERE id = 'basic'`))[0]!;

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "limits");
});
afterAll(() => db?.close());

describe("seats", () => {
  it("open invitations hold seats; the one past the plan is refused; re-inviting or revoking frees a seat", async () => {
    const { max_seats } = await basicPlan();
    expect(max_seats).toBe(3);
    const first = await caller().tenants.invite({ tenantSlug: slug(), email: `${unique("a")}@example.test`, role: "member" });
    const secondEmail = `${unique("b")}@example.test`;
    await caller().tenants.invite({ tenantSlug: slug(), email: secondEmail, role: "member" });
    // Owner + two open invitations = 3 of 3.
    await expect(caller().tenants.invite({ tenantSlug: slug(), email: `${unique("c")}@example.test`, role: "member" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "billing.errors.seatLimit" });
    const overview = await caller().billing.overview({ tenantSlug: slug() });
    expect(overview.usage.seats).toBe(3);
    expect(overview.nearLimits).toContain("seats");
    // Passing 80 % (3 of 3 after the second invitation; 2 of 3 is below) told the owner once.
    const seatWarnings = (await caller().notifications.list({ tenantSlug: slug() })).items.filter((n) => n.kind === "plan_limit");
    expect(seatWarnings.map((n) => n.limit)).toEqual(["seats"]);
    // The same person invited again replaces their invitation, using no new seat.
    await caller().tenants.invite({ tenantSlug: slug(), email: secondEmail, role: "admin" });
    await caller().tenants.revokeInvite({ tenantSlug: slug(), invitationId: first.id });
    await caller().tenants.invite({ tenantSlug: slug(), email: `${unique("d")}@example.test`, role: "member" });
    // Still past 80 %, but this month's warning was given: no second one.
    expect((await caller().notifications.list({ tenantSlug: slug() })).items.filter((n) => n.kind === "plan_limit")).toHaveLength(1);
  });
});

describe("connected sales accounts", () => {
  const flow: OAuthFlow = {
    authorizationUrl: ({ state }) => `https://allegro.test/auth?state=${state}`,
    exchangeCode: async () => ({ credentials: { accessToken: "a", refreshToken: "r", expiresAt: new Date(Date.now() + 3_600_000).toISOString() }, account: { externalId: randomUUID(), name: "konto_nowe" } }),
  };
  const addAccount = (status = "active") =>
    db.owner.query(`INSERT INTO channel_accounts (id, tenant_id, kind, name, external_account_id, status) VALUES ($1, $2, 'allegro', 'konto', $3, $4::"ChannelStatus")`, [randomUUID(), shop.tenant.id, randomUUID(), status]);
  const connect = () => startConnect(db, "allegro", flow, { userId: shop.owner.id, tenantSlug: slug(), origin: "http://localhost" });

  it("the demo channel and disconnected accounts do not count; connecting past the plan is refused at both ends of the flow", async () => {
    expect((await basicPlan()).max_channel_accounts).toBe(2);
    await demoChannel(db, shop);
    await addAccount("disconnected");
    await addAccount();
    expect((await caller().billing.overview({ tenantSlug: slug() })).usage.channelAccounts).toBe(1);
    // One place left: the seller may start connecting…
    const started = await connect();
    const state = new URL(started.redirectUrl).searchParams.get("state");
    // …but if the place is taken meanwhile, the callback refuses too.
    await addAccount();
    await expect(finishConnect(db, "allegro", flow, { cookie: started.cookie, state, code: "code", userId: shop.owner.id, origin: "http://localhost" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", key: "billing.errors.channelLimit", params: { max: 2 } });
    await expect(connect()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", key: "billing.errors.channelLimit" });
    expect((await db.owner.query(`SELECT id FROM channel_accounts WHERE tenant_id = $1 AND name = 'konto_nowe'`, [shop.tenant.id]))).toHaveLength(0);
  });
});

describe("AI replies per month", () => {
  it("past the plan's monthly AI replies a buyer's message is stored and handed to a person", async () => {
    const channel = await demoChannel(db, shop);
    await caller().knowledgeBase.createFromText({ tenantSlug: slug(), title: "Wysyłka", text: "Wysyłka kurierem DPD kosztuje 14,99 zł. Paczkę nadajemy w 24 godziny." });
    await drainInlineJobs();
    await db.owner.query(`UPDATE plans SET max_ai_replies_per_month = 1 WHERE id = 'basic'`);
    try {
      const ask = async (text: string) => {
        const conversation = await caller().inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channel.id, buyerName: unique("buyer"), text });
        await drainInlineJobs();
        return conversation.id;
      };
      const first = await ask("Dzień dobry, ile kosztuje wysyłka kurierem?");
      const firstReply = (await db.owner.query<{ text: string; reasons: string[] }>(`SELECT text, reasons FROM ai_replies WHERE conversation_id = $1`, [first]))[0];
      expect(firstReply?.text).toContain("14,99 zł");
      expect(firstReply?.reasons).not.toContain("ai.reasons.planLimit");

      const second = await ask("A ile kosztuje wysyłka kurierem DPD?");
      const thread = await caller().inbox.thread({ tenantSlug: slug(), conversationId: second });
      expect(thread.messages.map((m) => m.text)).toContain("A ile kosztuje wysyłka kurierem DPD?");
      const secondReply = (await db.owner.query<{ text: string; action: string; reasons: string[] }>(`SELECT text, action, reasons FROM ai_replies WHERE conversation_id = $1`, [second]))[0];
      expect(secondReply).toMatchObject({ text: "", action: "escalate" });
      expect(secondReply?.reasons).toContain("ai.reasons.planLimit");
      const overview = await caller().billing.overview({ tenantSlug: slug() });
      expect(overview.usage.aiReplies).toBe(1);
      expect(overview.nearLimits).toContain("aiReplies");
    } finally {
      await db.owner.query(`UPDATE plans SET max_ai_replies_per_month = 500 WHERE id = 'basic'`);
    }
  });
});
