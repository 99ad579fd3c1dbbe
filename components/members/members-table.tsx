"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant, useCurrentUser } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { canManageMember, grantableRoles, type TenantMember } from "@/components/tenants/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { RoleBadge } from "@/components/ui/role-badge";
import { RoleSelect } from "./role-select";

export function MembersTable() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const me = useCurrentUser();
  const members = useQuery(trpc.tenants.members.queryOptions({ tenantSlug: tenant.slug }));
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TenantMember | null>(null);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });

  const refreshMembers = () => queryClient.invalidateQueries({ queryKey: trpc.tenants.members.queryKey() });

  const changeRole = useMutation(
    trpc.tenants.changeRole.mutationOptions({
      onMutate: () => {
        setActionError(null);
        setNotice(null);
      },
      onSuccess: async () => {
        setNotice(t("members.roleUpdated"));
        await refreshMembers();
      },
      onError: async (error) => {
        setActionError(readFormError(error, t("errors.internal")).message);
        await refreshMembers();
      },
    }),
  );

  const removeMember = useMutation(
    trpc.tenants.removeMember.mutationOptions({
      onSuccess: async () => {
        setRemoving(null);
        await refreshMembers();
      },
    }),
  );

  const grantable = grantableRoles(tenant.role);

  return (
    <CardSection title={t("members.title")} description={t("members.intro")}>
      <div className="space-y-4">
        {actionError && <Alert tone="error">{actionError}</Alert>}
        {notice && <Alert tone="success">{notice}</Alert>}
        {members.isPending && <LoadingStatus />}
        {members.isError && <QueryError error={members.error} />}
        {members.data && (
          <div className="-mx-5 overflow-x-auto sm:-mx-6">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead>
                <tr className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <th scope="col" className="px-5 py-2 sm:px-6">
                    {t("members.name")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("members.role")}
                  </th>
                  <th scope="col" className="hidden px-3 py-2 md:table-cell">
                    {t("members.joined")}
                  </th>
                  <th scope="col" className="px-5 py-2 text-right sm:px-6">
                    <span className="sr-only">{t("members.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {members.data.map((member) => {
                  const isMe = member.user.id === me.id;
                  // Own role and membership are left alone here: stepping down or out is "Leave company".
                  const manageable = !isMe && canManageMember(tenant.role, member.role);
                  const roleChoices = grantable.includes(member.role) ? grantable : [member.role, ...grantable];
                  return (
                    <tr key={member.id} className="align-middle">
                      <td className="px-5 py-3 sm:px-6">
                        <div className="font-medium text-slate-900">
                          {member.user.name} {isMe && <span className="font-normal text-slate-500">{t("members.you")}</span>}
                        </div>
                        <div className="text-slate-500">{member.user.email}</div>
                      </td>
                      <td className="px-3 py-3">
                        {manageable ? (
                          <RoleSelect
                            label={t("members.changeRoleFor", { name: member.user.name })}
                            value={
                              changeRole.isPending && changeRole.variables.membershipId === member.id
                                ? changeRole.variables.role
                                : member.role
                            }
                            choices={roleChoices}
                            disabled={changeRole.isPending}
                            onChange={(role) =>
                              role !== member.role &&
                              changeRole.mutate({ tenantSlug: tenant.slug, membershipId: member.id, role })
                            }
                          />
                        ) : (
                          <RoleBadge role={member.role} />
                        )}
                      </td>
                      <td className="hidden px-3 py-3 whitespace-nowrap text-slate-600 md:table-cell">
                        {dateFormat.format(member.joinedAt)}
                      </td>
                      <td className="px-5 py-3 text-right sm:px-6">
                        {manageable && (
                          <Button
                            variant="danger-ghost"
                            size="sm"
                            onClick={() => {
                              removeMember.reset();
                              setRemoving(member);
                            }}
                          >
                            {t("common.remove")}
                            <span className="sr-only"> {member.user.name}</span>
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t("members.confirmRemove", { name: removing?.user.name ?? "" })}
        body={t("members.removeBody")}
        confirmLabel={t("members.removeMember")}
        pendingLabel={t("members.removing")}
        pending={removeMember.isPending}
        error={removeMember.error}
        onConfirm={() => removing && removeMember.mutate({ tenantSlug: tenant.slug, membershipId: removing.id })}
        onClose={() => setRemoving(null)}
      />
    </CardSection>
  );
}
