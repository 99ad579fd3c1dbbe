import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/server/db/client";
import { getSessionUser } from "@/server/auth/next-auth";
import { allegroConfig } from "@/server/marketplaces/registry";
import { OAUTH_COOKIE, startAllegroConnect } from "@/server/marketplaces/allegro/allegro-oauth";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** "Connect Allegro": sends an admin to Allegro's consent page. */
export async function GET(req: NextRequest) {
  const tenantSlug = req.nextUrl.searchParams.get("tenant") ?? "";
  const back = (query: string) => NextResponse.redirect(new URL(`/t/${encodeURIComponent(tenantSlug)}/settings/channels?${query}`, req.nextUrl.origin));
  const user = await getSessionUser();
  if (!user) return NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`, req.nextUrl.origin));
  const config = allegroConfig();
  if (!config) return back("error=not_configured");
  try {
    const { redirectUrl, cookie } = await startAllegroConnect(await getDatabase(), config, { userId: user.id, tenantSlug, origin: req.nextUrl.origin });
    const res = NextResponse.redirect(redirectUrl);
    res.cookies.set(OAUTH_COOKIE, cookie, {
      httpOnly: true,
      sameSite: "lax",
      secure: req.nextUrl.protocol === "https:",
      path: "/api/marketplaces/allegro",
      maxAge: 600,
    });
    return res;
  } catch (error) {
    return back(`error=${error instanceof AppError ? error.code.toLowerCase() : "failed"}`);
  }
}
