"use client";

import { useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { isTenantAdmin } from "@/components/tenants/types";
import { Alert } from "@/components/ui/alert";
import { InviteForm } from "./invite-form";
import { LeaveTenant } from "./leave-tenant";
import { MembersTable } from "./members-table";
import { PendingInvitations } from "./pending-invitations";

export function MembersPage() {
  const t = useT();
  const tenant = useCurrentTenant();
  const admin = isTenantAdmin(tenant.role);
  return (
    <div className="space-y-6">
      {admin ? <InviteForm /> : <Alert tone="info">{t("members.onlyAdmins")}</Alert>}
      <MembersTable />
      {admin && <PendingInvitations />}
      <LeaveTenant />
    </div>
  );
}
