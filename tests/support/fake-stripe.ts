import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A fake Stripe API over real HTTP, written from Stripe's API reference: bearer secret
 * key, form-encoded bodies with bracketed keys (`line_items[0][price]`), the
 * `{error: {type, message}}` envelope, Idempotency-Key replays, list objects
 * (`{object: "list", data, has_more}`), and subscriptions whose current period lives on
 * their items (API 2025-03-31 and later). Tests drive the state (a completed checkout, a
 * failed payment) and get the events Stripe would send, signed as Stripe signs them.
 */
export interface FakeSubscription {
  id: string;
  object: "subscription";
  customer: string;
  status: string;
  cancel_at_period_end: boolean;
  metadata: Record<string, string>;
  items: { object: "list"; data: { id: string; object: "subscription_item"; price: { id: string; object: "price" }; current_period_end: number; current_period_start: number }[] };
}

type Params = Record<string, unknown>;

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

/** `a[b][0][c]=v` into nested objects and arrays, as Stripe reads its form bodies. */
export function parseStripeForm(body: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

export class FakeStripe {
  readonly secretKey = "sk_test_fake_bokai";
  readonly webhookSecret = "whsec_fake_bokai";
  url = "";
  private server: Server | undefined;
  readonly customers = new Map<string, Params & { id: string }>();
  readonly checkoutSessions = new Map<string, Params & { id: string; url: string }>();
  readonly portalSessions: (Params & { id: string; url: string })[] = [];
  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly invoices: Params[] = [];
  readonly requests: { method: string; path: string }[] = [];
  private idempotent = new Map<string, { status: number; body: unknown }>();
  /** The next matching requests fail with this status (a Stripe outage). */
  failNext: { status: number; times: number; path?: RegExp } | null = null;
  private readonly signer = new Stripe("sk_test_signer_only");

  /** Where the hosted pages deliver their events, signed (the app's /api/webhooks/stripe); unset: tests deliver them. */
  webhookUrl: string | undefined;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Configuration that points the app at this fake. */
  env(prices = "start:month=price_start_month,start:year=price_start_year,pro:month=price_pro_month,pro:year=price_pro_year"): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_URL: this.url, STRIPE_PRICES: prices };
  }

  /** The buyer paid on the hosted page: Stripe creates the subscription and reports both. */
  completeCheckout(sessionId: string, status = "active"): { subscription: FakeSubscription; event: Stripe.Event } {
    const session = this.checkoutSessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    const lineItems = session.line_items as { price: string }[];
    const metadata = ((session.subscription_data as Params | undefined)?.metadata ?? {}) as Record<string, string>;
    const subscription = this.createSubscription(String(session.customer), lineItems[0]!.price, status, metadata);
    Object.assign(session, { status: "complete", subscription: subscription.id });
    return { subscription, event: this.event("checkout.session.completed", { ...session, object: "checkout.session" }) };
  }

  createSubscription(customer: string, price: string, status = "active", metadata: Record<string, string> = {}): FakeSubscription {
    const now = Math.floor(Date.now() / 1000);
    const subscription: FakeSubscription = {
      id: id("sub"),
      object: "subscription",
      customer,
      status,
      cancel_at_period_end: false,
      metadata,
      items: { object: "list", data: [{ id: id("si"), object: "subscription_item", price: { id: price, object: "price" }, current_period_start: now, current_period_end: now + 30 * 86_400 }] },
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  /** Changes a subscription as Stripe would (a failed renewal, a cancellation) and returns its event. */
  updateSubscription(subscriptionId: string, change: Partial<Pick<FakeSubscription, "status" | "cancel_at_period_end">> & { price?: string }): Stripe.Event {
    const subscription = this.subscriptions.get(subscriptionId);
    if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
    const { price, ...fields } = change;
    Object.assign(subscription, fields);
    if (price) subscription.items.data[0]!.price.id = price;
    return this.event(subscription.status === "canceled" ? "customer.subscription.deleted" : "customer.subscription.updated", structuredClone(subscription));
  }

  /** An invoice event for a subscription (payment failed or paid), in the 2025+ shape (`parent.subscription_details`). */
  invoiceEvent(type: "invoice.payment_failed" | "invoice.paid", subscriptionId: string): Stripe.Event {
    const subscription = this.subscriptions.get(subscriptionId)!;
    const invoice = {
      id: id("in"),
      object: "invoice",
      customer: subscription.customer,
      number: `BOK-${this.invoices.length + 1}`,
      status: type === "invoice.paid" ? "paid" : "open",
      total: 3900,
      currency: "pln",
      created: Math.floor(Date.now() / 1000),
      hosted_invoice_url: `https://invoice.stripe.test/${this.invoices.length + 1}`,
      invoice_pdf: `https://invoice.stripe.test/${this.invoices.length + 1}.pdf`,
      parent: { type: "subscription_details", subscription_details: { subscription: subscriptionId, metadata: {} } },
    };
    this.invoices.push(invoice);
    return this.event(type, invoice);
  }

  event(type: string, object: unknown): Stripe.Event {
    return {
      id: id("evt"),
      object: "event",
      api_version: "2026-11-18.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    } as unknown as Stripe.Event;
  }

  /** The body and Stripe-Signature header Stripe would POST for an event. */
  signed(event: Stripe.Event, secret = this.webhookSecret): { body: string; signature: string } {
    const body = JSON.stringify(event, null, 2);
    return { body, signature: this.signer.webhooks.generateTestHeaderString({ payload: body, secret }) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    this.requests.push({ method: req.method ?? "GET", path: url.pathname });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
      res.end(JSON.stringify(body));
    };
    const fail = (status: number, type: string, message: string) => send(status, { error: { type, message } });
    if (url.pathname === "/health") return send(200, { ok: true });
    const hosted = /^\/(checkout|portal)\/([^/]+)(\/pay)?$/.exec(url.pathname);
    if (hosted) return this.hostedPage(req.method ?? "GET", hosted[1] as "checkout" | "portal", hosted[2]!, Boolean(hosted[3]), res);
    if (req.headers.authorization !== `Bearer ${this.secretKey}`) return fail(401, "invalid_request_error", "Invalid API Key provided");
    if (this.failNext && this.failNext.times > 0 && (!this.failNext.path || this.failNext.path.test(url.pathname))) {
      this.failNext.times--;
      return fail(this.failNext.status, "api_error", "Something went wrong on Stripe's end.");
    }
    const key = req.headers["idempotency-key"];
    const replay = typeof key === "string" ? this.idempotent.get(key) : undefined;
    if (replay) return send(replay.status, replay.body);
    const params = parseStripeForm(Buffer.concat(chunks).toString("utf8"));
    const [status, body] = this.route(req.method ?? "GET", url, params);
    if (typeof key === "string" && req.method === "POST") this.idempotent.set(key, { status, body });
    send(status, body);
  }

  private route(method: string, url: URL, params: Params): [number, unknown] {
    const path = url.pathname;
    const missing = (what: string): [number, unknown] => [404, { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}` } }];
    if (method === "POST" && path === "/v1/customers") {
      const customer = { ...params, id: id("cus"), object: "customer" };
      this.customers.set(customer.id, customer);
      return [200, customer];
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (params.mode !== "subscription" || !Array.isArray(params.line_items)) return [400, { error: { type: "invalid_request_error", message: "mode and line_items are required" } }];
      if (params.customer && !this.customers.has(String(params.customer))) return missing(`customer: '${String(params.customer)}'`);
      const sessionId = id("cs_test");
      const session = { ...params, id: sessionId, object: "checkout.session", status: "open", subscription: null, url: `${this.url}/checkout/${sessionId}` };
      this.checkoutSessions.set(sessionId, session);
      return [200, session];
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!this.customers.has(String(params.customer))) return missing(`customer: '${String(params.customer)}'`);
      const portalId = id("bps");
      const session = { ...params, id: portalId, object: "billing_portal.session", url: `${this.url}/portal/${portalId}` };
      this.portalSessions.push(session);
      return [200, session];
    }
    const sub = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (method === "GET" && sub) {
      const found = this.subscriptions.get(sub[1]!);
      return found ? [200, found] : missing(`subscription: '${sub[1]}'`);
    }
    if (method === "GET" && path === "/v1/invoices") {
      const customer = url.searchParams.get("customer");
      const data = this.invoices.filter((i) => i.customer === customer).reverse();
      return [200, { object: "list", data, has_more: false, url: "/v1/invoices" }];
    }
    return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } }];
  }

  /**
   * The hosted pages a browser is sent to: Checkout with a pay button (paying creates the
   * subscription, delivers the signed checkout.session.completed to `webhookUrl` and
   * returns to success_url, as Stripe does) and the portal with a way back.
   */
  private async hostedPage(method: string, kind: "checkout" | "portal", pageId: string, pay: boolean, res: ServerResponse) {
    const html = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><title>Fake Stripe</title></head><body>${body}</body></html>`);
    };
    if (kind === "portal") {
      const session = this.portalSessions.find((p) => p.id === pageId);
      return session ? html(200, `<h1>Customer portal</h1><a href="${String(session.return_url)}">Return to BOK-AI</a>`) : html(404, "<h1>No such session</h1>");
    }
    const session = this.checkoutSessions.get(pageId);
    if (!session) return html(404, "<h1>No such session</h1>");
    if (!pay || method !== "POST") {
      const price = (session.line_items as { price: string }[])[0]!.price;
      return html(200, `<h1>Checkout</h1><p>Price ${price}</p><form method="post" action="/checkout/${pageId}/pay"><button type="submit">Pay</button></form><a href="${String(session.cancel_url)}">Back</a>`);
    }
    const { event } = this.completeCheckout(pageId);
    if (this.webhookUrl) {
      const { body, signature } = this.signed(event);
      const delivered = await fetch(this.webhookUrl, { method: "POST", body, headers: { "content-type": "application/json", "stripe-signature": signature } });
      if (!delivered.ok) return html(502, `<h1>Webhook answered ${delivered.status}</h1>`);
    }
    res.writeHead(303, { location: String(session.success_url) });
    res.end();
  }
}
