import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type AiOutputs = inferRouterOutputs<AppRouter>["ai"];

export type AiTool = AiOutputs["tools"][number];
export type CreatedTool = AiOutputs["createTool"];
export type ToolCall = AiOutputs["toolCalls"][number];
export type ToolTestResult = AiOutputs["testTool"];

/** The server's rule for a tool's name (server/ai/schemas.ts). */
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_]{2,39}$/;
export const MAX_TOOL_DESCRIPTION = 1_000;
export const MAX_TOOL_URL = 2_000;
export const DEFAULT_PARAMETERS = '{"type":"object","properties":{}}';

export type JsonObject = Record<string, unknown>;

/** The value when it is a plain JSON object (not an array or a primitive), else null. */
export function asJsonObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** Parses JSON text that must be an object; null when it does not parse or is not one. */
export function parseJsonObject(text: string): JsonObject | null {
  try {
    return asJsonObject(JSON.parse(text));
  } catch {
    return null;
  }
}

/** A value as indented JSON for display; text stays as it is. */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}
