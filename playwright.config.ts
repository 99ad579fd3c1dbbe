import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_PATH, hasChromium } from "./e2e/support";

/**
 * End-to-end tests against a production build on a fresh embedded database (seeded with
 * the demo shop on first start). Debian's Chromium is used because `playwright install`
 * cannot download browsers here; without it the specs are skipped, not failed.
 */
const PORT = 3210;
const BASE_URL = `http://localhost:${PORT}`;
// Billing runs against a fake Stripe (tests/support/fake-stripe.ts) with its hosted pages.
const STRIPE_PORT = 3211;
const STRIPE_URL = `http://127.0.0.1:${STRIPE_PORT}`;

// Workers load this file too: they inherit the directory through the environment, and
// only the process that created it removes it when it exits (E2E_KEEP_DATA=1 keeps it).
if (hasChromium && !process.env.BOKAI_E2E_DATA_DIR) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bokai-e2e-"));
  process.env.BOKAI_E2E_DATA_DIR = dataDir;
  process.on("exit", () => {
    if (process.env.E2E_KEEP_DATA !== "1") rmSync(dataDir, { recursive: true, force: true });
  });
}

if (!hasChromium && !process.env.TEST_WORKER_INDEX) {
  console.warn(`[e2e] ${CHROMIUM_PATH} not found: end-to-end tests are skipped (apt-get install -y chromium).`);
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    // Polish is the product's first language (the browser's languages do not change it; a member's choice does).
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      ],
    },
  },
  webServer: hasChromium
    ? [
        {
          command: "npx tsx e2e/fake-stripe-server.ts",
          url: `${STRIPE_URL}/health`,
          reuseExistingServer: false,
          timeout: 60_000,
          env: { FAKE_STRIPE_PORT: String(STRIPE_PORT), FAKE_STRIPE_WEBHOOK_URL: `${BASE_URL}/api/webhooks/stripe` },
        },
        {
          command: "npx next build && npx next start -p 3210",
          url: `${BASE_URL}/api/health`,
          reuseExistingServer: false,
          timeout: 180_000,
          stdout: "pipe",
          stderr: "pipe",
          env: {
            DATA_DIR: process.env.BOKAI_E2E_DATA_DIR ?? "",
            PORT: String(PORT),
            NEXTAUTH_URL: BASE_URL,
            NEXT_TELEMETRY_DISABLED: "1",
            PLATFORM_OWNER_EMAILS: "demo@bok-ai.local",
            // The run must start from an empty embedded database with in-memory rate limits,
            // whatever a developer or CI has configured for other suites.
            DATABASE_URL: "",
            MIGRATION_DATABASE_URL: "",
            REDIS_URL: "",
            UPSTASH_REDIS_REST_URL: "",
            UPSTASH_REDIS_REST_TOKEN: "",
            SEED_DEMO: "1",
            // The AI engine waits this long after a buyer's last message before answering;
            // the built-in offline responder answers, whatever model a developer configured.
            AI_DEBOUNCE_SECONDS: "1",
            AI_PROVIDER: "none",
            EMBEDDING_PROVIDER: "none",
            STRIPE_SECRET_KEY: "sk_test_fake_bokai",
            STRIPE_WEBHOOK_SECRET: "whsec_fake_bokai",
            STRIPE_API_URL: STRIPE_URL,
            STRIPE_PRICES: "start:month=price_start_month,start:year=price_start_year,pro:month=price_pro_month,pro:year=price_pro_year",
          },
        },
    ]
    : undefined,
});
