-- Tenant-defined webhook tools the AI may call while answering (the n8n pattern), and
-- a log of every call (kept 90 days).

CREATE TABLE "ai_tools" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL,
  -- JSON Schema of the arguments (an object schema).
  "parameters" JSONB NOT NULL DEFAULT '{"type": "object", "properties": {}}',
  "url" TEXT NOT NULL,
  -- HMAC-SHA256 signing secret, AES-256-GCM sealed; never returned after creation.
  "secret_encrypted" TEXT NOT NULL,
  "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ai_tools_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ai_tools_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ai_tools_tenant_id_name_key" ON "ai_tools"("tenant_id", "name");

CREATE TABLE "ai_tool_calls" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "tool_id" UUID NOT NULL,
  "conversation_id" UUID,
  "arguments" JSONB NOT NULL DEFAULT '{}',
  "ok" BOOLEAN NOT NULL,
  "http_status" INTEGER,
  "response_summary" TEXT NOT NULL DEFAULT '',
  "error" TEXT,
  "duration_ms" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ai_tool_calls_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ai_tool_calls_tool_id_fkey" FOREIGN KEY ("tool_id") REFERENCES "ai_tools"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ai_tool_calls_tenant_id_created_at_idx" ON "ai_tool_calls"("tenant_id", "created_at");
CREATE INDEX "ai_tool_calls_created_at_idx" ON "ai_tool_calls"("created_at");

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['ai_tools', 'ai_tool_calls']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_app USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())', t || '_tenant', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_system USING (TRUE) WITH CHECK (TRUE)', t || '_system', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO bokai_app, bokai_system', t);
  END LOOP;
END
$$;
