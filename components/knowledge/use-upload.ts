"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { formatBytes, isAcceptedFile, type KnowledgeDocument, type PlanLimits } from "./types";

/** How long an upload whose document is ready stays in the list before the document list takes over. */
const READY_VISIBLE_MS = 6_000;

export interface UploadItem {
  key: string;
  fileName: string;
  size: number;
  /** The title of the document whose file this one replaces. */
  replacing?: string;
  state: "uploading" | "done" | "failed";
  /** 0…1, from xhr.upload.onprogress. */
  progress: number;
  error?: string;
  /** The document the server created (or whose file it replaced), once the upload is done. */
  documentId?: string;
}

/** What the seller sees of an upload: the transfer, then the document's own state as the list reports it. */
export type UploadPhase = "uploading" | "sendFailed" | "processing" | "ready" | "failed";

export function uploadPhase(item: UploadItem, documents: Pick<KnowledgeDocument, "id" | "status">[] | undefined): UploadPhase {
  if (item.state === "uploading") return "uploading";
  if (item.state === "failed") return "sendFailed";
  const doc = documents?.find((d) => d.id === item.documentId);
  if (!doc) return "processing";
  return doc.status === "ready" ? "ready" : doc.status === "failed" ? "failed" : "processing";
}

/** The localized message of the route's error body ({ error: { code, message } }, server/api/route-errors.ts). */
function errorMessage(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = body.error;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : undefined;
}

function megabytes(bytes: number) {
  return Math.round(bytes / 1048576);
}

/**
 * Files for the knowledge base, each sent on its own request to POST
 * /api/knowledge/documents with XMLHttpRequest, for real per-file progress. What the
 * plan would refuse anyway (too big, no room, a format the server cannot read) fails
 * at once, without sending anything; the server still decides.
 */
export function useUploads({
  limits,
  documents,
  onUploaded,
}: {
  limits: PlanLimits | undefined;
  /** The document list (polled while anything processes): an upload follows its document's state. */
  documents: KnowledgeDocument[] | undefined;
  onUploaded: () => unknown;
}) {
  const t = useT();
  const locale = useLocale();
  const tenant = useCurrentTenant();
  const [items, setItems] = useState<UploadItem[]>([]);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const counter = useRef(0);

  const update = useCallback(
    (key: string, patch: Partial<UploadItem>) => setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item))),
    [],
  );
  const remove = useCallback((key: string) => setItems((current) => current.filter((item) => item.key !== key)), []);

  const send = useCallback(
    (key: string, file: File, replace: KnowledgeDocument | undefined) => {
      const form = new FormData();
      form.set("file", file);
      if (replace) form.set("replaceDocumentId", replace.id);
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      xhr.open("POST", `/api/knowledge/documents?tenant=${encodeURIComponent(tenant.slug)}`);
      xhr.responseType = "json";
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) update(key, { progress: event.loaded / event.total });
      };
      xhr.onload = () => {
        requests.current.delete(key);
        if (xhr.status === 201) {
          const created: unknown = xhr.response;
          const documentId = typeof created === "object" && created !== null && "id" in created && typeof created.id === "string" ? created.id : undefined;
          update(key, { state: "done", progress: 1, documentId });
          void onUploaded();
        } else {
          update(key, { state: "failed", error: errorMessage(xhr.response) ?? t("errors.internal") });
        }
      };
      xhr.onerror = () => {
        requests.current.delete(key);
        update(key, { state: "failed", error: t("knowledge.upload.networkError") });
      };
      xhr.onabort = () => {
        requests.current.delete(key);
        remove(key);
      };
      xhr.send(form);
    },
    [onUploaded, remove, t, tenant.slug, update],
  );

  /** New documents, or with `replace` the new file of that document (one file). */
  const add = useCallback(
    (files: File[], replace?: KnowledgeDocument) => {
      const inFlight = items.filter((item) => item.state === "uploading" && !item.replacing).length;
      let room = limits ? limits.maxDocuments - limits.usedDocuments - inFlight : Number.POSITIVE_INFINITY;
      const added: UploadItem[] = [];
      const toSend: [string, File][] = [];
      for (const file of replace ? files.slice(0, 1) : files) {
        const key = `upload-${++counter.current}`;
        const base = { key, fileName: file.name, size: file.size, replacing: replace?.title, progress: 0 };
        let error: string | undefined;
        if (!isAcceptedFile(file.name)) error = t("knowledge.errors.unsupportedType");
        else if (file.size === 0) error = t("knowledge.errors.empty");
        else if (limits && file.size > limits.maxFileBytes)
          error = `${t("knowledge.errors.tooLarge", { maxMb: megabytes(limits.maxFileBytes) })} (${formatBytes(file.size, locale)})`;
        else if (!replace && room <= 0) error = t("knowledge.errors.overLimit", { max: limits?.maxDocuments ?? 0 });
        if (error) {
          added.push({ ...base, state: "failed", error });
        } else {
          if (!replace) room--;
          added.push({ ...base, state: "uploading" });
          toSend.push([key, file]);
        }
      }
      setItems((current) => [...added, ...current]);
      for (const [key, file] of toSend) send(key, file, replace);
    },
    [items, limits, locale, send, t],
  );

  // Once its document is ready, an upload leaves the list after a moment; a failed one stays until hidden.
  const leaving = useRef(new Set<string>());
  useEffect(() => {
    for (const item of items) {
      if (leaving.current.has(item.key) || uploadPhase(item, documents) !== "ready") continue;
      leaving.current.add(item.key);
      setTimeout(() => remove(item.key), READY_VISIBLE_MS);
    }
  }, [documents, items, remove]);

  // Leaving the page would cut the uploads short: the browser asks first.
  const uploading = items.some((item) => item.state === "uploading");
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [uploading]);

  return {
    items: items.map((item) => ({ ...item, phase: uploadPhase(item, documents) })),
    add,
    cancel: (key: string) => requests.current.get(key)?.abort(),
    dismiss: remove,
    uploading,
  };
}

export type Uploads = ReturnType<typeof useUploads>;
export type TrackedUpload = Uploads["items"][number];
