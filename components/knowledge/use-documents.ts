"use client";

import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { isInProgress } from "./types";

/** How often the list is fetched again while a document waits for or is in processing. */
export const POLL_MS = 2_000;

/** The tenant's documents, polled while any of them is still queued or processing. */
export function useDocuments() {
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  return useQuery(
    trpc.knowledgeBase.list.queryOptions(
      { tenantSlug: tenant.slug },
      { refetchInterval: (query) => (query.state.data?.some((doc) => isInProgress(doc.status)) ? POLL_MS : false) },
    ),
  );
}

export function usePlanLimits() {
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  return useQuery(trpc.knowledgeBase.limits.queryOptions({ tenantSlug: tenant.slug }));
}

/** After any change: the list (and with it the polling), the plan usage and earlier test searches. */
export function useKnowledgeRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.limits.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.knowledgeBase.testSearch.queryKey() }),
      ]),
    [queryClient, trpc],
  );
}
