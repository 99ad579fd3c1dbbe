"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Button, ButtonLink } from "@/components/ui/button";
import { InboxIcon } from "@/components/ui/icons";
import { QueryError } from "@/components/ui/query-error";
import { ConversationFilters } from "./conversation-filters";
import { ConversationRow, ConversationRowSkeleton } from "./conversation-row";
import { EmptyState } from "./empty-state";
import { SearchIcon } from "./inbox-icons";
import { hasActiveFilters, NO_FILTERS, type InboxFilters } from "./use-inbox-url";
import type { useConversationList } from "./use-conversation-list";
import type { InboxChannel } from "./types";

/**
 * Announces (politely, to screen readers) when the number of unread conversations
 * grows: the list refreshes itself, so new messages would otherwise arrive silently.
 */
function useNewMessagesAnnouncement(unreadConversations: number | null) {
  const t = useT();
  const [previous, setPrevious] = useState(unreadConversations);
  const [announcement, setAnnouncement] = useState("");
  if (unreadConversations !== previous) {
    setPrevious(unreadConversations);
    if (previous !== null && unreadConversations !== null && unreadConversations > previous) {
      setAnnouncement(t("inbox.newMessagesAnnouncement", { count: unreadConversations }));
    }
  }
  return announcement;
}

/** Loads the next page as soon as the "show more" button scrolls into view; the button stays for keyboards. */
function LoadMoreButton({ loading, onLoad }: { loading: boolean; onLoad: () => void }) {
  const t = useT();
  const ref = useRef<HTMLButtonElement>(null);
  const latest = useRef(onLoad);
  useEffect(() => {
    latest.current = onLoad;
  });
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) latest.current();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="p-3">
      <Button ref={ref} variant="ghost" size="sm" fullWidth loading={loading} loadingText={t("inbox.loadingMore")} onClick={onLoad}>
        {t("inbox.loadMore")}
      </Button>
    </div>
  );
}

export function ConversationListPane({
  list,
  filters,
  channels,
  selectedId,
  now,
  hrefFor,
  onOpen,
  onFiltersChange,
  headerActions,
  notice,
  footer,
}: {
  list: ReturnType<typeof useConversationList>;
  filters: InboxFilters;
  channels: InboxChannel[];
  selectedId: string | null;
  now: number;
  hrefFor: (id: string) => string;
  onOpen: (id: string) => void;
  onFiltersChange: (patch: Partial<InboxFilters>) => void;
  headerActions?: ReactNode;
  notice?: ReactNode;
  footer?: ReactNode;
}) {
  const t = useT();
  const tenant = useCurrentTenant();
  const { query, items } = list;
  const unreadConversations = query.data && !query.isPlaceholderData ? items.filter((c) => c.unreadCount > 0).length : null;
  const announcement = useNewMessagesAnnouncement(hasActiveFilters(filters) ? null : unreadConversations);
  const knownTags = [...new Set(items.flatMap((c) => c.tags))];
  const filtered = hasActiveFilters(filters);

  let body: ReactNode;
  if (query.isPending) {
    body = (
      <ul aria-label={t("common.loading")} className="divide-y divide-slate-100">
        {Array.from({ length: 6 }, (_, i) => (
          <ConversationRowSkeleton key={i} />
        ))}
      </ul>
    );
  } else if (query.isError && !query.data) {
    body = (
      <div className="p-4">
        <QueryError error={query.error} title={t("inbox.listFailed")} onRetry={() => void query.refetch()} />
      </div>
    );
  } else if (items.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={<SearchIcon className="size-6" />}
        title={t("inbox.empty.noResultsTitle")}
        body={t("inbox.empty.noResultsBody")}
        action={
          <Button variant="secondary" size="sm" onClick={() => onFiltersChange(NO_FILTERS)}>
            {t("inbox.filters.clear")}
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={<InboxIcon className="size-6" />}
        title={t("inbox.empty.inboxTitle")}
        body={t("inbox.empty.inboxBody")}
        action={
          <ButtonLink href={`/t/${tenant.slug}/settings/channels`} variant="secondary" size="sm">
            {t("inbox.empty.connectChannels")}
          </ButtonLink>
        }
      />
    );
  } else {
    body = (
      <>
        <ul
          aria-label={t("inbox.conversations")}
          aria-busy={query.isPlaceholderData || undefined}
          className={clsx("divide-y divide-slate-100 transition-opacity", query.isPlaceholderData && "opacity-60")}
        >
          {items.map((conversation) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              href={hrefFor(conversation.id)}
              selected={conversation.id === selectedId}
              now={now}
              onOpen={onOpen}
            />
          ))}
        </ul>
        {query.hasNextPage ? (
          <LoadMoreButton loading={query.isFetchingNextPage} onLoad={() => !query.isFetchingNextPage && void query.fetchNextPage()} />
        ) : (
          items.length > 10 && <p className="px-4 py-4 text-center text-xs text-slate-400">{t("inbox.endOfList")}</p>
        )}
        {query.isFetchNextPageError && (
          <div className="px-3 pb-3">
            <QueryError error={query.error} />
          </div>
        )}
      </>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="space-y-3 border-b border-slate-200 px-4 pt-4 pb-3">
        <div className="flex items-center gap-2">
          <h1 className="text-lg font-semibold tracking-tight text-slate-900">{t("inbox.title")}</h1>
          {unreadConversations !== null && unreadConversations > 0 && (
            <span
              title={t("inbox.unreadCount", { count: unreadConversations })}
              className="inline-flex min-w-6 items-center justify-center rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white"
            >
              <span aria-hidden="true">{unreadConversations}</span>
              <span className="sr-only">{t("inbox.unreadCount", { count: unreadConversations })}</span>
            </span>
          )}
          <div className="ml-auto flex items-center gap-1">{headerActions}</div>
        </div>
        <ConversationFilters filters={filters} channels={channels} knownTags={knownTags} onChange={onFiltersChange} />
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {notice}
      <div className="min-h-0 flex-1 overflow-y-auto">{body}</div>
      {footer}
    </div>
  );
}
