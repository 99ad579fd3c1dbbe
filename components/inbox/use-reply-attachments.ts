"use client";

import { useState } from "react";
import { useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";

/** The upload route's limits (server/inbox/attachment-service.ts), checked first so a too-big file fails at once. */
const MAX_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 5;
export const ACCEPTED_TYPES = "image/jpeg,image/png,image/gif,image/bmp,image/tiff,application/pdf";

export interface ReplyAttachment {
  key: string;
  fileName: string;
  size: number;
  state: "uploading" | "ready" | "failed";
  id?: string;
  error?: string;
}

function uploadError(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = body.error;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : undefined;
}

/**
 * Files for the next reply: each is uploaded as soon as it is picked (POST
 * /api/inbox/attachments), and the reply then refers to the stored ids.
 */
export function useReplyAttachments(conversationId: string) {
  const t = useT();
  const tenant = useCurrentTenant();
  const [items, setItems] = useState<ReplyAttachment[]>([]);
  const update = (key: string, patch: Partial<ReplyAttachment>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  async function upload(key: string, file: File) {
    const form = new FormData();
    form.set("tenantSlug", tenant.slug);
    form.set("conversationId", conversationId);
    form.set("file", file);
    try {
      const response = await fetch("/api/inbox/attachments", { method: "POST", body: form });
      const body: unknown = await response.json().catch(() => null);
      const id = typeof body === "object" && body !== null && "id" in body && typeof body.id === "string" ? body.id : undefined;
      if (response.ok && id) update(key, { state: "ready", id });
      else update(key, { state: "failed", error: uploadError(body) ?? t("errors.internal") });
    } catch {
      update(key, { state: "failed", error: t("errors.internal") });
    }
  }

  function add(files: FileList | File[]) {
    const room = MAX_FILES - items.filter((item) => item.state !== "failed").length;
    [...files].forEach((file, index) => {
      const key = `${Date.now()}-${index}-${file.name}`;
      const base = { key, fileName: file.name, size: file.size };
      if (index >= room) {
        setItems((current) => [...current, { ...base, state: "failed", error: t("inbox.errors.tooManyAttachments", { max: MAX_FILES }) }]);
      } else if (file.size > MAX_BYTES) {
        setItems((current) => [...current, { ...base, state: "failed", error: t("inbox.errors.attachmentTooLarge", { maxMb: 5 }) }]);
      } else {
        setItems((current) => [...current, { ...base, state: "uploading" }]);
        void upload(key, file);
      }
    });
  }

  return {
    items,
    add,
    remove: (key: string) => setItems((current) => current.filter((item) => item.key !== key)),
    clear: () => setItems([]),
    readyIds: items.flatMap((item) => (item.state === "ready" && item.id ? [item.id] : [])),
    uploading: items.some((item) => item.state === "uploading"),
  };
}
