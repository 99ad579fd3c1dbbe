"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";

export function CreateTenantForm() {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formError = useFormError();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");

  const create = useMutation(
    trpc.tenants.create.mutationOptions({
      onSuccess: async (tenant) => {
        await queryClient.invalidateQueries({ queryKey: trpc.tenants.listMine.queryKey() });
        router.push(`/t/${tenant.slug}/inbox`);
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    formError.clear();
    const trimmedSlug = slug.trim();
    create.mutate({ name, slug: trimmedSlug === "" ? undefined : trimmedSlug });
  }

  return (
    <Card className="px-5 py-6 sm:px-6">
      <form onSubmit={handleSubmit} noValidate aria-label={t("tenants.createTitle")} className="space-y-5">
        {formError.message && <Alert tone="error">{formError.message}</Alert>}
        <TextField
          label={t("tenants.name")}
          name="name"
          autoComplete="organization"
          autoFocus
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={formError.fieldError("name")}
        />
        <TextField
          label={t("tenants.slug")}
          hint={`${t("tenants.slugOptionalHint")} ${t("tenants.slugHint", { slug: slug.trim() || "…" })}`}
          optional
          name="slug"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          errors={formError.fieldError("slug")}
        />
        <div className="flex justify-end">
          <Button type="submit" loading={create.isPending || create.isSuccess} loadingText={t("tenants.creating")}>
            {t("tenants.create")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
