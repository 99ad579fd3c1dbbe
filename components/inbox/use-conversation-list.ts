"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import type { InboxFilters } from "./use-inbox-url";

/** New buyer messages must show up within 5 s without a reload. */
export const INBOX_REFRESH_MS = 4_000;
const PAGE_SIZE = 30;

export function useConversationList(filters: InboxFilters) {
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const query = useInfiniteQuery(
    trpc.inbox.list.infiniteQueryOptions(
      { tenantSlug: tenant.slug, ...filters, limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        refetchInterval: INBOX_REFRESH_MS,
        // While a new search or filter loads, keep showing the previous rows (dimmed).
        placeholderData: keepPreviousData,
      },
    ),
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { query, items };
}
