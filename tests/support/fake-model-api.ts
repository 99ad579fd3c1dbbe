import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { foldText } from "@/lib/text/fold";
import { VERIFIER_MARK, type Verdicts } from "@/server/ai/verifier";

/**
 * A fake model API over real HTTP: OpenAI-compatible chat completions (plain and streamed
 * as server-sent events) and embeddings for the AI SDK's OpenAI provider pointed at it
 * with OPENAI_BASE_URL, and Anthropic's Messages API (ANTHROPIC_BASE_URL). Anthropic
 * requests are normalised to the OpenAI shape before `chat` sees them, so one script
 * drives both. Embeddings are deterministic: hashed 5-letter word prefixes
 * (the same crude stems lexical search uses) spread over the requested dimensions and
 * normalised — similar wording gives similar vectors, which is enough to test that vector
 * ranking is wired through, not to measure semantic quality. Requires a known key (bearer
 * or x-api-key), answers 429 with Retry-After on demand, and records every request with
 * the key it carried.
 */
export interface ChatTurn {
  content?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Milliseconds before answering (model time). */
  delayMs?: number;
  usage?: { prompt: number; completion: number };
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: unknown; tool_calls?: unknown[] }[];
  tools?: { function: { name: string } }[];
  tool_choice?: unknown;
  stream?: boolean;
}

export class FakeModelApi {
  private server: Server | undefined;
  url = "";
  readonly apiKey = "sk-test-fake";
  /** Keys the server accepts (a test adds a tenant's own key). */
  readonly keys = new Set([this.apiKey]);
  readonly requests: { path: string; body: Record<string, unknown>; key: string | null }[] = [];
  rateLimitNext = 0;
  failNext = 0;
  /** Scripted chat answers; by default a fixed text. Receives the request body. */
  chat: (body: ChatRequestBody) => ChatTurn = () => ({ content: "OK" });
  /**
   * The reply verifier's answers (requests whose system prompt is the verifier's), as the
   * verdicts JSON. By default a verifier that finds every sentence supported: the
   * engine's own checks must stand without a second opinion's help.
   */
  verify: (body: ChatRequestBody) => Verdicts = (body) => ({
    sentences: FakeModelApi.replySentenceNumbers(body).map((n) => ({ n, verdict: "supported" as const })),
    answers_question: true,
  });

  static isVerification(body: ChatRequestBody): boolean {
    return FakeModelApi.systemPrompt(body).startsWith(VERIFIER_MARK);
  }

