import type { Database } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant-scope";
import type { Prisma } from "@/server/db/generated/client";
import { connectorFor } from "@/server/marketplaces/registry";
import {
  channelContext,
  ConnectorAuthError,
  ConnectorRateLimitError,
  type ChannelContext,
  type Connector,
} from "@/server/marketplaces/connector";
import { dispatchTenantOutbox } from "@/server/infra/outbox";
import { RetryLaterError } from "@/server/infra/jobs";
import { withFetchedAt } from "@/lib/marketplace-facts";
import { logger } from "@/lib/logger";
import { errorText } from "@/lib/errors";
import { ingestThreads, type IngestResult } from "./ingest";
import { storeConversationFacts } from "./search-index";

/** After this many consecutive auth failures the seller is asked to reconnect. */
export const AUTH_FAILURES_BEFORE_RECONNECT = 3;

export type PollOutcome =
  | { status: "polled"; result: IngestResult }
  | { status: "skipped"; reason: string }
  | { status: "auth_failed"; reconnectNeeded: boolean };


/**
 * Order and offer facts for the side panel (and the AI's get_order_status), with the
 * time they were fetched. A convenience: a failed lookup never fails the poll that
 * stored the messages.
 */
export async function fetchMarketplaceFacts(db: Database, connector: Connector, ctx: ChannelContext, result: Pick<IngestResult, "ordersToLookUp" | "offersToLookUp">) {
  const scoped = tenantDb(db.prisma, ctx.tenantId);
  const store = async (conversationId: string, field: "orderSnapshot" | "offerSnapshot", lookup: () => Promise<object | null>) => {
    try {
      const facts = await lookup();
      if (facts) await scoped.$scoped((tx) => storeConversationFacts(tx, ctx.tenantId, conversationId, { [field]: withFetchedAt(facts) as Prisma.InputJsonValue }));
    } catch (error) {
      logger.warn(`${field === "orderSnapshot" ? "order" : "offer"} lookup failed`, { conversationId, error: errorText(error) });
    }
  };
  if (connector.capabilities.orderLookup) {
    for (const { conversationId, orderExternalId } of result.ordersToLookUp) await store(conversationId, "orderSnapshot", () => connector.lookupOrder(ctx, orderExternalId));
  }
  if (connector.capabilities.offerLookup) {
    for (const { conversationId, offerExternalId } of result.offersToLookUp) await store(conversationId, "offerSnapshot", () => connector.lookupOffer(ctx, offerExternalId));
  }
}

/**
 * One poll of one channel account: read what is new, store it idempotently, then
 * advance the cursor (a crash before that only means re-reading), then announce.
 */
export async function pollChannelAccount(db: Database, tenantId: string, channelAccountId: string): Promise<PollOutcome> {
  const scoped = tenantDb(db.prisma, tenantId);
  const account = await scoped.channelAccount.findUnique({
    where: { id: channelAccountId },
    select: { id: true, tenantId: true, kind: true, status: true, externalAccountId: true, pollCursor: true, authFailures: true, pollNotBefore: true },
  });
  if (!account) return { status: "skipped", reason: "account not found" };
  if (account.status !== "active") return { status: "skipped", reason: `account ${account.status}` };
  if (account.pollNotBefore && account.pollNotBefore.getTime() > Date.now()) return { status: "skipped", reason: "backing off (Retry-After)" };
  const connector = connectorFor(db, account.kind);
  if (!connector) return { status: "skipped", reason: `${account.kind} is not configured on this server` };

  const ctx = channelContext(tenantId, account);
  let polled;
  try {
    polled = await connector.poll(ctx, (account.pollCursor ?? {}) as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ConnectorAuthError) {
      const failures = account.authFailures + 1;
      const reconnectNeeded = error.reconnectRequired || failures >= AUTH_FAILURES_BEFORE_RECONNECT;
      await scoped.channelAccount.update({
        where: { id: account.id },
        data: { authFailures: failures, lastError: errorText(error), ...(reconnectNeeded ? { status: "reconnect_needed" } : {}) },
      });
      return { status: "auth_failed", reconnectNeeded };
    }
    const backOff = error instanceof ConnectorRateLimitError ? new Date(Date.now() + error.retryAfterMs) : null;
    await scoped.channelAccount.update({ where: { id: account.id }, data: { lastError: errorText(error), ...(backOff ? { pollNotBefore: backOff } : {}) } });
    if (error instanceof ConnectorRateLimitError) throw new RetryLaterError(error.message, error.retryAfterMs);
    throw error;
  }

  const result = await ingestThreads(db, { id: account.id, tenantId }, polled.threads);
  await scoped.channelAccount.update({
    where: { id: account.id },
    data: {
      pollCursor: polled.cursor as Prisma.InputJsonValue,
      lastPolledAt: new Date(),
      lastError: null,
      authFailures: 0,
      pollNotBefore: null,
    },
  });
  await fetchMarketplaceFacts(db, connector, ctx, result);
  await dispatchTenantOutbox(db, tenantId);
  return { status: "polled", result };
}
