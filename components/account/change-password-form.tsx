"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useFormError } from "@/components/forms/use-form-error";
import { signInWithPassword } from "@/components/auth/sign-in";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useT();
  const trpc = useTRPC();
  const formError = useFormError();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [reSigningIn, setReSigningIn] = useState(false);
  const [done, setDone] = useState(false);
  const [signInAgain, setSignInAgain] = useState(false);

  const changePassword = useMutation(trpc.auth.changePassword.mutationOptions());

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    formError.clear();
    setDone(false);
    setSignInAgain(false);
    if (newPassword !== confirmPassword) {
      formError.setField("confirmPassword", t("auth.passwordsDoNotMatch"));
      return;
    }
    try {
      await changePassword.mutateAsync({ currentPassword, newPassword });
    } catch (error) {
      formError.fromError(error);
      return;
    }
    // The change invalidated every session, this one included: sign in again with the new password.
    setReSigningIn(true);
    const outcome = await signInWithPassword(email, newPassword).catch(() => "invalid" as const);
    setReSigningIn(false);
    if (outcome !== "ok") {
      setSignInAgain(true);
      return;
    }
    setCurrentPassword("");
    setNewPassword("");
    setConfirmPassword("");
    setDone(true);
  }

  return (
    <CardSection title={t("auth.changePassword")} description={t("auth.changePasswordIntro")} headingId="change-password-heading">
      <form onSubmit={handleSubmit} noValidate aria-labelledby="change-password-heading" className="space-y-4">
        {formError.message && <Alert tone="error">{formError.message}</Alert>}
        {done && <Alert tone="success">{t("auth.passwordChanged")}</Alert>}
        {signInAgain && (
          <Alert
            tone="warning"
            action={
              <Link href="/sign-in?callbackUrl=%2Faccount" className="font-medium underline">
                {t("auth.signIn")}
              </Link>
            }
          >
            {t("auth.signInAgainAfterPasswordChange")}
          </Alert>
        )}
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField
          label={t("auth.currentPassword")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          errors={formError.fieldError("currentPassword")}
        />
        <TextField
          label={t("auth.newPassword")}
          hint={t("auth.passwordHint")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          errors={formError.fieldError("newPassword")}
        />
        <TextField
          label={t("auth.confirmNewPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          value={confirmPassword}
          onChange={(e) => setConfirmPassword(e.target.value)}
          errors={formError.fieldError("confirmPassword")}
        />
        <div className="flex justify-end">
          <Button type="submit" loading={changePassword.isPending || reSigningIn} loadingText={t("auth.changingPassword")}>
            {t("auth.changePassword")}
          </Button>
        </div>
      </form>
    </CardSection>
  );
}
