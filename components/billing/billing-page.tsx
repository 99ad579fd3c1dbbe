"use client";

import { useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import { formatNumber, formatPln } from "@/components/ai/format";
import type { AppRouter } from "@/server/api/root";
import { InvoicesList } from "./invoices-list";
import { SubscriptionCard } from "./subscription-card";
import { UsageChart } from "./usage-chart";

type Outputs = inferRouterOutputs<AppRouter>["billing"];
type Plan = Outputs["plans"][number];
type Interval = "month" | "year";

/** Subscriptions that already bill: changing plan is then the portal's job, not a second checkout. */
const BILLING_STATES = new Set(["active", "ending", "pastDue"]);

const pln = (grosze: number) => grosze / 100;
const micros = (value: bigint) => Number(value) / 1_000_000;

/** One limit of the plan and how much of it the company uses. */
function Meter({ label, used, limit, format }: { label: string; used: number; limit: number; format: (n: number) => string }) {
  const share = limit > 0 ? Math.min(used / limit, 1) : 1;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="text-slate-700">{label}</span>
        <span className="font-medium text-slate-900 tabular-nums">
          {format(used)} / {format(limit)}
        </span>
      </div>
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-100" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <div className={share >= 0.8 ? "h-full bg-amber-500" : "h-full bg-brand-600"} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

function Features({ plan }: { plan: Plan }) {
  const t = useT();
  const items: [boolean, string][] = [
    [plan.featureAutoSend, t("billing.features.autoSend")],
    [plan.featureOwnApiKey, t("billing.features.ownApiKey")],
    [plan.featureWebhookTools, t("billing.features.webhookTools")],
  ];
  return (
    <ul className="space-y-1 text-sm">
      {items.map(([on, label]) => (
        <li key={label} className={on ? "text-slate-800" : "text-slate-400 line-through"}>
          {label}
        </li>
      ))}
    </ul>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-3">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </div>
  );
}

/** Stripe's hosted Checkout for a plan: the browser leaves for Stripe and comes back to this page. */
function useCheckout() {
  const trpc = useTRPC();
  return useMutation(
    trpc.billing.startCheckout.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
}

/** The company's plan, its trial and usage against the plan's limits, the subscription, the price list and invoices. */
export function BillingPage() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const isAdmin = tenant.role === "owner" || tenant.role === "admin";
  const returned = useSearchParams().get("checkout");
  const [interval, setBillingInterval] = useState<Interval>("month");
  const overview = useQuery(trpc.billing.overview.queryOptions({ tenantSlug: tenant.slug }));
  const plans = useQuery(trpc.billing.plans.queryOptions({ tenantSlug: tenant.slug }));
  const checkout = useCheckout();
  const canBuy = isAdmin && overview.data?.stripeEnabled === true && !BILLING_STATES.has(overview.data.access.state);
  const count = (n: number) => formatNumber(n, locale);
  const money = (n: number) => formatPln(n, locale);
  const megabytes = (bytes: number) => `${formatNumber(Math.round(bytes / 1_048_576), locale)} MB`;

  return (
    <div className="space-y-6">
      {returned === "success" && <Alert tone="success">{t("billing.subscription.checkoutSuccess")}</Alert>}
      {returned === "canceled" && <Alert tone="info">{t("billing.subscription.checkoutCanceled")}</Alert>}
      {overview.data && <SubscriptionCard overview={overview.data} isAdmin={isAdmin} />}
      <CardSection title={t("billing.current.title")} description={t("billing.current.intro")}>
        {overview.isPending ? (
          <LoadingStatus />
        ) : overview.isError ? (
          <QueryError error={overview.error} title={t("billing.loadFailed")} onRetry={() => void overview.refetch()} />
        ) : (
          <div className="grid gap-6 md:grid-cols-2">
            <Section title={t("billing.current.plan")}>
              <p className="flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
                {overview.data.plan.name}
                {overview.data.trial?.active && <Badge tone="brand">{t("billing.trial.badge", { days: overview.data.trial.daysLeft })}</Badge>}
              </p>
              {overview.data.trial && (
                <p className="text-sm text-slate-600">
                  {t(overview.data.trial.active ? "billing.trial.endsOn" : "billing.trial.ended", {
                    date: new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(overview.data.trial.endsAt),
                  })}
                </p>
              )}
              <Features plan={overview.data.plan} />
              <p className="text-sm text-slate-600">{t("billing.current.fileSize", { size: megabytes(overview.data.plan.maxFileBytes) })}</p>
            </Section>
            <Section title={t("billing.usage.title")}>
              <Meter label={t("billing.usage.documents")} used={overview.data.usage.documents} limit={overview.data.plan.maxDocuments} format={count} />
              <Meter label={t("billing.usage.seats")} used={overview.data.usage.seats} limit={overview.data.plan.maxSeats} format={count} />
              <Meter label={t("billing.usage.channels")} used={overview.data.usage.channelAccounts} limit={overview.data.plan.maxChannelAccounts} format={count} />
              <Meter label={t("billing.usage.aiReplies")} used={overview.data.usage.aiReplies} limit={overview.data.plan.maxAiRepliesPerMonth} format={count} />
              <Meter label={t("billing.usage.aiBudget")} used={micros(overview.data.usage.aiSpentPlnMicros)} limit={micros(overview.data.plan.aiBudgetPlnMicros)} format={money} />
              <p className="text-sm text-slate-600">
                {t("billing.usage.volume", { messages: count(overview.data.usage.messagesReceived), tokens: count(overview.data.usage.tokens) })}
              </p>
            </Section>
          </div>
        )}
      </CardSection>

      <UsageChart />

      <CardSection title={t("billing.plans.title")} description={t("billing.plans.intro")}>
        {canBuy && (
          <div role="radiogroup" aria-label={t("billing.plans.title")} className="mb-4 inline-flex rounded-lg text-sm ring-1 ring-slate-300">
            {(["month", "year"] as const).map((value) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={interval === value}
                onClick={() => setBillingInterval(value)}
                className={interval === value ? "cursor-pointer rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white" : "cursor-pointer rounded-lg px-3 py-1.5 text-slate-700"}
              >
                {t(value === "month" ? "billing.plans.monthly" : "billing.plans.yearlyToggle")}
              </button>
            ))}
          </div>
        )}
        {plans.isPending ? (
          <LoadingStatus />
        ) : plans.isError ? (
          <QueryError error={plans.error} title={t("billing.loadFailed")} onRetry={() => void plans.refetch()} />
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {plans.data.map((plan) => (
              <li key={plan.id} className="space-y-3 rounded-lg border border-slate-200 p-4">
                <div className="flex items-baseline justify-between gap-3">
                  <h3 className="text-base font-semibold text-slate-900">{plan.name}</h3>
                  <p className="text-right text-sm text-slate-600">
                    <span className="text-lg font-semibold text-slate-900">{money(pln(plan.priceMonthlyGrosze))}</span> {t("billing.plans.perMonth")}
                    <br />
                    {t("billing.plans.yearly", { price: money(pln(plan.priceYearlyGrosze)) })}
                  </p>
                </div>
                <p className="text-sm text-slate-600">
                  {t("billing.plans.limits", {
                    documents: count(plan.maxDocuments),
                    seats: count(plan.maxSeats),
                    channels: count(plan.maxChannelAccounts),
                    replies: count(plan.maxAiRepliesPerMonth),
                  })}
                </p>
                <Features plan={plan} />
                {overview.data?.plan.id === plan.id && BILLING_STATES.has(overview.data.access.state) ? (
                  <Badge tone="brand">{t("billing.plans.current")}</Badge>
                ) : (
                  canBuy && (
                    <Button
                      onClick={() => checkout.mutate({ tenantSlug: tenant.slug, planId: plan.id, interval })}
                      loading={checkout.isPending && checkout.variables.planId === plan.id}
                      loadingText={t("billing.plans.redirecting")}
                      disabled={checkout.isPending}
                    >
                      {t("billing.plans.choose", { plan: plan.name })}
                    </Button>
                  )
                )}
              </li>
            ))}
          </ul>
        )}
        {checkout.isError && <QueryError error={checkout.error} title={t("billing.loadFailed")} className="mt-4" />}
        <div className="mt-4 space-y-3 text-sm text-slate-600">
          {overview.data && !overview.data.stripeEnabled ? (
            <Alert tone="info">{t("billing.plans.notConfigured")}</Alert>
          ) : (
            <p>{t(isAdmin ? "billing.plans.paymentMethods" : "billing.plans.adminOnly")}</p>
          )}
        </div>
      </CardSection>

      {isAdmin && overview.data?.stripeEnabled && <InvoicesList />}
    </div>
  );
}
