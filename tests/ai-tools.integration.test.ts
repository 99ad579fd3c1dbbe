import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { callerFor, seedTenant, type SeededTenant } from "./support/fixtures";
import { demoChannel } from "./support/inbox";
import { FakeModelApi } from "./support/fake-model-api";
import { configureEnv } from "./support/env";
import { endSuite } from "./support/suite";
import { drainInlineJobs, setInlineBackoffScaleForTests } from "@/server/infra/jobs";
import { tenantDb } from "@/server/db/tenant-scope";

/**
 * Tenant webhook tools against a real local HTTP server that checks the HMAC signature
 * the way a seller's n8n would, and a fake OpenAI-compatible model that calls them.
 * The server is on 127.0.0.1, reachable only because OUTBOUND_ALLOW_ADDRESSES names it.
 */
let db: TestDatabase;
let shop: SeededTenant;
let server: http.Server;
let hookUrl = "";
let secret = "";
const received: { path: string; body: string; signatureOk: boolean }[] = [];
const fake = new FakeModelApi();


function verify(body: string, timestamp: string | undefined, signature: string | undefined): boolean {
  if (!timestamp || !signature || !secret) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signatureOk = verify(body, req.headers["x-bokai-timestamp"] as string, req.headers["x-bokai-signature"] as string);
      received.push({ path: req.url ?? "", body, signatureOk });
      if (!signatureOk) return res.writeHead(401).end("bad signature");
      if (req.url === "/slow") return void setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"), 6_000);
      if (req.url === "/huge") return res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(100_000));
      const { arguments: args } = JSON.parse(body) as { arguments: { sku?: string } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ sku: args.sku, in_stock: 7, warehouse: "Wieliczka" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await fake.start();
  configureEnv({ OUTBOUND_ALLOW_ADDRESSES: "127.0.0.1", AI_PROVIDER: "openai", OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.url, EMBEDDING_PROVIDER: "none" });
  setInlineBackoffScaleForTests(0.001);
  db = await openTestDatabase();
  shop = await seedTenant(db, "tools");
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await endSuite(db, fake);
});

const caller = () => callerFor(db, shop.owner);
const slug = () => shop.tenant.slug;
const STOCK_TOOL = {
  name: "check_stock",
  description: "Stan magazynowy produktu po SKU.",
  parameters: { type: "object" as const, properties: { sku: { type: "string" } }, required: ["sku"] },
};

