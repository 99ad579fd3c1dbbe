import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { demoChannel } from "./support/inbox";
import { functions } from "@/inngest";
import { tenantDb } from "@/server/db/tenant-scope";
import { drainInlineJobs } from "@/server/infra/jobs";
import { CHANNEL_POLL_REQUESTED, MESSAGE_RECEIVED, MESSAGE_SEND_REQUESTED } from "@/server/inbox/events";

/**
 * The Inngest functions served at /api/inngest, executed by @inngest/test with their
 * real handlers against the test database: the same code the inline runtime runs.
 */
let db: TestDatabase;
let shop: SeededTenant;

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "inngest");
});
afterAll(async () => {
  await drainInlineJobs();
  await db?.close();
});

function fn(id: string) {
  const found = functions.find((f) => f.id() === id || f.id().endsWith(id));
  if (!found) throw new Error(`no Inngest function ${id}; have ${functions.map((f) => f.id()).join(", ")}`);
  return found;
}

describe("Inngest functions", () => {
  it("are registered for every job definition with their triggers", () => {
    expect(functions.map((f) => f.id()).sort()).toEqual(
      ["inbox-deliver-message", "inbox-mirror-thread-read", "inbox-poll-all-channels", "inbox-poll-channel", "knowledge-process-document", "knowledge-embed-document", "knowledge-sweep", "ai-answer-conversation", "ai-prune-tool-calls", "outbox-sweep", "inbox-wake-snoozed", "inbox-search-reindex"].sort(),
    );
  });

  it("deliver-message sends a queued reply once, idempotently", async () => {
    const channel = await demoChannel(db, shop);
    const caller = callerFor(db, shop.owner);
    const conv = await caller.inbox.simulateIncoming({ tenantSlug: shop.tenant.slug, channelAccountId: channel.id, buyerName: "b", text: "Halo" });
    await drainInlineJobs();
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const message = await scoped.message.create({
      data: {
        tenantId: shop.tenant.id, conversationId: conv.id, channelAccountId: channel.id, direction: "outbound", author: "seller",
        text: "Odpowiedź", platformCreatedAt: new Date(), deliveryState: "queued",
      },
      select: { id: true },
    });
    // A fresh engine per run: a redelivered event is a new run, not a memoised replay.
    const run = () =>
      new InngestTestEngine({
        function: fn("inbox-deliver-message"),
        events: [{ name: MESSAGE_SEND_REQUESTED, data: { tenantId: shop.tenant.id, messageId: message.id } }],
      }).execute();
    expect((await run()).result).toBe("sent");
    expect((await run()).result).toBe("already_sent");
    const row = await scoped.message.findUniqueOrThrow({ where: { id: message.id }, select: { deliveryState: true, externalId: true } });
    expect(row.deliveryState).toBe("sent");
    expect(row.externalId).toMatch(/^demo-/);
  });

  it("ai-answer-conversation answers a buyer turn once, whatever redelivers the event", async () => {
    const channel = await demoChannel(db, shop);
    const conv = await callerFor(db, shop.owner).inbox.simulateIncoming({
      tenantSlug: shop.tenant.slug, channelAccountId: channel.id, buyerName: "b", text: "Chcę rozmawiać z człowiekiem",
    });
    await drainInlineJobs();
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    // Start from an unanswered turn: the inline runtime already answered it once.
    await scoped.aiReply.deleteMany({ where: { conversationId: conv.id } });
    const [message] = await scoped.message.findMany({ where: { conversationId: conv.id }, select: { id: true } });
    const run = () =>
      new InngestTestEngine({
        function: fn("ai-answer-conversation"),
        events: [{ name: MESSAGE_RECEIVED, data: { tenantId: shop.tenant.id, conversationId: conv.id, messageId: message!.id } }],
      }).execute();
    const first = (await run()).result as { status: string; action: string; replyId: string };
    expect(first).toMatchObject({ status: "done", action: "escalate" });
    expect((await run()).result).toEqual(first);
    expect(await scoped.aiReply.count({ where: { conversationId: conv.id } })).toBe(1);
  });

  it("poll-channel skips an account that is not active and reports why", async () => {
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const account = await scoped.channelAccount.create({
      data: { tenantId: shop.tenant.id, kind: "allegro", name: "x", externalAccountId: "999", status: "reconnect_needed" },
      select: { id: true },
    });
    const t = new InngestTestEngine({
      function: fn("inbox-poll-channel"),
      events: [{ name: CHANNEL_POLL_REQUESTED, data: { tenantId: shop.tenant.id, channelAccountId: account.id } }],
    });
    const { result } = await t.execute();
    expect(result).toEqual({ status: "skipped", reason: "account reconnect_needed" });
  });

  it("a snoozed conversation opens again when its time comes, with the change in its trail", async () => {
    const channel = await demoChannel(db, shop);
    const caller = callerFor(db, shop.owner);
    const conv = await caller.inbox.simulateIncoming({ tenantSlug: shop.tenant.slug, channelAccountId: channel.id, buyerName: "drzemka", text: "Odezwę się jutro" });
    await drainInlineJobs();
    await caller.inbox.setStatus({ tenantSlug: shop.tenant.slug, conversationId: conv.id, status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000) });
    const later = await caller.inbox.simulateIncoming({ tenantSlug: shop.tenant.slug, channelAccountId: channel.id, buyerName: "pozniej", text: "Wrócę za tydzień" });
    await drainInlineJobs();
    await caller.inbox.setStatus({ tenantSlug: shop.tenant.slug, conversationId: later.id, status: "snoozed", snoozedUntil: new Date(Date.now() + 7 * 86_400_000) });
    // The first snooze runs out.
    await db.owner.query(`UPDATE conversations SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, [conv.id]);
    const t = new InngestTestEngine({ function: fn("inbox-wake-snoozed"), events: [{ name: "inngest/scheduled.timer", data: {} }] });
    const { result } = await t.execute();
    expect(result).toMatchObject({ woken: 1 });
    const woken = await caller.inbox.thread({ tenantSlug: shop.tenant.slug, conversationId: conv.id });
    expect(woken.conversation).toMatchObject({ status: "open", snoozedUntil: null });
    expect(woken.events.at(-1)).toMatchObject({ type: "status_changed", actorUserId: null, data: { from: "snoozed", to: "open" } });
    expect((await caller.inbox.thread({ tenantSlug: shop.tenant.slug, conversationId: later.id })).conversation.status).toBe("snoozed");
  });

  it("the outbox sweep dispatches what a crash left behind", async () => {
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    await scoped.outboxEvent.create({
      data: { tenantId: shop.tenant.id, name: "test/left.behind", eventKey: crypto.randomUUID(), payload: { tenantId: shop.tenant.id } },
    });
    const t = new InngestTestEngine({ function: fn("outbox-sweep"), events: [{ name: "inngest/scheduled.timer", data: {} }] });
    const { result } = await t.execute();
    expect(result).toBeGreaterThanOrEqual(1);
    expect(await scoped.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(0);
  });
});
