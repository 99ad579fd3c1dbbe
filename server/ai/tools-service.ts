import { createHmac, randomBytes } from "node:crypto";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { Prisma } from "@/server/db/generated/client";
import { decryptSecret, encryptSecret } from "@/server/infra/secrets";
import { parseHttpUrl, publicRequest, PublicHttpError } from "@/server/infra/public-http";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";

/**
 * Tenant-defined webhook tools (the n8n pattern): the AI may call them while answering.
 * A call is a POST of JSON {tool, arguments, conversationId} signed with HMAC-SHA256 over
 * "<timestamp>.<body>" (headers x-bokai-timestamp, x-bokai-signature: sha256=<hex>),
 * through the SSRF-guarded client, with a 5 s timeout and a 64 KB answer limit; every
 * call is logged and the log is kept 90 days.
 */
const TIMEOUT_MS = 5_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
/** What the model and the log see of an answer. */
const SUMMARY_CHARS = 2_000;

export interface ToolDefinition {
  id: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ToolResult {
  ok: boolean;
  /** The webhook's answer (parsed JSON or text, shortened), or the reason it failed. */
  output: unknown;
}

const listSelect = { id: true, name: true, description: true, parameters: true, url: true, enabled: true, createdAt: true, updatedAt: true } as const;

const secretContext = (tenantId: string, toolId: string) => `ai_tools:${tenantId}:${toolId}`;

export function listTools(db: ScopedDb) {
  return db.aiTool.findMany({ orderBy: { name: "asc" }, select: listSelect });
}

export async function enabledTools(db: ScopedDb): Promise<ToolDefinition[]> {
  const tools = await db.aiTool.findMany({ where: { enabled: true }, orderBy: { name: "asc" }, select: { id: true, name: true, description: true, parameters: true } });
  return tools.map((t) => ({ ...t, parameters: t.parameters as Record<string, unknown> }));
}

export interface ToolInput {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  url: string;
  enabled?: boolean;
}

function checkUrl(url: string) {
  if (!parseHttpUrl(url)) throw new AppError("BAD_REQUEST", "ai.errors.toolUrlInvalid");
}

/** Creates a tool; its signing secret is generated here and shown this once. */
export async function createTool(db: ScopedDb, tenantId: string, input: ToolInput) {
  checkUrl(input.url);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  try {
    const tool = await db.$scoped(async (tx) => {
      const created = await tx.aiTool.create({
        data: { tenantId, name: input.name, description: input.description, parameters: input.parameters as Prisma.InputJsonValue, url: input.url, enabled: input.enabled ?? true, secretEncrypted: "pending" },
        select: { id: true },
      });
      return tx.aiTool.update({ where: { id: created.id }, data: { secretEncrypted: encryptSecret(secret, secretContext(tenantId, created.id)) }, select: listSelect });
    });
    return { ...tool, secret };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("CONFLICT", "ai.errors.toolNameTaken");
    throw error;
  }
}

export async function updateTool(db: ScopedDb, id: string, input: Partial<ToolInput>) {
  if (input.url !== undefined) checkUrl(input.url);
  const result = await db.aiTool.updateMany({
    where: { id },
    data: {
      name: input.name,
      description: input.description,
      url: input.url,
      enabled: input.enabled,
      ...(input.parameters ? { parameters: input.parameters as Prisma.InputJsonValue } : {}),
    },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND", "ai.errors.toolNotFound");
  return db.aiTool.findUniqueOrThrow({ where: { id }, select: listSelect });
}

export async function deleteTool(db: ScopedDb, id: string) {
  const result = await db.aiTool.deleteMany({ where: { id } });
  if (result.count === 0) throw new AppError("NOT_FOUND", "ai.errors.toolNotFound");
}

export function recentToolCalls(db: ScopedDb, toolId: string) {
  return db.aiToolCall.findMany({ where: { toolId }, orderBy: { createdAt: "desc" }, take: 20 });
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Calls one tool and logs the call; never throws for the webhook's own failures. */
export async function callTool(db: ScopedDb, tenantId: string, toolId: string, args: unknown, conversationId: string | null): Promise<ToolResult> {
  const tool = await db.aiTool.findUnique({ where: { id: toolId }, select: { id: true, name: true, url: true, secretEncrypted: true } });
  if (!tool) throw new AppError("NOT_FOUND", "ai.errors.toolNotFound");
  const started = Date.now();
  const body = JSON.stringify({ tool: tool.name, arguments: args ?? {}, conversationId });
  const timestamp = Math.floor(started / 1000);
  let result: ToolResult;
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const signature = signWebhook(decryptSecret(tool.secretEncrypted, secretContext(tenantId, tool.id)), timestamp, body);
    const response = await publicRequest(new URL(tool.url), {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "BOK-AI tools", "x-bokai-timestamp": String(timestamp), "x-bokai-signature": signature },
      body,
      maxBytes: MAX_RESPONSE_BYTES,
      deadline: started + TIMEOUT_MS,
      allowAddresses: env().OUTBOUND_ALLOW_ADDRESSES,
    });
    httpStatus = response.status;
    if (!response.body) {
      error = `HTTP ${response.status}`;
      result = { ok: false, output: { error: `the tool answered HTTP ${response.status}` } };
    } else {
      const text = Buffer.from(response.body).toString("utf8");
      let output: unknown = text.slice(0, SUMMARY_CHARS);
      try {
        output = JSON.parse(text);
      } catch {
        // Plain text answers are fine.
      }
      result = { ok: true, output };
    }
  } catch (failure) {
    error = failure instanceof PublicHttpError ? failure.failure : failure instanceof Error ? failure.message.slice(0, 200) : String(failure);
    result = { ok: false, output: { error: `the tool could not be called (${error})` } };
  }
  await db.aiToolCall.create({
    data: {
      tenantId,
      toolId: tool.id,
      conversationId,
      arguments: (args ?? {}) as Prisma.InputJsonValue,
      ok: result.ok,
      httpStatus,
      error,
      responseSummary: JSON.stringify(result.output).slice(0, SUMMARY_CHARS),
      durationMs: Date.now() - started,
    },
  });
  return result;
}
