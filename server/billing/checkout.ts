import type Stripe from "stripe";
import type { Database } from "@/server/db/client";
import type { ScopedDb } from "@/server/db/tenant-scope";
import { linkStripeCustomer } from "@/server/db/system";
import { AppError, errorText } from "@/lib/errors";
import { appOrigin } from "@/lib/env";
import { logger } from "@/lib/logger";
import { priceIdFor, stripeClient, type BillingInterval } from "./stripe-client";
import { LIVE_STATUSES } from "./access";

/**
 * Stripe-hosted pages only: Checkout to subscribe (PLN; the payment methods are those the
 * Stripe account enables — card, BLIK, Przelewy24 — so none are listed here), the
 * Customer Portal to change plan, payment method, see invoices or cancel. The company's
 * NIP is collected by Checkout as a tax ID and printed on Stripe's invoices.
 */
interface BillingActor {
  tenant: { id: string; name: string; slug: string };
  email: string;
}

function requireStripe(): Stripe {
  const stripe = stripeClient();
  if (!stripe) throw new AppError("PRECONDITION_FAILED", "errors.billingNotConfigured");
  return stripe;
}

/** Stripe failures reach the seller as "payments are unavailable, try again", never as a 500. */
async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    logger.warn("stripe call failed", { what, error: errorText(error) });
    throw new AppError("BAD_GATEWAY", "errors.billingUnavailable");
  }
}

export async function startCheckout(database: Database, db: ScopedDb, actor: BillingActor, input: { planId: string; interval: BillingInterval }): Promise<{ url: string }> {
  const stripe = requireStripe();
  const plan = await db.plan.findFirst({ where: { id: input.planId, sellable: true }, select: { id: true } });
  const price = plan ? priceIdFor(plan.id, input.interval) : null;
  if (!price) throw new AppError("BAD_REQUEST", "errors.planNotForSale");
  const current = await db.subscription.findUnique({ where: { tenantId: actor.tenant.id }, select: { stripeCustomerId: true, status: true } });
  // A second subscription would bill twice: changing plan is the portal's job.
  if (current?.status && LIVE_STATUSES.has(current.status)) throw new AppError("CONFLICT", "errors.billingAlreadySubscribed");
  let customerId = current?.stripeCustomerId;
  if (!customerId) {
    const created = await callStripe("customers.create", () =>
      stripe.customers.create(
        { name: actor.tenant.name, email: actor.email, metadata: { tenant_id: actor.tenant.id }, preferred_locales: ["pl"] },
        // Two clicks at once create one customer.
        { idempotencyKey: `bokai-customer-${actor.tenant.id}` },
      ),
    );
    customerId = await linkStripeCustomer(database.prisma, actor.tenant.id, created.id);
  }
  const back = `${appOrigin()}/t/${actor.tenant.slug}/billing`;
  const session = await callStripe("checkout.sessions.create", () =>
    stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customerId,
      client_reference_id: actor.tenant.id,
      line_items: [{ price, quantity: 1 }],
      subscription_data: { metadata: { tenant_id: actor.tenant.id } },
      tax_id_collection: { enabled: true },
      customer_update: { name: "auto", address: "auto" },
      billing_address_collection: "required",
      allow_promotion_codes: true,
      locale: "pl",
      success_url: `${back}?checkout=success`,
      cancel_url: `${back}?checkout=canceled`,
    }),
  );
  if (!session.url) throw new AppError("BAD_GATEWAY", "errors.billingUnavailable");
  return { url: session.url };
}

async function customerOf(db: ScopedDb, tenantId: string): Promise<string> {
  const row = await db.subscription.findUnique({ where: { tenantId }, select: { stripeCustomerId: true } });
  if (!row) throw new AppError("PRECONDITION_FAILED", "errors.billingNoCustomer");
  return row.stripeCustomerId;
}

export async function openCustomerPortal(db: ScopedDb, actor: BillingActor): Promise<{ url: string }> {
  const stripe = requireStripe();
  const customer = await customerOf(db, actor.tenant.id);
  const session = await callStripe("billingPortal.sessions.create", () =>
    stripe.billingPortal.sessions.create({ customer, return_url: `${appOrigin()}/t/${actor.tenant.slug}/billing`, locale: "pl" }),
  );
  return { url: session.url };
}

export interface InvoiceRow {
  id: string;
  number: string | null;
  status: string | null;
  totalGrosze: number;
  currency: string;
  createdAt: Date;
  hostedUrl: string | null;
  pdfUrl: string | null;
}

/** The company's latest invoices, as Stripe issued them (none before the first checkout). */
export async function listInvoices(db: ScopedDb, tenantId: string): Promise<InvoiceRow[]> {
  const stripe = stripeClient();
  const row = await db.subscription.findUnique({ where: { tenantId }, select: { stripeCustomerId: true } });
  if (!stripe || !row) return [];
  const page = await callStripe("invoices.list", () => stripe.invoices.list({ customer: row.stripeCustomerId, limit: 12 }));
  return page.data.map((i) => ({
    id: i.id ?? "",
    number: i.number ?? null,
    status: i.status ?? null,
    totalGrosze: i.total,
    currency: i.currency,
    createdAt: new Date(i.created * 1000),
    hostedUrl: i.hosted_invoice_url ?? null,
    pdfUrl: i.invoice_pdf ?? null,
  }));
}
