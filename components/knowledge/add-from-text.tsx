"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { Textarea } from "./textarea";

/** Text typed or pasted by the seller (Markdown headings welcome), stored as a document. */
export function AddFromText({ disabled, onAdded }: { disabled: boolean; onAdded: (message: string) => unknown }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const create = useMutation(
    trpc.knowledgeBase.createFromText.mutationOptions({
      onSuccess: async (doc) => {
        setTitle("");
        setText("");
        await onAdded(t("knowledge.text.added", { title: doc.title }));
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    create.mutate({ tenantSlug: tenant.slug, title, text });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("knowledge.add.text")} className="space-y-4">
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      <TextField
        label={t("knowledge.form.title")}
        name="title"
        autoComplete="off"
        placeholder={t("knowledge.text.titlePlaceholder")}
        maxLength={200}
        required
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        errors={formError.fieldError("title")}
      />
      <Field label={t("knowledge.form.text")} hint={t("knowledge.text.hint")} errors={formError.fieldError("text")}>
        {(control) => (
          <Textarea
            {...control}
            name="text"
            rows={8}
            required
            placeholder={t("knowledge.text.placeholder")}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <div className="flex justify-end">
        <Button type="submit" disabled={disabled} loading={create.isPending} loadingText={t("knowledge.text.submitting")}>
          {t("knowledge.text.submit")}
        </Button>
      </div>
    </form>
  );
}
