"use client";

import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { readFormError } from "@/components/forms/trpc-error";
import { ChannelBadge } from "@/components/channels/channel-badge";
import { AiBadge } from "@/components/ai/ai-badges";
import { Button } from "@/components/ui/button";
import { AlertIcon, CheckIcon } from "@/components/ui/icons";
import { ClockIcon, PaperclipIcon } from "./inbox-icons";
import { formatDateTime, formatTime } from "./time-format";
import { useInboxRefresh } from "./use-inbox-refresh";
import type { ChannelKind, ThreadMessage } from "./types";

interface Attachment {
  fileName: string;
  url?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Attachments as stored on the message. A buyer's come from the platform, whose links
 * need the seller's credentials: they are fetched through our route (by position). A
 * seller's were uploaded here (an id, downloaded through our route). Anything without
 * a file name is skipped.
 */
function attachmentsOf(message: ThreadMessage, tenantSlug: string): Attachment[] {
  if (!Array.isArray(message.attachments)) return [];
  const tenant = encodeURIComponent(tenantSlug);
  return message.attachments.flatMap((item, index) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return [];
    const fileName = "fileName" in item && typeof item.fileName === "string" ? item.fileName : null;
    const id = "id" in item && typeof item.id === "string" && UUID.test(item.id) ? item.id : null;
    const platformFile = "url" in item && typeof item.url === "string" && item.url !== "";
    const url = id
      ? `/api/inbox/attachments/${id}?tenant=${tenant}`
      : platformFile
        ? `/api/inbox/messages/${message.id}/attachments/${index}?tenant=${tenant}`
        : undefined;
    return fileName ? [{ fileName, url }] : [];
  });
}

function DeliveryState({ message }: { message: ThreadMessage }) {
  const t = useT();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const refresh = useInboxRefresh();
  const retry = useMutation(trpc.inbox.retryMessage.mutationOptions({ onSettled: () => refresh() }));
  if (!message.deliveryState) return null;
  if (message.deliveryState === "queued") {
    return (
      <p className="flex items-center justify-end gap-1 text-xs text-slate-500">
        <ClockIcon className="size-3.5" /> {t("inbox.delivery.queued")}
      </p>
    );
  }
  if (message.deliveryState === "sent") {
    return (
      <p className="flex items-center justify-end gap-1 text-xs text-slate-500">
        <CheckIcon className="size-3.5 text-emerald-600" /> {t("inbox.delivery.sent")}
      </p>
    );
  }
  return (
    <div className="space-y-1 text-right text-xs">
      <p className="flex items-center justify-end gap-1 font-medium text-red-700">
        <AlertIcon className="size-3.5" /> {t("inbox.delivery.failed")}
      </p>
      {message.deliveryError && <p className="text-red-700">{t("inbox.thread.deliveryError", { error: message.deliveryError })}</p>}
      {retry.isError && <p role="alert" className="text-red-700">{readFormError(retry.error, t("errors.internal")).message}</p>}
      <Button
        variant="secondary"
        size="sm"
        loading={retry.isPending}
        loadingText={t("inbox.thread.retrying")}
        onClick={() => retry.mutate({ tenantSlug: tenant.slug, messageId: message.id })}
      >
        {t("inbox.thread.retry")}
      </Button>
    </div>
  );
}

/** Allegro holds some buyer messages (VERIFYING, BLOCKED); their text is not ordinary text to answer. */
function HeldNotice({ status }: { status: string }) {
  const t = useT();
  return (
    <p className="mb-1.5 flex items-start gap-1.5 rounded-md bg-amber-50 px-2.5 py-1.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200 ring-inset">
      <AlertIcon className="mt-px size-4 shrink-0" />
      <span>
        <span className="font-mono text-[11px]">{status}</span> · {status === "BLOCKED" ? t("inbox.thread.heldBlocked") : t("inbox.thread.heldVerifying")}
      </span>
    </p>
  );
}

