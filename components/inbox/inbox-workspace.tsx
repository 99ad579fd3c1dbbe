"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SEARCH_INPUT_ID } from "./conversation-filters";
import { ConversationListPane } from "./conversation-list-pane";
import { ConversationView } from "./conversation-view";
import { EmptyState } from "./empty-state";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { ChatIcon, KeyboardIcon } from "./inbox-icons";
import { KeyboardHelpDialog } from "./keyboard-help";
import { SimulateMessageDialog, type SimulationTarget } from "./simulate-message-dialog";
import { useConversationList } from "./use-conversation-list";
import { useInboxUrl } from "./use-inbox-url";
import { useNow } from "./use-now";
import { useShortcuts } from "./use-shortcuts";
import { buyerName } from "./types";
import { BillingBanner } from "@/components/billing/billing-banner";

/** How long the "message arrived" confirmation of the simulator stays up. */
const NOTICE_MS = 8_000;

function focusRow(conversationId: string) {
  const row = document.querySelector<HTMLElement>(`[data-conversation-id="${conversationId}"]`);
  row?.focus();
  row?.scrollIntoView({ block: "nearest" });
}

/**
 * The inbox: list | conversation | details from the xl breakpoint, list | conversation
 * from md, and one pane at a time on phones (list, then the conversation with a back
 * button). It fills the whole area next to the sidebar instead of the centred page
 * column, because three panes need the width and each pane scrolls on its own.
 */
export function InboxWorkspace() {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const now = useNow();
  const url = useInboxUrl();
  const list = useConversationList(url.filters);
  const channels = useQuery(trpc.inbox.channels.queryOptions({ tenantSlug: tenant.slug }));
  const [helpOpen, setHelpOpen] = useState(false);
  const [simulateOpen, setSimulateOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const lastOpened = useRef<string | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const { items, query } = list;
  const selectedId = url.selectedId;
  const demoChannel = channels.data?.find((channel) => channel.kind === "demo" && channel.status === "active") ?? null;
  const selectedItem = items.find((item) => item.id === selectedId) ?? null;
  const simulationTarget: SimulationTarget | null =
    selectedItem && demoChannel && selectedItem.channelAccount.id === demoChannel.id
      ? { id: selectedItem.id, number: selectedItem.number, buyer: buyerName(selectedItem.customer, t("inbox.deletedBuyer")) }
      : null;

  function open(conversationId: string) {
    lastOpened.current = conversationId;
    url.select(conversationId);
  }

  function backToList() {
    url.select(null);
    const previous = lastOpened.current;
    if (previous) requestAnimationFrame(() => focusRow(previous));
  }

  function move(step: 1 | -1) {
    if (items.length === 0) return;
    const index = items.findIndex((item) => item.id === selectedId);
    const nextIndex = index === -1 ? 0 : index + step;
    const next = items[Math.min(Math.max(nextIndex, 0), items.length - 1)];
    if (!next) return;
    if (nextIndex >= items.length - 3 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    if (next.id !== selectedId) open(next.id);
    requestAnimationFrame(() => focusRow(next.id));
  }

  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    "/": () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    "?": () => setHelpOpen((value) => !value),
  });

  return (
    <div className="fixed inset-x-0 top-14 bottom-0 flex flex-col bg-white lg:top-0 lg:left-72">
      <BillingBanner className="mx-3 mt-3" />
      <div className="flex min-h-0 flex-1">
        <div
          className={clsx(
            "flex w-full shrink-0 flex-col border-r border-slate-200 md:w-80 2xl:w-96",
            selectedId !== null || url.invalidSelection ? "max-md:hidden" : "",
          )}
        >
          <ConversationListPane
            list={list}
            filters={url.filters}
            channels={channels.data ?? []}
            selectedId={selectedId}
            now={now}
            hrefFor={url.hrefFor}
            onOpen={open}
            onFiltersChange={url.setFilters}
            notice={
              notice && (
                <Alert
                  tone="success"
                  className="mx-3 mt-3"
                  action={
                    <button type="button" onClick={() => setNotice(null)} className="cursor-pointer text-xs font-medium underline">
                      {t("common.close")}
                    </button>
                  }
                >
                  {notice}
                </Alert>
              )
            }
            headerActions={
              demoChannel && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => setSimulateOpen(true)}
                  aria-label={t("inbox.simulate.open")}
                  title={t("inbox.simulate.open")}
                >
                  <ChatIcon className="size-4" />
                  {t("inbox.simulate.short")}
                </Button>
              )
            }
            footer={
              <div className="hidden border-t border-slate-200 px-4 py-2 md:block">
                <button
                  type="button"
                  onClick={() => setHelpOpen(true)}
                  className="inline-flex cursor-pointer items-center gap-1.5 rounded-md px-1.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100"
                >
                  <KeyboardIcon className="size-4" />
                  {t("inbox.shortcuts.title")}
                  <kbd aria-hidden="true" className="rounded border border-slate-300 bg-slate-50 px-1 font-sans text-[11px] text-slate-600">
                    ?
                  </kbd>
                </button>
              </div>
            }
          />
        </div>

        <section
          aria-label={t("inbox.conversation")}
          className={clsx("min-w-0 flex-1 flex-col bg-white", selectedId !== null || url.invalidSelection ? "flex" : "hidden md:flex")}
        >
          {selectedId ? (
            <ConversationView key={selectedId} conversationId={selectedId} now={now} onBack={backToList} />
          ) : url.invalidSelection ? (
            <EmptyState
              className="h-full"
              icon={<ChatIcon className="size-6" />}
              title={t("inbox.empty.notFoundTitle")}
              body={t("inbox.errors.conversationNotFound")}
              action={
                <Button variant="secondary" size="sm" onClick={backToList}>
                  {t("inbox.thread.backToList")}
                </Button>
              }
            />
          ) : (
            <div className="flex h-full flex-col overflow-y-auto bg-slate-50/60">
              <OnboardingChecklist className="mx-auto mt-6 w-full max-w-xl" />
              <EmptyState
                className="flex-1"
                icon={<ChatIcon className="size-6" />}
                title={t("inbox.empty.nothingSelectedTitle")}
                body={t("inbox.empty.nothingSelectedBody")}
              />
            </div>
          )}
        </section>

        <KeyboardHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
        {demoChannel && (
          <SimulateMessageDialog
            open={simulateOpen}
            channelAccountId={demoChannel.id}
            current={simulationTarget}
            onClose={() => setSimulateOpen(false)}
            onDone={(message) => {
              setSimulateOpen(false);
              setNotice(message);
            }}
          />
        )}
      </div>
    </div>
  );
}
