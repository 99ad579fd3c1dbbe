import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/server/db/client";
import { getSessionUser } from "@/server/auth/next-auth";
import { oauthConnector } from "@/server/marketplaces/registry";
import { finishConnect, oauthCookieName } from "@/server/marketplaces/oauth-connect";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

/** The platform redirects here after consent; stores the account and returns to the channels page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ kind: string }> }) {
  const user = await getSessionUser();
  const db = await getDatabase();
  const platform = oauthConnector(db, (await params).kind);
  if (!user || !platform) return NextResponse.redirect(new URL("/", req.nextUrl.origin));
  const cookie = oauthCookieName(platform.kind);
  try {
    const result = await finishConnect(db, platform.kind, platform.oauth, {
      cookie: req.cookies.get(cookie)?.value,
      state: req.nextUrl.searchParams.get("state"),
      code: req.nextUrl.searchParams.get("code"),
      userId: user.id,
      origin: req.nextUrl.origin,
    });
    const res = NextResponse.redirect(new URL(`/t/${result.tenantSlug}/settings/channels?connected=${platform.kind}`, req.nextUrl.origin));
    res.cookies.delete({ name: cookie, path: `/api/marketplaces/${platform.kind}` });
    return res;
  } catch (error) {
    logger.warn("marketplace connection failed", { kind: platform.kind, error: error instanceof Error ? error.message : String(error) });
    return NextResponse.redirect(new URL(`/?error=${platform.kind}_connect_failed`, req.nextUrl.origin));
  }
}
