"use client";

import { useId, useState, type KeyboardEvent } from "react";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import type { ConversationThread } from "@/components/inbox/types";
import { ChevronDownIcon, RefreshIcon, SendIcon } from "@/components/inbox/inbox-icons";
import { Button } from "@/components/ui/button";
import { DismissibleAlert } from "@/components/ui/dismissible-alert";
import { AlertIcon, CloseIcon, SparklesIcon } from "@/components/ui/icons";
import { ProviderLabel } from "./provider-label";
import { SourcesList } from "./sources-list";
import type { AiReply } from "./types";
import { useAiText } from "./use-ai-text";
import { useDraftActions, useLatestReply, type DraftActions } from "./use-draft-actions";
import { draftKey, readDraft, writeDraft } from "@/components/inbox/draft-store";
import { readStored, writeStored } from "@/components/browser-storage";

/**
 * A reply waits for a person while it is a draft or an escalation, the conversation is
 * not resolved, and nobody has answered the buyer since it was written.
 */
export function isActionable(reply: AiReply | null | undefined, thread: ConversationThread): reply is AiReply {
  if (!reply || (reply.status !== "draft" && reply.status !== "escalated")) return false;
  if (thread.conversation.status === "resolved") return false;
  return !thread.messages.some((message) => message.direction === "outbound" && message.platformCreatedAt > reply.createdAt);
}

function Reasons({ title, reasons }: { title: string; reasons: string[] }) {
  const text = useAiText();
  if (!reasons.length) return null;
  return (
    <div className="text-xs text-slate-700">
      <p className="font-medium">{title}:</p>
      <ul className="mt-0.5 list-disc space-y-0.5 pl-4 marker:text-slate-400">
        {reasons.map((reason) => (
          <li key={reason}>{text.reason(reason)}</li>
        ))}
      </ul>
    </div>
  );
}

const QUICK_SEND_KEY = "bokai:ai-draft-quick-send";

function DraftEditor({ reply, actions, label }: { reply: AiReply; actions: DraftActions; label: string }) {
  const t = useT();
  const textareaId = useId();
  // The seller's edits of this draft survive a reload until it is sent or discarded.
  const storedKey = draftKey(reply.id, "ai-draft");
  const [text, setTextState] = useState(() => readDraft(storedKey) || reply.text);
  const edited = text.trim() !== reply.text.trim();
  const setText = (value: string) => {
    setTextState(value);
    writeDraft(storedKey, value.trim() === reply.text.trim() ? "" : value);
  };

  function send() {
    if (actions.busy) return;
    if (!text.trim()) return actions.setError(t("ai.ui.draft.emptyText"));
    writeDraft(storedKey, "");
    actions.send(reply.id, edited ? text : undefined);
  }

  // Ctrl+Enter sends an AI draft at once only for a seller who chose that; otherwise it asks.
  const [confirming, setConfirming] = useState(false);
  const [remember, setRemember] = useState(false);
  const rememberId = useId();
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (readStored(QUICK_SEND_KEY) === "1") send();
      else setConfirming(true);
    }
  }
  function confirmSend() {
    // Refused storage only means it asks again next time.
    if (remember) writeStored(QUICK_SEND_KEY, "1");
    setConfirming(false);
    send();
  }

  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={textareaId} className="text-xs font-medium text-slate-700">
          {label}
        </label>
        {edited && <span className="text-xs text-slate-500">{t("ai.ui.draft.edited")}</span>}
      </div>
      <textarea
        id={textareaId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={actions.busy}
        rows={3}
        className="block max-h-48 min-h-20 w-full resize-y rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm leading-relaxed text-slate-900 shadow-sm field-sizing-content focus:outline-2 focus:outline-offset-0 focus:outline-brand-500 disabled:cursor-not-allowed disabled:bg-slate-100"
      />
      {confirming && (
        <div role="alertdialog" aria-labelledby={`${rememberId}-q`} className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3">
          <p id={`${rememberId}-q`} className="text-sm font-medium text-amber-900">
            {t("ai.ui.draft.confirmSend")}
          </p>
          <div className="flex items-center gap-2">
            <input id={rememberId} type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} className="size-4 rounded border-slate-300 accent-brand-600" />
            <label htmlFor={rememberId} className="text-xs text-amber-900">
              {t("ai.ui.draft.quickSendRemember")}
            </label>
          </div>
          <div className="flex gap-2">
            <Button size="sm" onClick={confirmSend} autoFocus>
              {t("ai.ui.draft.send")}
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        </div>
      )}
      <SourcesList sources={reply.sources} collapsible />
      <div className="flex flex-wrap items-center gap-2 pt-0.5">
        <Button size="sm" onClick={send} disabled={!text.trim() || actions.discarding || actions.regenerating} loading={actions.sending} loadingText={t("ai.ui.draft.sending")}>
          <SendIcon className="size-4" />
          {t("ai.ui.draft.send")}
        </Button>
        <RegenerateButton actions={actions} />
        <DiscardButton reply={reply} actions={actions} />
        <span className="ml-auto hidden text-xs text-slate-400 xl:inline">{t("inbox.reply.sendHint")}</span>
      </div>
    </div>
  );
}

