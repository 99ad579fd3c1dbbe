"use client";

import { useCallback, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { INBOX_REFRESH_MS } from "@/components/inbox/use-conversation-list";
import { useInboxRefresh } from "@/components/inbox/use-inbox-refresh";

/** The engine's latest reply in a conversation, looked at as often as the inbox list. */
export function useLatestReply(conversationId: string) {
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  return useQuery(trpc.ai.latestReply.queryOptions({ tenantSlug: tenant.slug, conversationId }, { refetchInterval: INBOX_REFRESH_MS }));
}

/**
 * Send (as written or edited), discard and regenerate one conversation's AI reply, with
 * one shared error line and a short confirmation for screen readers. After each, the
 * reply, the thread and the list are fetched again.
 */
export function useDraftActions(conversationId: string) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const queryClient = useQueryClient();
  const refreshInbox = useInboxRefresh();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(
    () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.ai.latestReply.pathKey() }), refreshInbox()]),
    [queryClient, trpc, refreshInbox],
  );
  const handlers = (done: string | null) => ({
    onMutate: () => {
      setError(null);
      setNotice(null);
    },
    onSuccess: () => done && setNotice(done),
    onError: (cause: unknown) => setError(readFormError(cause, t("errors.internal")).message),
    onSettled: () => refresh(),
  });

  const send = useMutation(trpc.ai.sendDraft.mutationOptions(handlers(t("ai.ui.draft.sent"))));
  const discard = useMutation(trpc.ai.discardDraft.mutationOptions(handlers(t("ai.ui.draft.discarded"))));
  const regenerate = useMutation(trpc.ai.regenerate.mutationOptions(handlers(null)));

  return {
    error,
    notice,
    setError,
    dismissError: () => setError(null),
    send: (replyId: string, text?: string) => send.mutate({ tenantSlug: tenant.slug, replyId, text }),
    sending: send.isPending,
    discard: (replyId: string) => discard.mutate({ tenantSlug: tenant.slug, replyId }),
    discarding: discard.isPending,
    regenerate: () => regenerate.mutate({ tenantSlug: tenant.slug, conversationId }),
    regenerating: regenerate.isPending,
    busy: send.isPending || discard.isPending || regenerate.isPending,
  };
}

export type DraftActions = ReturnType<typeof useDraftActions>;
