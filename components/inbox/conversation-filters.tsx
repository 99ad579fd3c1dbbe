"use client";

import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Listbox, ListboxButton, ListboxOption, ListboxOptions } from "@headlessui/react";
import clsx from "clsx";
import { useT } from "@/components/providers/i18n";
import { CheckIcon } from "@/components/ui/icons";
import { ChevronDownIcon, SearchIcon } from "./inbox-icons";
import { hasActiveFilters, NO_FILTERS, type AssigneeFilter, type InboxFilters, type StatusFilter } from "./use-inbox-url";
import { CONVERSATION_STATUSES, isConversationStatus, type InboxChannel } from "./types";

export const SEARCH_INPUT_ID = "inbox-search";
const SEARCH_DEBOUNCE_MS = 300;

function isAssigneeFilter(value: string): value is AssigneeFilter {
  return value === "all" || value === "mine" || value === "unassigned";
}

/** The search box keeps what is typed locally and tells the URL after a pause. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (value: string) => void }) {
  const t = useT();
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  const [sent, setSent] = useState(value);
  // The URL changed from elsewhere ("Clear filters", Back): show that. Our own echo is
  // ignored, or letters typed after the pause would be overwritten.
  if (value !== lastValue) {
    setLastValue(value);
    if (value !== sent) {
      setText(value);
      setSent(value);
    }
  }
  const search = useCallback(
    (next: string) => {
      setSent(next);
      onSearch(next);
    },
    [onSearch],
  );
  useEffect(() => {
    if (text.trim() === sent) return;
    const timer = setTimeout(() => search(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, sent, search]);

  return (
    <div className="relative">
      <label htmlFor={SEARCH_INPUT_ID} className="sr-only">
        {t("inbox.filters.search")}
      </label>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400" />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") search(text.trim());
          if (event.key === "Escape" && text) {
            event.preventDefault();
            setText("");
            search("");
          }
        }}
        placeholder={t("inbox.filters.searchPlaceholder")}
        maxLength={200}
        autoComplete="off"
        className="block h-9 w-full rounded-lg border border-slate-300 bg-white pr-3 pl-8 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 hover:border-slate-400 focus:outline-2 focus:outline-offset-0 focus:outline-brand-500"
      />
    </div>
  );
}

interface FilterOption {
  value: string;
  label: string;
}

/**
 * A compact filter button: "Status" while it does not filter, "Status: Otwarta" when it
 * does. A listbox commits on Enter or click, so arrowing through options does not
 * reload the list on every key.
 */
function FilterListbox({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  /** The first option is the "no filter" one. */
  options: FilterOption[];
  onChange: (value: string) => void;
}) {
  const selected = options.find((option) => option.value === value);
  const active = selected !== undefined && selected !== options[0];
  return (
    <Listbox value={value} onChange={onChange}>
      <ListboxButton
        className={clsx(
          "inline-flex h-7 max-w-full cursor-pointer items-center gap-1 rounded-full px-3 text-xs font-medium ring-1 transition-colors ring-inset",
          active ? "bg-brand-50 text-brand-800 ring-brand-200 hover:bg-brand-100" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
        )}
      >
        <span className="truncate">{active ? `${label}: ${selected.label}` : label}</span>
        <ChevronDownIcon className="size-3.5 shrink-0 opacity-70" />
      </ListboxButton>
      <ListboxOptions
        anchor={{ to: "bottom start", gap: 4 }}
        transition
        className="z-50 max-h-72 min-w-48 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg transition duration-100 ease-out focus:outline-none data-closed:opacity-0"
      >
        {options.map((option) => (
          <ListboxOption
            key={option.value}
            value={option.value}
            className="group flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 data-focus:bg-slate-100 data-focus:text-slate-900"
          >
            <CheckIcon className="invisible size-4 shrink-0 text-brand-600 group-data-selected:visible" />
            <span className="truncate">{option.label}</span>
          </ListboxOption>
        ))}
      </ListboxOptions>
    </Listbox>
  );
}

