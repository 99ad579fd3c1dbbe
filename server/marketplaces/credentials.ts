import { z } from "zod";
import type { Database } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant-scope";
import { decryptSecret, encryptSecret } from "@/server/infra/secrets";
import type { ChannelContext } from "./connector";

export const ZOAuthCredentials = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** ISO instant the access token stops working. */
  expiresAt: z.string(),
});
export type OAuthCredentials = z.infer<typeof ZOAuthCredentials>;

/** Binds a ciphertext to its row: moved to another account or tenant, it no longer decrypts. */
const aad = (ctx: Pick<ChannelContext, "tenantId" | "accountId">) => `channel:${ctx.tenantId}:${ctx.accountId}`;

export function sealCredentials(ctx: Pick<ChannelContext, "tenantId" | "accountId">, credentials: OAuthCredentials): string {
  return encryptSecret(JSON.stringify(credentials), aad(ctx));
}

export function openCredentials(ctx: Pick<ChannelContext, "tenantId" | "accountId">, envelope: string): OAuthCredentials {
  return ZOAuthCredentials.parse(JSON.parse(decryptSecret(envelope, aad(ctx))));
}

export interface CredentialProvider {
  current(): Promise<OAuthCredentials>;
  /**
   * Refreshes unless someone else already did: `stale` is the pair the caller saw fail
   * or expire. Allegro's refresh tokens are single-use, so two concurrent refreshes
   * would lose the account; the row lock makes the second caller reuse the first's pair.
   */
  refresh(stale: OAuthCredentials): Promise<OAuthCredentials>;
}

export function databaseCredentialProvider(
  db: Database,
  ctx: ChannelContext,
  exchange: (refreshToken: string) => Promise<OAuthCredentials>,
): CredentialProvider {
  const scoped = tenantDb(db.prisma, ctx.tenantId);
  return {
    async current() {
      const row = await scoped.channelAccount.findUnique({ where: { id: ctx.accountId }, select: { credentialsEncrypted: true } });
      if (!row?.credentialsEncrypted) throw new Error("Channel account has no stored credentials");
      return openCredentials(ctx, row.credentialsEncrypted);
    },
    refresh(stale) {
      return scoped.$scoped(
        async (tx) => {
          const rows = await tx.$queryRaw<{ credentials_encrypted: string | null }[]>`
            SELECT credentials_encrypted FROM channel_accounts WHERE id = ${ctx.accountId}::uuid FOR UPDATE`;
          const envelope = rows[0]?.credentials_encrypted;
          if (!envelope) throw new Error("Channel account has no stored credentials");
          const stored = openCredentials(ctx, envelope);
          if (stored.refreshToken !== stale.refreshToken) return stored;
          const next = await exchange(stored.refreshToken);
          await tx.channelAccount.update({
            where: { id: ctx.accountId },
            data: { credentialsEncrypted: sealCredentials(ctx, next), tokenExpiresAt: new Date(next.expiresAt), authFailures: 0 },
          });
          return next;
        },
        { timeout: 30_000 },
      );
    },
  };
}
