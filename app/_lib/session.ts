import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { SessionUser } from "@/server/auth/next-auth";
import { currentSessionUser } from "@/server/auth/current-user";
import { getDatabase } from "@/server/db/client";
import { userDb } from "@/server/db/tenant-scope";
import { listTenantsForUser } from "@/server/tenants/tenant-service";

/** One session lookup per request, shared by a layout and its page. */
export const currentUser = currentSessionUser;

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo` afterwards. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export const tenantsOf = cache(async (userId: string) => {
  const db = await getDatabase();
  return listTenantsForUser(userDb(db.prisma, userId), userId);
});
