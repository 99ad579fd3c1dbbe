"use client";

import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { isConversationStatus, type ConversationStatus } from "./types";

export type StatusFilter = ConversationStatus | "all";
export type AssigneeFilter = "all" | "mine" | "unassigned";

export interface InboxFilters {
  status: StatusFilter;
  assignee: AssigneeFilter;
  channelAccountId?: string;
  unreadOnly: boolean;
  overdueOnly: boolean;
  tag?: string;
  search?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** URL parameter names: short, because people share and bookmark these links. */
const PARAM = {
  conversation: "c",
  status: "status",
  assignee: "assignee",
  channel: "channel",
  unread: "unread",
  overdue: "overdue",
  tag: "tag",
  search: "q",
} as const;

function parseFilters(params: URLSearchParams): InboxFilters {
  const status = params.get(PARAM.status) ?? "";
  const assignee = params.get(PARAM.assignee);
  const channel = params.get(PARAM.channel) ?? "";
  const tag = params.get(PARAM.tag)?.trim();
  const search = params.get(PARAM.search)?.trim();
  return {
    status: isConversationStatus(status) ? status : "all",
    assignee: assignee === "mine" || assignee === "unassigned" ? assignee : "all",
    channelAccountId: UUID.test(channel) ? channel : undefined,
    unreadOnly: params.get(PARAM.unread) === "1",
    overdueOnly: params.get(PARAM.overdue) === "1",
    tag: tag ? tag.slice(0, 40) : undefined,
    search: search ? search.slice(0, 200) : undefined,
  };
}

function writeFilters(params: URLSearchParams, filters: InboxFilters) {
  const set = (name: string, value: string | undefined) => (value ? params.set(name, value) : params.delete(name));
  set(PARAM.status, filters.status === "all" ? undefined : filters.status);
  set(PARAM.assignee, filters.assignee === "all" ? undefined : filters.assignee);
  set(PARAM.channel, filters.channelAccountId);
  set(PARAM.unread, filters.unreadOnly ? "1" : undefined);
  set(PARAM.overdue, filters.overdueOnly ? "1" : undefined);
  set(PARAM.tag, filters.tag);
  set(PARAM.search, filters.search);
}

export function hasActiveFilters(filters: InboxFilters): boolean {
  return (
    filters.status !== "all" ||
    filters.assignee !== "all" ||
    Boolean(filters.channelAccountId || filters.tag || filters.search) ||
    filters.unreadOnly ||
    filters.overdueOnly
  );
}

/** Every key present (undefined included), so applying it as a patch clears everything. */
export const NO_FILTERS = {
  status: "all",
  assignee: "all",
  channelAccountId: undefined,
  unreadOnly: false,
  overdueOnly: false,
  tag: undefined,
  search: undefined,
} satisfies Record<keyof InboxFilters, unknown> & Partial<InboxFilters>;

/**
 * The selected conversation and the list filters live in the URL, so a reload or a
 * shared link shows the same view. Changes go through the History API, which Next.js
 * folds into useSearchParams without a server round trip.
 */
export function useInboxUrl() {
  const params = useSearchParams();
  const filters = useMemo(() => parseFilters(new URLSearchParams(params.toString())), [params]);
  const rawSelected = params.get(PARAM.conversation);
  const selectedId = rawSelected && UUID.test(rawSelected) ? rawSelected : null;
  /** An id that is in the URL but cannot be a conversation id (shown as "not found"). */
  const invalidSelection = rawSelected !== null && selectedId === null;

  const hrefFor = useCallback(
    (conversationId: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (conversationId) next.set(PARAM.conversation, conversationId);
      else next.delete(PARAM.conversation);
      const query = next.toString();
      return query ? `?${query}` : "?";
    },
    [params],
  );

  /** Opening a conversation is a history entry (Back returns to the list on a phone). */
  const select = useCallback((conversationId: string | null, { replace = false } = {}) => {
    const next = new URLSearchParams(window.location.search);
    if (conversationId) next.set(PARAM.conversation, conversationId);
    else next.delete(PARAM.conversation);
    const url = `${window.location.pathname}${next.size ? `?${next.toString()}` : ""}`;
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, []);

  /** Filters replace the current entry: typing a search should not fill the Back button. */
  const setFilters = useCallback((patch: Partial<InboxFilters>) => {
    const next = new URLSearchParams(window.location.search);
    writeFilters(next, { ...parseFilters(next), ...patch });
    window.history.replaceState(null, "", `${window.location.pathname}${next.size ? `?${next.toString()}` : ""}`);
  }, []);

  return { filters, selectedId, invalidSelection, hrefFor, select, setFilters };
}
