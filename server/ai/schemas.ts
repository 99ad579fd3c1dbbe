import { z } from "zod";
import { INTENTS } from "./intent";

const CHANNEL_KINDS = ["demo", "allegro", "amazon", "olx", "emag", "website"] as const;

export const ZUpdateAiSettingsInput = z.object({
  enabled: z.boolean().optional(),
  persona: z.string().trim().max(1_000, { message: "validation.tooLong" }).optional(),
  tone: z.enum(["friendly", "formal", "concise"]).optional(),
  signature: z.string().trim().max(300, { message: "validation.tooLong" }).optional(),
  autoSend: z.partialRecord(z.enum(CHANNEL_KINDS), z.array(z.enum(INTENTS)).max(INTENTS.length)).optional(),
  escalationKeywords: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
});
export const ZConversationInput = z.object({ conversationId: z.uuid() });
export const ZReplyInput = z.object({ replyId: z.uuid() });
export const ZSendDraftInput = z.object({
  replyId: z.uuid(),
  text: z.string().trim().min(1, { message: "validation.required" }).max(20_000, { message: "validation.tooLong" }).optional(),
});
export const ZPlaygroundInput = z.object({ question: z.string().trim().min(1, { message: "validation.required" }).max(5_000, { message: "validation.tooLong" }) });
