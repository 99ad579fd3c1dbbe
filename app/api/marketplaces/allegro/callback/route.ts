import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/server/db/client";
import { getSessionUser } from "@/server/auth/next-auth";
import { allegroConfig } from "@/server/marketplaces/registry";
import { finishAllegroConnect, OAUTH_COOKIE } from "@/server/marketplaces/allegro/allegro-oauth";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

/** Allegro redirects here after consent; stores the account and returns to the channels page. */
export async function GET(req: NextRequest) {
  const user = await getSessionUser();
  const config = allegroConfig();
  if (!user || !config) return NextResponse.redirect(new URL("/", req.nextUrl.origin));
  try {
    const result = await finishAllegroConnect(await getDatabase(), config, {
      cookie: req.cookies.get(OAUTH_COOKIE)?.value,
      state: req.nextUrl.searchParams.get("state"),
      code: req.nextUrl.searchParams.get("code"),
      userId: user.id,
      origin: req.nextUrl.origin,
    });
    const res = NextResponse.redirect(new URL(`/t/${result.tenantSlug}/settings/channels?connected=allegro`, req.nextUrl.origin));
    res.cookies.delete({ name: OAUTH_COOKIE, path: "/api/marketplaces/allegro" });
    return res;
  } catch (error) {
    logger.warn("allegro connection failed", { error: error instanceof Error ? error.message : String(error) });
    return NextResponse.redirect(new URL("/?error=allegro_connect_failed", req.nextUrl.origin));
  }
}
