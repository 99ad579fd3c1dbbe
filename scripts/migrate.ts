import { getDatabase } from "@/server/db/client";
import { loadMigrations } from "@/server/db/migrate";

/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded
 * database) with Prisma-compatible bookkeeping. The server also does this on start.
 */
const db = await getDatabase();
const rows = await db.owner.query<{ migration_name: string }>(
  `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
);
console.log(`${db.engine}: ${rows.length}/${loadMigrations().length} migrations applied; vector=${db.vector}`);
await db.close();