describe("webhook tools", () => {
  let toolId = "";

  it("shows the signing secret once, never again", async () => {
    const created = await caller().ai.createTool({ tenantSlug: slug(), ...STOCK_TOOL, url: `${hookUrl}/stock` });
    expect(created.secret).toMatch(/^whsec_/);
    secret = created.secret;
    toolId = created.id;
    const listed = await caller().ai.tools({ tenantSlug: slug() });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed[0]).not.toHaveProperty("secretEncrypted");
    await expect(caller().ai.createTool({ tenantSlug: slug(), ...STOCK_TOOL, url: `${hookUrl}/x` })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller().ai.createTool({ tenantSlug: slug(), ...STOCK_TOOL, name: "Bad Name", url: `${hookUrl}/x` })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("'test tool' makes a real signed call and logs it", async () => {
    const result = await caller().ai.testTool({ tenantSlug: slug(), toolId, arguments: { sku: "RYSY-43" } });
    expect(result).toEqual({ ok: true, output: { sku: "RYSY-43", in_stock: 7, warehouse: "Wieliczka" } });
    expect(received.at(-1)).toMatchObject({ path: "/stock", signatureOk: true });
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ tool: "check_stock", arguments: { sku: "RYSY-43" } });
    const calls = await caller().ai.toolCalls({ tenantSlug: slug(), toolId });
    expect(calls[0]).toMatchObject({ ok: true, httpStatus: 200, arguments: { sku: "RYSY-43" } });
    expect(calls[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("fails softly and visibly: private address without the allow-list, timeout, oversized answer", async () => {
    configureEnv({ OUTBOUND_ALLOW_ADDRESSES: undefined });
    expect(await caller().ai.testTool({ tenantSlug: slug(), toolId, arguments: { sku: "A" } })).toMatchObject({ ok: false });
    configureEnv({ OUTBOUND_ALLOW_ADDRESSES: "127.0.0.1" });
    const slow = await caller().ai.createTool({ tenantSlug: slug(), ...STOCK_TOOL, name: "slow_tool", url: `${hookUrl}/slow` });
    const huge = await caller().ai.createTool({ tenantSlug: slug(), ...STOCK_TOOL, name: "huge_tool", url: `${hookUrl}/huge` });
    secret = slow.secret;
    const started = Date.now();
    expect(await caller().ai.testTool({ tenantSlug: slug(), toolId: slow.id, arguments: {} })).toMatchObject({ ok: false });
    expect(Date.now() - started).toBeLessThan(5_900);
    secret = huge.secret;
    expect(await caller().ai.testTool({ tenantSlug: slug(), toolId: huge.id, arguments: {} })).toMatchObject({ ok: false });
    const scoped = tenantDb(db.prisma, shop.tenant.id);
    const errors = (await scoped.aiToolCall.findMany({ where: { ok: false }, orderBy: { createdAt: "asc" } })).map((c) => c.error);
    expect(errors).toEqual(["blocked", "timeout", "tooLarge"]);
    await caller().ai.deleteTool({ tenantSlug: slug(), toolId: slow.id });
    await caller().ai.deleteTool({ tenantSlug: slug(), toolId: huge.id });
  });

  it("the model calls the tenant's tool while answering; its answer grounds the reply", async () => {
    const created = await caller().ai.createTool({ tenantSlug: slug(), ...STOCK_TOOL, name: "check_stock_v2", url: `${hookUrl}/stock` });
    await caller().ai.deleteTool({ tenantSlug: slug(), toolId });
    secret = created.secret;
    let round = 0;
    fake.chat = (body) => {
      round++;
      expect(body.tools?.map((t) => t.function.name)).toContain("check_stock_v2");
      if (round === 1) return { toolCalls: [{ name: "check_stock_v2", arguments: { sku: "RYSY-43" } }] };
      return { content: "Dzień dobry! Buty Rysy w rozmiarze 43 mamy na stanie: 7 sztuk [tool]." };
    };
    const channel = await demoChannel(db, shop);
    const conversation = await caller().inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channel.id, buyerName: "b", text: "Czy macie Rysy w rozmiarze 43 (SKU RYSY-43)?" });
    await drainInlineJobs();
    const reply = await caller().ai.latestReply({ tenantSlug: slug(), conversationId: conversation.id });
    expect(reply?.text).toContain("7 sztuk");
    expect(reply?.reasons).not.toContain("ai.reasons.notGrounded");
    expect(reply?.reasons).not.toContain("ai.reasons.unsupportedFacts");
    const call = await tenantDb(db.prisma, shop.tenant.id).aiToolCall.findFirst({ where: { toolId: created.id }, orderBy: { createdAt: "desc" } });
    expect(call).toMatchObject({ ok: true, conversationId: conversation.id, arguments: { sku: "RYSY-43" } });
  });

  it("stops after three rounds of tool calls", async () => {
    const before = received.length;
    // A model that would call tools forever (but honours tool_choice "none", as OpenAI does).
    fake.chat = (body) =>
      body.tools?.length && body.tool_choice !== "none" ? { toolCalls: [{ name: "check_stock_v2", arguments: { sku: "X" } }] } : { content: "Nie wiem, sprawdzę to." };
    const channel = await demoChannel(db, shop);
    const conversation = await caller().inbox.simulateIncoming({ tenantSlug: slug(), channelAccountId: channel.id, buyerName: "c", text: "Sprawdźcie stan SKU X" });
    await drainInlineJobs();
    expect(received.length - before).toBe(3);
    // The fourth step had to answer: a draft (it cites nothing), not a failure.
    expect(await caller().ai.latestReply({ tenantSlug: slug(), conversationId: conversation.id })).toMatchObject({ action: "draft", text: "Nie wiem, sprawdzę to." });
  });
});
