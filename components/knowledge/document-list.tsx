"use client";

import { useRef, useState, type ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { useNow } from "@/components/inbox/use-now";
import { formatDateTime, formatRelative } from "@/components/inbox/time-format";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { isMessageKey } from "@/lib/i18n/messages";
import { DocumentActions } from "./document-actions";
import { DocumentEditorDialog } from "./document-editor-dialog";
import { DocumentStatusBadge } from "./document-status-badge";
import { LinkIcon, RefreshIcon, TextIcon, DocumentIcon } from "./knowledge-icons";
import { ACCEPTED_FILES, documentKind, formatBytes, type DocumentKind, type KnowledgeDocument } from "./types";

const KIND_CLASSES: Partial<Record<DocumentKind, string>> = {
  pdf: "bg-red-50 text-red-700",
  docx: "bg-blue-50 text-blue-700",
  csv: "bg-emerald-50 text-emerald-700",
  html: "bg-orange-50 text-orange-700",
  url: "bg-violet-50 text-violet-700",
  text: "bg-amber-50 text-amber-800",
};

function KindIcon({ kind }: { kind: DocumentKind }) {
  const Icon = kind === "url" ? LinkIcon : kind === "text" ? TextIcon : DocumentIcon;
  return (
    <span className={clsx("flex size-9 shrink-0 items-center justify-center rounded-lg", KIND_CLASSES[kind] ?? "bg-slate-100 text-slate-600")}>
      <Icon className="size-[18px]" />
    </span>
  );
}

function UpdatedAt({ date, now }: { date: Date; now: number }) {
  const locale = useLocale();
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date, locale)}>
      {formatRelative(date, now, locale)}
    </time>
  );
}

/** Where the text came from, under the title: the file name or the page's address (and, on narrow screens, when it changed). */
function SourceLine({ doc, kind, now }: { doc: KnowledgeDocument; kind: DocumentKind; now: number }) {
  const t = useT();
  return (
    <p className="flex min-w-0 items-center gap-1.5 text-xs text-slate-500">
      <span className="shrink-0 font-medium text-slate-600">{t(`knowledge.kind.${kind}`)}</span>
      {/* On phones the row has room for the format and the time only. */}
      {doc.sourceUrl ? (
        <span className="hidden min-w-0 items-center gap-1.5 sm:flex">
          <span aria-hidden="true">·</span>
          <a href={doc.sourceUrl} target="_blank" rel="noopener noreferrer" className="truncate hover:text-brand-700 hover:underline">
            {doc.sourceUrl}
          </a>
        </span>
      ) : (
        doc.fileName &&
        doc.source === "upload" && (
          <span className="hidden min-w-0 items-center gap-1.5 sm:flex">
            <span aria-hidden="true">·</span>
            <span className="truncate">{doc.fileName}</span>
          </span>
        )
      )}
      <span aria-hidden="true" className="xl:hidden">
        ·
      </span>
      <span className="shrink-0 xl:hidden">
        <UpdatedAt date={doc.updatedAt} now={now} />
      </span>
    </p>
  );
}

