import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

/**
 * A fake Allegro REST API over real HTTP, following the published OpenAPI spec
 * (contracts/allegro): vendor media type required, threads sorted by last activity with
 * limit/offset pagination, messages with exclusive `after`/`before`, single-use refresh
 * tokens, 401 for an expired access token, 429 with Retry-After, injectable 5xx, and
 * messages that appear late with an earlier timestamp (moderation).
 */
const MEDIA = "application/vnd.allegro.public.v1+json";

export interface FakeMessage {
  id: string;
  status: "VERIFYING" | "BLOCKED" | "DELIVERED" | "INTERACTING" | "DISMISSED";
  type: "ASK_QUESTION" | "MAIL" | "MESSAGE_CENTER";
  createdAt: string;
  thread: { id: string };
  author: { login: string; isInterlocutor: boolean };
  text: string;
  subject: string | null;
  relatesTo: { offer: { id: string } | null; order: { id: string } | null };
  hasAdditionalAttachments: boolean;
  attachments: { fileName: string; mimeType?: string; url?: string; status: string }[];
}

interface FakeThread {
  id: string;
  read: boolean;
  interlocutor: { login: string; avatarUrl: string } | null;
  messages: FakeMessage[];
  /** Moderated messages not visible yet. */
  hidden: FakeMessage[];
}

export class FakeAllegro {
  readonly seller = "sklep_testowy";
  private server: Server | undefined;
  url = "";
  readonly threads = new Map<string, FakeThread>();
  readonly orders = new Map<string, unknown>();
  /** Product offers by id (GET /sale/product-offers/{offerId}). */
  readonly offers = new Map<string, unknown>();
  readonly clientId = "test-client";
  readonly clientSecret = "test-secret";
  private accessTokens = new Map<string, number>();
  private refreshTokens = new Set<string>();
  readonly usedRefreshTokens: string[] = [];
  readonly requests: { method: string; path: string }[] = [];
  failNext: { status: number; times: number; path?: RegExp } | null = null;
  rateLimitNext: { retryAfterSeconds: number; times: number } | null = null;
  sentMessages: FakeMessage[] = [];
  /** Declared attachments: id → declared size, and the bytes once uploaded. */
  readonly attachments = new Map<string, { filename: string; size: number; bytes?: Buffer; contentType?: string }>();
  refreshCount = 0;
  /** Requests refused with 401 for an expired or unknown access token. */
  unauthorizedCount = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get apiUrl() {
    return `${this.url}/api`;
  }
  get authUrl() {
    return `${this.url}/auth/oauth`;
  }

