import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { AnyProcedure } from "@trpc/server";
import { openTestDatabase, type TestDatabase } from "./support/database";
import { addMember, callerFor, seedTenant, unique, type SeededTenant } from "./support/fixtures";
import { appRouter } from "@/server/api/root";
import { ZTenantScopedInput } from "@/server/tenants/schemas";
import type { SessionUser } from "@/server/auth/next-auth";
import { tenantDb } from "@/server/db/tenant-scope";
import { drainInlineJobs } from "@/server/infra/jobs";
import { demoChannel } from "./support/inbox";
import { playgroundAnswer } from "./support/ai";

/**
 * The isolation matrix: for every tenant-scoped procedure, a user of tenant B aims at
 * tenant A's data — by A's slug, and by A's record ids under B's own slug — and must get
 * NOT_FOUND/FORBIDDEN while nothing of A changes. A new tenant procedure without a row
 * here fails the "covers every procedure" test.
 */
let db: TestDatabase;
let a: SeededTenant;
let b: SeededTenant;
let aMember: SessionUser & { membershipId: string };
let aInvitationId: string;
let aChannelId: string;
let aConversationId: string;
let aEscalatedId: string;
let aMessageId: string;
let aCannedId: string;
let bChannelId: string;
let aDocumentId: string;
let aQuestionId: string;
let aReplyId: string;
let aToolId: string;
let aNotificationId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await seedTenant(db, "tenanta");
  b = await seedTenant(db, "tenantb");
  aMember = await addMember(db, a, "member", "amember");
  const inv = await callerFor(db, a.owner).tenants.invite({
    tenantSlug: a.tenant.slug, email: `${unique("pending")}@example.test`, role: "member",
  });
  aInvitationId = inv.id;

  const aCaller = callerFor(db, a.owner);
  aChannelId = (await demoChannel(db, a)).id;
  bChannelId = (await demoChannel(db, b)).id;
  const simulated = await aCaller.inbox.simulateIncoming({
    tenantSlug: a.tenant.slug, channelAccountId: aChannelId, buyerName: "kupujacy_a", text: "Sekret sklepu A: zamówienie 42",
  });
  aConversationId = simulated.id;
  await aCaller.inbox.addNote({ tenantSlug: a.tenant.slug, conversationId: aConversationId, text: "notatka A" });
  const reply = await aCaller.inbox.reply({ tenantSlug: a.tenant.slug, conversationId: aConversationId, text: "Odpowiedź A" });
  aMessageId = reply.id;
  await drainInlineJobs();
  aCannedId = (await aCaller.inbox.createCannedReply({ tenantSlug: a.tenant.slug, title: "A", body: "Treść A" })).id;
  aDocumentId = (await aCaller.knowledgeBase.createFromText({ tenantSlug: a.tenant.slug, title: "Polityka A", text: "Tajna polityka zwrotów sklepu A: 90 dni." })).id;
  await drainInlineJobs();
  // A buyer question the AI engine drafts an answer to (from A's secret policy).
  aQuestionId = (await aCaller.inbox.simulateIncoming({
    tenantSlug: a.tenant.slug, channelAccountId: aChannelId, buyerName: "kupujacy_a2", text: "Ile dni macie na zwrot? Jaka jest polityka zwrotów?",
  })).id;
  await drainInlineJobs();
  const aiReply = await aCaller.ai.latestReply({ tenantSlug: a.tenant.slug, conversationId: aQuestionId });
  if (!aiReply) throw new Error("setup: the AI engine left no reply for A's question");
  aReplyId = aiReply.id;
  aToolId = (await aCaller.ai.createTool({
    tenantSlug: a.tenant.slug, name: "a_stock", description: "Stan magazynu sklepu A", parameters: { type: "object", properties: {} }, url: "https://a.example/hook",
  })).id;
  // A buyer who wants a person: the escalation notifies A's owner.
  aEscalatedId = (await aCaller.inbox.simulateIncoming({ tenantSlug: a.tenant.slug, channelAccountId: aChannelId, buyerName: "kupujacy_a3", text: "Chcę rozmawiać z człowiekiem, nie z botem." })).id;
  await drainInlineJobs();
  const notifications = await aCaller.notifications.list({ tenantSlug: a.tenant.slug });
  if (!notifications.items[0]) throw new Error("setup: the escalation left no notification for A's owner");
  aNotificationId = notifications.items[0].id;
});
afterAll(async () => {
  await db?.close();
});

