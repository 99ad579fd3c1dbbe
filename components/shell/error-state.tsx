"use client";

import { useEffect } from "react";
import { useT } from "@/components/providers/i18n";
import { Button, ButtonLink } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";

function digestOf(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string") return error.digest;
  return undefined;
}

/** What an error boundary shows: what happened, how to retry, a way out, and the log reference. */
export function ErrorState({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  const digest = digestOf(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-xl border border-red-200 bg-white px-6 py-8 text-center shadow-sm">
      <AlertIcon className="mx-auto size-10 text-red-500" />
      <h1 className="mt-4 text-lg font-semibold text-slate-900">{t("errorPage.title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("errorPage.body")}</p>
      <div className="mt-6 flex flex-col justify-center gap-2 sm:flex-row">
        <Button onClick={retry}>{t("common.retry")}</Button>
        <ButtonLink href="/" variant="secondary">
          {t("common.goHome")}
        </ButtonLink>
      </div>
      {digest && <p className="mt-6 text-xs text-slate-400">{t("errorPage.reference", { digest })}</p>}
    </div>
  );
}
