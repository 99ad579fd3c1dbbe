"use client";

import type { MouseEvent } from "react";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { ChannelBadge } from "@/components/channels/channel-badge";
import { NeedsHumanBadge } from "@/components/ai/ai-badges";
import { ConversationStatusBadge } from "./conversation-status-badge";
import { ResponseClock } from "./response-clock";
import { formatDateTime, formatRelative } from "./time-format";
import { buyerName, type ConversationListItem } from "./types";

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}

/** Plain left clicks open the conversation in place; modified clicks keep their browser meaning (new tab…). */
function isPlainClick(event: MouseEvent) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function ConversationRow({
  conversation,
  href,
  selected,
  now,
  onOpen,
}: {
  conversation: ConversationListItem;
  href: string;
  selected: boolean;
  now: number;
  onOpen: (id: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const name = buyerName(conversation.customer, t("inbox.deletedBuyer"));
  const unread = conversation.unreadCount > 0;
  const last = conversation.lastMessage;
  return (
    <li>
      <a
        href={href}
        data-conversation-id={conversation.id}
        aria-current={selected ? "true" : undefined}
        onClick={(event) => {
          if (!isPlainClick(event)) return;
          event.preventDefault();
          onOpen(conversation.id);
        }}
        className={clsx(
          "block border-l-2 px-4 py-3 transition-colors focus-visible:-outline-offset-2",
          selected ? "border-brand-600 bg-brand-50/70" : "border-transparent hover:bg-slate-50",
        )}
      >
        <span className="flex items-center gap-2">
          {unread && <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-brand-600" />}
          <span className={clsx("min-w-0 flex-1 truncate text-sm", unread ? "font-semibold text-slate-900" : "font-medium text-slate-800")}>
            {name}
          </span>
          <time
            dateTime={conversation.lastMessageAt.toISOString()}
            title={formatDateTime(conversation.lastMessageAt, locale)}
            className={clsx("shrink-0 text-xs", unread ? "font-medium text-brand-700" : "text-slate-500")}
          >
            {formatRelative(conversation.lastMessageAt, now, locale)}
          </time>
        </span>
        <span className="mt-1 flex items-center gap-1.5 text-xs text-slate-500">
          <ChannelBadge kind={conversation.channelAccount.kind} />
          <span>{t("inbox.number", { number: conversation.number })}</span>
          {conversation.status !== "open" && <ConversationStatusBadge status={conversation.status} />}
          {conversation.needsHuman && <NeedsHumanBadge reason={conversation.needsHumanReason} />}
          {unread && (
            <span className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-brand-600 px-1.5 text-[11px] leading-5 font-semibold text-white">
              <span aria-hidden="true">{conversation.unreadCount}</span>
              <span className="sr-only">{t("inbox.unreadBadge", { count: conversation.unreadCount })}</span>
            </span>
          )}
        </span>
        {last && (
          <span className={clsx("mt-1.5 line-clamp-2 text-sm break-words", unread ? "text-slate-800" : "text-slate-600")}>
            {last.direction === "outbound" && <span className="text-slate-500">{t("inbox.thread.seller")}: </span>}
            {last.text}
          </span>
        )}
        {(conversation.replyDueAt || conversation.tags.length > 0 || conversation.assignee) && (
          <span className="mt-2 flex flex-wrap items-center gap-1.5">
            {conversation.status !== "resolved" && <ResponseClock replyDueAt={conversation.replyDueAt} now={now} />}
            {conversation.tags.map((tag) => (
              <span key={tag} className="rounded bg-slate-100 px-1.5 py-px text-[11px] leading-4 text-slate-700">
                {tag}
              </span>
            ))}
            {conversation.assignee && (
              <span
                title={t("inbox.assignedTo", { name: conversation.assignee.name })}
                className="ml-auto inline-flex size-5 items-center justify-center rounded-full bg-slate-700 text-[10px] font-semibold text-white"
              >
                <span aria-hidden="true">{initialsOf(conversation.assignee.name)}</span>
                <span className="sr-only">{t("inbox.assignedTo", { name: conversation.assignee.name })}</span>
              </span>
            )}
          </span>
        )}
      </a>
    </li>
  );
}

export function ConversationRowSkeleton() {
  return (
    <li aria-hidden="true" className="animate-pulse px-4 py-3">
      <div className="flex items-center gap-2">
        <div className="h-3.5 w-32 rounded bg-slate-200" />
        <div className="ml-auto h-3 w-10 rounded bg-slate-200" />
      </div>
      <div className="mt-2 h-3 w-20 rounded bg-slate-100" />
      <div className="mt-2 h-3 w-full rounded bg-slate-100" />
      <div className="mt-1.5 h-3 w-2/3 rounded bg-slate-100" />
    </li>
  );
}