type Attack = { name: string; run: (attacker: ReturnType<typeof callerFor>) => Promise<unknown> };

/** One or more attacks per tenant procedure, keyed by its path. */
const matrix: Record<string, Attack[]> = {
  "tenants.current": [{ name: "A's slug", run: (c) => c.tenants.current({ tenantSlug: a.tenant.slug }) }],
  "tenants.onboarding": [{ name: "A's slug", run: (c) => c.tenants.onboarding({ tenantSlug: a.tenant.slug }) }],
  "tenants.updateSettings": [
    { name: "A's slug", run: (c) => c.tenants.updateSettings({ tenantSlug: a.tenant.slug, name: "pwned" }) },
  ],
  "tenants.members": [{ name: "A's slug", run: (c) => c.tenants.members({ tenantSlug: a.tenant.slug }) }],
  "tenants.invitations": [{ name: "A's slug", run: (c) => c.tenants.invitations({ tenantSlug: a.tenant.slug }) }],
  "tenants.invite": [
    { name: "A's slug", run: (c) => c.tenants.invite({ tenantSlug: a.tenant.slug, email: "evil@example.test", role: "owner" }) },
  ],
  "tenants.revokeInvite": [
    { name: "A's slug", run: (c) => c.tenants.revokeInvite({ tenantSlug: a.tenant.slug, invitationId: aInvitationId }) },
    { name: "A's invitation id under B", run: (c) => c.tenants.revokeInvite({ tenantSlug: b.tenant.slug, invitationId: aInvitationId }) },
  ],
  "tenants.changeRole": [
    { name: "A's slug", run: (c) => c.tenants.changeRole({ tenantSlug: a.tenant.slug, membershipId: aMember.membershipId, role: "owner" }) },
    {
      name: "A's membership id under B",
      run: (c) => c.tenants.changeRole({ tenantSlug: b.tenant.slug, membershipId: aMember.membershipId, role: "owner" }),
    },
  ],
  "tenants.removeMember": [
    { name: "A's slug", run: (c) => c.tenants.removeMember({ tenantSlug: a.tenant.slug, membershipId: aMember.membershipId }) },
    {
      name: "A's membership id under B",
      run: (c) => c.tenants.removeMember({ tenantSlug: b.tenant.slug, membershipId: aMember.membershipId }),
    },
  ],
  "tenants.leave": [{ name: "A's slug", run: (c) => c.tenants.leave({ tenantSlug: a.tenant.slug }) }],

  "inbox.list": [{ name: "A's slug", run: (c) => c.inbox.list({ tenantSlug: a.tenant.slug }) }],
  "inbox.thread": [
    { name: "A's slug", run: (c) => c.inbox.thread({ tenantSlug: a.tenant.slug, conversationId: aConversationId }) },
    { name: "A's conversation under B", run: (c) => c.inbox.thread({ tenantSlug: b.tenant.slug, conversationId: aConversationId }) },
  ],
  "inbox.reply": [
    { name: "A's slug", run: (c) => c.inbox.reply({ tenantSlug: a.tenant.slug, conversationId: aConversationId, text: "x" }) },
    { name: "A's conversation under B", run: (c) => c.inbox.reply({ tenantSlug: b.tenant.slug, conversationId: aConversationId, text: "x" }) },
  ],
  "inbox.retryMessage": [
    { name: "A's slug", run: (c) => c.inbox.retryMessage({ tenantSlug: a.tenant.slug, messageId: aMessageId }) },
    { name: "A's message under B", run: (c) => c.inbox.retryMessage({ tenantSlug: b.tenant.slug, messageId: aMessageId }) },
  ],
  "inbox.addNote": [
    { name: "A's slug", run: (c) => c.inbox.addNote({ tenantSlug: a.tenant.slug, conversationId: aConversationId, text: "x" }) },
    { name: "A's conversation under B", run: (c) => c.inbox.addNote({ tenantSlug: b.tenant.slug, conversationId: aConversationId, text: "x" }) },
  ],
  "inbox.setStatus": [
    { name: "A's slug", run: (c) => c.inbox.setStatus({ tenantSlug: a.tenant.slug, conversationId: aConversationId, status: "resolved" }) },
    { name: "A's conversation under B", run: (c) => c.inbox.setStatus({ tenantSlug: b.tenant.slug, conversationId: aConversationId, status: "resolved" }) },
  ],
  "inbox.assign": [
    { name: "A's slug", run: (c) => c.inbox.assign({ tenantSlug: a.tenant.slug, conversationId: aConversationId, assigneeId: b.owner.id }) },
    { name: "A's conversation under B", run: (c) => c.inbox.assign({ tenantSlug: b.tenant.slug, conversationId: aConversationId, assigneeId: b.owner.id }) },
  ],
  "inbox.setTags": [
    { name: "A's slug", run: (c) => c.inbox.setTags({ tenantSlug: a.tenant.slug, conversationId: aConversationId, tags: ["x"] }) },
    { name: "A's conversation under B", run: (c) => c.inbox.setTags({ tenantSlug: b.tenant.slug, conversationId: aConversationId, tags: ["x"] }) },
  ],
  "inbox.markRead": [
    { name: "A's slug", run: (c) => c.inbox.markRead({ tenantSlug: a.tenant.slug, conversationId: aConversationId, read: true }) },
    { name: "A's conversation under B", run: (c) => c.inbox.markRead({ tenantSlug: b.tenant.slug, conversationId: aConversationId, read: true }) },
  ],
  "inbox.presence": [
    { name: "A's slug", run: (c) => c.inbox.presence({ tenantSlug: a.tenant.slug, conversationId: aConversationId }) },
    { name: "A's conversation under B", run: (c) => c.inbox.presence({ tenantSlug: b.tenant.slug, conversationId: aConversationId }) },
  ],
  "inbox.channels": [{ name: "A's slug", run: (c) => c.inbox.channels({ tenantSlug: a.tenant.slug }) }],
  "inbox.disconnectChannel": [
    { name: "A's slug", run: (c) => c.inbox.disconnectChannel({ tenantSlug: a.tenant.slug, channelAccountId: aChannelId }) },
    { name: "A's channel under B", run: (c) => c.inbox.disconnectChannel({ tenantSlug: b.tenant.slug, channelAccountId: aChannelId }) },
  ],
  "inbox.pollNow": [
    { name: "A's slug", run: (c) => c.inbox.pollNow({ tenantSlug: a.tenant.slug, channelAccountId: aChannelId }) },
    { name: "A's channel under B", run: (c) => c.inbox.pollNow({ tenantSlug: b.tenant.slug, channelAccountId: aChannelId }) },
  ],
  "inbox.simulateIncoming": [
    { name: "A's slug", run: (c) => c.inbox.simulateIncoming({ tenantSlug: a.tenant.slug, channelAccountId: aChannelId, text: "x" }) },
    { name: "A's channel under B", run: (c) => c.inbox.simulateIncoming({ tenantSlug: b.tenant.slug, channelAccountId: aChannelId, text: "x" }) },
    {
      name: "A's conversation via B's channel",
      run: (c) => c.inbox.simulateIncoming({ tenantSlug: b.tenant.slug, channelAccountId: bChannelId, conversationId: aConversationId, text: "x" }),
    },
  ],
  "inbox.cannedReplies": [{ name: "A's slug", run: (c) => c.inbox.cannedReplies({ tenantSlug: a.tenant.slug }) }],
  "inbox.createCannedReply": [
    { name: "A's slug", run: (c) => c.inbox.createCannedReply({ tenantSlug: a.tenant.slug, title: "x", body: "y" }) },
  ],
  "inbox.updateCannedReply": [
    { name: "A's slug", run: (c) => c.inbox.updateCannedReply({ tenantSlug: a.tenant.slug, id: aCannedId, title: "x", body: "y" }) },
    { name: "A's canned reply under B", run: (c) => c.inbox.updateCannedReply({ tenantSlug: b.tenant.slug, id: aCannedId, title: "x", body: "y" }) },
  ],
  "inbox.deleteCannedReply": [
    { name: "A's slug", run: (c) => c.inbox.deleteCannedReply({ tenantSlug: a.tenant.slug, id: aCannedId }) },
    { name: "A's canned reply under B", run: (c) => c.inbox.deleteCannedReply({ tenantSlug: b.tenant.slug, id: aCannedId }) },
  ],
  "inbox.settings": [{ name: "A's slug", run: (c) => c.inbox.settings({ tenantSlug: a.tenant.slug }) }],

  "ai.settings": [{ name: "A's slug", run: (c) => c.ai.settings({ tenantSlug: a.tenant.slug }) }],
  "ai.updateSettings": [{ name: "A's slug", run: (c) => c.ai.updateSettings({ tenantSlug: a.tenant.slug, persona: "pwned", autoSend: { demo: ["other"] } }) }],
  "ai.status": [{ name: "A's slug", run: (c) => c.ai.status({ tenantSlug: a.tenant.slug }) }],
  "ai.latestReply": [
    { name: "A's slug", run: (c) => c.ai.latestReply({ tenantSlug: a.tenant.slug, conversationId: aQuestionId }) },
    { name: "A's conversation under B", run: (c) => c.ai.latestReply({ tenantSlug: b.tenant.slug, conversationId: aQuestionId }) },
  ],
  "ai.sendDraft": [
    { name: "A's slug", run: (c) => c.ai.sendDraft({ tenantSlug: a.tenant.slug, replyId: aReplyId }) },
    { name: "A's draft under B", run: (c) => c.ai.sendDraft({ tenantSlug: b.tenant.slug, replyId: aReplyId, text: "pwned" }) },
  ],
  "ai.discardDraft": [
    { name: "A's slug", run: (c) => c.ai.discardDraft({ tenantSlug: a.tenant.slug, replyId: aReplyId }) },
    { name: "A's draft under B", run: (c) => c.ai.discardDraft({ tenantSlug: b.tenant.slug, replyId: aReplyId }) },
  ],
  "ai.regenerate": [
    { name: "A's slug", run: (c) => c.ai.regenerate({ tenantSlug: a.tenant.slug, conversationId: aQuestionId }) },
    { name: "A's conversation under B", run: (c) => c.ai.regenerate({ tenantSlug: b.tenant.slug, conversationId: aQuestionId }) },
  ],
  "ai.tools": [{ name: "A's slug", run: (c) => c.ai.tools({ tenantSlug: a.tenant.slug }) }],
  "ai.createTool": [
    { name: "A's slug", run: (c) => c.ai.createTool({ tenantSlug: a.tenant.slug, name: "pwned", description: "pwned tool here", parameters: { type: "object", properties: {} }, url: "https://evil.example" }) },
  ],
  "ai.updateTool": [
    { name: "A's slug", run: (c) => c.ai.updateTool({ tenantSlug: a.tenant.slug, toolId: aToolId, url: "https://evil.example" }) },
    { name: "A's tool under B", run: (c) => c.ai.updateTool({ tenantSlug: b.tenant.slug, toolId: aToolId, url: "https://evil.example" }) },
  ],
  "ai.deleteTool": [
    { name: "A's slug", run: (c) => c.ai.deleteTool({ tenantSlug: a.tenant.slug, toolId: aToolId }) },
    { name: "A's tool under B", run: (c) => c.ai.deleteTool({ tenantSlug: b.tenant.slug, toolId: aToolId }) },
  ],
  "ai.testTool": [
    { name: "A's slug", run: (c) => c.ai.testTool({ tenantSlug: a.tenant.slug, toolId: aToolId }) },
    { name: "A's tool under B", run: (c) => c.ai.testTool({ tenantSlug: b.tenant.slug, toolId: aToolId }) },
  ],
  "ai.toolCalls": [
    { name: "A's slug", run: (c) => c.ai.toolCalls({ tenantSlug: a.tenant.slug, toolId: aToolId }) },
  ],
  "ai.playground": [{ name: "A's slug", run: (c) => c.ai.playground({ tenantSlug: a.tenant.slug, question: "Jaka jest tajna polityka zwrotów?" }) }],
  "ai.setModelProvider": [
    { name: "A's slug", run: (c) => c.ai.setModelProvider({ tenantSlug: a.tenant.slug, provider: "openai", apiKey: "sk-attacker-key-0123456789abcdef" }) },
  ],
  "ai.checkModel": [{ name: "A's slug", run: (c) => c.ai.checkModel({ tenantSlug: a.tenant.slug }) }],
  "notifications.list": [{ name: "A's slug", run: (c) => c.notifications.list({ tenantSlug: a.tenant.slug }) }],
  "notifications.unreadCount": [{ name: "A's slug", run: (c) => c.notifications.unreadCount({ tenantSlug: a.tenant.slug }) }],
  "notifications.markRead": [
    { name: "A's slug", run: (c) => c.notifications.markRead({ tenantSlug: a.tenant.slug, ids: [aNotificationId] }) },
    { name: "A's notification under B", run: (c) => c.notifications.markRead({ tenantSlug: b.tenant.slug, ids: [aNotificationId] }) },
  ],
  "notifications.markAllRead": [{ name: "A's slug", run: (c) => c.notifications.markAllRead({ tenantSlug: a.tenant.slug }) }],
  "notifications.markConversationRead": [
    { name: "A's slug", run: (c) => c.notifications.markConversationRead({ tenantSlug: a.tenant.slug, conversationId: aEscalatedId }) },
    { name: "A's conversation under B", run: (c) => c.notifications.markConversationRead({ tenantSlug: b.tenant.slug, conversationId: aEscalatedId }) },
  ],
  "billing.overview": [{ name: "A's slug", run: (c) => c.billing.overview({ tenantSlug: a.tenant.slug }) }],
  "billing.plans": [{ name: "A's slug", run: (c) => c.billing.plans({ tenantSlug: a.tenant.slug }) }],
  "billing.usageHistory": [{ name: "A's slug", run: (c) => c.billing.usageHistory({ tenantSlug: a.tenant.slug }) }],
  "billing.invoices": [{ name: "A's slug", run: (c) => c.billing.invoices({ tenantSlug: a.tenant.slug }) }],
  "billing.startCheckout": [{ name: "A's slug", run: (c) => c.billing.startCheckout({ tenantSlug: a.tenant.slug, planId: "start", interval: "month" }) }],
  "billing.openPortal": [{ name: "A's slug", run: (c) => c.billing.openPortal({ tenantSlug: a.tenant.slug }) }],
  "knowledgeBase.list": [{ name: "A's slug", run: (c) => c.knowledgeBase.list({ tenantSlug: a.tenant.slug }) }],
  "knowledgeBase.get": [
    { name: "A's slug", run: (c) => c.knowledgeBase.get({ tenantSlug: a.tenant.slug, documentId: aDocumentId }) },
    { name: "A's document under B", run: (c) => c.knowledgeBase.get({ tenantSlug: b.tenant.slug, documentId: aDocumentId }) },
  ],
  "knowledgeBase.limits": [{ name: "A's slug", run: (c) => c.knowledgeBase.limits({ tenantSlug: a.tenant.slug }) }],
  "knowledgeBase.createFromText": [
    { name: "A's slug", run: (c) => c.knowledgeBase.createFromText({ tenantSlug: a.tenant.slug, title: "x", text: "y" }) },
  ],
  "knowledgeBase.createFromUrl": [
    { name: "A's slug", run: (c) => c.knowledgeBase.createFromUrl({ tenantSlug: a.tenant.slug, url: "https://example.com/" }) },
  ],
  "knowledgeBase.update": [
    { name: "A's slug", run: (c) => c.knowledgeBase.update({ tenantSlug: a.tenant.slug, documentId: aDocumentId, text: "pwned" }) },
    { name: "A's document under B", run: (c) => c.knowledgeBase.update({ tenantSlug: b.tenant.slug, documentId: aDocumentId, text: "pwned" }) },
  ],
  "knowledgeBase.retry": [
    { name: "A's slug", run: (c) => c.knowledgeBase.retry({ tenantSlug: a.tenant.slug, documentId: aDocumentId }) },
    { name: "A's document under B", run: (c) => c.knowledgeBase.retry({ tenantSlug: b.tenant.slug, documentId: aDocumentId }) },
  ],
  "knowledgeBase.delete": [
    { name: "A's slug", run: (c) => c.knowledgeBase.delete({ tenantSlug: a.tenant.slug, documentId: aDocumentId }) },
    { name: "A's document under B", run: (c) => c.knowledgeBase.delete({ tenantSlug: b.tenant.slug, documentId: aDocumentId }) },
  ],
  "knowledgeBase.testSearch": [{ name: "A's slug", run: (c) => c.knowledgeBase.testSearch({ tenantSlug: a.tenant.slug, query: "polityka zwrotów" }) }],
  "inbox.updateResponseTargets": [
    { name: "A's slug", run: (c) => c.inbox.updateResponseTargets({ tenantSlug: a.tenant.slug, targets: { demo: 5 } }) },
  ],
};

