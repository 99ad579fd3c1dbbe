import { getDatabase } from "@/server/db/client";
import { DEMO_CREDENTIALS, seedDemoShop } from "@/server/tenants/demo-seed";

/** `npm run db:seed`: seeds the demo shop when the database has no users yet. */
const db = await getDatabase();
const seeded = await seedDemoShop(db);
console.log(seeded ? `Seeded Demo Shop: ${DEMO_CREDENTIALS.email} / ${DEMO_CREDENTIALS.password}` : "Database already has users; nothing seeded.");
await db.close();