  /** The numbered sentences of the reply a verification request asks about. */
  static replySentenceNumbers(body: ChatRequestBody): number[] {
    const prompt = String(body.messages.find((m) => m.role === "user")?.content ?? "");
    const reply = prompt.split("REPLY:\n")[1] ?? "";
    return [...reply.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
  }

  /** The buyer's message a verification request quotes. */
  static verifiedBuyerMessage(body: ChatRequestBody): string {
    const prompt = String(body.messages.find((m) => m.role === "user")?.content ?? "");
    return (prompt.split("<buyer_message>\n")[1] ?? "").split("\n</buyer_message>")[0]?.trim() ?? "";
  }

  private answer(body: ChatRequestBody): ChatTurn {
    return FakeModelApi.isVerification(body) ? { content: JSON.stringify(this.verify(body)) } : this.chat(body);
  }

  /** The system prompt of a chat request (either API). */
  static systemPrompt(body: ChatRequestBody): string {
    return String(body.messages.find((m) => m.role === "system")?.content ?? "");
  }

  /** Chat requests of both APIs, in the OpenAI shape. */
  chatRequests(): ChatRequestBody[] {
    return this.requests.flatMap((r) =>
      r.path === "/v1/chat/completions" ? [r.body as unknown as ChatRequestBody] : r.path === "/v1/messages" ? [fromAnthropic(r.body)] : [],
    );
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  embeddingRequests(): number {
    return this.requests.filter((r) => r.path === "/v1/embeddings").length;
  }

  static embed(text: string, dimensions: number): number[] {
    const vector = new Array<number>(dimensions).fill(0);
    for (const word of foldText(text).match(/\p{L}{3,}/gu) ?? []) {
      const digest = createHash("sha1").update(word.slice(0, 5)).digest();
      const index = digest.readUInt32BE(0) % dimensions;
      vector[index]! += digest[4]! & 1 ? 1 : -1;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((x) => x / norm);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    } catch {
      return this.json(res, 400, { error: { message: "invalid JSON", type: "invalid_request_error" } });
    }
    const key = req.headers.authorization?.replace(/^Bearer /, "") ?? (req.headers["x-api-key"] as string | undefined) ?? null;
    this.requests.push({ path, body, key });
    if (!key || !this.keys.has(key)) {
      return this.json(res, 401, { error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } });
    }
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--;
      res.setHeader("retry-after", "0");
      return this.json(res, 429, { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } });
    }
    if (this.failNext > 0) {
      this.failNext--;
      return this.json(res, 500, { error: { message: "The server had an error", type: "server_error" } });
    }
    if (req.method === "POST" && path === "/v1/embeddings") return this.embeddings(res, body);
    if (req.method === "POST" && path === "/v1/chat/completions") return this.chatCompletion(res, body as unknown as ChatRequestBody);
    if (req.method === "POST" && path === "/v1/messages") return this.anthropicMessage(res, body);
    return this.json(res, 404, { error: { message: `Unknown path ${path}`, type: "invalid_request_error" } });
  }

  private embeddings(res: ServerResponse, body: Record<string, unknown>) {
    const inputs = Array.isArray(body.input) ? (body.input as unknown[]).map(String) : [String(body.input ?? "")];
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : 1536;
    const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    return this.json(res, 200, {
      object: "list",
      model: body.model,
      data: inputs.map((text, index) => ({ object: "embedding", index, embedding: FakeModelApi.embed(text, dimensions) })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  private async chatCompletion(res: ServerResponse, body: ChatRequestBody) {
    const turn = this.answer(body);
    if (turn.delayMs) await new Promise((r) => setTimeout(r, turn.delayMs));
    if (res.destroyed) return;
    const calls = (turn.toolCalls ?? []).map((c, i) => ({ id: `call_${i + 1}`, type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
    const usage = turn.usage ?? { prompt: 100, completion: 20 };
    const id = `chatcmpl-${this.requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const finish = calls.length ? "tool_calls" : "stop";
    const openAiUsage = { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion };
    if (body.stream) {
      // Server-sent events as OpenAI sends them: role, content in small pieces, tool calls,
      // the finish reason, usage (stream_options.include_usage), then [DONE].
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
      res.write(chunk({ role: "assistant", content: "" }));
      for (const piece of calls.length ? [] : (turn.content ?? "").match(/\S+\s*/g) ?? []) {
        res.write(chunk({ content: piece }));
        await new Promise((r) => setImmediate(r));
      }
      calls.forEach((call, index) => res.write(chunk({ tool_calls: [{ index, ...call }] })));
      res.write(chunk({}, finish));
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage: openAiUsage })}\n\n`);
      res.end("data: [DONE]\n\n");
      return;
    }
    return this.json(res, 200, {
      id,
      object: "chat.completion",
      created,
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content: calls.length ? null : (turn.content ?? ""), ...(calls.length ? { tool_calls: calls } : {}) }, finish_reason: finish }],
      usage: openAiUsage,
    });
  }

  private async anthropicMessage(res: ServerResponse, body: Record<string, unknown>) {
    if (body.stream) return this.json(res, 400, { type: "error", error: { type: "invalid_request_error", message: "streaming is not faked" } });
    const request = fromAnthropic(body);
    const turn = this.answer(request);
    if (turn.delayMs) await new Promise((r) => setTimeout(r, turn.delayMs));
    if (res.destroyed) return;
    const usage = turn.usage ?? { prompt: 100, completion: 20 };
    const calls = (turn.toolCalls ?? []).map((c, i) => ({ type: "tool_use", id: `toolu_${i + 1}`, name: c.name, input: c.arguments }));
    return this.json(res, 200, {
      id: `msg_${this.requests.length}`,
      type: "message",
      role: "assistant",
      model: request.model,
      content: calls.length ? calls : [{ type: "text", text: turn.content ?? "" }],
      stop_reason: calls.length ? "tool_use" : "end_turn",
      stop_sequence: null,
      usage: { input_tokens: usage.prompt, output_tokens: usage.completion },
    });
  }

  private json(res: ServerResponse, status: number, payload: unknown) {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
  }
}

/** Anthropic's request in the OpenAI shape: system first, content blocks as text, tool results as "tool" turns. */
function fromAnthropic(body: Record<string, unknown>): ChatRequestBody {
  const text = (content: unknown): string =>
    typeof content === "string"
      ? content
      : Array.isArray(content)
        ? content.map((b: { type?: string; text?: string; content?: unknown }) => (b.type === "text" ? (b.text ?? "") : b.type === "tool_result" ? text(b.content) : "")).join("")
        : "";
  const system = text(body.system);
  const turns = (Array.isArray(body.messages) ? body.messages : []) as { role: string; content: unknown }[];
  const messages = turns.map((m) => {
    const blocks = Array.isArray(m.content) ? (m.content as { type?: string }[]) : [];
    const role = blocks.some((b) => b.type === "tool_result") ? "tool" : m.role;
    return { role, content: text(m.content), ...(blocks.some((b) => b.type === "tool_use") ? { tool_calls: blocks.filter((b) => b.type === "tool_use") } : {}) };
  });
  const tools = Array.isArray(body.tools) ? (body.tools as { name: string }[]).map((t) => ({ function: { name: t.name } })) : undefined;
  return { model: String(body.model), messages: system ? [{ role: "system", content: system }, ...messages] : messages, tools, tool_choice: body.tool_choice };
}
