import type { Database } from "@/server/db/client";
import { tenantDb } from "@/server/db/tenant-scope";
import { sealCredentials } from "@/server/marketplaces/credentials";
import { ensureDemoChannel } from "@/server/inbox/channel-service";
import { ALLEGRO_LIMIT_RULES, createAllegroConnector } from "@/server/marketplaces/allegro/allegro-connector";
import { MemoryRateLimiter } from "@/server/infra/rate-limit";
import { setConnectorForTests } from "@/server/marketplaces/registry";
import type { FakeAllegro } from "./fake-allegro";
import type { SeededTenant } from "./fixtures";

export async function demoChannel(db: Database, seeded: SeededTenant) {
  return ensureDemoChannel(tenantDb(db.prisma, seeded.tenant.id), seeded.tenant.id);
}

/** Points the Allegro connector at the fake server, with in-process limits (the real Allegro numbers). */
export function useFakeAllegro(db: Database, fake: FakeAllegro, limits?: { appPerMinute?: number; sendPerSecond?: number }) {
  const connector = createAllegroConnector(
    db,
    { apiUrl: fake.apiUrl, authUrl: fake.authUrl, clientId: fake.clientId, clientSecret: fake.clientSecret },
    {
      app: new MemoryRateLimiter({ ...ALLEGRO_LIMIT_RULES.app, tokens: limits?.appPerMinute ?? ALLEGRO_LIMIT_RULES.app.tokens }),
      send: new MemoryRateLimiter({ ...ALLEGRO_LIMIT_RULES.send, tokens: limits?.sendPerSecond ?? ALLEGRO_LIMIT_RULES.send.tokens }),
    },
  );
  setConnectorForTests("allegro", connector);
  return connector;
}

/** An Allegro account connected to the tenant, holding a token pair issued by the fake server. */
export async function connectAllegro(db: Database, seeded: SeededTenant, fake: FakeAllegro, tokens = fake.issueTokens()) {
  const scoped = tenantDb(db.prisma, seeded.tenant.id);
  const account = await scoped.channelAccount.create({
    data: { tenantId: seeded.tenant.id, kind: "allegro", name: "Allegro: sklep_testowy", externalAccountId: `12345-${seeded.tenant.slug}` },
    select: { id: true },
  });
  await scoped.channelAccount.update({
    where: { id: account.id },
    data: {
      credentialsEncrypted: sealCredentials({ tenantId: seeded.tenant.id, accountId: account.id }, tokens),
      tokenExpiresAt: new Date(tokens.expiresAt),
    },
  });
  return { id: account.id, tokens };
}