function tenantScopedProcedurePaths(): string[] {
  const procedures: object = appRouter._def.procedures;
  return Object.entries(procedures)
    .filter(([, proc]) => (proc as AnyProcedure)._def.inputs.includes(ZTenantScopedInput))
    .map(([path]) => path)
    .sort();
}

async function snapshotOfA() {
  const q = (sql: string) => db.owner.query(sql, [a.tenant.id]);
  return {
    tenant: await q(`SELECT name, slug, default_language, timezone, updated_at FROM tenants WHERE id = $1`),
    members: await q(`SELECT id, user_id, role, updated_at FROM memberships WHERE tenant_id = $1 ORDER BY id`),
    invitations: await q(`SELECT id, email, role, revoked_at, accepted_at FROM invitations WHERE tenant_id = $1 ORDER BY id`),
    settings: await q(`SELECT inbox_settings, conversation_seq FROM tenants WHERE id = $1`),
    channels: await q(`SELECT id, status, credentials_encrypted, poll_cursor FROM channel_accounts WHERE tenant_id = $1 ORDER BY id`),
    conversations: await q(`SELECT id, status, assignee_id, tags, unread_count, updated_at FROM conversations WHERE tenant_id = $1 ORDER BY id`),
    messages: await q(`SELECT id, text, delivery_state, retry_count FROM messages WHERE tenant_id = $1 ORDER BY id`),
    notes: await q(`SELECT id, text FROM conversation_notes WHERE tenant_id = $1 ORDER BY id`),
    events: await q(`SELECT id FROM conversation_events WHERE tenant_id = $1 ORDER BY id`),
    canned: await q(`SELECT id, title, body FROM canned_replies WHERE tenant_id = $1 ORDER BY id`),
    presence: await q(`SELECT user_id FROM conversation_presence WHERE tenant_id = $1 ORDER BY user_id`),
    outbox: await q(`SELECT id FROM outbox_events WHERE tenant_id = $1 ORDER BY id`),
    documents: await q(`SELECT id, title, status, attempts, text FROM documents WHERE tenant_id = $1 ORDER BY id`),
    chunks: await q(`SELECT id, text FROM document_chunks WHERE tenant_id = $1 ORDER BY id`),
    aiReplies: await q(`SELECT id, status, text, message_id FROM ai_replies WHERE tenant_id = $1 ORDER BY id`),
    aiSettings: await q(`SELECT persona, auto_send, provider, api_key_encrypted, escalation_rules FROM ai_settings WHERE tenant_id = $1`),
    notifications: await q(`SELECT id, read_at FROM notifications WHERE tenant_id = $1 ORDER BY id`),
    aiUsage: await q(`SELECT id FROM ai_usage_events WHERE tenant_id = $1 ORDER BY id`),
    aiTools: await q(`SELECT id, url, secret_encrypted, updated_at FROM ai_tools WHERE tenant_id = $1 ORDER BY id`),
    aiToolCalls: await q(`SELECT id FROM ai_tool_calls WHERE tenant_id = $1 ORDER BY id`),
    subscription: await q(`SELECT stripe_customer_id, status, plan_id FROM subscriptions WHERE tenant_id = $1`),
  };
}

