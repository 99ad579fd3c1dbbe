"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { AuthCard, AuthSwitchPrompt } from "./auth-card";
import { withCallbackUrl } from "./callback-url";
import { signInWithPassword } from "./sign-in";

export function SignUpForm({ callbackUrl, initialEmail }: { callbackUrl: string | null; initialEmail: string }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const formError = useFormError();
  const [shopName, setShopName] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [signingIn, setSigningIn] = useState(false);
  const [signInFailed, setSignInFailed] = useState(false);

  const signUp = useMutation(trpc.auth.signUp.mutationOptions());

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    formError.clear();
    setSignInFailed(false);
    let tenantSlug: string;
    try {
      ({ tenantSlug } = await signUp.mutateAsync({ shopName, name, email, password, locale }));
    } catch (error) {
      formError.fromError(error);
      return;
    }
    setSigningIn(true);
    const outcome = await signInWithPassword(email, password).catch(() => "invalid" as const);
    if (outcome !== "ok") {
      setSigningIn(false);
      setSignInFailed(true);
      return;
    }
    router.push(callbackUrl ?? `/t/${tenantSlug}/inbox`);
  }

  const pending = signUp.isPending || signingIn;

  return (
    <AuthCard
      title={t("auth.signUpTitle")}
      subtitle={t("auth.signUpSubtitle")}
      footer={<AuthSwitchPrompt prompt={t("auth.haveAccount")} href={withCallbackUrl("/sign-in", callbackUrl)} linkText={t("auth.signIn")} />}
    >
      <form onSubmit={handleSubmit} noValidate className="space-y-4" aria-label={t("auth.signUp")}>
        {formError.message && <Alert tone="error">{formError.message}</Alert>}
        {signInFailed && (
          <Alert
            tone="warning"
            action={
              <Link href={withCallbackUrl("/sign-in", callbackUrl)} className="font-medium underline">
                {t("auth.signIn")}
              </Link>
            }
          >
            {t("auth.signInAfterSignUpFailed")}
          </Alert>
        )}
        <TextField
          label={t("auth.shopName")}
          hint={t("auth.shopNameHint")}
          name="shopName"
          autoComplete="organization"
          autoFocus
          required
          value={shopName}
          onChange={(e) => setShopName(e.target.value)}
          errors={formError.fieldError("shopName")}
        />
        <TextField
          label={t("auth.name")}
          name="name"
          autoComplete="name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={formError.fieldError("name")}
        />
        <TextField
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={formError.fieldError("email")}
        />
        <TextField
          label={t("auth.password")}
          hint={t("auth.passwordHint")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={formError.fieldError("password")}
        />
        <Button type="submit" fullWidth loading={pending} loadingText={t("auth.signingUp")}>
          {t("auth.signUp")}
        </Button>
      </form>
    </AuthCard>
  );
}
