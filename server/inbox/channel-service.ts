import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import type { ScopedDb, ScopedTransaction } from "@/server/db/tenant-scope";
import { connectorFor } from "@/server/marketplaces/registry";
import { dispatchTenantOutbox } from "@/server/infra/outbox";
import { emitJobs } from "@/server/infra/jobs";
import { AppError } from "@/lib/errors";
import { CHANNEL_POLL_REQUESTED } from "./events";
import { ingestThreads } from "./ingest";

/** What the UI may know about a channel account: never its credentials. */
const channelSelect = {
  id: true,
  kind: true,
  name: true,
  status: true,
  externalAccountId: true,
  lastPolledAt: true,
  lastError: true,
  authFailures: true,
  createdAt: true,
} as const;

export async function listChannels(database: Database, db: ScopedDb) {
  const rows = await db.channelAccount.findMany({ orderBy: { createdAt: "asc" }, select: channelSelect });
  return rows.map((r) => ({ ...r, configured: connectorFor(database, r.kind) !== null }));
}

export async function disconnectChannel(db: ScopedDb, channelAccountId: string) {
  const result = await db.channelAccount.updateMany({
    where: { id: channelAccountId },
    data: { status: "disconnected", credentialsEncrypted: null, tokenExpiresAt: null },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND", "inbox.errors.channelNotFound");
}

export async function requestPoll(db: ScopedDb, tenantId: string, channelAccountId: string) {
  const account = await db.channelAccount.findUnique({ where: { id: channelAccountId }, select: { id: true, status: true } });
  if (!account) throw new AppError("NOT_FOUND", "inbox.errors.channelNotFound");
  if (account.status !== "active") throw new AppError("PRECONDITION_FAILED", "inbox.errors.channelDisconnected");
  await emitJobs([
    { name: CHANNEL_POLL_REQUESTED, id: `${CHANNEL_POLL_REQUESTED}:${account.id}:${Date.now()}`, data: { tenantId, channelAccountId: account.id } },
  ]);
}

/** Every company's test channel: the seller writes as a buyer there and watches the AI answer. */
export const DEMO_CHANNEL_NAME = "Kanał testowy";

export function createDemoChannel(db: ScopedDb | ScopedTransaction, tenantId: string) {
  return db.channelAccount.create({ data: { tenantId, kind: "demo", name: DEMO_CHANNEL_NAME, externalAccountId: "demo" }, select: { id: true } });
}

export async function ensureDemoChannel(db: ScopedDb, tenantId: string) {
  const existing = await db.channelAccount.findFirst({ where: { kind: "demo" }, select: { id: true } });
  return existing ?? createDemoChannel(db, tenantId);
}

/**
 * The demo channel's "simulate incoming message": builds what a poll would have
 * returned and sends it through the same ingest path, so the whole flow (storage,
 * numbering, unread, events) is exercised exactly as for a marketplace.
 */
export async function simulateIncomingMessage(
  database: Database,
  db: ScopedDb,
  tenantId: string,
  input: { channelAccountId: string; conversationId?: string; buyerName: string; text: string },
) {
  const account = await db.channelAccount.findUnique({ where: { id: input.channelAccountId }, select: { id: true, kind: true } });
  if (!account) throw new AppError("NOT_FOUND", "inbox.errors.channelNotFound");
  if (account.kind !== "demo") throw new AppError("BAD_REQUEST", "inbox.errors.simulateDemoOnly");
  let externalThreadId = `demo-thread-${randomUUID()}`;
  let buyer = input.buyerName;
  if (input.conversationId) {
    const c = await db.conversation.findFirst({
      where: { id: input.conversationId, channelAccountId: account.id },
      select: { externalThreadId: true, customer: { select: { externalId: true } } },
    });
    if (!c) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
    externalThreadId = c.externalThreadId;
    buyer = c.customer?.externalId ?? buyer;
  }
  const result = await ingestThreads(database, { id: account.id, tenantId }, [
    {
      externalThreadId,
      customer: { externalId: buyer, displayName: buyer },
      messages: [{ externalId: `demo-msg-${randomUUID()}`, direction: "inbound", text: input.text, createdAt: new Date(), attachments: [] }],
    },
  ]);
  await dispatchTenantOutbox(database, tenantId);
  const conversation = await db.conversation.findUniqueOrThrow({
    where: { channelAccountId_externalThreadId: { channelAccountId: account.id, externalThreadId } },
    select: { id: true, number: true },
  });
  return { ...conversation, newMessages: result.newMessages };
}
