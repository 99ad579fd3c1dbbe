import { createOpenAI } from "@ai-sdk/openai";
import { createOllama } from "ollama-ai-provider-v2";
import type { EmbeddingModel } from "ai";
import { env } from "@/lib/env";

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
