"use client";

import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { useCurrentTenant } from "@/components/shell/shell-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { QueryError } from "@/components/ui/query-error";
import type { AppRouter } from "@/server/api/root";
import { STATE_NOTICES } from "./billing-labels";

type Overview = inferRouterOutputs<AppRouter>["billing"]["overview"];

/** The subscription's state in words, its next date, and the way to Stripe's Customer Portal. */
export function SubscriptionCard({ overview, isAdmin }: { overview: Overview; isAdmin: boolean }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenant = useCurrentTenant();
  const portal = useMutation(trpc.billing.openPortal.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const { access, subscription } = overview;
  const date = (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(d);
  const until = access.until ? date(access.until) : "";
  const warning = access.aiPaused || access.state === "pastDue";
  const notice = STATE_NOTICES[access.state];

  return (
    <CardSection title={t("billing.subscription.title")} description={isAdmin && subscription ? t("billing.subscription.manageHint") : undefined}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <Badge tone={warning ? "violet" : "brand"}>{t(`billing.subscription.status.${access.state}`, { date: until })}</Badge>
            <span className="font-medium text-slate-900">{overview.plan.name}</span>
          </p>
          {access.state === "active" && access.until && <p className="text-sm text-slate-600">{t("billing.subscription.renews", { date: until })}</p>}
          {notice && (access.state === "pastDue" || access.aiPaused) && <p className="text-sm text-slate-600">{t(notice, { date: until })}</p>}
        </div>
        {isAdmin && subscription && (
          <Button variant="secondary" onClick={() => portal.mutate({ tenantSlug: tenant.slug })} loading={portal.isPending}>
            {t("billing.subscription.manage")}
          </Button>
        )}
      </div>
      {portal.isError && <QueryError error={portal.error} className="mt-3" />}
    </CardSection>
  );
}
