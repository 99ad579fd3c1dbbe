-- The platform owner can suspend a company: its members see why when they open it, its
-- data is kept, its buyers' messages are still received and stored, and its AI stops.
-- Written only by the system role (the platform owner panel); members can read their
-- company's suspension, and a user can read it for the companies they belong to (the
-- page they open after signing in says why).
CREATE TABLE "tenant_suspensions" (
  "tenant_id" UUID NOT NULL,
  "reason" TEXT NOT NULL,
  "suspended_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "suspended_by" TEXT NOT NULL,
  CONSTRAINT "tenant_suspensions_pkey" PRIMARY KEY ("tenant_id"),
  CONSTRAINT "tenant_suspensions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "tenant_suspensions_reason_check" CHECK (length("reason") BETWEEN 1 AND 500)
);
ALTER TABLE "tenant_suspensions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant_suspensions" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_suspensions_tenant_read" ON "tenant_suspensions" FOR SELECT TO bokai_app USING (tenant_id = app_current_tenant_id());
CREATE POLICY "tenant_suspensions_member_read" ON "tenant_suspensions" FOR SELECT TO bokai_app
  USING (EXISTS (SELECT 1 FROM "memberships" m WHERE m."tenant_id" = "tenant_suspensions"."tenant_id" AND m."user_id" = app_current_user_id()));
CREATE POLICY "tenant_suspensions_system" ON "tenant_suspensions" TO bokai_system USING (TRUE) WITH CHECK (TRUE);
GRANT SELECT ON "tenant_suspensions" TO bokai_app;
REVOKE INSERT, UPDATE, DELETE ON "tenant_suspensions" FROM bokai_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "tenant_suspensions" TO bokai_system;
