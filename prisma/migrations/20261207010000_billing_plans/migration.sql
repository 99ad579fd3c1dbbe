-- Billing, first slice: plans as data (prices, limits, features) and a trial on sign-up.
-- Changing a plan's numbers is an UPDATE on this table, never a code change.
ALTER TABLE "plans"
  ADD COLUMN "price_monthly_grosze" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "price_yearly_grosze" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "max_seats" INTEGER NOT NULL DEFAULT 3,
  ADD COLUMN "max_channel_accounts" INTEGER NOT NULL DEFAULT 2,
  ADD COLUMN "max_ai_replies_per_month" INTEGER NOT NULL DEFAULT 1000,
  ADD COLUMN "feature_auto_send" BOOLEAN NOT NULL DEFAULT TRUE,
  ADD COLUMN "feature_own_api_key" BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN "feature_webhook_tools" BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN "trial_days" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "sellable" BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0,
  ADD CONSTRAINT "plans_numbers_check" CHECK (
    "price_monthly_grosze" >= 0 AND "price_yearly_grosze" >= 0 AND "max_seats" > 0 AND "max_channel_accounts" >= 0
    AND "max_ai_replies_per_month" >= 0 AND "trial_days" >= 0 AND "max_documents" >= 0 AND "max_file_bytes" > 0
  );

-- New companies start on Basic with a 14-day trial of everything it offers.
UPDATE "plans" SET "trial_days" = 14, "max_seats" = 3, "max_channel_accounts" = 2, "max_ai_replies_per_month" = 500, "position" = 0 WHERE "id" = 'basic';

INSERT INTO "plans" ("id", "name", "max_documents", "max_file_bytes", "ai_budget_pln_micros", "price_monthly_grosze", "price_yearly_grosze",
                     "max_seats", "max_channel_accounts", "max_ai_replies_per_month", "feature_auto_send", "feature_own_api_key", "feature_webhook_tools",
                     "trial_days", "sellable", "position")
VALUES
  ('start', 'Start', 50, 10485760, 5000000, 3900, 39000, 3, 2, 1500, TRUE, FALSE, FALSE, 0, TRUE, 1),
  ('pro', 'Pro', 300, 26214400, 15000000, 8900, 89000, 10, 8, 6000, TRUE, TRUE, TRUE, 0, TRUE, 2)
ON CONFLICT ("id") DO NOTHING;

ALTER TABLE "tenants" ADD COLUMN "trial_ends_at" TIMESTAMPTZ(3);
