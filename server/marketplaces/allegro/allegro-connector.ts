import type { Database } from "@/server/db/client";
import { createRateLimiter, type RateLimitRule } from "@/server/infra/rate-limit";
import type {
  ChannelContext,
  Connector,
  IncomingMessage,
  IncomingThread,
  OAuthFlow,
  OfferSummary,
  OrderSummary,
  PollCursor,
  PollResult,
} from "../connector";
import { ConnectorRejectedError } from "../connector";
import { databaseCredentialProvider } from "../credentials";
import { ALLEGRO_MEDIA_TYPE, AllegroClient, APP_BUCKET, requestAllegroToken, takeSlot, type AllegroConfig, type AllegroLimits, type DownloadedFile } from "./allegro-client";

// Shapes from Allegro's published OpenAPI spec (components Thread, Message, CheckoutForm).
interface AllegroThread {
  id: string;
  read: boolean;
  lastMessageDateTime?: string | null;
  interlocutor?: { login: string; avatarUrl?: string } | null;
}
interface AllegroMessage {
  id: string;
  status: string;
  type: string;
  createdAt: string;
  thread: { id: string };
  author: { login: string; isInterlocutor: boolean };
  text: string;
  subject?: string | null;
  relatesTo?: { offer?: { id: string } | null; order?: { id: string } | null };
  attachments?: { fileName: string; mimeType?: string; url?: string; status: string }[];
}
interface CheckoutForm {
  id: string;
  status: string;
  buyer?: { login?: string };
  fulfillment?: { status?: string };
  delivery?: { method?: { name?: string } };
  lineItems?: { offer?: { name?: string }; quantity?: number; price?: { amount: string; currency: string }; boughtAt?: string }[];
  summary?: { totalToPay?: { amount: string; currency: string } };
}
interface Shipments {
  shipments?: { waybill: string; carrierId?: string; carrierName?: string }[];
}

const PAGE = 20;
/** Re-read this far behind the high-water mark: messages held in moderation surface later with an earlier timestamp. */
export const OVERLAP_MS = 30 * 60_000;
/** On first connection, import this much history. */
const INITIAL_HISTORY_MS = 30 * 24 * 3_600_000;
/** Safety stop for one poll; the high-water mark only advances over what was read. */
const MAX_THREAD_PAGES = 250;

interface AllegroCursor {
  /** Latest lastMessageDateTime fully ingested. */
  highWater?: string;
}

export const ALLEGRO_CAPABILITIES = {
  oauth: true,
  markRead: true,
  attachments: true,
  orderLookup: true,
  offerLookup: true,
  maxReplyLength: 2000,
} as const;

/** Allegro's published limits, as rate-limit rules (tests build in-process limiters from the same rules). */
export const ALLEGRO_LIMIT_RULES = {
  app: { prefix: "allegro:app", tokens: 9000, window: "1 m" },
  // 1 request/s, as Allegro counts arrivals: 10% headroom absorbs network and event-loop
  // jitter that would otherwise land two sends closer than a second apart.
  send: { prefix: "allegro:send", tokens: 1, window: "1100 ms" },
} as const satisfies Record<keyof AllegroLimits, RateLimitRule>;

let sharedLimits: AllegroLimits | undefined;
function allegroLimits(): AllegroLimits {
  sharedLimits ??= { app: createRateLimiter(ALLEGRO_LIMIT_RULES.app), send: createRateLimiter(ALLEGRO_LIMIT_RULES.send) };
  return sharedLimits;
}

