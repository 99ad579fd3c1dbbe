"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { useInboxRefresh } from "./use-inbox-refresh";
import type { ConversationStatus } from "./types";

/** Status, assignee, tags and read state of one conversation, with one shared error line. */
export function useConversationActions(conversationId: string) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const refresh = useInboxRefresh();
  const [error, setError] = useState<string | null>(null);
  const handlers = {
    onMutate: () => setError(null),
    onError: (cause: unknown) => setError(readFormError(cause, t("inbox.actionFailed")).message),
    onSettled: () => refresh(),
  };
  const status = useMutation(trpc.inbox.setStatus.mutationOptions(handlers));
  const assign = useMutation(trpc.inbox.assign.mutationOptions(handlers));
  const tags = useMutation(trpc.inbox.setTags.mutationOptions(handlers));
  const read = useMutation(trpc.inbox.markRead.mutationOptions(handlers));
  const scope = { tenantSlug: tenant.slug, conversationId };

  return {
    error,
    dismissError: () => setError(null),
    setStatus: (next: ConversationStatus, snoozedUntil?: Date) => status.mutate({ ...scope, status: next, snoozedUntil }),
    statusPending: status.isPending,
    assign: (assigneeId: string | null) => assign.mutate({ ...scope, assigneeId }),
    assignPending: assign.isPending,
    setTags: (next: string[]) => tags.mutate({ ...scope, tags: next }),
    tagsPending: tags.isPending,
    markRead: (value: boolean) => read.mutate({ ...scope, read: value }),
    readPending: read.isPending,
  };
}

export type ConversationActions = ReturnType<typeof useConversationActions>;
