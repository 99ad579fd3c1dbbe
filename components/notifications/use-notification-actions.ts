"use client";

import { useEffect, useRef } from "react";
import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import type { NotificationPage } from "./types";

/**
 * Marking notifications read. The bell's count and the open list change at once (the
 * poll is held back meanwhile), then both are fetched again from the server.
 */
export function useNotificationActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const countKey = trpc.notifications.unreadCount.queryKey({ tenantSlug: tenant.slug });
  const listKey = trpc.notifications.list.infiniteQueryKey({ tenantSlug: tenant.slug });

  async function markLocally(ids: readonly string[] | "all") {
    await Promise.all([queryClient.cancelQueries({ queryKey: countKey }), queryClient.cancelQueries({ queryKey: listKey })]);
    const pages = queryClient.getQueryData<InfiniteData<NotificationPage>>(listKey);
    const unreadShown = pages?.pages.flatMap((page) => page.items).filter((item) => !item.read && (ids === "all" || ids.includes(item.id))).length;
    queryClient.setQueryData<number>(countKey, (count) =>
      count === undefined ? count : ids === "all" ? 0 : Math.max(0, count - (unreadShown ?? ids.length)),
    );
    queryClient.setQueryData<InfiniteData<NotificationPage>>(listKey, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (ids === "all" || ids.includes(item.id) ? { ...item, read: true } : item)),
            })),
          }
        : data,
    );
  }

  const refetch = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: ({ ids }) => markLocally(ids),
      onSettled: refetch,
    }),
  );

  const markAllRead = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onMutate: () => markLocally("all"),
      onSettled: refetch,
    }),
  );

  return { markRead, markAllRead };
}

/**
 * Opening a conversation settles the signed-in member's notifications about it, once per
 * conversation shown; the bell is fetched again only when something was settled.
 */
export function useSettleConversationNotifications(conversationId: string, shown: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const settle = useMutation(
    trpc.notifications.markConversationRead.mutationOptions({
      onSuccess: ({ updated }) => {
        if (updated > 0) void queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      },
    }),
  );
  const { mutate } = settle;
  const settledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!shown || settledFor.current === conversationId) return;
    settledFor.current = conversationId;
    mutate({ tenantSlug: tenant.slug, conversationId });
  }, [conversationId, shown, mutate, tenant.slug]);
}
