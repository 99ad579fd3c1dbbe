"use client";

import { useMemo, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { REPLY_LANGUAGES } from "@/server/tenants/schemas";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { SaveButtonRow } from "@/components/ui/save-button";
import { isTenantAdmin, type TenantSettings } from "./types";

type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

function isReplyLanguage(value: string): value is ReplyLanguage {
  return (REPLY_LANGUAGES as readonly string[]).includes(value);
}

function useLanguageNames() {
  const locale = useLocale();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "language" });
    return (code: string) => {
      const name = names.of(code) ?? code;
      return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
    };
  }, [locale]);
}

/** The browser's IANA list, plus UTC (which the server accepts) and whatever is saved now. */
function useTimeZones(current: string) {
  return useMemo(() => {
    const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
    zones.add(current);
    return [...zones].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
  }, [current]);
}

export function TenantSettingsSection() {
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const settings = useQuery(trpc.tenants.current.queryOptions({ tenantSlug: tenant.slug }));

  if (settings.isPending) return <LoadingStatus />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <TenantSettingsForm initial={settings.data} />;
}

function TenantSettingsForm({ initial }: { initial: TenantSettings }) {
  const t = useT();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const formError = useFormError();
  const languageName = useLanguageNames();
  const [name, setName] = useState(initial.name);
  const [slug, setSlug] = useState(initial.slug);
  const [defaultLanguage, setDefaultLanguage] = useState<ReplyLanguage>(
    isReplyLanguage(initial.defaultLanguage) ? initial.defaultLanguage : "pl",
  );
  const [timezone, setTimezone] = useState(initial.timezone);
  const [saved, setSaved] = useState(false);
  const timeZones = useTimeZones(initial.timezone);
  const canEdit = isTenantAdmin(initial.role);

  const update = useMutation(
    trpc.tenants.updateSettings.mutationOptions({
      onSuccess: async (updated) => {
        // Seed the cache under the (possibly new) slug so the page after a slug change
        // does not refetch, and the old slug — which no longer exists — is never asked for.
        queryClient.setQueryData(trpc.tenants.current.queryKey({ tenantSlug: updated.slug }), { ...updated, role: initial.role });
        await queryClient.invalidateQueries({ queryKey: trpc.tenants.listMine.queryKey() });
        setSaved(true);
        if (updated.slug !== initial.slug) router.replace(`/t/${updated.slug}/settings`);
        else router.refresh();
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    formError.clear();
    setSaved(false);
    update.mutate({ tenantSlug: initial.slug, name, slug, defaultLanguage, timezone });
  }

  return (
    <CardSection title={t("tenants.settingsTitle")} description={t("tenants.settingsIntro")} headingId="tenant-settings-heading">
      <form onSubmit={handleSubmit} noValidate aria-labelledby="tenant-settings-heading" className="space-y-5">
        {!canEdit && <Alert tone="info">{t("tenants.readOnly")}</Alert>}
        {formError.message && <Alert tone="error">{formError.message}</Alert>}
        {saved && !update.isPending && <Alert tone="success">{t("common.saved")}</Alert>}
        <fieldset disabled={!canEdit || update.isPending} className="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t("tenants.name")}
            name="name"
            autoComplete="organization"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
            errors={formError.fieldError("name")}
          />
          <TextField
            label={t("tenants.slug")}
            hint={t("tenants.slugHint", { slug: slug || "…" })}
            name="slug"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            errors={formError.fieldError("slug")}
          />
          <SelectField
            label={t("tenants.defaultLanguage")}
            name="defaultLanguage"
            value={defaultLanguage}
            onChange={(e) => isReplyLanguage(e.target.value) && setDefaultLanguage(e.target.value)}
            errors={formError.fieldError("defaultLanguage")}
          >
            {REPLY_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("tenants.timezone")}
            name="timezone"
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            errors={formError.fieldError("timezone")}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </fieldset>
        {canEdit && <SaveButtonRow saving={update.isPending} />}
      </form>
    </CardSection>
  );
}
