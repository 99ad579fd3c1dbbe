import type { ChannelKind } from "@/server/db/generated/client";

/**
 * The one interface every marketplace implements. Platforms differ wildly (Allegro
 * polls threads, Amazon only relays e-mail, eMAG's messaging is unverified), so what a
 * platform cannot do is declared in `capabilities` rather than faked.
 */
export interface ConnectorCapabilities {
  oauth: boolean;
  markRead: boolean;
  attachments: boolean;
  orderLookup: boolean;
  offerLookup: boolean;
  /** Longest reply the platform accepts, in characters. */
  maxReplyLength: number;
}

export interface AttachmentMeta {
  fileName: string;
  mimeType?: string;
  url?: string;
  status?: string;
}

export interface IncomingMessage {
  externalId: string;
  /** inbound = written by the buyer; outbound = written by the seller (e.g. on the platform's own site). */
  direction: "inbound" | "outbound";
  text: string;
  /** Rich content as the platform sent it (untrusted HTML: sanitised before it is stored). */
  html?: string;
  createdAt: Date;
  /** Platform moderation state, kept verbatim (Allegro: VERIFYING and BLOCKED are not normal buyer text). */
  platformStatus?: string;
  attachments: AttachmentMeta[];
}

export interface IncomingThread {
  externalThreadId: string;
  /** null when the platform no longer knows the buyer (deleted account). */
  customer: { externalId: string; displayName?: string } | null;
  subject?: string;
  offerExternalId?: string;
  orderExternalId?: string;
  messages: IncomingMessage[];
}

export type PollCursor = Record<string, unknown>;

export interface PollResult {
  threads: IncomingThread[];
  /** Stored only after the threads above are safely ingested. */
  cursor: PollCursor;
}

export interface OrderSummary {
  id: string;
  status: string;
  fulfillmentStatus?: string;
  buyerLogin?: string;
  boughtAt?: string;
  total?: { amount: string; currency: string };
  items: { name: string; quantity: number; price?: string }[];
  deliveryMethod?: string;
  tracking: { carrier?: string; waybill: string }[];
}

/** Key facts of the offer a conversation is about, as the platform reports them. */
export interface OfferSummary {
  id: string;
  name?: string;
  price?: { amount: string; currency: string };
  /** Units still available to buy. */
  available?: number;
  /** e.g. ACTIVE, ENDED. */
  status?: string;
}

export interface OutgoingAttachment {
  fileName: string;
  mimeType: string;
  content: Uint8Array;
}

export interface OutgoingReply {
  externalThreadId: string;
  text: string;
  attachments: OutgoingAttachment[];
}

export interface SentReply {
  externalId: string;
  sentAt: Date;
}

/** Everything a connector may need about the account it acts for. */
export interface ChannelContext {
  accountId: string;
  tenantId: string;
  kind: ChannelKind;
  externalAccountId: string | null;
}

/** The context a connector acts in, from a tenant's channel account row. */
export function channelContext(tenantId: string, account: { id: string; kind: ChannelKind; externalAccountId: string | null }): ChannelContext {
  return { accountId: account.id, tenantId, kind: account.kind, externalAccountId: account.externalAccountId };
}

/** A platform's OAuth2 authorization-code flow with PKCE (server/marketplaces/oauth-connect.ts drives it). */
export interface OAuthFlow {
  /** The platform's consent page for this application. */
  authorizationUrl(params: { redirectUri: string; state: string; codeChallenge: string }): string;
  /** Exchanges the returned code for tokens and says whose account they open. */
  exchangeCode(params: { code: string; redirectUri: string; codeVerifier: string }): Promise<{
    credentials: { accessToken: string; refreshToken: string; expiresAt: string };
    account: { externalId: string; name: string };
  }>;
}

export interface Connector {
  kind: ChannelKind;
  capabilities: ConnectorCapabilities;
  /** Connecting an account: platforms with OAuth (capabilities.oauth) describe their flow here. */
  oauth?: OAuthFlow;
  poll(ctx: ChannelContext, cursor: PollCursor): Promise<PollResult>;
  sendReply(ctx: ChannelContext, reply: OutgoingReply): Promise<SentReply>;
  markRead(ctx: ChannelContext, externalThreadId: string): Promise<void>;
  lookupOrder(ctx: ChannelContext, orderExternalId: string): Promise<OrderSummary | null>;
  lookupOffer(ctx: ChannelContext, offerExternalId: string): Promise<OfferSummary | null>;
  /** A buyer's attachment, fetched with the account's credentials (platform URLs need them). */
  downloadAttachment(ctx: ChannelContext, attachment: AttachmentMeta, maxBytes: number): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/** The platform refused our credentials (after a refresh attempt). */
export class ConnectorAuthError extends Error {
  constructor(
    message: string,
    /** true when the grant itself is dead (e.g. refresh token rejected): only reconnecting helps. */
    readonly reconnectRequired = false,
  ) {
    super(message);
    this.name = "ConnectorAuthError";
  }
}

/** Throttled by the platform or by our own limits; try again after `retryAfterMs`. */
export class ConnectorRateLimitError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Rate limited; retry after ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = "ConnectorRateLimitError";
  }
}

/** A 5xx, timeout or network failure: worth retrying with backoff. */
export class ConnectorTransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectorTransientError";
  }
}

/** The platform rejected the request itself (validation, not found): retrying will not help. */
export class ConnectorRejectedError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ConnectorRejectedError";
  }
}

export function isRetryable(error: unknown): boolean {
  return error instanceof ConnectorTransientError || error instanceof ConnectorRateLimitError;
}
