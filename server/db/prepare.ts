import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getDatabase } from "./client";
import { seedDemoShop, DEMO_CREDENTIALS } from "@/server/tenants/demo-seed";

/** Opens (and migrates) the database, then seeds the demo shop when there is no user yet. */
export async function prepareDatabase() {
  const db = await getDatabase();
  logger.info("database ready", { engine: db.engine, vector: db.vector });
  if (!env().SEED_DEMO) return db;
  const seeded = await seedDemoShop(db);
  if (seeded) {
    console.log(
      `\n  BOK-AI demo shop is ready.\n  Sign in with ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}\n`,
    );
  }
  return db;
}
