"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { httpStatusOf } from "@/components/forms/trpc-error";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";
import type { AppRouter } from "@/server/api/root";

type Panel = inferRouterOutputs<AppRouter>["platform"]["tenants"];
type Row = Panel["tenants"][number];

function Totals({ totals, money }: { totals: Panel["totals"]; money: (grosze: number) => string }) {
  const t = useT();
  const locale = useLocale();
  const items: [string, string][] = [
    [t("platform.totals.mrr"), money(totals.mrrGrosze)],
    [t("platform.totals.aiCost"), money(totals.aiCostGrosze)],
    [t("platform.totals.infra"), money(totals.infraCostGrosze)],
    [t("platform.totals.margin"), money(totals.marginGrosze)],
  ];
  const conversion =
    totals.trialConversion === null
      ? t("platform.totals.conversionNone")
      : t("platform.totals.conversionValue", {
          share: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(totals.trialConversion),
          count: totals.trialsEnded,
        });
  return (
    <Card className="space-y-3 p-5">
      <h2 className="text-sm font-semibold text-slate-900">{t("platform.totals.title")}</h2>
      <p className="text-sm text-slate-600">{t("platform.totals.tenants", { count: totals.tenants, paying: totals.paying, suspended: totals.suspended })}</p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600">
        {t("platform.totals.conversion")}: {conversion}
      </p>
      <p className="text-xs text-slate-500">{t("platform.totals.infraHint")}</p>
    </Card>
  );
}

/** Every company with its plan, subscription and economics; suspend and restore. */
export function PlatformTenants() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const panel = useQuery(trpc.platform.tenants.queryOptions());
  const [suspending, setSuspending] = useState<Row | null>(null);
  const [reason, setReason] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.platform.tenants.queryKey() });
  const suspend = useMutation(trpc.platform.suspend.mutationOptions({ onSuccess: () => (setSuspending(null), setReason(""), void refresh()) }));
  const unsuspend = useMutation(trpc.platform.unsuspend.mutationOptions({ onSuccess: () => void refresh() }));
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const money = (grosze: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "PLN" }).format(grosze / 100);

  if (panel.isPending) return <LoadingStatus />;
  if (panel.isError) {
    if (httpStatusOf(panel.error) === 403) return <Alert tone="warning">{t("errors.platformOnly")}</Alert>;
    return <QueryError error={panel.error} />;
  }
  if (panel.data.tenants.length === 0) return <p className="text-sm text-slate-500">{t("platform.empty")}</p>;

  return (
    <div className="space-y-6">
      <Totals totals={panel.data.totals} money={money} />
      <Card className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t("platform.tenants")}</caption>
          <thead className="bg-slate-50">
            <tr className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
              <th scope="col" className="px-5 py-3">{t("platform.name")}</th>
              <th scope="col" className="px-3 py-3">{t("platform.slug")}</th>
              <th scope="col" className="px-3 py-3">{t("platform.plan")}</th>
              <th scope="col" className="px-3 py-3">{t("platform.status")}</th>
              <th scope="col" className="px-3 py-3 text-right">{t("platform.mrr")}</th>
              <th scope="col" className="px-3 py-3 text-right">{t("platform.aiCost")}</th>
              <th scope="col" className="px-3 py-3 text-right">{t("platform.infraShare")}</th>
              <th scope="col" className="px-3 py-3 text-right">{t("platform.margin")}</th>
              <th scope="col" className="px-3 py-3 text-right">{t("platform.members")}</th>
              <th scope="col" className="px-3 py-3">{t("platform.owners")}</th>
              <th scope="col" className="px-3 py-3">{t("platform.created")}</th>
              <th scope="col" className="px-5 py-3" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {panel.data.tenants.map((tenant) => (
              <tr key={tenant.id}>
                <td className="px-5 py-3 font-medium text-slate-900">{tenant.name}</td>
                <td className="px-3 py-3 font-mono text-xs text-slate-600">{tenant.slug}</td>
                <td className="px-3 py-3 text-slate-700">{tenant.plan.name}</td>
                <td className="px-3 py-3 text-slate-700">
                  {tenant.suspension ? <Badge tone="violet">{t("platform.suspended")}</Badge> : (tenant.subscription?.status ?? t("platform.noSubscription"))}
                </td>
                <td className="px-3 py-3 text-right tabular-nums">{money(tenant.economics.mrrGrosze)}</td>
                <td className="px-3 py-3 text-right tabular-nums">{money(tenant.economics.aiCostGrosze)}</td>
                <td className="px-3 py-3 text-right tabular-nums">{money(tenant.economics.infraShareGrosze)}</td>
                <td className={tenant.economics.marginGrosze < 0 ? "px-3 py-3 text-right text-red-700 tabular-nums" : "px-3 py-3 text-right tabular-nums"}>
                  {money(tenant.economics.marginGrosze)}
                </td>
                <td className="px-3 py-3 text-right tabular-nums">{tenant.members}</td>
                <td className="px-3 py-3 text-slate-600">{tenant.owners.map((owner) => owner.email).join(", ")}</td>
                <td className="px-3 py-3 whitespace-nowrap text-slate-600">{dateFormat.format(tenant.createdAt)}</td>
                <td className="px-5 py-3 text-right">
                  {tenant.suspension ? (
                    <Button size="sm" variant="secondary" onClick={() => unsuspend.mutate({ tenantId: tenant.id })} loading={unsuspend.isPending && unsuspend.variables.tenantId === tenant.id}>
                      {t("platform.unsuspend")}
                    </Button>
                  ) : (
                    <Button size="sm" variant="danger-secondary" onClick={() => setSuspending(tenant)}>
                      {t("platform.suspend")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <ConfirmDialog
        open={suspending !== null}
        title={t("platform.suspendTitle", { name: suspending?.name ?? "" })}
        body={t("platform.suspendBody")}
        confirmLabel={t("platform.suspend")}
        pending={suspend.isPending}
        error={suspend.error}
        onConfirm={() => suspending && reason.trim() && suspend.mutate({ tenantId: suspending.id, reason })}
        onClose={() => setSuspending(null)}
      >
        <TextField label={t("platform.reason")} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
      </ConfirmDialog>
    </div>
  );
}
