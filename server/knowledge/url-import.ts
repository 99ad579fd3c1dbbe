import { AppError } from "@/lib/errors";
import { parseHttpUrl, publicRequest, PublicHttpError, type PublicHttpFailure } from "@/server/infra/public-http";

/**
 * Fetches a public web page (or PDF/DOCX/text file) for the knowledge base, safely:
 * only http/https, no credentials in the URL, and every connection — the first and each
 * redirect — through publicRequest (server/infra/public-http.ts), which refuses private,
 * loopback, link-local and metadata addresses after DNS resolution. Size and time are
 * bounded; the body is counted as it streams in.
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
  const url = parseHttpUrl(raw);
  if (!url) throw urlError("urlInvalid");
  return url;
}

function fileNameFor(url: URL, extension: string): string {
  const last = decodeURIComponent(url.pathname.split("/").filter(Boolean).pop() ?? "").replace(/[^\p{L}\p{N}._-]+/gu, "-");
  const base = last.replace(/\.[a-z0-9]{1,5}$/i, "") || url.hostname;
  return `${base.slice(0, 120)}.${extension}`;
}

function failureError(failure: PublicHttpFailure, maxBytes: number): AppError {
  const keys: Record<PublicHttpFailure, string> = {
    blocked: "urlBlocked",
    timeout: "urlTimeout",
    unreachable: "urlUnreachable",
    tooLarge: "tooLarge",
    unacceptableType: "urlNotText",
  };
  return urlError(keys[failure], failure === "tooLarge" ? { maxMb: Math.round(maxBytes / 1048576) } : undefined);
}

export async function fetchPublicDocument(rawUrl: string, options: UrlFetchOptions): Promise<FetchedDocument> {
  const resolved: Required<UrlFetchOptions> = { timeoutMs: 10_000, maxRedirects: 5, allowAddresses: [], ...options };
  const deadline = Date.now() + resolved.timeoutMs;
  let url = parsePublicUrl(rawUrl);
  for (let hop = 0; hop <= resolved.maxRedirects; hop++) {
    const response = await publicRequest(url, {
      headers: { "user-agent": "BOK-AI knowledge import (+https://bok-ai.pl)", accept: Object.keys(ACCEPTED_TYPES).join(", ") },
      maxBytes: resolved.maxBytes,
      deadline,
      allowAddresses: resolved.allowAddresses,
      acceptContentType: (type) => type in ACCEPTED_TYPES,
    }).catch((error: unknown) => {
      throw error instanceof PublicHttpError ? failureError(error.failure, resolved.maxBytes) : error;
    });
    if (response.status >= 300 && response.status < 400 && response.location) {
      // Each hop is parsed and connected through the same filter: a public page cannot
      // redirect us into the private network, nor to file:// or gopher://.
      try {
        url = parsePublicUrl(new URL(response.location, url).toString());
      } catch {
        throw urlError("urlBlocked");
      }
      continue;
    }
    if (!response.body) throw urlError("urlHttpError", { status: response.status });
    const extension = ACCEPTED_TYPES[response.contentType]!;
    return { bytes: response.body, mimeType: response.contentType, fileName: fileNameFor(url, extension), finalUrl: url.toString() };
  }
  throw urlError("urlTooManyRedirects");
}
