"use client";

import type { ReactNode } from "react";
import { useLocale, useT } from "@/components/providers/i18n";
import { ChannelBadge } from "@/components/channels/channel-badge";
import { isMessageKey, type Locale } from "@/lib/i18n/messages";
import { ResponseClock } from "./response-clock";
import { readOrderSnapshot } from "@/lib/order-snapshot";
import { readOfferSnapshot } from "@/lib/offer-snapshot";
import { formatDateTime, formatDuration } from "./time-format";
import type { ThreadConversation } from "./types";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-b border-slate-100 px-5 py-4 last:border-b-0">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-1.5">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function formatMoney(amount: string, currency: string, locale: Locale): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** Known platform statuses get a human label; anything else is shown as the platform wrote it. */
function useStatusLabel() {
  const t = useT();
  return (group: "orderStatus" | "fulfillmentStatus", status: string) => {
    const key = `inbox.${group}.${status}`;
    return isMessageKey(key) ? t(key) : status;
  };
}

function OrderFacts({ conversation }: { conversation: ThreadConversation }) {
  const t = useT();
  const locale = useLocale();
  const statusLabel = useStatusLabel();
  const order = readOrderSnapshot(conversation.orderSnapshot);
  if (!order) {
    return (
      <p className="text-sm text-slate-500">
        {conversation.orderExternalId ? t("inbox.details.orderPending", { id: conversation.orderExternalId }) : t("inbox.details.noOrder")}
      </p>
    );
  }
  const boughtAt = order.boughtAt ? new Date(order.boughtAt) : null;
  return (
    <dl>
      <Row label={t("inbox.details.orderId")}>
        <span className="font-mono text-xs">{order.id}</span>
      </Row>
      {order.status && <Row label={t("inbox.details.orderStatus")}>{statusLabel("orderStatus", order.status)}</Row>}
      {order.fulfillmentStatus && <Row label={t("inbox.details.fulfillment")}>{statusLabel("fulfillmentStatus", order.fulfillmentStatus)}</Row>}
      {boughtAt && !Number.isNaN(boughtAt.getTime()) && <Row label={t("inbox.details.boughtAt")}>{formatDateTime(boughtAt, locale)}</Row>}
      {order.items.length > 0 && (
        <Row label={t("inbox.details.items")}>
          <ul className="space-y-1">
            {order.items.map((item, index) => (
              <li key={`${item.name}-${index}`}>
                <span className="text-slate-500">{t("inbox.details.quantity", { quantity: item.quantity })}</span> {item.name}
                {item.price && <span className="block text-xs text-slate-500">{item.price}</span>}
              </li>
            ))}
          </ul>
        </Row>
      )}
      {order.total && (
        <Row label={t("inbox.details.total")}>
          <span className="font-semibold">{formatMoney(order.total.amount, order.total.currency, locale)}</span>
        </Row>
      )}
      {order.deliveryMethod && <Row label={t("inbox.details.delivery")}>{order.deliveryMethod}</Row>}
      <Row label={t("inbox.details.tracking")}>
        {order.tracking.length === 0 ? (
          <span className="text-slate-500">{t("inbox.details.noTracking")}</span>
        ) : (
          <ul className="space-y-0.5">
            {order.tracking.map((parcel) => (
              <li key={parcel.waybill}>
                {parcel.carrier && <span className="text-slate-500">{parcel.carrier}: </span>}
                <span className="font-mono text-xs">{parcel.waybill}</span>
              </li>
            ))}
          </ul>
        )}
      </Row>
    </dl>
  );
}

function OfferFacts({ conversation, offerId }: { conversation: ThreadConversation; offerId: string }) {
  const t = useT();
  const locale = useLocale();
  const offer = readOfferSnapshot(conversation.offerSnapshot);
  if (!offer) return <p className="font-mono text-xs break-all text-slate-800">{offerId}</p>;
  return (
    <dl>
      {offer.name && <p className="mb-1 text-sm font-medium text-slate-900">{offer.name}</p>}
      <Row label={t("inbox.details.offerId")}>
        <span className="font-mono text-xs">{offer.id}</span>
      </Row>
      {offer.price && (
        <Row label={t("inbox.details.offerPrice")}>
          <span className="font-semibold">{formatMoney(offer.price.amount, offer.price.currency, locale)}</span>
        </Row>
      )}
      {offer.available !== undefined && <Row label={t("inbox.details.offerAvailable")}>{t("inbox.details.offerUnits", { count: offer.available })}</Row>}
      {offer.status && <Row label={t("inbox.details.offerStatus")}>{offer.status === "ACTIVE" ? t("inbox.details.offerActive") : offer.status === "ENDED" ? t("inbox.details.offerEnded") : offer.status}</Row>}
    </dl>
  );
}

/** Buyer, linked order and response clock: what a seller checks before answering. */
export function ConversationDetails({ conversation, buyer, now }: { conversation: ThreadConversation; buyer: string; now: number }) {
  const t = useT();
  const locale = useLocale();
  const waitingSince = conversation.awaitingReplySince;
  const due = conversation.replyDueAt;
  return (
    <div>
      <Section title={t("inbox.details.buyer")}>
        <p className="text-sm font-semibold text-slate-900">{buyer}</p>
        <dl className="mt-1">
          {conversation.customer && <Row label={t("inbox.details.login")}>{conversation.customer.externalId}</Row>}
          <Row label={t("inbox.details.channel")}>
            <span className="inline-flex flex-wrap items-center gap-1.5">
              <ChannelBadge kind={conversation.channelAccount.kind} /> {conversation.channelAccount.name}
            </span>
          </Row>
        </dl>
      </Section>
      <Section title={t("inbox.details.order")}>
        <OrderFacts conversation={conversation} />
      </Section>
      {conversation.offerExternalId && (
        <Section title={t("inbox.details.offer")}>
          <OfferFacts conversation={conversation} offerId={conversation.offerExternalId} />
        </Section>
      )}
      <Section title={t("inbox.details.responseTime")}>
        {waitingSince && due ? (
          <>
            <ResponseClock replyDueAt={due} now={now} />
            <dl className="mt-2">
              <Row label={t("inbox.details.waitingSince")}>{formatDateTime(waitingSince, locale)}</Row>
              <Row label={t("inbox.details.dueAt")}>{formatDateTime(due, locale)}</Row>
            </dl>
            <p className="mt-1 text-xs text-slate-500">
              {due.getTime() <= now
                ? t("inbox.clock.overdueLong", { time: formatDuration(now - due.getTime(), locale) })
                : t("inbox.clock.dueInLong", { time: formatDuration(due.getTime() - now, locale) })}
            </p>
          </>
        ) : (
          <p className="text-sm text-slate-500">{t("inbox.details.notWaiting")}</p>
        )}
        <dl className="mt-2">
          <Row label={t("inbox.details.started")}>{formatDateTime(conversation.createdAt, locale)}</Row>
        </dl>
      </Section>
    </div>
  );
}
