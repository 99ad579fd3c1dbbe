"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { isTenantAdmin } from "@/components/tenants/types";
import { useNow } from "@/components/inbox/use-now";
import { formatDateTime, formatRelative } from "@/components/inbox/time-format";
import type { InboxChannel } from "@/components/inbox/types";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DismissibleAlert } from "@/components/ui/dismissible-alert";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import type { MessageKey } from "@/lib/i18n/messages";
import { ChannelBadge } from "./channel-badge";
import { ChannelStatusBadge } from "./channel-status-badge";

/** What ?error=… from /api/marketplaces/allegro/connect means (AppError codes, lower-cased). */
const CONNECT_ERRORS: Record<string, MessageKey> = {
  not_configured: "channels.allegroNotConfigured",
  forbidden: "errors.forbidden",
  not_found: "errors.tenantNotFound",
  channel_limit: "billing.errors.channelLimitShort",
};

function connectUrl(slug: string) {
  return `/api/marketplaces/allegro/connect?tenant=${encodeURIComponent(slug)}`;
}

function ChannelRow({
  channel,
  admin,
  now,
  polling,
  onPoll,
  onDisconnect,
}: {
  channel: InboxChannel;
  admin: boolean;
  now: number;
  polling: boolean;
  onPoll: () => void;
  onDisconnect: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const tenant = useCurrentTenant();
  return (
    <li className="py-4 first:pt-0 last:pb-0">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1 space-y-1">
          <p className="flex flex-wrap items-center gap-2">
            <ChannelBadge kind={channel.kind} />
            <span className="font-medium text-slate-900">{channel.name}</span>
            <ChannelStatusBadge status={channel.status} />
          </p>
          <p className="text-sm text-slate-600">
            {channel.kind === "demo" ? (
              t("channels.testChannel")
            ) : channel.lastPolledAt ? (
              <span title={formatDateTime(channel.lastPolledAt, locale)}>
                {t("channels.lastPolled", { time: formatRelative(channel.lastPolledAt, now, locale) })}
              </span>
            ) : (
              t("channels.neverPolled")
            )}
          </p>
          {!channel.configured && <p className="text-sm text-amber-800">{t("channels.notConfigured")}</p>}
          {channel.lastError && channel.status !== "disconnected" && (
            <p className="text-sm break-words text-red-700">{t("channels.lastError", { error: channel.lastError })}</p>
          )}
        </div>
        {admin && channel.status !== "disconnected" && (
          <div role="group" aria-label={t("channels.channelActions", { name: channel.name })} className="flex shrink-0 gap-2">
            {channel.status === "active" && channel.kind !== "demo" && (
              <Button variant="secondary" size="sm" loading={polling} loadingText={t("channels.polling")} onClick={onPoll}>
                {t("channels.pollNow")}
              </Button>
            )}
            <Button variant="danger-secondary" size="sm" onClick={onDisconnect}>
              {t("channels.disconnect")}
            </Button>
          </div>
        )}
      </div>
      {channel.status === "reconnect_needed" && (
        <Alert
          tone="error"
          title={t("channels.reconnectTitle")}
          className="mt-3"
          action={
            admin && channel.kind === "allegro" ? (
              <a href={connectUrl(tenant.slug)} className={buttonClasses({ variant: "danger", size: "sm" })}>
                {t("channels.reconnect")}
              </a>
            ) : undefined
          }
        >
          {t("channels.reconnectBody", { name: channel.name })}
        </Alert>
      )}
    </li>
  );
}

function ConnectAllegro({ configured, admin }: { configured: boolean; admin: boolean }) {
  const t = useT();
  const tenant = useCurrentTenant();
  const explanationId = "allegro-not-configured";
  return (
    <CardSection title={t("channels.connectTitle")} description={t("channels.connectIntro")}>
      <div className="space-y-3">
        {!configured && (
          <p id={explanationId} className="text-sm text-slate-600">
            {t("channels.allegroNotConfigured")}
          </p>
        )}
        {configured && admin ? (
          <a href={connectUrl(tenant.slug)} className={buttonClasses({})}>
            {t("channels.connectAllegro")}
          </a>
        ) : (
          <Button disabled aria-describedby={configured ? undefined : explanationId}>
            {t("channels.connectAllegro")}
          </Button>
        )}
      </div>
    </CardSection>
  );
}

export function ChannelsSettings({
  allegroConfigured,
  connected,
  connectError,
}: {
  allegroConfigured: boolean;
  connected?: string;
  connectError?: string;
}) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tenant = useCurrentTenant();
  const admin = isTenantAdmin(tenant.role);
  const now = useNow();
  const channels = useQuery(trpc.inbox.channels.queryOptions({ tenantSlug: tenant.slug }));
  const [banner, setBanner] = useState<{ tone: "success" | "error"; text: string } | null>(() => {
    if (connected === "allegro") return { tone: "success", text: t("channels.connected") };
    if (connectError) return { tone: "error", text: t(CONNECT_ERRORS[connectError] ?? "channels.connectFailed") };
    return null;
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [disconnecting, setDisconnecting] = useState<InboxChannel | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.inbox.channels.queryKey() });

  const poll = useMutation(
    trpc.inbox.pollNow.mutationOptions({
      onMutate: () => setNotice(null),
      onSuccess: (_result, input) => {
        const channel = channels.data?.find((c) => c.id === input.channelAccountId);
        setNotice(t("channels.pollRequested", { name: channel?.name ?? "" }));
        // The poll runs in the background; look again once it has had time to finish.
        setTimeout(() => void refresh(), 3_000);
      },
      onSettled: () => refresh(),
    }),
  );
  const disconnect = useMutation(
    trpc.inbox.disconnectChannel.mutationOptions({
      onSuccess: async () => {
        setDisconnecting(null);
        setNotice(t("channels.disconnected"));
        await refresh();
      },
    }),
  );

  // A one-off message from the OAuth round trip: dismissing it also drops it from the URL,
  // so a reload does not repeat it.
  function dismissBanner() {
    setBanner(null);
    window.history.replaceState(null, "", window.location.pathname);
  }

  return (
    <div className="space-y-6">
      {banner && (
        <DismissibleAlert tone={banner.tone} onDismiss={dismissBanner} dismissLabel={t("channels.dismiss")}>
          {banner.text}
        </DismissibleAlert>
      )}
      {!admin && <Alert tone="info">{t("channels.readOnly")}</Alert>}
      <CardSection title={t("channels.title")} description={t("channels.intro")}>
        <div className="space-y-4">
          {notice && <Alert tone="success">{notice}</Alert>}
          {poll.isError && <QueryError error={poll.error} />}
          {channels.isPending && <LoadingStatus />}
          {channels.isError && <QueryError error={channels.error} onRetry={() => void channels.refetch()} />}
          {channels.data?.length === 0 && <p className="text-sm text-slate-500">{t("channels.empty")}</p>}
          {channels.data && channels.data.length > 0 && (
            <ul aria-label={t("channels.listTitle")} className="divide-y divide-slate-100">
              {channels.data.map((channel) => (
                <ChannelRow
                  key={channel.id}
                  channel={channel}
                  admin={admin}
                  now={now}
                  polling={poll.isPending && poll.variables.channelAccountId === channel.id}
                  onPoll={() => poll.mutate({ tenantSlug: tenant.slug, channelAccountId: channel.id })}
                  onDisconnect={() => {
                    disconnect.reset();
                    setDisconnecting(channel);
                  }}
                />
              ))}
            </ul>
          )}
        </div>
      </CardSection>
      <ConnectAllegro configured={allegroConfigured} admin={admin} />
      <ConfirmDialog
        open={disconnecting !== null}
        title={t("channels.confirmDisconnect", { name: disconnecting?.name ?? "" })}
        body={t("channels.disconnectBody")}
        confirmLabel={t("channels.disconnect")}
        pendingLabel={t("channels.disconnecting")}
        pending={disconnect.isPending}
        error={disconnect.error}
        onConfirm={() => disconnecting && disconnect.mutate({ tenantSlug: tenant.slug, channelAccountId: disconnecting.id })}
        onClose={() => setDisconnecting(null)}
      />
    </div>
  );
}
