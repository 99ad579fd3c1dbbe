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
async function asSystem<T>(base: BasePrisma, fn: (tx: ScopedTransaction) => Promise<T>): Promise<T> {
  return base.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL ROLE ${SYSTEM_ROLE}`);
    return fn(tx);
  });
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
}

/** Platform owner panel: every tenant with its size. */
export async function listAllTenants(base: BasePrisma, take = 200): Promise<PlatformTenantSummary[]> {
  const tenants = await asSystem(base, (tx) =>
    tx.tenant.findMany({
      orderBy: { createdAt: "desc" },
      take,
      select: {
        id: true,
        name: true,
        slug: true,
        createdAt: true,
        _count: { select: { memberships: true } },
        memberships: { where: { role: "owner" }, select: { role: true, user: { select: { email: true } } } },
      },
    }),
  );
  return tenants.map((t) => ({
    id: t.id,
    name: t.name,
    slug: t.slug,
    createdAt: t.createdAt,
    members: t._count.memberships,
    owners: t.memberships.map((m) => ({ email: m.user.email, role: m.role })),
  }));
}
