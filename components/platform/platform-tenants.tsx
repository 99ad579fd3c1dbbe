"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useT } from "@/components/providers/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { httpStatusOf } from "@/components/forms/trpc-error";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { LoadingStatus } from "@/components/ui/loading-status";
import { QueryError } from "@/components/ui/query-error";

export function PlatformTenants() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const tenants = useQuery(trpc.platform.tenants.queryOptions());
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });

  if (tenants.isPending) return <LoadingStatus />;
  if (tenants.isError) {
    if (httpStatusOf(tenants.error) === 403) return <Alert tone="warning">{t("errors.platformOnly")}</Alert>;
    return <QueryError error={tenants.error} />;
  }
  if (tenants.data.length === 0) return <p className="text-sm text-slate-500">{t("platform.empty")}</p>;

  return (
    <Card className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("platform.tenants")}</caption>
        <thead className="bg-slate-50">
          <tr className="text-left text-xs font-medium tracking-wide text-slate-500 uppercase">
            <th scope="col" className="px-5 py-3">
              {t("platform.name")}
            </th>
            <th scope="col" className="px-3 py-3">
              {t("platform.slug")}
            </th>
            <th scope="col" className="px-3 py-3 text-right">
              {t("platform.members")}
            </th>
            <th scope="col" className="px-3 py-3">
              {t("platform.owners")}
            </th>
            <th scope="col" className="px-5 py-3">
              {t("platform.created")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tenants.data.map((tenant) => (
            <tr key={tenant.id}>
              <td className="px-5 py-3 font-medium text-slate-900">{tenant.name}</td>
              <td className="px-3 py-3 font-mono text-xs text-slate-600">{tenant.slug}</td>
              <td className="px-3 py-3 text-right tabular-nums">{tenant.members}</td>
              <td className="px-3 py-3 text-slate-600">{tenant.owners.map((owner) => owner.email).join(", ")}</td>
              <td className="px-5 py-3 whitespace-nowrap text-slate-600">{dateFormat.format(tenant.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
