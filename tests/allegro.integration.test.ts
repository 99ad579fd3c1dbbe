import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { FakeAllegro } from "./support/fake-allegro";
import { connectAllegro, useFakeAllegro } from "./support/inbox";
import { pollChannelAccount } from "@/server/inbox/poll-service";
import { deliverOutboundMessage } from "@/server/inbox/delivery-service";
import { dispatchAllOutboxes } from "@/server/infra/outbox";
import { endSuite } from "./support/suite";
import { drainInlineJobs, RetryLaterError, setInlineBackoffScaleForTests } from "@/server/infra/jobs";
import { tenantDb } from "@/server/db/tenant-scope";
import { databaseCredentialProvider, openCredentials } from "@/server/marketplaces/credentials";
import { requestAllegroToken } from "@/server/marketplaces/allegro/allegro-client";
import { setConnectorForTests } from "@/server/marketplaces/registry";

let db: TestDatabase;
let fake: FakeAllegro;
let shop: SeededTenant;

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeAllegro().start();
  useFakeAllegro(db, fake);
});
afterAll(async () => {
  await endSuite(db, fake);
  setConnectorForTests("allegro", undefined);
});
beforeEach(async () => {
  shop = await seedTenant(db, "allegro");
  // These tests are about the connector. The AI engine would answer every polled buyer
  // message in the same process, and on PGlite its queries hold the event loop, which
  // skews the fake Allegro's arrival timestamps the rate-limit test measures.
  await callerFor(db, shop.owner).ai.updateSettings({ tenantSlug: shop.tenant.slug, enabled: false });
  fake.threads.clear();
  fake.failNext = null;
  fake.rateLimitNext = null;
});

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.owner.query<T>(sql, params);

async function messageRows(tenantId: string) {
  return q<{ external_id: string; direction: string; platform_status: string | null; text: string }>(
    `SELECT external_id, direction, platform_status, text FROM messages WHERE tenant_id = $1 ORDER BY platform_created_at`,
    [tenantId],
  );
}

