import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/server/db/client";
import type { ChannelKind } from "@/server/db/generated/client";
import { tenantDb, userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { decryptSecret, encryptSecret } from "@/server/infra/secrets";
import { AppError } from "@/lib/errors";
import { sealCredentials } from "./credentials";
import type { OAuthFlow } from "./connector";
import { assertRoomFor, countChannelAccounts, planLimit, warnNearLimit } from "@/server/billing/limits";

/**
 * Connecting a marketplace account with the platform's OAuth2 authorization-code flow
 * and PKCE, for any connector that describes its flow (Connector.oauth). The state,
 * verifier and target tenant travel in an encrypted, short-lived cookie, so the callback
 * can verify that the same browser (and the same signed-in admin) started the flow.
 */
const FLOW_TTL_MS = 10 * 60_000;

const ZFlow = z.object({ state: z.string(), verifier: z.string(), tenantSlug: z.string(), userId: z.string(), expiresAt: z.number() });

const base64url = (buf: Buffer) => buf.toString("base64url");

export const oauthCookieName = (kind: ChannelKind) => `bokai-${kind}-oauth`;
/** Where the platform sends the admin back (registered in the platform's app settings). */
export const oauthCallbackPath = (kind: ChannelKind) => `/api/marketplaces/${kind}/callback`;
const cookieContext = (kind: ChannelKind) => `${kind}-oauth`;

async function requireAdmin(db: Database, userId: string, tenantSlug: string) {
  const access = await resolveTenantAccess(userDb(db.prisma, userId), userId, tenantSlug);
  if (access.role === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
  return access;
}

export async function startConnect(db: Database, kind: ChannelKind, flow: OAuthFlow, input: { userId: string; tenantSlug: string; origin: string }) {
  const access = await requireAdmin(db, input.userId, input.tenantSlug);
  // Refused before the seller goes to the platform (finishConnect checks again).
  const scoped = tenantDb(db.prisma, access.tenant.id);
  await assertRoomFor(scoped, access.tenant.id, "channelAccounts", await countChannelAccounts(scoped));
  const state = base64url(randomBytes(24));
  const verifier = base64url(randomBytes(48));
  const codeChallenge = base64url(createHash("sha256").update(verifier).digest());
  const cookie = encryptSecret(
    JSON.stringify({ state, verifier, tenantSlug: input.tenantSlug, userId: input.userId, expiresAt: Date.now() + FLOW_TTL_MS }),
    cookieContext(kind),
  );
  const redirectUrl = flow.authorizationUrl({ redirectUri: `${input.origin}${oauthCallbackPath(kind)}`, state, codeChallenge });
  return { redirectUrl, cookie };
}

export async function finishConnect(
  db: Database,
  kind: ChannelKind,
  flow: OAuthFlow,
  input: { cookie: string | undefined; state: string | null; code: string | null; userId: string; origin: string },
) {
  let started: z.infer<typeof ZFlow>;
  try {
    started = ZFlow.parse(JSON.parse(decryptSecret(input.cookie ?? "", cookieContext(kind))));
  } catch {
    throw new AppError("BAD_REQUEST", "channels.errors.oauthExpired");
  }
  if (!input.state || input.state !== started.state || started.expiresAt < Date.now() || started.userId !== input.userId) {
    throw new AppError("BAD_REQUEST", "channels.errors.oauthExpired");
  }
  if (!input.code) throw new AppError("BAD_REQUEST", "channels.errors.oauthDenied");
  const access = await requireAdmin(db, input.userId, started.tenantSlug);
  const { credentials, account: platformAccount } = await flow
    .exchangeCode({ code: input.code, redirectUri: `${input.origin}${oauthCallbackPath(kind)}`, codeVerifier: started.verifier })
    .catch((error: unknown) => {
      throw error instanceof AppError ? error : new AppError("BAD_REQUEST", "channels.errors.oauthFailed");
    });

  const tenantId = access.tenant.id;
  const account = await tenantDb(db.prisma, tenantId).$scoped(async (tx) => {
    // Reconnecting the same platform account revives its row (history, cursor) instead of adding one.
    const existing = await tx.channelAccount.findFirst({ where: { kind, externalAccountId: platformAccount.externalId }, select: { id: true, status: true } });
    // The other connected accounts; a new or revived one must find room beside them.
    const others = await countChannelAccounts(tx, existing?.id);
    const maxAccounts =
      !existing || existing.status === "disconnected"
        ? await assertRoomFor(tx, tenantId, "channelAccounts", others)
        : await planLimit(tx, tenantId, "channelAccounts");
    const row =
      existing ??
      (await tx.channelAccount.create({
        data: { tenantId, kind, name: platformAccount.name, externalAccountId: platformAccount.externalId },
        select: { id: true },
      }));
    await tx.channelAccount.update({
      where: { id: row.id },
      data: {
        name: platformAccount.name,
        status: "active",
        authFailures: 0,
        lastError: null,
        credentialsEncrypted: sealCredentials({ tenantId, accountId: row.id }, credentials),
        tokenExpiresAt: new Date(credentials.expiresAt),
      },
    });
    await warnNearLimit(tx, tenantId, "channelAccounts", others + 1, maxAccounts);
    return row;
  });
  return { tenantSlug: access.tenant.slug, channelAccountId: account.id, accountName: platformAccount.name };
}
