import { SYSTEM_ROLE, type BasePrisma } from "./client";
import type { ScopedTransaction } from "./tenant-scope";
import type { MembershipRole } from "./generated/client";

/**
 * The only code allowed to cross tenants. Each function states why it must, runs in
 * a transaction as the bokai_system role (whose policies see every row), and returns
 * the minimum it needs. Tenant routers never import this module; the platform owner
 * panel, sign-in and invitation links (and later marketplace pollers and payment
 * webhooks) do.
 */
async function asSystem<T>(base: BasePrisma, fn: (tx: ScopedTransaction) => Promise<T>, options?: { timeout: number }): Promise<T> {
  return base.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ROLE ${SYSTEM_ROLE}`);
    return fn(tx);
  }, options);
}

/**
 * For the job runtime's cross-tenant sweeps (outbox dispatch, poll fan-out): callers
 * name why they need it, and only infrastructure modules may use it.
 */
export function withSystemTransaction<T>(base: BasePrisma, _why: string, fn: (tx: ScopedTransaction) => Promise<T>): Promise<T> {
  return asSystem(base, fn);
}

/** The poller's fan-out: every active marketplace account of every tenant not backing off after a 429. */
export function listPollableChannelAccounts(base: BasePrisma, now = new Date()) {
  return asSystem(base, (tx) =>
    tx.channelAccount.findMany({
      where: { status: "active", kind: { not: "demo" }, OR: [{ pollNotBefore: null }, { pollNotBefore: { lte: now } }] },
      select: { id: true, tenantId: true, kind: true },
    }),
  );
}

/**
 * Knowledge sweep: documents left queued or processing since before `olderThan` (a
 * crashed worker, a lost event) in any tenant, to be requested again.
 */
export function listStalledDocuments(base: BasePrisma, olderThan: Date, take = 200) {
  return asSystem(base, (tx) =>
    tx.document.findMany({
      where: { status: { in: ["queued", "processing"] }, updatedAt: { lt: olderThan } },
      orderBy: { updatedAt: "asc" },
      take,
      select: { id: true, tenantId: true, attempts: true },
    }),
  );
}

/** Knowledge sweep: ready documents with passages not embedded by the configured model. */
export function listDocumentsMissingEmbeddings(base: BasePrisma, model: string, dimensions: number, take = 200) {
  return asSystem(base, (tx) =>
    tx.document.findMany({
      where: {
        status: "ready",
        chunks: { some: { OR: [{ embeddingModel: null }, { embeddingModel: { not: model } }, { embeddingDimensions: { not: dimensions } }] } },
      },
      take,
      select: { id: true, tenantId: true },
    }),
  );
}

/** Knowledge sweep: ready documents with passages analysed by an older term analyser (see knowledge/terms.ts). */
export function listDocumentsWithOutdatedTerms(base: BasePrisma, version: number, take = 200) {
  return asSystem(base, (tx) =>
    tx.document.findMany({
      where: { status: "ready", chunks: { some: { termsVersion: { lt: version } } } },
      take,
      select: { id: true, tenantId: true, attempts: true },
    }),
  );
}

/** Search sweep: tenants with conversations whose search terms an older analyser wrote (see inbox/search-index.ts). */
export async function listTenantsWithOutdatedSearch(base: BasePrisma, version: number): Promise<string[]> {
  const rows = await asSystem(base, (tx) =>
    tx.$queryRaw<{ tenant_id: string }[]>`SELECT DISTINCT tenant_id::text FROM conversations WHERE search_version < ${version} LIMIT 1000`,
  );
  return rows.map((r) => r.tenant_id);
}

/** Snooze wake-up: tenants with conversations whose snooze has run out. */
export async function listTenantsWithSnoozeDue(base: BasePrisma, now: Date): Promise<string[]> {
  const rows = await asSystem(base, (tx) =>
    tx.conversation.findMany({ where: { status: "snoozed", snoozedUntil: { lte: now } }, distinct: ["tenantId"], select: { tenantId: true }, take: 1_000 }),
  );
  return rows.map((r) => r.tenantId);
}

/** Retention: webhook tool call logs are kept 90 days, in every tenant. */
export function deleteToolCallsBefore(base: BasePrisma, before: Date) {
  return asSystem(base, (tx) => tx.aiToolCall.deleteMany({ where: { createdAt: { lt: before } } }));
}

/** Sign-in: the user is not known yet, so no scope can be set. */
export function findUserForSignIn(base: BasePrisma, email: string) {
  return asSystem(base, (tx) =>
    tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, locale: true, passwordHash: true, passwordChangedAt: true },
    }),
  );
}

/** Invitation link: the person opening it is not a member of the tenant yet. */
export function findInvitationByTokenHash(base: BasePrisma, tokenHash: string) {
  return asSystem(base, (tx) =>
    tx.invitation.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        tenantId: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        tenant: { select: { name: true, slug: true } },
      },
    }),
  );
}

export interface PlatformTenantSummary {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  members: number;
  owners: { email: string; role: MembershipRole }[];
  plan: { id: string; name: string; priceMonthlyGrosze: number; priceYearlyGrosze: number };
  trialEndsAt: Date | null;
  subscription: { status: string | null; billingInterval: string | null } | null;
  suspension: { reason: string; suspendedAt: Date } | null;
  /** AI spend on the platform's keys since `since` (what the platform pays for). */
  aiCostPlnMicros: bigint;
}

/** Platform owner panel: every tenant with its size, plan, subscription and this month's AI cost. */
export async function listAllTenants(base: BasePrisma, since: Date, take = 500): Promise<PlatformTenantSummary[]> {
  return asSystem(base, async (tx) => {
    const tenants = await tx.tenant.findMany({
      orderBy: { createdAt: "desc" },
      take,
      select: {
        id: true,
        name: true,
        slug: true,
        createdAt: true,
        trialEndsAt: true,
        plan: { select: { id: true, name: true, priceMonthlyGrosze: true, priceYearlyGrosze: true } },
        subscription: { select: { status: true, billingInterval: true } },
        suspension: { select: { reason: true, suspendedAt: true } },
        _count: { select: { memberships: true } },
        memberships: { where: { role: "owner" }, select: { role: true, user: { select: { email: true } } } },
      },
    });
    const costs = await tx.aiUsageDaily.groupBy({
      by: ["tenantId"],
      where: { day: { gte: since }, keySource: "platform", tenantId: { in: tenants.map((t) => t.id) } },
      _sum: { costPlnMicros: true },
    });
    const costOf = new Map(costs.map((c) => [c.tenantId, c._sum.costPlnMicros ?? 0n]));
    return tenants.map(({ _count, memberships, ...t }) => ({
      ...t,
      members: _count.memberships,
      owners: memberships.map((m) => ({ email: m.user.email, role: m.role })),
      aiCostPlnMicros: costOf.get(t.id) ?? 0n,
    }));
  });
}

/** Platform owner panel: suspends a company (its data and incoming messages are kept). */
export function suspendTenant(base: BasePrisma, tenantId: string, reason: string, by: string) {
  return asSystem(base, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!tenant) return false;
    await tx.tenantSuspension.upsert({ where: { tenantId }, create: { tenantId, reason, suspendedBy: by }, update: { reason, suspendedBy: by } });
    return true;
  });
}

/** Platform owner panel: lifts a suspension. */
export function unsuspendTenant(base: BasePrisma, tenantId: string) {
  return asSystem(base, (tx) => tx.tenantSuspension.deleteMany({ where: { tenantId } }));
}

/**
 * Checkout: the company's Stripe customer, recorded before the customer pays so every
 * later webhook finds its company. Members may read their subscription but never write
 * it, so this goes through the system role. Returns the customer id now on record (an
 * earlier one wins a race).
 */
export async function linkStripeCustomer(base: BasePrisma, tenantId: string, customerId: string): Promise<string> {
  return asSystem(base, async (tx) => {
    await tx.subscription.createMany({ data: [{ tenantId, stripeCustomerId: customerId }], skipDuplicates: true });
    const row = await tx.subscription.findUniqueOrThrow({ where: { tenantId }, select: { stripeCustomerId: true } });
    return row.stripeCustomerId;
  });
}

export interface StoredSubscription {
  tenantId: string;
  stripeSubscriptionId: string | null;
  status: string | null;
  pastDueSince: Date | null;
}

export interface SubscriptionWrite {
  stripeSubscriptionId: string;
  status: string;
  planId: string | null;
  billingInterval: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  /** The plan the company's limits follow from now on (null: leave it). */
  tenantPlanId: string | null;
}

/** What a Stripe webhook may touch while its event is being applied. */
export interface StripeEventStore {
  /** The subscription row of a Stripe customer, locked until the event is applied (so concurrent events for one company queue up). */
  lockByCustomer(customerId: string): Promise<StoredSubscription | null>;
  /** Records a customer for a company that has none yet (the checkout's client_reference_id, the subscription's metadata). */
  linkCustomer(tenantId: string, customerId: string): Promise<void>;
  save(tenantId: string, write: SubscriptionWrite): Promise<void>;
}

/**
 * Payment webhooks: applies a Stripe event at most once. The event id is recorded in the
 * same transaction as its effects, so a failure leaves neither (Stripe retries) and a
 * redelivery — even one arriving while the first is still being applied, which waits on
 * the id's unique index — finds the id and changes nothing. `apply` returns the company
 * the event concerned, or null for events that concern none.
 */
export async function applyStripeEventOnce(
  base: BasePrisma,
  event: { id: string; type: string },
  apply: (store: StripeEventStore) => Promise<string | null>,
): Promise<"applied" | "duplicate"> {
  return asSystem(
    base,
    async (tx) => {
      const inserted = await tx.$executeRaw`INSERT INTO "stripe_events" ("id", "type") VALUES (${event.id}, ${event.type}) ON CONFLICT ("id") DO NOTHING`;
      if (inserted === 0) return "duplicate";
      const store: StripeEventStore = {
        async lockByCustomer(customerId) {
          const rows = await tx.$queryRaw<{ tenant_id: string; stripe_subscription_id: string | null; status: string | null; past_due_since: Date | null }[]>`
            SELECT "tenant_id"::text, "stripe_subscription_id", "status", "past_due_since" FROM "subscriptions" WHERE "stripe_customer_id" = ${customerId} FOR UPDATE`;
          const row = rows[0];
          return row ? { tenantId: row.tenant_id, stripeSubscriptionId: row.stripe_subscription_id, status: row.status, pastDueSince: row.past_due_since } : null;
        },
        async linkCustomer(tenantId, customerId) {
          const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
          if (tenant) await tx.subscription.createMany({ data: [{ tenantId, stripeCustomerId: customerId }], skipDuplicates: true });
        },
        async save(tenantId, { tenantPlanId, ...write }) {
          await tx.subscription.update({ where: { tenantId }, data: write });
          if (tenantPlanId) await tx.tenant.update({ where: { id: tenantId }, data: { planId: tenantPlanId } });
        },
      };
      const tenantId = await apply(store);
      if (tenantId) await tx.stripeEvent.update({ where: { id: event.id }, data: { tenantId } });
      return "applied";
    },
    // Applying may read the subscription from Stripe while holding the company's row.
    { timeout: 30_000 },
  );
}
