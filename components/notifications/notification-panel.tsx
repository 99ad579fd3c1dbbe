"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import { isMessageKey } from "@/lib/i18n/messages";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { formatDateTime, formatRelative } from "@/components/inbox/time-format";
import { useNow } from "@/components/inbox/use-now";
import { Button } from "@/components/ui/button";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { conversationHref, NOTIFICATIONS_POLL_MS, type NotificationItem } from "./types";
import { useNotificationActions } from "./use-notification-actions";
import { LIMIT_LABELS } from "@/components/billing/billing-labels";

/** "Rozmowa #12 (jan_k) wymaga człowieka: Kupujący prosi o kontakt z człowiekiem." The reason is a message key. */
function useNotificationText() {
  const t = useT();
  return (item: NotificationItem) => {
    if (item.kind === "plan_limit") return t("billing.banner.nearLimit", { what: item.limit ? t(LIMIT_LABELS[item.limit]) : "" });
    const reason = item.reason && isMessageKey(item.reason) ? t(item.reason) : t("notifications.ui.genericReason");
    if (!item.conversation) return t("notifications.ui.escalatedDeleted", { reason });
    const { number, buyer } = item.conversation;
    return buyer ? t("notifications.ui.escalated", { number, buyer, reason }) : t("notifications.ui.escalatedNoBuyer", { number, reason });
  };
}

const itemClasses = (read: boolean) =>
  clsx(
    "flex w-full cursor-pointer items-start gap-2.5 px-4 py-3 text-left transition-colors focus-visible:-outline-offset-2",
    read ? "hover:bg-slate-50" : "bg-brand-50/70 hover:bg-brand-50",
  );

function ItemContent({ item, now }: { item: NotificationItem; now: number }) {
  const t = useT();
  const locale = useLocale();
  const text = useNotificationText();
  return (
    <>
      <span aria-hidden="true" className={clsx("mt-1.5 size-2 shrink-0 rounded-full bg-brand-600", item.read && "invisible")} />
      <span className="min-w-0 flex-1 space-y-0.5">
        <span className={clsx("block text-sm", item.read ? "text-slate-700" : "font-medium text-slate-900")}>
          {!item.read && <span className="sr-only">{t("notifications.ui.unread")}: </span>}
          {text(item)}
        </span>
        {item.conversation?.subject && <span className="block truncate text-xs text-slate-500">{item.conversation.subject}</span>}
        <time dateTime={item.createdAt.toISOString()} title={formatDateTime(item.createdAt, locale)} className="block text-xs text-slate-500">
          {formatRelative(item.createdAt, now, locale)}
        </time>
      </span>
    </>
  );
}

/**
 * The bell's panel: newest first, unread ones highlighted. Opening one marks it read and
 * shows its conversation in the inbox; older ones load page by page.
 */
export function NotificationPanel({ headingId, unreadCount, onNavigate }: { headingId: string; unreadCount: number; onNavigate: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { markRead, markAllRead } = useNotificationActions();
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { tenantSlug: tenant.slug },
      {
        getNextPageParam: (page) => page.nextCursor,
        // The panel always opens on fresh data, and keeps up while it stays open.
        refetchOnMount: "always",
        refetchInterval: NOTIFICATIONS_POLL_MS,
      },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const hasUnread = unreadCount > 0 || items.some((item) => !item.read);
  const actionError = markRead.error ?? markAllRead.error;

  // Opening the panel moves focus to its heading: Tab then reaches "mark all" and the notifications,
  // and a stray Enter cannot mark everything read.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // The list is fetched afresh on opening; the badge is too, so the two agree.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() });
  }, [queryClient, trpc]);

  function open(item: NotificationItem) {
    if (!item.read) markRead.mutate({ tenantSlug: tenant.slug, ids: [item.id] });
    if (item.conversation) onNavigate();
  }

  return (
    <div className="flex max-h-[min(32rem,calc(100vh-6rem))] flex-col">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
          {t("notifications.ui.title")}
        </h2>
        <Button
          variant="ghost"
          size="sm"
          disabled={!hasUnread}
          loading={markAllRead.isPending}
          loadingText={t("notifications.ui.marking")}
          onClick={() =>
            markAllRead.mutate(
              { tenantSlug: tenant.slug },
              // The button is disabled now: focus goes back to the top of the panel, not to the page.
              { onSettled: () => headingRef.current?.focus() },
            )
          }
        >
          {t("notifications.ui.markAllRead")}
        </Button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {actionError && <QueryError error={actionError} className="m-3" />}
        {list.isPending ? (
          <LoadingStatus className="px-4 py-6" />
        ) : list.isError && items.length === 0 ? (
          <QueryError
            error={list.error}
            className="m-3"
            title={t("notifications.ui.loadFailed")}
            onRetry={() => void list.refetch()}
          />
        ) : items.length === 0 ? (
          <p className="px-4 py-8 text-center text-sm text-slate-500">{t("notifications.ui.empty")}</p>
        ) : (
          <ul aria-labelledby={headingId} className="divide-y divide-slate-100">
            {items.map((item) => (
              <li key={item.id}>
                {item.conversation ? (
                  <Link href={conversationHref(tenant.slug, item.conversation.id)} onClick={() => open(item)} className={itemClasses(item.read)}>
                    <ItemContent item={item} now={now} />
                  </Link>
                ) : item.kind === "plan_limit" ? (
                  <Link href={`/t/${tenant.slug}/billing`} onClick={() => (open(item), onNavigate())} className={itemClasses(item.read)}>
                    <ItemContent item={item} now={now} />
                  </Link>
                ) : (
                  // The conversation is gone: there is nothing to open, only something to mark read.
                  <button type="button" onClick={() => open(item)} className={itemClasses(item.read)}>
                    <ItemContent item={item} now={now} />
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="border-t border-slate-100 px-4 py-2">
            <Button
              variant="ghost"
              size="sm"
              fullWidth
              loading={list.isFetchingNextPage}
              loadingText={t("notifications.ui.loadingMore")}
              onClick={() => void list.fetchNextPage()}
            >
              {t("notifications.ui.loadMore")}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