describe("Allegro polling", () => {
  it("imports threads and messages with direction, status, order and offer links", async () => {
    const account = await connectAllegro(db, shop, fake);
    const t1 = fake.addThread("kupujacy_jan");
    fake.orders.set("order-1", {
      id: "order-1",
      status: "READY_FOR_PROCESSING",
      buyer: { login: "kupujacy_jan" },
      fulfillment: { status: "SENT" },
      delivery: { method: { name: "InPost Paczkomaty 24/7" } },
      lineItems: [{ offer: { name: "Kurtka zimowa XL" }, quantity: 1, price: { amount: "249.00", currency: "PLN" }, boughtAt: "2026-11-20T10:00:00Z" }],
      shipments: [{ waybill: "6200000000001", carrierName: "InPost" }],
    });
    fake.offers.set("1234567", { id: "1234567", name: "Kurtka zimowa XL", sellingMode: { price: { amount: "249.00", currency: "PLN" } }, stock: { available: 3, unit: "UNIT" }, publication: { status: "ACTIVE" } });
    fake.addMessage(t1, "Dzień dobry, kiedy wyślecie kurtkę?", { at: new Date(Date.now() - 60_000), orderId: "order-1", offerId: "1234567" });
    fake.addMessage(t1, "Jutro rano.", { fromBuyer: false, at: new Date(Date.now() - 30_000) });
    const t2 = fake.addThread(null); // buyer deleted their account
    fake.addMessage(t2, "Czy jest rozmiar M?", { at: new Date(Date.now() - 10_000) });

    const outcome = await pollChannelAccount(db, shop.tenant.id, account.id);
    expect(outcome).toMatchObject({ status: "polled", result: { newMessages: 3, newConversations: 2 } });
    const rows = await messageRows(shop.tenant.id);
    expect(rows.map((r) => [r.direction, r.platform_status])).toEqual([
      ["inbound", "DELIVERED"],
      ["outbound", "DELIVERED"],
      ["inbound", "DELIVERED"],
    ]);
    const convs = await q<{ external_thread_id: string; order_external_id: string | null; offer_external_id: string | null; customer_id: string | null; order_snapshot: { items: { name: string }[]; tracking: { waybill: string }[]; deliveryMethod: string } | null; awaiting_reply_since: Date | null; unread_count: number }>(
      `SELECT * FROM conversations WHERE tenant_id = $1 ORDER BY number`,
      [shop.tenant.id],
    );
    const withOrder = convs.find((c) => c.external_thread_id === t1);
    expect(withOrder).toMatchObject({ order_external_id: "order-1", offer_external_id: "1234567", awaiting_reply_since: null, unread_count: 1 });
    expect(withOrder?.order_snapshot).toMatchObject({ deliveryMethod: "InPost Paczkomaty 24/7", items: [{ name: "Kurtka zimowa XL" }], tracking: [{ waybill: "6200000000001" }] });
    const [offer] = await q<{ offer_snapshot: unknown }>(`SELECT offer_snapshot FROM conversations WHERE external_thread_id = $1`, [t1]);
    expect(offer!.offer_snapshot).toMatchObject({ id: "1234567", name: "Kurtka zimowa XL", price: { amount: "249.00", currency: "PLN" }, available: 3, status: "ACTIVE" });
    const orphan = convs.find((c) => c.external_thread_id === t2);
    expect(orphan).toMatchObject({ customer_id: null, unread_count: 1 });
    expect(orphan?.awaiting_reply_since).not.toBeNull();
  });

  it("stores rich messages' HTML only sanitised, with plain text for search and the AI engine", async () => {
    const { ingestThreads } = await import("@/server/inbox/ingest");
    const account = await connectAllegro(db, shop, fake);
    await ingestThreads(db, { id: account.id, tenantId: shop.tenant.id }, [
      {
        externalThreadId: "rich-thread-1",
        customer: { externalId: "html_buyer" },
        messages: [{ externalId: "rich-1", direction: "inbound", text: "", html: `<p>Czy mogę <b>wymienić</b> rozmiar?</p><img src=x onerror="alert(1)"><script>steal()</script>`, createdAt: new Date(), attachments: [] }],
      },
    ]);
    const [row] = await q<{ text: string; html: string }>(`SELECT text, html FROM messages WHERE external_id = 'rich-1'`, []);
    expect(row).toEqual({ text: "Czy mogę wymienić rozmiar?", html: "<p>Czy mogę <b>wymienić</b> rozmiar?</p>" });
  });

  it("a 429 while polling holds the whole account back until Retry-After, not just one retry", async () => {
    const { listPollableChannelAccounts } = await import("@/server/db/system");
    const account = await connectAllegro(db, shop, fake);
    fake.addMessage(fake.addThread("kupujacy_cierpliwy"), "Czy jest na stanie?", { at: new Date(Date.now() - 5_000) });
    fake.rateLimitNext = { retryAfterSeconds: 120, times: 1 };
    const error = await pollChannelAccount(db, shop.tenant.id, account.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    const [row] = await q<{ poll_not_before: Date }>(`SELECT poll_not_before FROM channel_accounts WHERE id = $1`, [account.id]);
    expect(row!.poll_not_before.getTime() - Date.now()).toBeGreaterThan(100_000);
    // Neither the minute's fan-out nor a stray poll event touches Allegro meanwhile.
    expect((await listPollableChannelAccounts(db.prisma)).map((a) => a.id)).not.toContain(account.id);
    const requests = fake.requests.length;
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toEqual({ status: "skipped", reason: "backing off (Retry-After)" });
    expect(fake.requests.length).toBe(requests);
    // Once the time has passed, polling resumes and the hold is cleared.
    await q(`UPDATE channel_accounts SET poll_not_before = now() - interval '1 second' WHERE id = $1`, [account.id]);
    expect((await listPollableChannelAccounts(db.prisma)).map((a) => a.id)).toContain(account.id);
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toMatchObject({ status: "polled", result: { newMessages: 1 } });
    const [after] = await q<{ poll_not_before: Date | null }>(`SELECT poll_not_before FROM channel_accounts WHERE id = $1`, [account.id]);
    expect(after!.poll_not_before).toBeNull();
  });

  it("serves a buyer's attachment through the connector with the seller's token, never to another host", async () => {
    const { downloadInboundAttachment } = await import("@/server/inbox/attachment-service");
    const { ingestThreads } = await import("@/server/inbox/ingest");
    const account = await connectAllegro(db, shop, fake);
    const pdf = Buffer.from("%PDF-1.4\n% faktura\n");
    const thread = fake.addThread("kupujacy_z_plikiem");
    fake.addMessage(thread, "W załączniku zdjęcie uszkodzenia", { at: new Date(Date.now() - 5_000), file: { fileName: "uszkodzenie.pdf", contentType: "application/pdf", bytes: pdf } });
    fake.addMessage(thread, "I jeszcze to", { at: new Date(Date.now() - 4_000), file: { fileName: "wirus.pdf", contentType: "application/pdf", bytes: pdf, status: "UNSAFE" } });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const rows = await q<{ id: string; text: string }>(`SELECT id, text FROM messages WHERE tenant_id = $1 AND conversation_id = (SELECT id FROM conversations WHERE external_thread_id = $2) ORDER BY platform_created_at`, [shop.tenant.id, thread]);
    const scoped = tenantDb(db.prisma, shop.tenant.id);

    const file = await downloadInboundAttachment(db, scoped, shop.tenant.id, rows[0]!.id, 0);
    expect(file).toMatchObject({ fileName: "uszkodzenie.pdf", mimeType: "application/pdf" });
    expect(Buffer.from(file.bytes).equals(pdf)).toBe(true);
    await expect(downloadInboundAttachment(db, scoped, shop.tenant.id, rows[1]!.id, 0)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", key: "inbox.errors.attachmentUnsafe" });
    await expect(downloadInboundAttachment(db, scoped, shop.tenant.id, rows[0]!.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Another tenant asking for this message gets nothing.
    const other = await seedTenant(db, "obcy");
    await expect(downloadInboundAttachment(db, tenantDb(db.prisma, other.tenant.id), other.tenant.id, rows[0]!.id, 0)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // An attachment address naming another host never receives the token.
    await ingestThreads(db, { id: account.id, tenantId: shop.tenant.id }, [
      { externalThreadId: "evil-thread", customer: { externalId: "x" }, messages: [{ externalId: "evil-1", direction: "inbound", text: "plik", createdAt: new Date(), attachments: [{ fileName: "a.pdf", url: "https://evil.example/messaging/message-attachments/abc", status: "SAFE" }] }] },
    ]);
    const [evil] = await q<{ id: string }>(`SELECT id FROM messages WHERE external_id = 'evil-1'`, []);
    await expect(downloadInboundAttachment(db, scoped, shop.tenant.id, evil!.id, 0)).rejects.toMatchObject({ code: "NOT_FOUND", key: "inbox.errors.attachmentUnavailable" });
  });

  it("refreshes a token about to expire before using it (no 401 round trip)", async () => {
    // Issued with 2 minutes left: inside the 5-minute margin.
    const account = await connectAllegro(db, shop, fake, fake.issueTokens(120));
    fake.addMessage(fake.addThread("kupujacy_swiezy"), "Dzień dobry", { at: new Date(Date.now() - 5_000) });
    const refreshes = fake.refreshCount;
    const before401 = fake.unauthorizedCount;
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toMatchObject({ status: "polled" });
    expect(fake.refreshCount).toBe(refreshes + 1);
    expect(fake.unauthorizedCount).toBe(before401);
  });

  it("every request, token refreshes included, counts in the application-wide bucket", async () => {
    const { createAllegroConnector, ALLEGRO_LIMIT_RULES } = await import("@/server/marketplaces/allegro/allegro-connector");
    const { MemoryRateLimiter } = await import("@/server/infra/rate-limit");
    const app = new MemoryRateLimiter(ALLEGRO_LIMIT_RULES.app);
    const counted: string[] = [];
    const connector = createAllegroConnector(
      db,
      { apiUrl: fake.apiUrl, authUrl: fake.authUrl, clientId: fake.clientId, clientSecret: fake.clientSecret },
      { app: { limit: (key) => (counted.push(key), app.limit(key)) }, send: new MemoryRateLimiter(ALLEGRO_LIMIT_RULES.send) },
    );
    setConnectorForTests("allegro", connector);
    try {
      const account = await connectAllegro(db, shop, fake, fake.issueTokens(60));
      fake.addMessage(fake.addThread("kupujacy_liczony"), "Dzień dobry", { at: new Date(Date.now() - 5_000) });
      const apiRequests = fake.requests.length;
      const refreshes = fake.refreshCount;
      await pollChannelAccount(db, shop.tenant.id, account.id);
      expect(fake.refreshCount).toBe(refreshes + 1);
      // One slot per request the fake saw (the refresh at /auth/oauth/token included), all in the one shared bucket.
      expect(fake.requests.slice(apiRequests).some((r) => r.path === "/auth/oauth/token")).toBe(true);
      expect(counted.length).toBe(fake.requests.length - apiRequests);
      expect(new Set(counted)).toEqual(new Set(["all"]));
    } finally {
      useFakeAllegro(db, fake);
    }
  });

  it("marking a conversation read is mirrored to the Allegro thread", async () => {
    const { mirrorThreadRead } = await import("@/server/inbox/mirror-read");
    const account = await connectAllegro(db, shop, fake);
    const thread = fake.addThread("kupujacy_czytany");
    fake.addMessage(thread, "Czy jest kolor czarny?", { at: new Date(Date.now() - 5_000) });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const [conv] = await q<{ id: string }>(`SELECT id FROM conversations WHERE external_thread_id = $1`, [thread]);
    expect(fake.threads.get(thread)?.read).toBe(false);
    await mirrorThreadRead(db, shop.tenant.id, conv!.id);
    expect(fake.threads.get(thread)?.read).toBe(true);
    expect(fake.requests.some((r) => r.method === "PUT" && r.path.endsWith(`/messaging/threads/${thread}/read`))).toBe(true);
  });

  it("an order Allegro does not know (or another seller's) leaves the facts empty, not the poll failed", async () => {
    const account = await connectAllegro(db, shop, fake);
    const thread = fake.addThread("kupujacy_obcy");
    fake.addMessage(thread, "Pytanie o zamówienie", { at: new Date(Date.now() - 5_000), orderId: "not-ours-404" });
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toMatchObject({ status: "polled", result: { newMessages: 1 } });
    const [conv] = await q<{ order_external_id: string; order_snapshot: unknown }>(`SELECT order_external_id, order_snapshot FROM conversations WHERE external_thread_id = $1`, [thread]);
    expect(conv).toEqual({ order_external_id: "not-ours-404", order_snapshot: null });
  });

  it("re-reads the order's facts when the buyer writes again and they are older than 15 minutes", async () => {
    const account = await connectAllegro(db, shop, fake);
    const thread = fake.addThread("kupujaca_ola");
    fake.orders.set("order-2", {
      id: "order-2",
      status: "READY_FOR_PROCESSING",
      buyer: { login: "kupujaca_ola" },
      fulfillment: { status: "PROCESSING" },
      delivery: { method: { name: "Kurier DPD" } },
      lineItems: [{ offer: { name: "Lampka biurkowa" }, quantity: 1, price: { amount: "89.00", currency: "PLN" }, boughtAt: "2026-11-21T10:00:00Z" }],
      shipments: [],
    });
    fake.addMessage(thread, "Kiedy wyślecie lampkę?", { at: new Date(Date.now() - 50_000), orderId: "order-2" });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const snapshot = async () =>
      (await q<{ order_snapshot: { fulfillmentStatus: string; tracking: { waybill: string }[] } }>(`SELECT order_snapshot FROM conversations WHERE external_thread_id = $1`, [thread]))[0]!.order_snapshot;
    expect(await snapshot()).toMatchObject({ fulfillmentStatus: "PROCESSING", tracking: [] });
    const lookups = () => fake.requests.filter((r) => r.path.endsWith("/order/checkout-forms/order-2")).length;
    const before = lookups();

    // The order ships; the buyer asks again at once: facts fetched a minute ago are kept.
    const order = fake.orders.get("order-2") as Record<string, unknown>;
    fake.orders.set("order-2", { ...order, fulfillment: { status: "SENT" }, shipments: [{ waybill: "DPD000111", carrierName: "DPD" }] });
    fake.addMessage(thread, "Halo?", { at: new Date(Date.now() - 40_000), orderId: "order-2" });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    expect(lookups()).toBe(before);

    // Twenty minutes later the buyer writes again: the facts are re-read.
    await db.owner.query(`UPDATE conversations SET order_snapshot = jsonb_set(order_snapshot, '{fetchedAt}', to_jsonb((now() - interval '20 minutes')::text)) WHERE external_thread_id = $1`, [thread]);
    fake.addMessage(thread, "Czy paczka już wyszła?", { at: new Date(Date.now() - 30_000), orderId: "order-2" });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    expect(lookups()).toBe(before + 1);
    expect(await snapshot()).toMatchObject({ fulfillmentStatus: "SENT", tracking: [{ waybill: "DPD000111" }] });
  });

  it("re-polling, overlapping pages and out-of-order arrival never duplicate a message", async () => {
    const account = await connectAllegro(db, shop, fake);
    // 45 threads: three pages of 20
    const threads = Array.from({ length: 45 }, (_, i) => fake.addThread(`buyer_${i}`));
    threads.forEach((t, i) => fake.addMessage(t, `Pytanie ${i}`, { at: new Date(Date.now() - (45 - i) * 1000) }));
    await pollChannelAccount(db, shop.tenant.id, account.id);
    await pollChannelAccount(db, shop.tenant.id, account.id); // same pages again
    expect(await messageRows(shop.tenant.id)).toHaveLength(45);

    // A message held in moderation appears later with an EARLIER timestamp than what we already saw.
    const t = threads[10] as string;
    fake.addMessage(t, "Wiadomość po moderacji", { at: new Date(Date.now() - 20_000), hidden: true });
    fake.addMessage(threads[44] as string, "Nowa wiadomość", { at: new Date() });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    fake.releaseHidden(t);
    await pollChannelAccount(db, shop.tenant.id, account.id);
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const rows = await messageRows(shop.tenant.id);
    expect(rows).toHaveLength(47);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(47);
    expect(rows.map((r) => r.text)).toContain("Wiadomość po moderacji");
    const [{ n } = { n: 0 }] = await q<{ n: string }>(`SELECT count(*) AS n FROM conversations WHERE tenant_id = $1`, [shop.tenant.id]);
    expect(Number(n)).toBe(45);
  });

  it("keeps VERIFYING/BLOCKED messages but announces them only once delivered", async () => {
    const account = await connectAllegro(db, shop, fake);
    const t = fake.addThread("kupujacy_ola");
    const held = fake.addMessage(t, "Wiadomość w weryfikacji", { status: "VERIFYING" });
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const events = () => q<{ event_key: string }>(`SELECT event_key FROM outbox_events WHERE tenant_id = $1 AND name = 'inbox/message.received'`, [shop.tenant.id]);
    expect(await events()).toHaveLength(0);
    expect((await messageRows(shop.tenant.id))[0]?.platform_status).toBe("VERIFYING");
    fake.setMessageStatus(held.id, "DELIVERED");
    await pollChannelAccount(db, shop.tenant.id, account.id);
    await pollChannelAccount(db, shop.tenant.id, account.id);
    expect(await events()).toHaveLength(1);
    expect((await messageRows(shop.tenant.id))[0]?.platform_status).toBe("DELIVERED");
  });

  it("a crash between storing and emitting loses nothing and doubles nothing", async () => {
    const account = await connectAllegro(db, shop, fake);
    const t = fake.addThread("kupujacy_crash");
    fake.addMessage(t, "Halo?");
    // Simulate the crash: the poll stored the message and its outbox row, then the process died before dispatch.
    const { ingestThreads } = await import("@/server/inbox/ingest");
    const connector = useFakeAllegro(db, fake);
    const polled = await connector.poll({ accountId: account.id, tenantId: shop.tenant.id, kind: "allegro", externalAccountId: null }, {});
    await ingestThreads(db, { id: account.id, tenantId: shop.tenant.id }, polled.threads);
    const pending = () => q(`SELECT 1 FROM outbox_events WHERE tenant_id = $1 AND dispatched_at IS NULL`, [shop.tenant.id]);
    expect(await pending()).toHaveLength(1);
    // After restart: the sweep sends it, once.
    expect(await dispatchAllOutboxes(db)).toBeGreaterThanOrEqual(1);
    expect(await pending()).toHaveLength(0);
    expect(await dispatchAllOutboxes(db)).toBe(0);
    // and a re-poll does not create a second event for the same message
    await pollChannelAccount(db, shop.tenant.id, account.id);
    expect(await q(`SELECT 1 FROM outbox_events WHERE tenant_id = $1`, [shop.tenant.id])).toHaveLength(1);
  });
});

describe("Allegro tokens", () => {
  it("refreshes an expired access token once, stores the new single-use pair, and keeps working", async () => {
    const account = await connectAllegro(db, shop, fake);
    fake.addMessage(fake.addThread("b1"), "Test");
    fake.expireAllAccessTokens();
    const before = fake.refreshCount;
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toMatchObject({ status: "polled" });
    expect(fake.refreshCount).toBe(before + 1);
    const [row] = await q<{ credentials_encrypted: string }>(`SELECT credentials_encrypted FROM channel_accounts WHERE id = $1`, [account.id]);
    const stored = openCredentials({ tenantId: shop.tenant.id, accountId: account.id }, row?.credentials_encrypted ?? "");
    expect(stored.refreshToken).not.toBe(account.tokens.refreshToken);
    // the old refresh token is dead now, as on Allegro
    await expect(
      requestAllegroToken({ apiUrl: fake.apiUrl, authUrl: fake.authUrl, clientId: fake.clientId, clientSecret: fake.clientSecret }, {
        grant_type: "refresh_token",
        refresh_token: account.tokens.refreshToken,
      }),
    ).rejects.toMatchObject({ name: "ConnectorAuthError", reconnectRequired: true });
  });

  it("concurrent refreshes of one account use the refresh token only once", async () => {
    const account = await connectAllegro(db, shop, fake);
    const ctx = { accountId: account.id, tenantId: shop.tenant.id, kind: "allegro" as const, externalAccountId: null };
    const config = { apiUrl: fake.apiUrl, authUrl: fake.authUrl, clientId: fake.clientId, clientSecret: fake.clientSecret };
    const provider = databaseCredentialProvider(db, ctx, (rt) => requestAllegroToken(config, { grant_type: "refresh_token", refresh_token: rt }));
    const stale = await provider.current();
    const before = fake.refreshCount;
    const results = await Promise.all(Array.from({ length: 5 }, () => provider.refresh(stale)));
    expect(fake.refreshCount).toBe(before + 1);
    expect(new Set(results.map((r) => r.refreshToken)).size).toBe(1);
    expect(fake.usedRefreshTokens.filter((t) => t === stale.refreshToken)).toHaveLength(1);
  });

  it("a revoked grant marks the account 'reconnect needed' and stops polling it", async () => {
    const account = await connectAllegro(db, shop, fake);
    fake.expireAllAccessTokens();
    fake.revokeAllRefreshTokens();
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toEqual({ status: "auth_failed", reconnectNeeded: true });
    const channels = await callerFor(db, shop.owner).inbox.channels({ tenantSlug: shop.tenant.slug });
    expect(channels.find((c) => c.id === account.id)).toMatchObject({ status: "reconnect_needed" });
    expect(await pollChannelAccount(db, shop.tenant.id, account.id)).toMatchObject({ status: "skipped" });
  });

  it("credentials never appear in API output or logs", async () => {
    const account = await connectAllegro(db, shop, fake);
    fake.addMessage(fake.addThread("b2"), "Test");
    const logged: string[] = [];
    const spies = (["log", "error", "warn", "info", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      fake.expireAllAccessTokens();
      await pollChannelAccount(db, shop.tenant.id, account.id);
      fake.failNext = { status: 500, times: 1 };
      await pollChannelAccount(db, shop.tenant.id, account.id).catch(() => undefined);
      const caller = callerFor(db, shop.owner);
      const outputs = JSON.stringify([
        await caller.inbox.channels({ tenantSlug: shop.tenant.slug }),
        await caller.inbox.list({ tenantSlug: shop.tenant.slug }),
      ]);
      const [row] = await q<{ credentials_encrypted: string }>(`SELECT credentials_encrypted FROM channel_accounts WHERE id = $1`, [account.id]);
      const current = openCredentials({ tenantId: shop.tenant.id, accountId: account.id }, row?.credentials_encrypted ?? "");
      for (const secret of [account.tokens.accessToken, account.tokens.refreshToken, current.accessToken, current.refreshToken, row?.credentials_encrypted ?? "x"]) {
        expect(outputs).not.toContain(secret);
        expect(logged.join("\n")).not.toContain(secret);
      }
      expect(outputs).not.toContain("credentials");
      // and at rest they are encrypted, not plain JSON
      expect(row?.credentials_encrypted).toMatch(/^v1\./);
      expect(row?.credentials_encrypted).not.toContain(current.accessToken);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});

describe("Allegro sending", () => {
  async function queueReply(text: string) {
    const account = await connectAllegro(db, shop, fake);
    const t = fake.addThread("kupujacy_send");
    fake.addMessage(t, "Pytanie?");
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const caller = callerFor(db, shop.owner);
    const list = await caller.inbox.list({ tenantSlug: shop.tenant.slug });
    const conversationId = list.items[0]?.id ?? "";
    return { account, conversationId, caller, thread: t, text };
  }

  /** A queued outbound message written directly, so no background job races the test's own delivery calls. */
  async function queuedMessage(conversationId: string, text: string) {
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const c = await scoped.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { channelAccountId: true } });
    return scoped.message.create({
      data: {
        tenantId: shop.tenant.id, conversationId, channelAccountId: c.channelAccountId, direction: "outbound", author: "seller",
        text, platformCreatedAt: new Date(), deliveryState: "queued",
      },
      select: { id: true },
    });
  }

  it("a 5xx is retried with backoff and then succeeds", async () => {
    const { conversationId } = await queueReply("x");
    fake.failNext = { status: 503, times: 1, path: /\/messages$/ };
    const queued = await queuedMessage(conversationId, "Wysyłamy dziś.");
    await expect(deliverOutboundMessage(db, shop.tenant.id, queued.id, { current: 0, max: 3 })).rejects.toThrow(/503/);
    const [mid] = await q<{ delivery_state: string; retry_count: number }>(`SELECT delivery_state, retry_count FROM messages WHERE id = $1`, [queued.id]);
    expect(mid).toMatchObject({ delivery_state: "queued", retry_count: 1 });
    expect(await deliverOutboundMessage(db, shop.tenant.id, queued.id, { current: 1, max: 3 })).toBe("sent");
    expect(await deliverOutboundMessage(db, shop.tenant.id, queued.id, { current: 2, max: 3 })).toBe("already_sent");
    expect(fake.sentMessages.filter((m) => m.text === "Wysyłamy dziś.")).toHaveLength(1);
  });

  it("after the last attempt it is marked failed with the platform's reason; a person's retry then delivers it", async () => {
    const { caller, conversationId } = await queueReply("x");
    await drainInlineJobs();
    fake.failNext = { status: 500, times: 100, path: /\/messages$/ };
    const queued = await caller.inbox.reply({ tenantSlug: shop.tenant.slug, conversationId, text: "Odpowiedź testowa" });
    await drainInlineJobs().catch(() => undefined);
    expect(await deliverOutboundMessage(db, shop.tenant.id, queued.id, { current: 4, max: 5 })).toBe("failed");
    const thread = await caller.inbox.thread({ tenantSlug: shop.tenant.slug, conversationId });
    const failed = thread.messages.find((m) => m.id === queued.id);
    expect(failed).toMatchObject({ deliveryState: "failed" });
    expect(failed?.deliveryError).toMatch(/500/);
    fake.failNext = null;
    await caller.inbox.retryMessage({ tenantSlug: shop.tenant.slug, messageId: queued.id });
    await drainInlineJobs();
    const after = await caller.inbox.thread({ tenantSlug: shop.tenant.slug, conversationId });
    expect(after.messages.find((m) => m.id === queued.id)).toMatchObject({ deliveryState: "sent", deliveryError: null });
  });

  it("429 with Retry-After becomes a retry no sooner than the platform asked", async () => {
    const { conversationId } = await queueReply("x");
    fake.rateLimitNext = { retryAfterSeconds: 7, times: 1 };
    const next = await queuedMessage(conversationId, "Druga");
    const error = await deliverOutboundMessage(db, shop.tenant.id, next.id, { current: 0, max: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).retryAfterMs).toBe(7000);
    expect(await deliverOutboundMessage(db, shop.tenant.id, next.id, { current: 1, max: 3 })).toBe("sent");
  });

  it("the background job retries a failed send by itself (inline runtime)", async () => {
    const { caller, conversationId } = await queueReply("x");
    setInlineBackoffScaleForTests(0.01);
    try {
      fake.failNext = { status: 502, times: 2, path: /\/messages$/ };
      const queued = await caller.inbox.reply({ tenantSlug: shop.tenant.slug, conversationId, text: "Po dwóch błędach" });
      await drainInlineJobs();
      const [row] = await q<{ delivery_state: string; retry_count: number }>(`SELECT delivery_state, retry_count FROM messages WHERE id = $1`, [queued.id]);
      expect(row).toMatchObject({ delivery_state: "sent", retry_count: 2 });
      expect(fake.sentMessages.filter((m) => m.text === "Po dwóch błędach")).toHaveLength(1);
    } finally {
      setInlineBackoffScaleForTests(1);
    }
  });

  it("sends at most one message per second per seller", async () => {
    const { caller, conversationId } = await queueReply("x");
    await drainInlineJobs();
    const started = Date.now();
    for (const text of ["Jeden", "Dwa", "Trzy"]) await caller.inbox.reply({ tenantSlug: shop.tenant.slug, conversationId, text });
    await drainInlineJobs();
    const sent = fake.sentMessages.filter((m) => ["Jeden", "Dwa", "Trzy"].includes(m.text));
    expect(sent).toHaveLength(3);
    const times = sent.map((m) => Date.parse(m.createdAt)).sort((a, b) => a - b);
    expect((times[2] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
  });
});

describe("Allegro OAuth connection", () => {
  // The connector's OAuth flow, driven by the generic connect module, as the /api/marketplaces/[kind] routes do.
  const flow = async () => {
    const { oauthConnector } = await import("@/server/marketplaces/registry");
    const platform = oauthConnector(db, "allegro");
    if (!platform) throw new Error("the fake Allegro connector has no OAuth flow");
    return platform.oauth;
  };
  const startAllegroConnect = async (input: { userId: string; tenantSlug: string; origin: string }) =>
    (await import("@/server/marketplaces/oauth-connect")).startConnect(db, "allegro", await flow(), input);
  const finishAllegroConnect = async (input: { cookie: string; state: string | null; code: string; userId: string; origin: string }) =>
    (await import("@/server/marketplaces/oauth-connect")).finishConnect(db, "allegro", await flow(), input);

  it("authorization code + PKCE: consent URL, verified state, encrypted tokens, account id from /me", async () => {
    const start = await startAllegroConnect({ userId: shop.owner.id, tenantSlug: shop.tenant.slug, origin: "http://localhost:3000" });
    const url = new URL(start.redirectUrl);
    expect(url.origin + url.pathname).toBe(`${fake.authUrl}/authorize`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/marketplaces/allegro/callback");
    const state = url.searchParams.get("state");

    const wrongState = await finishAllegroConnect({ cookie: start.cookie, state: "forged", code: "valid-code", userId: shop.owner.id, origin: "http://localhost:3000" }).catch((e: unknown) => e);
    expect(wrongState).toMatchObject({ code: "BAD_REQUEST" });
    const tampered = await finishAllegroConnect({ cookie: start.cookie.slice(0, -4) + "AAAA", state, code: "valid-code", userId: shop.owner.id, origin: "http://localhost:3000" }).catch((e: unknown) => e);
    expect(tampered).toMatchObject({ code: "BAD_REQUEST" });
    const otherUser = await seedTenant(db, "intruder");
    const hijack = await finishAllegroConnect({ cookie: start.cookie, state, code: "valid-code", userId: otherUser.owner.id, origin: "http://localhost:3000" }).catch((e: unknown) => e);
    expect(hijack).toMatchObject({ code: "BAD_REQUEST" });

    const done = await finishAllegroConnect({ cookie: start.cookie, state, code: "valid-code", userId: shop.owner.id, origin: "http://localhost:3000" });
    expect(done).toMatchObject({ tenantSlug: shop.tenant.slug, accountName: `Allegro: ${fake.seller}` });
    const [row] = await q<{ external_account_id: string; status: string; credentials_encrypted: string }>(
      `SELECT external_account_id, status, credentials_encrypted FROM channel_accounts WHERE id = $1`,
      [done.channelAccountId],
    );
    expect(row).toMatchObject({ external_account_id: "12345", status: "active" });
    expect(openCredentials({ tenantId: shop.tenant.id, accountId: done.channelAccountId }, row?.credentials_encrypted ?? "").accessToken).toMatch(/^at-/);
  });

  it("a platform without OAuth, or one not configured here, has no connect flow", async () => {
    const { oauthConnector } = await import("@/server/marketplaces/registry");
    expect(oauthConnector(db, "demo")).toBeNull();
    expect(oauthConnector(db, "olx")).toBeNull();
    expect(oauthConnector(db, "../../etc")).toBeNull();
  });

  it("only owners and admins may connect a marketplace account", async () => {
    const { addMember } = await import("./support/fixtures");
    const member = await addMember(db, shop, "member", "oauthmember");
    await expect(startAllegroConnect({ userId: member.id, tenantSlug: shop.tenant.slug, origin: "http://x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const stranger = await seedTenant(db, "oauthstranger");
    await expect(startAllegroConnect({ userId: stranger.owner.id, tenantSlug: shop.tenant.slug, origin: "http://x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("attachments", () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("fake png body")]);
  const PDF = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF");

  async function conversationOnAllegro() {
    const account = await connectAllegro(db, shop, fake);
    fake.addMessage(fake.addThread("kupujacy_plik"), "Proszę o fakturę");
    await pollChannelAccount(db, shop.tenant.id, account.id);
    const list = await callerFor(db, shop.owner).inbox.list({ tenantSlug: shop.tenant.slug });
    return list.items[0]?.id ?? "";
  }

  it("are typed by their bytes, size-limited and safely named", async () => {
    const { storeReplyAttachment } = await import("@/server/inbox/attachment-service");
    const conversationId = await conversationOnAllegro();
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const store = (fileName: string, bytes: Uint8Array) => storeReplyAttachment(scoped, shop.tenant.id, shop.owner.id, { conversationId, fileName, bytes });
    expect(await store("faktura.pdf", PDF)).toMatchObject({ mimeType: "application/pdf", fileName: "faktura.pdf", size: PDF.length });
    expect(await store("zdjecie.pdf", PNG)).toMatchObject({ mimeType: "image/png" });
    expect(await store("../../etc/<x>.png", PNG)).toMatchObject({ fileName: "x.png" });
    await expect(store("program.pdf", Buffer.from("MZ\x90\x00 not a pdf"))).rejects.toMatchObject({ code: "BAD_REQUEST", key: "inbox.errors.attachmentType" });
    await expect(store("pusty.pdf", new Uint8Array())).rejects.toMatchObject({ key: "inbox.errors.attachmentEmpty" });
    await expect(store("duzy.pdf", Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]))).rejects.toMatchObject({ key: "inbox.errors.attachmentTooLarge" });
  });

  it("uploads are read with a hard byte limit, whatever Content-Length says", async () => {
    const { readLimitedUpload } = await import("@/server/infra/limited-upload");
    const readLimitedForm = (req: Request) => readLimitedUpload(req, 5 * 1024 * 1024, "inbox.errors.attachmentTooLarge", { maxMb: 5 });
    const form = new FormData();
    form.set("file", new Blob([PDF], { type: "application/pdf" }), "a.pdf");
    const ok = await readLimitedForm(new Request("http://x/upload", { method: "POST", body: form }));
    expect(ok.get("file")).toBeInstanceOf(File);
    const declared = new Request("http://x/upload", { method: "POST", body: "x", headers: { "content-length": String(50 * 1024 * 1024) } });
    await expect(readLimitedForm(declared)).rejects.toMatchObject({ key: "inbox.errors.attachmentTooLarge" });
    const huge = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 7; i++) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const streamed = new Request("http://x/upload", { method: "POST", body: huge, duplex: "half" } as RequestInit);
    await expect(readLimitedForm(streamed)).rejects.toMatchObject({ key: "inbox.errors.attachmentTooLarge" });
  });

  it("are declared, uploaded byte-for-byte and referenced by the reply on Allegro", async () => {
    const { storeReplyAttachment } = await import("@/server/inbox/attachment-service");
    const conversationId = await conversationOnAllegro();
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const file = await storeReplyAttachment(scoped, shop.tenant.id, shop.owner.id, { conversationId, fileName: "faktura.pdf", bytes: PDF });
    const caller = callerFor(db, shop.owner);
    const reply = await caller.inbox.reply({ tenantSlug: shop.tenant.slug, conversationId, text: "W załączniku faktura.", attachmentIds: [file.id] });
    await drainInlineJobs();
    const sent = fake.sentMessages.find((m) => m.text === "W załączniku faktura.");
    expect(sent?.attachments).toEqual([expect.objectContaining({ fileName: "faktura.pdf", mimeType: "application/pdf" })]);
    const uploaded = [...fake.attachments.values()].find((a) => a.filename === "faktura.pdf" && a.bytes);
    expect(uploaded?.bytes?.equals(PDF)).toBe(true);
    const thread = await caller.inbox.thread({ tenantSlug: shop.tenant.slug, conversationId });
    expect(thread.messages.find((m) => m.id === reply.id)).toMatchObject({ deliveryState: "sent", attachments: [expect.objectContaining({ id: file.id, fileName: "faktura.pdf" })] });
    // an attachment goes out with one message only
    await expect(caller.inbox.reply({ tenantSlug: shop.tenant.slug, conversationId, text: "Jeszcze raz", attachmentIds: [file.id] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("another tenant's attachment cannot be sent, downloaded or even seen", async () => {
    const { storeReplyAttachment, readAttachment } = await import("@/server/inbox/attachment-service");
    const conversationId = await conversationOnAllegro();
    const file = await storeReplyAttachment(tenantDb(db.prisma, shop.tenant.id), shop.tenant.id, shop.owner.id, { conversationId, fileName: "a.png", bytes: PNG });
    const other = await seedTenant(db, "thief");
    const { demoChannel: otherDemo } = await import("./support/inbox");
    const otherChannel = await otherDemo(db, other);
    const otherConv = await callerFor(db, other.owner).inbox.simulateIncoming({ tenantSlug: other.tenant.slug, channelAccountId: otherChannel.id, buyerName: "x", text: "y" });
    await expect(
      callerFor(db, other.owner).inbox.reply({ tenantSlug: other.tenant.slug, conversationId: otherConv.id, text: "kradzież", attachmentIds: [file.id] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(readAttachment(tenantDb(db.prisma, other.tenant.id), file.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      storeReplyAttachment(tenantDb(db.prisma, other.tenant.id), other.tenant.id, other.owner.id, { conversationId, fileName: "b.png", bytes: PNG }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
