"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { Button, buttonClasses } from "@/components/ui/button";
import { CheckCircleIcon, AlertIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { DocumentIcon, UploadIcon } from "./knowledge-icons";
import { ACCEPTED_FILES, formatBytes, type PlanLimits } from "./types";
import type { TrackedUpload, Uploads } from "./use-upload";

function hasFiles(event: DragEvent) {
  return event.dataTransfer.types.includes("Files");
}

/** Drag and drop anywhere on the zone, or the file picker; several files at once. */
function DropZone({ limits, disabled, onFiles }: { limits: PlanLimits | undefined; disabled: boolean; onFiles: (files: File[]) => void }) {
  const t = useT();
  const locale = useLocale();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child element; count them to know when the pointer really left.
  const depth = useRef(0);

  function onDrop(event: DragEvent) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth.current = 0;
    setDragging(false);
    if (!disabled) onFiles([...event.dataTransfer.files]);
  }

  return (
    <div
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? "none" : "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={onDrop}
      className={clsx(
        "flex flex-col items-center justify-center rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors",
        dragging && !disabled ? "border-brand-400 bg-brand-50" : "border-slate-300 bg-slate-50/60",
        disabled && "opacity-60",
      )}
    >
      <div
        className={clsx(
          "mb-3 flex size-12 items-center justify-center rounded-2xl transition-colors",
          dragging && !disabled ? "bg-brand-100 text-brand-700" : "bg-white text-slate-500 shadow-sm ring-1 ring-slate-200",
        )}
      >
        <UploadIcon className="size-6" />
      </div>
      <p className="text-sm font-semibold text-slate-900">{dragging && !disabled ? t("knowledge.upload.release") : t("knowledge.upload.drop")}</p>
      <p className="my-2 text-xs text-slate-500">{t("knowledge.upload.or")}</p>
      <label
        className={buttonClasses({
          variant: "secondary",
          className: clsx("has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-500", disabled && "pointer-events-none text-slate-400"),
        })}
      >
        {t("knowledge.upload.choose")}
        <input
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          disabled={disabled}
          aria-describedby={hintId}
          className="sr-only"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            // Cleared, so picking the same file again (after fixing it) fires change again.
            event.target.value = "";
            if (files.length) onFiles(files);
          }}
        />
      </label>
      <p id={hintId} className="mt-3 text-xs text-slate-500">
        {t("knowledge.upload.formats", { size: limits ? formatBytes(limits.maxFileBytes, locale) : "…" })}
      </p>
    </div>
  );
}

function UploadRow({ item, onCancel, onDismiss }: { item: TrackedUpload; onCancel: () => void; onDismiss: () => void }) {
  const t = useT();
  const locale = useLocale();
  const percent = Math.round(item.progress * 100);
  const failed = item.phase === "sendFailed" || item.phase === "failed";
  return (
    <li className="flex items-start gap-3 py-3">
      <span
        className={clsx(
          "mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg",
          failed ? "bg-red-50 text-red-600" : item.phase === "ready" ? "bg-emerald-50 text-emerald-600" : "bg-slate-100 text-slate-500",
        )}
      >
        {failed ? (
          <AlertIcon className="size-4" />
        ) : item.phase === "ready" ? (
          <CheckCircleIcon className="size-4" />
        ) : item.phase === "processing" ? (
          <Spinner className="size-4" />
        ) : (
          <DocumentIcon className="size-4" />
        )}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2">
          <span className="truncate text-sm font-medium text-slate-900">{item.fileName}</span>
          <span className="text-xs text-slate-500">{formatBytes(item.size, locale)}</span>
        </p>
        {item.replacing && <p className="text-xs text-slate-500">{t("knowledge.upload.replacing", { title: item.replacing })}</p>}
        {item.state === "uploading" && (
          <div className="mt-2 flex items-center gap-3">
            <div
              role="progressbar"
              aria-label={t("knowledge.upload.progressLabel", { name: item.fileName })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full rounded-full bg-brand-600 transition-[width] duration-200" style={{ width: `${percent}%` }} />
            </div>
            <span className="flex w-32 shrink-0 items-center gap-1.5 text-xs text-slate-600 tabular-nums">
              <Spinner className="size-3" />
              {t("knowledge.upload.progress", { percent })}
            </span>
          </div>
        )}
        {/* Rendered from the start, so the live region announces each step of the document. */}
        <p aria-live="polite" className={clsx("mt-0.5 text-xs empty:mt-0", item.phase === "ready" ? "text-emerald-700" : "text-slate-600")}>
          {item.phase === "processing" && t("knowledge.upload.done")}
          {item.phase === "ready" && t("knowledge.upload.ready")}
        </p>
        {failed && (
          <p role="alert" className="mt-0.5 text-sm text-red-700">
            {item.phase === "failed" ? t("knowledge.upload.processingFailed") : item.error}
          </p>
        )}
      </div>
      {item.state === "uploading" ? (
        <Button variant="ghost" size="sm" onClick={onCancel}>
          {t("knowledge.upload.cancel")}
          <span className="sr-only"> {item.fileName}</span>
        </Button>
      ) : (
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          {t("knowledge.upload.dismiss")}
          <span className="sr-only"> {item.fileName}</span>
        </Button>
      )}
    </li>
  );
}

/** Uploads and what became of them; `items` picks which of the hook's uploads to show here. */
export function UploadList({ uploads, items }: { uploads: Uploads; items: TrackedUpload[] }) {
  const t = useT();
  if (!items.length) return null;
  const finished = items.some((item) => item.state !== "uploading");
  return (
    <div className="rounded-lg border border-slate-200 px-4">
      <div className="flex items-center justify-between border-b border-slate-100 py-2">
        <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("knowledge.upload.list")}</h3>
        {finished && (
          <button
            type="button"
            onClick={() => items.forEach((item) => item.state !== "uploading" && uploads.dismiss(item.key))}
            className="cursor-pointer text-xs font-medium text-brand-700 hover:underline"
          >
            {t("knowledge.upload.clear")}
          </button>
        )}
      </div>
      <ul aria-label={t("knowledge.upload.list")} className="divide-y divide-slate-100">
        {items.map((item) => (
          <UploadRow key={item.key} item={item} onCancel={() => uploads.cancel(item.key)} onDismiss={() => uploads.dismiss(item.key)} />
        ))}
      </ul>
    </div>
  );
}

/** The upload tab: the drop zone and what happened to each new file sent from it. */
export function DocumentUpload({ uploads, limits, disabled }: { uploads: Uploads; limits: PlanLimits | undefined; disabled: boolean }) {
  return (
    <div className="space-y-4">
      <DropZone limits={limits} disabled={disabled} onFiles={(files) => uploads.add(files)} />
      <UploadList uploads={uploads} items={uploads.items.filter((item) => !item.replacing)} />
    </div>
  );
}
