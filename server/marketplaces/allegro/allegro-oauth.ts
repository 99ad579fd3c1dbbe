import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/server/db/client";
import { tenantDb, userDb } from "@/server/db/tenant-scope";
import { resolveTenantAccess } from "@/server/tenants/tenant-service";
import { decryptSecret, encryptSecret } from "@/server/infra/secrets";
import { AppError } from "@/lib/errors";
import { sealCredentials } from "../credentials";
import { ALLEGRO_MEDIA_TYPE, requestAllegroToken, type AllegroConfig } from "./allegro-client";

/**
 * Allegro's OAuth2 authorization-code flow with PKCE. The state, verifier and target
 * tenant travel in an encrypted, short-lived cookie, so the callback can verify that
 * the same browser (and the same signed-in admin) started the flow.
 */
export const OAUTH_COOKIE = "bokai-allegro-oauth";
const COOKIE_CONTEXT = "allegro-oauth";
const FLOW_TTL_MS = 10 * 60_000;

const ZFlow = z.object({ state: z.string(), verifier: z.string(), tenantSlug: z.string(), userId: z.string(), expiresAt: z.number() });

const base64url = (buf: Buffer) => buf.toString("base64url");

export function callbackUrl(origin: string) {
  return `${origin}/api/marketplaces/allegro/callback`;
}

async function requireAdmin(db: Database, userId: string, tenantSlug: string) {
  const access = await resolveTenantAccess(userDb(db.prisma, userId), userId, tenantSlug);
  if (access.role === "member") throw new AppError("FORBIDDEN", "errors.forbidden");
  return access;
}

export async function startAllegroConnect(
  db: Database,
  config: AllegroConfig,
  input: { userId: string; tenantSlug: string; origin: string },
) {
  await requireAdmin(db, input.userId, input.tenantSlug);
  const state = base64url(randomBytes(24));
  const verifier = base64url(randomBytes(48));
  const challenge = base64url(createHash("sha256").update(verifier).digest());
  const cookie = encryptSecret(
    JSON.stringify({ state, verifier, tenantSlug: input.tenantSlug, userId: input.userId, expiresAt: Date.now() + FLOW_TTL_MS }),
    COOKIE_CONTEXT,
  );
  const url = new URL(`${config.authUrl}/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: callbackUrl(input.origin),
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return { redirectUrl: url.toString(), cookie };
}

export async function finishAllegroConnect(
  db: Database,
  config: AllegroConfig,
  input: { cookie: string | undefined; state: string | null; code: string | null; userId: string; origin: string },
) {
  let flow: z.infer<typeof ZFlow>;
  try {
    flow = ZFlow.parse(JSON.parse(decryptSecret(input.cookie ?? "", COOKIE_CONTEXT)));
  } catch {
    throw new AppError("BAD_REQUEST", "channels.errors.oauthExpired");
  }
  if (!input.state || input.state !== flow.state || flow.expiresAt < Date.now() || flow.userId !== input.userId) {
    throw new AppError("BAD_REQUEST", "channels.errors.oauthExpired");
  }
  if (!input.code) throw new AppError("BAD_REQUEST", "channels.errors.oauthDenied");
  const access = await requireAdmin(db, input.userId, flow.tenantSlug);
  const tokens = await requestAllegroToken(config, {
    grant_type: "authorization_code",
    code: input.code,
    redirect_uri: callbackUrl(input.origin),
    code_verifier: flow.verifier,
  });
  const meRes = await fetch(`${config.apiUrl}/me`, {
    headers: { accept: ALLEGRO_MEDIA_TYPE, authorization: `Bearer ${tokens.accessToken}` },
    signal: AbortSignal.timeout(15_000),
  });
  if (!meRes.ok) throw new AppError("BAD_REQUEST", "channels.errors.oauthFailed");
  const me = (await meRes.json()) as { id: string; login: string };

  const tenantId = access.tenant.id;
  const scoped = tenantDb(db.prisma, tenantId);
  const account = await scoped.$scoped(async (tx) => {
    const existing = await tx.channelAccount.findFirst({ where: { kind: "allegro", externalAccountId: me.id }, select: { id: true } });
    const row =
      existing ??
      (await tx.channelAccount.create({
        data: { tenantId, kind: "allegro", name: `Allegro: ${me.login}`, externalAccountId: me.id },
        select: { id: true },
      }));
    await tx.channelAccount.update({
      where: { id: row.id },
      data: {
        name: `Allegro: ${me.login}`,
        status: "active",
        authFailures: 0,
        lastError: null,
        credentialsEncrypted: sealCredentials({ tenantId, accountId: row.id }, tokens),
        tokenExpiresAt: new Date(tokens.expiresAt),
      },
    });
    return row;
  });
  return { tenantSlug: access.tenant.slug, channelAccountId: account.id, login: me.login };
}