export function createAllegroConnector(db: Database, config: AllegroConfig, limits = allegroLimits()): Connector {
  const clientFor = (ctx: ChannelContext) =>
    new AllegroClient(
      config,
      databaseCredentialProvider(db, ctx, async (refreshToken) => {
        // Token refreshes are requests of this application too: they count in the shared bucket.
        await takeSlot(limits.app, APP_BUCKET, 5_000);
        return requestAllegroToken(config, { grant_type: "refresh_token", refresh_token: refreshToken });
      }),
      limits,
      // Allegro limits sending per seller: one seller connected in two tenants shares one bucket.
      ctx.externalAccountId ?? ctx.accountId,
    );

  async function changedThreads(client: AllegroClient, since: number): Promise<{ threads: AllegroThread[]; newest: number }> {
    const threads: AllegroThread[] = [];
    let newest = since;
    for (let page = 0; page < MAX_THREAD_PAGES; page++) {
      const list = await client.request<{ threads: AllegroThread[] }>("GET", "/messaging/threads", {
        query: { limit: PAGE, offset: page * PAGE },
      });
      for (const t of list.threads) {
        const at = t.lastMessageDateTime ? Date.parse(t.lastMessageDateTime) : 0;
        if (at > since) {
          threads.push(t);
          newest = Math.max(newest, at);
        }
      }
      const last = list.threads.at(-1);
      // Sorted by last activity, newest first: once a page ends at or below the mark, older pages hold nothing new.
      if (list.threads.length < PAGE || !last?.lastMessageDateTime || Date.parse(last.lastMessageDateTime) <= since) break;
    }
    return { threads, newest };
  }

  async function threadMessages(client: AllegroClient, threadId: string, after: number): Promise<AllegroMessage[]> {
    const out: AllegroMessage[] = [];
    for (let offset = 0; offset <= 15_000; offset += PAGE) {
      const list = await client.request<{ messages: AllegroMessage[] }>("GET", `/messaging/threads/${encodeURIComponent(threadId)}/messages`, {
        query: { limit: PAGE, offset, after: new Date(after).toISOString() },
      });
      out.push(...list.messages);
      if (list.messages.length < PAGE) break;
    }
    return out;
  }

  function toIncomingThread(thread: AllegroThread, messages: AllegroMessage[]): IncomingThread {
    const withOrder = messages.find((m) => m.relatesTo?.order?.id);
    const withOffer = messages.find((m) => m.relatesTo?.offer?.id);
    const subject = messages.find((m) => m.subject)?.subject ?? undefined;
    return {
      externalThreadId: thread.id,
      customer: thread.interlocutor ? { externalId: thread.interlocutor.login, displayName: thread.interlocutor.login } : null,
      subject,
      orderExternalId: withOrder?.relatesTo?.order?.id,
      offerExternalId: withOffer?.relatesTo?.offer?.id,
      messages: messages.map(
        (m): IncomingMessage => ({
          externalId: m.id,
          // Direction comes from isInterlocutor, never from `type` (Allegro's own advice).
          direction: m.author.isInterlocutor ? "inbound" : "outbound",
          text: m.text,
          createdAt: new Date(m.createdAt),
          platformStatus: m.status,
          attachments: (m.attachments ?? []).map((a) => ({ fileName: a.fileName, mimeType: a.mimeType, url: a.url, status: a.status })),
        }),
      ),
    };
  }

  const oauth: OAuthFlow = {
    authorizationUrl({ redirectUri, state, codeChallenge }) {
      const url = new URL(`${config.authUrl}/authorize`);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: config.clientId,
        redirect_uri: redirectUri,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
      }).toString();
      return url.toString();
    },
    async exchangeCode({ code, redirectUri, codeVerifier }) {
      const credentials = await requestAllegroToken(config, { grant_type: "authorization_code", code, redirect_uri: redirectUri, code_verifier: codeVerifier });
      // Whose account the tokens open: the seller's id keys the channel account.
      const res = await fetch(`${config.apiUrl}/me`, {
        headers: { accept: ALLEGRO_MEDIA_TYPE, authorization: `Bearer ${credentials.accessToken}` },
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new ConnectorRejectedError(`Allegro /me answered ${res.status}`, res.status);
      const me = (await res.json()) as { id: string; login: string };
      return { credentials, account: { externalId: me.id, name: `Allegro: ${me.login}` } };
    },
  };

  return {
    kind: "allegro",
    oauth,
    capabilities: ALLEGRO_CAPABILITIES,

    async poll(ctx, rawCursor: PollCursor): Promise<PollResult> {
      const cursor = rawCursor as AllegroCursor;
      const client = clientFor(ctx);
      const highWater = cursor.highWater ? Date.parse(cursor.highWater) : Date.now() - INITIAL_HISTORY_MS;
      const since = cursor.highWater ? highWater - OVERLAP_MS : highWater;
      const { threads, newest } = await changedThreads(client, since);
      const result: IncomingThread[] = [];
      for (const thread of threads) {
        result.push(toIncomingThread(thread, await threadMessages(client, thread.id, since)));
      }
      return { threads: result, cursor: { highWater: new Date(Math.max(newest, highWater)).toISOString() } };
    },

    async downloadAttachment(ctx, attachment, maxBytes) {
      // The URL comes from Allegro's message; the seller's token is only ever sent to
      // Allegro's own attachment endpoint, never to a host a message names.
      const url = attachment.url ? new URL(attachment.url, config.apiUrl) : null;
      const api = new URL(config.apiUrl);
      const match = url && url.origin === api.origin ? /^\/messaging\/message-attachments\/([^/]+)$/.exec(url.pathname.slice(api.pathname.replace(/\/$/, "").length)) : null;
      if (!match) throw new ConnectorRejectedError("Not an Allegro attachment address", 404);
      return clientFor(ctx).request<DownloadedFile>("GET", `/messaging/message-attachments/${encodeURIComponent(decodeURIComponent(match[1]!))}`, { downloadMaxBytes: maxBytes });
    },

    async sendReply(ctx, reply) {
      if (reply.text.length > ALLEGRO_CAPABILITIES.maxReplyLength) {
        throw new ConnectorRejectedError(`Allegro accepts at most ${ALLEGRO_CAPABILITIES.maxReplyLength} characters`);
      }
      const client = clientFor(ctx);
      // Attachments are declared, then their bytes uploaded; the message refers to their ids.
      const attachmentIds: { id: string }[] = [];
      for (const file of reply.attachments) {
        const declared = await client.request<{ id: string }>("POST", "/messaging/message-attachments", {
          body: { filename: file.fileName, size: file.content.byteLength },
        });
        await client.request("PUT", `/messaging/message-attachments/${encodeURIComponent(declared.id)}`, {
          raw: { contentType: file.mimeType, bytes: file.content },
        });
        attachmentIds.push({ id: declared.id });
      }
      const message = await client.request<AllegroMessage>(
        "POST",
        `/messaging/threads/${encodeURIComponent(reply.externalThreadId)}/messages`,
        { body: { text: reply.text, attachments: attachmentIds }, isSend: true },
      );
      return { externalId: message.id, sentAt: new Date(message.createdAt) };
    },

    async markRead(ctx, externalThreadId) {
      await clientFor(ctx).request("PUT", `/messaging/threads/${encodeURIComponent(externalThreadId)}/read`, { body: { read: true } });
    },

    async lookupOrder(ctx, orderId): Promise<OrderSummary | null> {
      const client = clientFor(ctx);
      let form: CheckoutForm;
      try {
        form = await client.request<CheckoutForm>("GET", `/order/checkout-forms/${encodeURIComponent(orderId)}`);
      } catch (error) {
        // 404 also means "owned by another account" on Allegro: nothing to show.
        if (error instanceof ConnectorRejectedError && error.status === 404) return null;
        throw error;
      }
      const shipments = await client
        .request<Shipments>("GET", `/order/checkout-forms/${encodeURIComponent(orderId)}/shipments`)
        .catch(() => ({ shipments: [] }) as Shipments);
      return {
        id: form.id,
        status: form.status,
        fulfillmentStatus: form.fulfillment?.status,
        buyerLogin: form.buyer?.login,
        boughtAt: form.lineItems?.[0]?.boughtAt,
        total: form.summary?.totalToPay,
        items: (form.lineItems ?? []).map((li) => ({
          name: li.offer?.name ?? "?",
          quantity: li.quantity ?? 1,
          price: li.price ? `${li.price.amount} ${li.price.currency}` : undefined,
        })),
        deliveryMethod: form.delivery?.method?.name,
        tracking: (shipments.shipments ?? []).map((s) => ({ carrier: s.carrierName ?? s.carrierId, waybill: s.waybill })),
      };
    },

    async lookupOffer(ctx, offerId): Promise<OfferSummary | null> {
      let offer: ProductOffer;
      try {
        offer = await clientFor(ctx).request<ProductOffer>("GET", `/sale/product-offers/${encodeURIComponent(offerId)}`);
      } catch (error) {
        // Another seller's offer (a buyer asking from a shared product page) is not ours to read.
        if (error instanceof ConnectorRejectedError && (error.status === 404 || error.status === 403)) return null;
        throw error;
      }
      return {
        id: offer.id,
        name: offer.name,
        price: offer.sellingMode?.price,
        available: offer.stock?.available,
        status: offer.publication?.status,
      };
    },
  };
}

/** The fields of GET /sale/product-offers/{offerId} the inbox shows. */
interface ProductOffer {
  id: string;
  name?: string;
  sellingMode?: { price?: { amount: string; currency: string } };
  stock?: { available?: number };
  publication?: { status?: string };
}
