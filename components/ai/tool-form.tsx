"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Textarea } from "@/components/knowledge/textarea";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { SaveButton } from "@/components/ui/save-button";
import { EnabledSwitch } from "./enabled-switch";
import {
  asJsonObject,
  DEFAULT_PARAMETERS,
  MAX_TOOL_DESCRIPTION,
  MAX_TOOL_URL,
  parseJsonObject,
  TOOL_NAME_PATTERN,
  type AiTool,
  type CreatedTool,
} from "./tool-types";

/** Creates a tool (no `tool`) or edits one; the server checks everything again. */
export function ToolForm({
  tool,
  onCreated,
  onUpdated,
  onCancel,
}: {
  tool?: AiTool;
  onCreated?: (created: CreatedTool) => void;
  onUpdated?: (updated: AiTool) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [name, setName] = useState(tool?.name ?? "");
  const [description, setDescription] = useState(tool?.description ?? "");
  const [url, setUrl] = useState(tool?.url ?? "");
  const [parameters, setParameters] = useState(() => (tool ? JSON.stringify(tool.parameters, null, 2) : DEFAULT_PARAMETERS));
  const [enabled, setEnabled] = useState(tool?.enabled ?? true);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ai.tools.queryKey() });

  const create = useMutation(
    trpc.ai.createTool.mutationOptions({
      onSuccess: async (created) => {
        await refresh();
        onCreated?.(created);
      },
      onError: (error) => formError.fromError(error),
    }),
  );
  const update = useMutation(
    trpc.ai.updateTool.mutationOptions({
      onSuccess: async (updated) => {
        await refresh();
        onUpdated?.(updated);
      },
      onError: (error) => formError.fromError(error),
    }),
  );
  const pending = create.isPending || update.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    let valid = true;
    if (!TOOL_NAME_PATTERN.test(name.trim())) {
      formError.setField("name", t("ai.errors.toolNameInvalid"));
      valid = false;
    }
    const schema = parseJsonObject(parameters);
    if (!schema) {
      formError.setField("parameters", t("ai.ui.tools.parametersInvalidJson"));
      valid = false;
    } else if (schema.type !== "object") {
      formError.setField("parameters", t("ai.ui.tools.parametersNotObject"));
      valid = false;
    }
    if (!valid || !schema || schema.type !== "object") return;
    const fields = { name: name.trim(), description, url: url.trim(), parameters: { ...schema, type: "object" as const, properties: asJsonObject(schema.properties) ?? {} }, enabled };
    if (tool) update.mutate({ tenantSlug: tenant.slug, toolId: tool.id, ...fields });
    else create.mutate({ tenantSlug: tenant.slug, ...fields });
  }

  const headingId = tool ? `tool-form-${tool.id}` : "tool-form-new";
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        {tool ? t("ai.ui.tools.editTitle", { name: tool.name }) : t("ai.ui.tools.newTitle")}
      </h3>
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      <fieldset disabled={pending} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("ai.ui.tools.name")}
            hint={t("ai.ui.tools.nameHint")}
            name="name"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errors={formError.fieldError("name")}
          />
          <TextField
            label={t("ai.ui.tools.url")}
            hint={t("ai.ui.tools.urlHint")}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_TOOL_URL}
            placeholder="https://"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            errors={formError.fieldError("url")}
          />
        </div>
        <Field label={t("ai.ui.tools.description")} hint={t("ai.ui.tools.descriptionHint")} errors={formError.fieldError("description")}>
          {(control) => (
            <Textarea
              {...control}
              name="description"
              rows={2}
              maxLength={MAX_TOOL_DESCRIPTION}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <Field label={t("ai.ui.tools.parameters")} hint={t("ai.ui.tools.parametersHint")} errors={formError.fieldError("parameters")}>
          {(control) => (
            <Textarea
              {...control}
              name="parameters"
              rows={5}
              spellCheck={false}
              className="font-mono text-xs"
              value={parameters}
              onChange={(event) => setParameters(event.target.value)}
            />
          )}
        </Field>
        <EnabledSwitch label={t("ai.ui.tools.enabled")} hint={t("ai.ui.tools.enabledHint")} checked={enabled} disabled={pending} onChange={setEnabled} />
      </fieldset>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          {t("common.cancel")}
        </Button>
        {tool ? (
          <SaveButton saving={update.isPending} />
        ) : (
          <Button type="submit" loading={create.isPending} loadingText={t("ai.ui.tools.creating")}>
            {t("ai.ui.tools.create")}
          </Button>
        )}
      </div>
    </form>
  );
}
