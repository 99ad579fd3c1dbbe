import { defineConfig } from "prisma/config";

// Migrations are hand-written SQL applied by server/db/migrate.ts (Prisma's schema
// engine cannot be downloaded everywhere); the CLI is used for `prisma generate` and,
// where the engine exists, `prisma migrate status`, which reads the same bookkeeping.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/bokai" },
});
