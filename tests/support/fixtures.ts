import { randomBytes } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import type { Database } from "@/server/db/client";
import { signUp } from "@/server/auth/account-service";
import { toSessionUser, type SessionUser } from "@/server/auth/next-auth";
import { appRouter, createCaller } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import type { Locale } from "@/lib/i18n/messages";

export const PASSWORD = "correct horse battery";

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export interface SeededTenant {
  tenant: { id: string; slug: string; name: string };
  owner: SessionUser;
}

/** A whole tenant in one call: owner user, tenant, owner membership (through the real sign-up). */
export async function seedTenant(db: Database, label = "shop"): Promise<SeededTenant> {
  const email = `${unique(label)}@example.test`;
  const { user, tenant } = await signUp(db, { email, name: `Owner ${label}`, password: PASSWORD, shopName: `Shop ${label}` });
  return { tenant, owner: toSessionUser({ ...user, locale: "pl" }) };
}

export function contextFor(db: Database, user: SessionUser | null, locale: Locale = "en"): Context {
  return { db, user, locale, ip: "127.0.0.1" };
}

export function callerFor(db: Database, user: SessionUser | null, locale: Locale = "en") {
  return createCaller(contextFor(db, user, locale));
}

/** Adds a user to a tenant through the real invitation flow and returns that user. */
export async function addMember(
  db: Database,
  seeded: SeededTenant,
  role: "owner" | "admin" | "member",
  label = "member",
): Promise<SessionUser & { membershipId: string }> {
  const email = `${unique(label)}@example.test`;
  const invited = await callerFor(db, seeded.owner).tenants.invite({ tenantSlug: seeded.tenant.slug, email, role });
  const { user, tenant } = await signUp(db, { email, name: `User ${label}`, password: PASSWORD, shopName: `Own ${label}` });
  void tenant;
  const member = toSessionUser({ ...user, locale: "pl" });
  await callerFor(db, member).tenants.acceptInvite({ token: invited.token });
  const members = await callerFor(db, seeded.owner).tenants.members({ tenantSlug: seeded.tenant.slug });
  const membership = members.find((m) => m.user.id === member.id);
  if (!membership) throw new Error("membership not created");
  return { ...member, membershipId: membership.id };
}

export interface HttpResult {
  status: number;
  body: {
    result?: { data?: { json?: unknown } };
    error?: { json?: { message: string; data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null; stack?: string } } };
  };
}

/** Calls a procedure through the real fetch adapter, as the browser would (status codes, formatted errors). */
export async function httpCall(
  db: Database,
  user: SessionUser | null,
  path: string,
  input: unknown,
  options: { method?: "query" | "mutation"; locale?: Locale } = {},
): Promise<HttpResult> {
  const serialized = JSON.stringify(superjson.serialize(input));
  const url = new URL(`http://localhost/api/trpc/${path}`);
  const init: RequestInit = { method: options.method === "query" ? "GET" : "POST", headers: { "content-type": "application/json" } };
  if (options.method === "query") url.searchParams.set("input", serialized);
  else init.body = serialized;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, init),
    router: appRouter,
    createContext: () => contextFor(db, user, options.locale ?? "en"),
  });
  return { status: res.status, body: (await res.json()) as HttpResult["body"] };
}
