-- A tenant's own model provider key and tier models, escalation routing rules, rolling
-- summaries of long threads, and in-app notifications.

-- "platform" answers with the platform's configured models; "openai" / "anthropic" with
-- the tenant's own key (AES-256-GCM sealed, bound to the tenant; never returned).
ALTER TABLE "ai_settings" ADD COLUMN "provider" TEXT NOT NULL DEFAULT 'platform';
ALTER TABLE "ai_settings" ADD COLUMN "api_key_encrypted" TEXT;
ALTER TABLE "ai_settings" ADD COLUMN "api_key_updated_at" TIMESTAMPTZ(3);
ALTER TABLE "ai_settings" ADD COLUMN "model_fast" TEXT;
ALTER TABLE "ai_settings" ADD COLUMN "model_smart" TEXT;
-- Who takes an escalated conversation: [{"intent": "complaint" | "*", "assigneeId": uuid}], first match wins.
ALTER TABLE "ai_settings" ADD COLUMN "escalation_rules" JSONB NOT NULL DEFAULT '[]';

-- Calls made with a tenant's own key are recorded but not charged to the plan's AI budget.
ALTER TABLE "ai_usage_events" ADD COLUMN "key_source" TEXT NOT NULL DEFAULT 'platform';
ALTER TABLE "ai_usage_daily" ADD COLUMN "key_source" TEXT NOT NULL DEFAULT 'platform';
ALTER TABLE "ai_usage_daily" DROP CONSTRAINT "ai_usage_daily_pkey";
ALTER TABLE "ai_usage_daily" ADD CONSTRAINT "ai_usage_daily_pkey" PRIMARY KEY ("tenant_id", "day", "kind", "provider", "model", "key_source");

-- What the buyer and seller said before the messages the engine reads verbatim.
ALTER TABLE "conversations" ADD COLUMN "ai_summary" TEXT;
-- Messages up to and including this platform time are covered by the summary.
ALTER TABLE "conversations" ADD COLUMN "ai_summary_through" TIMESTAMPTZ(3);

CREATE TABLE "notifications" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "kind" TEXT NOT NULL,
  "conversation_id" UUID,
  "data" JSONB NOT NULL DEFAULT '{}',
  "read_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "notifications_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "notifications_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "notifications_tenant_id_user_id_created_at_idx" ON "notifications"("tenant_id", "user_id", "created_at" DESC);
CREATE INDEX "notifications_conversation_id_idx" ON "notifications"("conversation_id");

ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notifications_tenant" ON "notifications" TO bokai_app
  USING ("tenant_id" = app_current_tenant_id()) WITH CHECK ("tenant_id" = app_current_tenant_id());
CREATE POLICY "notifications_system" ON "notifications" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
GRANT SELECT, INSERT, UPDATE, DELETE ON "notifications" TO bokai_app, bokai_system;

-- Anthropic's published list prices (USD per million tokens).
INSERT INTO "ai_model_prices" VALUES
  ('anthropic', 'claude-haiku-4-5', 1.00, 5.00),
  ('anthropic', 'claude-sonnet-4-5', 3.00, 15.00),
  ('anthropic', 'claude-opus-4-1', 15.00, 75.00);
