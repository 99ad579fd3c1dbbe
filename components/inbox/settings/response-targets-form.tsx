"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { SaveButtonRow } from "@/components/ui/save-button";
import { CHANNEL_KINDS, type ChannelKind } from "../types";

/** The server stores minutes (5 min … 14 days); sellers think in hours. */
const MIN_MINUTES = 5;
const MAX_MINUTES = 14 * 24 * 60;

type Targets = Record<ChannelKind, number>;

function toHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** "1,5" and "1.5" both mean an hour and a half. */
function toMinutes(hours: string): number | null {
  const value = Number(hours.trim().replace(",", "."));
  if (!hours.trim() || !Number.isFinite(value)) return null;
  const minutes = Math.round(value * 60);
  return minutes >= MIN_MINUTES && minutes <= MAX_MINUTES ? minutes : null;
}

export function ResponseTargetsForm({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const settings = useQuery(trpc.inbox.settings.queryOptions({ tenantSlug: tenant.slug }));
  return (
    <CardSection title={t("inboxSettings.targetsTitle")} description={t("inboxSettings.targetsIntro")} headingId="response-targets-heading">
      {settings.isPending ? (
        <LoadingStatus />
      ) : settings.isError ? (
        <QueryError error={settings.error} title={t("inboxSettings.loadFailed")} onRetry={() => void settings.refetch()} />
      ) : (
        <TargetsFields initial={settings.data.responseTargets} defaults={settings.data.defaults} canEdit={canEdit} />
      )}
    </CardSection>
  );
}

function TargetsFields({ initial, defaults, canEdit }: { initial: Targets; defaults: Targets; canEdit: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [hours, setHours] = useState<Record<ChannelKind, string>>(
    () => Object.fromEntries(CHANNEL_KINDS.map((kind) => [kind, toHours(initial[kind])])) as Record<ChannelKind, string>,
  );
  const [saved, setSaved] = useState(false);

  const update = useMutation(
    trpc.inbox.updateResponseTargets.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.inbox.settings.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() }),
        ]);
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    setSaved(false);
    const targets: Partial<Targets> = {};
    let valid = true;
    for (const kind of CHANNEL_KINDS) {
      const minutes = toMinutes(hours[kind]);
      if (minutes === null) {
        formError.setField(kind, t("inboxSettings.invalidTarget"));
        valid = false;
      } else targets[kind] = minutes;
    }
    if (!valid) return formError.setMessage(t("errors.validation"));
    update.mutate({ tenantSlug: tenant.slug, targets });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="response-targets-heading" className="space-y-5">
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      {saved && !update.isPending && <Alert tone="success">{t("inboxSettings.targetsSaved")}</Alert>}
      <fieldset disabled={!canEdit || update.isPending} className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {CHANNEL_KINDS.map((kind) => (
          <TextField
            key={kind}
            label={t("inboxSettings.targetLabel", { channel: t(`inbox.channelKind.${kind}`) })}
            hint={t("inboxSettings.defaultHint", { hours: toHours(defaults[kind]) })}
            name={kind}
            inputMode="decimal"
            autoComplete="off"
            value={hours[kind]}
            onChange={(event) => {
              const value = event.target.value;
              setHours((current) => ({ ...current, [kind]: value }));
            }}
            errors={formError.fieldError(kind) ?? formError.fieldError(`targets.${kind}`)}
          />
        ))}
      </fieldset>
      {canEdit && <SaveButtonRow saving={update.isPending} />}
    </form>
  );
}
