"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { grantableRoles, ROLES, type TenantRole } from "@/components/tenants/types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { InviteLink } from "./invite-link";

function isRole(value: string): value is TenantRole {
  return (ROLES as readonly string[]).includes(value);
}

/** Whole days left on an invitation, as the server set its expiry (shown with the link). */
function daysUntil(date: Date): number {
  return Math.round((date.getTime() - Date.now()) / 86_400_000);
}

export function InviteForm() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TenantRole>("member");
  const [created, setCreated] = useState<{ email: string; link: string; validDays: number } | null>(null);

  const invite = useMutation(
    trpc.tenants.invite.mutationOptions({
      onSuccess: async (invitation) => {
        setCreated({
          email: invitation.email,
          link: `${window.location.origin}/invite/${invitation.token}`,
          validDays: daysUntil(invitation.expiresAt),
        });
        setEmail("");
        // A first load still in flight started before this invitation existed, and
        // invalidating would only wait for it: cancel it so the list is fetched afresh.
        const invitations = trpc.tenants.invitations.queryKey();
        await queryClient.cancelQueries({ queryKey: invitations });
        await queryClient.invalidateQueries({ queryKey: invitations });
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    formError.clear();
    setCreated(null);
    invite.mutate({ tenantSlug: tenant.slug, email, role });
  }

  return (
    <CardSection title={t("members.inviteTitle")} description={t("members.inviteIntro")} headingId="invite-heading">
      <form onSubmit={handleSubmit} noValidate aria-labelledby="invite-heading" className="space-y-4">
        {formError.message && <Alert tone="error">{formError.message}</Alert>}
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <TextField
            label={t("members.email")}
            name="email"
            type="email"
            autoComplete="off"
            inputMode="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={formError.fieldError("email")}
          />
          <SelectField
            label={t("members.role")}
            name="role"
            value={role}
            onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
            errors={formError.fieldError("role")}
          >
            {grantableRoles(tenant.role).map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </SelectField>
          <Button type="submit" loading={invite.isPending} loadingText={t("members.inviting")} className="sm:mt-[1.625rem]">
            {t("members.invite")}
          </Button>
        </div>
      </form>
      {created && (
        <div className="mt-5 space-y-2" role="status">
          <p className="text-sm font-medium text-emerald-800">{t("members.inviteCreated", { email: created.email })}</p>
          <InviteLink link={created.link} label={t("members.inviteLink", { days: created.validDays })} />
        </div>
      )}
    </CardSection>
  );
}
