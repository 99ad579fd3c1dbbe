"use client";

import { useState, type FormEvent } from "react";
import { useT } from "@/components/providers/i18n";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { AuthCard, AuthSwitchPrompt } from "./auth-card";
import { withCallbackUrl } from "./callback-url";
import { signInWithPassword } from "./sign-in";

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const outcome = await signInWithPassword(email, password);
      if (outcome === "ok") {
        // A full page load, so the whole app renders in the member's own language (the
        // root layout reads it from the account); "pending" until then, so no double press.
        window.location.assign(callbackUrl ?? "/");
        return;
      }
      setError(outcome === "rate_limited" ? t("auth.tooManyAttempts") : t("auth.invalidCredentials"));
    } catch {
      setError(t("errors.internal"));
    }
    setPending(false);
  }

  return (
    <AuthCard
      title={t("auth.signInTitle")}
      subtitle={t("auth.signInSubtitle")}
      footer={<AuthSwitchPrompt prompt={t("auth.noAccount")} href={withCallbackUrl("/sign-up", callbackUrl)} linkText={t("auth.signUp")} />}
    >
      <form onSubmit={handleSubmit} noValidate className="space-y-4" aria-label={t("auth.signIn")}>
        {error && <Alert tone="error">{error}</Alert>}
        <TextField
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" fullWidth loading={pending} loadingText={t("auth.signingIn")}>
          {t("auth.signIn")}
        </Button>
      </form>
    </AuthCard>
  );
}
