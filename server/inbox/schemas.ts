import { z } from "zod";

export const MAX_REPLY_LENGTH_ANY_CHANNEL = 20_000;

export const ZConversationStatus = z.enum(["open", "pending", "resolved", "snoozed"]);
export const ZConversationId = z.object({ conversationId: z.uuid() });

export const ZListConversationsInput = z.object({
  channelAccountId: z.uuid().optional(),
  status: z.union([ZConversationStatus, z.literal("all")]).default("all"),
  assignee: z.enum(["all", "mine", "unassigned"]).default("all"),
  unreadOnly: z.boolean().default(false),
  overdueOnly: z.boolean().default(false),
  tag: z.string().trim().min(1).max(40).optional(),
  search: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page"),
  limit: z.number().int().min(1).max(100).default(30),
});
export type ListConversationsInput = z.infer<typeof ZListConversationsInput>;

export const ZReplyInput = z.object({
  conversationId: z.uuid(),
  attachmentIds: z.array(z.uuid()).max(5).default([]).describe("Files uploaded to /api/inbox/attachments for this reply"),
  text: z
    .string()
    .max(MAX_REPLY_LENGTH_ANY_CHANNEL, { message: "validation.tooLong" })
    .refine((t) => t.trim().length > 0, { message: "inbox.errors.emptyReply" }),
});

export const ZNoteInput = z.object({
  conversationId: z.uuid(),
  text: z.string().trim().min(1, { message: "validation.required" }).max(10_000, { message: "validation.tooLong" }),
});

export const ZSetStatusInput = z.object({
  conversationId: z.uuid(),
  status: ZConversationStatus,
  snoozedUntil: z.coerce.date().optional(),
});

export const ZAssignInput = z.object({ conversationId: z.uuid(), assigneeId: z.uuid().nullable() });

export const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40, { message: "validation.tooLong" })
  .regex(/^[\p{L}\p{N} _-]+$/u, { message: "inbox.errors.tagFormat" });
export const ZSetTagsInput = z.object({ conversationId: z.uuid(), tags: z.array(ZTag).max(20) });

export const ZMarkReadInput = z.object({ conversationId: z.uuid(), read: z.boolean() });
export const ZMessageIdInput = z.object({ messageId: z.uuid() });

export const ZCannedReplyInput = z.object({
  title: z.string().trim().min(1, { message: "validation.required" }).max(80, { message: "validation.tooLong" }),
  body: z.string().trim().min(1, { message: "validation.required" }).max(5_000, { message: "validation.tooLong" }),
});
export const ZCannedReplyUpdateInput = ZCannedReplyInput.extend({ id: z.uuid() });
export const ZCannedReplyIdInput = z.object({ id: z.uuid() });

export const ZPresenceInput = z.object({ conversationId: z.uuid(), typing: z.boolean().default(false) });

export const ZSimulateIncomingInput = z.object({
  channelAccountId: z.uuid(),
  conversationId: z.uuid().optional().describe("Reply in an existing demo thread; omitted = a new buyer"),
  buyerName: z.string().trim().min(1).max(60).default("kupujacy_demo"),
  text: z.string().trim().min(1, { message: "validation.required" }).max(5_000, { message: "validation.tooLong" }),
});

export const ZResponseTargetsInput = z.object({
  targets: z.partialRecord(z.enum(["demo", "allegro", "amazon", "olx", "emag", "website"]), z.number().int().min(5).max(14 * 24 * 60)),
});
