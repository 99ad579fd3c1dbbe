-- AI reply engine: per-tenant AI settings, the engine's replies (drafts, auto-sent,
-- escalations) with their sources, conversations flagged for a human, costed usage with
-- daily aggregates, and model prices and plan budgets as data.

ALTER TABLE "plans" ADD COLUMN "ai_budget_pln_micros" BIGINT NOT NULL DEFAULT 5000000;

-- Prices per million tokens, in USD (what providers bill); PLN is derived with the rate
-- in ai_exchange_rates so both can be reported. Unknown models cost 0 and are logged.
CREATE TABLE "ai_model_prices" (
  "provider" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "input_usd_per_mtok" NUMERIC(12, 6) NOT NULL,
  "output_usd_per_mtok" NUMERIC(12, 6) NOT NULL,
  CONSTRAINT "ai_model_prices_pkey" PRIMARY KEY ("provider", "model")
);
INSERT INTO "ai_model_prices" VALUES
  ('openai', 'gpt-4o-mini', 0.15, 0.60),
  ('openai', 'gpt-4.1-mini', 0.40, 1.60),
  ('openai', 'gpt-4.1-nano', 0.10, 0.40),
  ('openai', 'gpt-4o', 2.50, 10.00),
  ('openai', 'gpt-4.1', 2.00, 8.00),
  ('openai', 'text-embedding-3-small', 0.02, 0),
  ('openai', 'text-embedding-3-large', 0.13, 0),
  ('ollama', '*', 0, 0),
  ('offline', '*', 0, 0);

CREATE TABLE "ai_exchange_rates" (
  "currency" TEXT NOT NULL,
  "pln_per_unit" NUMERIC(12, 6) NOT NULL,
  CONSTRAINT "ai_exchange_rates_pkey" PRIMARY KEY ("currency")
);
INSERT INTO "ai_exchange_rates" VALUES ('USD', 3.70);

ALTER TABLE "ai_usage_events" ADD COLUMN "conversation_id" UUID;
ALTER TABLE "ai_usage_events" ADD COLUMN "tier" TEXT;
ALTER TABLE "ai_usage_events" ADD COLUMN "cost_usd_micros" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ai_usage_events" ADD COLUMN "cost_pln_micros" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ai_usage_events" ADD COLUMN "latency_ms" INTEGER;
ALTER TABLE "ai_usage_events" ADD COLUMN "outcome" TEXT;

-- One row per tenant, day, kind and model, kept up to date in the transaction that
-- records each call: budgets and billing read a handful of rows, not every call.
CREATE TABLE "ai_usage_daily" (
  "tenant_id" UUID NOT NULL,
  "day" DATE NOT NULL,
  "kind" "AiUsageKind" NOT NULL,
  "provider" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "calls" INTEGER NOT NULL DEFAULT 0,
  "input_tokens" BIGINT NOT NULL DEFAULT 0,
  "output_tokens" BIGINT NOT NULL DEFAULT 0,
  "cost_usd_micros" BIGINT NOT NULL DEFAULT 0,
  "cost_pln_micros" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "ai_usage_daily_pkey" PRIMARY KEY ("tenant_id", "day", "kind", "provider", "model"),
  CONSTRAINT "ai_usage_daily_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "ai_settings" (
  "tenant_id" UUID NOT NULL,
  "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
  "persona" TEXT NOT NULL DEFAULT '',
  "tone" TEXT NOT NULL DEFAULT 'friendly',
  "signature" TEXT NOT NULL DEFAULT '',
  -- Intents answered without review, per channel kind: {"allegro": ["shipping", "returns"]}.
  "auto_send" JSONB NOT NULL DEFAULT '{}',
  "escalation_keywords" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ai_settings_pkey" PRIMARY KEY ("tenant_id"),
  CONSTRAINT "ai_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TYPE "AiReplyAction" AS ENUM ('auto_send', 'draft', 'escalate');
CREATE TYPE "AiReplyStatus" AS ENUM ('draft', 'sent', 'escalated', 'discarded', 'superseded');

CREATE TABLE "ai_replies" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "conversation_id" UUID NOT NULL,
  -- The newest buyer message this reply answers: one reply per buyer turn (idempotency).
  "trigger_message_id" UUID NOT NULL,
  "action" "AiReplyAction" NOT NULL,
  "status" "AiReplyStatus" NOT NULL,
  "text" TEXT NOT NULL DEFAULT '',
  "language" TEXT,
  "intent" TEXT,
  "tier" TEXT,
  "provider" TEXT,
  "model" TEXT,
  -- Why it was not sent automatically / why a human is needed (message keys).
  "reasons" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "sources" JSONB NOT NULL DEFAULT '[]',
  "input_tokens" INTEGER NOT NULL DEFAULT 0,
  "output_tokens" INTEGER NOT NULL DEFAULT 0,
  "cost_pln_micros" BIGINT NOT NULL DEFAULT 0,
  "latency_ms" INTEGER,
  "message_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ai_replies_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ai_replies_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ai_replies_conversation_id_trigger_message_id_key" ON "ai_replies"("conversation_id", "trigger_message_id");
CREATE INDEX "ai_replies_tenant_id_conversation_id_created_at_idx" ON "ai_replies"("tenant_id", "conversation_id", "created_at");

ALTER TABLE "conversations" ADD COLUMN "needs_human" BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE "conversations" ADD COLUMN "needs_human_reason" TEXT;

-- Price lists are public reference data, like plans.
DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['ai_model_prices', 'ai_exchange_rates']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO bokai_app, bokai_system USING (TRUE)', t || '_read', t);
    EXECUTE format('GRANT SELECT ON %I TO bokai_app, bokai_system', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['ai_usage_daily', 'ai_settings', 'ai_replies']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_app USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())', t || '_tenant', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_system USING (TRUE) WITH CHECK (TRUE)', t || '_system', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO bokai_app, bokai_system', t);
  END LOOP;
END
$$;
