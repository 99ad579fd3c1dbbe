import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOllama } from "ollama-ai-provider-v2";
import type { EmbeddingModel, LanguageModel } from "ai";
import type { Tier } from "./intent";
import { env } from "@/lib/env";
import { CHAT_DEFAULTS } from "@/lib/ai-models";

/**
 * Model providers, chosen by configuration. OpenAI's client also serves any
 * OpenAI-compatible API (OPENAI_BASE_URL), which is how tests talk to a fake server over
 * real HTTP. With nothing configured (the embedded default) there is no embedding model
 * and retrieval stays lexical.
 */
export interface EmbeddingSetup {
  provider: "openai" | "ollama";
  modelId: string;
  dimensions: 768 | 1024 | 1536;
  model: EmbeddingModel;
  /** OpenAI's text-embedding-3 models shorten vectors on request; others return their own size. */
  requestDimensions: boolean;
}

const DEFAULTS = {
  openai: { modelId: "text-embedding-3-small", dimensions: 1536 },
  ollama: { modelId: "nomic-embed-text", dimensions: 768 },
} as const;

let cached: { key: string; setup: EmbeddingSetup | null } | undefined;

export function embeddingSetup(): EmbeddingSetup | null {
  const e = env();
  const key = [e.EMBEDDING_PROVIDER, e.EMBEDDING_MODEL, e.EMBEDDING_DIMENSIONS, e.OPENAI_BASE_URL, e.OLLAMA_BASE_URL].join("|");
  if (cached?.key === key) return cached.setup;
  let setup: EmbeddingSetup | null = null;
  if (e.EMBEDDING_PROVIDER !== "none") {
    const defaults = DEFAULTS[e.EMBEDDING_PROVIDER];
    const modelId = e.EMBEDDING_MODEL ?? defaults.modelId;
    const dimensions = e.EMBEDDING_DIMENSIONS ?? defaults.dimensions;
    const model =
      e.EMBEDDING_PROVIDER === "openai"
        ? createOpenAI({ apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL }).embedding(modelId)
        : createOllama({ baseURL: e.OLLAMA_BASE_URL }).embedding(modelId);
    setup = { provider: e.EMBEDDING_PROVIDER, modelId, dimensions, model, requestDimensions: e.EMBEDDING_PROVIDER === "openai" && modelId.startsWith("text-embedding-3") };
  }
  cached = { key, setup };
  return setup;
}

export type ChatProvider = "openai" | "anthropic" | "ollama";

export interface ChatSetup {
  provider: ChatProvider;
  modelId: string;
  model: LanguageModel;
  /** Whose key pays: the platform's, or the tenant's own (not charged to the plan's budget). */
  keySource: "platform" | "tenant";
}

/** A tenant's own provider key (decrypted only in memory, for the call). */
export interface OwnModelKey {
  provider: "openai" | "anthropic";
  apiKey: string;
  modelFast: string | null;
  modelSmart: string | null;
}

function languageModel(provider: ChatProvider, modelId: string, apiKey: string | undefined): LanguageModel {
  const e = env();
  switch (provider) {
    case "openai":
      return createOpenAI({ apiKey, baseURL: e.OPENAI_BASE_URL }).chat(modelId);
    case "anthropic":
      return createAnthropic({ apiKey, baseURL: e.ANTHROPIC_BASE_URL })(modelId);
    case "ollama":
      return createOllama({ baseURL: e.OLLAMA_BASE_URL })(modelId);
  }
}

/**
 * The model for a tier, or null when no provider is configured: replies then come from
 * the built-in offline responder. A tenant's own key, when set, takes precedence over
 * the platform's provider. OpenAI goes through Chat Completions (`.chat`), which every
 * OpenAI-compatible server (vLLM, llama.cpp, LM Studio, Groq…) implements.
 */
export function chatSetup(tier: Tier, own: OwnModelKey | null = null): ChatSetup | null {
  if (own) {
    const modelId = (tier === "fast" ? own.modelFast : own.modelSmart) ?? CHAT_DEFAULTS[own.provider][tier];
    return { provider: own.provider, modelId, model: languageModel(own.provider, modelId, own.apiKey), keySource: "tenant" };
  }
  const e = env();
  if (e.AI_PROVIDER === "none") return null;
  const modelId = (tier === "fast" ? e.AI_MODEL_FAST : e.AI_MODEL_SMART) ?? CHAT_DEFAULTS[e.AI_PROVIDER][tier];
  const apiKey = e.AI_PROVIDER === "openai" ? e.OPENAI_API_KEY : e.AI_PROVIDER === "anthropic" ? e.ANTHROPIC_API_KEY : undefined;
  return { provider: e.AI_PROVIDER, modelId, model: languageModel(e.AI_PROVIDER, modelId, apiKey), keySource: "platform" };
}
