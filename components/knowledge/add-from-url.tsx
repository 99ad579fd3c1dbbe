"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** A public web page (or a PDF/DOCX behind a link), fetched by the server and added as a document. */
export function AddFromUrl({ disabled, onAdded }: { disabled: boolean; onAdded: (message: string) => unknown }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const create = useMutation(
    trpc.knowledgeBase.createFromUrl.mutationOptions({
      onSuccess: async (doc) => {
        setUrl("");
        setTitle("");
        await onAdded(t("knowledge.url.added", { title: doc.title }));
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    if (!url.trim()) return formError.setField("url", t("validation.required"));
    create.mutate({ tenantSlug: tenant.slug, url: url.trim(), title: title.trim() || undefined });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("knowledge.add.url")} className="space-y-4">
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      <TextField
        label={t("knowledge.url.label")}
        name="url"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder={t("knowledge.url.placeholder")}
        hint={t("knowledge.url.hint")}
        maxLength={2000}
        required
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errors={formError.fieldError("url")}
      />
      <TextField
        label={t("knowledge.form.title")}
        name="title"
        optional
        autoComplete="off"
        hint={t("knowledge.url.titleHint")}
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        errors={formError.fieldError("title")}
      />
      <div className="flex justify-end">
        <Button type="submit" disabled={disabled} loading={create.isPending} loadingText={t("knowledge.url.submitting")}>
          {t("knowledge.url.submit")}
        </Button>
      </div>
    </form>
  );
}
