import type { OrderSummary } from "@/server/marketplaces/connector";
import type { QueryWord, RetrievedChunk } from "@/server/knowledge/retrieval";
import type { MessageSignals, Tier } from "./intent";
import type { Language } from "@/lib/text/language";
import type { ToolDefinition, ToolResult } from "./tools-service";
import type { FormOfAddress } from "./frames";

/** Everything a responder may use to write one reply. Buyer text is data, never instructions. */
export interface ReplyRequest {
  tenantName: string;
  language: Language;
  buyerName?: string;
  /** The buyer's unanswered messages, oldest first, joined. */
  buyerText: string;
  /** Earlier turns, oldest first (already answered). */
  history: { from: "buyer" | "seller"; text: string }[];
  /** Rolling summary of what came before the history (long threads). Data, like buyer text. */
  summary?: string;
  passages: RetrievedChunk[];
  /** The buyer's words as the knowledge base knows them (weights, unknown words). */
  words: QueryWord[];
  /** The order linked to this conversation, if any (only this buyer's). */
  order: OrderSummary | null;
  signals: MessageSignals;
  tier: Tier;
  settings: { persona: string; tone: string; address: FormOfAddress; signature: string };
  /** The tenant's webhook tools the model may call, and how to call one (logged). */
  tools?: ToolDefinition[];
  callTool?: (toolId: string, args: unknown) => Promise<ToolResult>;
}

export interface GeneratedReply {
  text: string;
  /** The responder could not answer from what it was given: a person must. */
  handoff: boolean;
  /** Indexes into request.passages the reply is based on. */
  cited: number[];
  /** The reply rests on order data or a tool's answer (cited [order] / [tool]). */
  usedOrder: boolean;
  /** What tools answered: evidence for the grounding check. */
  toolOutputs?: string[];
  provider: string;
  model: string;
  keySource: "platform" | "tenant";
  usage: { inputTokens: number; outputTokens: number };
  /** Extra reasons the reply must not go out unreviewed (message keys). */
  holdReasons: string[];
}

export interface Responder {
  generate(request: ReplyRequest, signal: AbortSignal): Promise<GeneratedReply>;
  /** The same reply with its text yielded piece by piece as it is written (the playground). */
  stream(request: ReplyRequest, signal: AbortSignal): AsyncGenerator<string, GeneratedReply>;
}
