import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { demoChannel } from "./support/inbox";
import { FakeModelApi } from "./support/fake-model-api";
import { configureEnv } from "./support/env";
import { endSuite } from "./support/suite";
import { buyerConversation, playgroundAnswer } from "./support/ai";
import { drainInlineJobs, setInlineBackoffScaleForTests } from "@/server/infra/jobs";
import { tenantDb } from "@/server/db/tenant-scope";
import { VERBATIM } from "@/server/ai/thread-summary";

/**
 * Who the engine answers with and who it hands over to: escalation routing and in-app
 * notifications, a tenant's own (sealed) provider key, Anthropic, the streamed
 * playground and rolling summaries of long threads. Models are a fake server over HTTP.
 */
let db: TestDatabase;
let shop: SeededTenant;
let other: SeededTenant;
let channelId: string;
let anna: Awaited<ReturnType<typeof addMember>>;
let piotr: Awaited<ReturnType<typeof addMember>>;
const fake = new FakeModelApi();
const TENANT_KEY = "sk-tenant-own-0123456789abcdef";

const SHIPPING = "# Wysyłka\n\nZamówienia wysyłamy w ciągu 24 godzin kurierem InPost. Koszt dostawy kurierem to 14,99 zł. Od 200 zł dostawa jest darmowa.";

const caller = (user = shop.owner) => callerFor(db, user);
const slug = () => shop.tenant.slug;
const scoped = () => tenantDb(db.prisma, shop.tenant.id);
const systemOf = FakeModelApi.systemPrompt;
const { buyerWrites, latest } = buyerConversation(() => ({ db, owner: shop.owner, tenantSlug: slug(), channelId }), "Ewa");

beforeAll(async () => {
  await fake.start();
  fake.keys.add(TENANT_KEY);
  configureEnv({ AI_PROVIDER: "none", EMBEDDING_PROVIDER: "none", OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.url, ANTHROPIC_BASE_URL: fake.url, AI_DEBOUNCE_SECONDS: "0" });
  setInlineBackoffScaleForTests(0.001);
  db = await openTestDatabase();
  shop = await seedTenant(db, "routing");
  other = await seedTenant(db, "routing-other");
  anna = await addMember(db, shop, "member", "anna");
  piotr = await addMember(db, shop, "admin", "piotr");
  channelId = (await demoChannel(db, shop)).id;
  await caller().knowledgeBase.createFromText({ tenantSlug: slug(), title: "Wysyłka", text: SHIPPING });
  await drainInlineJobs();
});
afterAll(() => endSuite(db, fake));

