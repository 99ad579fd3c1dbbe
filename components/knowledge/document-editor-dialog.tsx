"use client";

import { useState, type FormEvent } from "react";
import { Description, Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { Textarea } from "./textarea";
import type { DocumentDetail, KnowledgeDocument } from "./types";

/** The form, mounted once the document's text has loaded so its fields start from it. */
function EditorForm({
  detail,
  onCancel,
  onSaved,
}: {
  detail: DocumentDetail;
  onCancel: () => void;
  onSaved: (message: string) => unknown;
}) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const original = detail.text ?? "";
  const [title, setTitle] = useState(detail.title);
  const [text, setText] = useState(original);
  const update = useMutation(
    trpc.knowledgeBase.update.mutationOptions({
      onSuccess: async (doc) => onSaved(t("knowledge.editor.saved", { title: doc.title })),
      onError: (error) => formError.fromError(error),
    }),
  );
  const titleChanged = title.trim() !== detail.title;
  // Unchanged text is not sent: saving it would turn an uploaded file into a text copy of itself.
  const textChanged = text.trim() !== original.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    if (!titleChanged && !textChanged) return onCancel();
    update.mutate({
      tenantSlug: tenant.slug,
      documentId: detail.id,
      title: titleChanged ? title : undefined,
      text: textChanged ? text : undefined,
    });
  }

  return (
    <form onSubmit={submit} noValidate className="mt-5 space-y-4">
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      <TextField
        label={t("knowledge.form.title")}
        name="title"
        autoComplete="off"
        maxLength={200}
        required
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        errors={formError.fieldError("title")}
      />
      {detail.text === null && <Alert tone="warning">{t("knowledge.editor.noText")}</Alert>}
      <Field label={t("knowledge.form.text")} hint={t("knowledge.editor.textHint")} errors={formError.fieldError("text")}>
        {(control) => <Textarea {...control} name="text" rows={14} value={text} onChange={(event) => setText(event.target.value)} className="font-mono text-[13px] leading-relaxed" />}
      </Field>
      {detail.source === "upload" && textChanged && detail.fileName && (
        <Alert tone="info">{t("knowledge.editor.uploadNote", { fileName: detail.fileName })}</Alert>
      )}
      <div className="flex flex-col-reverse gap-2 pt-1 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={update.isPending}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={update.isPending} loadingText={t("knowledge.editor.saving")}>
          {t("knowledge.editor.save")}
        </Button>
      </div>
    </form>
  );
}

/** Title and text of one document; the text is what extraction read, and editing it re-processes the document. */
export function DocumentEditorDialog({
  document,
  onClose,
  onSaved,
}: {
  document: KnowledgeDocument | null;
  onClose: () => void;
  onSaved: (message: string) => unknown;
}) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  // The last document shown stays while the dialog fades out, so its content does not vanish first.
  const [shown, setShown] = useState(document);
  if (document && document !== shown) setShown(document);
  const detail = useQuery(
    trpc.knowledgeBase.get.queryOptions(
      { tenantSlug: tenant.slug, documentId: shown?.id ?? "" },
      // Fetched on opening only: a refetch while the seller types would reset the form.
      { enabled: document !== null, staleTime: 0, gcTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false },
    ),
  );

  return (
    <Dialog open={document !== null} onClose={onClose} className="relative z-50">
      <DialogBackdrop transition className="fixed inset-0 bg-slate-900/40 transition-opacity duration-150 data-closed:opacity-0" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel
          transition
          className="max-h-full w-full max-w-2xl overflow-y-auto rounded-xl bg-white p-6 shadow-xl transition duration-150 data-closed:scale-95 data-closed:opacity-0"
        >
          <DialogTitle className="text-lg font-semibold text-slate-900">{t("knowledge.editor.title")}</DialogTitle>
          <Description className="mt-1 text-sm text-slate-600">{t("knowledge.editor.intro")}</Description>
          {/* Fetched afresh on every opening: the text changes whenever the document is processed again. */}
          {(detail.isPending || detail.isFetching) && !detail.isError && <LoadingStatus className="mt-6" />}
          {detail.isError && (
            <div className="mt-5 space-y-4">
              <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
              <div className="flex justify-end">
                <Button variant="secondary" onClick={onClose}>
                  {t("common.close")}
                </Button>
              </div>
            </div>
          )}
          {detail.data && !detail.isFetching && (
            <EditorForm key={`${detail.data.id}:${detail.dataUpdatedAt}`} detail={detail.data} onCancel={onClose} onSaved={onSaved} />
          )}
        </DialogPanel>
      </div>
    </Dialog>
  );
}
