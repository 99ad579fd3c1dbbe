"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import { useQuery } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { DraftPanel } from "@/components/ai/draft-panel";
import { useSettleConversationNotifications } from "@/components/notifications/use-notification-actions";
import { httpStatusOf, readFormError } from "@/components/forms/trpc-error";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { QueryError } from "@/components/ui/query-error";
import { ConversationDetails } from "./conversation-details";
import { ConversationHeader } from "./conversation-header";
import { EmptyState } from "./empty-state";
import { ArrowLeftIcon, ChatIcon } from "./inbox-icons";
import { PresenceBanner } from "./presence-banner";
import { REPLY_BOX_ID, ReplyComposer } from "./reply-composer";
import { ThreadMessageSkeleton } from "./thread-message";
import { ThreadTimeline } from "./thread-timeline";
import { useAutoMarkRead } from "./use-auto-mark-read";
import { useConversationActions } from "./use-conversation-actions";
import { INBOX_REFRESH_MS } from "./use-conversation-list";
import { usePresence } from "./use-presence";
import { useShortcuts } from "./use-shortcuts";
import { buyerName, type ConversationThread } from "./types";

/** While a reply waits in the queue, look more often so "Wysłano" appears promptly. */
const QUEUED_REFRESH_MS = 1_000;

function hasQueuedReply(thread: ConversationThread | undefined) {
  return thread?.messages.some((message) => message.deliveryState === "queued") ?? false;
}

function ThreadSkeleton({ onBack }: { onBack: () => void }) {
  const t = useT();
  return (
    <div className="flex h-full flex-col">
      <span role="status" className="sr-only">
        {t("common.loading")}
      </span>
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-4 sm:px-6">
        <button type="button" onClick={onBack} className="-ml-1.5 cursor-pointer rounded-md p-1.5 text-slate-600 hover:bg-slate-100 md:hidden">
          <ArrowLeftIcon />
          <span className="sr-only">{t("inbox.thread.backToList")}</span>
        </button>
        <div className="animate-pulse space-y-2">
          <div className="h-4 w-40 rounded bg-slate-200" />
          <div className="h-3 w-24 rounded bg-slate-100" />
        </div>
      </div>
      <ol aria-hidden="true" className="flex-1 space-y-5 px-4 py-6 sm:px-6">
        <ThreadMessageSkeleton inbound />
        <ThreadMessageSkeleton inbound={false} />
        <ThreadMessageSkeleton inbound />
      </ol>
    </div>
  );
}

/** One open conversation: header and actions, who else is here, the timeline, the reply box and the side panel. */
export function ConversationView({ conversationId, now, onBack }: { conversationId: string; now: number; onBack: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const thread = useQuery(
    trpc.inbox.thread.queryOptions(
      { tenantSlug: tenant.slug, conversationId },
      { refetchInterval: (query) => (hasQueuedReply(query.state.data) ? QUEUED_REFRESH_MS : INBOX_REFRESH_MS) },
    ),
  );
  const members = useQuery(trpc.tenants.members.queryOptions({ tenantSlug: tenant.slug }));
  const actions = useConversationActions(conversationId);
  const markRead = useAutoMarkRead(thread.data?.conversation, actions.markRead);
  useSettleConversationNotifications(conversationId, thread.data !== undefined);
  const [typing, setTyping] = useState(false);
  const viewers = usePresence(conversationId, typing);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = thread.data !== undefined;

  // When the list that held focus disappears (phones), focus moves to the conversation's heading.
  useEffect(() => {
    if (!loaded) return;
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body || active.offsetParent === null) headingRef.current?.focus();
  }, [loaded]);

  const conversation = thread.data?.conversation;
  useShortcuts({
    e: () => conversation && conversation.status !== "resolved" && actions.setStatus("resolved"),
    r: () => document.getElementById(REPLY_BOX_ID)?.focus(),
  });

  const people = thread.data?.people;
  const nameOf = useCallback(
    (userId: string | null) => {
      if (!userId) return t("inbox.thread.someone");
      // Activity names people by id; assignees are not among the thread's authors, so the team list fills in.
      return people?.[userId] ?? members.data?.find((member) => member.user.id === userId)?.user.name ?? t("inbox.thread.someone");
    },
    [people, members.data, t],
  );

  if (thread.isPending) return <ThreadSkeleton onBack={onBack} />;
  if (thread.isError && !thread.data) {
    const notFound = httpStatusOf(thread.error) === 404;
    return (
      <div className="flex h-full flex-col items-center justify-center p-6">
        {notFound ? (
          <EmptyState
            icon={<ChatIcon className="size-6" />}
            title={t("inbox.empty.notFoundTitle")}
            body={readFormError(thread.error, t("errors.notFound")).message}
            action={
              <Button variant="secondary" size="sm" onClick={onBack}>
                {t("inbox.thread.backToList")}
              </Button>
            }
          />
        ) : (
          <QueryError error={thread.error} title={t("inbox.threadFailed")} className="max-w-md" onRetry={() => void thread.refetch()} />
        )}
      </div>
    );
  }

  const data = thread.data;
  const current = data.conversation;
  const buyer = buyerName(current.customer, t("inbox.deletedBuyer"));
  const details = <ConversationDetails conversation={current} buyer={buyer} now={now} />;

  return (
    <div className="flex h-full min-h-0">
      <div className="flex min-w-0 flex-1 flex-col">
        <ConversationHeader
          conversation={current}
          buyer={buyer}
          actions={actions}
          headingRef={headingRef}
          onBack={onBack}
          onShowDetails={() => setDetailsOpen(true)}
          onMarkRead={markRead}
        />
        <PresenceBanner viewers={viewers} />
        <ThreadTimeline thread={data} buyer={buyer} now={now} nameOf={nameOf} />
        <DraftPanel key={`ai-${current.id}`} thread={data} />
        <ReplyComposer
          key={current.id}
          conversation={current}
          buyer={buyer}
          onTypingChange={setTyping}
          onReopen={() => actions.setStatus("open")}
          reopening={actions.statusPending}
        />
      </div>

      <aside aria-label={t("inbox.details.title")} className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white min-[1400px]:block 2xl:w-80">
        {details}
      </aside>

      <Dialog open={detailsOpen} onClose={() => setDetailsOpen(false)} className="relative z-50 min-[1400px]:hidden">
        <DialogBackdrop transition className="fixed inset-0 bg-slate-900/30 transition-opacity duration-200 data-closed:opacity-0" />
        <div className="fixed inset-0 flex justify-end">
          <DialogPanel
            transition
            className="flex w-full max-w-sm flex-col bg-white shadow-xl transition duration-200 ease-out data-closed:translate-x-full"
          >
            <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
              <DialogTitle className="text-base font-semibold text-slate-900">{t("inbox.details.title")}</DialogTitle>
              <button
                type="button"
                onClick={() => setDetailsOpen(false)}
                className="cursor-pointer rounded-md p-1.5 text-slate-500 hover:bg-slate-100"
              >
                <CloseIcon />
                <span className="sr-only">{t("common.close")}</span>
              </button>
            </div>
            <div className="flex-1 overflow-y-auto">{details}</div>
          </DialogPanel>
        </div>
      </Dialog>
    </div>
  );
}
