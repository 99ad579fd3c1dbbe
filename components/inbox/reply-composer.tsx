"use client";

import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { renderCannedReply } from "@/lib/canned";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant, useCurrentUser } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { CannedReplyPicker } from "./canned-reply-picker";
import { LockIcon, PaperclipIcon, SendIcon } from "./inbox-icons";
import { ACCEPTED_TYPES, useReplyAttachments, type ReplyAttachment } from "./use-reply-attachments";
import { useInboxRefresh } from "./use-inbox-refresh";
import { DEFAULT_REPLY_LIMIT, type CannedReply, type ThreadConversation } from "./types";
import { draftKey, readDraft, writeDraft } from "./draft-store";

export const REPLY_BOX_ID = "reply-box";
const NOTE_LIMIT = 10_000;

type Mode = "reply" | "note";


function ModeSwitch({ mode, onChange }: { mode: Mode; onChange: (mode: Mode) => void }) {
  const t = useT();
  const name = useId();
  const option = (value: Mode, label: string) => (
    <label
      className={clsx(
        "relative cursor-pointer rounded-md px-3 py-1 text-xs font-medium transition-colors has-focus-visible:outline-2 has-focus-visible:outline-brand-500",
        mode === value ? (value === "note" ? "bg-amber-100 text-amber-900 shadow-sm" : "bg-white text-slate-900 shadow-sm") : "text-slate-600 hover:text-slate-900",
      )}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={mode === value}
        onChange={() => onChange(value)}
        className="absolute inset-0 cursor-pointer appearance-none rounded-md opacity-0"
      />
      {label}
    </label>
  );
  return (
    <fieldset className="inline-flex rounded-lg bg-slate-100 p-0.5">
      <legend className="sr-only">{t("inbox.reply.mode")}</legend>
      {option("reply", t("inbox.reply.reply"))}
      {option("note", t("inbox.reply.note"))}
    </fieldset>
  );
}

function AttachmentChip({ item, onRemove }: { item: ReplyAttachment; onRemove: () => void }) {
  const t = useT();
  const locale = useLocale();
  const size =
    item.size < 1024 * 1024
      ? new Intl.NumberFormat(locale, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 }).format(Math.max(1, item.size / 1024))
      : new Intl.NumberFormat(locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(item.size / (1024 * 1024));
  return (
    <li
      className={clsx(
        "flex max-w-full items-center gap-1.5 rounded-lg border py-1 pr-1 pl-2 text-xs",
        item.state === "failed" ? "border-red-200 bg-red-50 text-red-800" : "border-slate-200 bg-white text-slate-700",
      )}
    >
      {item.state === "uploading" ? <Spinner className="size-3.5" /> : <PaperclipIcon className="size-3.5 shrink-0" />}
      <span className="min-w-0 truncate font-medium">{item.fileName}</span>
      <span className="shrink-0 text-slate-500">{item.state === "uploading" ? t("inbox.reply.uploading") : size}</span>
      {item.error && <span role="alert">· {item.error}</span>}
      <button type="button" onClick={onRemove} className="cursor-pointer rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
        <CloseIcon className="size-3.5" />
        <span className="sr-only">{t("inbox.reply.removeAttachment", { name: item.fileName })}</span>
      </button>
    </li>
  );
}

