import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { ChannelKind } from "@/components/inbox/types";

type AiOutputs = inferRouterOutputs<AppRouter>["ai"];

export type AiSettings = AiOutputs["settings"];
export type AiStatus = AiOutputs["status"];
export type AiReply = NonNullable<AiOutputs["latestReply"]>;
export type AiSource = AiReply["sources"][number];
export type PlaygroundEvent = AiOutputs["playground"] extends AsyncIterable<infer E> ? E : never;
export type PlaygroundAnswer = Extract<PlaygroundEvent, { type: "done" }>;
export type TierReason = PlaygroundAnswer["tierReason"];

export type AiTone = AiSettings["tone"];
export type Intent = NonNullable<AiSettings["autoSend"][ChannelKind]>[number];
export type AutoSend = AiSettings["autoSend"];

export const TONES = ["friendly", "formal", "concise"] as const satisfies readonly AiTone[];

export type FormOfAddress = AiSettings["address"];
export const FORMS_OF_ADDRESS = ["panstwo", "pan_pani", "ty"] as const satisfies readonly FormOfAddress[];

export function isFormOfAddress(value: string): value is FormOfAddress {
  return (FORMS_OF_ADDRESS as readonly string[]).includes(value);
}

/** The engine's topics (server/ai/intent.ts), in the order the settings list them; `satisfies` keeps the list complete. */
const INTENT_ORDER = {
  greeting: true,
  thanks: true,
  shipping: true,
  order_status: true,
  returns: true,
  payment: true,
  invoice: true,
  product: true,
  shop_info: true,
  order_change: true,
  negotiation: true,
  other: true,
  complaint: true,
} as const satisfies Record<Intent, true>;

export const INTENTS = Object.keys(INTENT_ORDER) as Intent[];

/** Topics that always wait for a person: the matrix shows them, locked. */
export const HUMAN_ONLY_INTENTS: readonly Intent[] = ["complaint"];

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

export function isTone(value: string): value is AiTone {
  return (TONES as readonly string[]).includes(value);
}

/** The server's escalation keyword limits (server/ai/schemas.ts). */
export const MAX_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 60;
export const MAX_PERSONA_LENGTH = 1_000;
export const MAX_SIGNATURE_LENGTH = 300;

/** One "topic → person" rule of who takes over an escalated conversation (server/ai/escalation.ts). */
export type EscalationRule = AiSettings["escalationRules"][number];
export type ModelSettings = AiSettings["model"];
export type ModelProvider = ModelSettings["provider"];
export const MODEL_PROVIDERS = ["platform", "openai", "anthropic"] as const satisfies readonly ModelProvider[];
/** The server's limit on escalation rules (server/ai/schemas.ts). */
export const MAX_ESCALATION_RULES = 20;