  /** A fresh token pair, as after the OAuth consent. */
  issueTokens(expiresInSeconds = 43_200) {
    const accessToken = `at-${randomUUID()}`;
    const refreshToken = `rt-${randomUUID()}`;
    this.accessTokens.set(accessToken, Date.now() + expiresInSeconds * 1000);
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() };
  }

  expireAllAccessTokens() {
    for (const k of this.accessTokens.keys()) this.accessTokens.set(k, 0);
  }

  revokeAllRefreshTokens() {
    this.refreshTokens.clear();
  }

  addThread(buyer: string | null): string {
    const id = randomUUID().replace(/-/g, "").slice(0, 24);
    this.threads.set(id, { id, read: false, interlocutor: buyer ? { login: buyer, avatarUrl: "" } : null, messages: [], hidden: [] });
    return id;
  }

  addMessage(
    threadId: string,
    text: string,
    options: {
      fromBuyer?: boolean;
      at?: Date;
      status?: FakeMessage["status"];
      orderId?: string;
      offerId?: string;
      hidden?: boolean;
      /** A file the buyer attached: downloadable only with the seller's token. */
      file?: { fileName: string; contentType: string; bytes: Buffer; status?: string };
    } = {},
  ): FakeMessage {
    const thread = this.threads.get(threadId);
    if (!thread) throw new Error(`no thread ${threadId}`);
    const message: FakeMessage = {
      id: randomUUID(),
      status: options.status ?? "DELIVERED",
      type: "MESSAGE_CENTER",
      createdAt: (options.at ?? new Date()).toISOString(),
      thread: { id: threadId },
      author: options.fromBuyer === false ? { login: this.seller, isInterlocutor: false } : { login: thread.interlocutor?.login ?? "", isInterlocutor: true },
      text,
      subject: null,
      relatesTo: { offer: options.offerId ? { id: options.offerId } : null, order: options.orderId ? { id: options.orderId } : null },
      hasAdditionalAttachments: false,
      attachments: [],
    };
    if (options.file) {
      const id = randomUUID();
      this.attachments.set(id, { filename: options.file.fileName, size: options.file.bytes.length, bytes: options.file.bytes, contentType: options.file.contentType });
      message.attachments.push({ fileName: options.file.fileName, mimeType: options.file.contentType, status: options.file.status ?? "SAFE", url: `${this.apiUrl}/messaging/message-attachments/${id}` });
    }
    (options.hidden ? thread.hidden : thread.messages).push(message);
    return message;
  }

  /** Moderation finished: hidden messages become visible with their original (earlier) timestamps. */
  releaseHidden(threadId: string) {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    thread.messages.push(...thread.hidden);
    thread.hidden = [];
  }

  setMessageStatus(messageId: string, status: FakeMessage["status"]) {
    for (const t of this.threads.values()) for (const m of t.messages) if (m.id === messageId) m.status = status;
  }

  private lastMessageDateTime(t: FakeThread): string | null {
    const times = t.messages.map((m) => Date.parse(m.createdAt));
    return times.length ? new Date(Math.max(...times)).toISOString() : null;
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": MEDIA, ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  }

  private async body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push({ method: req.method ?? "GET", path: url.pathname });

    if (url.pathname === "/auth/oauth/token" && req.method === "POST") return this.token(req, res);
    if (!url.pathname.startsWith("/api/")) return this.json(res, 404, { errors: [{ message: "not found" }] });
    const path = url.pathname.slice(4);

    // Attachment downloads are the one resource served as */* (any file type).
    const download = req.method === "GET" && path.startsWith("/messaging/message-attachments/");
    if (req.headers.accept !== (download ? "*/*" : MEDIA)) return this.json(res, 406, { errors: [{ message: "Unsupported Accept header" }] });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const expires = token ? this.accessTokens.get(token) : undefined;
    if (!expires || expires < Date.now()) {
      this.unauthorizedCount++;
      return this.json(res, 401, { error: "invalid_token" });
    }

    if (this.rateLimitNext && this.rateLimitNext.times > 0) {
      this.rateLimitNext.times--;
      return this.json(res, 429, { errors: [{ code: "TOO_MANY_REQUESTS" }] }, { "retry-after": String(this.rateLimitNext.retryAfterSeconds) });
    }
    if (this.failNext && this.failNext.times > 0 && (!this.failNext.path || this.failNext.path.test(path))) {
      this.failNext.times--;
      return this.json(res, this.failNext.status, { errors: [{ message: "Internal error", userMessage: "Spróbuj ponownie" }] });
    }

    const limit = Number(url.searchParams.get("limit") ?? 20);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20 || offset < 0) {
      return this.json(res, 422, { errors: [{ message: "Incorrect limit or offset" }] });
    }

    if (path === "/messaging/threads" && req.method === "GET") {
      const sorted = [...this.threads.values()]
        .map((t) => ({ id: t.id, read: t.read, lastMessageDateTime: this.lastMessageDateTime(t), interlocutor: t.interlocutor }))
        .sort((a, b) => Date.parse(b.lastMessageDateTime ?? "0") - Date.parse(a.lastMessageDateTime ?? "0"));
      return this.json(res, 200, { threads: sorted.slice(offset, offset + limit), offset, limit });
    }

    let m = /^\/messaging\/threads\/([^/]+)\/messages$/.exec(path);
    if (m) {
      const thread = this.threads.get(decodeURIComponent(m[1] ?? ""));
      if (!thread) return this.json(res, 404, { errors: [{ message: "Thread not found" }] });
      if (req.method === "GET") {
        const after = url.searchParams.get("after");
        const before = url.searchParams.get("before");
        if (before && url.searchParams.has("offset")) return this.json(res, 422, { errors: [{ message: "before with offset" }] });
        const list = thread.messages
          .filter((x) => !after || Date.parse(x.createdAt) > Date.parse(after))
          .filter((x) => !before || Date.parse(x.createdAt) < Date.parse(before))
          .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
        return this.json(res, 200, { messages: list.slice(offset, offset + limit), offset, limit });
      }
      if (req.method === "POST") {
        if (req.headers["content-type"] !== MEDIA) return this.json(res, 415, { errors: [{ message: "Unsupported media type" }] });
        const body = JSON.parse(await this.body(req)) as { text?: string; attachments?: { id: string }[] };
        if (!body.text || body.text.length > 2000) return this.json(res, 422, { errors: [{ message: "text", userMessage: "Tekst wiadomości jest niepoprawny" }] });
        const files = (body.attachments ?? []).map((a) => ({ id: a.id, file: this.attachments.get(a.id) }));
        if (files.some((f) => !f.file?.bytes)) return this.json(res, 422, { errors: [{ message: "attachment not uploaded" }] });
        const sent = this.addMessage(thread.id, body.text, { fromBuyer: false });
        sent.attachments = files.map((f) => ({ fileName: f.file?.filename ?? "", mimeType: f.file?.contentType, status: "SAFE", url: `${this.apiUrl}/messaging/message-attachments/${f.id}` }));
        this.sentMessages.push(sent);
        return this.json(res, 201, sent);
      }
    }

    if (path === "/messaging/message-attachments" && req.method === "POST") {
      if (req.headers["content-type"] !== MEDIA) return this.json(res, 415, { errors: [{ message: "Unsupported media type" }] });
      const body = JSON.parse(await this.body(req)) as { filename?: string; size?: number };
      if (!body.filename || !body.size || body.size > 5_242_880) return this.json(res, 422, { errors: [{ message: "size" }] });
      const id = randomUUID();
      this.attachments.set(id, { filename: body.filename, size: body.size });
      return this.json(res, 201, { id });
    }
    m = /^\/messaging\/message-attachments\/([^/]+)$/.exec(path);
    if (m && req.method === "GET") {
      const file = this.attachments.get(decodeURIComponent(m[1] ?? ""));
      if (!file?.bytes) return this.json(res, 404, { errors: [{ message: "Attachment not found" }] });
      res.writeHead(200, { "content-type": file.contentType ?? "application/octet-stream", "content-length": String(file.bytes.length) }).end(file.bytes);
      return;
    }
    if (m && req.method === "PUT") {
      const declared = this.attachments.get(decodeURIComponent(m[1] ?? ""));
      if (!declared) return this.json(res, 404, { errors: [{ message: "Attachment not found" }] });
      const type = req.headers["content-type"] ?? "";
      if (!["image/png", "image/gif", "image/bmp", "image/tiff", "image/jpeg", "application/pdf"].includes(type)) {
        return this.json(res, 415, { errors: [{ message: "Unsupported media type" }] });
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      if (bytes.length > 5_242_880) return this.json(res, 413, { errors: [{ message: "Too large" }] });
      declared.bytes = bytes;
      declared.contentType = type;
      return this.json(res, 200, { id: m[1] });
    }

    m = /^\/messaging\/threads\/([^/]+)\/read$/.exec(path);
    if (m && req.method === "PUT") {
      const thread = this.threads.get(decodeURIComponent(m[1] ?? ""));
      if (!thread) return this.json(res, 404, { errors: [{ message: "Thread not found" }] });
      const body = JSON.parse((await this.body(req)) || "{}") as { read?: boolean };
      if (typeof body.read !== "boolean") return this.json(res, 422, { errors: [{ message: "missing flag" }] });
      thread.read = body.read;
      return this.json(res, 200, { id: thread.id, read: thread.read, lastMessageDateTime: this.lastMessageDateTime(thread), interlocutor: thread.interlocutor });
    }

    m = /^\/order\/checkout-forms\/([^/]+)(\/shipments)?$/.exec(path);
    if (m && req.method === "GET") {
      const order = this.orders.get(decodeURIComponent(m[1] ?? "")) as { shipments?: unknown[] } | undefined;
      if (!order) return this.json(res, 404, { errors: [{ message: "Not found" }] });
      return this.json(res, 200, m[2] ? { shipments: order.shipments ?? [] } : order);
    }

    m = /^\/sale\/product-offers\/([^/]+)$/.exec(path);
    if (m && req.method === "GET") {
      const offer = this.offers.get(decodeURIComponent(m[1] ?? ""));
      if (!offer) return this.json(res, 404, { errors: [{ message: "Offer not found" }] });
      return this.json(res, 200, offer);
    }

    if (path === "/me" && req.method === "GET") return this.json(res, 200, { id: "12345", login: this.seller });
    return this.json(res, 404, { errors: [{ message: `no route ${req.method} ${path}` }] });
  }

  private async token(req: IncomingMessage, res: ServerResponse) {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString("base64")}`;
    if (req.headers.authorization !== expected) return this.json(res, 401, { error: "invalid_client" });
    const params = new URLSearchParams(await this.body(req));
    if (params.get("grant_type") === "refresh_token") {
      const rt = params.get("refresh_token") ?? "";
      this.usedRefreshTokens.push(rt);
      if (!this.refreshTokens.has(rt)) return this.json(res, 400, { error: "invalid_grant", error_description: "Invalid refresh token" });
      this.refreshTokens.delete(rt); // single use
      this.refreshCount++;
      const pair = this.issueTokens();
      return this.json(res, 200, { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: 43_199, token_type: "bearer" });
    }
    if (params.get("grant_type") === "authorization_code") {
      if (params.get("code") !== "valid-code" || !params.get("code_verifier")) return this.json(res, 400, { error: "invalid_grant" });
      const pair = this.issueTokens();
      return this.json(res, 200, { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: 43_199, token_type: "bearer" });
    }
    return this.json(res, 400, { error: "unsupported_grant_type" });
  }
}
