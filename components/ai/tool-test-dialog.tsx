"use client";

import { useState, type FormEvent } from "react";
import { Description, Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Textarea } from "@/components/knowledge/textarea";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseJsonObject, prettyJson, type AiTool } from "./tool-types";

/** The "Testuj" dialog: one real, logged call with arguments typed as JSON. */
export function ToolTestDialog({ tool, onClose }: { tool: AiTool | null; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open={tool !== null} onClose={onClose} className="relative z-50">
      <DialogBackdrop transition className="fixed inset-0 bg-slate-900/40 transition-opacity duration-150 data-closed:opacity-0" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel
          transition
          className="max-h-full w-full max-w-lg space-y-4 overflow-y-auto rounded-xl bg-white p-6 shadow-xl transition duration-150 data-closed:scale-95 data-closed:opacity-0"
        >
          <DialogTitle className="text-lg font-semibold text-slate-900">{tool ? t("ai.ui.tools.testTitle", { name: tool.name }) : ""}</DialogTitle>
          <Description className="text-sm text-slate-600">{t("ai.ui.tools.testIntro")}</Description>
          {tool && <TestForm key={tool.id} tool={tool} onClose={onClose} />}
        </DialogPanel>
      </div>
    </Dialog>
  );
}

function TestForm({ tool, onClose }: { tool: AiTool; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [args, setArgs] = useState("{}");
  const run = useMutation(
    trpc.ai.testTool.mutationOptions({
      onError: (error) => formError.fromError(error),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.ai.toolCalls.queryKey({ tenantSlug: tenant.slug, toolId: tool.id }) }),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    const parsed = parseJsonObject(args);
    if (!parsed) {
      formError.setField("arguments", t("ai.ui.tools.argumentsInvalid"));
      return;
    }
    run.mutate({ tenantSlug: tenant.slug, toolId: tool.id, arguments: parsed });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field label={t("ai.ui.tools.arguments")} errors={formError.fieldError("arguments")}>
        {(control) => (
          <Textarea
            {...control}
            name="arguments"
            rows={4}
            spellCheck={false}
            className="font-mono text-xs"
            value={args}
            onChange={(event) => setArgs(event.target.value)}
          />
        )}
      </Field>
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      <div aria-live="polite">
        {run.data && !run.isPending && (
          <section aria-label={t("ai.ui.tools.output")} className="space-y-2">
            <Alert tone={run.data.ok ? "success" : "warning"}>{run.data.ok ? t("ai.ui.tools.resultOk") : t("ai.ui.tools.resultFailed")}</Alert>
            <h3 className="text-sm font-medium text-slate-800">{t("ai.ui.tools.output")}</h3>
            <pre className="max-h-64 overflow-auto rounded-lg bg-slate-900 p-3 text-xs break-words whitespace-pre-wrap text-slate-100">{prettyJson(run.data.output)}</pre>
          </section>
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={run.isPending}>
          {t("common.close")}
        </Button>
        <Button type="submit" loading={run.isPending} loadingText={t("ai.ui.tools.running")}>
          {t("ai.ui.tools.run")}
        </Button>
      </div>
    </form>
  );
}
