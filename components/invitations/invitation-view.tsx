"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { AuthCard } from "@/components/auth/auth-card";
import { withCallbackUrl } from "@/components/auth/callback-url";
import { httpStatusOf, readFormError } from "@/components/forms/trpc-error";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { RoleBadge } from "@/components/ui/role-badge";

interface InvitationViewProps {
  token: string;
  /** Email of the signed-in user, null when signed out. */
  signedInEmail: string | null;
}

export function InvitationView({ token, signedInEmail }: InvitationViewProps) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitationPath = `/invite/${encodeURIComponent(token)}`;

  const preview = useQuery({ ...trpc.tenants.previewInvite.queryOptions({ token }), retry: false });
  const accept = useMutation(
    trpc.tenants.acceptInvite.mutationOptions({
      onSuccess: async ({ slug }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.tenants.listMine.queryKey() });
        router.push(`/t/${slug}/inbox`);
      },
    }),
  );

  if (preview.isPending) {
    return (
      <AuthCard title={t("invitation.checking")}>
        <LoadingStatus />
      </AuthCard>
    );
  }

  if (preview.isError) {
    // A malformed token fails input validation (400); to the visitor it is simply an invalid link.
    const message =
      httpStatusOf(preview.error) === 400 ? t("errors.invitationInvalid") : readFormError(preview.error, t("errors.internal")).message;
    return (
      <AuthCard title={t("invitation.invalid")}>
        <div className="space-y-5">
          <Alert tone="error">{message}</Alert>
          <ButtonLink href="/" variant="secondary" fullWidth>
            {t("common.goHome")}
          </ButtonLink>
        </div>
      </AuthCard>
    );
  }

  const invitation = preview.data;
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(invitation.expiresAt);
  const isAddressee = signedInEmail?.toLowerCase() === invitation.email.toLowerCase();

  return (
    <AuthCard title={t("invitation.title", { tenant: invitation.tenantName })}>
      <div className="space-y-5">
        <div className="space-y-2 rounded-lg bg-slate-50 px-4 py-3 text-sm">
          <p className="flex flex-wrap items-center gap-2 text-slate-600">
            {t("members.role")}: <RoleBadge role={invitation.role} />
          </p>
          <p className="text-slate-700">{t("invitation.addressedTo", { email: invitation.email })}</p>
          <p className="text-slate-500">{t("invitation.expiresOn", { date: expires })}</p>
        </div>

        {accept.isError && <QueryError error={accept.error} />}

        {!signedInEmail && (
          <>
            <p className="text-sm text-slate-700">{t("invitation.signInFirst", { email: invitation.email })}</p>
            <div className="flex flex-col gap-2 sm:flex-row">
              <ButtonLink href={withCallbackUrl("/sign-in", invitationPath)} fullWidth className="sm:flex-1">
                {t("auth.signIn")}
              </ButtonLink>
              <ButtonLink
                href={withCallbackUrl("/sign-up", invitationPath, { email: invitation.email })}
                variant="secondary"
                fullWidth
                className="sm:flex-1"
              >
                {t("auth.signUp")}
              </ButtonLink>
            </div>
          </>
        )}

        {signedInEmail && isAddressee && (
          <>
            <p className="text-sm text-slate-600">{t("invitation.signedInAs", { email: signedInEmail })}</p>
            <Button
              fullWidth
              loading={accept.isPending || accept.isSuccess}
              loadingText={t("invitation.accepting")}
              onClick={() => accept.mutate({ token })}
            >
              {t("invitation.accept")}
            </Button>
          </>
        )}

        {signedInEmail && !isAddressee && (
          <>
            <Alert tone="warning">{t("invitation.wrongAccount", { email: invitation.email })}</Alert>
            <p className="text-sm text-slate-600">{t("invitation.signedInAs", { email: signedInEmail })}</p>
            <Button
              variant="secondary"
              fullWidth
              onClick={() => void signOut({ callbackUrl: withCallbackUrl("/sign-in", invitationPath) })}
            >
              {t("invitation.switchAccount")}
            </Button>
          </>
        )}
      </div>
    </AuthCard>
  );
}
