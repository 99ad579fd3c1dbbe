"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CANNED_VARIABLES } from "@/lib/canned";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { useFormError } from "@/components/forms/use-form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, TextField } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import type { CannedReply } from "../types";

function VariablesHelp() {
  const t = useT();
  const keys = Object.keys(CANNED_VARIABLES) as (keyof typeof CANNED_VARIABLES)[];
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200 ring-inset">
      <p className="text-sm font-medium text-slate-800">{t("inboxSettings.variablesTitle")}</p>
      <p className="mt-0.5 text-xs text-slate-600">{t("inboxSettings.variablesIntro")}</p>
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {keys.map((key) => (
          <div key={key} className="flex flex-wrap items-baseline gap-x-2">
            <dt className="flex gap-1">
              {CANNED_VARIABLES[key].map((name) => (
                <code key={name} className="rounded bg-white px-1 py-px font-mono text-xs text-slate-800 ring-1 ring-slate-200">
                  {`{${name}}`}
                </code>
              ))}
            </dt>
            <dd className="text-slate-600">{t(`inboxSettings.variables.${key}`)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Title and text of one canned reply; used for both adding and editing. */
function CannedReplyForm({
  initial,
  heading,
  submitLabel,
  pendingLabel,
  onSaved,
  onCancel,
}: {
  initial?: CannedReply;
  heading: string;
  submitLabel: string;
  pendingLabel: string;
  onSaved: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const formError = useFormError();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [body, setBody] = useState(initial?.body ?? "");
  const handlers = {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.inbox.cannedReplies.queryKey() });
      if (!initial) {
        setTitle("");
        setBody("");
      }
      onSaved(initial ? t("inboxSettings.updated") : t("inboxSettings.added"));
    },
    onError: (error: unknown) => formError.fromError(error),
  };
  const create = useMutation(trpc.inbox.createCannedReply.mutationOptions(handlers));
  const update = useMutation(trpc.inbox.updateCannedReply.mutationOptions(handlers));
  const pending = create.isPending || update.isPending;

  function submit(event: FormEvent) {
    event.preventDefault();
    formError.clear();
    if (initial) update.mutate({ tenantSlug: tenant.slug, id: initial.id, title, body });
    else create.mutate({ tenantSlug: tenant.slug, title, body });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={heading} className="space-y-4">
      {formError.message && <Alert tone="error">{formError.message}</Alert>}
      <TextField
        label={t("inboxSettings.titleLabel")}
        name="title"
        autoComplete="off"
        maxLength={80}
        required
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        errors={formError.fieldError("title")}
      />
      <Field label={t("inboxSettings.bodyLabel")} errors={formError.fieldError("body")}>
        {({ invalid, ...control }) => (
          <textarea
            {...control}
            name="body"
            rows={4}
            required
            maxLength={5000}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            className={`block w-full rounded-lg border px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-offset-0 ${invalid ? "border-red-500 focus:outline-red-500" : "border-slate-300 focus:outline-brand-500"}`}
          />
        )}
      </Field>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </Button>
        )}
        <Button type="submit" loading={pending} loadingText={pendingLabel}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function CannedRepliesManager({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const canned = useQuery(trpc.inbox.cannedReplies.queryOptions({ tenantSlug: tenant.slug }));
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation(
    trpc.inbox.deleteCannedReply.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        await queryClient.invalidateQueries({ queryKey: trpc.inbox.cannedReplies.queryKey() });
      },
    }),
  );

  return (
    <CardSection
      title={t("inboxSettings.cannedTitle")}
      description={t("inboxSettings.cannedIntro")}
      actions={
        canEdit &&
        !adding && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            <PlusIcon className="size-4" />
            {t("inboxSettings.add")}
          </Button>
        )
      }
    >
      <div className="space-y-5">
        {notice && <Alert tone="success">{notice}</Alert>}
        {adding && (
          <div className="rounded-lg border border-slate-200 p-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">{t("inboxSettings.newCanned")}</h3>
            <CannedReplyForm
              heading={t("inboxSettings.newCanned")}
              submitLabel={t("inboxSettings.add")}
              pendingLabel={t("inboxSettings.adding")}
              onSaved={(message) => {
                setAdding(false);
                setNotice(message);
              }}
              onCancel={() => setAdding(false)}
            />
          </div>
        )}
        {canEdit && <VariablesHelp />}
        {canned.isPending && <LoadingStatus />}
        {canned.isError && <QueryError error={canned.error} />}
        {canned.data?.length === 0 && <p className="text-sm text-slate-500">{t("inboxSettings.cannedEmpty")}</p>}
        {canned.data && canned.data.length > 0 && (
          <ul aria-label={t("inboxSettings.cannedTitle")} className="divide-y divide-slate-100">
            {canned.data.map((reply) =>
              editingId === reply.id ? (
                <li key={reply.id} className="py-4">
                  <CannedReplyForm
                    initial={reply}
                    heading={t("inboxSettings.editTitle", { title: reply.title })}
                    submitLabel={t("common.save")}
                    pendingLabel={t("common.saving")}
                    onSaved={(message) => {
                      setEditingId(null);
                      setNotice(message);
                    }}
                    onCancel={() => setEditingId(null)}
                  />
                </li>
              ) : (
                <li key={reply.id} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start">
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-slate-900">{reply.title}</p>
                    <p className="mt-1 line-clamp-3 text-sm break-words whitespace-pre-wrap text-slate-600">{reply.body}</p>
                  </div>
                  {canEdit && (
                    <div className="flex shrink-0 gap-2">
                      <Button
                        variant="secondary"
                        size="sm"
                        onClick={() => {
                          setNotice(null);
                          setEditingId(reply.id);
                        }}
                      >
                        {t("inboxSettings.edit")}
                        <span className="sr-only"> {reply.title}</span>
                      </Button>
                      <Button
                        variant="danger-ghost"
                        size="sm"
                        onClick={() => {
                          remove.reset();
                          setDeleting(reply);
                        }}
                      >
                        {t("common.remove")}
                        <span className="sr-only"> {reply.title}</span>
                      </Button>
                    </div>
                  )}
                </li>
              ),
            )}
          </ul>
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={t("inboxSettings.confirmDelete", { title: deleting?.title ?? "" })}
        body={t("inboxSettings.deleteBody")}
        confirmLabel={t("common.remove")}
        pendingLabel={t("inboxSettings.deleting")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate({ tenantSlug: tenant.slug, id: deleting.id })}
        onClose={() => setDeleting(null)}
      />
    </CardSection>
  );
}
