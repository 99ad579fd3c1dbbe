"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { isTenantAdmin } from "@/components/tenants/types";
import { CHANNEL_KINDS, type ChannelKind } from "@/components/inbox/types";
import { Textarea } from "@/components/knowledge/textarea";
import { Alert } from "@/components/ui/alert";
import { CardSection } from "@/components/ui/card";
import { Field, SelectField, TextField } from "@/components/ui/field";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { SaveButtonRow } from "@/components/ui/save-button";
import { AutoSendMatrix } from "./auto-send-matrix";
import { EnabledSwitch } from "./enabled-switch";
import { EscalationRules } from "./escalation-rules";
import { KeywordInput } from "./keyword-input";
import { FORMS_OF_ADDRESS, HUMAN_ONLY_INTENTS, isFormOfAddress, isTone, MAX_PERSONA_LENGTH, MAX_SIGNATURE_LENGTH, TONES, type AiSettings, type AutoSend } from "./types";

/** The assistant's settings: everyone reads them, admins and owners change them. */
export function AiSettingsSection() {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const settings = useQuery(trpc.ai.settings.queryOptions({ tenantSlug: tenant.slug }));
  const channels = useQuery(trpc.inbox.channels.queryOptions({ tenantSlug: tenant.slug }));
  const failed = settings.error ?? channels.error;
  return (
    <CardSection title={t("ai.ui.settings.title")} description={t("ai.ui.settings.intro")} headingId="ai-settings-heading">
      {settings.data && channels.data ? (
        <SettingsForm initial={settings.data} kinds={CHANNEL_KINDS.filter((kind) => channels.data.some((channel) => channel.kind === kind))} />
      ) : failed ? (
        <QueryError
          error={failed}
          title={t("ai.ui.loadFailed")}
          onRetry={() => {
            if (settings.isError) void settings.refetch();
            if (channels.isError) void channels.refetch();
          }}
        />
      ) : (
        <LoadingStatus />
      )}
    </CardSection>
  );
}

/** Complaints never go out on their own, whatever an older save may hold. */
function withoutHumanOnly(autoSend: AutoSend): AutoSend {
  return Object.fromEntries(
    Object.entries(autoSend).map(([kind, intents]) => [kind, (intents ?? []).filter((intent) => !HUMAN_ONLY_INTENTS.includes(intent))]),
  ) as AutoSend;
}

function SettingsForm({ initial, kinds }: { initial: AiSettings; kinds: ChannelKind[] }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const canEdit = isTenantAdmin(tenant.role);
  const formError = useFormError();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [persona, setPersona] = useState(initial.persona);
  const [tone, setTone] = useState(initial.tone);
  const [address, setAddress] = useState(initial.address);
  const [signature, setSignature] = useState(initial.signature);
  const [keywords, setKeywords] = useState(initial.escalationKeywords);
  const [rules, setRules] = useState(initial.escalationRules);
  const [autoSend, setAutoSend] = useState(() => withoutHumanOnly(initial.autoSend));
  const [saved, setSaved] = useState(false);
  const changed = () => setSaved(false);

  const update = useMutation(
    trpc.ai.updateSettings.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.ai.settings.queryKey({ tenantSlug: tenant.slug }), next);
        setSaved(true);
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    setSaved(false);
    update.mutate({ tenantSlug: tenant.slug, enabled, persona, tone, address, signature, escalationKeywords: keywords, escalationRules: rules, autoSend: withoutHumanOnly(autoSend) });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="ai-settings-heading" className="space-y-6">
      {!canEdit && <Alert tone="info">{t("ai.ui.settings.readOnly")}</Alert>}
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      {saved && !update.isPending && <Alert tone="success">{t("ai.ui.settings.saved")}</Alert>}
      <fieldset disabled={!canEdit || update.isPending} className="space-y-5">
        <EnabledSwitch
          label={t("ai.ui.settings.enabled")}
          hint={t("ai.ui.settings.enabledHint")}
          checked={enabled}
          disabled={!canEdit || update.isPending}
          onChange={(value) => {
            setEnabled(value);
            changed();
          }}
        />
        <Field label={t("ai.ui.settings.persona")} hint={t("ai.ui.settings.personaHint")} optional errors={formError.fieldError("persona")}>
          {(control) => (
            <Textarea
              {...control}
              name="persona"
              rows={3}
              maxLength={MAX_PERSONA_LENGTH}
              placeholder={t("ai.ui.settings.personaPlaceholder")}
              value={persona}
              onChange={(event) => {
                setPersona(event.target.value);
                changed();
              }}
            />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            label={t("ai.ui.settings.tone")}
            name="tone"
            value={tone}
            onChange={(event) => {
              if (isTone(event.target.value)) setTone(event.target.value);
              changed();
            }}
            errors={formError.fieldError("tone")}
          >
            {TONES.map((value) => (
              <option key={value} value={value}>
                {t(`ai.ui.settings.tones.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("ai.ui.settings.address")}
            hint={t("ai.ui.settings.addressHint")}
            name="address"
            value={address}
            onChange={(event) => {
              if (isFormOfAddress(event.target.value)) setAddress(event.target.value);
              changed();
            }}
            errors={formError.fieldError("address")}
          >
            {FORMS_OF_ADDRESS.map((value) => (
              <option key={value} value={value}>
                {t(`ai.ui.settings.addresses.${value}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("ai.ui.settings.signature")}
            hint={t("ai.ui.settings.signatureHint")}
            optional
            name="signature"
            autoComplete="off"
            maxLength={MAX_SIGNATURE_LENGTH}
            placeholder={t("ai.ui.settings.signaturePlaceholder")}
            value={signature}
            onChange={(event) => {
              setSignature(event.target.value);
              changed();
            }}
            errors={formError.fieldError("signature")}
          />
        </div>
        <KeywordInput
          label={t("ai.ui.settings.keywords")}
          hint={t("ai.ui.settings.keywordsHint")}
          keywords={keywords}
          disabled={!canEdit || update.isPending}
          errors={formError.fieldError("escalationKeywords")}
          onChange={(next) => {
            setKeywords(next);
            changed();
          }}
        />
        <EscalationRules
          rules={rules}
          disabled={!canEdit || update.isPending}
          errors={Object.entries(formError.fieldErrors)
            .filter(([field]) => field === "escalationRules" || field.startsWith("escalationRules."))
            .flatMap(([, messages]) => messages)}
          onChange={(next) => {
            setRules(next);
            changed();
          }}
        />
        <AutoSendMatrix
          kinds={kinds}
          autoSend={autoSend}
          disabled={!canEdit || update.isPending}
          onChange={(next) => {
            setAutoSend(next);
            changed();
          }}
        />
      </fieldset>
      {canEdit && <SaveButtonRow saving={update.isPending} />}
    </form>
  );
}
