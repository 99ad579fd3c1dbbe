import type { Database } from "@/server/db/client";
import type { ChannelKind } from "@/server/db/generated/client";
import { env } from "@/lib/env";
import type { Connector, OAuthFlow } from "./connector";
import { demoConnector } from "./demo/demo-connector";
import { createAllegroConnector } from "./allegro/allegro-connector";
import type { AllegroConfig } from "./allegro/allegro-client";

export function allegroConfig(): AllegroConfig | null {
  const e = env();
  if (!e.ALLEGRO_CLIENT_ID || !e.ALLEGRO_CLIENT_SECRET) return null;
  return { apiUrl: e.ALLEGRO_API_URL, authUrl: e.ALLEGRO_AUTH_URL, clientId: e.ALLEGRO_CLIENT_ID, clientSecret: e.ALLEGRO_CLIENT_SECRET };
}

/** Tests install connectors pointed at their fake servers. */
const overrides = new Map<ChannelKind, Connector>();
export function setConnectorForTests(kind: ChannelKind, connector: Connector | undefined) {
  if (connector) overrides.set(kind, connector);
  else overrides.delete(kind);
}

/** The connector for a channel kind, or null when that platform is not configured here. */
export function connectorFor(db: Database, kind: ChannelKind): Connector | null {
  const override = overrides.get(kind);
  if (override) return override;
  switch (kind) {
    case "demo":
      return demoConnector;
    case "allegro": {
      const config = allegroConfig();
      return config ? createAllegroConnector(db, config) : null;
    }
    default:
      // Amazon (e-mail relay), OLX, eMAG and the website widget arrive in later work.
      return null;
  }
}

const CHANNEL_KINDS = ["demo", "allegro", "amazon", "olx", "emag", "website"] as const satisfies readonly ChannelKind[];

/** The connector behind /api/marketplaces/<kind>/…, when that platform connects with OAuth and is configured here. */
export function oauthConnector(db: Database, kind: string): (Connector & { oauth: OAuthFlow }) | null {
  const known = CHANNEL_KINDS.find((k) => k === kind);
  const connector = known ? connectorFor(db, known) : null;
  return connector?.oauth ? { ...connector, oauth: connector.oauth } : null;
}
