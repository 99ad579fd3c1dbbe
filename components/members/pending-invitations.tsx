"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { RoleBadge } from "@/components/ui/role-badge";
import { Spinner } from "@/components/ui/spinner";

export function PendingInvitations() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const invitations = useQuery(trpc.tenants.invitations.queryOptions({ tenantSlug: tenant.slug }));
  const revoke = useMutation(
    trpc.tenants.revokeInvite.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.tenants.invitations.queryKey() }),
    }),
  );
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });

  return (
    <CardSection title={t("members.pendingInvitations")}>
      <div className="space-y-3">
        {revoke.isError && <Alert tone="error">{readFormError(revoke.error, t("errors.internal")).message}</Alert>}
        {invitations.isPending && (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> {t("common.loading")}
          </p>
        )}
        {invitations.isError && <Alert tone="error">{readFormError(invitations.error, t("errors.internal")).message}</Alert>}
        {invitations.data?.length === 0 && <p className="text-sm text-slate-500">{t("members.noInvitations")}</p>}
        {invitations.data && invitations.data.length > 0 && (
          <ul className="divide-y divide-slate-100">
            {invitations.data.map((invitation) => {
              const revokingThis = revoke.isPending && revoke.variables.invitationId === invitation.id;
              return (
                <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 first:pt-0 last:pb-0">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-slate-900">{invitation.email}</p>
                    <p className="text-xs text-slate-500">{t("members.expires", { date: dateFormat.format(invitation.expiresAt) })}</p>
                  </div>
                  <RoleBadge role={invitation.role} />
                  <Button
                    variant="secondary"
                    size="sm"
                    loading={revokingThis}
                    loadingText={t("members.revoking")}
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ tenantSlug: tenant.slug, invitationId: invitation.id })}
                  >
                    {t("members.revoke")}
                    <span className="sr-only"> {invitation.email}</span>
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </CardSection>
  );
}
