"use client";

import { Fragment, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useLocale, useT } from "@/components/providers/i18n";
import type { Locale } from "@/lib/i18n/messages";
import { LockIcon } from "./inbox-icons";
import { ThreadMessageItem } from "./thread-message";
import { describeEvent } from "./timeline-events";
import { formatDateTime, formatTime } from "./time-format";
import type { ConversationThread, ThreadEvent, ThreadMessage, ThreadNote } from "./types";

type TimelineEntry =
  | { kind: "message"; at: Date; item: ThreadMessage }
  | { kind: "note"; at: Date; item: ThreadNote }
  | { kind: "event"; at: Date; item: ThreadEvent };

/**
 * Messages (already in platform order), notes and activity merged by time. The sort is
 * stable, so messages with equal timestamps keep the platform's order.
 */
function mergeTimeline(thread: ConversationThread): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...thread.messages.map((item) => ({ kind: "message" as const, at: item.platformCreatedAt, item })),
    ...thread.notes.map((item) => ({ kind: "note" as const, at: item.createdAt, item })),
    ...thread.events.map((item) => ({ kind: "event" as const, at: item.createdAt, item })),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function dayLabel(date: Date, now: number, locale: Locale): string {
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(date) - startOfDay(new Date(now))) / 86_400_000);
  const text =
    days >= -1
      ? new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(days, "day")
      : new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long" }).format(date);
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

function NoteItem({ note, author }: { note: ThreadNote; author: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="flex justify-center">
      <article
        aria-label={t("inbox.thread.internalNote")}
        className="w-full max-w-[92%] rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 sm:max-w-[80%]"
      >
        <p className="flex items-center gap-1.5 text-xs font-semibold text-amber-900">
          <LockIcon className="size-3.5" />
          {t("inbox.thread.internalNote")}
        </p>
        <p className="mt-0.5 text-xs text-amber-800">
          {author} ·{" "}
          <time dateTime={note.createdAt.toISOString()} title={formatDateTime(note.createdAt, locale)}>
            {formatTime(note.createdAt, locale)}
          </time>
        </p>
        <p className="mt-2 text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-900">{note.text}</p>
      </article>
    </li>
  );
}

function EventLine({ text, at }: { text: string; at: Date }) {
  const locale = useLocale();
  return (
    <li className="flex justify-center px-4">
      <p className="text-center text-xs text-slate-500">
        {text} ·{" "}
        <time dateTime={at.toISOString()} title={formatDateTime(at, locale)}>
          {formatTime(at, locale)}
        </time>
      </p>
    </li>
  );
}

/** Near the bottom the view follows new entries; a reader scrolled up is left where they are. */
const FOLLOW_THRESHOLD_PX = 120;

export function ThreadTimeline({
  thread,
  buyer,
  now,
  nameOf,
}: {
  thread: ConversationThread;
  buyer: string;
  now: number;
  nameOf: (userId: string | null) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const scrollRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const entries = mergeTimeline(thread);
  const days = entries.map((entry) => dayLabel(entry.at, now, locale));
  const inbound = thread.messages.filter((m) => m.direction === "inbound").length;

  // A buyer's new message is announced; the first render of a thread is not.
  const [seenInbound, setSeenInbound] = useState(inbound);
  const [announcement, setAnnouncement] = useState("");
  if (inbound !== seenInbound) {
    setSeenInbound(inbound);
    if (inbound > seenInbound) setAnnouncement(t("inbox.newThreadMessage", { name: buyer }));
  }

  useLayoutEffect(() => {
    const node = scrollRef.current;
    if (node && following.current) node.scrollTop = node.scrollHeight;
  }, [entries.length]);

  useEffect(() => {
    const node = scrollRef.current;
    if (!node) return;
    const onScroll = () => {
      following.current = node.scrollHeight - node.scrollTop - node.clientHeight < FOLLOW_THRESHOLD_PX;
    };
    node.addEventListener("scroll", onScroll, { passive: true });
    return () => node.removeEventListener("scroll", onScroll);
  }, []);

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto bg-slate-50/60 px-4 py-5 sm:px-6">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {entries.length === 0 ? (
        <p className="py-10 text-center text-sm text-slate-500">{t("inbox.thread.noMessages")}</p>
      ) : (
        <ol aria-label={t("inbox.thread.timeline")} className="mx-auto max-w-3xl space-y-4">
          {thread.olderMessagesHidden && (
            <li className="rounded-md bg-slate-100 px-3 py-2 text-center text-xs text-slate-600">{t("inbox.thread.olderHidden")}</li>
          )}
          {entries.map((entry, index) => {
            const day = days[index];
            const divider = index === 0 || day !== days[index - 1];
            return (
              <Fragment key={`${entry.kind}-${entry.item.id}`}>
                {divider && (
                  <li aria-hidden="true" className="flex items-center gap-3 pt-2 text-xs font-medium text-slate-400">
                    <span className="h-px flex-1 bg-slate-200" />
                    {day}
                    <span className="h-px flex-1 bg-slate-200" />
                  </li>
                )}
                {entry.kind === "message" ? (
                  <ThreadMessageItem message={entry.item} channelKind={thread.conversation.channelAccount.kind} buyer={buyer} people={thread.people} />
                ) : entry.kind === "note" ? (
                  <NoteItem note={entry.item} author={nameOf(entry.item.authorUserId)} />
                ) : (
                  <EventLine text={describeEvent(entry.item, { t, locale, nameOf })} at={entry.at} />
                )}
              </Fragment>
            );
          })}
        </ol>
      )}
    </div>
  );
}
