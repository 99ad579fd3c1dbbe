-- Unified inbox: channel accounts, customers, conversations, messages, notes,
-- activity, canned replies, presence, and the transactional outbox.

ALTER TABLE "tenants" ADD COLUMN "inbox_settings" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "tenants" ADD COLUMN "conversation_seq" INTEGER NOT NULL DEFAULT 0;

CREATE TYPE "ChannelKind" AS ENUM ('demo', 'allegro', 'amazon', 'olx', 'emag', 'website');
CREATE TYPE "ChannelStatus" AS ENUM ('active', 'reconnect_needed', 'disconnected');
CREATE TYPE "ConversationStatus" AS ENUM ('open', 'pending', 'resolved', 'snoozed');
CREATE TYPE "ConversationPriority" AS ENUM ('low', 'normal', 'high', 'urgent');
CREATE TYPE "MessageDirection" AS ENUM ('inbound', 'outbound');
CREATE TYPE "MessageAuthor" AS ENUM ('customer', 'seller', 'ai', 'system');
CREATE TYPE "DeliveryState" AS ENUM ('queued', 'sent', 'failed');

CREATE TABLE "channel_accounts" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "kind" "ChannelKind" NOT NULL,
  "name" TEXT NOT NULL,
  "external_account_id" TEXT,
  "status" "ChannelStatus" NOT NULL DEFAULT 'active',
  "credentials_encrypted" TEXT,
  "token_expires_at" TIMESTAMPTZ(3),
  "poll_cursor" JSONB NOT NULL DEFAULT '{}',
  "last_polled_at" TIMESTAMPTZ(3),
  "last_error" TEXT,
  "auth_failures" INTEGER NOT NULL DEFAULT 0,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "channel_accounts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "channel_accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "channel_accounts_tenant_id_kind_external_account_id_key" ON "channel_accounts"("tenant_id", "kind", "external_account_id");
CREATE INDEX "channel_accounts_tenant_id_idx" ON "channel_accounts"("tenant_id");

CREATE TABLE "customers" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "channel_account_id" UUID NOT NULL,
  "external_id" TEXT NOT NULL,
  "display_name" TEXT,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "customers_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "customers_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "customers_channel_account_id_external_id_key" ON "customers"("channel_account_id", "external_id");
CREATE INDEX "customers_tenant_id_idx" ON "customers"("tenant_id");

CREATE TABLE "conversations" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "channel_account_id" UUID NOT NULL,
  "customer_id" UUID,
  "external_thread_id" TEXT NOT NULL,
  "number" INTEGER NOT NULL,
  "subject" TEXT,
  "status" "ConversationStatus" NOT NULL DEFAULT 'open',
  "snoozed_until" TIMESTAMPTZ(3),
  "priority" "ConversationPriority" NOT NULL DEFAULT 'normal',
  "assignee_id" UUID,
  "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  "unread_count" INTEGER NOT NULL DEFAULT 0,
  "last_message_at" TIMESTAMPTZ(3) NOT NULL,
  "awaiting_reply_since" TIMESTAMPTZ(3),
  "offer_external_id" TEXT,
  "order_external_id" TEXT,
  "order_snapshot" JSONB,
  "offer_snapshot" JSONB,
  -- Buyer name and message texts, appended on ingest; searched through search_vector.
  "search_text" TEXT NOT NULL DEFAULT '',
  -- Full-text search ('simple' config: no stemmer, works for any language). One vector
  -- per conversation lets the list walk its recency index for common words and start
  -- from the GIN index for rare ones.
  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "conversations_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "conversations_channel_account_id_fkey" FOREIGN KEY ("channel_account_id") REFERENCES "channel_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "conversations_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT "conversations_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "conversations_channel_account_id_external_thread_id_key" ON "conversations"("channel_account_id", "external_thread_id");
CREATE UNIQUE INDEX "conversations_tenant_id_number_key" ON "conversations"("tenant_id", "number");
CREATE INDEX "conversations_tenant_id_last_message_at_id_idx" ON "conversations"("tenant_id", "last_message_at" DESC, "id" DESC);
CREATE INDEX "conversations_tenant_id_status_last_message_at_idx" ON "conversations"("tenant_id", "status", "last_message_at" DESC);
CREATE INDEX "conversations_tenant_id_assignee_id_last_message_at_idx" ON "conversations"("tenant_id", "assignee_id", "last_message_at" DESC);
CREATE INDEX "conversations_search_vector_idx" ON "conversations" USING GIN ("search_vector");

