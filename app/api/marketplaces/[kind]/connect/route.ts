import { NextResponse, type NextRequest } from "next/server";
import { getDatabase } from "@/server/db/client";
import { getSessionUser } from "@/server/auth/next-auth";
import { oauthConnector } from "@/server/marketplaces/registry";
import { oauthCookieName, startConnect } from "@/server/marketplaces/oauth-connect";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** "Connect <marketplace>": sends an admin to the platform's consent page. */
export async function GET(req: NextRequest, { params }: { params: Promise<{ kind: string }> }) {
  const tenantSlug = req.nextUrl.searchParams.get("tenant") ?? "";
  const back = (query: string) => NextResponse.redirect(new URL(`/t/${encodeURIComponent(tenantSlug)}/settings/channels?${query}`, req.nextUrl.origin));
  const user = await getSessionUser();
  if (!user) return NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`, req.nextUrl.origin));
  const db = await getDatabase();
  const platform = oauthConnector(db, (await params).kind);
  if (!platform) return back("error=not_configured");
  try {
    const { redirectUrl, cookie } = await startConnect(db, platform.kind, platform.oauth, { userId: user.id, tenantSlug, origin: req.nextUrl.origin });
    const res = NextResponse.redirect(redirectUrl);
    res.cookies.set(oauthCookieName(platform.kind), cookie, {
      httpOnly: true,
      sameSite: "lax",
      secure: req.nextUrl.protocol === "https:",
      path: `/api/marketplaces/${platform.kind}`,
      maxAge: 600,
    });
    return res;
  } catch (error) {
    if (error instanceof AppError && error.key === "billing.errors.channelLimit") return back("error=channel_limit");
    return back(`error=${error instanceof AppError ? error.code.toLowerCase() : "failed"}`);
  }
}
