import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { connectorFor } from "@/server/marketplaces/registry";
import { dispatchTenantOutbox } from "@/server/infra/outbox";
import { AppError } from "@/lib/errors";
import { MESSAGE_SEND_REQUESTED } from "./events";
import { addSearchTerms } from "./search-index";
import { MAX_ATTACHMENTS_PER_REPLY } from "./attachment-service";
import { checkReplyRules } from "@/server/marketplaces/reply-rules";

/**
 * Queues a seller's reply: the message row (state "queued"), its activity entry and
 * the send request are written in one transaction, then handed to the job runtime,
 * which delivers it with retries. The seller sees queued → sent | failed.
 */
export async function sendReply(
  database: Database,
  db: ScopedDb,
  tenantId: string,
  author: { userId: string | null; kind?: "seller" | "ai" },
  input: { conversationId: string; text: string; attachmentIds?: string[] },
) {
  const typed = input.text.replace(/\r\n/g, "\n").trim();
  if (!typed) throw new AppError("BAD_REQUEST", "inbox.errors.emptyReply");
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (attachmentIds.length > MAX_ATTACHMENTS_PER_REPLY) {
    throw new AppError("BAD_REQUEST", "inbox.errors.tooManyAttachments", { max: MAX_ATTACHMENTS_PER_REPLY });
  }
  const message = await db.$scoped(async (tx) => {
    const c = await tx.conversation.findUnique({
      where: { id: input.conversationId },
      select: { id: true, status: true, channelAccountId: true, channelAccount: { select: { kind: true, status: true } } },
    });
    if (!c) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
    if (c.status === "resolved") throw new AppError("PRECONDITION_FAILED", "inbox.errors.replyToResolved");
    if (c.channelAccount.status !== "active") {
      throw new AppError("PRECONDITION_FAILED", c.channelAccount.status === "reconnect_needed" ? "inbox.errors.reconnectNeeded" : "inbox.errors.channelDisconnected");
    }
    // The marketplace's messaging rules hold for people too: a reply that would risk the
    // seller's account is refused with the rule named (HTML is simply removed).
    const rules = checkReplyRules(c.channelAccount.kind, typed);
    const blocking = rules.violations.filter((v) => v !== "notificationOnly");
    if (blocking.length) throw new AppError("BAD_REQUEST", `rules.${blocking[0]}`);
    const text = rules.text;
    const connector = connectorFor(database, c.channelAccount.kind);
    if (!connector) throw new AppError("PRECONDITION_FAILED", "inbox.errors.channelNotConfigured");
    if (text.length > connector.capabilities.maxReplyLength) {
      throw new AppError("BAD_REQUEST", "inbox.errors.replyTooLong", { max: connector.capabilities.maxReplyLength, length: text.length });
    }
    if (attachmentIds.length && !connector.capabilities.attachments) throw new AppError("BAD_REQUEST", "inbox.errors.attachmentsUnsupported");
    const files = attachmentIds.length
      ? await tx.messageAttachment.findMany({
          where: { id: { in: attachmentIds }, conversationId: c.id, messageId: null },
          select: { id: true, fileName: true, mimeType: true, size: true },
        })
      : [];
    if (files.length !== attachmentIds.length) throw new AppError("BAD_REQUEST", "inbox.errors.attachmentNotFound");
    const now = new Date();
    const created = await tx.message.create({
      data: {
        tenantId,
        conversationId: c.id,
        channelAccountId: c.channelAccountId,
        direction: "outbound",
        author: author.kind ?? "seller",
        authorUserId: author.userId,
        text,
        platformCreatedAt: now,
        deliveryState: "queued",
        attachments: files.map((f) => ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size })),
      },
      select: { id: true, text: true, deliveryState: true, platformCreatedAt: true },
    });
    if (files.length) await tx.messageAttachment.updateMany({ where: { id: { in: files.map((f) => f.id) } }, data: { messageId: created.id } });
    await tx.conversation.update({
      where: { id: c.id },
      data: { lastMessageAt: now, unreadCount: 0, needsHuman: false, needsHumanReason: null, ...(c.status === "snoozed" ? { status: "open", snoozedUntil: null } : {}) },
    });
    // Whoever answered, the AI's drafts and escalations for this turn are settled.
    await tx.aiReply.updateMany({ where: { conversationId: c.id, status: { in: ["draft", "escalated"] } }, data: { status: "superseded" } });
    await addSearchTerms(tx, tenantId, [{ conversationId: c.id, texts: [text] }]);
    await tx.conversationEvent.create({
      data: { tenantId, conversationId: c.id, actorUserId: author.userId, type: "reply_sent", data: { messageId: created.id } },
    });
    await tx.outboxEvent.create({
      data: { tenantId, name: MESSAGE_SEND_REQUESTED, eventKey: created.id, payload: { tenantId, messageId: created.id, channelAccountId: c.channelAccountId } },
    });
    return created;
  });
  await dispatchTenantOutbox(database, tenantId);
  return message;
}