describe("escalation: assign by rule, notify in the app", () => {
  beforeEach(async () => {
    configureEnv({ AI_PROVIDER: "none" });
    await caller().ai.updateSettings({ tenantSlug: slug(), escalationRules: [] });
    await caller().notifications.markAllRead({ tenantSlug: slug() });
    await caller(piotr).notifications.markAllRead({ tenantSlug: slug() });
  });

  it("without rules, every owner and admin is notified and nobody is assigned", async () => {
    const id = await buyerWrites("Chcę rozmawiać z człowiekiem, nie z botem!");
    const thread = await caller().inbox.thread({ tenantSlug: slug(), conversationId: id });
    expect(thread.conversation.assignee?.id ?? null).toBeNull();
    for (const user of [shop.owner, piotr]) {
      const list = await caller(user).notifications.list({ tenantSlug: slug(), unreadOnly: true });
      expect(list.items.find((n) => n.conversation?.id === id)).toMatchObject({ kind: "ai_escalated", reason: "ai.reasons.humanRequested", read: false });
    }
    expect((await caller(anna).notifications.list({ tenantSlug: slug() })).items.filter((n) => n.conversation?.id === id)).toEqual([]);
  });

  it("the first matching rule assigns the conversation, and only the assignee is notified", async () => {
    await caller().ai.updateSettings({
      tenantSlug: slug(),
      escalationRules: [
        { intent: "complaint", assigneeId: anna.id },
        { intent: "*", assigneeId: piotr.id },
      ],
    });
    const complaint = await buyerWrites("Paczka przyszła uszkodzona, chcę rozmawiać z człowiekiem!", undefined, "Adam");
    const other = await buyerWrites("Chcę rozmawiać z kierownikiem.", undefined, "Beata");
    const threads = await Promise.all([complaint, other].map((conversationId) => caller().inbox.thread({ tenantSlug: slug(), conversationId })));
    expect(threads.map((t) => t.conversation.assignee?.id)).toEqual([anna.id, piotr.id]);
    expect(threads[0]!.events.find((e) => e.type === "assigned")).toMatchObject({ actorUserId: null, data: { to: anna.id, byRule: "complaint" } });

    const annas = await caller(anna).notifications.list({ tenantSlug: slug(), unreadOnly: true });
    expect(annas.items.map((n) => n.conversation?.id)).toEqual([complaint]);
    expect(await caller(anna).notifications.unreadCount({ tenantSlug: slug() })).toBe(1);
    const owners = await caller().notifications.list({ tenantSlug: slug(), unreadOnly: true });
    expect(owners.items).toEqual([]);

    await caller(anna).notifications.markRead({ tenantSlug: slug(), ids: [annas.items[0]!.id] });
    expect(await caller(anna).notifications.unreadCount({ tenantSlug: slug() })).toBe(0);
    // Another member's notification is not theirs to mark.
    const piotrs = await caller(piotr).notifications.list({ tenantSlug: slug(), unreadOnly: true });
    await expect(caller(anna).notifications.markRead({ tenantSlug: slug(), ids: [piotrs.items[0]!.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("opening a conversation settles the opener's notifications about it, and no one else's", async () => {
    await caller().ai.updateSettings({ tenantSlug: slug(), escalationRules: [] });
    const first = await buyerWrites("Chcę rozmawiać z człowiekiem, nie z botem.", undefined, "Daria");
    const second = await buyerWrites("Proszę o kontakt z konsultantem.", undefined, "Edward");
    const unreadAbout = async (user: typeof piotr | undefined) =>
      (await caller(user).notifications.list({ tenantSlug: slug(), unreadOnly: true })).items.map((n) => n.conversation?.id);
    expect(await unreadAbout(piotr)).toEqual(expect.arrayContaining([first, second]));
    expect(await unreadAbout(undefined)).toEqual(expect.arrayContaining([first, second]));

    expect(await caller(piotr).notifications.markConversationRead({ tenantSlug: slug(), conversationId: first })).toEqual({ updated: 1 });
    expect(await unreadAbout(piotr)).not.toContain(first);
    expect(await unreadAbout(piotr)).toContain(second);
    expect(await unreadAbout(undefined)).toContain(first);
    // Opening it again finds nothing left to settle.
    expect(await caller(piotr).notifications.markConversationRead({ tenantSlug: slug(), conversationId: first })).toEqual({ updated: 0 });
  });

  it("a conversation someone already owns stays theirs", async () => {
    await caller().ai.updateSettings({ tenantSlug: slug(), escalationRules: [{ intent: "*", assigneeId: piotr.id }] });
    const id = await buyerWrites("Dzień dobry, ile kosztuje dostawa kurierem?", undefined, "Celina");
    await caller().inbox.assign({ tenantSlug: slug(), conversationId: id, assigneeId: anna.id });
    await buyerWrites("To skandal, chcę rozmawiać z człowiekiem!", id, "Celina");
    expect((await caller().inbox.thread({ tenantSlug: slug(), conversationId: id })).conversation.assignee?.id ?? null).toBe(anna.id);
    const annas = await caller(anna).notifications.list({ tenantSlug: slug(), unreadOnly: true });
    expect(annas.items.map((n) => n.conversation?.id)).toContain(id);
  });

  it("a rule naming someone outside the team is refused", async () => {
    await expect(
      caller().ai.updateSettings({ tenantSlug: slug(), escalationRules: [{ intent: "*", assigneeId: other.owner.id }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "ai.errors.assigneeNotMember" });
  });
});

describe("a tenant's own provider key", () => {
  beforeEach(async () => {
    configureEnv({ AI_PROVIDER: "none" });
    await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "platform" });
    fake.chat = () => ({ content: "Dostawa kurierem kosztuje 14,99 zł [1].", usage: { prompt: 200, completion: 10 } });
  });

  it("answers with the tenant's key and models, is never returned, and is sealed at rest", async () => {
    const saved = await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "openai", apiKey: TENANT_KEY, modelFast: "gpt-4.1-mini" });
    expect(saved.model).toMatchObject({ provider: "openai", hasOwnKey: true, modelFast: "gpt-4.1-mini", modelSmart: null });
    expect(JSON.stringify(saved)).not.toContain(TENANT_KEY);
    expect(JSON.stringify(await caller().ai.settings({ tenantSlug: slug() }))).not.toContain(TENANT_KEY);
    const status = await caller().ai.status({ tenantSlug: slug() });
    expect(status).toMatchObject({ responder: "model", provider: "openai", fastModel: "gpt-4.1-mini", smartModel: "gpt-4.1", ownKey: true });
    const [row] = await db.owner.query<{ api_key_encrypted: string }>(`SELECT api_key_encrypted FROM ai_settings WHERE tenant_id = $1`, [shop.tenant.id]);
    expect(row!.api_key_encrypted).toMatch(/^v1\./);
    expect(row!.api_key_encrypted).not.toContain(TENANT_KEY);

    const before = fake.requests.length;
    const id = await buyerWrites("Ile kosztuje dostawa kurierem?", undefined, "Daria");
    const reply = await latest(id);
    expect(reply).toMatchObject({ provider: "openai", model: "gpt-4.1-mini" });
    expect(fake.requests.slice(before).map((r) => r.key)).toEqual([TENANT_KEY]);
    const usage = await scoped().aiUsageEvent.findFirst({ where: { conversationId: id, kind: "generation" } });
    expect(usage).toMatchObject({ keySource: "tenant", model: "gpt-4.1-mini" });
  });

  it("a tenant over its plan's budget keeps the smart tier with its own key", async () => {
    await db.owner.query(`UPDATE plans SET ai_budget_pln_micros = 0 WHERE id = (SELECT plan_id FROM tenants WHERE id = $1)`, [shop.tenant.id]);
    try {
      await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "openai", apiKey: TENANT_KEY });
      const id = await buyerWrites("Paczka przyszła uszkodzona. Ile kosztuje dostawa kurierem?", undefined, "Edyta");
      const reply = await latest(id);
      expect(reply.tier).toBe("smart");
      expect(reply.reasons).not.toContain("ai.reasons.budgetExhausted");
    } finally {
      await db.owner.query(`UPDATE plans SET ai_budget_pln_micros = 5000000 WHERE id = (SELECT plan_id FROM tenants WHERE id = $1)`, [shop.tenant.id]);
    }
  });

  it("needs a key to switch, keeps the stored key when only models change, and forgets it on the way back", async () => {
    await expect(caller().ai.setModelProvider({ tenantSlug: slug(), provider: "anthropic" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().ai.setModelProvider({ tenantSlug: slug(), provider: "openai", apiKey: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "openai", apiKey: TENANT_KEY });
    const renamed = await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "openai", modelSmart: "gpt-4o" });
    expect(renamed.model).toMatchObject({ hasOwnKey: true, modelSmart: "gpt-4o" });
    await expect(caller().ai.checkModel({ tenantSlug: slug() })).resolves.toMatchObject({ ok: true, provider: "openai" });
    const back = await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "platform" });
    expect(back.model).toEqual({ provider: "platform", hasOwnKey: false, keyUpdatedAt: null, modelFast: null, modelSmart: null });
    const [row] = await db.owner.query<{ api_key_encrypted: string | null }>(`SELECT api_key_encrypted FROM ai_settings WHERE tenant_id = $1`, [shop.tenant.id]);
    expect(row!.api_key_encrypted).toBeNull();
  });

  it("a key the provider refuses is reported by the check, in words", async () => {
    await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "openai", apiKey: "sk-revoked-0123456789abcdef" });
    await expect(caller().ai.checkModel({ tenantSlug: slug() })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "ai.errors.modelCheckFailed" });
  });

  it("members cannot set a key", async () => {
    await expect(caller(anna).ai.setModelProvider({ tenantSlug: slug(), provider: "openai", apiKey: TENANT_KEY })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("Anthropic (Messages API over HTTP)", () => {
  beforeEach(() => {
    configureEnv({ AI_PROVIDER: "anthropic", ANTHROPIC_API_KEY: fake.apiKey });
  });

  it("answers through Anthropic, using get_order_status as a tool", async () => {
    const id = await buyerWrites("Gdzie jest moja paczka?", undefined, "Franek");
    await db.owner.query(`UPDATE conversations SET order_snapshot = $1 WHERE id = $2`, [
      JSON.stringify({ id: "ORD-1", status: "SENT", items: [], tracking: [{ carrier: "InPost", waybill: "620000999888777" }] }),
      id,
    ]);
    let round = 0;
    fake.chat = (body) => {
      round++;
      if (round === 1) return { toolCalls: [{ name: "get_order_status", arguments: {} }] };
      expect(JSON.stringify(body.messages.filter((m) => m.role === "tool"))).toContain("620000999888777");
      return { content: "Paczka jest w drodze, numer 620000999888777 [order]." };
    };
    const before = fake.requests.length;
    await caller().ai.regenerate({ tenantSlug: slug(), conversationId: id });
    const reply = await latest(id);
    expect(reply).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5" });
    expect(reply.text).toContain("620000999888777");
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(["/v1/messages", "/v1/messages"]);
    // claude-haiku-4-5 is priced: the usage has a cost.
    const usage = await scoped().aiUsageEvent.findFirst({ where: { conversationId: id, provider: "anthropic" }, orderBy: { createdAt: "desc" } });
    expect(usage?.costUsdMicros).toBeGreaterThan(0n);
  });
});

describe("the playground streams", () => {
  it("sends the text in pieces as the model writes, then the cleaned reply with sources and cost", async () => {
    configureEnv({ AI_PROVIDER: "openai" });
    fake.chat = () => ({ content: "Dzień dobry! Dostawa kurierem kosztuje 14,99 zł [1], a od 200 zł jest darmowa [1]." });
    const answer = await playgroundAnswer(caller().ai.playground({ tenantSlug: slug(), question: "Ile kosztuje dostawa kurierem?" }));
    expect(answer.pieces.length).toBeGreaterThan(5);
    expect(answer.pieces.join("")).toContain("14,99 zł [1]");
    expect(answer.text).toBe("Dzień dobry! Dostawa kurierem kosztuje 14,99 zł, a od 200 zł jest darmowa.");
    expect(answer.sources.map((s) => s.title)).toEqual(["Wysyłka"]);
    expect(answer).toMatchObject({ provider: "openai", model: "gpt-4o-mini", inputTokens: 100, outputTokens: 20 });
    expect(answer.costUsd).toBeGreaterThan(0);
    expect(fake.chatRequests().at(-1)?.stream).toBe(true);
  });

  it("a failing model ends the stream with a clear error", async () => {
    configureEnv({ AI_PROVIDER: "openai" });
    fake.failNext = 5;
    await expect(playgroundAnswer(caller().ai.playground({ tenantSlug: slug(), question: "Ile kosztuje dostawa?" }))).rejects.toMatchObject({
      code: "BAD_GATEWAY",
      message: "ai.errors.generationFailed",
    });
    fake.failNext = 0;
  });

  it("the offline responder streams its whole reply at once", async () => {
    configureEnv({ AI_PROVIDER: "none" });
    const answer = await playgroundAnswer(caller().ai.playground({ tenantSlug: slug(), question: "Ile kosztuje dostawa kurierem?" }));
    expect(answer.pieces).toEqual([answer.text]);
    expect(answer.text).toContain("14,99 zł");
  });
});

describe("rolling summary of a long thread", () => {
  it("folds what came before the verbatim window into a summary the next turn reads, as data", async () => {
    configureEnv({ AI_PROVIDER: "openai" });
    await caller().ai.setModelProvider({ tenantSlug: slug(), provider: "platform" });
    const summaries: string[] = [];
    fake.chat = (body) => {
      if (systemOf(body).includes("running summary")) {
        const text = JSON.stringify(body.messages);
        summaries.push(text);
        return { content: `Kupująca pyta o zamówienie ORD-77 i dostawę (${(text.match(/Wiadomość \d+/g) ?? []).length} wiadomości).` };
      }
      return { content: "Dostawa kurierem kosztuje 14,99 zł [1]." };
    };
    // A thread long enough that older turns fall out of the verbatim window.
    let id = await buyerWrites("Wiadomość 0: zamówienie ORD-77, ile kosztuje dostawa kurierem?", undefined, "Gosia");
    for (let i = 1; i < VERBATIM + 8; i++) {
      if (i % 2) await caller().inbox.reply({ tenantSlug: slug(), conversationId: id, text: `Odpowiedź sklepu ${i}` });
      else id = await buyerWrites(`Wiadomość ${i}: a ile kosztuje dostawa kurierem?`, id, "Gosia");
    }
    await drainInlineJobs();
    const conversation = await scoped().conversation.findUniqueOrThrow({ where: { id }, select: { aiSummary: true, aiSummaryThrough: true } });
    expect(conversation.aiSummary).toMatch(/ORD-77/);
    expect(conversation.aiSummaryThrough).not.toBeNull();
    // The summariser saw the oldest messages, which the reply request no longer carries verbatim.
    expect(summaries.some((s) => s.includes("Wiadomość 0"))).toBe(true);

    await buyerWrites("Wiadomość końcowa: a dostawa kurierem?", id, "Gosia");
    const request = fake.chatRequests().filter((b) => !systemOf(b).includes("running summary")).at(-1)!;
    const summaryTurn = request.messages.find((m) => JSON.stringify(m.content).includes("<conversation_summary>"));
    expect(summaryTurn?.role).toBe("user");
    expect(systemOf(request)).not.toContain("ORD-77");
    // Usage of the summariser is recorded like any other call.
    const recorded = await scoped().aiUsageEvent.count({ where: { conversationId: id, outcome: "summary" } });
    expect(recorded).toBeGreaterThanOrEqual(1);
  });
});
