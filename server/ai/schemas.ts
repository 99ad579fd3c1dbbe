import { z } from "zod";
import { INTENTS } from "./intent";
import { FORMS_OF_ADDRESS } from "./frames";

const CHANNEL_KINDS = ["demo", "allegro", "amazon", "olx", "emag", "website"] as const;

export const ZUpdateAiSettingsInput = z.object({
  enabled: z.boolean().optional(),
  persona: z.string().trim().max(1_000, { message: "validation.tooLong" }).optional(),
  tone: z.enum(["friendly", "formal", "concise"]).optional(),
  address: z.enum(FORMS_OF_ADDRESS).optional(),
  signature: z.string().trim().max(300, { message: "validation.tooLong" }).optional(),
  autoSend: z.partialRecord(z.enum(CHANNEL_KINDS), z.array(z.enum(INTENTS)).max(INTENTS.length)).optional(),
  escalationKeywords: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  escalationRules: z.array(z.object({ intent: z.enum([...INTENTS, "*"]), assigneeId: z.uuid() })).max(20).optional(),
});
const ZModelName = z.string().trim().min(1).max(100).regex(/^[\w.:\-/@]+$/, { message: "ai.errors.modelNameInvalid" });
export const ZSetModelProviderInput = z.object({
  provider: z.enum(["platform", "openai", "anthropic"]),
  // Provider keys are long opaque tokens; anything shorter is a paste mistake.
  apiKey: z.string().trim().min(20, { message: "ai.errors.apiKeyInvalid" }).max(400, { message: "ai.errors.apiKeyInvalid" }).regex(/^\S+$/, { message: "ai.errors.apiKeyInvalid" }).optional(),
  modelFast: ZModelName.nullish(),
  modelSmart: ZModelName.nullish(),
});
export const ZConversationInput = z.object({ conversationId: z.uuid() });
export const ZReplyInput = z.object({ replyId: z.uuid() });
export const ZSendDraftInput = z.object({
  replyId: z.uuid(),
  text: z.string().trim().min(1, { message: "validation.required" }).max(20_000, { message: "validation.tooLong" }).optional(),
});
export const ZPlaygroundInput = z.object({ question: z.string().trim().min(1, { message: "validation.required" }).max(5_000, { message: "validation.tooLong" }) });

const ZToolFields = {
  name: z.string().trim().regex(/^[a-z][a-z0-9_]{2,39}$/, { message: "ai.errors.toolNameInvalid" }),
  description: z.string().trim().min(10, { message: "validation.required" }).max(1_000, { message: "validation.tooLong" }),
  // A JSON Schema for the arguments: an object schema (what function calling accepts).
  parameters: z.object({ type: z.literal("object"), properties: z.record(z.string(), z.unknown()).default({}) }).passthrough(),
  url: z.string().trim().max(2_000, { message: "validation.tooLong" }),
  enabled: z.boolean().optional(),
};
export const ZCreateToolInput = z.object(ZToolFields);
export const ZUpdateToolInput = z.object({ toolId: z.uuid(), ...z.object(ZToolFields).partial().shape });
export const ZToolIdInput = z.object({ toolId: z.uuid() });
export const ZTestToolInput = z.object({ toolId: z.uuid(), arguments: z.record(z.string(), z.unknown()).default({}) });
