"use client";

import type { Ref } from "react";
import { Listbox, ListboxButton, ListboxOption, ListboxOptions, Menu, MenuButton, MenuItem, MenuItems } from "@headlessui/react";
import { useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { ChannelBadge } from "@/components/channels/channel-badge";
import { NeedsHumanBadge } from "@/components/ai/ai-badges";
import { Button, buttonClasses } from "@/components/ui/button";
import { DismissibleAlert } from "@/components/ui/dismissible-alert";
import { CheckIcon } from "@/components/ui/icons";
import { ConversationStatusBadge } from "./conversation-status-badge";
import { ArrowLeftIcon, ChevronDownIcon, EnvelopeIcon, EnvelopeOpenIcon, PanelRightIcon, SnoozeIcon, UserIcon } from "./inbox-icons";
import { TagsEditor } from "./tags-editor";
import { formatDateTime } from "./time-format";
import type { ConversationActions } from "./use-conversation-actions";
import type { ThreadConversation } from "./types";

const menuClasses =
  "z-50 min-w-48 rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:opacity-0";
const itemClasses =
  "group flex w-full cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-left text-sm text-slate-700 data-focus:bg-slate-100 data-focus:text-slate-900";

const NOT_ASSIGNED = "none";

/** Snooze presets, computed when chosen: in an hour, tomorrow at 9:00 (local time), in three days. */
function snoozeUntil(preset: "hour" | "tomorrow" | "threeDays"): Date {
  const now = new Date();
  if (preset === "hour") return new Date(now.getTime() + 60 * 60_000);
  if (preset === "threeDays") return new Date(now.getTime() + 3 * 24 * 60 * 60_000);
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return tomorrow;
}

function StatusMenu({ conversation, actions }: { conversation: ThreadConversation; actions: ConversationActions }) {
  const t = useT();
  return (
    <Menu>
      <MenuButton
        disabled={actions.statusPending}
        title={t("inbox.actions.status")}
        className={buttonClasses({
          variant: conversation.status === "resolved" ? "secondary" : "primary",
          size: "sm",
          className: clsx("rounded-l-none border-l px-1.5", conversation.status === "resolved" ? "border-slate-300" : "border-brand-700"),
        })}
      >
        <ChevronDownIcon className="size-4" />
        <span className="sr-only">
          {t("inbox.actions.status")}: {t(`inbox.status.${conversation.status}`)}
        </span>
      </MenuButton>
      <MenuItems anchor={{ to: "bottom start", gap: 4 }} transition className={menuClasses}>
        {(["open", "pending", "resolved"] as const).map((status) => (
          <MenuItem key={status}>
            <button type="button" className={itemClasses} onClick={() => actions.setStatus(status)}>
              <CheckIcon className={clsx("size-4 text-brand-600", conversation.status !== status && "invisible")} />
              {t(`inbox.status.${status}`)}
            </button>
          </MenuItem>
        ))}
      </MenuItems>
    </Menu>
  );
}

function SnoozeMenu({ actions }: { actions: ConversationActions }) {
  const t = useT();
  const presets = [
    ["hour", t("inbox.actions.snoozeHour")],
    ["tomorrow", t("inbox.actions.snoozeTomorrow")],
    ["threeDays", t("inbox.actions.snoozeThreeDays")],
  ] as const;
  return (
    <Menu>
      <MenuButton disabled={actions.statusPending} className={buttonClasses({ variant: "secondary", size: "sm" })}>
        <SnoozeIcon className="size-4" />
        {t("inbox.actions.snooze")}
        <ChevronDownIcon className="size-3.5 text-slate-500" />
      </MenuButton>
      <MenuItems anchor={{ to: "bottom start", gap: 4 }} transition className={menuClasses}>
        {presets.map(([preset, label]) => (
          <MenuItem key={preset}>
            <button type="button" className={itemClasses} onClick={() => actions.setStatus("snoozed", snoozeUntil(preset))}>
              {label}
            </button>
          </MenuItem>
        ))}
      </MenuItems>
    </Menu>
  );
}

function AssigneePicker({ conversation, actions }: { conversation: ThreadConversation; actions: ConversationActions }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const members = useQuery(trpc.tenants.members.queryOptions({ tenantSlug: tenant.slug }));
  const current = conversation.assignee;
  const options = [
    { id: NOT_ASSIGNED, name: t("inbox.actions.unassigned") },
    ...(members.data ?? []).map((member) => ({ id: member.user.id, name: member.user.name })),
  ];
  // Someone assigned but no longer listed (left the team) still shows up as the current value.
  if (current && !options.some((option) => option.id === current.id)) options.push({ id: current.id, name: current.name });
  return (
    <Listbox
      value={current?.id ?? NOT_ASSIGNED}
      onChange={(id: string) => actions.assign(id === NOT_ASSIGNED ? null : id)}
      disabled={actions.assignPending}
    >
      <ListboxButton className={buttonClasses({ variant: "secondary", size: "sm", className: "max-w-48" })}>
        <UserIcon className="size-4" />
        {current ? (
          <span className="truncate">
            <span className="sr-only">{t("inbox.assignedTo", { name: "" })}</span>
            {current.name}
          </span>
        ) : (
          t("inbox.actions.assign")
        )}
        <ChevronDownIcon className="size-3.5 text-slate-500" />
      </ListboxButton>
      <ListboxOptions anchor={{ to: "bottom start", gap: 4 }} transition className={clsx(menuClasses, "max-h-72 overflow-y-auto")}>
        {options.map((option) => (
          <ListboxOption key={option.id} value={option.id} className={itemClasses}>
            <CheckIcon className="invisible size-4 text-brand-600 group-data-selected:visible" />
            <span className="truncate">{option.name}</span>
          </ListboxOption>
        ))}
      </ListboxOptions>
    </Listbox>
  );
}

export function ConversationHeader({
  conversation,
  buyer,
  actions,
  headingRef,
  onBack,
  onShowDetails,
  onMarkRead,
}: {
  conversation: ThreadConversation;
  buyer: string;
  actions: ConversationActions;
  headingRef: Ref<HTMLHeadingElement>;
  onBack: () => void;
  onShowDetails: () => void;
  onMarkRead: (read: boolean) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const resolved = conversation.status === "resolved";
  return (
    <header className="border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
      <div className="flex items-start gap-2">
        <button
          type="button"
          onClick={onBack}
          className="-ml-1.5 cursor-pointer rounded-md p-1.5 text-slate-600 hover:bg-slate-100 md:hidden"
        >
          <ArrowLeftIcon />
          <span className="sr-only">{t("inbox.thread.backToList")}</span>
        </button>
        <div className="min-w-0 flex-1">
          <h2 ref={headingRef} tabIndex={-1} className="truncate text-base font-semibold text-slate-900 focus:outline-none">
            {buyer}
          </h2>
          <p className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <ChannelBadge kind={conversation.channelAccount.kind} />
            <span>{t("inbox.number", { number: conversation.number })}</span>
            <ConversationStatusBadge status={conversation.status} />
            {conversation.needsHuman && <NeedsHumanBadge reason={conversation.needsHumanReason} />}
            {conversation.status === "snoozed" && conversation.snoozedUntil && (
              <span>{t("inbox.actions.snoozedUntil", { date: formatDateTime(conversation.snoozedUntil, locale) })}</span>
            )}
          </p>
        </div>
        {conversation.unreadCount > 0 ? (
          <Button variant="ghost" size="sm" disabled={actions.readPending} onClick={() => onMarkRead(true)} title={t("inbox.actions.markRead")}>
            <EnvelopeOpenIcon className="size-4" />
            <span className="sr-only">{t("inbox.actions.markRead")}</span>
          </Button>
        ) : (
          <Button variant="ghost" size="sm" disabled={actions.readPending} onClick={() => onMarkRead(false)} title={t("inbox.actions.markUnread")}>
            <EnvelopeIcon className="size-4" />
            <span className="sr-only">{t("inbox.actions.markUnread")}</span>
          </Button>
        )}
        <Button variant="ghost" size="sm" onClick={onShowDetails} className="min-[1400px]:hidden">
          <PanelRightIcon className="size-4" />
          {t("inbox.thread.showDetails")}
        </Button>
      </div>
      <div role="group" aria-label={t("inbox.actions.label")} className="mt-3 flex flex-wrap items-center gap-2">
        {/* The main status change is one click; the others sit behind the arrow next to it. */}
        <div className="flex">
          {resolved ? (
            <Button
              size="sm"
              variant="secondary"
              loading={actions.statusPending}
              onClick={() => actions.setStatus("open")}
              className="rounded-r-none"
            >
              {t("inbox.actions.reopen")}
            </Button>
          ) : (
            <Button size="sm" loading={actions.statusPending} onClick={() => actions.setStatus("resolved")} title="E" className="rounded-r-none">
              <CheckIcon className="size-4" />
              {t("inbox.actions.resolve")}
            </Button>
          )}
          <StatusMenu conversation={conversation} actions={actions} />
        </div>
        {!resolved && <SnoozeMenu actions={actions} />}
        <AssigneePicker conversation={conversation} actions={actions} />
        <TagsEditor tags={conversation.tags} disabled={actions.tagsPending} onChange={actions.setTags} />
      </div>
      {actions.error && <DismissibleAlert onDismiss={actions.dismissError} className="mt-3">
          {actions.error}
        </DismissibleAlert>}
    </header>
  );
}
