import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

/**
 * One HTTP request to an address a tenant gave us (a page to import, a webhook tool),
 * safely: the connection goes through request-filtering-agent, which checks the address
 * *after* DNS resolution and refuses private, loopback, link-local, metadata and other
 * non-unicast ranges — so a public name pointing at 127.0.0.1 is refused too, and the
 * checked address is the one connected to (no DNS rebinding). Redirects are returned,
 * not followed, so callers re-check every hop. Time and body size are bounded.
 */
export type PublicHttpFailure = "blocked" | "timeout" | "unreachable" | "tooLarge" | "unacceptableType";

export class PublicHttpError extends Error {
  constructor(readonly failure: PublicHttpFailure) {
    super(`public request failed: ${failure}`);
    this.name = "PublicHttpError";
  }
}

/** An http(s) address without credentials (fragment dropped), or null for anything else. */
export function parseHttpUrl(raw: string): URL | null {
  if (!URL.canParse(raw.trim())) return null;
  const url = new URL(raw.trim());
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return null;
  url.hash = "";
  return url;
}

export interface PublicResponse {
  status: number;
  contentType: string;
  location?: string;
  /** Only for 2xx answers. */
  body?: Uint8Array;
}

export interface PublicRequest {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  maxBytes: number;
  /** Epoch milliseconds by which the whole exchange must be over. */
  deadline: number;
  /** Addresses allowed despite being private: only tests use this, for their local servers. */
  allowAddresses?: string[];
  /** Refuse a 2xx answer of another type before reading its body. */
  acceptContentType?: (contentType: string) => boolean;
}

export function publicRequest(url: URL, options: PublicRequest): Promise<PublicResponse> {
  const filter = { allowIPAddressList: options.allowAddresses ?? [], keepAlive: false };
  const secure = url.protocol === "https:";
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  const request = secure ? https.request : http.request;
  const fail = (failure: PublicHttpFailure) => new PublicHttpError(failure);
  return new Promise<PublicResponse>((resolve, reject) => {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) return reject(fail("timeout"));
    const req = request(url, { agent, method: options.method ?? "GET", headers: options.headers }, (res) => {
      const status = res.statusCode ?? 0;
      const contentType = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (status < 200 || status >= 300) {
        res.resume();
        return resolve({ status, contentType, location: res.headers.location });
      }
      if (options.acceptContentType && !options.acceptContentType(contentType)) {
        res.destroy();
        return reject(fail("unacceptableType"));
      }
      if (Number(res.headers["content-length"] ?? "0") > options.maxBytes) {
        res.destroy();
        return reject(fail("tooLarge"));
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > options.maxBytes) {
          res.destroy();
          reject(fail("tooLarge"));
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => resolve({ status, contentType, body: new Uint8Array(Buffer.concat(chunks)) }));
      res.on("error", () => reject(fail("unreachable")));
    });
    req.setTimeout(remaining, () => req.destroy(fail("timeout")));
    req.on("error", (error) => {
      if (error instanceof PublicHttpError) return reject(error);
      // request-filtering-agent refuses with "... is not allowed. Because, It is private IP address."
      reject(fail(/is not allowed/i.test(error.message) ? "blocked" : "unreachable"));
    });
    req.end(options.body);
  });
}