CREATE TABLE "messages" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "conversation_id" UUID NOT NULL,
  "channel_account_id" UUID NOT NULL,
  "direction" "MessageDirection" NOT NULL,
  "author" "MessageAuthor" NOT NULL,
  "author_user_id" UUID,
  "external_id" TEXT,
  "text" TEXT NOT NULL,
  "html" TEXT,
  "attachments" JSONB NOT NULL DEFAULT '[]',
  "platform_status" TEXT,
  "platform_created_at" TIMESTAMPTZ(3) NOT NULL,
  "delivery_state" "DeliveryState",
  "delivery_error" TEXT,
  "retry_count" INTEGER NOT NULL DEFAULT 0,
  "sent_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "messages_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "messages_channel_account_id_external_id_key" ON "messages"("channel_account_id", "external_id");
CREATE INDEX "messages_tenant_id_conversation_id_platform_created_at_idx" ON "messages"("tenant_id", "conversation_id", "platform_created_at");

CREATE TABLE "conversation_notes" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "conversation_id" UUID NOT NULL,
  "author_user_id" UUID,
  "text" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "conversation_notes_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "conversation_notes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "conversation_notes_tenant_id_conversation_id_created_at_idx" ON "conversation_notes"("tenant_id", "conversation_id", "created_at");

CREATE TABLE "conversation_events" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "conversation_id" UUID NOT NULL,
  "actor_user_id" UUID,
  "type" TEXT NOT NULL,
  "data" JSONB NOT NULL DEFAULT '{}',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "conversation_events_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "conversation_events_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "conversation_events_tenant_id_conversation_id_created_at_idx" ON "conversation_events"("tenant_id", "conversation_id", "created_at");

CREATE TABLE "canned_replies" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "title" TEXT NOT NULL,
  "body" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "canned_replies_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "canned_replies_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "canned_replies_tenant_id_title_key" ON "canned_replies"("tenant_id", "title");

CREATE TABLE "conversation_presence" (
  "tenant_id" UUID NOT NULL,
  "conversation_id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "user_name" TEXT NOT NULL,
  "typing" BOOLEAN NOT NULL DEFAULT false,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  CONSTRAINT "conversation_presence_pkey" PRIMARY KEY ("conversation_id", "user_id"),
  CONSTRAINT "conversation_presence_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "conversation_presence_tenant_id_conversation_id_idx" ON "conversation_presence"("tenant_id", "conversation_id");

CREATE TABLE "outbox_events" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "event_key" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "dispatched_at" TIMESTAMPTZ(3),
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT,
  CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "outbox_events_name_event_key_key" ON "outbox_events"("name", "event_key");
CREATE INDEX "outbox_events_dispatched_at_created_at_idx" ON "outbox_events"("dispatched_at", "created_at");

-- Files a seller attaches to a reply (images and PDF, ≤ 5 MB), kept until and after sending.
CREATE TABLE "message_attachments" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "conversation_id" UUID NOT NULL,
  "message_id" UUID,
  "uploaded_by_id" UUID,
  "file_name" TEXT NOT NULL,
  "mime_type" TEXT NOT NULL,
  "size" INTEGER NOT NULL,
  "content" BYTEA NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "message_attachments_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "message_attachments_size_check" CHECK ("size" > 0 AND "size" <= 5242880),
  CONSTRAINT "message_attachments_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "message_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "message_attachments_tenant_id_message_id_idx" ON "message_attachments"("tenant_id", "message_id");

-- Row-level security: every table above is tenant-owned.
DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['channel_accounts', 'customers', 'conversations', 'messages', 'conversation_notes',
                           'conversation_events', 'canned_replies', 'conversation_presence', 'outbox_events',
                           'message_attachments']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_app USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())', t || '_tenant', t);
    EXECUTE format('CREATE POLICY %I ON %I TO bokai_system USING (TRUE) WITH CHECK (TRUE)', t || '_system', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO bokai_app, bokai_system', t);
  END LOOP;
END
$$;