export function ReplyComposer({
  conversation,
  buyer,
  onTypingChange,
  onReopen,
  reopening,
}: {
  conversation: ThreadConversation;
  buyer: string;
  onTypingChange: (typing: boolean) => void;
  onReopen: () => void;
  reopening: boolean;
}) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const user = useCurrentUser();
  const refresh = useInboxRefresh();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const counterId = useId();
  const errorId = useId();
  const [mode, setMode] = useState<Mode>("reply");
  const currentDraft = draftKey(conversation.id, mode);
  const [text, setTextState] = useState(() => readDraft(draftKey(conversation.id, "reply")));
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const attachments = useReplyAttachments(conversation.id);
  const fileInputId = useId();

  const setText = (value: string) => {
    setTextState(value);
    writeDraft(currentDraft, value);
    onTypingChange(focused && mode === "reply" && value.trim().length > 0);
  };

  const onSent = () => {
    writeDraft(currentDraft, "");
    setTextState("");
    attachments.clear();
    onTypingChange(false);
    void refresh();
  };
  // A validation failure names the text field; its message says more than "correct the fields".
  const onFailed = (cause: unknown) => {
    const read = readFormError(cause, t("errors.internal"));
    setError(read.fieldErrors.text?.[0] ?? read.message);
  };
  const reply = useMutation(trpc.inbox.reply.mutationOptions({ onSuccess: onSent, onError: onFailed }));
  const note = useMutation(trpc.inbox.addNote.mutationOptions({ onSuccess: onSent, onError: onFailed }));
  const pending = reply.isPending || note.isPending || (mode === "reply" && attachments.uploading);

  const resolved = conversation.status === "resolved";
  const channelStatus = conversation.channelAccount.status;
  const replyBlocked = mode === "reply" && resolved;
  const limit = mode === "reply" ? DEFAULT_REPLY_LIMIT : NOTE_LIMIT;
  const length = text.trim().length;
  const over = length - limit;

  function switchMode(next: Mode) {
    setMode(next);
    setError(null);
    setTextState(readDraft(draftKey(conversation.id, next)));
    textareaRef.current?.focus();
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (pending || replyBlocked || !text.trim() || over > 0) return;
    setError(null);
    const input = { tenantSlug: tenant.slug, conversationId: conversation.id, text };
    if (mode === "reply") reply.mutate({ ...input, attachmentIds: attachments.readyIds });
    else note.mutate(input);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  function insertCanned(canned: CannedReply) {
    const snippet = renderCannedReply(canned.body, {
      buyer,
      shop: tenant.name,
      agent: user.name,
      number: String(conversation.number),
    });
    const node = textareaRef.current;
    const start = node?.selectionStart ?? text.length;
    const end = node?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + snippet + text.slice(end));
    // The menu returns focus to its button when it closes; take it back after that.
    setTimeout(() => {
      node?.focus();
      node?.setSelectionRange(start + snippet.length, start + snippet.length);
    }, 0);
  }

  const isNote = mode === "note";
  return (
    <form onSubmit={submit} noValidate className={clsx("border-t px-4 pt-3 pb-4 sm:px-6", isNote ? "border-amber-200 bg-amber-50/60" : "border-slate-200 bg-white")}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <ModeSwitch mode={mode} onChange={switchMode} />
        {isNote && (
          <p className="flex items-center gap-1 text-xs font-medium text-amber-900">
            <LockIcon className="size-3.5" /> {t("inbox.thread.internalNote")}
          </p>
        )}
      </div>

      {replyBlocked && (
        <Alert
          tone="warning"
          title={t("inbox.reply.resolvedTitle")}
          className="mb-2"
          action={
            <Button size="sm" variant="secondary" loading={reopening} onClick={onReopen}>
              {t("inbox.actions.reopen")}
            </Button>
          }
        >
          {t("inbox.reply.resolvedBody")}
        </Alert>
      )}
      {mode === "reply" && !resolved && channelStatus !== "active" && (
        <Alert
          tone="error"
          className="mb-2"
          action={
            <Link href={`/t/${tenant.slug}/settings/channels`} className="text-sm font-medium underline">
              {t("inbox.reply.goToChannels")}
            </Link>
          }
        >
          {channelStatus === "reconnect_needed" ? t("inbox.reply.channelReconnect") : t("inbox.reply.channelDisconnected")}
        </Alert>
      )}

      <label htmlFor={REPLY_BOX_ID} className="sr-only">
        {isNote ? t("inbox.reply.noteLabel") : t("inbox.reply.replyLabel", { name: buyer })}
      </label>
      <textarea
        ref={textareaRef}
        id={REPLY_BOX_ID}
        value={text}
        disabled={replyBlocked}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          setFocused(true);
          onTypingChange(mode === "reply" && text.trim().length > 0);
        }}
        onBlur={() => {
          setFocused(false);
          onTypingChange(false);
        }}
        rows={3}
        placeholder={isNote ? t("inbox.reply.notePlaceholder") : t("inbox.reply.replyPlaceholder")}
        aria-invalid={over > 0 || error ? true : undefined}
        aria-describedby={clsx(counterId, error && errorId)}
        className={clsx(
          "block max-h-64 min-h-20 w-full resize-y rounded-lg border px-3 py-2 text-sm text-slate-900 shadow-sm field-sizing-content placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 disabled:cursor-not-allowed disabled:bg-slate-100",
          over > 0 ? "border-red-500 focus:outline-red-500" : isNote ? "border-amber-300 bg-white focus:outline-amber-500" : "border-slate-300 focus:outline-brand-500",
        )}
      />
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {over > 0 && (
        <p className="mt-2 text-sm text-red-700">{t("inbox.reply.tooLong", { over, max: limit })}</p>
      )}

      {!isNote && attachments.items.length > 0 && (
        <ul aria-label={t("inbox.reply.attachments")} className="mt-2 flex flex-wrap gap-2">
          {attachments.items.map((item) => (
            <AttachmentChip key={item.key} item={item} onRemove={() => attachments.remove(item.key)} />
          ))}
        </ul>
      )}

      <div className="mt-2 flex flex-wrap items-center gap-2">
        {!isNote && <CannedReplyPicker disabled={replyBlocked} onPick={insertCanned} />}
        {!isNote && (
          <>
            <input
              id={fileInputId}
              type="file"
              multiple
              accept={ACCEPTED_TYPES}
              disabled={replyBlocked}
              className="peer sr-only"
              onChange={(event) => {
                if (event.target.files) attachments.add(event.target.files);
                event.target.value = "";
              }}
            />
            <label
              htmlFor={fileInputId}
              title={t("inbox.reply.attachHint")}
              className={buttonClasses({
                variant: "ghost",
                size: "sm",
                className: "peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500 peer-disabled:cursor-not-allowed peer-disabled:text-slate-400",
              })}
            >
              <PaperclipIcon className="size-4" />
              <span className="sr-only sm:not-sr-only">{t("inbox.reply.attach")}</span>
            </label>
          </>
        )}
        <span className="hidden text-xs text-slate-400 2xl:inline">{isNote ? t("inbox.reply.noteHint") : t("inbox.reply.sendHint")}</span>
        <span
          id={counterId}
          className={clsx("ml-auto text-xs tabular-nums", over > 0 ? "font-medium text-red-700" : length > limit * 0.9 ? "text-amber-700" : "text-slate-500")}
        >
          <span aria-hidden="true">
            {length} / {limit}
          </span>
          <span className="sr-only">{t("inbox.reply.counter", { count: length, max: limit })}</span>
        </span>
        <Button
          type="submit"
          variant={isNote ? "secondary" : "primary"}
          loading={pending}
          loadingText={isNote ? t("inbox.reply.addingNote") : t("inbox.reply.sending")}
          disabled={replyBlocked || !text.trim() || over > 0}
        >
          {isNote ? <LockIcon className="size-4" /> : <SendIcon className="size-4" />}
          {isNote ? t("inbox.reply.addNote") : t("inbox.reply.send")}
        </Button>
      </div>
    </form>
  );
}
