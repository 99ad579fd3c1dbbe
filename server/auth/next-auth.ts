import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { clientIpFrom } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { getDatabase } from "@/server/db/client";
import { authenticate, loadSessionUser } from "./account-service";
import { ZEmail } from "./schemas";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string };
    authTime?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** When this token was issued by a password check; older than a password change = invalid. */
    authTime?: number;
  }
}

/** Error codes the sign-in form understands (next-auth passes thrown messages through). */
export const SIGN_IN_ERRORS = { rateLimited: "rate_limited", invalid: "CredentialsSignin" } as const;

const ZCredentials = z.object({ email: ZEmail, password: z.string().min(1).max(200) });

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  return clientIpFrom(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, env().TRUSTED_PROXY_HOPS);
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (options) return options;
  const e = env();
  options = {
    secret: e.authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/sign-in" },
    // Cookies are httpOnly and SameSite=Lax always; Secure (and __Secure- names) whenever served over https.
    useSecureCookies: (e.NEXTAUTH_URL ?? "").startsWith("https://"),
    providers: [
      CredentialsProvider({
        name: "email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = ZCredentials.safeParse(credentials);
          if (!parsed.success) return null;
          const db = await getDatabase();
          const result = await authenticate(db, { ...parsed.data, ip: clientIp(req?.headers) });
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.reason === "rate_limited") throw new Error(SIGN_IN_ERRORS.rateLimited);
          return null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.authTime = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        if (token.uid) session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "" };
        session.authTime = token.authTime;
        return session;
      },
    },
  };
  return options;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  isPlatformOwner: boolean;
}

/**
 * The signed-in user for server components, route handlers and tRPC — re-read from
 * the database so a deleted user or a token older than a password change is refused.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  const db = await getDatabase();
  const user = await loadSessionUser(db, session.user.id);
  if (!user) return null;
  // Changing the password signs out every session that was opened with the old one.
  if ((session.authTime ?? 0) < user.passwordChangedAt.getTime()) return null;
  return toSessionUser(user);
}

export function toSessionUser(user: { id: string; email: string; name: string; locale: string }): SessionUser {
  return { ...user, isPlatformOwner: env().PLATFORM_OWNER_EMAILS.includes(user.email) };
}