function ToggleChip({ pressed, onToggle, children }: { pressed: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onToggle}
      className={clsx(
        "inline-flex h-7 cursor-pointer items-center rounded-full px-3 text-xs font-medium ring-1 transition-colors ring-inset",
        pressed ? "bg-brand-600 text-white ring-brand-600 hover:bg-brand-700" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
      )}
    >
      {children}
    </button>
  );
}

export function ConversationFilters({
  filters,
  channels,
  knownTags,
  onChange,
}: {
  filters: InboxFilters;
  channels: InboxChannel[];
  knownTags: string[];
  onChange: (patch: Partial<InboxFilters>) => void;
}) {
  const t = useT();
  // Stable, so the search box's pause timer is not restarted by every list refresh.
  const search = useCallback((text: string) => onChange({ search: text || undefined }), [onChange]);
  const channelLabel = (channel: InboxChannel) => {
    const kind = t(`inbox.channelKind.${channel.kind}`);
    return channel.name === kind ? kind : `${kind} · ${channel.name}`;
  };
  const tags = [...new Set([...knownTags, ...(filters.tag ? [filters.tag] : [])])].sort((a, b) => a.localeCompare(b));
  return (
    <div role="search" aria-label={t("inbox.filters.label")} className="space-y-2">
      <SearchBox value={filters.search ?? ""} onSearch={search} />
      <div className="flex flex-wrap items-center gap-1.5">
        <FilterListbox
          label={t("inbox.filters.status")}
          value={filters.status}
          onChange={(value) => onChange({ status: (isConversationStatus(value) ? value : "all") satisfies StatusFilter })}
          options={[
            { value: "all", label: t("inbox.filters.allStatuses") },
            ...CONVERSATION_STATUSES.map((status) => ({ value: status, label: t(`inbox.status.${status}`) })),
          ]}
        />
        <FilterListbox
          label={t("inbox.filters.assignee")}
          value={filters.assignee}
          onChange={(value) => onChange({ assignee: isAssigneeFilter(value) ? value : "all" })}
          options={[
            { value: "all", label: t("inbox.assigneeFilter.all") },
            { value: "mine", label: t("inbox.assigneeFilter.mine") },
            { value: "unassigned", label: t("inbox.assigneeFilter.unassigned") },
          ]}
        />
        {channels.length > 1 && (
          <FilterListbox
            label={t("inbox.filters.channel")}
            value={filters.channelAccountId ?? ""}
            onChange={(value) => onChange({ channelAccountId: value || undefined })}
            options={[
              { value: "", label: t("inbox.filters.allChannels") },
              ...channels.map((channel) => ({ value: channel.id, label: channelLabel(channel) })),
            ]}
          />
        )}
        {tags.length > 0 && (
          <FilterListbox
            label={t("inbox.filters.tag")}
            value={filters.tag ?? ""}
            onChange={(value) => onChange({ tag: value || undefined })}
            options={[{ value: "", label: t("inbox.filters.allTags") }, ...tags.map((tag) => ({ value: tag, label: tag }))]}
          />
        )}
        <ToggleChip pressed={filters.unreadOnly} onToggle={() => onChange({ unreadOnly: !filters.unreadOnly })}>
          {t("inbox.filters.unreadOnly")}
        </ToggleChip>
        <ToggleChip pressed={filters.overdueOnly} onToggle={() => onChange({ overdueOnly: !filters.overdueOnly })}>
          {t("inbox.filters.overdueOnly")}
        </ToggleChip>
        {hasActiveFilters(filters) && (
          <button
            type="button"
            onClick={() => onChange(NO_FILTERS)}
            className="ml-auto cursor-pointer rounded-md px-1.5 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
          >
            {t("inbox.filters.clear")}
          </button>
        )}
      </div>
    </div>
  );
}
