import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, httpCall, seedTenant, type SeededTenant } from "./support/fixtures";
import { demoChannel } from "./support/inbox";
import { drainInlineJobs, onInlineEvent, type JobEvent } from "@/server/infra/jobs";
import { seedDemoInbox } from "@/server/inbox/demo-data";
import { MESSAGE_RECEIVED } from "@/server/inbox/events";
import { renderCannedReply } from "@/lib/canned";

let db: TestDatabase;
let shop: SeededTenant;
let channelId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  shop = await seedTenant(db, "inbox");
  await seedDemoInbox(db, shop.tenant.id, shop.owner.id);
  channelId = (await demoChannel(db, shop)).id;
});
afterAll(async () => {
  await drainInlineJobs();
  await db?.close();
});

const slug = () => shop.tenant.slug;
const owner = () => callerFor(db, shop.owner);

describe("conversation list", () => {
  it("shows the demo shop's conversations newest first, with numbers, last message and response clocks", async () => {
    const { items, nextCursor } = await owner().inbox.list({ tenantSlug: slug() });
    expect(items).toHaveLength(6);
    expect(nextCursor).toBeNull();
    const times = items.map((i) => i.lastMessageAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(items.map((i) => i.number)).size).toBe(6);
    const complaint = items.find((i) => i.customer?.externalId === "kowalski_jan");
    expect(complaint).toMatchObject({ overdue: true, priority: "high", tags: ["reklamacja"] });
    expect(complaint?.lastMessage?.text).toBe("Halo? Czekam na odpowiedź.");
    const fresh = items.find((i) => i.customer?.externalId === "anna.nowak");
    expect(fresh).toMatchObject({ overdue: false, unreadCount: 1 });
  });

  it("filters by status, unread, overdue, tag and assignee", async () => {
    const c = owner();
    expect((await c.inbox.list({ tenantSlug: slug(), status: "resolved" })).items.map((i) => i.customer?.externalId)).toEqual(["ewa_zakupy"]);
    expect((await c.inbox.list({ tenantSlug: slug(), overdueOnly: true })).items.map((i) => i.customer?.externalId)).toEqual(["kowalski_jan"]);
    expect((await c.inbox.list({ tenantSlug: slug(), tag: "Reklamacja" })).items).toHaveLength(1);
    expect((await c.inbox.list({ tenantSlug: slug(), unreadOnly: true })).items.length).toBeGreaterThanOrEqual(4);
    const target = (await c.inbox.list({ tenantSlug: slug() })).items[0];
    await c.inbox.assign({ tenantSlug: slug(), conversationId: target?.id ?? "", assigneeId: shop.owner.id });
    expect((await c.inbox.list({ tenantSlug: slug(), assignee: "mine" })).items.map((i) => i.id)).toEqual([target?.id]);
    expect((await c.inbox.list({ tenantSlug: slug(), assignee: "unassigned" })).items).toHaveLength(5);
    await c.inbox.assign({ tenantSlug: slug(), conversationId: target?.id ?? "", assigneeId: null });
  });

  it("the response clock stops while a conversation is resolved or snoozed", async () => {
    const c = owner();
    const overdue = (await c.inbox.list({ tenantSlug: slug(), overdueOnly: true })).items[0]!;
    expect(overdue.overdue).toBe(true);
    for (const change of [{ status: "resolved" as const }, { status: "snoozed" as const, snoozedUntil: new Date(Date.now() + 3_600_000) }]) {
      await c.inbox.setStatus({ tenantSlug: slug(), conversationId: overdue.id, ...change });
      expect((await c.inbox.list({ tenantSlug: slug(), overdueOnly: true })).items).toEqual([]);
      const item = (await c.inbox.list({ tenantSlug: slug(), status: change.status })).items.find((i) => i.id === overdue.id);
      expect(item).toMatchObject({ overdue: false, replyDueAt: null });
    }
    await c.inbox.setStatus({ tenantSlug: slug(), conversationId: overdue.id, status: "open" });
    expect((await c.inbox.list({ tenantSlug: slug(), overdueOnly: true })).items.map((i) => i.id)).toEqual([overdue.id]);
  });

  it("a tenant's own response target decides what is overdue", async () => {
    const c = owner();
    const overdue = async () => (await c.inbox.list({ tenantSlug: slug(), overdueOnly: true })).items.map((i) => i.customer?.externalId).sort();
    const before = await overdue();
    expect(before).not.toContain("anna.nowak");
    // anna.nowak has waited 30 minutes: overdue only against a 15-minute target.
    await c.inbox.updateResponseTargets({ tenantSlug: slug(), targets: { demo: 15 } });
    try {
      expect(await overdue()).toEqual(expect.arrayContaining(["anna.nowak", "john_d", ...before]));
      const anna = (await c.inbox.list({ tenantSlug: slug() })).items.find((i) => i.customer?.externalId === "anna.nowak")!;
      expect(anna.overdue).toBe(true);
      expect(anna.replyDueAt!.getTime()).toBeLessThan(Date.now());
    } finally {
      await c.inbox.updateResponseTargets({ tenantSlug: slug(), targets: { demo: 24 * 60 } });
    }
    expect(await overdue()).toEqual(before);
  });

  it("a very long thread shows its newest messages and says older ones are hidden", async () => {
    // Its own shop, so the demo shop's counts elsewhere stay as they are.
    const talkative = await seedTenant(db, "longthread");
    const talkativeChannel = (await demoChannel(db, talkative)).id;
    const c = callerFor(db, talkative.owner);
    const conv = await c.inbox.simulateIncoming({ tenantSlug: talkative.tenant.slug, channelAccountId: talkativeChannel, buyerName: "gaduła", text: "Pierwsza wiadomość" });
    const short = await c.inbox.thread({ tenantSlug: talkative.tenant.slug, conversationId: conv.id });
    expect(short.olderMessagesHidden).toBe(false);
    await drainInlineJobs();
    await db.owner.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, channel_account_id, direction, author, text, platform_created_at)
       SELECT gen_random_uuid(), $1, $2, $3, 'inbound', 'customer', 'Wiadomość ' || i, now() + i * interval '1 second'
         FROM generate_series(1, 505) AS i`,
      [talkative.tenant.id, conv.id, talkativeChannel],
    );
    const thread = await c.inbox.thread({ tenantSlug: talkative.tenant.slug, conversationId: conv.id });
    expect(thread.olderMessagesHidden).toBe(true);
    expect(thread.messages).toHaveLength(500);
    expect(thread.messages.at(-1)?.text).toBe("Wiadomość 505");
    expect(thread.messages[0]?.text).toBe("Wiadomość 6");
  });

  it("searches message text (prefixes, any case), buyer names and #numbers", async () => {
    const c = owner();
    const hits = async (search: string) => (await c.inbox.list({ tenantSlug: slug(), search })).items.map((i) => i.customer?.externalId);
    expect(await hits("uszkodzona")).toEqual(["kowalski_jan"]);
    expect(await hits("USZKOD")).toEqual(["kowalski_jan"]);
    expect(await hits("germany")).toEqual(["john_d"]);
    expect(await hits("tomek")).toEqual(["tomek_rower"]);
    const first = (await c.inbox.list({ tenantSlug: slug() })).items[0];
    expect((await c.inbox.list({ tenantSlug: slug(), search: `#${first?.number}` })).items.map((i) => i.id)).toContain(first?.id);
    expect(await hits("xyzzy-nothing")).toEqual([]);
    expect(await hits("!!! ???")).toEqual([]);
  });

  it("pages with a cursor without gaps or repeats", async () => {
    const c = owner();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.inbox.list({ tenantSlug: slug(), limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const res = await httpCall(db, shop.owner, "inbox.list", { tenantSlug: slug(), cursor: "garbage" }, { method: "query" });
    expect(res.status).toBe(400);
  });

  it("uses the (tenant, last message) index for the first page and deep pages", async () => {
    // Plan check instead of a timing assertion: with many rows the list must not sort the whole tenant.
    await db.owner.query(`
      INSERT INTO conversations (id, tenant_id, channel_account_id, external_thread_id, number, last_message_at, updated_at)
      SELECT gen_random_uuid(), $1, $2, 'bulk-' || g, 1000 + g, now() - g * interval '1 minute', now()
        FROM generate_series(1, 5000) g`, [shop.tenant.id, channelId]);
    await db.owner.query(`ANALYZE conversations`);
    const plan = await db.owner.query<{ "QUERY PLAN": string }>(
      `EXPLAIN SELECT id FROM conversations WHERE tenant_id = $1 AND (last_message_at < now() - interval '3 days' OR (last_message_at = now() AND id < $2))
        ORDER BY last_message_at DESC, id DESC LIMIT 31`,
      [shop.tenant.id, "00000000-0000-0000-0000-000000000000"],
    );
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index (Only )?Scan .*conversations_tenant_id_last_message_at_id_idx/);
    expect(text).not.toMatch(/Sort/);
    const page = await owner().inbox.list({ tenantSlug: slug(), limit: 30 });
    expect(page.items).toHaveLength(30);
    await db.owner.query(`DELETE FROM conversations WHERE external_thread_id LIKE 'bulk-%' AND tenant_id = $1`, [shop.tenant.id]);
  });
});

