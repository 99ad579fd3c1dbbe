import type { Database } from "@/server/db/client";
import { tenantDb, type ScopedDb } from "@/server/db/tenant-scope";
import { connectorFor } from "@/server/marketplaces/registry";
import { channelContext, ConnectorAuthError, ConnectorRateLimitError, isRetryable } from "@/server/marketplaces/connector";
import { dispatchTenantOutbox } from "@/server/infra/outbox";
import { RetryLaterError } from "@/server/infra/jobs";
import { AppError, errorText } from "@/lib/errors";
import { MESSAGE_SEND_REQUESTED } from "./events";

export type DeliveryOutcome = "sent" | "already_sent" | "failed" | "missing";


/**
 * Sends one queued outbound message to its platform. Idempotent: a message already
 * sent is left alone. A retryable failure is recorded and rethrown so the job runtime
 * retries with backoff; on the last attempt, or for a refusal retrying cannot fix, the
 * message is marked failed with the platform's reason and waits for a person to retry.
 */
export async function deliverOutboundMessage(
  db: Database,
  tenantId: string,
  messageId: string,
  attempt = { current: 0, max: 1 },
): Promise<DeliveryOutcome> {
  const scoped = tenantDb(db.prisma, tenantId);
  const message = await scoped.message.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      text: true,
      deliveryState: true,
      conversation: {
        select: { id: true, externalThreadId: true, channelAccount: { select: { id: true, kind: true, status: true, externalAccountId: true } } },
      },
    },
  });
  if (!message) return "missing";
  if (message.deliveryState === "sent") return "already_sent";
  const account = message.conversation.channelAccount;
  const fail = async (reason: string) => {
    await scoped.message.update({ where: { id: message.id }, data: { deliveryState: "failed", deliveryError: reason } });
    return "failed" as const;
  };
  if (account.status !== "active") return fail(`Channel account is ${account.status.replace("_", " ")}`);
  const connector = connectorFor(db, account.kind);
  if (!connector) return fail(`${account.kind} is not configured on this server`);

  try {
    const files = await scoped.messageAttachment.findMany({
      where: { messageId: message.id },
      orderBy: { createdAt: "asc" },
      select: { fileName: true, mimeType: true, content: true },
    });
    const sent = await connector.sendReply(
      channelContext(tenantId, account),
      { externalThreadId: message.conversation.externalThreadId, text: message.text, attachments: files.map((f) => ({ ...f, content: new Uint8Array(f.content) })) },
    );
    await scoped.$scoped(async (tx) => {
      await tx.message.update({
        where: { id: message.id },
        data: { deliveryState: "sent", externalId: sent.externalId, sentAt: sent.sentAt, deliveryError: null },
      });
      await tx.conversation.update({ where: { id: message.conversation.id }, data: { awaitingReplySince: null } });
    });
    return "sent";
  } catch (error) {
    const last = attempt.current + 1 >= attempt.max;
    if (isRetryable(error) && !last) {
      await scoped.message.update({
        where: { id: message.id },
        data: { retryCount: { increment: 1 }, deliveryError: errorText(error) },
      });
      if (error instanceof ConnectorRateLimitError) throw new RetryLaterError(error.message, error.retryAfterMs);
      throw error;
    }
    if (error instanceof ConnectorAuthError) {
      await scoped.channelAccount.update({ where: { id: account.id }, data: { status: "reconnect_needed", lastError: errorText(error) } });
    }
    return fail(errorText(error));
  }
}

/** Queues a failed message again (a person pressed "retry"). */
export async function retryDelivery(db: Database, scoped: ScopedDb, tenantId: string, messageId: string) {
  const retried = await scoped.$scoped(async (tx) => {
    const message = await tx.message.findUnique({ where: { id: messageId }, select: { id: true, deliveryState: true, retryCount: true, channelAccountId: true } });
    if (!message) throw new AppError("NOT_FOUND", "errors.notFound");
    if (message.deliveryState !== "failed") throw new AppError("PRECONDITION_FAILED", "inbox.errors.notFailed");
    await tx.message.update({ where: { id: message.id }, data: { deliveryState: "queued", deliveryError: null } });
    await tx.outboxEvent.create({
      data: {
        tenantId,
        name: MESSAGE_SEND_REQUESTED,
        eventKey: `${message.id}:retry:${message.retryCount + 1}:${Date.now()}`,
        payload: { tenantId, messageId: message.id, channelAccountId: message.channelAccountId },
      },
    });
    return message.id;
  });
  await dispatchTenantOutbox(db, tenantId);
  return retried;
}
