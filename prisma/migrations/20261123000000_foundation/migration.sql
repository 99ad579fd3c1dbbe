-- Foundation: roles, tenancy helpers, users, tenants, memberships, invitations.
-- Written by hand (Prisma's schema engine is not available everywhere); applied by
-- server/db/migrate.ts with Prisma-compatible bookkeeping in _prisma_migrations.

-- Roles. `bokai_app` is what every request runs as: not a superuser, not the
-- owner of any table, no BYPASSRLS. `bokai_system` is used only by
-- server/db/system.ts for the few paths that must cross tenants.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bokai_app') THEN
    CREATE ROLE bokai_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bokai_system') THEN
    CREATE ROLE bokai_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- pgvector where the server has it (PGlite always; Debian's PostgreSQL does not).
-- Vector features check pg_extension at start-up and switch off when it is absent.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pgvector is available but could not be created: vector features stay off';
END
$$;

GRANT USAGE ON SCHEMA public TO bokai_app, bokai_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO bokai_app, bokai_system;

-- The per-transaction scope, set by the Prisma tenant extension with
-- set_config(..., TRUE). Unset means NULL, and NULL matches no row: fail closed.
CREATE FUNCTION app_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', TRUE), '')::uuid $$;

CREATE FUNCTION app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.user_id', TRUE), '')::uuid $$;

GRANT EXECUTE ON FUNCTION app_current_tenant_id(), app_current_user_id() TO bokai_app, bokai_system;

CREATE TYPE "MembershipRole" AS ENUM ('owner', 'admin', 'member');

CREATE TABLE "users" (
  "id" UUID NOT NULL,
  "email" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "password_hash" TEXT NOT NULL,
  "locale" TEXT NOT NULL DEFAULT 'pl',
  "password_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email"))
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE TABLE "tenants" (
  "id" UUID NOT NULL,
  "name" TEXT NOT NULL,
  "slug" TEXT NOT NULL,
  "default_language" TEXT NOT NULL DEFAULT 'pl',
  "timezone" TEXT NOT NULL DEFAULT 'Europe/Warsaw',
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "tenants_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "tenants_slug_format" CHECK ("slug" ~ '^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$')
);
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

CREATE TABLE "memberships" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "user_id" UUID NOT NULL,
  "role" "MembershipRole" NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "memberships_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "memberships_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "memberships_tenant_id_user_id_key" ON "memberships"("tenant_id", "user_id");
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

CREATE TABLE "invitations" (
  "id" UUID NOT NULL,
  "tenant_id" UUID NOT NULL,
  "email" TEXT NOT NULL,
  "role" "MembershipRole" NOT NULL,
  "token_hash" TEXT NOT NULL,
  "invited_by_id" UUID,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "accepted_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "invitations_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "invitations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");
CREATE INDEX "invitations_tenant_id_created_at_idx" ON "invitations"("tenant_id", "created_at");

-- Row-level security: enabled and forced on every table the app role can read.
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;

-- A user scope sees the user itself; a tenant scope sees that tenant's members.
CREATE POLICY "users_self" ON "users" TO bokai_app
  USING ("id" = app_current_user_id()) WITH CHECK ("id" = app_current_user_id());
CREATE POLICY "users_tenant_members" ON "users" FOR SELECT TO bokai_app
  USING (EXISTS (SELECT 1 FROM "memberships" m WHERE m."user_id" = "users"."id" AND m."tenant_id" = app_current_tenant_id()));

-- A tenant scope sees its tenant; a user scope sees the tenants it belongs to (the switcher).
CREATE POLICY "tenants_current" ON "tenants" TO bokai_app
  USING ("id" = app_current_tenant_id()) WITH CHECK ("id" = app_current_tenant_id());
CREATE POLICY "tenants_of_user" ON "tenants" FOR SELECT TO bokai_app
  USING (EXISTS (SELECT 1 FROM "memberships" m WHERE m."tenant_id" = "tenants"."id" AND m."user_id" = app_current_user_id()));

CREATE POLICY "memberships_tenant" ON "memberships" TO bokai_app
  USING ("tenant_id" = app_current_tenant_id()) WITH CHECK ("tenant_id" = app_current_tenant_id());
CREATE POLICY "memberships_own" ON "memberships" FOR SELECT TO bokai_app
  USING ("user_id" = app_current_user_id());

CREATE POLICY "invitations_tenant" ON "invitations" TO bokai_app
  USING ("tenant_id" = app_current_tenant_id()) WITH CHECK ("tenant_id" = app_current_tenant_id());

-- The system role crosses tenants on purpose (sign-in lookup, invitation links,
-- platform owner panel, pollers, webhooks); only server/db/system.ts assumes it.
CREATE POLICY "users_system" ON "users" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
CREATE POLICY "tenants_system" ON "tenants" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
CREATE POLICY "memberships_system" ON "memberships" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
CREATE POLICY "invitations_system" ON "invitations" TO bokai_system USING (TRUE) WITH CHECK (TRUE);

GRANT SELECT, INSERT, UPDATE, DELETE ON "users", "tenants", "memberships", "invitations" TO bokai_app, bokai_system;
