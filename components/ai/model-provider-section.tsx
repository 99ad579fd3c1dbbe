"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { isTenantAdmin } from "@/components/tenants/types";
import { formatDateTime } from "@/components/inbox/time-format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { SaveButton } from "@/components/ui/save-button";
import { CHAT_DEFAULTS } from "@/lib/ai-models";
import { formatDuration } from "./format";
import { providerName } from "./provider-label";
import { MODEL_PROVIDERS, type ModelProvider, type ModelSettings } from "./types";

type OwnProvider = Exclude<ModelProvider, "platform">;

/** What the server uses when a model name is left empty. */
const DEFAULT_MODELS: Record<OwnProvider, { fast: string; smart: string }> = CHAT_DEFAULTS;

const KEY_PLACEHOLDERS: Record<OwnProvider, string> = { openai: "sk-…", anthropic: "sk-ant-…" };

const isModelProvider = (value: string): value is ModelProvider => (MODEL_PROVIDERS as readonly string[]).includes(value);

/** Whose model writes the replies: the platform's (in the plan), or the tenant's own OpenAI or Anthropic account. */
export function ModelProviderSection() {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const settings = useQuery(trpc.ai.settings.queryOptions({ tenantSlug: tenant.slug }));
  return (
    <div role="region" aria-labelledby="ai-model-heading">
      <CardSection title={t("ai.ui.model.title")} description={t("ai.ui.model.intro")} headingId="ai-model-heading">
        {settings.data ? (
          <ModelForm model={settings.data.model} />
        ) : settings.isError ? (
          <QueryError error={settings.error} title={t("ai.ui.loadFailed")} onRetry={() => void settings.refetch()} />
        ) : (
          <LoadingStatus />
        )}
      </CardSection>
    </div>
  );
}

function useCheckModel() {
  const trpc = useTRPC();
  return useMutation(trpc.ai.checkModel.mutationOptions());
}

