import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { AppError } from "@/lib/errors";

/**
 * Fetches a public web page (or PDF/DOCX/text file) for the knowledge base, safely:
 * only http/https, no credentials in the URL, and every connection — the first and each
 * redirect — goes through request-filtering-agent, which checks the address *after* DNS
 * resolution and refuses private, loopback, link-local, metadata and other non-unicast
 * ranges (so a public name pointing at 127.0.0.1 or 169.254.169.254 is refused too, and
 * DNS rebinding between check and connect is impossible: the checked address is the one
 * connected to). Size and time are bounded; the body is counted as it streams in.
 */

export interface FetchedDocument {
  bytes: Uint8Array;
  mimeType: string;
  fileName: string;
  finalUrl: string;
}

export interface UrlFetchOptions {
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Addresses allowed despite being private: only tests use this, for their local server. */
  allowAddresses?: string[];
}

const ACCEPTED_TYPES: Record<string, string> = {
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/plain": "txt",
  "text/markdown": "md",
  "text/csv": "csv",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

const urlError = (key: string, params?: Record<string, string | number>) => new AppError("BAD_REQUEST", `knowledge.errors.${key}`, params);

export function parsePublicUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw urlError("urlInvalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw urlError("urlInvalid");
  if (url.username || url.password) throw urlError("urlInvalid");
  url.hash = "";
  return url;
}

function fileNameFor(url: URL, extension: string): string {
  const last = decodeURIComponent(url.pathname.split("/").filter(Boolean).pop() ?? "").replace(/[^\p{L}\p{N}._-]+/gu, "-");
  const base = last.replace(/\.[a-z0-9]{1,5}$/i, "") || url.hostname;
  return `${base.slice(0, 120)}.${extension}`;
}

interface RawResponse {
  status: number;
  location?: string;
  contentType: string;
  body?: Uint8Array;
}

function requestOnce(url: URL, options: Required<UrlFetchOptions>, deadline: number): Promise<RawResponse> {
  const filter = { allowIPAddressList: options.allowAddresses, keepAlive: false };
  const secure = url.protocol === "https:";
  const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
  const request = secure ? https.request : http.request;
  return new Promise<RawResponse>((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(urlError("urlTimeout"));
    const req = request(
      url,
      {
        agent,
        method: "GET",
        headers: { "user-agent": "BOK-AI knowledge import (+https://bok-ai.pl)", accept: Object.keys(ACCEPTED_TYPES).join(", ") },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = (res.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ status, location: res.headers.location, contentType });
        }
        if (status >= 400 || status < 200) {
          res.resume();
          return reject(urlError("urlHttpError", { status }));
        }
        if (!ACCEPTED_TYPES[contentType]) {
          res.destroy();
          return reject(urlError("urlNotText"));
        }
        const declared = Number(res.headers["content-length"] ?? "0");
        const tooLarge = () => urlError("tooLarge", { maxMb: Math.round(options.maxBytes / 1048576) });
        if (declared > options.maxBytes) {
          res.destroy();
          return reject(tooLarge());
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on("data", (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > options.maxBytes) {
            res.destroy();
            reject(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ status, contentType, body: new Uint8Array(Buffer.concat(chunks)) }));
        res.on("error", () => reject(urlError("urlUnreachable")));
      },
    );
    req.setTimeout(remaining, () => req.destroy(urlError("urlTimeout")));
    req.on("error", (error) => {
      if (error instanceof AppError) return reject(error);
      // request-filtering-agent refuses with "... is not allowed. Because, It is private IP address."
      if (/is not allowed/i.test(error.message)) return reject(urlError("urlBlocked"));
      reject(urlError("urlUnreachable"));
    });
    req.end();
  });
}

export async function fetchPublicDocument(rawUrl: string, options: UrlFetchOptions): Promise<FetchedDocument> {
  const resolved: Required<UrlFetchOptions> = { timeoutMs: 10_000, maxRedirects: 5, allowAddresses: [], ...options };
  const deadline = Date.now() + resolved.timeoutMs;
  let url = parsePublicUrl(rawUrl);
  for (let hop = 0; hop <= resolved.maxRedirects; hop++) {
    const response = await requestOnce(url, resolved, deadline);
    if (response.location !== undefined) {
      // Each hop is parsed and connected through the same filter: a public page cannot
      // redirect us into the private network, nor to file:// or gopher://.
      try {
        url = parsePublicUrl(new URL(response.location, url).toString());
      } catch {
        throw urlError("urlBlocked");
      }
      continue;
    }
    const extension = ACCEPTED_TYPES[response.contentType]!;
    return { bytes: response.body!, mimeType: response.contentType, fileName: fileNameFor(url, extension), finalUrl: url.toString() };
  }
  throw urlError("urlTooManyRedirects");
}
