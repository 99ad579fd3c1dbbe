"use client";

import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** After a change to a conversation, the list and the open thread are fetched again at once. */
export function useInboxRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.inbox.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.inbox.thread.pathKey() }),
      ]),
    [queryClient, trpc],
  );
}