describe("isolation matrix", () => {
  it("covers every tenant-scoped procedure", () => {
    expect(Object.keys(matrix).sort()).toEqual(tenantScopedProcedurePaths());
  });

  const cases = Object.entries(matrix).flatMap(([path, attacks]) => attacks.map((attack) => ({ path, attack })));
  it.each(cases)("$path: B's owner gets nothing of A ($attack.name)", async ({ attack }) => {
    const before = await snapshotOfA();
    const error = await attack.run(callerFor(db, b.owner)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain((error as TRPCError).code);
    expect(await snapshotOfA()).toEqual(before);
  });

  it("a signed-out caller gets UNAUTHORIZED on every tenant procedure", async () => {
    for (const [path, attacks] of Object.entries(matrix)) {
      const first = attacks[0];
      if (!first) continue;
      await expect(first.run(callerFor(db, null)), path).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("B's lists never contain A's rows", async () => {
    const c = callerFor(db, b.owner);
    const inbox = await c.inbox.list({ tenantSlug: b.tenant.slug, search: "Sekret" });
    expect(inbox.items).toEqual([]);
    expect((await c.inbox.list({ tenantSlug: b.tenant.slug })).items).toEqual([]);
    expect((await c.inbox.channels({ tenantSlug: b.tenant.slug })).map((ch) => ch.id)).toEqual([bChannelId]);
    expect(await c.inbox.cannedReplies({ tenantSlug: b.tenant.slug })).toEqual([]);
    expect(await c.knowledgeBase.list({ tenantSlug: b.tenant.slug })).toEqual([]);
    expect(await c.knowledgeBase.testSearch({ tenantSlug: b.tenant.slug, query: "tajna polityka zwrotów 90 dni" })).toEqual([]);
    const answer = await playgroundAnswer(c.ai.playground({ tenantSlug: b.tenant.slug, question: "Jaka jest tajna polityka zwrotów? 90 dni?" }));
    expect(answer.sources).toEqual([]);
    expect(answer.text).not.toContain("Tajna polityka");
    const members = await c.tenants.members({ tenantSlug: b.tenant.slug });
    expect(members.map((m) => m.user.email)).toEqual([b.owner.email]);
    expect(await c.tenants.invitations({ tenantSlug: b.tenant.slug })).toEqual([]);
    expect((await c.tenants.listMine()).map((t) => t.slug)).toEqual([b.tenant.slug]);
  });

  it("a query that forgets `where tenantId` still sees only its own tenant", async () => {
    const scoped = tenantDb(db.prisma, b.tenant.id);
    const memberships = await scoped.membership.findMany();
    expect(memberships.length).toBeGreaterThan(0);
    expect(new Set(memberships.map((m) => m.tenantId))).toEqual(new Set([b.tenant.id]));
    expect(await scoped.tenant.findMany({ select: { id: true } })).toEqual([{ id: b.tenant.id }]);
    expect(await scoped.invitation.count()).toBe(0);
    const raw = await scoped.$queryRaw<{ tenant_id: string }[]>`SELECT tenant_id FROM memberships`;
    expect(new Set(raw.map((r) => r.tenant_id))).toEqual(new Set([b.tenant.id]));
    // writes are checked too: a row for another tenant is refused by WITH CHECK
    await expect(
      scoped.invitation.create({
        data: { tenantId: a.tenant.id, email: "x@example.test", role: "member", tokenHash: unique("h"), expiresAt: new Date() },
      }),
    ).rejects.toThrow();
    expect(await db.owner.query(`SELECT 1 FROM invitations WHERE email = 'x@example.test'`)).toHaveLength(0);
  });
});

describe("concurrency", () => {
  it("500 interleaved requests for 5 tenants never return another tenant's rows", async () => {
    const tenants: SeededTenant[] = [];
    for (let i = 0; i < 5; i++) tenants.push(await seedTenant(db, `conc${i}`));
    const memberIds = new Map<string, Set<string>>();
    for (const t of tenants) memberIds.set(t.tenant.id, new Set([t.owner.id]));

    let foreign = 0;
    const requests = Array.from({ length: 500 }, async (_, i) => {
      const t = tenants[i % tenants.length] as SeededTenant;
      const caller = callerFor(db, t.owner);
      if (i % 3 === 0) {
        const current = await caller.tenants.current({ tenantSlug: t.tenant.slug });
        if (current.id !== t.tenant.id) foreign++;
      } else if (i % 3 === 1) {
        const members = await caller.tenants.members({ tenantSlug: t.tenant.slug });
        foreign += members.filter((m) => !memberIds.get(t.tenant.id)?.has(m.user.id)).length;
      } else {
        const rows = await tenantDb(db.prisma, t.tenant.id).membership.findMany({ select: { tenantId: true } });
        foreign += rows.filter((r) => r.tenantId !== t.tenant.id).length;
      }
    });
    await Promise.all(requests);
    expect(foreign).toBe(0);
  });
});