function RegenerateButton({ actions }: { actions: DraftActions }) {
  const t = useT();
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={actions.regenerate}
      disabled={actions.sending || actions.discarding}
      loading={actions.regenerating}
      loadingText={t("ai.ui.draft.regenerating")}
    >
      <RefreshIcon className="size-4" />
      {t("ai.ui.draft.regenerate")}
    </Button>
  );
}

function DiscardButton({ reply, actions }: { reply: AiReply; actions: DraftActions }) {
  const t = useT();
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => {
        writeDraft(draftKey(reply.id, "ai-draft"), "");
        actions.discard(reply.id);
      }}
      disabled={actions.sending || actions.regenerating}
      loading={actions.discarding}
      loadingText={t("ai.ui.draft.discarding")}
    >
      <CloseIcon className="size-4" />
      {t("ai.ui.draft.discard")}
    </Button>
  );
}

function ReplyCard({ reply, actions }: { reply: AiReply; actions: DraftActions }) {
  const t = useT();
  const titleId = useId();
  const bodyId = useId();
  const [collapsed, setCollapsed] = useState(false);
  const escalated = reply.status === "escalated";
  return (
    <section
      aria-labelledby={titleId}
      className={clsx(
        "max-h-[55%] shrink-0 overflow-y-auto border-t px-4 py-3 sm:px-6",
        escalated ? "border-amber-200 bg-amber-50/70" : "border-violet-200 bg-violet-50/50",
      )}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {escalated ? <AlertIcon className="size-4 shrink-0 text-amber-700" /> : <SparklesIcon className="size-4 shrink-0 text-violet-600" />}
        <h3 id={titleId} className={clsx("text-sm font-semibold", escalated ? "text-amber-900" : "text-slate-900")}>
          {escalated ? t("ai.ui.draft.escalatedTitle") : t("ai.ui.draft.title")}
        </h3>
        <ProviderLabel provider={reply.provider} model={reply.model} tier={reply.tier} />
        <button
          type="button"
          onClick={() => setCollapsed((value) => !value)}
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          title={collapsed ? t("ai.ui.draft.expand") : t("ai.ui.draft.collapse")}
          className="ml-auto cursor-pointer rounded-md p-1 text-slate-500 hover:bg-white/70 hover:text-slate-800"
        >
          <ChevronDownIcon className={clsx("size-4 transition-transform", collapsed && "rotate-180")} />
          <span className="sr-only">{collapsed ? t("ai.ui.draft.expand") : t("ai.ui.draft.collapse")}</span>
        </button>
      </div>
      <div id={bodyId} hidden={collapsed} className="mt-2 space-y-3">
        {escalated && <p className="text-sm text-amber-900">{t("ai.ui.draft.escalatedBody")}</p>}
        <Reasons title={escalated ? t("ai.ui.draft.whyEscalated") : t("ai.ui.draft.why")} reasons={reply.reasons} />
        {actions.error && <DismissibleAlert onDismiss={actions.dismissError}>{actions.error}</DismissibleAlert>}
        {reply.text ? (
          <DraftEditor key={reply.id} reply={reply} actions={actions} label={escalated ? t("ai.ui.draft.suggestion") : t("ai.ui.draft.textLabel")} />
        ) : (
          <div className="space-y-2">
            <p className="text-xs text-slate-600">{t("ai.ui.draft.noSuggestion")}</p>
            <div className="flex flex-wrap gap-2">
              <RegenerateButton actions={actions} />
              <DiscardButton reply={reply} actions={actions} />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * Above the reply box: the AI's draft to send, edit, discard or write again, or the
 * escalation that needs a person (with the AI's suggestion, if it wrote one). Nothing
 * shows for a reply the AI already sent or one that was dealt with.
 */
export function DraftPanel({ thread }: { thread: ConversationThread }) {
  const conversationId = thread.conversation.id;
  const latest = useLatestReply(conversationId);
  const actions = useDraftActions(conversationId);
  const reply = latest.data;
  return (
    <>
      <p role="status" className="sr-only">
        {actions.notice}
      </p>
      {isActionable(reply, thread) && <ReplyCard key={reply.id} reply={reply} actions={actions} />}
    </>
  );
}