export function ThreadMessageItem({
  message,
  channelKind,
  buyer,
  people,
}: {
  message: ThreadMessage;
  channelKind: ChannelKind;
  buyer: string;
  people: Record<string, string>;
}) {
  const t = useT();
  const locale = useLocale();
  const tenant = useCurrentTenant();
  const inbound = message.direction === "inbound";
  const held = message.platformStatus === "VERIFYING" || message.platformStatus === "BLOCKED";
  const person = message.authorUserId ? (people[message.authorUserId] ?? t("inbox.thread.seller")) : null;
  // An AI reply a person approved carries their name; one the AI sent on its own, the assistant's.
  const author = inbound ? buyer : message.author === "ai" ? (person ?? t("inbox.thread.ai")) : (person ?? t("inbox.thread.sellerOnPlatform"));
  const attachments = attachmentsOf(message, tenant.slug);
  return (
    <li className={clsx("flex", inbound ? "justify-start" : "justify-end")}>
      <article
        aria-label={`${author}, ${formatDateTime(message.platformCreatedAt, locale)}`}
        className={clsx("max-w-[88%] min-w-0 space-y-1 sm:max-w-[75%]", !inbound && "items-end")}
      >
        <p className={clsx("flex items-center gap-1.5 text-xs text-slate-500", !inbound && "justify-end")}>
          <span className="font-medium text-slate-700">{author}</span>
          {!inbound && message.author === "ai" && <AiBadge approvedBy={person} />}
          {!inbound && message.author !== "ai" && message.fromAiDraft && <span className="text-slate-500">{t("ai.ui.basedOnDraft")}</span>}
          <ChannelBadge kind={channelKind} />
          <time dateTime={message.platformCreatedAt.toISOString()} title={formatDateTime(message.platformCreatedAt, locale)}>
            {formatTime(message.platformCreatedAt, locale)}
          </time>
        </p>
        {held && message.platformStatus && <HeldNotice status={message.platformStatus} />}
        <div
          className={clsx(
            "rounded-2xl px-4 py-2.5 text-sm leading-relaxed break-words whitespace-pre-wrap",
            held
              ? "border border-dashed border-amber-300 bg-white text-slate-500 italic"
              : inbound
                ? "rounded-tl-md bg-slate-100 text-slate-900"
                : message.deliveryState === "failed"
                  ? "rounded-tr-md bg-red-50 text-slate-900 ring-1 ring-red-200"
                  : "rounded-tr-md bg-brand-600 text-white",
          )}
        >
          {held && <span className="sr-only">{t("inbox.thread.heldText")}: </span>}
          {message.html && !held ? (
            // Sanitised on the server before it was stored (server/inbox/message-html.ts).
            <div className="message-html whitespace-normal" dangerouslySetInnerHTML={{ __html: message.html }} />
          ) : (
            message.text
          )}
        </div>
        {attachments.length > 0 && (
          <ul aria-label={t("inbox.thread.attachments")} className={clsx("flex flex-wrap gap-1.5", !inbound && "justify-end")}>
            {attachments.map((attachment, index) => (
              <li key={`${attachment.fileName}-${index}`}>
                {attachment.url ? (
                  <a
                    href={attachment.url}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-brand-700 hover:bg-slate-50"
                  >
                    <PaperclipIcon className="size-3.5" /> {attachment.fileName}
                  </a>
                ) : (
                  <span className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-700">
                    <PaperclipIcon className="size-3.5" /> {attachment.fileName}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {!inbound && <DeliveryState message={message} />}
      </article>
    </li>
  );
}

export function ThreadMessageSkeleton({ inbound }: { inbound: boolean }) {
  return (
    <li aria-hidden="true" className={clsx("flex animate-pulse", inbound ? "justify-start" : "justify-end")}>
      <div className="w-2/3 space-y-2">
        <div className={clsx("h-3 w-24 rounded bg-slate-200", !inbound && "ml-auto")} />
        <div className="h-16 rounded-2xl bg-slate-100" />
      </div>
    </li>
  );
}

