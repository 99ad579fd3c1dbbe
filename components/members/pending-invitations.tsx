"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { RoleBadge } from "@/components/ui/role-badge";

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
        {revoke.isError && <QueryError error={revoke.error} />}
        {invitations.isPending && <LoadingStatus />}
        {invitations.isError && <QueryError error={invitations.error} />}
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
