"use client";

import { useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { isTenantAdmin } from "@/components/tenants/types";
import { Alert } from "@/components/ui/alert";
import { CannedRepliesManager } from "./canned-replies-manager";
import { ResponseTargetsForm } from "./response-targets-form";

export function InboxSettings() {
  const t = useT();
  const tenant = useCurrentTenant();
  const admin = isTenantAdmin(tenant.role);
  return (
    <div className="space-y-6">
      {!admin && <Alert tone="info">{t("inboxSettings.readOnly")}</Alert>}
      <ResponseTargetsForm canEdit={admin} />
      <CannedRepliesManager canEdit={admin} />
    </div>
  );
}
