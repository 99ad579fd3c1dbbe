import { z } from "zod";
import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { connectorFor } from "@/server/marketplaces/registry";
import { channelContext, ConnectorRejectedError } from "@/server/marketplaces/connector";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Allegro's limits, the strictest of the platforms we send to. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REPLY = 5;

/**
 * The type is read from the file's first bytes, never from its name or the browser's
 * claim: a renamed executable stays refused. Images and PDF only (what Allegro accepts).
 */
export function sniffAttachmentType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x42, 0x4d)) return "image/bmp";
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return "image/tiff";
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  return null;
}

export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
   
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").trim().slice(-120);
  return clean || "załącznik";
}

export async function storeReplyAttachment(
  db: ScopedDb,
  tenantId: string,
  userId: string,
  input: { conversationId: string; fileName: string; bytes: Uint8Array },
) {
  if (input.bytes.byteLength === 0) throw new AppError("BAD_REQUEST", "inbox.errors.attachmentEmpty");
  if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new AppError("BAD_REQUEST", "inbox.errors.attachmentTooLarge", { maxMb: 5 });
  const mimeType = sniffAttachmentType(input.bytes);
  if (!mimeType) throw new AppError("BAD_REQUEST", "inbox.errors.attachmentType");
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true } });
  if (!conversation) throw new AppError("NOT_FOUND", "inbox.errors.conversationNotFound");
  return db.messageAttachment.create({
    data: {
      tenantId,
      conversationId: conversation.id,
      uploadedById: userId,
      fileName: safeFileName(input.fileName),
      mimeType,
      size: input.bytes.byteLength,
      content: Buffer.from(input.bytes),
    },
    select: { id: true, fileName: true, mimeType: true, size: true },
  });
}

/** The bytes of one stored attachment, for the team's own download link. */
export async function readAttachment(db: ScopedDb, id: string) {
  const file = await db.messageAttachment.findUnique({
    where: { id },
    select: { fileName: true, mimeType: true, size: true, content: true },
  });
  if (!file) throw new AppError("NOT_FOUND", "inbox.errors.attachmentNotFound");
  return file;
}

const ZInboundAttachment = z.object({ fileName: z.string(), mimeType: z.string().optional(), url: z.string().optional(), status: z.string().optional() });
/** Buyers' files can be larger than what we may send (Amazon allows 10 MB). */
const MAX_INBOUND_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * A buyer's attachment, fetched through the channel's connector with the account's
 * credentials (Allegro's attachment URLs need the seller's token). The message is read
 * under the tenant's scope, so another tenant's message id is simply not found.
 * Files the platform flagged as unsafe are not served.
 */
export async function downloadInboundAttachment(database: Database, db: ScopedDb, tenantId: string, messageId: string, index: number) {
  const message = await db.message.findUnique({
    where: { id: messageId },
    select: { attachments: true, conversation: { select: { channelAccount: { select: { id: true, kind: true, externalAccountId: true } } } } },
  });
  const attachments = z.array(ZInboundAttachment).catch([]).parse(message?.attachments ?? []);
  const attachment = attachments[index];
  if (!message || !attachment) throw new AppError("NOT_FOUND", "inbox.errors.attachmentNotFound");
  if (attachment.status === "UNSAFE") throw new AppError("PRECONDITION_FAILED", "inbox.errors.attachmentUnsafe");
  if (attachment.status === "EXPIRED") throw new AppError("PRECONDITION_FAILED", "inbox.errors.attachmentExpired");
  const account = message.conversation.channelAccount;
  const connector = connectorFor(database, account.kind);
  if (!connector) throw new AppError("NOT_FOUND", "inbox.errors.attachmentNotFound");
  try {
    const file = await connector.downloadAttachment(channelContext(tenantId, account), attachment, MAX_INBOUND_ATTACHMENT_BYTES);
    return { fileName: safeFileName(attachment.fileName), bytes: file.bytes, mimeType: sniffAttachmentType(file.bytes) ?? "application/octet-stream" };
  } catch (error) {
    logger.warn("buyer attachment not downloaded", { tenantId, messageId, error: error instanceof Error ? error.message : String(error) });
    if (error instanceof ConnectorRejectedError) throw new AppError("NOT_FOUND", "inbox.errors.attachmentUnavailable");
    throw new AppError("BAD_GATEWAY", "inbox.errors.attachmentUnavailable");
  }
}
