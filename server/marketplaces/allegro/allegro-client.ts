import {
  ConnectorAuthError,
  ConnectorRateLimitError,
  ConnectorRejectedError,
  ConnectorTransientError,
} from "../connector";
import type { CredentialProvider, OAuthCredentials } from "../credentials";
import type { RateLimiter } from "@/server/infra/rate-limit";

export const ALLEGRO_MEDIA_TYPE = "application/vnd.allegro.public.v1+json";
const REQUEST_TIMEOUT_MS = 15_000;
/** Refresh a little before expiry so a request never starts with a token about to die. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface AllegroConfig {
  apiUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface AllegroLimits {
  /** Allegro allows 9000 requests/min per Client ID: shared by every tenant of this app. */
  app: RateLimiter;
  /** Sending is limited to 1 request/s per seller. */
  send: RateLimiter;
}

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

function toCredentials(body: TokenResponse): OAuthCredentials {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: new Date(Date.now() + body.expires_in * 1000).toISOString(),
  };
}

async function safeFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new ConnectorTransientError(`Allegro unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface DownloadedFile {
  bytes: Uint8Array;
  contentType: string;
}

/** Reads a response body up to a size limit, refusing (not truncating) anything larger. */
async function readDownload(res: Response, maxBytes: number): Promise<DownloadedFile> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ConnectorRejectedError(`Attachment larger than ${maxBytes} bytes`, 413);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ConnectorRejectedError(`Attachment larger than ${maxBytes} bytes`, 413);
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), contentType: res.headers.get("content-type") ?? "application/octet-stream" };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every request of this application, for all tenants, counts in one bucket. */
export const APP_BUCKET = "all";

/** Waits for a slot (up to `maxWaitMs`), else reports the limit as a retryable error. */
export async function takeSlot(limiter: RateLimiter, key: string, maxWaitMs: number) {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const slot = await limiter.limit(key);
    if (slot.success) return;
    const wait = Math.max(10, slot.reset - Date.now());
    if (Date.now() + wait > deadline) throw new ConnectorRateLimitError(wait);
    await sleep(wait);
  }
}

/** POST to Allegro's token endpoint (authorization code or refresh token grant). */
export async function requestAllegroToken(config: AllegroConfig, params: Record<string, string>): Promise<OAuthCredentials> {
  const res = await safeFetch(`${config.authUrl}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    },
    body: new URLSearchParams(params).toString(),
  });
  if (res.ok) return toCredentials((await res.json()) as TokenResponse);
  const body = await res.text();
  if (res.status === 400 || res.status === 401) {
    // invalid_grant: the refresh token was used, revoked or expired; only reconnecting helps.
    throw new ConnectorAuthError(`Allegro refused the token request (${res.status}): ${body.slice(0, 200)}`, true);
  }
  if (res.status === 429) throw new ConnectorRateLimitError(retryAfterMs(res));
  throw new ConnectorTransientError(`Allegro token endpoint answered ${res.status}`);
}

function retryAfterMs(res: Response): number {
  const header = res.headers.get("retry-after");
  const seconds = header ? Number(header) : NaN;
  if (Number.isFinite(seconds)) return Math.max(1, seconds) * 1000;
  const date = header ? Date.parse(header) : NaN;
  return Number.isFinite(date) ? Math.max(1000, date - Date.now()) : 60_000;
}

async function rejectionMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { errors?: { userMessage?: string; message?: string }[] };
    const first = body.errors?.[0];
    return first?.userMessage || first?.message || `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}


/**
 * Allegro REST over HTTP: vendor media type, bearer token refreshed before expiry and
 * once more on a 401, app-wide and per-seller rate limits, and platform errors mapped
 * to the connector error classes.
 */
export class AllegroClient {
  constructor(
    private readonly config: AllegroConfig,
    private readonly credentials: CredentialProvider,
    private readonly limits: AllegroLimits,
    private readonly sellerKey: string,
  ) {}

  private async token(): Promise<OAuthCredentials> {
    const current = await this.credentials.current();
    if (Date.parse(current.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return current;
    return this.credentials.refresh(current);
  }

  async request<T>(
    method: "GET" | "POST" | "PUT",
    path: string,
    options: {
      query?: Record<string, string | number | undefined>;
      body?: unknown;
      /** Binary upload (attachments) instead of a JSON body. */
      raw?: { contentType: string; bytes: Uint8Array };
      isSend?: boolean;
      /** A file download (any type) of at most this many bytes: resolves to DownloadedFile. */
      downloadMaxBytes?: number;
    } = {},
  ): Promise<T> {
    const url = new URL(`${this.config.apiUrl}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));

    let credentials = await this.token();
    // Limits are taken last, right before the request leaves: database work in between
    // (reading the token) would otherwise let two sends reach Allegro closer than 1 s.
    if (options.isSend) await takeSlot(this.limits.send, this.sellerKey, 3_000);
    await takeSlot(this.limits.app, APP_BUCKET, 5_000);
    for (let attempt = 0; ; attempt++) {
      const res = await safeFetch(url.toString(), {
        method,
        headers: {
          accept: options.downloadMaxBytes ? "*/*" : ALLEGRO_MEDIA_TYPE,
          authorization: `Bearer ${credentials.accessToken}`,
          ...(options.raw ? { "content-type": options.raw.contentType } : {}),
          ...(options.body !== undefined ? { "content-type": ALLEGRO_MEDIA_TYPE } : {}),
        },
        body: options.raw ? Buffer.from(options.raw.bytes) : options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
      if (res.status === 401 && attempt === 0) {
        credentials = await this.credentials.refresh(credentials);
        continue;
      }
      if (res.ok && options.downloadMaxBytes) return (await readDownload(res, options.downloadMaxBytes)) as T;
      if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
      if (res.status === 401) throw new ConnectorAuthError("Allegro rejected a freshly refreshed token");
      if (res.status === 429) throw new ConnectorRateLimitError(retryAfterMs(res));
      if (res.status >= 500) throw new ConnectorTransientError(`Allegro answered ${res.status} for ${method} ${path}`);
      throw new ConnectorRejectedError(await rejectionMessage(res), res.status);
    }
  }
}