function ModelForm({ model }: { model: ModelSettings }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const canEdit = isTenantAdmin(tenant.role);
  const formError = useFormError();
  const [provider, setProvider] = useState<ModelProvider>(model.provider);
  // Never prefilled: the server keeps the key to itself.
  const [apiKey, setApiKey] = useState("");
  const [modelFast, setModelFast] = useState(model.modelFast ?? "");
  const [modelSmart, setModelSmart] = useState(model.modelSmart ?? "");
  const tierFields = [
    { tier: "fast", field: "modelFast", label: "ai.ui.model.modelFast", hint: "ai.ui.model.modelFastHint", value: modelFast, set: setModelFast },
    { tier: "smart", field: "modelSmart", label: "ai.ui.model.modelSmart", hint: "ai.ui.model.modelSmartHint", value: modelSmart, set: setModelSmart },
  ] as const;
  const [saved, setSaved] = useState(false);

  const own = provider !== "platform";
  const keyStored = model.hasOwnKey && model.provider === provider;
  const dirty =
    provider !== model.provider ||
    apiKey.trim() !== "" ||
    (own && (modelFast.trim() !== (model.modelFast ?? "") || modelSmart.trim() !== (model.modelSmart ?? "")));

  const check = useCheckModel();

  const save = useMutation(
    trpc.ai.setModelProvider.mutationOptions({
      onSuccess: async (next) => {
        queryClient.setQueryData(trpc.ai.settings.queryKey({ tenantSlug: tenant.slug }), next);
        setApiKey("");
        setProvider(next.model.provider);
        setModelFast(next.model.modelFast ?? "");
        setModelSmart(next.model.modelSmart ?? "");
        setSaved(true);
        check.reset();
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.ai.settings.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.ai.status.queryKey() }),
        ]);
      },
      onError: (error) => formError.fromError(error),
    }),
  );

  const changed = () => {
    setSaved(false);
    check.reset();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    setSaved(false);
    const key = apiKey.trim();
    if (own && !key && !keyStored) {
      formError.setField("apiKey", t("ai.errors.apiKeyRequired"));
      return;
    }
    save.mutate(
      own
        ? { tenantSlug: tenant.slug, provider, apiKey: key || undefined, modelFast: modelFast.trim() || null, modelSmart: modelSmart.trim() || null }
        : { tenantSlug: tenant.slug, provider },
    );
  }

  const savedOn = model.keyUpdatedAt ? formatDateTime(model.keyUpdatedAt, locale) : null;
  const keyHint = keyStored
    ? savedOn
      ? t("ai.ui.model.keySaved", { date: savedOn })
      : t("ai.ui.model.keySavedNoDate")
    : model.hasOwnKey
      ? t("ai.ui.model.keyReplacesOther")
      : t("ai.ui.model.apiKeyHint");
  const busy = save.isPending;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="ai-model-heading" className="space-y-5">
      {!canEdit && <Alert tone="info">{t("ai.ui.model.readOnly")}</Alert>}
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      {saved && !busy && <Alert tone="success">{t("ai.ui.model.saved")}</Alert>}
      <fieldset disabled={!canEdit || busy} className="space-y-5">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("ai.ui.model.provider")}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {MODEL_PROVIDERS.map((value) => (
              <label
                key={value}
                className={clsx(
                  "flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-sm transition-colors",
                  provider === value ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500" : "border-slate-200",
                  canEdit && !busy ? "cursor-pointer hover:border-slate-300" : "cursor-not-allowed",
                )}
              >
                <input
                  type="radio"
                  name="provider"
                  value={value}
                  checked={provider === value}
                  onChange={(event) => {
                    const next = event.target.value;
                    if (!isModelProvider(next)) return;
                    setProvider(next);
                    // Model names belong to one provider: another provider starts from its defaults.
                    setModelFast(next === model.provider ? (model.modelFast ?? "") : "");
                    setModelSmart(next === model.provider ? (model.modelSmart ?? "") : "");
                    formError.clear();
                    changed();
                  }}
                  className="mt-0.5 size-4 shrink-0 accent-brand-600"
                />
                <span className="font-medium text-slate-900">{t(`ai.ui.model.providers.${value}`)}</span>
              </label>
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-500">{own ? t("ai.ui.model.ownKeyHint") : t("ai.ui.model.platformHint")}</p>
        </fieldset>

        {!own && model.hasOwnKey && canEdit && <Alert tone="warning">{t("ai.ui.model.removesKey")}</Alert>}

        {own && (
          <>
            {canEdit ? (
              <TextField
                label={t("ai.ui.model.apiKey")}
                hint={keyHint}
                optional={keyStored}
                type="password"
                name="apiKey"
                autoComplete="off"
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                placeholder={KEY_PLACEHOLDERS[provider]}
                value={apiKey}
                onChange={(event) => {
                  setApiKey(event.target.value);
                  changed();
                }}
                errors={formError.fieldError("apiKey")}
              />
            ) : (
              keyStored && <p className="text-sm text-slate-700">{savedOn ? t("ai.ui.model.keySavedReadOnly", { date: savedOn }) : t("ai.ui.model.keySavedNoDate")}</p>
            )}
            <div className="grid gap-5 sm:grid-cols-2">
              {tierFields.map(({ tier, field, label, hint, value, set }) => (
                <TextField
                  key={tier}
                  label={t(label)}
                  hint={t(hint, { model: DEFAULT_MODELS[provider][tier] })}
                  optional
                  name={field}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={100}
                  placeholder={DEFAULT_MODELS[provider][tier]}
                  value={value}
                  onChange={(event) => {
                    set(event.target.value);
                    changed();
                  }}
                  errors={formError.fieldError(field)}
                />
              ))}
            </div>
          </>
        )}
      </fieldset>

      {canEdit && (
        <>
          <CheckResult check={check} />
          <div className="flex flex-col-reverse gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Button
                variant="secondary"
                disabled={dirty || busy}
                loading={check.isPending}
                loadingText={t("ai.ui.model.checking")}
                aria-describedby="ai-model-check-hint"
                onClick={() => check.mutate({ tenantSlug: tenant.slug })}
              >
                {t("ai.ui.model.check")}
              </Button>
              <p id="ai-model-check-hint" className="text-xs text-slate-500">
                {dirty ? t("ai.ui.model.checkUnsaved") : t("ai.ui.model.checkHint")}
              </p>
            </div>
            <SaveButton saving={busy} />
          </div>
        </>
      )}
    </form>
  );
}

/** The answer of "Sprawdź połączenie": the model that answered and how fast, or the provider's refusal. */
function CheckResult({ check }: { check: ReturnType<typeof useCheckModel> }) {
  const t = useT();
  const locale = useLocale();
  if (check.isError) {
    return <QueryError error={check.error} title={t("ai.ui.model.checkFailed")} />;
  }
  if (!check.data) return null;
  if (check.data.provider === "offline") return <Alert tone="info">{t("ai.ui.model.checkOffline")}</Alert>;
  return (
    <Alert tone="success" title={t("ai.ui.model.checkOk")}>
      {t("ai.ui.model.checkOkBody", {
        provider: providerName(check.data.provider),
        model: check.data.model,
        latency: formatDuration(check.data.latencyMs, locale),
      })}
    </Alert>
  );
}
