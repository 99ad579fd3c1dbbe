import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { foldText } from "@/lib/text/fold";

/**
 * A fake OpenAI-compatible API over real HTTP, for the AI SDK's OpenAI provider pointed at
 * it with OPENAI_BASE_URL. Embeddings are deterministic: hashed 5-letter word prefixes
 * (the same crude stems lexical search uses) spread over the requested dimensions and
 * normalised — similar wording gives similar vectors, which is enough to test that vector
 * ranking is wired through, not to measure semantic quality. Requires a bearer key,
 * answers 429 with Retry-After on demand, and records every request.
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
}

export class FakeOpenAI {
  private server: Server | undefined;
  url = "";
  readonly apiKey = "sk-test-fake";
  readonly requests: { path: string; body: Record<string, unknown> }[] = [];
  rateLimitNext = 0;
  failNext = 0;
  /** Scripted chat answers; by default a fixed text. Receives the request body. */
  chat: (body: ChatRequestBody) => ChatTurn = () => ({ content: "OK" });

  chatRequests(): ChatRequestBody[] {
    return this.requests.filter((r) => r.path === "/v1/chat/completions").map((r) => r.body as unknown as ChatRequestBody);
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
    this.requests.push({ path, body });
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
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
    return this.json(res, 404, { error: { message: `Unknown path ${path}`, type: "invalid_request_error" } });
  }

  private embeddings(res: ServerResponse, body: Record<string, unknown>) {
    const inputs = Array.isArray(body.input) ? (body.input as unknown[]).map(String) : [String(body.input ?? "")];
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : 1536;
    const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    return this.json(res, 200, {
      object: "list",
      model: body.model,
      data: inputs.map((text, index) => ({ object: "embedding", index, embedding: FakeOpenAI.embed(text, dimensions) })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  private async chatCompletion(res: ServerResponse, body: ChatRequestBody) {
    const turn = this.chat(body);
    if (turn.delayMs) await new Promise((r) => setTimeout(r, turn.delayMs));
    if (res.destroyed) return;
    const calls = (turn.toolCalls ?? []).map((c, i) => ({ id: `call_${i + 1}`, type: "function", function: { name: c.name, arguments: JSON.stringify(c.arguments) } }));
    const usage = turn.usage ?? { prompt: 100, completion: 20 };
    return this.json(res, 200, {
      id: `chatcmpl-${this.requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: calls.length ? null : (turn.content ?? ""), ...(calls.length ? { tool_calls: calls } : {}) },
          finish_reason: calls.length ? "tool_calls" : "stop",
        },
      ],
      usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
    });
  }

  private json(res: ServerResponse, status: number, payload: unknown) {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
  }
}