describe("thread, replies and notes", () => {
  it("simulated buyer message lands once, reopens nothing it shouldn't, and announces itself once", async () => {
    const events: JobEvent[] = [];
    const stop = onInlineEvent((e) => e.name === MESSAGE_RECEIVED && events.push(e));
    try {
      const c = owner();
      const created = await c.inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channelId, buyerName: "nowy_klient", text: "Czy macie ten produkt w kolorze czerwonym?" });
      const again = await c.inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channelId, conversationId: created.id, text: "I ile kosztuje wysyłka?" });
      expect(again.id).toBe(created.id);
      await drainInlineJobs();
      const mine = events.filter((e) => e.data.conversationId === created.id);
      expect(mine).toHaveLength(2);
      expect(new Set(mine.map((e) => e.id)).size).toBe(2);
      const thread = await c.inbox.thread({ tenantSlug: slug(), conversationId: created.id });
      expect(thread.messages.map((m) => m.text)).toEqual(["Czy macie ten produkt w kolorze czerwonym?", "I ile kosztuje wysyłka?"]);
      expect(thread.conversation.unreadCount).toBe(2);
    } finally {
      stop();
    }
  });

  it("a reply is queued, delivered and recorded in the activity trail; notes never go out", async () => {
    const c = owner();
    const conv = (await c.inbox.list({ tenantSlug: slug(), search: "rozmiar bluzy" })).items[0];
    if (!conv) throw new Error("demo conversation missing");
    await c.inbox.addNote({ tenantSlug: slug(), conversationId: conv.id, text: "Klientka woli luźny krój" });
    const reply = await c.inbox.reply({ tenantSlug: slug(), conversationId: conv.id, text: "Polecamy rozmiar L do luźniejszego kroju." });
    expect(reply.deliveryState).toBe("queued");
    await drainInlineJobs();
    const thread = await c.inbox.thread({ tenantSlug: slug(), conversationId: conv.id });
    expect(thread.messages.at(-1)).toMatchObject({ direction: "outbound", author: "seller", deliveryState: "sent" });
    expect(thread.messages.map((m) => m.text)).not.toContain("Klientka woli luźny krój");
    expect(thread.notes.map((n) => n.text)).toEqual(["Klientka woli luźny krój"]);
    expect(thread.events.map((e) => e.type)).toContain("reply_sent");
    expect(thread.people[shop.owner.id]).toBe(shop.owner.name);
    expect(thread.conversation).toMatchObject({ unreadCount: 0, awaitingReplySince: null });
  });

  it("status, snooze, tags and read flags change and are audited", async () => {
    const c = owner();
    const conv = (await c.inbox.list({ tenantSlug: slug(), search: "germany" })).items[0];
    const id = conv?.id ?? "";
    await c.inbox.setTags({ tenantSlug: slug(), conversationId: id, tags: ["Wysyłka", "zagranica", "wysyłka"] });
    await c.inbox.setStatus({ tenantSlug: slug(), conversationId: id, status: "snoozed", snoozedUntil: new Date(Date.now() + 3_600_000) });
    await c.inbox.markRead({ tenantSlug: slug(), conversationId: id, read: true });
    const thread = await c.inbox.thread({ tenantSlug: slug(), conversationId: id });
    expect(thread.conversation).toMatchObject({ status: "snoozed", tags: ["wysyłka", "zagranica"], unreadCount: 0 });
    expect(thread.events.map((e) => e.type)).toEqual(expect.arrayContaining(["tags_changed", "status_changed"]));
    // a new buyer message wakes a snoozed conversation
    await c.inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channelId, conversationId: id, text: "Any news?" });
    expect((await c.inbox.thread({ tenantSlug: slug(), conversationId: id })).conversation.status).toBe("open");
  });

  it("shows who else is looking at or typing in the conversation", async () => {
    const colleague = await addMember(db, shop, "member", "kolega");
    const conv = (await owner().inbox.list({ tenantSlug: slug() })).items[0];
    const id = conv?.id ?? "";
    expect(await owner().inbox.presence({ tenantSlug: slug(), conversationId: id })).toEqual([]);
    await callerFor(db, colleague).inbox.presence({ tenantSlug: slug(), conversationId: id, typing: true });
    expect(await owner().inbox.presence({ tenantSlug: slug(), conversationId: id })).toEqual([
      { userId: colleague.id, userName: colleague.name, typing: true },
    ]);
    // only members can be assigned
    const stranger = await seedTenant(db, "stranger");
    await expect(owner().inbox.assign({ tenantSlug: slug(), conversationId: id, assigneeId: stranger.owner.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await owner().inbox.assign({ tenantSlug: slug(), conversationId: id, assigneeId: colleague.id });
  });
});

describe("bad input", () => {
  const conversation = async (search: string) => (await owner().inbox.list({ tenantSlug: slug(), search })).items[0]?.id ?? "";

  it("empty and whitespace replies, 100 KB replies and over-limit replies get clear 4xx errors and store nothing", async () => {
    const id = await conversation("germany");
    const count = async () => (await owner().inbox.thread({ tenantSlug: slug(), conversationId: id })).messages.length;
    const before = await count();
    for (const text of ["", "   \n  "]) {
      const res = await httpCall(db, shop.owner, "inbox.reply", { tenantSlug: slug(), conversationId: id, text }, { locale: "pl" });
      expect(res.status).toBe(400);
    }
    const huge = await httpCall(db, shop.owner, "inbox.reply", { tenantSlug: slug(), conversationId: id, text: "x".repeat(100_000) });
    expect(huge.status).toBe(400);
    const overChannel = await httpCall(db, shop.owner, "inbox.reply", { tenantSlug: slug(), conversationId: id, text: "y".repeat(2001) });
    expect(overChannel.status).toBe(400);
    expect(overChannel.body.error?.json?.message).toMatch(/2000/);
    expect(await count()).toBe(before);
  });

  it("replying to a resolved conversation or through a disconnected account is refused with the reason", async () => {
    const resolved = (await owner().inbox.list({ tenantSlug: slug(), status: "resolved" })).items[0]?.id ?? "";
    const r1 = await httpCall(db, shop.owner, "inbox.reply", { tenantSlug: slug(), conversationId: resolved, text: "Hej" });
    expect(r1.status).toBe(412);
    const other = await seedTenant(db, "disc");
    await seedDemoInbox(db, other.tenant.id, other.owner.id);
    const otherChannel = (await demoChannel(db, other)).id;
    const otherConv = (await callerFor(db, other.owner).inbox.list({ tenantSlug: other.tenant.slug, status: "open" })).items[0]?.id ?? "";
    await callerFor(db, other.owner).inbox.disconnectChannel({ tenantSlug: other.tenant.slug, channelAccountId: otherChannel });
    const r2 = await httpCall(db, other.owner, "inbox.reply", { tenantSlug: other.tenant.slug, conversationId: otherConv, text: "Hej" });
    expect(r2.status).toBe(412);
    expect(JSON.stringify(r2.body)).not.toMatch(/stack|prisma/i);
  });

  it("unknown ids, bad tags, snoozing into the past and non-demo simulation are 4xx", async () => {
    const id = await conversation("germany");
    const bad: [string, unknown][] = [
      ["inbox.thread", { tenantSlug: slug(), conversationId: crypto.randomUUID() }],
      ["inbox.setTags", { tenantSlug: slug(), conversationId: id, tags: ["<script>"] }],
      ["inbox.setStatus", { tenantSlug: slug(), conversationId: id, status: "snoozed", snoozedUntil: new Date(Date.now() - 1000) }],
      ["inbox.setStatus", { tenantSlug: slug(), conversationId: id, status: "deleted" }],
      ["inbox.simulateIncoming", { tenantSlug: slug(), channelAccountId: channelId, text: "" }],
      ["inbox.retryMessage", { tenantSlug: slug(), messageId: crypto.randomUUID() }],
    ];
    for (const [path, input] of bad) {
      const res = await httpCall(db, shop.owner, path, input, { method: path === "inbox.thread" ? "query" : "mutation" });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

describe("canned replies", () => {
  it("fill variables and keep unknown ones visible", () => {
    expect(renderCannedReply("Dzień dobry {kupujacy}, pozdrawia {sklep} {foo}", { buyer: "marta_k93", shop: "Demo Shop" })).toBe(
      "Dzień dobry marta_k93, pozdrawia Demo Shop {foo}",
    );
  });

  it("are managed by admins, with unique titles", async () => {
    const c = owner();
    const created = await c.inbox.createCannedReply({ tenantSlug: slug(), title: "Nowy", body: "Treść" });
    await expect(c.inbox.createCannedReply({ tenantSlug: slug(), title: "Nowy", body: "Inna" })).rejects.toMatchObject({ code: "CONFLICT" });
    await c.inbox.updateCannedReply({ tenantSlug: slug(), id: created.id, title: "Nowy 2", body: "Treść 2" });
    expect((await c.inbox.cannedReplies({ tenantSlug: slug() })).map((r) => r.title)).toContain("Nowy 2");
    await c.inbox.deleteCannedReply({ tenantSlug: slug(), id: created.id });
    const member = await addMember(db, shop, "member", "canned");
    await expect(callerFor(db, member).inbox.createCannedReply({ tenantSlug: slug(), title: "X", body: "Y" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
