-- Billing, second slice: the company's Stripe subscription as last read from Stripe, and
-- the webhook events already applied (each is applied once).
--
-- Only the system role writes either table (server/db/system.ts, for the webhook and the
-- checkout's customer link): a company's members can read their own subscription but no
-- code path running as a tenant can grant itself a paid plan.
CREATE TABLE "subscriptions" (
  "tenant_id" UUID NOT NULL,
  "stripe_customer_id" TEXT NOT NULL,
  "stripe_subscription_id" TEXT,
  -- Stripe's status; NULL until the first checkout completes.
  "status" TEXT,
  "plan_id" TEXT,
  "billing_interval" TEXT,
  "current_period_end" TIMESTAMPTZ(3),
  "cancel_at_period_end" BOOLEAN NOT NULL DEFAULT FALSE,
  -- When payment first failed in the current run of past_due: the grace period counts from here.
  "past_due_since" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("tenant_id"),
  CONSTRAINT "subscriptions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "subscriptions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "subscriptions_status_check" CHECK ("status" IN ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused')),
  CONSTRAINT "subscriptions_interval_check" CHECK ("billing_interval" IN ('month', 'year'))
);
CREATE UNIQUE INDEX "subscriptions_stripe_customer_id_key" ON "subscriptions"("stripe_customer_id");
CREATE UNIQUE INDEX "subscriptions_stripe_subscription_id_key" ON "subscriptions"("stripe_subscription_id");

ALTER TABLE "subscriptions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subscriptions" FORCE ROW LEVEL SECURITY;
CREATE POLICY "subscriptions_tenant_read" ON "subscriptions" FOR SELECT TO bokai_app USING (tenant_id = app_current_tenant_id());
CREATE POLICY "subscriptions_system" ON "subscriptions" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
GRANT SELECT ON "subscriptions" TO bokai_app;
REVOKE INSERT, UPDATE, DELETE ON "subscriptions" FROM bokai_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "subscriptions" TO bokai_system;

-- Stripe's event ids once applied: a redelivered event finds its id and changes nothing.
CREATE TABLE "stripe_events" (
  "id" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "tenant_id" UUID,
  "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "stripe_events_processed_at_idx" ON "stripe_events"("processed_at");
ALTER TABLE "stripe_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "stripe_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "stripe_events_system" ON "stripe_events" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
REVOKE ALL ON "stripe_events" FROM bokai_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "stripe_events" TO bokai_system;
