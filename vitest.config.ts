import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = { "@": path.resolve(import.meta.dirname) };
const integration = ["tests/**/*.integration.test.ts"];

/**
 * Three tiers: pure unit tests; the integration suite on PGlite (always); and the very
 * same integration files on real PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    env: { NEXTAUTH_SECRET: "test-secret-not-for-production", LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: integration, environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration-pglite",
          setupFiles: ["tests/support/setup.ts"],
          include: integration,
          env: { TEST_ENGINE: "pglite" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve: { alias },
              test: {
                name: "integration-postgres",
                setupFiles: ["tests/support/setup.ts"],
                include: integration,
                env: { TEST_ENGINE: "postgres" },
                testTimeout: 60_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
