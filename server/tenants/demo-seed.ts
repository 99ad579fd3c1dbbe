import type { Database } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { signUp } from "@/server/auth/account-service";
import { seedDemoInbox } from "@/server/inbox/demo-data";

export const DEMO_CREDENTIALS = { email: "demo@bok-ai.local", password: "demo1234" } as const;

/**
 * Seeds "Demo Shop" (owner, demo channel with buyer conversations) when the database has no users at all (a fresh install). Returns
 * false when there was something already; safe to call on every start.
 */
export async function seedDemoShop(db: Database): Promise<boolean> {
  const rows = await db.owner.query<{ n: number | string }>(`SELECT count(*) AS n FROM users`);
  if (Number(rows[0]?.n ?? 0) > 0) return false;
  try {
    const { user, tenant } = await signUp(db, {
      email: DEMO_CREDENTIALS.email,
      password: DEMO_CREDENTIALS.password,
      name: "Anna Sprzedawczyni",
      shopName: "Demo Shop",
      slug: "demo-shop",
    });
    await seedDemoInbox(db, tenant.id, user.id);
    return true;
  } catch (error) {
    // Another process seeded at the same moment: the result is the same.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