function DocumentRow({
  doc,
  admin,
  now,
  retrying,
  onRetry,
  actions,
}: {
  doc: KnowledgeDocument;
  admin: boolean;
  now: number;
  retrying: boolean;
  onRetry: () => void;
  actions: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const kind = documentKind(doc);
  const reason = doc.errorKey && isMessageKey(doc.errorKey) ? t(doc.errorKey) : t("knowledge.errors.processingFailed");
  return (
    <tr className="align-top" data-document-id={doc.id}>
      <td className="py-3.5 pr-3 pl-5 sm:pl-6">
        <div className="flex min-w-0 gap-3">
          <KindIcon kind={kind} />
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium text-slate-900" title={doc.title}>
              {doc.title}
            </p>
            <SourceLine doc={doc} kind={kind} now={now} />
            {doc.status === "failed" && (
              <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1.5 rounded-md bg-red-50 px-2.5 py-1.5 text-xs text-red-800">
                <span className="min-w-0 flex-1">{reason}</span>
                {admin && (
                  <Button variant="secondary" size="sm" loading={retrying} onClick={onRetry} className="h-7">
                    <RefreshIcon className="size-3.5" />
                    {t("knowledge.list.retry")}
                    <span className="sr-only"> {doc.title}</span>
                  </Button>
                )}
              </div>
            )}
          </div>
        </div>
      </td>
      <td className="px-3 py-3.5">
        <DocumentStatusBadge status={doc.status} />
      </td>
      <td className="hidden px-3 py-3.5 text-right text-slate-700 tabular-nums sm:table-cell">{doc.status === "ready" ? doc.chunkCount : "–"}</td>
      <td className="hidden px-3 py-3.5 text-right whitespace-nowrap text-slate-600 tabular-nums md:table-cell">{formatBytes(doc.sizeBytes, locale)}</td>
      <td className="hidden px-3 py-3.5 whitespace-nowrap text-slate-600 xl:table-cell">
        <UpdatedAt date={doc.updatedAt} now={now} />
      </td>
      <td className="py-2.5 pr-4 pl-1 text-right sm:pr-5">{actions}</td>
    </tr>
  );
}

/**
 * The documents with their processing status; admins edit, replace, retry and delete
 * them; everyone else sees the same list without the actions.
 */
export function DocumentList({
  documents,
  admin,
  onReplace,
  onChanged,
}: {
  documents: KnowledgeDocument[];
  admin: boolean;
  onReplace: (doc: KnowledgeDocument, file: File) => void;
  onChanged: (message: string) => unknown;
}) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const now = useNow();
  const [editing, setEditing] = useState<KnowledgeDocument | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeDocument | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const replaceInput = useRef<HTMLInputElement>(null);
  const replaceTarget = useRef<KnowledgeDocument | null>(null);

  const retry = useMutation(
    trpc.knowledgeBase.retry.mutationOptions({
      onMutate: () => setActionError(null),
      onSuccess: async (doc) => onChanged(t("knowledge.list.retried", { title: doc.title })),
      onError: (error) => setActionError(readFormError(error, t("errors.internal")).message),
    }),
  );
  const remove = useMutation(
    trpc.knowledgeBase.delete.mutationOptions({
      onSuccess: async () => {
        const title = deleting?.title ?? "";
        setDeleting(null);
        await onChanged(t("knowledge.list.deleted", { title }));
      },
    }),
  );

  function startRetry(doc: KnowledgeDocument) {
    retry.mutate({ tenantSlug: tenant.slug, documentId: doc.id });
  }

  return (
    <>
      {actionError && <Alert tone="error">{actionError}</Alert>}
      <div className="-mx-5 -mb-2 overflow-x-auto sm:-mx-6">
        {/* Fixed layout: the widths below hold, and a long title is cut short instead of widening the table. */}
        <table className="w-full table-fixed divide-y divide-slate-200 text-sm">
          <thead>
            <tr className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <th scope="col" className="py-2 pr-3 pl-5 sm:pl-6">
                {t("knowledge.list.document")}
              </th>
              <th scope="col" className="w-28 px-3 py-2 sm:w-36">
                {t("knowledge.list.status")}
              </th>
              <th scope="col" className="hidden w-24 px-3 py-2 text-right sm:table-cell">
                {t("knowledge.list.passages")}
              </th>
              <th scope="col" className="hidden w-24 px-3 py-2 text-right md:table-cell">
                {t("knowledge.list.size")}
              </th>
              <th scope="col" className="hidden w-32 px-3 py-2 xl:table-cell">
                {t("knowledge.list.updated")}
              </th>
              <th scope="col" className="w-14 py-2 pr-4 pl-1 sm:pr-5">
                <span className="sr-only">{t("knowledge.list.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {documents.map((doc) => (
              <DocumentRow
                key={doc.id}
                doc={doc}
                admin={admin}
                now={now}
                retrying={retry.isPending && retry.variables.documentId === doc.id}
                onRetry={() => startRetry(doc)}
                actions={
                  admin && (
                    <DocumentActions
                      document={doc}
                      onEdit={() => setEditing(doc)}
                      onReplace={() => {
                        replaceTarget.current = doc;
                        replaceInput.current?.click();
                      }}
                      onRetry={() => startRetry(doc)}
                      onDelete={() => {
                        remove.reset();
                        setDeleting(doc);
                      }}
                    />
                  )
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {admin && (
        <input
          ref={replaceInput}
          type="file"
          accept={ACCEPTED_FILES}
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file && replaceTarget.current) onReplace(replaceTarget.current, file);
          }}
        />
      )}
      <DocumentEditorDialog
        document={editing}
        onClose={() => setEditing(null)}
        onSaved={async (message) => {
          setEditing(null);
          await onChanged(message);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t("knowledge.list.confirmDelete", { title: deleting?.title ?? "" })}
        body={t("knowledge.list.deleteBody")}
        confirmLabel={t("knowledge.list.deleteConfirm")}
        pendingLabel={t("knowledge.list.deleting")}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate({ tenantSlug: tenant.slug, documentId: deleting.id })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
