import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/next-auth";
import { getDatabase } from "@/server/db/client";
import { userDb } from "@/server/db/tenant-scope";
import { listTenantsForUser } from "@/server/tenants/tenant-service";

export const dynamic = "force-dynamic";

/** Signed in: the first company's inbox (or creating one); otherwise the sign-in page. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const db = await getDatabase();
  const tenants = await listTenantsForUser(userDb(db.prisma, user.id), user.id);
  redirect(tenants[0] ? `/t/${tenants[0].slug}/inbox` : "/tenants/new");
}
